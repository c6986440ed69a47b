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


def test_guidelines_show_the_current_agreement_figures():
    from saywho.corpus.build import agreement_markdown, check

    guidelines = (ROOT / "annotation_guidelines" / "README.md").read_text(encoding="utf-8")
    shown = guidelines.split("<!-- saywho agreement -->\n", 1)[1].split("<!-- end of saywho agreement -->", 1)[0]
    assert shown == agreement_markdown(check(ROOT / "corpus").agreement_pairs), "paste the output of `saywho agreement`"


def test_agreement_meets_the_v1_targets():
    from saywho.corpus.agreement import agreement
    from saywho.corpus.build import check

    report = agreement(check(ROOT / "corpus").agreement_pairs)
    quote = next(s for s in report.spans if s.label == "QUOTE")
    assert quote.overlap_f1 >= 0.90 and report.speaker_agreement >= 0.95 and report.stance_kappa >= 0.75
