"""The main job end to end on the real corpus: every baseline on the test split, scored and written out."""

from __future__ import annotations

import re

import pytest

from saywho.eval.readme import END, START
from saywho.eval.run import leaderboard

from conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    rows, runs = leaderboard(CORPUS, "test", out, ROOT / "eval" / "submissions")
    return out, {row.name: row.report for row in rows}, runs


def _without_date(markdown: str) -> str:
    return re.sub(r"\d{4}-\d{2}-\d{2}\.", "DATE.", markdown)


def test_every_format_is_written(run):
    out, _, _ = run
    for ext in ("md", "json", "html", "png", "tex"):
        assert (out / f"leaderboard.{ext}").stat().st_size > 0
    assert "Ceiling" in (out / "leaderboard.md").read_text()


def test_committed_leaderboard_and_readme_are_current(run):
    out, _, _ = run
    fresh = _without_date((out / "leaderboard.md").read_text())
    assert _without_date((ROOT / "eval" / "leaderboard.md").read_text()) == fresh, "run: saywho leaderboard"
    readme = (ROOT / "README.md").read_text()
    assert _without_date(readme.split(START, 1)[1].split(END, 1)[0].strip()) == fresh.strip()


def test_rules_beat_a_direct_quotes_only_extractor(run):
    _, reports, _ = run
    rules, direct = reports["rules"], reports["direct-quotes"]
    assert rules.scores["attribution_spans"]["QUOTE.f1"] > direct.scores["attribution_spans"]["QUOTE.f1"]
    assert rules.scores["quote_overlap"]["tokens.f1"] > direct.scores["quote_overlap"]["tokens.f1"]


def test_crf_entities_beat_capitalised_words(run):
    _, reports, _ = run
    assert reports["crf"].scores["entities"]["micro.f1"] > reports["caps"].scores["entities"]["micro.f1"]


class Trap(dict):
    """Gold that fails the test if a system reads it."""

    def __getitem__(self, key):
        raise AssertionError(f"a system read the gold of {key}")

    get = __getitem__


def test_only_oracle_systems_can_read_the_split_gold():
    from saywho.baselines.base import unannotated
    from saywho.baselines.cache import training_data
    from saywho.baselines.registry import SYSTEMS, Parts, build_system
    from saywho.corpus.stats import load_built

    doc = load_built(CORPUS, splits=("test",))["test"][0]
    parts = Parts(training_data(CORPUS), Trap({doc.doc_id: doc}))
    for name, entry in SYSTEMS.items():
        if not entry.uses_gold_quotes:
            build_system(name, parts).predict(unannotated(doc))
