"""Trained models are built from the corpus on first use and kept outside the repo, keyed by the corpus hash."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

from saywho.baselines.base import TrainingData
from saywho.corpus.stats import load_built

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(os.environ.get("SAYWHO_CACHE", Path.home() / ".cache" / "saywho")) / "models"


def corpus_hash(corpus: Path) -> str:
    """A hash of the built training data (train and validation files of the documents config)."""
    digest = hashlib.sha256()
    for split in ("train", "validation"):
        digest.update((corpus / "data" / "documents" / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()[:16]


def training_data(corpus: Path) -> TrainingData:
    """Train and validation documents of the built corpus; the test split is never loaded here."""
    by_split = load_built(corpus, splits=("train", "validation"))
    return TrainingData(tuple(by_split["train"]), tuple(by_split["validation"]), corpus_hash(corpus))


def cached(name: str, data: TrainingData, train: Callable[[TrainingData], T]) -> T:
    """The model `name` trained on `data`: loaded from the cache (our own pickles only), or trained and stored."""
    path = cache_dir() / data.corpus_hash / f"{name}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)
    model = train(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_suffix(".partial")
    with aside.open("wb") as handle:
        pickle.dump(model, handle)
    aside.replace(path)
    return model
