"""How much the scorer costs, measured against references in the same run.

1. Scoring the test split with every metric (and 1,000 bootstrap resamples) vs calling seqeval directly on the same
   IOB2 tags (one metric, no intervals).
2. Bootstrap intervals from per-document counts vs re-running the scorer on every resample.

    .venv/bin/python bench/bench_scorer.py [--repeats 5] [--resamples-slow 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from saywho.bio import spans_to_bio
from saywho.corpus.stats import load_built
from saywho.eval.bootstrap import resample_weights, resampled_scores
from saywho.eval.metrics import METRICS, DocPair, count_matrix, scores_from
from saywho.eval.scorer import score
from saywho.tokenize import tokenize

ROOT = Path(__file__).resolve().parents[1]


def timed(function, repeats: int) -> float:
    """The median wall time of `repeats` calls, in seconds."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def degraded(docs):
    """A plausible prediction: every third span dropped, every fifth shifted by one token where possible."""
    out = {}
    for doc in docs:
        tokens = tokenize(doc.text)
        ends = [t.end for t in tokens]
        spans = []
        for index, span in enumerate(doc.spans):
            if index % 3 == 0:
                continue
            if index % 5 == 0:
                later = [e for e in ends if e > span.end]
                span = replace(span, end=later[0]) if later else span
            spans.append(span)
        out[doc.doc_id] = replace(doc, spans=tuple(spans))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--resamples-slow", type=int, default=50, help="resamples for the re-scoring reference")
    args = parser.parse_args()

    gold = load_built(ROOT / "corpus", splits=("test",))["test"]
    predictions = degraded(gold)
    tags_true = [spans_to_bio(tokenize(d.text), d.layer("attribution")) for d in gold]
    tags_pred = [spans_to_bio(tokenize(d.text), predictions[d.doc_id].layer("attribution")) for d in gold]

    full = timed(lambda: score(gold, predictions, {"name": "bench"}, "test"), args.repeats)
    seqeval_only = timed(lambda: f1_score(tags_true, tags_pred, mode="strict", scheme=IOB2), args.repeats)
    projection = timed(lambda: [spans_to_bio(tokenize(d.text), d.layer("attribution")) for d in gold], args.repeats)

    metric = METRICS["attribution_spans"]
    pairs = [DocPair(d, predictions[d.doc_id]) for d in gold]
    keys, matrix = count_matrix(metric, pairs)
    weights = resample_weights(len(gold), 1000)
    from_counts = timed(lambda: resampled_scores(metric, keys, matrix, weights), args.repeats)

    def rescoring(resamples: int) -> None:
        for row in weights[:resamples]:
            chosen = [i for i, times in enumerate(row) for _ in range(times)]
            sample = [DocPair(gold[i], predictions[gold[i].doc_id]) for i in chosen]
            sample_keys, sample_matrix = count_matrix(metric, sample)
            scores_from(sample_keys, sample_matrix.sum(axis=0), metric)

    slow = timed(lambda: rescoring(args.resamples_slow), 1) * 1000 / args.resamples_slow

    print(f"test split: {len(gold)} documents, {sum(len(t) for t in tags_true):,} tokens\n")
    print("| what | seconds | ratio |")
    print("|---|---|---|")
    print(f"| saywho score: {len(METRICS)} metrics, 1,000-resample intervals, breakdowns | {full:.3f} | {full / seqeval_only:.1f}× seqeval |")
    print(f"| seqeval f1_score(mode=strict, IOB2) on the same attribution tags | {seqeval_only:.4f} | 1.0× |")
    print(f"| (projecting spans to IOB2 tags, which seqeval needs as input) | {projection:.4f} | |")
    print(f"| bootstrap, 1,000 resamples from per-document counts (one metric) | {from_counts:.4f} | 1.0× |")
    print(f"| bootstrap, 1,000 resamples by re-scoring (extrapolated from {args.resamples_slow}) | {slow:.2f} | "
          f"{slow / from_counts:.0f}× slower |")


if __name__ == "__main__":
    main()
