"""Trained models are built from the corpus on first use and kept outside the repo, keyed by the corpus hash."""

from __future__ import annotations

import functools
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


# The code a trained model depends on: the baselines themselves and what they read documents and tokens with.
MODEL_CODE = ("baselines/*.py", "tokenize.py", "bio.py", "document.py", "inventory.py",
              "eval/metrics.py", "matching.py")  # the aligner is fitted on the scorer's alignment metric


@functools.cache
def code_hash() -> str:
    """A hash of the code models depend on: a model trained by other code (features, lexicon) is never reused."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(p for pattern in MODEL_CODE for p in package.glob(pattern)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached(name: str, data: TrainingData, train: Callable[[TrainingData], T]) -> T:
    """The model `name` trained on `data`: loaded from the cache (our own pickles only), or trained and stored.

    Keyed by the training data and the code, so neither a new corpus nor a code change reuses a stale model.
    """
    path = cache_dir() / f"{data.corpus_hash}-{code_hash()}" / f"{name}.pkl"
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
