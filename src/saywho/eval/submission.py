"""Submissions: a JSONL file whose first line is the system's metadata and every other line one document's
predictions, in the gold's shape without text. Nothing in it is executed or unpickled: it is read as JSON only.

    {"metadata": {"name": "my-system", "version": "1.0", "description": "...", "contact": "...",
                  "trained_on_validation": false}}
    {"doc_id": "...", "entities": [...], "attribution": [...], "relations": [...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from saywho.document import ENTITY_FIELDS, SPAN_FIELDS, Document, Relation, Span, document_to_json
from saywho.issues import Issue
from saywho.validate import validate_prediction

METADATA_FIELDS = {"name": str, "version": str, "description": str, "contact": str, "trained_on_validation": bool}


@dataclass(frozen=True)
class Submission:
    metadata: dict[str, Any]
    predictions: dict[str, Document]


def write_submission(path: Path, metadata: dict[str, Any], predictions: list[Document]) -> None:
    """Write predictions in the submission format (the gold's shape without text), one document per line."""
    lines = [json.dumps({"metadata": metadata}, ensure_ascii=False)]
    for doc in sorted(predictions, key=lambda d: d.doc_id):
        row = document_to_json(doc, with_text=False)
        lines.append(json.dumps({key: row[key] for key in ("doc_id", "entities", "attribution", "relations")},
                                ensure_ascii=False))
    aside = path.with_suffix(".partial")
    aside.write_text("\n".join(lines) + "\n", encoding="utf-8")
    aside.replace(path)


class _Bad(Exception):
    def __init__(self, where: str, detail: str):
        self.where, self.detail = where, detail


def read_submission(path: Path, gold: list[Document]) -> tuple[Submission | None, list[Issue]]:
    """Read and check a submission against the gold documents of its split; None if it cannot be scored."""
    name = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Issue("file-unreadable", name, "", f"cannot read the file as UTF-8 text: {exc}")]
    rows, issues = _json_lines(lines, name)
    if issues:
        return None, issues
    if not rows or not isinstance(rows[0][1], dict) or "metadata" not in rows[0][1]:
        return None, [Issue("submission-bad-metadata", name, "line 1", "the first line is not {\"metadata\": {...}}")]
    metadata, issues = _metadata(rows[0][1]["metadata"], name)
    by_id = {doc.doc_id: doc for doc in gold}
    predictions: dict[str, Document] = {}
    seen: set[str] = set()
    for number, row in rows[1:]:
        where = f"line {number}"
        doc_id = row.get("doc_id") if isinstance(row, dict) else None
        if not isinstance(doc_id, str) or doc_id not in by_id:
            issues.append(Issue("submission-unknown-document", name, where, f"doc_id {doc_id!r} is not in this split"))
            continue
        if doc_id in seen:
            issues.append(Issue("submission-duplicate-document", doc_id, where, "a second line for this document"))
            continue
        seen.add(doc_id)
        try:
            predictions[doc_id] = _prediction(by_id[doc_id], row)
        except _Bad as exc:
            issues.append(Issue("submission-bad-structure", doc_id, f"{where} {exc.where}", exc.detail))
            continue
        issues += [replace(issue, where=f"{where} {issue.where}") for issue in validate_prediction(predictions[doc_id])]
    for doc_id in sorted(set(by_id) - seen):
        issues.append(Issue("submission-missing-document", doc_id, "", "no prediction: it is scored as empty"))
    blocking = [issue for issue in issues if issue.severity == "error"]
    return (None if blocking else Submission(metadata, predictions)), issues


def _json_lines(lines: list[str], name: str) -> tuple[list[tuple[int, Any]], list[Issue]]:
    rows, issues = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            issues.append(Issue("submission-bad-json", name, f"line {number} col {exc.colno}", exc.msg))
    return rows, issues


def _metadata(metadata: Any, name: str) -> tuple[dict[str, Any], list[Issue]]:
    if not isinstance(metadata, dict):
        return {}, [Issue("submission-bad-metadata", name, "line 1", "metadata is not an object")]
    wrong = [key for key, kind in METADATA_FIELDS.items() if not isinstance(metadata.get(key), kind)]
    if wrong:
        return metadata, [Issue("submission-bad-metadata", name, "line 1",
                                f"metadata needs {', '.join(f'{k} ({METADATA_FIELDS[k].__name__})' for k in wrong)}")]
    return {key: metadata[key] for key in METADATA_FIELDS}, []


def _prediction(gold: Document, row: dict[str, Any]) -> Document:
    """The gold document's text and metadata with the row's spans and relations."""
    spans = [_span(item, f"entities[{i}]", entity=True) for i, item in enumerate(_list(row, "entities"))]
    spans += [_span(item, f"attribution[{i}]", entity=False) for i, item in enumerate(_list(row, "attribution"))]
    relations = []
    for i, item in enumerate(_list(row, "relations")):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("type", "from_id", "to_id")):
            raise _Bad(f"relations[{i}]", "a relation needs string type, from_id and to_id")
        relations.append(Relation(item["type"], item["from_id"], item["to_id"]))
    return replace(gold, spans=tuple(spans), relations=tuple(relations))


def _list(row: dict[str, Any], key: str) -> list[Any]:
    value = row.get(key, [])
    if not isinstance(value, list):
        raise _Bad(key, f"{key} is {type(value).__name__}, expected a list")
    return value


def _span(item: Any, where: str, entity: bool) -> Span:
    if not isinstance(item, dict):
        raise _Bad(where, "a span is an object")
    for key, kind in (("id", str), ("label", str), ("start", int), ("end", int)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise _Bad(where, f"{key} must be a {kind.__name__}")
    allowed = ENTITY_FIELDS if entity else SPAN_FIELDS
    values = {key: item.get(key) for key in allowed if item.get(key) is not None}
    if not isinstance(values.get("speaker_unmentioned", False), bool):
        raise _Bad(where, "speaker_unmentioned must be true or false")
    if any(not isinstance(v, str) for k, v in values.items() if k not in ("start", "end", "speaker_unmentioned")):
        raise _Bad(where, "span attributes are strings")
    return Span(**values)
