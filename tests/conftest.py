"""Shared paths and helpers of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built_corpus():
    """The committed corpus, documents per split, as the build reads them from corpus/raw."""
    from saywho.corpus.build import check

    checked = check(CORPUS)
    assert not [i for i in checked.issues if i.severity == "error"], "\n".join(map(str, checked.issues))
    return checked.by_split
