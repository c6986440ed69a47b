"""Reading a Label Studio full JSON export: choose each task's annotation, convert it, check its surface texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from saywho.document import Document
from saywho.issues import Issue
from saywho.labelstudio.convert import BadStructure, task_to_document

POLICIES = ("ground-truth", "latest")  # see _choose_annotation


def load_export(path: Path) -> tuple[Any, list[Issue]]:
    """The parsed JSON of an export file (None if it is not JSON), with the issue that stopped it."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Issue("export-not-json", name, f"byte {exc.start}", "the file is not UTF-8 text")]
    try:
        return json.loads(raw), []
    except json.JSONDecodeError as exc:
        code = "export-conll" if _looks_like_conll(raw) else "export-not-json"
        return None, [Issue(code, name, f"line {exc.lineno} col {exc.colno}", exc.msg)]


def read_export(path: Path, policy: str = "ground-truth") -> tuple[list[Document], list[Issue]]:
    """The documents of a full JSON export file, one per task, with the issues met (validation not included)."""
    tasks, issues = load_export(path)
    return read_tasks(tasks, str(path), policy) if tasks is not None else ([], issues)


def _looks_like_conll(raw: str) -> bool:
    return "-DOCSTART-" in raw[:2000] or " -X- " in raw[:2000]


def read_tasks(tasks: Any, name: str, policy: str = "ground-truth") -> tuple[list[Document], list[Issue]]:
    """The documents of already-parsed export JSON (a list of tasks)."""
    if not isinstance(tasks, list):
        return [], [Issue("export-bad-structure", name, "top level", f"a {type(tasks).__name__}, expected a list of tasks")]
    if tasks and all(isinstance(t, dict) and "data" not in t and "annotations" not in t for t in tasks):
        return [], [Issue("export-json-min", name, "top level", "tasks have no 'data' and no 'annotations'")]
    docs: list[Document] = []
    issues: list[Issue] = []
    for index, task in enumerate(tasks):
        label = _task_label(task, index)
        try:
            chosen, choice_issue = _choose_annotation(task, label, policy)
            if choice_issue:
                issues.append(choice_issue)
                continue
            doc, surfaces = task_to_document(task, chosen.get("result"))
        except BadStructure as exc:
            issues.append(Issue("export-bad-structure", label, exc.where, exc.detail))
            continue
        docs.append(doc)
        for span, stored in surfaces:
            if 0 <= span.start < span.end <= len(doc.text) and doc.text[span.start:span.end] != stored:
                issues.append(Issue("span-text-mismatch", doc.doc_id, f"chars {span.start}-{span.end}",
                                    f"export says {stored!r} but the text has {doc.text[span.start:span.end]!r}"))
    return docs, issues


def _task_label(task: Any, index: int) -> str:
    """How issues name a task: its doc_id when it has one, else its Label Studio id, else its position."""
    if isinstance(task, dict):
        data = task.get("data")
        if isinstance(data, dict) and isinstance(data.get("doc_id"), str) and data["doc_id"]:
            return data["doc_id"]
        if "id" in task:
            return f"task {task['id']}"
    return f"task #{index}"


def _choose_annotation(task: Any, label: str, policy: str) -> tuple[dict | None, Issue | None]:
    if not isinstance(task, dict):
        raise BadStructure("task", f"is {type(task).__name__}, expected an object")
    annotations = task.get("annotations")
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise BadStructure("task", "field 'annotations' is missing or not a list of objects")
    live = [a for a in annotations if not a.get("was_cancelled")]
    if not live:
        return None, Issue("task-without-annotation", label, "annotations",
                           f"{len(annotations)} annotation(s), all cancelled" if annotations else "no annotation")
    gold = [a for a in live if a.get("ground_truth") is True]
    if len(live) == 1:
        return live[0], None
    if len(gold) == 1:
        return gold[0], None
    if policy == "latest":
        return max(live, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), str(a.get("id")))), None
    who = ", ".join(annotator(a) for a in live)
    return None, Issue("annotation-needs-adjudication", label, "annotations",
                       f"{len(live)} annotations (by {who}) and {len(gold)} marked ground truth")


def annotator(annotation: dict) -> str:
    """Who made an annotation: the email when the export carries the user, else the user id."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("id"))
    return f"user {who}"


def annotation_pairs(tasks: Any, policy: str = "ground-truth") -> list[tuple[Document, Document]]:
    """(gold, other) for every other annotator's annotation of a task; the gold is the annotation the build takes.

    This is what agreement is computed from. Tasks or annotations that cannot be read are left out: read_tasks
    reports them.
    """
    pairs = []
    for index, task in enumerate(tasks if isinstance(tasks, list) else []):
        try:
            gold, problem = _choose_annotation(task, _task_label(task, index), policy)
        except BadStructure:
            continue
        if problem is not None:
            continue
        for annotation in task["annotations"]:
            if annotation is gold or annotation.get("was_cancelled"):
                continue
            try:
                pairs.append((task_to_document(task, gold.get("result"))[0],
                              task_to_document(task, annotation.get("result"))[0]))
            except BadStructure:
                continue
    return pairs
