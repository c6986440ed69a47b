"""Cross-outlet statement alignment: give quotes of one event that report the same statement one statement_id.

Two quotes in different articles of an event are linked when their content words overlap enough (Jaccard), with a
lower bar when both have the same known speaker; linked quotes form statements by transitive closure. The bars
are chosen on the validation split (gold quotes), never on test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations

from saywho.baselines.base import TrainingData
from saywho.document import Document
from saywho.eval.metrics import METRICS, DocPair, count_matrix, scores_from, speaker_ids
from saywho.inventory import UNKNOWN_SPEAKER

_WORD = re.compile(r"\w+")
_STOP = frozenset(
    "a an and are as at be but by for from had has have he her his i in is it its of on or our she "
    "that the their them they this to was we were will with would you".split()
)
GRID = tuple((same, other) for same in (0.1, 0.2, 0.3, 0.4) for other in (0.3, 0.4, 0.5, 0.6) if same <= other)


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass(frozen=True)
class Aligner:
    """Jaccard bars: `same_speaker` when both quotes have one known speaker in common, `any_speaker` otherwise."""

    same_speaker: float
    any_speaker: float

    def align(self, docs: list[Document]) -> list[Document]:
        """The documents of one event with every QUOTE given a statement_id shared by the quotes it links."""
        quotes = [(d, q) for d, doc in enumerate(docs) for q in doc.labelled("QUOTE")]
        words = [content_words(docs[d].text[q.start : q.end]) for d, q in quotes]
        speakers = [speaker_ids(docs[d], q) - {UNKNOWN_SPEAKER, ""} for d, q in quotes]
        parent = list(range(len(quotes)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in combinations(range(len(quotes)), 2):
            if quotes[i][0] == quotes[j][0]:
                continue
            bar = self.same_speaker if speakers[i] & speakers[j] else self.any_speaker
            if jaccard(words[i], words[j]) >= bar:
                parent[root(i)] = root(j)
        names = {}
        for i, (d, q) in enumerate(quotes):
            names.setdefault(root(i), f"{docs[d].doc_id}/{q.id}")
        statement = {(d, q.id): names[root(i)] for i, (d, q) in enumerate(quotes)}
        return [
            replace(
                doc,
                spans=tuple(
                    replace(s, statement_id=statement[(d, s.id)]) if s.label == "QUOTE" else s for s in doc.spans
                ),
            )
            for d, doc in enumerate(docs)
        ]


def align_all(docs: list[Document], aligner: Aligner) -> list[Document]:
    """Align every event of a collection; documents come back in their input order."""
    events: dict[str, list[int]] = {}
    for index, doc in enumerate(docs):
        events.setdefault(doc.event_id, []).append(index)
    result: list[Document | None] = [None] * len(docs)
    for members in events.values():
        for index, aligned in zip(members, aligner.align([docs[i] for i in members])):
            result[index] = aligned
    return result  # type: ignore[return-value]


def train_aligner(data: TrainingData) -> Aligner:
    """The bars with the best pairwise F1 over the validation split's gold quotes."""
    unaligned = [replace(d, spans=tuple(replace(s, statement_id=None) for s in d.spans)) for d in data.validation]
    metric = METRICS["alignment"]

    def f1(aligner: Aligner) -> float:
        pairs = [DocPair(gold, pred) for gold, pred in zip(data.validation, align_all(unaligned, aligner))]
        keys, matrix = count_matrix(metric, pairs)
        return scores_from(keys, matrix.sum(axis=0), metric)["pairs.f1"]

    return max((Aligner(*bars) for bars in GRID), key=lambda aligner: (f1(aligner), -aligner.any_speaker))
