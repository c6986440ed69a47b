"""The Hugging Face configs of the corpus: their features, and the rows of each built from documents."""

from __future__ import annotations

from typing import Any, Callable

from datasets import ClassLabel, Features, Sequence, Value

from saywho.bio import spans_to_bio
from saywho.document import METADATA_FIELDS, Document, document_to_json
from saywho.inventory import ATTRIBUTION_LABELS, ATTRIBUTION_LAYER, ENTITY_LABELS, ENTITY_LAYER, FORMS, STANCES, iob2_tags
from saywho.phenomena import PHENOMENA, quote_phenomena
from saywho.tokenize import tokenize

_string, _int = Value("string"), Value("int32")
_METADATA = {name: _string for name in METADATA_FIELDS}
ENTITY_TAGS = iob2_tags(ENTITY_LABELS)
ATTRIBUTION_TAGS = iob2_tags(ATTRIBUTION_LABELS)


def _tagged_features(tags: tuple[str, ...]) -> Features:
    return Features({"doc_id": _string, "event_id": _string, "tokens": Sequence(_string),
                     "token_starts": Sequence(_int), "token_ends": Sequence(_int),
                     "tags": Sequence(ClassLabel(names=list(tags)))})


FEATURES: dict[str, Features] = {
    "documents": Features({
        **_METADATA,
        "targets": Sequence(_string),
        "tags": Sequence(_string),
        "text": _string,
        "entities": [{"id": _string, "start": _int, "end": _int, "label": _string}],
        "attribution": [{"id": _string, "start": _int, "end": _int, "label": _string, "form": _string,
                         "stance": _string, "target": _string, "statement_id": _string,
                         "speaker_unmentioned": Value("bool"), "speaker_id": _string, "mention": _string}],
        "relations": [{"type": _string, "from_id": _string, "to_id": _string}],
    }),
    "entities": _tagged_features(ENTITY_TAGS),
    "attribution": _tagged_features(ATTRIBUTION_TAGS),
    "quotes": Features({
        "quote_id": _string, "doc_id": _string, "event_id": _string, "outlet": _string, "outlet_style": _string,
        "start": _int, "end": _int, "text": _string,
        "form": ClassLabel(names=list(FORMS)), "stance": ClassLabel(names=list(STANCES)), "target": _string,
        "statement_id": _string, "speakers": Sequence(_string), "speaker_ids": Sequence(_string),
        "cue": _string, "phenomena": Sequence(ClassLabel(names=list(PHENOMENA))),
    }),
}


def _tagged_rows(layer: str, tags: tuple[str, ...]) -> Callable[[Document], list[dict[str, Any]]]:
    index = {tag: i for i, tag in enumerate(tags)}

    def rows(doc: Document) -> list[dict[str, Any]]:
        tokens = tokenize(doc.text)
        return [{"doc_id": doc.doc_id, "event_id": doc.event_id, "tokens": [t.text for t in tokens],
                 "token_starts": [t.start for t in tokens], "token_ends": [t.end for t in tokens],
                 "tags": [index[tag] for tag in spans_to_bio(tokens, doc.layer(layer))]}]

    return rows


def _quote_rows(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for quote in doc.labelled("QUOTE"):
        speakers = [doc.span(i) for i in doc.related(quote.id, "said_by")]
        cues = [doc.span(i) for i in doc.related(quote.id, "cued_by")]
        rows.append({
            "quote_id": f"{doc.doc_id}/{quote.id}", "doc_id": doc.doc_id, "event_id": doc.event_id,
            "outlet": doc.outlet, "outlet_style": doc.outlet_style, "start": quote.start, "end": quote.end,
            "text": doc.text[quote.start:quote.end], "form": FORMS.index(quote.form),
            "stance": STANCES.index(quote.stance), "target": quote.target, "statement_id": quote.statement_id,
            "speakers": [doc.text[s.start:s.end] for s in speakers], "speaker_ids": [s.speaker_id for s in speakers],
            "cue": doc.text[cues[0].start:cues[0].end] if cues else None,
            "phenomena": [PHENOMENA.index(tag) for tag in quote_phenomena(doc, quote)],
        })
    return rows


ROWS: dict[str, Callable[[Document], list[dict[str, Any]]]] = {
    "documents": lambda doc: [document_to_json(doc)],
    "entities": _tagged_rows(ENTITY_LAYER, ENTITY_TAGS),
    "attribution": _tagged_rows(ATTRIBUTION_LAYER, ATTRIBUTION_TAGS),
    "quotes": _quote_rows,
}
CONFIGS = tuple(FEATURES)
