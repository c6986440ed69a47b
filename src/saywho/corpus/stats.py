"""Corpus statistics: counted from documents, printed by `saywho stats`, written into the dataset card."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from saywho.document import Document, document_from_json
from saywho.inventory import ENTITY_LABELS, FORMS, MENTIONS, PROVENANCES, STANCES
from saywho.phenomena import PHENOMENA, hard_negatives, quote_phenomena
from saywho.tokenize import tokenize

SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class CorpusStats:
    """Counts per split; `rows` is an ordered list of (section, name, {split: count})."""

    splits: tuple[str, ...]
    rows: tuple[tuple[str, str, dict[str, int]], ...]

    def count(self, section: str, name: str, split: str = "all") -> int:
        for row_section, row_name, counts in self.rows:
            if (row_section, row_name) == (section, name):
                return counts.get(split, 0)
        raise KeyError((section, name))

    def to_markdown(self) -> str:
        columns = [*self.splits, "all"]
        out = []
        section_now = None
        for section, name, counts in self.rows:
            if section != section_now:
                out += ["", f"| {section} | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
                section_now = section
            out.append(f"| {name} | " + " | ".join(f"{counts.get(c, 0):,}" for c in columns) + " |")
        return "\n".join(out).strip() + "\n"


def corpus_stats(by_split: dict[str, list[Document]]) -> CorpusStats:
    """Count documents, quotes, spans and their attributes per split and over all splits."""
    splits = tuple(s for s in SPLITS if s in by_split)
    rows: list[tuple[str, str, dict[str, int]]] = []

    def add(section: str, name: str, count) -> None:
        counts = {split: count(by_split[split]) for split in splits}
        counts["all"] = sum(counts.values())
        rows.append((section, name, counts))

    quotes = lambda docs: [(d, q) for d in docs for q in d.labelled("QUOTE")]  # noqa: E731
    add("size", "events", lambda docs: len({d.event_id for d in docs}))
    add("size", "documents", len)
    add("size", "tokens", lambda docs: sum(len(tokenize(d.text)) for d in docs))
    for label in ("QUOTE", "SPEAKER", "CUE"):
        add("size", f"{label} spans", lambda docs, label=label: sum(len(d.labelled(label)) for d in docs))
    add("size", "entity spans", lambda docs: sum(len(d.layer("entity")) for d in docs))
    add("size", "statements reported by 2+ outlets", _shared_statements)
    add("size", "hard negatives (quotation marks, not a quote)", lambda docs: sum(len(hard_negatives(d)) for d in docs))
    for value in PROVENANCES:
        add("provenance (documents)", value, lambda docs, v=value: sum(d.provenance == v for d in docs))
    for label in ENTITY_LABELS:
        add("entities", label, lambda docs, label=label: sum(len(d.labelled(label)) for d in docs))
    for value in FORMS:
        add("quote form", value, lambda docs, v=value: sum(q.form == v for _, q in quotes(docs)))
    for value in STANCES:
        add("quote stance", value, lambda docs, v=value: sum(q.stance == v for _, q in quotes(docs)))
    for value in MENTIONS:
        add("speaker mention", value, lambda docs, v=value: sum(s.mention == v for d in docs for s in d.labelled("SPEAKER")))
    for tag in PHENOMENA:
        add("quote phenomena", tag, lambda docs, t=tag: sum(t in quote_phenomena(d, q) for d, q in quotes(docs)))
    return CorpusStats(splits, tuple(rows))


def _shared_statements(docs: list[Document]) -> int:
    outlets: dict[tuple[str, str], set[str]] = {}
    for doc in docs:
        for quote in doc.labelled("QUOTE"):
            outlets.setdefault((doc.event_id, quote.statement_id), set()).add(doc.outlet)
    return sum(len(names) > 1 for names in outlets.values())


def load_built(corpus: Path, splits: tuple[str, ...] = SPLITS) -> dict[str, list[Document]]:
    """The documents of each split of a built corpus, read from its documents config."""
    folder = corpus / "data" / "documents"
    by_split = {}
    for split in splits:
        path = folder / f"{split}.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                by_split[split] = [document_from_json(json.loads(line)) for line in lines]
    return by_split
