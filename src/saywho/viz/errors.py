"""`saywho errors`: a system's predictions beside the gold, document by document, with every difference marked:
missed, spurious and boundary-mismatched spans of each label, and quotes given the wrong speaker or stance.

Spans are paired one to one by overlap (saywho.matching.overlap_pairs, as the scorer does) within each label;
speakers are compared as the scorer's speaker_accuracy does, by the set of speaker_ids of overlap-matched quotes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from saywho.document import Document, Span
from saywho.eval.metrics import speaker_ids
from saywho.inventory import ATTRIBUTION_LABELS, ENTITY_LABELS, LABELS
from saywho.matching import overlap_pairs
from saywho.viz.article import ArticleView, Mark, article_view
from saywho.viz.pages import write_page
from saywho.viz.paths import ERRORS, page_name

SPAN_KINDS = ("exact", "boundary", "missed", "spurious")
ERROR_KINDS = ("missed", "spurious", "boundary", "wrong-speaker", "wrong-stance")


@dataclass
class Comparison:
    """The marks to draw on each side and the counts: (label, kind) for spans, ("QUOTE", kind) for quote errors,
    (label, "gold") and (label, "system") for the totals."""

    gold: dict[str, Mark] = field(default_factory=dict)
    system: dict[str, Mark] = field(default_factory=dict)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def mark(self, side: dict[str, Mark], span: Span, kind: str, note: str) -> None:
        side[span.id] = side.get(span.id, Mark()).plus(Mark((f"err-{kind}",), (note,)))


def errors_by_kind(counts: Counter[tuple[str, str]]) -> dict[str, int]:
    """How many errors of each kind, over all labels."""
    return {kind: sum(n for (_, counted), n in counts.items() if counted == kind) for kind in ERROR_KINDS}


def compare(gold: Document, system: Document,
            labels: tuple[str, ...] = ATTRIBUTION_LABELS + ENTITY_LABELS) -> Comparison:
    """Every difference between the gold and the system's annotation of one document, for the labels given."""
    comparison = Comparison()
    for label in labels:
        pairs = _compare_spans(comparison, gold, system, label)
        if label == "QUOTE":
            for gold_quote, system_quote in pairs:
                _compare_quote(comparison, gold, system, gold_quote, system_quote)
    return comparison


def _compare_spans(comparison: Comparison, gold: Document, system: Document, label: str) -> list[tuple[Span, Span]]:
    gold_spans, system_spans = gold.labelled(label), system.labelled(label)
    comparison.counts[label, "gold"] += len(gold_spans)
    comparison.counts[label, "system"] += len(system_spans)
    pairs = overlap_pairs(gold_spans, system_spans)
    for g, s in pairs:
        exact = (g.start, g.end) == (s.start, s.end)
        comparison.counts[label, "exact" if exact else "boundary"] += 1
        if not exact:
            comparison.mark(comparison.gold, g, "boundary", f"boundary: the system has {_quoted(system, s)}")
            comparison.mark(comparison.system, s, "boundary", f"boundary: the gold has {_quoted(gold, g)}")
    paired_gold, paired_system = {g.id for g, _ in pairs}, {s.id for _, s in pairs}
    for g in gold_spans:
        if g.id not in paired_gold:
            comparison.counts[label, "missed"] += 1
            comparison.mark(comparison.gold, g, "missed", f"missed: no system {label} overlaps it")
    for s in system_spans:
        if s.id not in paired_system:
            comparison.counts[label, "spurious"] += 1
            comparison.mark(comparison.system, s, "spurious", f"spurious: no gold {label} overlaps it")
    return pairs


def _compare_quote(comparison: Comparison, gold: Document, system: Document, g: Span, s: Span) -> None:
    gold_speakers, system_speakers = speaker_ids(gold, g), speaker_ids(system, s)
    if gold_speakers != system_speakers:
        comparison.counts["QUOTE", "wrong-speaker"] += 1
        note = f"wrong speaker: gold {_names(gold_speakers)}, system {_names(system_speakers)}"
        comparison.mark(comparison.gold, g, "speaker", note)
        comparison.mark(comparison.system, s, "speaker", note)
    # No stance is no answer (a system may do one task only); a stance toward another target answers another
    # question, so the scorer counts it wrong, and so does this page.
    if s.stance is not None and (g.stance, g.target) != (s.stance, s.target):
        comparison.counts["QUOTE", "wrong-stance"] += 1
        note = f"wrong stance: gold {g.stance} toward {g.target}, system {s.stance} toward {s.target}"
        comparison.mark(comparison.gold, g, "stance", note)
        comparison.mark(comparison.system, s, "stance", note)


def _quoted(doc: Document, span: Span) -> str:
    return f"“{doc.text[span.start:span.end]}” [{span.start}–{span.end}]"


def _names(ids: frozenset[str]) -> str:
    return ", ".join(sorted(i or "?" for i in ids)) or "none"


@dataclass(frozen=True)
class DocumentErrors:
    gold: ArticleView
    system: ArticleView
    errors: dict[str, int]  # by kind

    @property
    def total(self) -> int:
        return sum(self.errors.values())


def attempted_labels(predictions: dict[str, Document]) -> tuple[str, ...]:
    """The labels of the layers the system predicts at all: a system may do one task only, and a layer it never
    predicts would mark every gold span of that layer as missed."""
    layers = {span.layer for doc in predictions.values() for span in doc.spans}
    return tuple(label for label in ATTRIBUTION_LABELS + ENTITY_LABELS if LABELS[label].layer in layers)


def summary_rows(counts: Counter[tuple[str, str]], labels: tuple[str, ...]) -> list[tuple[str, list[int]]]:
    """The summary table: per label compared, gold and system totals and the span kinds."""
    return [(label, [counts[label, kind] for kind in ("gold", "system", *SPAN_KINDS)]) for label in labels]


def write_errors_page(system_name: str, split: str, gold: list[Document], predictions: dict[str, Document],
                      pages: Path) -> tuple[Path, dict[str, int]]:
    """Write pages/errors/<system>.html; a document without a prediction is compared with an empty one.
    Returns the path and the errors by kind."""
    labels = attempted_labels(predictions)
    documents, totals = [], Counter()
    for doc in gold:
        system = predictions.get(doc.doc_id) or replace(doc, spans=(), relations=())
        comparison = compare(doc, system, labels)
        totals.update(comparison.counts)
        documents.append(DocumentErrors(article_view(doc, comparison.gold), article_view(system, comparison.system),
                                        errors_by_kind(comparison.counts)))
    path = write_page(pages / ERRORS / page_name(system_name), "errors.html.j2", system=system_name, split=split,
                      documents=documents, summary=summary_rows(totals, labels), totals=totals,
                      kinds=("gold", "system", *SPAN_KINDS),
                      skipped=[label for label in ATTRIBUTION_LABELS + ENTITY_LABELS if label not in labels])
    return path, errors_by_kind(totals)

