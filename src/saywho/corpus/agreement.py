"""Inter-annotator agreement between the gold annotation and an independent second annotation of the same texts.

Span agreement is F1 with the gold as reference (symmetric: swapping the annotators swaps P and R, not F1).
Exact: same label and same offsets. Overlap: same label and at least one shared character, matched one to one.
Attribute agreement is computed on the quotes matched by overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.metrics import cohen_kappa_score

from saywho.document import Document
from saywho.inventory import ATTRIBUTION_LABELS, ENTITY_LABELS
from saywho.eval.metrics import speaker_ids
from saywho.matching import overlap_pairs


@dataclass(frozen=True)
class SpanAgreement:
    label: str
    gold: int
    other: int
    exact: int
    overlap: int

    @staticmethod
    def f1(matched: int, gold: int, other: int) -> float:
        return 2 * matched / (gold + other) if gold + other else 1.0

    @property
    def exact_f1(self) -> float:
        return self.f1(self.exact, self.gold, self.other)

    @property
    def overlap_f1(self) -> float:
        return self.f1(self.overlap, self.gold, self.other)


@dataclass(frozen=True)
class AgreementReport:
    documents: int
    spans: tuple[SpanAgreement, ...]
    matched_quotes: int
    speaker_agreement: float
    stance_kappa: float
    stance_agreement: float
    form_agreement: float
    form_kappa: float

    def to_markdown(self) -> str:
        lines = [f"Documents annotated twice: {self.documents}; quotes matched (overlap): {self.matched_quotes}.", "",
                 "| label | gold spans | second spans | exact F1 | overlap F1 |", "|---|---|---|---|---|"]
        lines += [f"| {s.label} | {s.gold} | {s.other} | {s.exact_f1:.3f} | {s.overlap_f1:.3f} |" for s in self.spans]
        lines += ["", "| attribute (matched quotes) | agreement | Cohen's κ |", "|---|---|---|",
                  f"| speaker (same speaker_id set) | {self.speaker_agreement:.3f} | |",
                  f"| stance | {self.stance_agreement:.3f} | {self.stance_kappa:.3f} |",
                  f"| form | {self.form_agreement:.3f} | {self.form_kappa:.3f} |"]
        return "\n".join(lines) + "\n"


def agreement(pairs: list[tuple[Document, Document]]) -> AgreementReport:
    """Agreement over (gold, second) annotations of the same documents."""
    spans = []
    for label in ATTRIBUTION_LABELS + ENTITY_LABELS:
        gold = other = exact = overlap = 0
        for a, b in pairs:
            sa, sb = a.labelled(label), b.labelled(label)
            gold, other = gold + len(sa), other + len(sb)
            exact += len({(s.start, s.end) for s in sa} & {(s.start, s.end) for s in sb})
            overlap += len(overlap_pairs(sa, sb))
        spans.append(SpanAgreement(label, gold, other, exact, overlap))
    speaker_same, stances, forms = [], ([], []), ([], [])
    for a, b in pairs:
        for qa, qb in overlap_pairs(a.labelled("QUOTE"), b.labelled("QUOTE")):
            speaker_same.append(speaker_ids(a, qa) == speaker_ids(b, qb))
            stances[0].append(qa.stance), stances[1].append(qb.stance)
            forms[0].append(qa.form), forms[1].append(qb.form)
    return AgreementReport(
        documents=len(pairs), spans=tuple(spans), matched_quotes=len(speaker_same),
        speaker_agreement=_mean(speaker_same),
        stance_kappa=float(cohen_kappa_score(*stances)) if stances[0] else float("nan"),
        stance_agreement=_mean([x == y for x, y in zip(*stances)]),
        form_agreement=_mean([x == y for x, y in zip(*forms)]),
        form_kappa=float(cohen_kappa_score(*forms)) if forms[0] else float("nan"),
    )


def _mean(values: list[bool]) -> float:
    return sum(values) / len(values) if values else float("nan")
