"""One-to-one matching of spans by overlap, shared by the scorer and the agreement figures."""

from __future__ import annotations

from saywho.document import Span


def overlap_pairs(gold: tuple[Span, ...], other: tuple[Span, ...]) -> list[tuple[Span, Span]]:
    """Pairs of overlapping spans, each span in at most one pair: exact matches first, then larger overlaps.

    >>> a, b = Span("g", 0, 10, "QUOTE"), Span("p", 5, 12, "QUOTE")
    >>> overlap_pairs((a,), (b,)) == [(a, b)]
    True
    """
    candidates = sorted(
        ((min(g.end, o.end) - max(g.start, o.start), g, o) for g in gold for o in other
         if g.start < o.end and o.start < g.end),
        key=lambda c: (not (c[1].start == c[2].start and c[1].end == c[2].end), -c[0], c[1].start, c[2].start),
    )
    used_gold: set[int] = set()
    used_other: set[int] = set()
    pairs = []
    for _, g, o in candidates:
        if id(g) not in used_gold and id(o) not in used_other:
            used_gold.add(id(g))
            used_other.add(id(o))
            pairs.append((g, o))
    return pairs
