"""Running a system over a collection as a `datasets.map`, in memory or streamed, with `num_proc` workers.

The same function serves the test split and a million-article collection: rows in the documents
config's shape go in, rows with the predicted spans come out. Statement alignment, which needs every article of an
event, runs afterwards on the predictions (grouped by event).
"""

from __future__ import annotations

from typing import Any, Iterable

import secrets

import datasets

from saywho.baselines.alignment import Aligner, align_all
from saywho.baselines.base import System, unannotated
from saywho.corpus.configs import FEATURES
from saywho.document import Document, document_from_json, document_to_json

PREDICTED_COLUMNS = ("entities", "attribution", "relations")


def predict_row(row: dict[str, Any], system: System) -> dict[str, Any]:
    """One documents-config row in, its predicted spans and relations out (same columns)."""
    doc = unannotated(document_from_json(row))
    predicted = document_to_json(system.predict(doc), with_text=False)
    return {column: predicted[column] for column in PREDICTED_COLUMNS}


def _map(dataset: datasets.Dataset | datasets.IterableDataset, system: System, num_proc: int | None = None):
    options = (
        {}
        if isinstance(dataset, datasets.IterableDataset)
        else {
            "num_proc": num_proc,
            # A fresh fingerprint: predictions never come from the cache of an earlier run or another model.
            "new_fingerprint": f"predict-{system.name}-{secrets.token_hex(8)}",
            "desc": f"predicting with {system.name}",
        }
    )
    return dataset.map(predict_row, fn_kwargs={"system": system}, **options)


def predict_documents(
    system: System, docs: Iterable[Document], aligner: Aligner, num_proc: int | None = None
) -> list[Document]:
    """Predictions for in-memory documents, aligned across the outlets of each event."""
    rows = [document_to_json(unannotated(doc)) for doc in docs]
    dataset = datasets.Dataset.from_list(rows, features=FEATURES["documents"])
    predicted = [document_from_json(row) for row in _map(dataset, system, num_proc)]
    return align_all(predicted, aligner)


def predict_stream(system: System, dataset: datasets.IterableDataset) -> Iterable[dict[str, Any]]:
    """Predictions for a streamed collection, one row at a time: memory stays flat whatever its size."""
    return _map(dataset, system)
