"""The authoring markup: an article as plain text with its annotation written inline, and back.

A markup file is a YAML header of document metadata between '---' lines, then the article, where
``[surface]{LABEL id key=value ...}`` marks a span. Spans of the two layers nest, so an entity can sit inside a
quote. The full syntax is in annotation_guidelines/markup.md. Annotators write these files; ``saywho push`` sends
them to Label Studio as tasks with their annotation, and the gold comes back from Label Studio's export.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import yaml

from saywho.document import METADATA_FIELDS, Document, Relation, Span, canonical
from saywho.inventory import ENTITY_LAYER, LABELS, layer_of
from saywho.issues import Issue

_ESCAPABLE = "[]\\"
# markup key -> (labels that take it, Span field it sets)
_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "form": (("QUOTE",), "form"),
    "stance": (("QUOTE",), "stance"),
    "target": (("QUOTE",), "target"),
    "statement": (("QUOTE",), "statement_id"),
    "said_by": (("QUOTE",), "said_by"),
    "cued_by": (("QUOTE",), "cued_by"),
    "who": (("SPEAKER",), "speaker_id"),
    "mention": (("SPEAKER",), "mention"),
}


@dataclass
class _Open:
    """A span whose '[' has been read: where it starts in the text and in the file."""

    start: int
    line: int
    column: int


@dataclass
class _Parsed:
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def markup_to_document(source: str, name: str = "<markup>") -> tuple[Document | None, list[Issue]]:
    """Parse one markup file; returns the document (None if it cannot be built) and the issues found.

    >>> doc, issues = markup_to_document("---\\ndoc_id: d\\n---\\n[Rutte]{PER} spoke.")
    >>> doc.text, doc.spans[0].label, issues
    ('Rutte spoke.', 'PER', [])
    """
    header, body, body_line, header_issue = _split_header(source, name)
    if header_issue:
        return None, [header_issue]
    doc_id = str(header.get("doc_id") or name)
    targets = tuple(str(t) for t in header.get("targets") or ())
    text, parsed = _parse_body(body, body_line, doc_id, targets)
    if any(i.code.startswith("markup-") for i in parsed.issues):
        return None, parsed.issues
    doc = Document(
        **{key: "" if header.get(key) is None else str(header[key]) for key in METADATA_FIELDS},
        text=text,
        targets=targets,
        tags=tuple(str(t) for t in header.get("tags") or ()),
        spans=tuple(_assign_ids(parsed.spans)),
        relations=tuple(parsed.relations),
    )
    return canonical(doc), parsed.issues


def _split_header(source: str, name: str) -> tuple[dict, str, int, Issue | None]:
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        return {}, "", 0, Issue("markup-bad-header", name, "line 1", "the file does not start with a '---' YAML block")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    try:
        header = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as exc:
        return {}, "", 0, Issue("markup-bad-header", name, "header", f"the header is not YAML: {exc}".replace("\n", " "))
    if not isinstance(header, dict):
        return {}, "", 0, Issue("markup-bad-header", name, "header", "the header is not a mapping of field: value")
    return header, "\n".join(lines[close + 1 :]).strip("\n"), close + 2, None


def _parse_body(body: str, first_line: int, doc_id: str, targets: tuple[str, ...]) -> tuple[str, _Parsed]:
    out: list[str] = []
    stack: list[_Open] = []
    parsed = _Parsed()
    line, line_start, i = first_line, 0, 0
    while i < len(body):
        char = body[i]
        column = i - line_start + 1
        if char == "\\" and i + 1 < len(body) and body[i + 1] in _ESCAPABLE:
            out.append(body[i + 1])
            i += 2
            continue
        if char == "[":
            stack.append(_Open(len(out), line, column))
        elif char == "]":
            close = body.find("}", i)
            if not stack or not body.startswith("]{", i) or close < 0:
                parsed.issues.append(Issue("markup-unmatched-close", doc_id, f"line {line} col {column}",
                                           "this ']' closes no span or lacks its '{LABEL}' block"))
                return "", parsed
            opened = stack.pop()
            _add_span(parsed, body[i + 2 : close], opened, len(out), doc_id, targets)
            i = close + 1
            continue
        else:
            out.append(char)
            if char == "\n":
                line, line_start = line + 1, i + 1
        i += 1
    for opened in stack:
        parsed.issues.append(Issue("markup-unclosed-span", doc_id, f"line {opened.line} col {opened.column}",
                                   "this '[' is never closed"))
    return "".join(out), parsed


def _add_span(parsed: _Parsed, block: str, opened: _Open, end: int, doc_id: str, targets: tuple[str, ...]) -> None:
    where = f"line {opened.line} col {opened.column}"
    words = block.split()
    if not words:
        parsed.issues.append(Issue("markup-bad-attribute", doc_id, where, "an empty '{}' block: the label is missing"))
        return
    label, rest = words[0], words[1:]
    if label not in LABELS:
        parsed.issues.append(Issue("unknown-label", doc_id, where, f"label {label!r} is not in the inventory"))
        return
    values: dict[str, str] = {}
    span_id = ""
    for word in rest:
        key, eq, value = word.partition("=")
        if not eq and not span_id:
            span_id = word
        elif key not in _KEYS or label not in _KEYS[key][0] or not value:
            parsed.issues.append(Issue("markup-bad-attribute", doc_id, where, f"{word!r} is not an attribute of {label}"))
            return
        else:
            values[_KEYS[key][1]] = value
    if "target" in values:
        index = values["target"]
        if not index.isdigit() or not 1 <= int(index) <= len(targets):
            parsed.issues.append(Issue("markup-bad-attribute", doc_id, where,
                                       f"target={index} is not a number from 1 to {len(targets)} (the header's targets)"))
            return
        values["target"] = targets[int(index) - 1]
    said_by = values.pop("said_by", "")
    cued_by = values.pop("cued_by", "")
    if said_by == "none":
        values["speaker_unmentioned"] = True
    elif said_by:
        parsed.relations += [Relation("said_by", span_id, to) for to in said_by.split(",")]
    if cued_by:
        parsed.relations += [Relation("cued_by", span_id, to) for to in cued_by.split(",")]
    if (said_by not in ("", "none") or cued_by) and not span_id:
        parsed.issues.append(Issue("markup-bad-attribute", doc_id, where, "a quote with relations needs an id, e.g. {QUOTE q1 ...}"))
        return
    parsed.spans.append(Span(span_id, opened.start, end, label, **values))


def _assign_ids(spans: list[Span]) -> list[Span]:
    """Give spans written without an id one of e1, e2... (entities) or a1, a2... (attribution), in text order."""
    taken = {span.id for span in spans if span.id}
    counters = {"e": 0, "a": 0}
    result = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.label)):
        if not span.id:
            prefix = "e" if layer_of(span.label) == ENTITY_LAYER else "a"
            while True:
                counters[prefix] += 1
                candidate = f"{prefix}{counters[prefix]}"
                if candidate not in taken:
                    break
            taken.add(candidate)
            span = replace(span, id=candidate)
        result.append(span)
    return result


def document_to_markup(doc: Document) -> str:
    """Write a document as markup; markup_to_document reads it back to the same document.

    Entity ids are not written (they are re-assigned in text order); attribution ids always are.
    """
    header = {key: getattr(doc, key) for key in METADATA_FIELDS}
    header["targets"] = list(doc.targets)
    if doc.tags:
        header["tags"] = list(doc.tags)
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for span in doc.spans:
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).append(span)
    out: list[str] = []
    for position in range(len(doc.text) + 1):
        # Inner spans close before outer ones; outer spans open before inner ones.
        for span in sorted(closes.get(position, ()), key=lambda s: (s.start, s.layer), reverse=True):
            out.append("]{" + " ".join(_span_words(doc, span)) + "}")
        out.append("[" * len(opens.get(position, ())))
        if position < len(doc.text):
            char = doc.text[position]
            out.append("\\" + char if char in _ESCAPABLE else char)
    front = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{''.join(out)}\n"


def _span_words(doc: Document, span: Span) -> list[str]:
    if span.layer == ENTITY_LAYER:
        return [span.label]
    words = [span.label, span.id]
    if span.label == "QUOTE":
        speakers = doc.related(span.id, "said_by")
        cues = doc.related(span.id, "cued_by")
        words += [f"form={span.form}" if span.form else "", f"stance={span.stance}" if span.stance else ""]
        if span.target is not None:
            words.append(f"target={doc.targets.index(span.target) + 1}")
        words += [f"statement={span.statement_id}" if span.statement_id else ""]
        words += ["said_by=none"] if span.speaker_unmentioned else [f"said_by={','.join(speakers)}" if speakers else ""]
        words += [f"cued_by={','.join(cues)}" if cues else ""]
    elif span.label == "SPEAKER":
        words += [f"who={span.speaker_id}" if span.speaker_id else "", f"mention={span.mention}" if span.mention else ""]
    return [w for w in words if w]
