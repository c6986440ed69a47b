"""The build: deterministic bytes, nothing written on failure, committed data equal to a fresh build."""

from __future__ import annotations

import json
import shutil

import pytest

from saywho.cli import main
from saywho.corpus.build import build
from saywho.issues import SayWhoError

from conftest import CORPUS


@pytest.fixture
def corpus_copy(tmp_path):
    """The committed corpus folder (raw export, splits, card, data) copied aside."""
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns("authoring"))
    return copy


def _tree(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_data_and_card_equal_a_fresh_build(corpus_copy):
    build(corpus_copy)
    assert _tree(corpus_copy / "data") == _tree(CORPUS / "data"), "corpus/data is stale: run saywho build"
    assert (corpus_copy / "README.md").read_text() == (CORPUS / "README.md").read_text(), "the card is stale: run saywho build"


def test_two_builds_are_byte_identical(corpus_copy, tmp_path):
    build(corpus_copy)
    first = _tree(corpus_copy / "data")
    build(corpus_copy)
    assert _tree(corpus_copy / "data") == first


def test_failed_build_leaves_previous_data_untouched(corpus_copy):
    before = _tree(corpus_copy / "data")
    card = (corpus_copy / "README.md").read_bytes()
    export = next((corpus_copy / "raw").glob("*.json"))
    tasks = json.loads(export.read_text(encoding="utf-8"))
    tasks[0]["annotations"][0]["result"][0]["value"]["end"] += 1  # now it is misaligned, off its surface text
    export.write_text(json.dumps(tasks), encoding="utf-8")
    from saywho.labelstudio.server import record_checksum
    record_checksum(export)
    with pytest.raises(SayWhoError) as raised:
        build(corpus_copy)
    assert "span-text-mismatch" in {issue.code for issue in raised.value.issues}
    assert _tree(corpus_copy / "data") == before
    assert (corpus_copy / "README.md").read_bytes() == card
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".data-")]


def test_build_command_reports_issues_and_exits_nonzero(corpus_copy, capsys):
    (corpus_copy / "splits.json").write_text('{"train": [], "validation": [], "test": []}')
    assert main(["build", "--corpus", str(corpus_copy)]) == 1
    err = capsys.readouterr().err
    assert "ERROR event-without-split" in err and "Traceback" not in err
