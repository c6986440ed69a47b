"""Shared word sequences between articles outside what they quote: the check that composed articles were written,
not filled from a template.

Two articles of one event may quote the same words; nothing else should repeat. Shingles are SHINGLE consecutive
words inside one paragraph, with quoted content and scrape boilerplate lines removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from saywho.document import Document

SHINGLE = 8
# Lines that web scrapes repeat verbatim across sites; they are the point of the aggregator style, not copying.
BOILERPLATE = re.compile(
    r"^\s*(Leave a Reply|Your email address will not be published|Share this|Related( posts| stories)?:|"
    r"Source:|Read more|Click to share|Like this:|Subscribe|Advertisement|Filed under)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def shingles(doc: Document) -> set[tuple[str, ...]]:
    """The doc's SHINGLE-word sequences outside quotes and boilerplate, lower-cased."""
    chars = list(doc.text)
    for quote in doc.labelled("QUOTE"):
        chars[quote.start:quote.end] = "\n" * (quote.end - quote.start)  # a quote breaks a sequence
    found: set[tuple[str, ...]] = set()
    for paragraph in "".join(chars).split("\n"):
        if BOILERPLATE.match(paragraph):
            continue
        words = [w.lower() for w in _WORD.findall(paragraph)]
        found.update(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    return found


def shared_sequences(docs: list[Document]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(doc_id, doc_id, one shared sequence) for every pair of documents that share a shingle."""
    owners: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for doc in docs:
        for shingle in shingles(doc):
            owners[shingle].append(doc.doc_id)
    pairs: dict[tuple[str, str], tuple[str, ...]] = {}
    for shingle, doc_ids in owners.items():
        for pair in combinations(sorted(doc_ids), 2):
            pairs.setdefault(pair, shingle)
    return [(a, b, shingle) for (a, b), shingle in sorted(pairs.items())]
