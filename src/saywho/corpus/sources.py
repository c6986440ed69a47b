"""Reading documents from where they live: Label Studio exports (.json) and authoring markup (.md)."""

from __future__ import annotations

from pathlib import Path

from saywho.document import Document
from saywho.issues import Issue
from saywho.markup import markup_to_document
from saywho.validate import validate_corpus

READERS = (".json", ".md")


def files_under(paths: list[Path]) -> list[Path]:
    """The readable files named or found below the given paths, in sorted order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in READERS and p.is_file())
        else:
            found.append(path)
    return found


def read_file(path: Path, policy: str = "ground-truth") -> tuple[list[Document], list[Issue]]:
    """The documents of one file, with the issues met while reading it (validation not included)."""
    if path.suffix == ".md":
        doc, issues = markup_to_document(path.read_text(encoding="utf-8"), str(path))
        return ([doc] if doc else []), issues
    from saywho.labelstudio.export import read_export

    return read_export(path, policy=policy)


def load_documents(paths: list[Path], policy: str = "ground-truth") -> tuple[list[Document], list[Issue]]:
    """Read every file below the paths and validate the documents together."""
    docs: list[Document] = []
    issues: list[Issue] = []
    for path in files_under(paths):
        if not path.exists():
            issues.append(Issue("file-unreadable", str(path), "", "no such file or folder"))
            continue
        found, read_issues = read_file(path, policy)
        docs += found
        issues += read_issues
    return docs, issues + validate_corpus(docs)
