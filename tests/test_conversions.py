"""Pure conversion pairs round-trip: tokens <-> IOB2, document <-> markup, document <-> Label Studio task, JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from saywho.bio import bio_to_spans, spans_to_bio
from saywho.document import Span, document_from_json, document_to_json
from saywho.labelstudio.convert import document_to_task, task_to_document
from saywho.labelstudio.export import read_tasks
from saywho.markup import document_to_markup, markup_to_document
from saywho.tokenize import tokenize

from conftest import CORPUS, FIXTURES

AUTHORED = sorted((CORPUS / "authoring").rglob("*.md")) + [FIXTURES / "issues" / "valid.md"]


def authored(path: Path):
    doc, issues = markup_to_document(path.read_text(encoding="utf-8"), str(path))
    assert doc is not None, issues
    return doc


@pytest.mark.parametrize(("text", "tokens"), [
    ("Hegseth’s aide said", ["Hegseth", "’s", "aide", "said"]),
    ("“No,” she said.", ["“", "No", ",", "”", "she", "said", "."]),
    ("U.S. and U.K. officials", ["U.S.", "and", "U.K.", "officials"]),
    ("1,500 jobs, 2.5% more", ["1,500", "jobs", ",", "2.5", "%", "more"]),
    ("Secretary-General don't", ["Secretary", "-", "General", "don't"]),
    ("O’Neill — ‘quoted’", ["O’Neill", "—", "‘", "quoted", "’"]),
    ("line one\n\nline two", ["line", "one", "line", "two"]),
])
def test_tokenizer_cases(text, tokens):
    found = tokenize(text)
    assert [t.text for t in found] == tokens
    assert all(text[t.start:t.end] == t.text for t in found)


@st.composite
def tagged(draw):
    words = draw(st.lists(st.sampled_from(["Ada", "said", "“", "the", "plan", ",", "NATO", "’s"]), min_size=1, max_size=25))
    text = " ".join(words)
    tokens = tokenize(text)
    tags, open_label = [], None
    for _ in tokens:
        choice = draw(st.sampled_from(["O", "B-PER", "B-ORG", "I"]))
        if choice == "I" and open_label:
            tags.append(f"I-{open_label}")
        elif choice.startswith("B-"):
            open_label = choice[2:]
            tags.append(choice)
        else:
            open_label = None
            tags.append("O")
    return tokens, tags


@given(tagged())
def test_bio_round_trip(case):
    tokens, tags = case
    assert spans_to_bio(tokens, bio_to_spans(tokens, tags)) == tags


def test_off_boundary_span_is_widened_to_whole_tokens():
    tokens = tokenize("Tarrow families")
    assert spans_to_bio(tokens, (Span("e1", 1, 9, "LOC"),)) == ["B-LOC", "I-LOC"]


@pytest.mark.parametrize("path", AUTHORED, ids=lambda p: p.stem)
def test_markup_round_trip(path):
    doc = authored(path)
    assert markup_to_document(document_to_markup(doc))[0] == doc


@pytest.mark.parametrize("path", AUTHORED, ids=lambda p: p.stem)
def test_task_round_trip_through_the_export_shape(path):
    doc = authored(path)
    task = document_to_task(doc)
    # What the export adds around the imported annotation: ids, a completer, timestamps.
    task.update(id=7)
    task["annotations"][0].update(id=3, completed_by=1, was_cancelled=False, created_at="2026-01-01T00:00:00Z")
    docs, issues = read_tasks([task], "export")
    assert docs == [doc] and issues == []
    assert task_to_document(document_to_task(doc, as_predictions=True), document_to_task(doc)["annotations"][0]["result"])[0] == doc


@pytest.mark.parametrize("path", AUTHORED, ids=lambda p: p.stem)
def test_json_round_trip(path):
    doc = authored(path)
    assert document_from_json(document_to_json(doc)) == doc
    assert "text" not in document_to_json(doc, with_text=False)
