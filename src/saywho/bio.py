"""Spans on canonical tokens as IOB2 tags, and back: a pure pair of conversions."""

from __future__ import annotations

from saywho.document import Span
from saywho.tokenize import Token, widen_to_tokens


def spans_to_bio(tokens: tuple[Token, ...], spans: tuple[Span, ...]) -> list[str]:
    """IOB2 tags for one layer's spans (which must not overlap). A span off token boundaries is widened to them.

    >>> from saywho.tokenize import tokenize
    >>> text = "Rutte spoke."
    >>> spans_to_bio(tokenize(text), (Span("e1", 0, 5, "PER"),))
    ['B-PER', 'O', 'O']
    """
    tags = ["O"] * len(tokens)
    for span in spans:
        covered = widen_to_tokens(tokens, span.start, span.end)
        if covered is None:
            continue
        first, stop = covered
        tags[first] = f"B-{span.label}"
        for i in range(first + 1, stop):
            tags[i] = f"I-{span.label}"
    return tags


def bio_to_spans(tokens: tuple[Token, ...], tags: list[str]) -> tuple[Span, ...]:
    """Character spans from IOB2 tags; ids are s1, s2... in order. An I- tag that starts a chunk is read as B-.

    >>> from saywho.tokenize import tokenize
    >>> bio_to_spans(tokenize("Rutte spoke."), ["B-PER", "O", "O"])
    (Span(id='s1', start=0, end=5, label='PER', form=None, stance=None, target=None, statement_id=None, speaker_unmentioned=False, speaker_id=None, mention=None),)
    """
    spans: list[Span] = []
    current: tuple[int, int, str] | None = None  # (first token, last token, label)

    def close() -> None:
        if current is not None:
            first, last, label = current
            spans.append(Span(f"s{len(spans) + 1}", tokens[first].start, tokens[last].end, label))

    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current = (current[0], i, label)
            continue
        close()
        current = (i, i, label) if prefix in ("B", "I") else None
    close()
    return tuple(spans)
