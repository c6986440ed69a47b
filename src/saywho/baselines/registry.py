"""The registry of baseline systems: a name, what it is, and how to build it from the training data."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Callable

from saywho.baselines.alignment import Aligner, train_aligner
from saywho.baselines.base import System, TrainingData
from saywho.baselines.cache import cached
from saywho.baselines.caps import train_caps_system
from saywho.baselines.combine import Combined, GoldQuotes
from saywho.baselines.crf import train_crf_system
from saywho.baselines.direct import DirectQuotesSystem
from saywho.baselines.rules import RulesSystem
from saywho.baselines.stance import train_majority, train_tfidf
from saywho.document import Document
from saywho.issues import UsageError


@dataclass(frozen=True)
class Parts:
    """What a system factory may use: the training data (train and validation) and, for oracles only, the gold of
    the split being predicted."""

    data: TrainingData
    split_gold: dict[str, Document]

    def crf(self) -> System:
        return train_crf_system(self.data)

    def caps(self) -> System:
        return cached("caps", self.data, train_caps_system)

    def tfidf(self):
        return cached("stance-tfidf", self.data, train_tfidf)

    def majority(self):
        return cached("stance-majority", self.data, train_majority)


@dataclass(frozen=True)
class Entry:
    description: str
    build: Callable[[Parts], System]
    uses_gold_quotes: bool = False


SYSTEMS: dict[str, Entry] = {
    "direct-quotes": Entry(
        "direct quotes only, speaker = nearest name-like subject, no coreference (textacy-like)",
        lambda p: DirectQuotesSystem(),
    ),
    "rules": Entry(
        "rule-based attributor: direct, split, multi-paragraph, indirect and mixed quotes, coreference",
        lambda p: RulesSystem(),
    ),
    "caps": Entry("capitalised-word runs as entities, labelled by their most frequent train label", lambda p: p.caps()),
    "crf": Entry("CRF taggers for entities and attribution spans, with speaker linking", lambda p: p.crf()),
    "rules+majority": Entry(
        "rules attribution, majority stance", lambda p: Combined("rules+majority", None, RulesSystem(), p.majority())
    ),
    "rules+tfidf": Entry(
        "rules attribution, TF-IDF logistic-regression stance",
        lambda p: Combined("rules+tfidf", None, RulesSystem(), p.tfidf()),
    ),
    "crf+tfidf": Entry(
        "CRF entities and attribution, TF-IDF stance", lambda p: _both_from(p.crf(), "crf+tfidf", p.tfidf())
    ),
    "crf-entities+rules+tfidf": Entry(
        "CRF entities, rules attribution, TF-IDF stance",
        lambda p: Combined("crf-entities+rules+tfidf", p.crf(), RulesSystem(), p.tfidf()),
    ),
    "gold-quotes+majority": Entry(
        "oracle gold quotes and speakers, majority stance (stance track)",
        lambda p: Combined("gold-quotes+majority", None, GoldQuotes(p.split_gold), p.majority()),
        True,
    ),
    "gold-quotes+tfidf": Entry(
        "oracle gold quotes and speakers, TF-IDF stance (stance track)",
        lambda p: Combined("gold-quotes+tfidf", None, GoldQuotes(p.split_gold), p.tfidf()),
        True,
    ),
}


def _both_from(system: System, name: str, stance) -> Combined:
    """Entities and attribution from one trained system (loaded once)."""
    return Combined(name, system, system, stance)


def build_system(name: str, parts: Parts) -> System:
    """The named system, built (and trained on first use) from the parts. Only systems marked uses_gold_quotes
    are given the split's gold; every other one gets none, so it cannot read it."""
    if name not in SYSTEMS:
        close = difflib.get_close_matches(name, SYSTEMS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the systems are {', '.join(SYSTEMS)}"
        raise UsageError(f"no system named {name!r}{hint}")
    entry = SYSTEMS[name]
    return entry.build(parts if entry.uses_gold_quotes else replace(parts, split_gold={}))


def aligner(parts: Parts) -> Aligner:
    """The statement aligner every system's predictions go through, fitted on validation."""
    return cached("aligner", parts.data, train_aligner)
