"""The metric registry: each metric counts per document, then scores from summed counts.

Counting per document and scoring from sums is what lets the bootstrap resample documents without re-running
the scorer: a resample is a weighted sum of the per-document count rows (see bootstrap.py).

Span metrics project gold and predicted spans onto the canonical tokens as IOB2 (a predicted span off token
boundaries is widened to the tokens it touches) and count chunks with seqeval's strict IOB2 chunker, in
`strict_chunks`: the one place seqeval is called.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import combinations
from typing import Callable

import numpy as np
from seqeval.scheme import IOB2, Entities

from saywho.bio import spans_to_bio
from saywho.document import Document, Span
from saywho.inventory import ATTRIBUTION_LABELS, ENTITY_LABELS, FORMS, STANCES
from saywho.matching import overlap_pairs
from saywho.phenomena import PHENOMENA, quote_phenomena
from saywho.tokenize import Token, tokenize, widen_to_tokens

Counts = dict[str, int]
Scores = dict[str, float]  # values are floats, or arrays of floats when scoring bootstrap resamples


@dataclass
class DocPair:
    """The gold and the predicted annotation of one document, with what several metrics derive from them.

    The prediction is widened to canonical tokens once, here, so that every metric sees the same spans.
    """

    gold: Document
    pred: Document

    def __post_init__(self) -> None:
        self.pred = widened(self.pred, self.tokens)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tokenize(self.gold.text)

    @cached_property
    def quote_pairs(self) -> list[tuple[Span, Span]]:
        """Gold quotes matched one to one with overlapping predicted quotes."""
        return overlap_pairs(self.gold.labelled("QUOTE"), self.pred.labelled("QUOTE"))


def widened(doc: Document, tokens: tuple[Token, ...]) -> Document:
    """The document with every span widened to the tokens it touches; a span that touches none is dropped (the
    submission validator rejects such spans, so only unvalidated input can have them)."""
    spans = []
    for span in doc.spans:
        covered = widen_to_tokens(tokens, span.start, span.end)
        if covered is not None:
            spans.append(replace(span, start=tokens[covered[0]].start, end=tokens[covered[1] - 1].end))
    return replace(doc, spans=tuple(spans))


@dataclass(frozen=True)
class Metric:
    """A metric: per-document counts, scores from summed counts, and the score the leaderboard shows."""

    name: str
    description: str
    count: Callable[[list[DocPair]], list[Counts]]
    score: Callable[[dict[str, np.ndarray | float]], Scores]
    main_score: str
    higher_is_better: bool = True


def strict_chunks(tags: list[str]) -> set[tuple[str, int, int]]:
    """Chunks (type, first token, end token) as seqeval counts them with mode="strict", scheme=IOB2."""
    return {(entity.tag, entity.start, entity.end) for entity in Entities([tags], IOB2, suffix=False).entities[0]}


def ratio(numerator, denominator):
    """numerator / denominator, 0 where the denominator is 0; works on floats and on arrays."""
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    result = np.divide(numerator, denominator, out=np.zeros(np.broadcast(numerator, denominator).shape),
                       where=denominator != 0)
    return result if result.shape else float(result)


def prf(counts, prefix: str) -> Scores:
    """Precision, recall and F1 from `<prefix>.tp`, `<prefix>.pred` and `<prefix>.true` counts."""
    tp, pred, true = counts[f"{prefix}.tp"], counts[f"{prefix}.pred"], counts[f"{prefix}.true"]
    return {f"{prefix}.precision": ratio(tp, pred), f"{prefix}.recall": ratio(tp, true),
            f"{prefix}.f1": ratio(2 * np.asarray(tp), np.asarray(pred) + np.asarray(true))}


def _per_doc(count_one: Callable[[DocPair], Counts]) -> Callable[[list[DocPair]], list[Counts]]:
    return lambda pairs: [count_one(pair) for pair in pairs]


def _set_counts(prefix: str, gold: set, pred: set) -> Counts:
    return {f"{prefix}.tp": len(gold & pred), f"{prefix}.pred": len(pred), f"{prefix}.true": len(gold)}


# --- span layers, seqeval strict ------------------------------------------------------------------------------

def _chunk_counts(labels: tuple[str, ...]) -> Callable[[DocPair], Counts]:
    def count(pair: DocPair) -> Counts:
        def chunks(doc: Document) -> set[tuple[str, int, int]]:
            return strict_chunks(spans_to_bio(pair.tokens, tuple(s for s in doc.spans if s.label in labels)))
        gold, pred = chunks(pair.gold), chunks(pair.pred)
        counts: Counts = {}
        for label in labels:
            counts.update(_set_counts(label, {c for c in gold if c[0] == label}, {c for c in pred if c[0] == label}))
        counts.update(_set_counts("micro", gold, pred))
        return counts
    return count


def _chunk_scores(labels: tuple[str, ...]) -> Callable[[dict], Scores]:
    def score(counts) -> Scores:
        scores = prf(counts, "micro")
        for label in labels:
            scores.update(prf(counts, label))
        return scores
    return score


# --- quotes, partial credit ---------------------------------------------------------------------------------

def _quote_tokens(pair: DocPair, doc: Document) -> set[int]:
    covered: set[int] = set()
    for quote in doc.labelled("QUOTE"):
        widened = widen_to_tokens(pair.tokens, quote.start, quote.end)
        if widened:
            covered.update(range(*widened))
    return covered


def _count_quote_overlap(pair: DocPair) -> Counts:
    return _set_counts("tokens", _quote_tokens(pair, pair.gold), _quote_tokens(pair, pair.pred))


# --- attribution ----------------------------------------------------------------------------------------------

def speaker_ids(doc: Document, quote: Span) -> frozenset[str]:
    """The canonical speakers of a quote (empty when the speaker is never mentioned)."""
    ids = {span.id: span.speaker_id for span in doc.labelled("SPEAKER")}
    return frozenset(ids.get(i) or "" for i in doc.related(quote.id, "said_by"))


def _attribution_tuples(doc: Document) -> set[tuple]:
    spans = {span.id: span for span in doc.spans}
    tuples = set()
    for quote in doc.labelled("QUOTE"):
        cues = tuple(sorted((spans[i].start, spans[i].end) for i in doc.related(quote.id, "cued_by") if i in spans))
        tuples.add((quote.start, quote.end, cues, speaker_ids(doc, quote)))
    return tuples


def _count_attribution(pair: DocPair) -> Counts:
    correct = sum(speaker_ids(pair.gold, g) == speaker_ids(pair.pred, p) for g, p in pair.quote_pairs)
    counts = {"matched": len(pair.quote_pairs), "speaker_correct": correct, "gold_quotes": len(pair.gold.labelled("QUOTE"))}
    counts.update(_set_counts("tuple", _attribution_tuples(pair.gold), _attribution_tuples(pair.pred)))
    return counts


def _score_attribution(counts) -> Scores:
    return {"speaker_accuracy": ratio(counts["speaker_correct"], counts["matched"]),
            "speaker_recall": ratio(counts["speaker_correct"], counts["gold_quotes"]), **prf(counts, "tuple")}


# --- stance ---------------------------------------------------------------------------------------------------

def _count_stance(pair: DocPair) -> Counts:
    counts: Counts = {f"{label}.{kind}": 0 for label in STANCES for kind in ("tp", "pred", "true")}
    predicted = {id(g): p for g, p in pair.quote_pairs}
    for quote in pair.gold.labelled("QUOTE"):
        match = predicted.get(id(quote))
        # A stance toward another target than the gold one is no answer for the gold target.
        label = match.stance if match is not None and match.target == quote.target else None
        counts[f"{quote.stance}.true"] += 1
        if label in STANCES:
            counts[f"{label}.pred"] += 1
            counts[f"{label}.tp"] += label == quote.stance
    counts.update(_set_counts("end_to_end", _stance_tuples(pair.gold), _stance_tuples(pair.pred)))
    return counts


def _stance_tuples(doc: Document) -> set[tuple[str, str, str]]:
    return {(speaker, quote.target, quote.stance) for quote in doc.labelled("QUOTE") if quote.stance
            for speaker in speaker_ids(doc, quote)}


def _score_stance(counts) -> Scores:
    scores: Scores = {}
    for label in STANCES:
        scores.update(prf(counts, label))
    # Macro over the labels that occur in the gold or the predictions (as sklearn does without `labels`).
    present = [np.asarray(counts[f"{label}.true"]) + np.asarray(counts[f"{label}.pred"]) > 0 for label in STANCES]
    total = sum(np.asarray(scores[f"{label}.f1"]) * mask for label, mask in zip(STANCES, present))
    scores["macro_f1"] = ratio(total, sum(mask.astype(float) for mask in present))
    scores["f_avg"] = (scores["FAVOR.f1"] + scores["AGAINST.f1"]) / 2  # SemEval-2016 Task 6
    scores.update(prf(counts, "end_to_end"))
    return scores


# --- cross-outlet statement alignment -------------------------------------------------------------------------

def _count_alignment(pairs: list[DocPair]) -> list[Counts]:
    """Pairs of quotes in two documents of one event that share a statement_id.

    A predicted quote stands for the gold quote it is matched to; a predicted pair is right when both its quotes are
    matched and the gold pair shares a statement. Each pair is counted in the first of its two documents.
    """
    rows: list[Counts] = [{"pairs.tp": 0, "pairs.pred": 0, "pairs.true": 0} for _ in pairs]
    by_event: dict[str, list[int]] = defaultdict(list)
    for index, pair in enumerate(pairs):
        by_event[pair.gold.event_id].append(index)
    for members in by_event.values():
        gold_of = {}  # id(predicted quote) -> (document index, gold quote)
        for index in members:
            gold_of.update({id(p): (index, g) for g, p in pairs[index].quote_pairs})
        gold_pairs = set(_statement_pairs([(i, q) for i in members for q in pairs[i].gold.labelled("QUOTE")]))
        pred_pairs = _statement_pairs([(i, q) for i in members for q in pairs[i].pred.labelled("QUOTE")])
        for (i, _), _ in gold_pairs:
            rows[i]["pairs.true"] += 1
        for (i, a), (_, b) in pred_pairs:
            rows[i]["pairs.pred"] += 1
            if id(a) in gold_of and id(b) in gold_of:
                mapped = (gold_of[id(a)], gold_of[id(b)])
                rows[i]["pairs.tp"] += mapped in gold_pairs or mapped[::-1] in gold_pairs
    return rows


def _statement_pairs(quotes: list[tuple[int, Span]]) -> list:
    """Pairs ((doc index, quote), (doc index, quote)) from different documents that share a statement_id."""
    return [(a, b) for a, b in combinations(quotes, 2)
            if a[0] != b[0] and a[1].statement_id and a[1].statement_id == b[1].statement_id]


# --- breakdowns -----------------------------------------------------------------------------------------------

def _count_quote_breakdown(pair: DocPair) -> Counts:
    """Recall of gold quotes per form and per phenomenon tag, exact and by overlap."""
    counts: Counts = defaultdict(int)
    exact = {(p.start, p.end) for p in pair.pred.labelled("QUOTE")}
    matched = {id(g) for g, _ in pair.quote_pairs}
    for quote in pair.gold.labelled("QUOTE"):
        for group in [f"form={quote.form}"] + [f"phenomenon={tag}" for tag in quote_phenomena(pair.gold, quote)]:
            counts[f"{group}.true"] += 1
            counts[f"{group}.exact"] += (quote.start, quote.end) in exact
            counts[f"{group}.overlap"] += id(quote) in matched
    return dict(counts)


BREAKDOWN_GROUPS = tuple(f"form={form}" for form in FORMS) + tuple(f"phenomenon={tag}" for tag in PHENOMENA)


def _score_quote_breakdown(counts) -> Scores:
    scores: Scores = {}
    for group in BREAKDOWN_GROUPS:
        true = counts[f"{group}.true"]
        scores[f"{group}.exact_recall"] = ratio(counts[f"{group}.exact"], true)
        scores[f"{group}.overlap_recall"] = ratio(counts[f"{group}.overlap"], true)
    return scores


# --- the registry -----------------------------------------------------------------------------------------------

METRICS: dict[str, Metric] = {metric.name: metric for metric in (
    Metric("entities", "entity spans, seqeval strict IOB2 on canonical tokens, micro and per type",
           _per_doc(_chunk_counts(ENTITY_LABELS)), _chunk_scores(ENTITY_LABELS), "micro.f1"),
    Metric("attribution_spans", "QUOTE, SPEAKER and CUE spans, seqeval strict IOB2, micro and per type",
           _per_doc(_chunk_counts(ATTRIBUTION_LABELS)), _chunk_scores(ATTRIBUTION_LABELS), "QUOTE.f1"),
    Metric("quote_overlap", "QUOTE tokens: partial credit for fuzzy quote boundaries",
           _per_doc(_count_quote_overlap), lambda c: prf(c, "tokens"), "tokens.f1"),
    Metric("attribution", "speaker_id of matched gold quotes; (quote, cue, speakers) tuple F1",
           _per_doc(_count_attribution), _score_attribution, "tuple.f1"),
    Metric("stance", "stance of gold quotes (via the matched prediction): macro-F1, F_avg; (speaker, target, stance) F1",
           _per_doc(_count_stance), _score_stance, "macro_f1"),
    Metric("alignment", "pairs of quotes of one event in two outlets that share a statement: pairwise P/R/F1",
           _count_alignment, lambda c: prf(c, "pairs"), "pairs.f1"),
    Metric("quote_breakdown", "recall of gold quotes per form and phenomenon tag, exact and overlap",
           _per_doc(_count_quote_breakdown), _score_quote_breakdown, "form=direct.exact_recall"),
)}


def count_matrix(metric: Metric, pairs: list[DocPair]) -> tuple[tuple[str, ...], np.ndarray]:
    """The metric's per-document counts as a (documents x keys) matrix, keys sorted."""
    rows = metric.count(pairs)
    keys = tuple(sorted({key for row in rows for key in row}))
    return keys, np.array([[row.get(key, 0) for key in keys] for row in rows], dtype=np.int64).reshape(len(rows), len(keys))


def scores_from(keys: tuple[str, ...], summed: np.ndarray, metric: Metric) -> Scores:
    """Scores from summed counts: a vector (one sample) or a matrix (one row per bootstrap resample)."""
    counts = {key: summed[..., index] for index, key in enumerate(keys)}
    return metric.score(_Defaulting(counts, summed.shape[:-1]))


class _Defaulting(dict):
    """Counts that read as 0 when a key never occurred (e.g. a label no document has)."""

    def __init__(self, counts, shape):
        super().__init__(counts)
        self.shape = shape

    def __missing__(self, key):
        return np.zeros(self.shape) if self.shape else 0
