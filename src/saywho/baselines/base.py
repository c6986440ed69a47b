"""What every system is: a name and a predict() from an unannotated document to a predicted one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from saywho.document import Document


class System(Protocol):
    """A system predicts spans, attributes and relations for the text of a document.

    predict() receives the document with its metadata (event targets included) and no annotation, and returns the
    same document with predicted spans and relations. It must not look at anything else of the gold.
    """

    name: str

    def predict(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class TrainingData:
    """What a trainable system may learn from: train and validation documents, never test."""

    train: tuple[Document, ...]
    validation: tuple[Document, ...]
    corpus_hash: str


def unannotated(doc: Document) -> Document:
    """The document as a system sees it: text and metadata, no spans, no relations."""
    return replace(doc, spans=(), relations=())
