"""The CRF and capitalisation baselines: features, deterministic training, valid predictions, train-only data."""

from __future__ import annotations

import ast
import builtins
import io
from dataclasses import replace
from pathlib import Path

import pytest

from saywho.baselines import caps, crf
from saywho.baselines.base import TrainingData, unannotated
from saywho.baselines.cache import training_data
from saywho.baselines.caps import train_caps_system
from saywho.baselines.crf import (
    CrfSystem,
    cue_matches,
    document_features,
    quote_form,
    short_shape,
    text_features,
    token_layout,
    train_crf_system,
    train_layer_tagger,
    word_shape,
)
from saywho.document import Document, Span
from saywho.inventory import ATTRIBUTION_LAYER, ENTITY_LAYER, LAYERS
from saywho.tokenize import token_range, tokenize
from saywho.validate import validate_prediction

from conftest import CORPUS


def _doc(text: str, spans: tuple[Span, ...] = ()) -> Document:
    return Document("d", "e", "o", "wire", "2026-01-01", "composed", "sport", text, spans=spans)


def _contexts(text: str) -> dict[str, crf.MarkContext]:
    """Mark context per token text (the texts below use each checked word once)."""
    tokens = tokenize(text)
    return {token.text: context for token, context in zip(tokens, token_layout(text, tokens).marks)}


# --- features ------------------------------------------------------------------------------------------------

def test_curly_quote_state_and_distances():
    context = _contexts("“No betrayal,” she said.")
    assert context["“"].role == "open" and not context["“"].inside
    assert context["No"].inside and context["No"].mark_type == "curly" and context["No"].since_open == 1
    assert context[","].until_close == 1
    assert context["”"].role == "close" and not context["”"].inside
    assert not context["she"].inside and context["she"].since_close == 1


def test_straight_marks_open_after_space_and_close_before_it():
    context = _contexts('He called it "a disgrace" today.')
    assert context["a"].inside and context["a"].mark_type == "straight"
    assert not context["today"].inside


def test_apostrophe_is_not_a_closing_mark_but_a_single_quote_is_nested():
    context = _contexts("the students’ union")
    assert context["’"].role is None
    nested = _contexts("“They said ‘never’ again,” he said.")
    assert nested["never"].mark_type == "single"
    assert nested["again"].inside and nested["again"].mark_type == "curly"


def test_quote_continued_in_next_paragraph_stays_open_and_stray_mark_is_dropped():
    continued = _contexts("“First part\n\n“Second part.”")
    assert continued["Second"].inside and continued["First"].inside
    stray = _contexts("“Unclosed here\n\nPlain text.")
    assert not stray["Plain"].inside


def test_word_shapes():
    assert word_shape("Hegseth") == "Xxxxxxx" and short_shape("Hegseth") == "Xx"
    assert short_shape("1961") == "d" and short_shape("x-ray") == "x-x" and short_shape("U.S.") == "X.X."


def test_cue_gazetteer_matches_longest_form_first():
    tokens = tokenize("According to Varg, he said it was pointed out.")
    assert cue_matches(tokens, {"according to", "said", "pointed out", "pointed"}) == [
        "B", "I", None, None, None, "B", None, None, "B", "I", None,
    ]


def test_document_features_layout_and_neighbours():
    text = "Talks Stall\n\n“Go,” she said."
    tokens = tokenize(text)
    features = document_features(tokens, token_layout(text, tokens), cue_forms={"said"})
    go = features[3]
    assert go["word"] == "Go" and go["in_quote"] and go["after_open"] and not go["headline"]
    assert features[0]["headline"] and features[0]["sentence_start"] and features[2]["paragraph_start"]
    assert features[7]["cue"] == "B" and features[6]["+1:cue"] == "B" and features[0]["-1:edge"] == "BOS"


def test_sentences_and_forms():
    text = "“Go.” She left. He said that “the end” came."
    layout = token_layout(text, tokenize(text))
    assert layout.sentence == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    assert quote_form(1, 2, layout.marks) == "direct"
    assert quote_form(10, 14, layout.marks) == "mixed"
    assert quote_form(5, 5, layout.marks) == "indirect"


# --- training and prediction on a few documents ------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_data() -> TrainingData:
    """A few train and validation documents: enough to exercise training, small enough to be quick."""
    data = training_data(CORPUS)
    return replace(data, train=data.train[:3], validation=data.validation[:1], corpus_hash="tiny-for-tests")


@pytest.fixture(scope="module")
def tiny_system(tiny_data, tmp_path_factory) -> CrfSystem:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAYWHO_CACHE", str(tmp_path_factory.mktemp("cache")))
        return train_crf_system(tiny_data)


def test_training_is_deterministic(tiny_data):
    features = text_features(tiny_data.validation[0].text)
    first, second = (train_layer_tagger(tiny_data, ATTRIBUTION_LAYER, grid=[(0.1, 0.01)], max_iterations=30)
                     for _ in range(2))
    assert first.tag(features) == second.tag(features)


def test_factory_caches_both_taggers(tiny_data, tmp_path, monkeypatch):
    monkeypatch.setenv("SAYWHO_CACHE", str(tmp_path))
    monkeypatch.setattr(crf, "train_layer_tagger", lambda data, layer: crf.LayerTagger(layer, None, 0.1, 0.1, 0.0))
    system = train_crf_system(tiny_data)
    assert system.name == "crf" and (system.entities.layer, system.attribution.layer) == LAYERS
    assert {p.name for p in (tmp_path / "models").glob("tiny-for-tests-*/*")} == {
        "crf-entities.pkl", "crf-attribution.pkl"}


def test_chosen_hyper_parameters_are_the_best_of_the_grid(tiny_system):
    for tagger in (tiny_system.entities, tiny_system.attribution):
        assert set(tagger.grid_f1) == set(crf.GRID)
        assert tagger.validation_f1 == max(tagger.grid_f1.values()) == tagger.grid_f1[(tagger.c1, tagger.c2)]


def test_predictions_are_valid(tiny_system, tiny_data):
    for gold in (*tiny_data.validation, *tiny_data.train[:1]):
        predicted = tiny_system.predict(unannotated(gold))
        assert validate_prediction(predicted) == []
        tokens = tokenize(predicted.text)
        for layer in LAYERS:
            spans = sorted(predicted.layer(layer), key=lambda s: s.start)
            assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), f"overlap in {layer}"
            assert all(token_range(tokens, s.start, s.end) is not None for s in spans)
        for quote in predicted.labelled("QUOTE"):
            assert quote.form in ("direct", "indirect", "mixed") and quote.stance is None
        for speaker in predicted.labelled("SPEAKER"):
            assert speaker.speaker_id is not None and speaker.mention is not None


def test_system_links_a_quote_to_its_speaker_and_cue():
    """With taggers that return fixed tags, linking alone decides the relations."""
    text = "“Go,” Varg said. Later, he told us that prices rose."
    tags = {
        ENTITY_LAYER: ["O"] * 4 + ["B-PER"] + ["O"] * 11,
        ATTRIBUTION_LAYER: ["O", "B-QUOTE", "I-QUOTE", "O", "B-SPEAKER", "B-CUE", "O", "O", "O", "B-SPEAKER",
                            "B-CUE", "O", "O", "B-QUOTE", "I-QUOTE", "O"],
    }
    taggers = [crf.LayerTagger(layer, _FixedTags(tags[layer]), 0.1, 0.1, 0.0) for layer in LAYERS]
    predicted = CrfSystem(*taggers).predict(_doc(text))
    by_text = {text[s.start:s.end]: s for s in predicted.spans if s.label != "PER"}
    first, second = by_text["Go,"], by_text["prices rose"]
    assert (first.form, second.form) == ("direct", "indirect")
    assert predicted.related(first.id, "said_by") == (by_text["Varg"].id,)
    assert predicted.related(second.id, "said_by") == (by_text["he"].id,)
    assert predicted.related(second.id, "cued_by") == (by_text["told"].id,)


class _FixedTags:
    """Stands in for a trained CRF: the same tags for every document."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags

    def predict_single(self, features):
        assert len(features) == len(self.tags)
        return self.tags


# --- the capitalisation floor ------------------------------------------------------------------------------------

def _entity_doc(text: str, entities: list[tuple[str, str]]) -> Document:
    """A document whose entities are the first occurrence of each (surface, label) pair, in order."""
    spans, searched = [], 0
    for n, (surface, label) in enumerate(entities, start=1):
        start = text.index(surface, searched)
        spans.append(Span(f"e{n}", start, start + len(surface), label))
        searched = start + len(surface)
    return _doc(text, tuple(spans))


def test_caps_labels_runs_by_their_most_frequent_train_label():
    train = (
        _entity_doc("Ships sailed to Maren on Monday.", [("Maren", "LOC")]),
        _entity_doc("Talks in Maren ended on Monday.", [("Maren", "LOC")]),
        _entity_doc("Ships left Maren for Ostrel Bay.", [("Maren", "GPE"), ("Ostrel Bay", "LOC")]),
        _entity_doc("The envoy met Lidia Harkova at the port.", [("Lidia Harkova", "PER")]),
    )
    system = train_caps_system(TrainingData(train, (), "h"))
    predicted = system.predict(_doc("The ships saw Maren and Kestrel Bay on Monday. Quiet Harkova spoke."))
    found = {predicted.text[s.start:s.end]: s.label for s in predicted.spans}
    # Maren: LOC 2-1; Monday: only seen as no entity; Kestrel Bay: unseen, "Bay" ends a LOC; "The" and "Quiet"
    # open a sentence, but only "the" is a common word of train; Quiet Harkova falls back to the last word's PER.
    assert found == {"Maren": "LOC", "Kestrel Bay": "LOC", "Quiet Harkova": "PER"}


def test_caps_unknown_run_takes_the_most_frequent_label():
    train = (_entity_doc("Reports from Tarrow and Vesna and Ossary.", [("Tarrow", "GPE"), ("Vesna", "GPE"),
                                                                     ("Ossary", "ORG")]),)
    system = train_caps_system(TrainingData(train, (), "h"))
    assert system.name == "caps"
    assert [s.label for s in system.predict(_doc("a visit to Zelm")).spans] == ["GPE"]


# --- the test split stays unread ---------------------------------------------------------------------------------

@pytest.mark.parametrize("module", [crf, caps])
def test_baseline_source_never_names_the_test_split(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    strings = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
    assert not [s for s in strings if "test" in s.lower()]


def test_training_and_prediction_open_no_test_file(tiny_data, monkeypatch):
    opened: list[str] = []
    real_open = builtins.open

    def recording_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    system = CrfSystem(*(train_layer_tagger(tiny_data, layer, grid=[(0.1, 0.01)], max_iterations=10)
                         for layer in LAYERS))
    system.predict(unannotated(tiny_data.validation[0]))
    train_caps_system(tiny_data).predict(unannotated(tiny_data.validation[0]))
    assert not [path for path in opened if "test.jsonl" in path]
