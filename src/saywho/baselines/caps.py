"""The capitalisation floor: every maximal run of capitalised words is an entity, labelled from train counts.

A trained entity tagger must beat this. Prediction, for every document:

1. Runs: maximal runs of consecutive capitalised word tokens ("Royal Drummish Navy"); punctuation, the possessive
   and lower-case words ("of") end a run. A sentence-initial word whose lower-case form is a common word (seen in
   lower case somewhere in train) is not counted, so "The Kremlin" at a sentence start gives "Kremlin".
2. Labels: the label the same run string most often had in train, where a run that was not exactly a gold entity
   counts as "O" (no entity): a run seen mostly as "O" ("Monday") is dropped. A run never seen in train takes
   the label its last word most often ends a gold entity with ("... Islands" -> LOC), else the most frequent
   entity label of train. Ties go to the alphabetically first label.

Training is counting, on the train split only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable

from saywho.baselines.base import TrainingData
from saywho.baselines.crf import token_layout
from saywho.document import Document, Span, canonical
from saywho.inventory import ENTITY_LAYER
from saywho.tokenize import Token, tokenize

NO_ENTITY = "O"


@dataclass(frozen=True)
class CapitalisedSystem:
    """Counted dictionaries: labels per run string, entity labels per final word, and the common words."""

    run_labels: dict[str, Counter[str]]
    last_word_labels: dict[str, Counter[str]]
    common_words: frozenset[str]
    fallback_label: str
    name: str = "caps"

    def predict(self, doc: Document) -> Document:
        tokens = tokenize(doc.text)
        entities = []
        for first, last in capitalised_runs(doc.text, tokens, self.common_words):
            label = self.label_of(doc.text[tokens[first].start : tokens[last].end], tokens[last].text)
            if label != NO_ENTITY:
                entities.append(Span(f"e{len(entities) + 1}", tokens[first].start, tokens[last].end, label))
        return canonical(replace(doc, spans=tuple(entities), relations=()))

    def label_of(self, run: str, last_word: str) -> str:
        """The label for a run string, by the rules of the module docstring ("O" for no entity)."""
        for counts in (self.run_labels.get(run), self.last_word_labels.get(last_word)):
            if counts:
                return most_frequent(counts)
        return self.fallback_label


def is_capitalised(token: Token) -> bool:
    return token.text[0].isupper()


def capitalised_runs(text: str, tokens: tuple[Token, ...], common_words: frozenset[str]) -> list[tuple[int, int]]:
    """First and last token index of every maximal run of capitalised words, a sentence-initial common word left
    out."""
    initial = sentence_initial_words(text, tokens)
    runs: list[tuple[int, int]] = []
    first: int | None = None
    for i, token in enumerate(tokens):
        sentence_initial_common = initial[i] and token.text.lower() in common_words
        if is_capitalised(token) and not sentence_initial_common:
            first = i if first is None else first
            continue
        if first is not None:
            runs.append((first, i - 1))
        first = None
    if first is not None:
        runs.append((first, len(tokens) - 1))
    return runs


def sentence_initial_words(text: str, tokens: tuple[Token, ...]) -> list[bool]:
    """True for the first word of every sentence, past any opening quotation mark or dash before it."""
    initial: list[bool] = []
    waiting = False  # a sentence has started and its first word is still to come
    for token, starts in zip(tokens, token_layout(text, tokens).sentence_start):
        waiting = waiting or starts
        is_word = token.text[0].isalnum()
        initial.append(waiting and is_word)
        waiting = waiting and not is_word
    return initial


def most_frequent(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def lower_case_words(docs: Iterable[Document]) -> frozenset[str]:
    """Every word that occurs in lower case in the documents: the common words."""
    return frozenset(t.text for doc in docs for t in tokenize(doc.text) if t.text[0].islower())


def count_run_labels(docs: Iterable[Document], common_words: frozenset[str]) -> dict[str, Counter[str]]:
    """For every run string, how often it was exactly a gold entity of each label, or no entity ("O")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        tokens = tokenize(doc.text)
        gold = {(span.start, span.end): span.label for span in doc.layer(ENTITY_LAYER)}
        for first, last in capitalised_runs(doc.text, tokens, common_words):
            start, end = tokens[first].start, tokens[last].end
            counts[doc.text[start:end]][gold.get((start, end), NO_ENTITY)] += 1
    return dict(counts)


def count_last_word_labels(docs: Iterable[Document]) -> dict[str, Counter[str]]:
    """For every word that ends a gold entity, how often it ends one of each label."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for span in doc.layer(ENTITY_LAYER):
            words = tokenize(doc.text[span.start : span.end])
            if words:
                counts[words[-1].text][span.label] += 1
    return dict(counts)


def train_caps_system(data: TrainingData) -> CapitalisedSystem:
    """Count the dictionaries on data.train; nothing is tuned, so validation is not used."""
    common_words = lower_case_words(data.train)
    entity_labels = Counter(span.label for doc in data.train for span in doc.layer(ENTITY_LAYER))
    return CapitalisedSystem(
        run_labels=count_run_labels(data.train, common_words),
        last_word_labels=count_last_word_labels(data.train),
        common_words=common_words,
        # Without a single gold entity in train any label is as good as another.
        fallback_label=most_frequent(entity_labels) if entity_labels else "PER",
    )
