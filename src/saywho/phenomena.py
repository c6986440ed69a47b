"""Phenomenon tags of a quote, derived from the annotation (never annotated by hand), for result breakdowns."""

from __future__ import annotations

import re

from saywho.document import Document, Span

PHENOMENA = (
    "speaker-before", "speaker-after", "speaker-unmentioned", "split", "multi-sentence", "multi-paragraph",
    "headline", "name-speaker", "nominal-speaker", "pronoun-speaker", "anonymous-speaker", "organisation-speaker",
    "curly-marks", "straight-marks",
)

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
_STRAIGHT = "\"'"
_CURLY = "“”‘’«»"


def quote_phenomena(doc: Document, quote: Span) -> tuple[str, ...]:
    """The phenomenon tags of one QUOTE span of a document, in PHENOMENA order.

    >>> from saywho.markup import markup_to_document
    >>> doc, _ = markup_to_document('''---\\ntargets: [t]\\n---\\n“[Go.]{QUOTE q1 form=direct said_by=s1 cued_by=c1}” [she]{SPEAKER s1 mention=pronoun} [said]{CUE c1}.''')
    >>> quote_phenomena(doc, doc.span("q1"))
    ('speaker-after', 'headline', 'pronoun-speaker', 'curly-marks')
    """
    tags: set[str] = set()
    speakers = [doc.span(i) for i in doc.related(quote.id, "said_by") if _exists(doc, i)]
    for speaker in speakers:
        if speaker.end <= quote.start:
            tags.add("speaker-before")
        elif speaker.start >= quote.end:
            tags.add("speaker-after")
        if speaker.mention:
            tags.add(f"{speaker.mention}-speaker")
        if any(e.label == "ORG" and e.start < speaker.end and speaker.start < e.end for e in doc.spans):
            tags.add("organisation-speaker")
    if quote.speaker_unmentioned:
        tags.add("speaker-unmentioned")
    cues = set(doc.related(quote.id, "cued_by"))
    if cues and any(q.id != quote.id and cues & set(doc.related(q.id, "cued_by")) for q in doc.labelled("QUOTE")):
        tags.add("split")
    surface = doc.text[quote.start:quote.end]
    if "\n" in surface:
        tags.add("multi-paragraph")
    if _SENTENCE_BREAK.search(surface):
        tags.add("multi-sentence")
    if "\n" not in doc.text[:quote.start]:
        tags.add("headline")
    if quote.form == "direct" and quote.start > 0:
        mark = doc.text[quote.start - 1]
        if mark in _CURLY:
            tags.add("curly-marks")
        elif mark in _STRAIGHT:
            tags.add("straight-marks")
    return tuple(tag for tag in PHENOMENA if tag in tags)


def _exists(doc: Document, span_id: str) -> bool:
    return any(span.id == span_id for span in doc.spans)


# A pair of quotation marks around at most a short line: the candidates for a quote or a hard negative.
_MARKED = re.compile(r"“[^”\n]{1,200}”|\"[^\"\n]{1,200}\"|(?<!\w)‘[^’\n]{1,80}’(?!\w)")


def hard_negatives(doc: Document) -> tuple[tuple[int, int], ...]:
    """Quotation-marked stretches (marks included) that no QUOTE span overlaps: scare quotes, titles, nicknames.

    >>> from saywho.markup import markup_to_document
    >>> doc, _ = markup_to_document('---\\ntargets: [t]\\n---\\nThe “reform” plan.')
    >>> hard_negatives(doc)
    ((4, 12),)
    """
    quotes = doc.labelled("QUOTE")
    return tuple((m.start(), m.end()) for m in _MARKED.finditer(doc.text)
                 if not any(q.start < m.end() and m.start() < q.end for q in quotes))
