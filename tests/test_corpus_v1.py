"""Corpus v1 as promised in the card: size, shape, range, phenomena mix, originality and double annotation."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from saywho.corpus.overlap import SHINGLE, shared_sequences
from saywho.corpus.build import check
from saywho.phenomena import hard_negatives, quote_phenomena

from conftest import CORPUS


@pytest.fixture(scope="module")
def docs(built_corpus):
    return [doc for split in built_corpus.values() for doc in split]


@pytest.fixture(scope="module")
def quotes(docs):
    return [(doc, quote) for doc in docs for quote in doc.labelled("QUOTE")]


def _share(values, wanted) -> float:
    return sum(value in wanted for value in values) / len(values)


def test_size(docs, quotes):
    assert len(docs) >= 150
    assert len({doc.event_id for doc in docs}) >= 50
    assert len(quotes) >= 1500


def test_each_event_has_two_to_four_outlets_of_distinct_styles(docs):
    events = defaultdict(list)
    for doc in docs:
        events[doc.event_id].append(doc)
    for event, members in events.items():
        assert 2 <= len(members) <= 4, event
        assert len({d.outlet for d in members}) == len(members), event
        if members[0].provenance == "composed":
            assert len({d.outlet_style for d in members}) == len(members), event


def test_statements_shared_across_outlets_in_enough_events(docs):
    outlets = defaultdict(set)
    for doc in docs:
        for quote in doc.labelled("QUOTE"):
            outlets[(doc.event_id, quote.statement_id)].add(doc.outlet)
    events = {doc.event_id for doc in docs}
    shared = {event for (event, _), names in outlets.items() if len(names) > 1}
    assert len(shared) / len(events) >= 0.40


def test_range_of_topics(docs):
    assert len({doc.topic for doc in docs}) >= 8


def test_phenomena_mix(quotes):
    forms = [q.form for _, q in quotes]
    assert _share(forms, {"indirect"}) >= 0.30 and _share(forms, {"mixed"}) >= 0.10
    tags = [quote_phenomena(doc, q) for doc, q in quotes]
    assert sum("pronoun-speaker" in t or "nominal-speaker" in t for t in tags) / len(tags) >= 0.15
    assert sum("anonymous-speaker" in t or "speaker-unmentioned" in t for t in tags) / len(tags) >= 0.03
    assert sum("speaker-after" in t for t in tags) / len(tags) >= 0.05
    assert sum("split" in t or "multi-paragraph" in t for t in tags) >= 30
    for stance in ("FAVOR", "AGAINST", "NONE"):
        assert _share([q.stance for _, q in quotes], {stance}) >= 0.20, stance


def test_hard_negatives(docs):
    assert sum(len(hard_negatives(doc)) for doc in docs) >= 100


def test_composed_articles_are_news_length(docs):
    for doc in docs:
        if doc.provenance == "composed":
            assert 250 <= len(doc.text.split()) <= 700, (doc.doc_id, len(doc.text.split()))


def test_provenance_is_seed_or_composed(docs):
    assert Counter(doc.provenance for doc in docs).keys() <= {"seed", "composed"}


def test_no_two_articles_share_long_word_sequences_outside_quotes(docs):
    shared = shared_sequences(docs)
    assert not shared, f"{len(shared)} pairs share {SHINGLE}-word sequences, e.g. " + "; ".join(
        f"{a} / {b}: {' '.join(words)!r}" for a, b, words in shared[:5])


def test_splits_are_about_60_20_20_by_event_with_the_seed_event_in_test(built_corpus):
    events = {split: {doc.event_id for doc in docs} for split, docs in built_corpus.items()}
    total = sum(map(len, events.values()))
    for split, share in (("train", 0.6), ("validation", 0.2), ("test", 0.2)):
        assert abs(len(events[split]) / total - share) <= 0.05, split
    assert any(doc.provenance == "seed" for doc in built_corpus["test"])


def test_double_annotation_covers_ten_percent_spread_over_splits(built_corpus):
    pairs = check(CORPUS).agreement_pairs
    annotated = {gold.doc_id for gold, _ in pairs}
    docs = {doc.doc_id: (split, doc) for split, split_docs in built_corpus.items() for doc in split_docs}
    assert len(annotated) >= max(15, 0.10 * len(docs))
    assert {docs[doc_id][0] for doc_id in annotated} == set(built_corpus)
    assert len({docs[doc_id][1].outlet_style for doc_id in annotated}) == 4
    assert all(gold == docs[gold.doc_id][1] for gold, _ in pairs)
