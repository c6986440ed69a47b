"""The canonical tokenizer: deterministic, versioned, character offsets. Spans are aligned to and scored on it.

Change TOKENIZER_VERSION with any change of behaviour: score reports record it, and the leaderboard compares only
reports made on the same tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKENIZER_VERSION = "1"

# Order matters: the first alternative that matches at a position wins.
_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}                # abbreviations with inner dots: U.S., U.K., a.m.
    | \d+(?:[.,:]\d+)+                # numbers with separators: 1,500  2.5  10:30
    | \w+(?=['’][sS]\b)               # a word before a possessive: Hegseth|’s
    | ['’][sS]\b                      # the possessive itself
    | \w+(?:['’]\w+)*                 # words, contractions kept whole: don't, O’Neill
    | [^\w\s]                         # any other character on its own: punctuation, quote marks, dashes
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the canonical tokenizer; end is exclusive."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> tuple[Token, ...]:
    """Split text into canonical tokens with character offsets.

    >>> [t.text for t in tokenize("“No betrayal,” Hegseth’s aide said.")]
    ['“', 'No', 'betrayal', ',', '”', 'Hegseth', '’s', 'aide', 'said', '.']
    """
    return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text))


def token_range(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int] | None:
    """The half-open token index range covering exactly [start, end), or None if either end falls inside a token
    or the range covers no token."""
    first = next((i for i, t in enumerate(tokens) if t.start == start), None)
    last = next((i for i, t in enumerate(tokens) if t.end == end), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def widen_to_tokens(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int] | None:
    """The half-open token index range of every token that overlaps [start, end); None if none does."""
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    return (inside[0], inside[-1] + 1) if inside else None
