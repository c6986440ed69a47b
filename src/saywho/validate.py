"""Validation of documents against the inventory and the annotation rules; returns issues, never raises."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from saywho.document import Document, Span
from saywho.inventory import (
    LABELS,
    LAYERS,
    OUTLET_STYLES,
    PROVENANCES,
    RELATIONS,
    REQUIRED_ATTRIBUTES,
    SPAN_ATTRIBUTES,
    layer_of,
)
from saywho.issues import Issue
from saywho.tokenize import tokenize, widen_to_tokens

_METADATA_VALUES = {"outlet_style": OUTLET_STYLES, "provenance": PROVENANCES}
_FREE_METADATA = ("doc_id", "outlet", "topic")


def _where(span: Span) -> str:
    return f"chars {span.start}-{span.end}"


def validate_document(doc: Document) -> list[Issue]:
    """Every issue of one gold document: metadata, spans, attributes and relations."""
    known = _known(doc)
    return (_metadata_issues(doc) + _label_issues(doc) + _span_issues(doc, known) + _alignment_issues(doc, known)
            + _attribute_issues(doc, known) + _required_attribute_issues(doc, known) + _relation_issues(doc, known)
            + _unlinked_quote_issues(doc, known))


def validate_prediction(doc: Document) -> list[Issue]:
    """The issues that make a prediction unscorable: unknown labels and values, spans off the text or
    overlapping in a layer, broken relations. Missing attributes, token alignment and unlinked quotes are allowed:
    a system may do one task only, and spans off token boundaries are widened when scored."""
    known = _known(doc)
    return (_label_issues(doc) + _span_issues(doc, known) + _tokenless_issues(doc, known)
            + _attribute_issues(doc, known) + _relation_issues(doc, known))


def _tokenless_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    tokens = tokenize(doc.text)
    return [Issue("span-covers-no-token", doc.doc_id, _where(span),
                  f"{span.label} {span.id} {doc.text[span.start:span.end]!r} touches no token")
            for span in spans if _in_bounds(doc, span) and widen_to_tokens(tokens, span.start, span.end) is None]


def _known(doc: Document) -> list[Span]:
    return [span for span in doc.spans if span.label in LABELS]


def _label_issues(doc: Document) -> list[Issue]:
    return [Issue("unknown-label", doc.doc_id, _where(s), f"label {s.label!r} is not in the inventory")
            for s in doc.spans if s.label not in LABELS]


def _metadata_issues(doc: Document) -> list[Issue]:
    issues = []
    if not doc.event_id:
        issues.append(Issue("missing-event-id", doc.doc_id, "metadata", "event_id is empty"))
    for name in _FREE_METADATA:
        if not getattr(doc, name):
            issues.append(Issue("invalid-metadata", doc.doc_id, "metadata", f"{name} is empty"))
    for name, allowed in _METADATA_VALUES.items():
        if getattr(doc, name) not in allowed:
            issues.append(Issue("invalid-metadata", doc.doc_id, "metadata",
                                f"{name}={getattr(doc, name)!r}, expected one of {', '.join(allowed)}"))
    try:
        datetime.date.fromisoformat(doc.date)
    except ValueError:
        issues.append(Issue("invalid-metadata", doc.doc_id, "metadata", f"date={doc.date!r}, expected YYYY-MM-DD"))
    if not 1 <= len(doc.targets) <= 3:
        issues.append(Issue("invalid-metadata", doc.doc_id, "metadata", f"{len(doc.targets)} targets, expected 1 to 3"))
    return issues


def _span_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    issues = []
    for span_id, count in Counter(s.id for s in doc.spans).items():
        if count > 1:
            issues.append(Issue("duplicate-span-id", doc.doc_id, f"span {span_id}", f"{count} spans have this id"))
    in_bounds = []
    for span in spans:
        if not _in_bounds(doc, span):
            issues.append(Issue("span-out-of-bounds", doc.doc_id, _where(span),
                                f"{span.label} {span.id} does not fit a text of {len(doc.text)} characters"))
            continue
        in_bounds.append(span)
    for layer in LAYERS:
        ordered = sorted((s for s in in_bounds if layer_of(s.label) == layer), key=lambda s: (s.start, s.end))
        reaching = None  # the span seen so far that reaches furthest right
        for right in ordered:
            if reaching is not None and right.start < reaching.end:
                issues.append(Issue("span-overlap", doc.doc_id, f"chars {right.start}-{min(reaching.end, right.end)}",
                                    f"{reaching.label} {reaching.id} and {right.label} {right.id} overlap in the {layer} layer"))
            if reaching is None or right.end > reaching.end:
                reaching = right
    return issues


def _in_bounds(doc: Document, span: Span) -> bool:
    return 0 <= span.start < span.end <= len(doc.text)


def _alignment_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    tokens = tokenize(doc.text)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    return [Issue("span-not-token-aligned", doc.doc_id, _where(span),
                  f"{span.label} {span.id} {doc.text[span.start:span.end]!r} cuts a token")
            for span in spans if _in_bounds(doc, span) and (span.start not in starts or span.end not in ends)]


def _attribute_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    issues = []
    every_attribute = {name for attrs in SPAN_ATTRIBUTES.values() for name in attrs}
    for span in spans:
        allowed = SPAN_ATTRIBUTES.get(span.label, {})
        for name in sorted(every_attribute):
            value = getattr(span, name)
            if value is None:
                continue
            if name not in allowed:
                issues.append(Issue("attribute-wrong-label", doc.doc_id, _where(span),
                                    f"{name}={value!r} is set on {span.label} {span.id}"))
            elif allowed[name] is not None and value not in allowed[name]:
                issues.append(Issue("invalid-attribute-value", doc.doc_id, _where(span),
                                    f"{span.label} {span.id} has {name}={value!r}, expected one of {', '.join(allowed[name])}"))
            elif allowed[name] is None and not str(value).strip():
                issues.append(Issue("missing-attribute", doc.doc_id, _where(span), f"{span.label} {span.id} has an empty {name}"))
        if span.speaker_unmentioned and span.label != "QUOTE":
            issues.append(Issue("attribute-wrong-label", doc.doc_id, _where(span), f"speaker_unmentioned is set on {span.label} {span.id}"))
        if span.label == "QUOTE":
            if span.stance is not None and span.target is None:
                issues.append(Issue("stance-without-target", doc.doc_id, _where(span), f"QUOTE {span.id} has stance {span.stance} but no target"))
            if span.target is not None and span.target not in doc.targets:
                issues.append(Issue("target-not-in-event", doc.doc_id, _where(span),
                                    f"QUOTE {span.id} targets {span.target!r}; the event's targets are {list(doc.targets)}"))
    return issues


def _required_attribute_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    return [Issue("missing-attribute", doc.doc_id, _where(span), f"{span.label} {span.id} has no {name}")
            for span in spans for name in REQUIRED_ATTRIBUTES.get(span.label, ()) if getattr(span, name) is None]


def _relation_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    issues = []
    by_id = {span.id: span for span in doc.spans}
    for relation in doc.relations:
        where = f"relation {relation.from_id}->{relation.to_id}"
        if relation.type not in RELATIONS:
            issues.append(Issue("relation-wrong-type", doc.doc_id, where, f"relation label {relation.type!r} is not one of {', '.join(RELATIONS)}"))
            continue
        missing = [end for end in (relation.from_id, relation.to_id) if end not in by_id]
        if missing:
            issues.append(Issue("relation-missing-region", doc.doc_id, where, f"no span with id {', '.join(map(repr, missing))}"))
            continue
        source, target = by_id[relation.from_id], by_id[relation.to_id]
        known = source.label in LABELS and target.label in LABELS  # unknown labels are reported once, above
        if known and (source.label != "QUOTE" or target.label != RELATIONS[relation.type]):
            issues.append(Issue("relation-wrong-type", doc.doc_id, where,
                                f"{relation.type} joins {source.label} -> {target.label}, expected QUOTE -> {RELATIONS[relation.type]}"))
    return issues


def _unlinked_quote_issues(doc: Document, spans: list[Span]) -> list[Issue]:
    issues = []
    linked: dict[str, set[str]] = defaultdict(set)
    for relation in doc.relations:
        linked[relation.from_id].add(relation.type)
    for span in spans:
        if span.label != "QUOTE":
            continue
        if "said_by" not in linked[span.id] and not span.speaker_unmentioned:
            issues.append(Issue("quote-without-speaker", doc.doc_id, _where(span), f"QUOTE {span.id} has no said_by relation"))
        if "cued_by" not in linked[span.id]:
            issues.append(Issue("quote-without-cue", doc.doc_id, _where(span), f"QUOTE {span.id} has no cued_by relation"))
    return issues


def validate_corpus(docs: list[Document]) -> list[Issue]:
    """Every issue of each document, plus those between documents: duplicate ids and event targets."""
    issues = [issue for doc in docs for issue in validate_document(doc)]
    for doc_id, count in Counter(doc.doc_id for doc in docs).items():
        if count > 1:
            issues.append(Issue("duplicate-doc-id", doc_id, "metadata", f"{count} documents have this doc_id"))
    first_of_event: dict[str, Document] = {}
    for doc in docs:
        first = first_of_event.setdefault(doc.event_id, doc)
        if doc.targets != first.targets:
            issues.append(Issue("event-targets-differ", doc.doc_id, "metadata",
                                f"targets {list(doc.targets)} differ from {list(first.targets)} in {first.doc_id} of event {doc.event_id}"))
    return issues
