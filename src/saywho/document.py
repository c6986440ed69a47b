"""The document model: an article's text, its spans in two layers, and the relations between them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from saywho.inventory import ATTRIBUTION_LAYER, ENTITY_LAYER, LABELS


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled slice of Document.text; end is exclusive, so text[start:end] is the surface form.

    QUOTE spans carry form, stance, target, statement_id and speaker_unmentioned; SPEAKER spans carry
    speaker_id and mention; every other attribute stays None.
    """

    id: str
    start: int
    end: int
    label: str
    form: str | None = None
    stance: str | None = None
    target: str | None = None
    statement_id: str | None = None
    speaker_unmentioned: bool = False
    speaker_id: str | None = None
    mention: str | None = None

    @property
    def layer(self) -> str:
        """The layer of the label; 'unknown' for a label outside the inventory (the validator reports it)."""
        return LABELS[self.label].layer if self.label in LABELS else "unknown"


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed link from a QUOTE span to its SPEAKER (said_by) or CUE (cued_by) span."""

    type: str
    from_id: str
    to_id: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article with its gold (or predicted) annotation and the metadata of its event."""

    doc_id: str
    event_id: str
    outlet: str
    outlet_style: str
    date: str
    provenance: str
    topic: str
    text: str
    targets: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()

    def layer(self, name: str) -> tuple[Span, ...]:
        """The spans of one layer, in canonical order."""
        return tuple(span for span in self.spans if span.layer == name)

    def labelled(self, label: str) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if span.label == label)

    def span(self, span_id: str) -> Span:
        for candidate in self.spans:
            if candidate.id == span_id:
                return candidate
        raise KeyError(f"{self.doc_id} has no span {span_id!r}")

    def related(self, quote_id: str, relation: str) -> tuple[str, ...]:
        """Ids of the spans a quote points to through one relation type, in relation order."""
        return tuple(r.to_id for r in self.relations if r.type == relation and r.from_id == quote_id)


def canonical(doc: Document) -> Document:
    """The same document with spans and relations in one fixed order, so equal annotations compare equal."""
    spans = tuple(sorted(doc.spans, key=lambda s: (s.start, -s.end, s.layer, s.label, s.id)))
    relations = tuple(sorted(set(doc.relations), key=lambda r: (r.from_id, r.type, r.to_id)))
    return replace(doc, spans=spans, relations=relations)


METADATA_FIELDS = ("doc_id", "event_id", "outlet", "outlet_style", "date", "provenance", "topic")
SPAN_FIELDS = tuple(f.name for f in fields(Span))
ENTITY_FIELDS = ("id", "start", "end", "label")


def document_to_json(doc: Document, *, with_text: bool = True) -> dict[str, Any]:
    """The interchange shape of a document (gold files and submissions); without text it is a prediction.

    Entities keep only their four fields; attribution spans keep every attribute, None where it does not apply,
    so that every row of the Hugging Face table has the same columns.
    """
    row: dict[str, Any] = {name: getattr(doc, name) for name in METADATA_FIELDS}
    row["targets"] = list(doc.targets)
    row["tags"] = list(doc.tags)
    if with_text:
        row["text"] = doc.text
    row["entities"] = [{k: getattr(s, k) for k in ENTITY_FIELDS} for s in doc.layer(ENTITY_LAYER)]
    row[ATTRIBUTION_LAYER] = [asdict(s) for s in doc.layer(ATTRIBUTION_LAYER)]
    row["relations"] = [asdict(r) for r in doc.relations]
    return row


def document_from_json(row: dict[str, Any]) -> Document:
    """Inverse of document_to_json for well-formed rows (validate untrusted rows first).

    >>> doc = document_from_json({"doc_id": "d", "event_id": "e", "outlet": "o", "outlet_style": "wire",
    ...     "date": "2026-01-01", "provenance": "composed", "topic": "sport", "text": "Hi.", "targets": [],
    ...     "tags": [], "entities": [], "attribution": [], "relations": []})
    >>> document_to_json(doc)["text"]
    'Hi.'
    """
    spans = [Span(**{k: s[k] for k in ENTITY_FIELDS}) for s in row["entities"]]
    spans += [Span(**{k: s[k] for k in SPAN_FIELDS if k in s}) for s in row["attribution"]]
    return canonical(
        Document(
            **{name: row[name] for name in METADATA_FIELDS},
            text=row.get("text", ""),
            targets=tuple(row["targets"]),
            tags=tuple(row["tags"]),
            spans=tuple(spans),
            relations=tuple(Relation(**r) for r in row["relations"]),
        )
    )
