"""Uncertainty from per-document counts: bootstrap intervals and the paired test between two systems.

A resample draws documents with replacement; its counts are the weighted sum of the documents' count rows, so
B resamples cost one (B x documents) @ (documents x counts) product instead of B runs of the scorer.
"""

from __future__ import annotations

import numpy as np

from saywho.eval.metrics import Metric, scores_from

RESAMPLES = 1000
SEED = 20260214


def resample_weights(documents: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """How often each document is drawn in each resample: a (resamples x documents) matrix of counts."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, documents, size=(resamples, documents))
    weights = np.zeros((resamples, documents), dtype=np.int64)
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1)
    return weights


def resampled_scores(metric: Metric, keys: tuple[str, ...], counts: np.ndarray, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Every score of the metric in every resample."""
    return scores_from(keys, weights @ counts, metric)


def interval(samples: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """The percentile interval of bootstrap samples."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def paired_p_value(best: np.ndarray, other: np.ndarray, observed: float) -> float:
    """One-sided paired bootstrap p-value that `best` beats `other` by chance (Berg-Kirkpatrick et al., 2012).

    `best` and `other` are the two systems' scores on the same resamples; `observed` is best - other on the test
    set. The resampled differences are centred on `observed`, so p = P(delta_resample > 2 * observed).
    """
    deltas = best - other
    return float((np.sum(deltas > 2 * observed) + 1) / (len(deltas) + 1))
