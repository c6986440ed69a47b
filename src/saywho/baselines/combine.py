"""Systems built from parts, so the leaderboard shows what each part contributes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from saywho.baselines.base import System
from saywho.document import Document, Span
from saywho.inventory import ATTRIBUTION_LAYER, ENTITY_LAYER


@dataclass
class Combined:
    """Entities from one system, attribution (spans and relations) from another, stance from a stance model."""

    name: str
    entities: System | None
    attribution: System | None
    stance: object | None = None  # a stance model: assign(doc, quotes) -> [(target, stance), ...]

    def predict(self, doc: Document) -> Document:
        spans: list[Span] = []
        relations = ()
        if self.entities is not None:
            spans += self.entities.predict(doc).layer(ENTITY_LAYER)
        if self.attribution is not None:
            attributed = self.attribution.predict(doc)
            spans += attributed.layer(ATTRIBUTION_LAYER)
            relations = attributed.relations
        predicted = replace(doc, spans=tuple(spans), relations=relations)
        if self.stance is not None:
            quotes = list(predicted.labelled("QUOTE"))
            assigned = {q.id: (target, stance) for q, (target, stance) in zip(quotes, self.stance.assign(predicted, quotes))}
            predicted = replace(predicted, spans=tuple(
                replace(s, target=assigned[s.id][0], stance=assigned[s.id][1]) if s.id in assigned and s.label == "QUOTE" else s
                for s in predicted.spans))
        return predicted


@dataclass
class GoldQuotes:
    """An oracle for the stance track: the gold QUOTE, SPEAKER and CUE spans of the split, looked up by doc_id.

    Systems built on it are marked `uses_gold_quotes` on the leaderboard: they measure stance alone.
    """

    gold: dict[str, Document]
    name: str = "gold-quotes"

    def predict(self, doc: Document) -> Document:
        gold = self.gold[doc.doc_id]
        spans = tuple(replace(s, stance=None, target=None, statement_id=None) for s in gold.layer(ATTRIBUTION_LAYER))
        return replace(doc, spans=spans, relations=gold.relations)
