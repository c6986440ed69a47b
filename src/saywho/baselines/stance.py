"""Stance baselines: for each predicted quote, choose one of the event's targets and a stance toward it.

- `majority`: the most frequent stance of the train split, toward the event's first target (the target a NONE
  quote is judged against, by the guidelines).
- `tfidf`: the target whose words the quote shares most (TF-IDF cosine; the first target when none is shared),
  then logistic regression over TF-IDF word 1-2-grams of the quote, its cue and the target. The regularisation C
  is chosen on the validation split, never on test.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import Pipeline

from saywho.baselines.base import TrainingData
from saywho.document import Document, Span
from saywho.inventory import STANCES

C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)


def _cue_text(doc: Document, quote: Span) -> str:
    spans = {span.id: span for span in doc.spans}
    return " ".join(doc.text[spans[i].start : spans[i].end] for i in doc.related(quote.id, "cued_by") if i in spans)


def stance_input(doc: Document, quote: Span, target: str) -> str:
    """The text the classifier reads: the quote, then its cue and the target, marked so their words stay apart.

    >>> stance_input(Document("d", "e", "o", "wire", "2026-01-01", "composed", "t", "Scrap it, he said."),
    ...              Span("q", 0, 8, "QUOTE"), "the toll")
    'Scrap it cue_ target_the target_toll'
    """
    cue = " ".join(f"cue_{w}" for w in _cue_text(doc, quote).lower().split()) or "cue_"
    return f"{doc.text[quote.start:quote.end]} {cue} " + " ".join(f"target_{w}" for w in target.lower().split())


@dataclass
class MajorityStance:
    name = "majority"
    label: str

    def assign(self, doc: Document, quotes: list[Span]) -> list[tuple[str, str]]:
        """(target, stance) for each quote of a document."""
        return [(doc.targets[0], self.label) for _ in quotes]


@dataclass
class TfidfStance:
    name = "tfidf"
    targets: TfidfVectorizer
    classifier: Pipeline

    def choose_targets(self, doc: Document, quotes: list[Span]) -> list[str]:
        """For each quote, the target it shares most words with (the first target when it shares none)."""
        vectors = self.targets.transform([*doc.targets, *(doc.text[q.start : q.end] for q in quotes)])
        similarity = (vectors[len(doc.targets):] @ vectors[: len(doc.targets)].T).toarray()
        return [doc.targets[int(np.argmax(row))] if row.max() > 0 else doc.targets[0] for row in similarity]

    def assign(self, doc: Document, quotes: list[Span]) -> list[tuple[str, str]]:
        """(target, stance) for each quote of a document, classified in one batch."""
        if not quotes:
            return []
        targets = self.choose_targets(doc, quotes)
        stances = self.classifier.predict([stance_input(doc, q, t) for q, t in zip(quotes, targets)])
        return [(target, str(stance)) for target, stance in zip(targets, stances)]


def _examples(docs: tuple[Document, ...]) -> tuple[list[str], list[str]]:
    pairs = [(stance_input(doc, q, q.target), q.stance) for doc in docs for q in doc.labelled("QUOTE")]
    return [text for text, _ in pairs], [label for _, label in pairs]


def train_majority(data: TrainingData) -> MajorityStance:
    counts = Counter(q.stance for doc in data.train for q in doc.labelled("QUOTE"))
    return MajorityStance(min(STANCES, key=lambda label: (-counts[label], label)))


def train_tfidf(data: TrainingData) -> TfidfStance:
    """Fit on train, choose C by macro-F1 on validation (with gold targets), keep the train-fitted model."""
    texts, labels = _examples(data.train)
    dev_texts, dev_labels = _examples(data.validation)

    def fit(c: float) -> Pipeline:
        model = Pipeline(
            [
                ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
                ("lr", LogisticRegression(C=c, max_iter=2000, class_weight="balanced")),
            ]
        )
        return model.fit(texts, labels)

    scored = [(f1_score(dev_labels, fit(c).predict(dev_texts), average="macro"), -c, c) for c in C_GRID]
    best_c = max(scored)[2]
    corpus = [doc.text for doc in data.train]
    return TfidfStance(TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(corpus), fit(best_c))
