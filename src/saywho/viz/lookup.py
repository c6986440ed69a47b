"""Documents and events of the built corpus by id, with a one-line message naming what to use when one is absent."""

from __future__ import annotations

from pathlib import Path

from saywho.corpus.stats import load_built
from saywho.document import Document
from saywho.issues import UsageError


def built_documents(corpus: Path) -> list[Document]:
    """Every document of every split of the built corpus."""
    docs = [doc for split in load_built(corpus).values() for doc in split]
    if not docs:
        raise UsageError(f"{corpus / 'data' / 'documents'} holds no documents: run 'saywho build' first")
    return docs


def find_document(docs: list[Document], doc_id: str) -> Document:
    for doc in docs:
        if doc.doc_id == doc_id:
            return doc
    raise UsageError(f"no document {doc_id!r} in the corpus; ids look like {docs[0].doc_id!r}")


def event_documents(docs: list[Document], event_id: str) -> list[Document]:
    found = [doc for doc in docs if doc.event_id == event_id]
    if not found:
        raise UsageError(f"no event {event_id!r} in the corpus; ids look like {docs[0].event_id!r}")
    return found
