"""`saywho leaderboard`: build the corpus if needed, run every registered baseline on a split, score them with the
submissions in eval/submissions/, and write the leaderboard in every format."""

from __future__ import annotations

import sys

import datasets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from saywho.baselines.cache import training_data
from saywho.baselines.predict import predict_documents
from saywho.baselines.registry import SYSTEMS, Parts, aligner, build_system
from saywho.corpus.build import build, check
from saywho.corpus.stats import load_built
from saywho.document import Document
from saywho.eval.leaderboard import Row, Table, rank, write
from saywho.eval.scorer import ScoreReport, score
from saywho.eval.submission import METADATA_FIELDS, read_submission, write_submission
from saywho.viz.errors import write_errors_page

HUMAN = "human (second annotator)"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class SystemRun:
    report: ScoreReport
    predictions: dict[str, Document]
    seconds: float


def gold_split(corpus: Path, split: str) -> list[Document]:
    """The gold documents of a split, building the corpus first if it was never built."""
    if not (corpus / "data" / "documents").exists():
        progress("building the corpus (corpus/data is missing)")
        build(corpus)
    return load_built(corpus, splits=(split,))[split]


def system_metadata(name: str) -> dict:
    entry = SYSTEMS[name]
    return {"name": name, "version": "baseline", "description": entry.description, "contact": "SayWho",
            "trained_on_validation": False, "uses_gold_quotes": entry.uses_gold_quotes, "kind": "baseline"}


def predict_split(parts: Parts, name: str, gold: list[Document], num_proc: int | None = None) -> tuple[list[Document], float]:
    """A baseline's predictions for the split's documents (aligned across outlets), and the seconds they took."""
    system = build_system(name, parts)
    began = time.perf_counter()
    predicted = predict_documents(system, gold, aligner(parts), num_proc=num_proc)
    return predicted, time.perf_counter() - began


def run_baselines(corpus: Path, split: str, names: list[str], predictions_dir: Path | None,
                  report: Callable[[str], None] = progress) -> list[SystemRun]:
    """Predict the split with each named baseline (training on train/validation on first use) and score it."""
    gold = gold_split(corpus, split)
    parts = Parts(training_data(corpus), {doc.doc_id: doc for doc in gold})
    datasets.disable_progress_bars()  # one line per system instead
    runs = []
    for index, name in enumerate(names, 1):
        report(f"[{index}/{len(names)}] {name}: building (training on first use) and predicting {len(gold)} documents")
        predicted, seconds = predict_split(parts, name, gold)
        report(f"[{index}/{len(names)}] {name}: {len(gold) / seconds:,.0f} documents/s")
        metadata = {**system_metadata(name), "documents_per_second": len(gold) / seconds}
        if predictions_dir is not None:
            predictions_dir.mkdir(parents=True, exist_ok=True)
            write_submission(predictions_dir / f"{name}.jsonl", submission_metadata(metadata), predicted)
        by_id = {doc.doc_id: doc for doc in predicted}
        runs.append(SystemRun(score(gold, by_id, metadata, split), by_id, seconds))
    return runs


def submission_metadata(metadata: dict) -> dict:
    return {key: metadata[key] for key in METADATA_FIELDS}


def score_submissions(folder: Path, gold: list[Document], split: str) -> list[ScoreReport]:
    """Every valid submission in the folder, scored; an invalid one is reported and left out."""
    reports = []
    for path in sorted(folder.glob("*.jsonl")):
        submission, issues = read_submission(path, gold)
        for issue in issues:
            progress(f"{path.name}: {issue}")
        if submission is None:
            progress(f"{path.name}: not scored (fix the errors above)")
            continue
        metadata = {**submission.metadata, "kind": "submission"}
        reports.append(score(gold, submission.predictions, metadata, split))
    return reports


def ceiling(corpus: Path, gold: list[Document], split: str, runs: list[SystemRun]) -> list[ScoreReport]:
    """The second annotator and every system that predicts quotes itself, on the doubly annotated documents only."""
    second = {other.doc_id: other for _, other in check(corpus).agreement_pairs}
    subset = [doc for doc in gold if doc.doc_id in second]
    if not subset:
        return []
    reports = [score(subset, second, {"name": HUMAN, "kind": "human"}, split)]
    return reports + [score(subset, run.predictions, run.report.system, split) for run in runs
                      if not run.report.system.get("uses_gold_quotes")]


def leaderboard(corpus: Path, split: str, out: Path, submissions: Path) -> tuple[list[Row], list[SystemRun]]:
    """Run, score and rank everything; systems given the gold quotes are shown apart, as the stance track."""
    gold = gold_split(corpus, split)
    runs = run_baselines(corpus, split, list(SYSTEMS), out / "predictions")
    reports = [run.report for run in runs] + score_submissions(submissions, gold, split)
    oracle = [r for r in reports if r.system.get("uses_gold_quotes")]
    for run in runs:  # the error views the leaderboard page links to
        write_errors_page(run.report.system["name"], split, gold, run.predictions, out / "pages")
    rows = rank([r for r in reports if not r.system.get("uses_gold_quotes")])
    tables = [Table("Stance track: systems given the gold quotes and speakers", oracle),
              Table("Ceiling: the second annotator and the systems on the doubly annotated documents",
                    ceiling(corpus, gold, split, runs))]
    write(rows, tables, out)
    return rows, runs
