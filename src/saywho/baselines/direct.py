"""The direct-quotes baseline: what a rule system must beat, modelled on textacy's direct_quotations.

Only direct quotes. Every pair of quotation marks is a quote when a reporting verb (the cue lexicon) stands outside
it in the same sentence, or, failing that, in the sentence before or after it in the same paragraph; the nearest
such verb is the cue. The speaker is the name-like subject next to the verb: the capitalised words, pronoun or
"the/a …" phrase right before it (adverbs skipped) or, inverted, right after it. No scare-quote filter beyond the
verb, no coreference: speaker_id is the slug of the speaker's own words, so "she" stays "she".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from saywho.baselines.cues import find_cues
from saywho.baselines.rules import PRONOUNS, Sentences, line_starts, quote_pairs
from saywho.baselines.speakers import named_mentions, slugify
from saywho.document import Document, Relation, Span

_NAME_LIKE = (
    r"\b(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|(?:[Tt]he|[Aa]n?)(?:\s+[\w’'\-]+){1,3})"
)
_ADVERBS = r"(?:\s+(?:also|later|then|has|have|had|again|nonetheless))*"
_SUBJECT_BEFORE = re.compile(rf"({_NAME_LIKE}){_ADVERBS}\s+$")
_SUBJECT_AFTER = re.compile(rf"\s+({_NAME_LIKE})")


def _mention(surface: str) -> str:
    """How the speaker's own words name it: a pronoun, a capitalised name, or a nominal "the/a …" phrase."""
    if surface.lower() in PRONOUNS:
        return "pronoun"
    return "name" if surface[0].isupper() and surface.split()[0].lower() not in ("the", "a", "an") else "nominal"


class DirectQuotesSystem:
    """Direct quotes with the nearest reporting verb and its adjacent name-like subject; no coreference."""

    name = "direct-quotes"

    def predict(self, doc: Document) -> Document:
        text = doc.text
        pairs = quote_pairs(text)
        sentences = Sentences(text, pairs)
        starts = line_starts(text)
        cues = list(find_cues(text))
        spans: list[Span] = []
        relations: list[Relation] = []
        ids: dict[tuple[int, int, str], str] = {}

        def span_id(start: int, end: int, label: str, **attributes: str) -> str:
            key = (start, end, label)
            if key not in ids:
                ids[key] = f"{label[0].lower()}{len(ids) + 1}"
                spans.append(Span(ids[key], start, end, label, **attributes))
            return ids[key]

        for pair in pairs:
            cue = self._nearest_cue(text, cues, pair.open, pair.close, sentences, starts)
            if cue is None:
                continue
            speaker = self._subject(text, cue)
            quote_id = span_id(pair.open + 1, pair.close, "QUOTE", form="direct")
            relations.append(Relation("cued_by", quote_id, span_id(cue.start(), cue.end(), "CUE")))
            if speaker is not None:
                surface = text[speaker[0] : speaker[1]]
                speaker_id = span_id(*speaker, "SPEAKER", speaker_id=slugify(surface), mention=_mention(surface))
                relations.append(Relation("said_by", quote_id, speaker_id))
        spans = [s for s in spans if not _overlaps_quote(s, spans)]
        kept = {s.id for s in spans}
        relations = [r for r in relations if r.from_id in kept and r.to_id in kept]
        return replace(doc, spans=tuple(sorted(spans, key=lambda s: (s.start, -s.end))), relations=tuple(relations))

    @staticmethod
    def _nearest_cue(
        text: str, cues: list[re.Match], open_: int, close: int, sentences: Sentences, starts: list[int]
    ) -> re.Match | None:
        """The reporting verb nearest the quote outside it: in its sentence, else in the neighbouring sentences of
        the same paragraph."""
        start, end = sentences.around(open_)
        _, end = sentences.around(close + 1) if close + 1 < len(text) else (start, end)
        paragraph = bisect.bisect_right(starts, open_) - 1
        paragraph_start = starts[paragraph]
        paragraph_end = starts[paragraph + 1] if paragraph + 1 < len(starts) else len(text)
        windows = [(start, end)]
        if start > paragraph_start:
            windows.append(sentences.around(start - 1))
        if end < paragraph_end:
            windows.append(sentences.around(end))
        for window_start, window_end in windows:
            outside = [m for m in cues if window_start <= m.start() < window_end and not open_ < m.start() < close]
            if outside:
                return min(outside, key=lambda m: min(abs(m.start() - close), abs(open_ - m.end())))
        return None

    @staticmethod
    def _subject(text: str, cue: re.Match) -> tuple[int, int] | None:
        """The name-like words right before the cue, else right after it; titles before a name left out."""
        found = _SUBJECT_BEFORE.search(text, max(0, cue.start() - 80), cue.start()) or _SUBJECT_AFTER.match(
            text, cue.end()
        )
        if found is None:
            return None
        start, end = found.span(1)
        names = named_mentions(text[start:end])
        return (start + names[-1].start, start + names[-1].end) if names and text[start].isupper() else (start, end)


def _overlaps_quote(span: Span, spans: list[Span]) -> bool:
    """A speaker or cue found inside another quote cannot stay: spans of one layer never overlap."""
    return span.label != "QUOTE" and any(
        q.label == "QUOTE" and q.start < span.end and span.start < q.end for q in spans
    )
