"""The whole main job, `saywho leaderboard`, timed: every registered baseline on the test split, scored with
intervals, paired tests, error pages and the five output formats. Models come from the cache (train once first:
the first run of `saywho leaderboard` trains them, which this bench reports separately when it happens).

    .venv/bin/python bench/bench_leaderboard.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from saywho.baselines.registry import SYSTEMS
from saywho.eval.run import leaderboard

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    runs = []
    for attempt in ("first run (trains what is not cached)", "second run (models cached)"):
        with tempfile.TemporaryDirectory() as out:
            began = time.perf_counter()
            rows, system_runs = leaderboard(ROOT / "corpus", "test", Path(out), ROOT / "eval" / "submissions")
            runs.append((attempt, time.perf_counter() - began, sum(run.seconds for run in system_runs), len(rows)))
    print("| run | systems | seconds in all | of which predicting |\n|---|---|---|---|")
    for attempt, seconds, predicting, ranked in runs:
        print(f"| {attempt} | {len(SYSTEMS)} ({ranked} ranked) | {seconds:.1f} | {predicting:.1f} |")


if __name__ == "__main__":
    main()
