"""The scorer against independent oracles: hand-computed cases, seqeval and sklearn called directly, an exact-span
implementation without seqeval, re-scoring per resample for the bootstrap shortcut."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2
from sklearn.metrics import f1_score as sklearn_f1

from saywho.bio import spans_to_bio
from saywho.document import Document, Span
from saywho.eval.bootstrap import paired_p_value, resample_weights, resampled_scores
from saywho.eval.metrics import METRICS, DocPair, count_matrix, scores_from
from saywho.eval.scorer import score
from saywho.inventory import ENTITY_LABELS, STANCES
from saywho.markup import markup_to_document
from saywho.tokenize import tokenize, widen_to_tokens

HEADER = "---\ndoc_id: {doc_id}\nevent_id: {event}\noutlet: {outlet}\noutlet_style: wire\ndate: '2026-01-01'\nprovenance: composed\ntopic: sport\ntargets: [the toll, the ferry]\n---\n"
GOLD = (
    "“[Scrap the toll.]{QUOTE q1 form=direct stance=AGAINST target=1 statement=a said_by=s1 cued_by=c1}” "
    "[[Ada Venn]{PER}]{SPEAKER s1 who=ada-venn mention=name} [said]{CUE c1}. [[Bo Lund]{PER}]{SPEAKER s2 who=bo-lund mention=name} "
    "of [Tarrow]{GPE} [said]{CUE c2} [the ferry works well]{QUOTE q2 form=indirect stance=FAVOR target=2 statement=b said_by=s2 cued_by=c2}."
)


def doc(body: str, doc_id: str = "d1", event: str = "e1", outlet: str = "Wire") -> Document:
    parsed, issues = markup_to_document(HEADER.format(doc_id=doc_id, event=event, outlet=outlet) + body)
    assert parsed is not None, issues
    return parsed


def scores(gold: list[Document], pred: list[Document], metric: str) -> dict[str, float]:
    report = score(gold, {d.doc_id: d for d in pred}, {"name": "t"}, "test", resamples=10)
    return report.scores[metric]


def test_hand_computed_partial_prediction():
    gold = doc(GOLD)
    # q1 exact with the right speaker and cue; q2 one token short (“ferry works well”), speaker wrong, stance NONE;
    # Ada Venn found as PER, Bo Lund missed, Tarrow labelled LOC instead of GPE.
    pred = doc(
        "“[Scrap the toll.]{QUOTE q1 form=direct stance=AGAINST target=1 statement=a said_by=s1 cued_by=c1}” "
        "[[Ada Venn]{PER}]{SPEAKER s1 who=ada-venn mention=name} [said]{CUE c1}. [Bo Lund]{SPEAKER s2 who=bo-lundqvist mention=name} "
        "of [Tarrow]{LOC} [said]{CUE c2} the [ferry works well]{QUOTE q2 form=indirect stance=NONE target=2 statement=b said_by=s2 cued_by=c2}."
    )
    spans = scores([gold], [pred], "attribution_spans")
    assert spans["QUOTE.precision"] == 0.5 and spans["QUOTE.recall"] == 0.5
    assert spans["SPEAKER.f1"] == 1.0 and spans["CUE.f1"] == 1.0
    assert math.isclose(spans["micro.f1"], 5 / 6)  # 5 of 6 chunks on both sides
    entities = scores([gold], [pred], "entities")
    assert (entities["micro.precision"], entities["micro.recall"]) == (0.5, 1 / 3)  # 1 of 2 predicted, 1 of 3 gold
    overlap = scores([gold], [pred], "quote_overlap")
    assert (overlap["tokens.precision"], overlap["tokens.recall"]) == (1.0, 7 / 8)  # 8 gold quote tokens, 7 predicted, all inside
    attribution = scores([gold], [pred], "attribution")
    assert attribution["speaker_accuracy"] == 0.5 and attribution["tuple.f1"] == 0.5
    stance = scores([gold], [pred], "stance")
    assert stance["AGAINST.f1"] == 1.0 and stance["FAVOR.recall"] == 0.0 and stance["NONE.precision"] == 0.0
    assert math.isclose(stance["macro_f1"], 1 / 3) and stance["f_avg"] == 0.5


def test_precision_and_recall_are_not_swapped():
    gold = doc(GOLD)
    one_extra = doc(GOLD.replace("works well", "[works]{PER} well"))
    entities = scores([gold], [one_extra], "entities")
    assert entities["micro.recall"] == 1.0 and entities["micro.precision"] == 0.75


def test_perfect_and_empty_predictions():
    gold = [doc(GOLD, "d1"), doc(GOLD, "d2", outlet="Ledger")]
    perfect = score(gold, {d.doc_id: d for d in gold}, {"name": "gold"}, "test", resamples=10)
    empty = score(gold, {}, {"name": "nothing"}, "test", resamples=10)
    for metric in METRICS:
        assert perfect.main(metric) == 1.0, metric
        assert empty.main(metric) == 0.0, metric


def test_document_order_does_not_matter():
    gold = [doc(GOLD, f"d{i}") for i in range(4)]
    pred = [replace(d, spans=d.spans[: i + 2]) for i, d in enumerate(gold)]
    forward = score(gold, {d.doc_id: d for d in pred}, {"name": "x"}, "test", resamples=50)
    backward = score(gold[::-1], {d.doc_id: d for d in pred[::-1]}, {"name": "x"}, "test", resamples=50)
    assert forward.scores == backward.scores and forward.intervals == backward.intervals


def test_alignment_counts_cross_outlet_pairs():
    gold = [doc(GOLD, "d1", outlet="Wire"), doc(GOLD, "d2", outlet="Ledger"), doc(GOLD, "d3", "e2", "Gazette")]
    # Two documents of e1 share statements a and b: 2 gold pairs; d3 is alone in its event.
    pred = [gold[0], replace(gold[1], spans=tuple(replace(s, statement_id="z") if s.id == "q2" else s for s in gold[1].spans)), gold[2]]
    alignment = scores(gold, pred, "alignment")
    assert (alignment["pairs.precision"], alignment["pairs.recall"]) == (1.0, 0.5)


# --- seqeval and an exact-span implementation without seqeval agree on random documents ---------------------

WORDS = ["Ada", "Venn", "said", "the", "“", "toll", "”", ",", "Tarrow", "’s", "council", "NATO", "."]


@st.composite
def random_pair(draw):
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30)))
    tokens = tokenize(text)

    def spans():
        chosen, position = [], 0
        while position < len(tokens):
            length = draw(st.integers(0, 3))
            if length and position + length <= len(tokens) and draw(st.booleans()):
                label = draw(st.sampled_from(ENTITY_LABELS))
                chosen.append(Span(f"e{position}", tokens[position].start, tokens[position + length - 1].end, label))
                position += length
            else:
                position += 1
        return tuple(chosen)

    base = Document("d", "e", "o", "wire", "2026-01-01", "composed", "sport", text, ("t",))
    return replace(base, spans=spans()), replace(base, spans=spans())


def exact_span_counts(gold: Document, pred: Document) -> tuple[int, int, int]:
    """Exact matching of (label, start, end) after widening to tokens, written without seqeval."""
    tokens = tokenize(gold.text)

    def keyed(doc):
        return {(s.label,) + widen_to_tokens(tokens, s.start, s.end) for s in doc.spans}

    g, p = keyed(gold), keyed(pred)
    return len(g & p), len(p), len(g)


@settings(max_examples=200, deadline=None)
@given(st.lists(random_pair(), min_size=1, max_size=5))
def test_seqeval_path_agrees_with_an_exact_span_implementation(pairs):
    metric = METRICS["entities"]
    keys, matrix = count_matrix(metric, [DocPair(g, p) for g, p in pairs])
    ours = scores_from(keys, matrix.sum(axis=0), metric)["micro.f1"]
    tp, pred, true = map(sum, zip(*(exact_span_counts(g, p) for g, p in pairs)))
    oracle = 2 * tp / (pred + true) if pred + true else 0.0
    assert math.isclose(ours, oracle)
    y_true = [spans_to_bio(tokenize(g.text), g.spans) for g, _ in pairs]
    y_pred = [spans_to_bio(tokenize(g.text), p.spans) for g, p in pairs]
    if tp or pred or true:
        assert math.isclose(ours, f1_score(y_true, y_pred, mode="strict", scheme=IOB2, zero_division=0))


def test_stance_macro_f1_matches_sklearn_on_random_labels():
    rng = random.Random(7)
    gold_labels = [rng.choice(STANCES) for _ in range(40)]
    pred_labels = [rng.choice(STANCES) for _ in range(40)]

    def body(labels):
        return " ".join(f"[Ada]{{SPEAKER s{i} who=ada mention=name}} [said]{{CUE c{i}}} [go]{{QUOTE q{i} form=indirect "
                        f"stance={label} target=1 statement=x{i} said_by=s{i} cued_by=c{i}}}." for i, label in enumerate(labels))

    gold, pred = doc(body(gold_labels)), doc(body(pred_labels))
    stance = scores([gold], [pred], "stance")
    assert math.isclose(stance["macro_f1"], sklearn_f1(gold_labels, pred_labels, labels=list(STANCES), average="macro"))


# Alignment counts pairs across documents, so its resamples are an approximation (eval/README.md); every other
# metric counts within a document, and resampling its count rows must equal re-scoring the resampled documents.
PER_DOCUMENT = [name for name in METRICS if name != "alignment"]


@pytest.mark.parametrize("name", PER_DOCUMENT)
def test_bootstrap_from_counts_equals_rescoring_each_resample(name):
    gold = [doc(GOLD, f"d{i}", event=f"e{i}") for i in range(6)]
    pred = [replace(d, spans=d.spans[: i + 1]) for i, d in enumerate(gold)]
    weights = resample_weights(len(gold), resamples=20, seed=3)
    metric = METRICS[name]
    keys, matrix = count_matrix(metric, [DocPair(g, p) for g, p in zip(gold, pred)])
    fast = resampled_scores(metric, keys, matrix, weights)
    for index, row in enumerate(weights):
        chosen = [i for i, times in enumerate(row) for _ in range(times)]
        resampled_gold = [replace(gold[i], doc_id=f"r{n}") for n, i in enumerate(chosen)]
        resampled_pred = {f"r{n}": replace(pred[i], doc_id=f"r{n}") for n, i in enumerate(chosen)}
        slow = score(resampled_gold, resampled_pred, {"name": "x"}, "test", resamples=2).scores[name]
        for key, value in slow.items():
            assert math.isclose(value, float(np.asarray(fast[key])[index]), abs_tol=1e-12), key


def test_stance_for_another_target_is_no_answer():
    gold = doc(GOLD)
    other_target = doc(GOLD.replace("stance=AGAINST target=1", "stance=AGAINST target=2"))
    stance = scores([gold], [other_target], "stance")
    assert stance["AGAINST.recall"] == 0.0 and stance["AGAINST.precision"] == 0.0 and stance["FAVOR.f1"] == 1.0


def test_macro_f1_averages_the_labels_present_like_sklearn_without_labels():
    gold = doc(GOLD)
    pred = doc(GOLD.replace("stance=FAVOR", "stance=AGAINST"))  # NONE occurs on neither side
    stance = scores([gold], [pred], "stance")
    assert math.isclose(stance["macro_f1"], sklearn_f1(["AGAINST", "FAVOR"], ["AGAINST", "AGAINST"], average="macro"))


def test_end_to_end_stance_tuples():
    gold = doc(GOLD)
    pred = doc(GOLD.replace("who=bo-lund", "who=someone-else"))
    assert scores([gold], [pred], "stance")["end_to_end.f1"] == 0.5  # (ada-venn, toll, AGAINST) right, Bo's wrong


def test_paired_p_value_on_a_known_case():
    best = np.array([0.9, 0.8, 0.7, 0.95])
    other = np.array([0.5, 0.8, 0.75, 0.5])
    # deltas 0.4, 0, -0.05, 0.45; observed 0.2: one resample (0.45) exceeds 2 * 0.2, so p = (1 + 1) / (4 + 1)
    assert math.isclose(paired_p_value(best, other, 0.2), 0.4)
