"""Scoring a system's predictions against the gold of one split: every metric, intervals, breakdowns, provenance."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import numpy as np

from saywho import __version__
from saywho.baselines.base import unannotated
from saywho.document import Document, document_to_json
from saywho.eval.bootstrap import RESAMPLES, SEED, interval, resample_weights, resampled_scores
from saywho.eval.metrics import METRICS, DocPair, count_matrix, scores_from
from saywho.inventory import OUTLET_STYLES
from saywho.tokenize import TOKENIZER_VERSION

SCORER_VERSION = "1"


def gold_hash(gold: list[Document]) -> str:
    """A hash of the gold documents (in doc_id order): reports scored against different gold never mix."""
    digest = hashlib.sha256()
    for doc in sorted(gold, key=lambda d: d.doc_id):
        digest.update(json.dumps(document_to_json(doc), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def provenance(gold: list[Document], split: str, resamples: int, seed: int) -> dict[str, Any]:
    return {"gold_hash": gold_hash(gold), "split": split, "documents": len(gold), "scorer_version": SCORER_VERSION,
            "tokenizer_version": TOKENIZER_VERSION, "saywho_version": __version__, "seqeval_version": version("seqeval"),
            "bootstrap_resamples": resamples, "seed": seed,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")}


@dataclass
class ScoreReport:
    """A system's scores on one split: scores and 95% intervals per metric, breakdowns, and per-document counts."""

    system: dict[str, Any]
    provenance: dict[str, Any]
    scores: dict[str, dict[str, float]]
    intervals: dict[str, dict[str, tuple[float, float]]]
    by_outlet_style: dict[str, dict[str, dict[str, float]]]
    counts: dict[str, dict[str, Any]] = field(repr=False)

    def main(self, metric: str) -> float:
        return self.scores[metric][METRICS[metric].main_score]

    def to_json(self) -> dict[str, Any]:
        return {"system": self.system, "provenance": self.provenance, "scores": self.scores,
                "intervals": {m: {k: list(v) for k, v in ivs.items()} for m, ivs in self.intervals.items()},
                "by_outlet_style": self.by_outlet_style, "counts": self.counts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ScoreReport":
        return cls(data["system"], data["provenance"], data["scores"],
                   {m: {k: tuple(v) for k, v in ivs.items()} for m, ivs in data["intervals"].items()},
                   data["by_outlet_style"], data["counts"])

    def resampled(self, metric: str, key: str, weights: np.ndarray) -> np.ndarray:
        """One score on each resample (rows of weights), for paired tests between reports of the same gold."""
        keys = tuple(self.counts[metric]["keys"])
        matrix = np.array(self.counts[metric]["rows"], dtype=np.int64).reshape(-1, len(keys))
        return np.asarray(resampled_scores(METRICS[metric], keys, matrix, weights)[key])


def _plain(scores: dict[str, Any]) -> dict[str, float]:
    return {key: float(value) for key, value in scores.items()}


def score(gold: list[Document], predictions: dict[str, Document], system: dict[str, Any], split: str,
          resamples: int = RESAMPLES, seed: int = SEED) -> ScoreReport:
    """Score predictions (doc_id -> document; a missing document counts as an empty prediction) against the gold."""
    gold = sorted(gold, key=lambda d: d.doc_id)
    pairs = [DocPair(doc, predictions.get(doc.doc_id) or unannotated(doc)) for doc in gold]
    weights = resample_weights(len(pairs), resamples, seed)
    styles = np.array([doc.outlet_style for doc in gold])
    scores, intervals, by_style, counts = {}, {}, {style: {} for style in OUTLET_STYLES}, {}
    for name, metric in METRICS.items():
        keys, matrix = count_matrix(metric, pairs)
        counts[name] = {"keys": list(keys), "rows": matrix.tolist()}
        scores[name] = _plain(scores_from(keys, matrix.sum(axis=0), metric))
        samples = resampled_scores(metric, keys, matrix, weights)
        intervals[name] = {key: interval(values) for key, values in samples.items()}
        for style in OUTLET_STYLES:
            if (styles == style).any():
                by_style[style][name] = _plain(scores_from(keys, matrix[styles == style].sum(axis=0), metric))
    return ScoreReport(system, provenance(gold, split, resamples, seed), scores, intervals, by_style, counts)
