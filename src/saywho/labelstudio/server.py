"""Talking to a Label Studio server through label-studio-sdk: push documents as tasks, pull the full JSON export."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from saywho.document import Document
from saywho.labelstudio.config import labeling_config
from saywho.issues import ServerError
from saywho.labelstudio.convert import document_to_task

CHECKSUMS = "SHA256SUMS"
SECOND_ANNOTATOR = "second-annotator@saywho.local"


def _talking(function):
    """Turn the client's HTTP and API errors into ServerError, which the command line prints as one line."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (ApiError, httpx.HTTPError) as exc:
            raise ServerError(f"{function.__name__}: {exc}") from exc

    return wrapper


def connect() -> LabelStudio:
    """A client for the server named by LABEL_STUDIO_URL, with the token from LABEL_STUDIO_API_KEY (never a flag)."""
    url = os.environ.get("LABEL_STUDIO_URL", "http://127.0.0.1:8080")
    key = os.environ.get("LABEL_STUDIO_API_KEY")
    if not key:
        raise ServerError("set LABEL_STUDIO_API_KEY to your Label Studio access token (Account & Settings)")
    return LabelStudio(base_url=url, api_key=key)


@_talking
def find_project(client: LabelStudio, title: str) -> Any | None:
    matches = [p for p in client.projects.list() if p.title == title]
    if len(matches) > 1:
        raise ServerError(f"{len(matches)} projects are titled {title!r}; rename all but one")
    return matches[0] if matches else None


@_talking
def push(client: LabelStudio, title: str, docs: list[Document], *, as_predictions: bool = False,
         model_version: str = "gold", second: dict[str, Document] | None = None) -> Any:
    """Import documents as tasks into the project titled `title`, created with the generated config if missing.

    The documents' annotation is marked ground truth; `second` (doc_id -> document) adds an independent second
    annotation to those tasks, made by the SECOND_ANNOTATOR user, for agreement.
    """
    project = find_project(client, title)
    if project is None:
        project = client.projects.create(title=title, label_config=labeling_config())
    present = {task.data.get("doc_id") for task in client.tasks.list(project=project.id)}
    clashes = sorted(doc.doc_id for doc in docs if doc.doc_id in present)
    if clashes:
        raise ServerError(f"project {title!r} already has {len(clashes)} of these documents ({', '.join(clashes[:3])}{', …' if len(clashes) > 3 else ''}); "
                          "push them to a new project, or delete those tasks first")
    tasks = [document_to_task(doc, as_predictions=as_predictions, model_version=model_version) for doc in docs]
    if second:
        user = ensure_user(client, SECOND_ANNOTATOR)
        for task, doc in zip(tasks, docs):
            if doc.doc_id in second:
                extra = document_to_task(second[doc.doc_id])["annotations"][0]
                task["annotations"].append({**extra, "ground_truth": False, "completed_by": user.id})
    client.projects.import_tasks(id=project.id, request=tasks)
    return project


@_talking
def ensure_user(client: LabelStudio, email: str) -> Any:
    """The server's user with this email, created if missing."""
    for user in client.users.list():
        if user.email == email:
            return user
    return client.users.create(email=email, username=email.split("@")[0])


@_talking
def export_tasks(client: LabelStudio, project_id: int) -> list[dict[str, Any]]:
    """The project's full JSON export, every task, annotations in full, predictions in full.

    The quick export gives predictions as ids only; an export snapshot gives them whole, so a snapshot is used.
    Annotators come as users (with their email), so that agreement can tell them apart on any server.
    """
    snapshot = client.projects.exports.create(id=project_id, title="saywho-pull", serialization_options={
        "predictions": {"only_id": False}, "annotations__completed_by": {"only_id": False}})
    chunks = client.projects.exports.download(id=project_id, export_pk=snapshot.id, export_type="JSON")
    return json.loads(b"".join(chunks))


@_talking
def pull(client: LabelStudio, title: str, raw_dir: Path) -> Path:
    """Export the project into raw_dir/<title>.json (written aside, then moved) and record its checksum."""
    project = find_project(client, title)
    if project is None:
        raise ServerError(f"no project titled {title!r} on the server")
    tasks = sorted(export_tasks(client, project.id), key=lambda t: str(t.get("data", {}).get("doc_id", "")))
    return write_export(tasks, raw_dir / f"{_slug(title)}.json")


def write_export(tasks: list[dict[str, Any]], path: Path) -> Path:
    """Write an export file and update SHA256SUMS beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
    aside = path.with_suffix(".json.partial")
    aside.write_text(body, encoding="utf-8")
    aside.replace(path)
    record_checksum(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_checksums(raw_dir: Path) -> dict[str, str]:
    """file name -> sha256, from a SHA256SUMS file in `sha256sum` format (checkable with `sha256sum -c`)."""
    sums = raw_dir / CHECKSUMS
    if not sums.exists():
        return {}
    pairs = (line.split(None, 1) for line in sums.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name.strip().lstrip("*"): digest for digest, name in pairs}


def record_checksum(path: Path) -> None:
    sums = read_checksums(path.parent)
    sums[path.name] = sha256(path)
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
    (path.parent / CHECKSUMS).write_text(lines, encoding="utf-8")


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") or "export"
