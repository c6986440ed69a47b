"""The stance baselines and the statement aligner, on hand-written cases."""

from __future__ import annotations

from dataclasses import replace

from saywho.baselines.alignment import Aligner, align_all, content_words, jaccard
from saywho.baselines.base import TrainingData
from saywho.baselines.stance import MajorityStance, train_majority, train_tfidf

from test_scorer import GOLD, doc


def test_majority_is_the_most_frequent_train_stance_toward_the_first_target():
    data = TrainingData((doc(GOLD), doc(GOLD.replace("stance=FAVOR", "stance=AGAINST"))), (), "x")
    model = train_majority(data)
    assert model == MajorityStance("AGAINST")
    quote = doc(GOLD).labelled("QUOTE")[0]
    assert model.assign(doc(GOLD), [quote]) == [("the toll", "AGAINST")]


def test_tfidf_picks_the_target_the_quote_talks_about_and_learns_the_stance():
    against = doc(GOLD)  # "Scrap the toll." AGAINST the toll; "the ferry works well" FAVOR the ferry
    data = TrainingData(tuple(replace(against, doc_id=f"t{i}") for i in range(6)), (against,), "x")
    model = train_tfidf(data)
    toll, ferry = against.labelled("QUOTE")
    assert model.assign(against, [toll, ferry]) == [("the toll", "AGAINST"), ("the ferry", "FAVOR")]
    assert model.assign(against, []) == []


def test_aligner_links_the_same_statement_across_outlets_only():
    a, b = doc(GOLD, "d1", outlet="Wire"), doc(GOLD, "d2", outlet="Ledger")
    aligned = align_all([a, b], Aligner(0.3, 0.5))
    ids = [{q.id: q.statement_id for q in d.labelled("QUOTE")} for d in aligned]
    assert ids[0]["q1"] == ids[1]["q1"] != ids[0]["q2"] == ids[1]["q2"]
    alone = align_all([a], Aligner(0.3, 0.5))[0]
    assert len({q.statement_id for q in alone.labelled("QUOTE")}) == 2  # never linked within one article


def test_content_words_ignore_function_words():
    assert content_words("The toll is a tax on the families") == {"toll", "tax", "families"}
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == 1 / 3
