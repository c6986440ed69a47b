"""`saywho event`: the articles of one event side by side, the statements several outlets report aligned by number
and colour, and a table of how each outlet rendered each shared statement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from saywho.document import Document
from saywho.eval.metrics import speaker_ids
from saywho.viz.article import Mark, article_view
from saywho.viz.pages import write_page
from saywho.viz.paths import EVENTS, page_name
from saywho.viz.theme import statement_colour

RENDERINGS = ("verbatim", "trimmed", "paraphrased")
# Share of a rendering's words found, in order, in another outlet's rendering for it to count as the same words.
SAME_WORDS = 0.9


@dataclass(frozen=True)
class Rendering:
    """One outlet's quote of a statement."""

    text: str
    form: str | None
    kind: str  # one of RENDERINGS


@dataclass(frozen=True)
class SharedStatement:
    """A statement quoted by two or more outlets of the event, with each document's renderings (one list per
    document, in column order; empty where the outlet does not report it)."""

    number: int
    statement_id: str
    colour: str
    speakers: tuple[str, ...]
    renderings: tuple[tuple[Rendering, ...], ...]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _share(words: list[str], other: list[str]) -> float:
    """The share of `words` that appear, in order, in `other`."""
    matched = sum(block.size for block in SequenceMatcher(None, words, other, autojunk=False).get_matching_blocks())
    return matched / len(words) if words else 0.0


def rendering_kind(words: list[str], others: list[list[str]]) -> str:
    """How a rendering relates to the other outlets' renderings of the same statement.

    trimmed: its words lie within a longer rendering; verbatim: it shares its words with another rendering (equal,
    or the fuller one of a trimmed pair); paraphrased: no other outlet uses the same words.

    >>> full, cut = _words("We will not give up the port."), _words("will not give up")
    >>> rendering_kind(cut, [full]), rendering_kind(full, [cut]), rendering_kind(full, [_words("No surrender.")])
    ('trimmed', 'verbatim', 'paraphrased')
    """
    shares = [(_share(words, other), _share(other, words)) for other in others]
    if any(mine >= SAME_WORDS > theirs for mine, theirs in shares):
        return "trimmed"
    if any(mine >= SAME_WORDS or theirs >= SAME_WORDS for mine, theirs in shares):
        return "verbatim"
    return "paraphrased"


def shared_statements(docs: list[Document]) -> list[SharedStatement]:
    """The statements quoted in two or more outlets, numbered in reading order (column by column)."""
    outlets: dict[str, set[str]] = {}  # statement -> outlets; insertion order is reading order
    for doc in docs:
        for quote in doc.labelled("QUOTE"):
            if quote.statement_id:
                outlets.setdefault(quote.statement_id, set()).add(doc.outlet)
    shared = [statement for statement, names in outlets.items() if len(names) > 1]
    return [_shared_statement(number, statement, docs) for number, statement in enumerate(shared, 1)]


def _shared_statement(number: int, statement: str, docs: list[Document]) -> SharedStatement:
    quotes = [[q for q in doc.labelled("QUOTE") if q.statement_id == statement] for doc in docs]
    texts = [[doc.text[q.start:q.end] for q in doc_quotes] for doc, doc_quotes in zip(docs, quotes)]
    renderings = []
    for column, (doc_quotes, doc_texts) in enumerate(zip(quotes, texts)):
        others = [_words(text) for other, other_texts in enumerate(texts) if other != column for text in other_texts]
        renderings.append(tuple(Rendering(text, quote.form, rendering_kind(_words(text), others))
                                for quote, text in zip(doc_quotes, doc_texts)))
    speakers = sorted({speaker for doc, doc_quotes in zip(docs, quotes) for quote in doc_quotes
                       for speaker in speaker_ids(doc, quote) if speaker})
    return SharedStatement(number, statement, statement_colour(number), tuple(speakers), tuple(renderings))


def write_event_page(event_id: str, docs: list[Document], pages: Path) -> Path:
    """Write pages/events/<event_id>.html: one column per article, then the table of shared statements."""
    docs = sorted(docs, key=lambda d: d.doc_id)
    statements = shared_statements(docs)
    numbers = {s.statement_id: s.number for s in statements}
    views = [article_view(doc, {q.id: Mark(number=numbers[q.statement_id])
                                for q in doc.labelled("QUOTE") if q.statement_id in numbers}) for doc in docs]
    return write_page(pages / EVENTS / page_name(event_id), "event.html.j2", event_id=event_id, views=views,
                      statements=statements, renderings=RENDERINGS)
