"""One bad-input fixture per issue code: each yields exactly its own code, and the CLI reports it without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from saywho.cli import main
from saywho.corpus.build import check
from saywho.corpus.sources import load_documents
from saywho.eval.submission import read_submission
from saywho.issues import CODES

from conftest import FIXTURES
from fixtures.make_fixtures import base_doc

ISSUES = FIXTURES / "issues"


def fixture_for(code: str) -> Path:
    matches = [p for p in ISSUES.iterdir() if p.name == code or p.stem == code]
    assert len(matches) == 1, f"expected one fixture named {code}, found {matches}"
    return matches[0]


def codes_found(path: Path) -> list[str]:
    if path.is_dir():
        issues = check(path).issues
    elif path.suffix == ".jsonl":
        issues = read_submission(path, [base_doc()])[1]
    else:
        issues = load_documents([path])[1]
    return [issue.code for issue in issues]


@pytest.mark.parametrize("code", sorted(CODES))
def test_fixture_yields_exactly_its_code(code):
    found = codes_found(fixture_for(code))
    assert found and set(found) == {code}, found


def test_every_fixture_is_named_after_a_code():
    names = {p.name if p.is_dir() else p.stem for p in ISSUES.iterdir()} - {"valid"}
    assert names == set(CODES)


def test_the_base_of_the_fixtures_is_valid():
    assert codes_found(ISSUES / "valid.md") == []


@pytest.mark.parametrize("code", ["span-text-mismatch", "export-json-min", "markup-unclosed-span", "export-conll"])
def test_cli_names_document_place_and_fix_without_traceback(code, capsys):
    status = main(["validate", str(fixture_for(code))])
    err = capsys.readouterr().err
    assert status == 1
    assert f"ERROR {code}:" in err and "Fix:" in err and "Traceback" not in err


def test_span_text_mismatch_message_names_document_chars_and_both_texts():
    issues = load_documents([fixture_for("span-text-mismatch")])[1]
    assert str(issues[0]).startswith("[fixture-wire chars ")
    assert "'Tarow'" in str(issues[0]) and "'Tarrow'" in str(issues[0])


def test_warnings_alone_do_not_fail_validation(capsys):
    assert main(["validate", str(fixture_for("quote-without-cue"))]) == 0
    assert "WARNING quote-without-cue" in capsys.readouterr().err
