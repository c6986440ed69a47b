"""The worked hard cases of the guidelines are valid annotations, as many as promised."""

from __future__ import annotations

import re

import pytest

from saywho.markup import markup_to_document
from saywho.validate import validate_document

from conftest import ROOT

HARD_CASES = (ROOT / "annotation_guidelines" / "hard_cases.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^### (\d+)\..*?```saywho\n(.*?)```", HARD_CASES, flags=re.MULTILINE | re.DOTALL)


def test_at_least_forty_cases_each_with_one_annotation():
    assert len(BLOCKS) >= 40
    assert len(BLOCKS) == len(re.findall(r"^### \d+\.", HARD_CASES, flags=re.MULTILINE))


@pytest.mark.parametrize(("number", "block"), BLOCKS, ids=[number for number, _ in BLOCKS])
def test_hard_case_is_a_valid_annotation(number, block):
    doc, issues = markup_to_document(block, f"hard case {number}")
    assert doc is not None, issues
    problems = [str(i) for i in issues + validate_document(doc) if i.code != "quote-without-cue"]
    assert problems == []
