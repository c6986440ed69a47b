"""Trained CRF baselines: one linear-chain CRF per layer over canonical tokens, then rule-based linking.

Two taggers label IOB2 tags over the canonical tokens of a whole document (one sequence per document): the entity
layer (PER, ORG, GPE, LOC, NORP) and the attribution layer (QUOTE, SPEAKER, CUE). Both use the same features,
built by one function per group:

- identity: the word and its lower case;
- shape: the word with upper case letters as X, lower case as x, digits as d and runs collapsed (Xxxx -> Xx),
  both the full and the collapsed shape;
- affixes: prefixes and suffixes of 1 to 4 characters;
- orthography: is-title, is-upper, is-digit, is-punctuation;
- cue gazetteer: whether the token begins or continues a form of the cue lexicon (saywho.baselines.cues), longest
  match first, so "according to" is one match;
- quotation-mark state: the role of a mark token (opening or closing), whether the token is inside an open
  quotation, the type of the innermost open mark (curly, straight, guillemet, single), and binned token distances
  to the last opening and the last closing mark;
- position relative to marks: just after an opening mark, just before a closing mark, just after a closing mark,
  and binned distances to the next opening and the next closing mark (the whole text is given, so looking ahead
  is allowed);
- layout: sentence start, paragraph start, inside the headline (the first line);
- neighbours: lower case, shape, title case, cue match and mark role of the words at offsets -2 to +2.

Training is L-BFGS (sklearn_crfsuite, deterministic for the same data) on the train split. c1 and c2 are chosen
on the validation split from the grid C1_GRID x C2_GRID = {0.01, 0.1, 0.5} x {0.001, 0.01, 0.1} by seqeval F1
(strict IOB2, micro); ties keep the earlier grid point. The chosen values and the score of every grid point are kept
on the trained LayerTagger (baselines/README.md reports the resulting scores).

Linking (CrfSystem): each predicted QUOTE is linked to one SPEAKER and one CUE, each the nearest candidate among
the spans in the sentences the quote covers or the sentence just before or after them. Candidates in a sentence
the quote covers rank before those in an adjacent sentence; then the smaller token gap to the quote wins; then the
earlier span. Speaker ids and mention types come from speakers.resolve_speakers. The form is direct when both ends
of the quote are inside quotation marks, mixed when the quote contains a quotation mark, else indirect. Stance,
target and statement_id are left None; a quote without a candidate speaker keeps no said_by relation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import product
from typing import Iterable

import sklearn_crfsuite
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from saywho.baselines.base import TrainingData
from saywho.baselines.cache import cached
from saywho.baselines.cues import CUE_FORMS
from saywho.baselines.speakers import resolve_speakers
from saywho.bio import bio_to_spans, spans_to_bio
from saywho.document import Document, Relation, Span, canonical
from saywho.inventory import ATTRIBUTION_LAYER, ENTITY_LAYER
from saywho.tokenize import Token, tokenize

Features = dict[str, str | bool]

C1_GRID = (0.01, 0.1, 0.5)
C2_GRID = (0.001, 0.01, 0.1)
GRID = tuple(product(C1_GRID, C2_GRID))
# A cap on L-BFGS iterations that keeps training the whole grid of both layers to a few minutes.
MAX_ITERATIONS = 150

# ---------------------------------------------------------------------------------------------------------------
# Quotation marks

# Marks whose role the character alone decides, with their type.
_OPENING = {"“": "curly", "«": "guillemet", "‘": "single"}
_CLOSING = {"”": "curly", "»": "guillemet"}
# Marks that open or close depending on the characters around them.
_STRAIGHT = {'"': "straight", "'": "single"}


@dataclass(frozen=True, slots=True)
class MarkContext:
    """Where a token stands with respect to quotation marks.

    role is "open" or "close" for a token that acts as a quotation mark, else None. A mark token is not inside
    the quotation it opens or closes. Distances count tokens; None when there is no such mark.
    """

    role: str | None
    inside: bool
    mark_type: str | None
    since_open: int | None
    since_close: int | None
    until_open: int | None
    until_close: int | None


def mark_role(text: str, token: Token, single_open: bool) -> tuple[str, str] | None:
    """(role, type) of a token that acts as a quotation mark, None for any other token.

    Curly marks and guillemets say their role themselves. A straight mark opens when it follows a space or an
    opening bracket (or starts the text) and is followed by a non-space, and closes otherwise. A single closing
    mark (’ or ') only closes while a single quotation is open: otherwise it is an apostrophe ("the students’").
    """
    char = token.text
    if char in _OPENING:
        return "open", _OPENING[char]
    if char in _CLOSING:
        return "close", _CLOSING[char]
    if char not in _STRAIGHT and char != "’":
        return None
    kind = _STRAIGHT.get(char, "single")
    before = text[token.start - 1] if token.start > 0 else " "
    after = text[token.end] if token.end < len(text) else " "
    if char in _STRAIGHT and (before.isspace() or before in "([") and not after.isspace():
        return "open", kind
    if kind == "single" and not single_open:
        return None
    return "close", kind


def mark_contexts(text: str, tokens: tuple[Token, ...], paragraph_start: list[bool]) -> list[MarkContext]:
    """The quotation-mark context of every token.

    Open marks form a stack. A closing mark closes the innermost open mark of its type (and any opened inside
    it); one with nothing to close is still a closing mark. An opening mark of a type already open replaces it:
    the same marks do not nest, so this is a quotation continued in a new paragraph or an unclosed one. At a
    paragraph start that is not an opening mark every open quotation is dropped, so a stray mark cannot put the
    rest of the article inside a quote.
    """
    roles: list[str | None] = []
    states: list[tuple[bool, str | None]] = []
    open_types: list[str] = []
    for token, starts_paragraph in zip(tokens, paragraph_start):
        role = mark_role(text, token, "single" in open_types)
        if starts_paragraph and (role is None or role[0] != "open"):
            open_types.clear()
        if role is not None and role[1] in open_types:
            del open_types[open_types.index(role[1]) :]
        # A mark token is outside the quotation it opens or closes: read the state before pushing an opening.
        states.append((bool(open_types), open_types[-1] if open_types else None))
        if role is not None and role[0] == "open":
            open_types.append(role[1])
        roles.append(role[0] if role else None)
    since_open, since_close = _distances(roles, "open"), _distances(roles, "close")
    until_open = _distances(roles[::-1], "open")[::-1]
    until_close = _distances(roles[::-1], "close")[::-1]
    return [
        MarkContext(role, inside, kind, since_open[i], since_close[i], until_open[i], until_close[i])
        for i, (role, (inside, kind)) in enumerate(zip(roles, states))
    ]


def _distances(roles: list[str | None], wanted: str) -> list[int | None]:
    """For every position, how many positions back the last `wanted` role was (0 on it), None before the first."""
    last: int | None = None
    distances: list[int | None] = []
    for i, role in enumerate(roles):
        if role == wanted:
            last = i
        distances.append(None if last is None else i - last)
    return distances


# ---------------------------------------------------------------------------------------------------------------
# Layout: paragraphs, sentences, headline

_SENTENCE_END = {".", "!", "?"}


@dataclass(frozen=True)
class TokenLayout:
    """Where every token of a text stands: quotation marks, paragraph, sentence and headline."""

    marks: list[MarkContext]
    paragraph_start: list[bool]
    sentence: list[int]
    in_headline: list[bool]

    @property
    def sentence_start(self) -> list[bool]:
        return [i == 0 or self.sentence[i] != self.sentence[i - 1] for i in range(len(self.sentence))]


def token_layout(text: str, tokens: tuple[Token, ...]) -> TokenLayout:
    paragraphs = paragraph_starts(text, tokens)
    marks = mark_contexts(text, tokens, paragraphs)
    headline_end = text.find("\n") if "\n" in text else len(text)
    return TokenLayout(
        marks, paragraphs, sentence_ids(tokens, marks, paragraphs), [token.start < headline_end for token in tokens]
    )


def paragraph_starts(text: str, tokens: tuple[Token, ...]) -> list[bool]:
    """True for the first token of the text and every token that follows a line break."""
    return [i == 0 or "\n" in text[tokens[i - 1].end : token.start] for i, token in enumerate(tokens)]


def sentence_ids(tokens: tuple[Token, ...], marks: list[MarkContext], paragraph_start: list[bool]) -> list[int]:
    """The index of the sentence of every token.

    A sentence starts at a paragraph start, or after a full stop, question or exclamation mark (and any closing
    quotation marks after it) at a token that begins with an upper-case letter or is an opening quotation mark.
    Abbreviations followed by a name ("Dr. Varg") split a sentence too: a rare case in this corpus.
    """
    ids: list[int] = []
    ended = False  # the previous tokens closed a sentence, waiting for the next one to start
    for i, token in enumerate(tokens):
        role = marks[i].role
        begins = token.text[0].isupper() or role == "open"
        if i > 0 and (paragraph_start[i] or (ended and begins)):
            ids.append(ids[-1] + 1)
        else:
            ids.append(ids[-1] if ids else 0)
        if token.text in _SENTENCE_END:
            ended = True
        elif role != "close":
            ended = False
    return ids


# ---------------------------------------------------------------------------------------------------------------
# Features, one function per group


def identity_features(word: str) -> Features:
    return {"word": word, "lower": word.lower()}


def word_shape(word: str) -> str:
    """Upper case letters as X, lower case as x, digits as d, anything else as itself: "U.S." -> "X.X."."""
    return "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)


def short_shape(word: str) -> str:
    """The shape with runs of one character collapsed: "Hegseth" -> "Xx", "1,500" -> "d,d", "x-ray" -> "x-x"."""
    return re.sub(r"(.)\1+", r"\1", word_shape(word))


def shape_features(word: str) -> Features:
    # The full shape of a long word is as sparse as the word itself; cap it at the first 8 characters.
    return {"shape": word_shape(word)[:8], "short_shape": short_shape(word)}


def affix_features(word: str) -> Features:
    lower = word.lower()
    features: Features = {}
    for n in range(1, 5):
        if len(lower) >= n:
            features[f"prefix{n}"] = lower[:n]
            features[f"suffix{n}"] = lower[-n:]
    return features


def orthography_features(word: str) -> Features:
    return {
        "is_title": word.istitle(),
        "is_upper": word.isupper(),
        "is_digit": word.isdigit(),
        "is_punct": not any(c.isalnum() for c in word),
    }


def cue_matches(tokens: tuple[Token, ...], cue_forms: Iterable[str]) -> list[str | None]:
    """ "B" for the first token of a cue form of the lexicon, "I" for the following ones, None elsewhere.

    Forms are matched on lower-case canonical tokens, longest form first, left to right without overlaps.
    """
    by_first_word = _forms_by_first_word(frozenset(cue_forms))
    lowered = [t.text.lower() for t in tokens]
    tags: list[str | None] = [None] * len(tokens)
    i = 0
    while i < len(tokens):
        form = next((f for f in by_first_word.get(lowered[i], ()) if tuple(lowered[i : i + len(f)]) == f), None)
        if form is None:
            i += 1
            continue
        tags[i : i + len(form)] = ["B"] + ["I"] * (len(form) - 1)
        i += len(form)
    return tags


@cache
def _forms_by_first_word(cue_forms: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """The cue forms as canonical token tuples, grouped by their first token, longest first within a group."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for form in cue_forms:
        words = tuple(t.text for t in tokenize(form.lower()))
        if words:
            grouped.setdefault(words[0], []).append(words)
    return {first: sorted(forms, key=lambda f: (-len(f), f)) for first, forms in grouped.items()}


def cue_features(match: str | None) -> Features:
    return {"cue": match or "-"}


def _distance_bin(distance: int | None) -> str:
    """Distances bucketed so that near marks are told apart exactly and far ones fall in a few wide bins."""
    if distance is None:
        return "none"
    if distance <= 3:
        return str(distance)
    for limit, name in ((5, "4-5"), (10, "6-10"), (20, "11-20")):
        if distance <= limit:
            return name
    return ">20"


def quote_state_features(context: MarkContext) -> Features:
    return {
        "mark_role": context.role or "-",
        "in_quote": context.inside,
        "mark_type": context.mark_type or "-",
        "since_open": _distance_bin(context.since_open),
        "since_close": _distance_bin(context.since_close),
    }


def mark_position_features(context: MarkContext) -> Features:
    return {
        "after_open": context.since_open == 1,
        "before_close": context.until_close == 1,
        "after_close": context.since_close == 1,
        "until_open": _distance_bin(context.until_open),
        "until_close": _distance_bin(context.until_close),
    }


def layout_features(sentence_start: bool, paragraph_start: bool, in_headline: bool) -> Features:
    return {"sentence_start": sentence_start, "paragraph_start": paragraph_start, "headline": in_headline}


# The features of a token that its neighbours see.
_NEIGHBOUR_KEYS = ("lower", "short_shape", "is_title", "cue", "mark_role")
_WINDOW = (-2, -1, 1, 2)


def neighbour_features(own: list[Features], i: int) -> Features:
    """A few features of the tokens at offsets -2..+2, prefixed by the offset; BOS/EOS past either end."""
    features: Features = {}
    for offset in _WINDOW:
        j = i + offset
        if 0 <= j < len(own):
            features.update({f"{offset:+d}:{key}": own[j][key] for key in _NEIGHBOUR_KEYS})
        else:
            features[f"{offset:+d}:edge"] = "BOS" if j < 0 else "EOS"
    return features


def document_features(
    tokens: tuple[Token, ...], layout: TokenLayout, cue_forms: Iterable[str] = CUE_FORMS
) -> list[Features]:
    """The feature dict of every token of a text, the input of both taggers."""
    cues = cue_matches(tokens, cue_forms)
    sentence_start = layout.sentence_start
    own: list[Features] = []
    for i, token in enumerate(tokens):
        own.append(
            {
                "bias": True,
                **identity_features(token.text),
                **shape_features(token.text),
                **affix_features(token.text),
                **orthography_features(token.text),
                **cue_features(cues[i]),
                **quote_state_features(layout.marks[i]),
                **mark_position_features(layout.marks[i]),
                **layout_features(sentence_start[i], layout.paragraph_start[i], layout.in_headline[i]),
            }
        )
    return [{**features, **neighbour_features(own, i)} for i, features in enumerate(own)]


def text_features(text: str) -> list[Features]:
    tokens = tokenize(text)
    return document_features(tokens, token_layout(text, tokens))


# ---------------------------------------------------------------------------------------------------------------
# Training

LAYER_MODELS = {ENTITY_LAYER: "crf-entities", ATTRIBUTION_LAYER: "crf-attribution"}


@dataclass(frozen=True)
class LayerTagger:
    """A CRF for one layer with the hyper-parameters chosen for it and the validation score of every grid point."""

    layer: str
    crf: sklearn_crfsuite.CRF
    c1: float
    c2: float
    validation_f1: float
    grid_f1: dict[tuple[float, float], float] = field(default_factory=dict)

    def tag(self, features: list[Features]) -> list[str]:
        return list(self.crf.predict_single(features)) if features else []


def layer_sequences(docs: Iterable[Document], layer: str) -> tuple[list[list[Features]], list[list[str]]]:
    """Token features and gold IOB2 tags of one layer, one sequence per document."""
    inputs, tags = [], []
    for doc in docs:
        inputs.append(text_features(doc.text))
        tags.append(spans_to_bio(tokenize(doc.text), doc.layer(layer)))
    return inputs, tags


def fit_crf(
    inputs: list[list[Features]], tags: list[list[str]], c1: float, c2: float, max_iterations: int = MAX_ITERATIONS
) -> sklearn_crfsuite.CRF:
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs", c1=c1, c2=c2, max_iterations=max_iterations, all_possible_transitions=True
    )
    crf.fit(inputs, tags)
    return crf


def strict_f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    """seqeval micro F1 with strict IOB2 chunks: a span counts only with its exact label and boundaries."""
    return float(f1_score(gold, predicted, mode="strict", scheme=IOB2, average="micro", zero_division=0))


def train_layer_tagger(
    data: TrainingData, layer: str, grid: Iterable[tuple[float, float]] = GRID, max_iterations: int = MAX_ITERATIONS
) -> LayerTagger:
    """Fit one CRF per grid point on train and keep the one with the best validation F1."""
    train_inputs, train_tags = layer_sequences(data.train, layer)
    validation_inputs, validation_tags = layer_sequences(data.validation, layer)
    best: LayerTagger | None = None
    scores: dict[tuple[float, float], float] = {}
    for c1, c2 in grid:
        crf = fit_crf(train_inputs, train_tags, c1, c2, max_iterations)
        scores[(c1, c2)] = strict_f1(validation_tags, [list(tags) for tags in crf.predict(validation_inputs)])
        if best is None or scores[(c1, c2)] > best.validation_f1:
            best = LayerTagger(layer, crf, c1, c2, scores[(c1, c2)])
    if best is None:
        raise ValueError("the hyper-parameter grid is empty")
    return replace(best, grid_f1=scores)


# ---------------------------------------------------------------------------------------------------------------
# The system


@dataclass(frozen=True)
class CrfSystem:
    """Entities and attribution spans from the two CRF taggers, quotes linked to speakers and cues by rule."""

    entities: LayerTagger
    attribution: LayerTagger
    name: str = "crf"

    def predict(self, doc: Document) -> Document:
        tokens = tokenize(doc.text)
        layout = token_layout(doc.text, tokens)
        features = document_features(tokens, layout)
        entities = _numbered(bio_to_spans(tokens, self.entities.tag(features)), "e")
        attribution = bio_to_spans(tokens, self.attribution.tag(features))
        ranges = TokenRanges(tokens)
        quotes = [
            replace(quote, form=quote_form(*ranges.of(quote), layout.marks))
            for quote in _numbered(_of_label(attribution, "QUOTE"), "q")
        ]
        speakers = resolve_speakers(doc, _numbered(_of_label(attribution, "SPEAKER"), "s"))
        cues = _numbered(_of_label(attribution, "CUE"), "c")
        relations = link_quotes(quotes, speakers, cues, ranges, layout.sentence)
        return canonical(replace(doc, spans=(*entities, *quotes, *speakers, *cues), relations=tuple(relations)))


def train_crf_system(data: TrainingData) -> CrfSystem:
    """The CRF system trained on data.train with hyper-parameters chosen on data.validation, from the cache."""
    taggers = {
        layer: cached(name, data, lambda d, layer=layer: train_layer_tagger(d, layer))
        for layer, name in LAYER_MODELS.items()
    }
    return CrfSystem(taggers[ENTITY_LAYER], taggers[ATTRIBUTION_LAYER])


def _of_label(spans: Iterable[Span], label: str) -> list[Span]:
    return [span for span in spans if span.label == label]


def _numbered(spans: Iterable[Span], prefix: str) -> list[Span]:
    """The spans with ids prefix1, prefix2...: unique across layers once every label group has its own prefix."""
    return [replace(span, id=f"{prefix}{n}") for n, span in enumerate(spans, start=1)]


class TokenRanges:
    """First and last token index of spans that start and end on token boundaries, as predicted spans do."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self._first = {token.start: i for i, token in enumerate(tokens)}
        self._last = {token.end: i for i, token in enumerate(tokens)}

    def of(self, span: Span) -> tuple[int, int]:
        return self._first[span.start], self._last[span.end]


def quote_form(first: int, last: int, marks: list[MarkContext]) -> str:
    """direct when both ends are inside quotation marks, mixed when a mark is inside the span, else indirect."""
    if marks[first].inside and marks[last].inside:
        return "direct"
    if any(context.role is not None for context in marks[first : last + 1]):
        return "mixed"
    return "indirect"


def link_quotes(
    quotes: list[Span], speakers: list[Span], cues: list[Span], ranges: TokenRanges, sentence_of: list[int]
) -> list[Relation]:
    """said_by and cued_by relations from every quote to its nearest speaker and cue (see the module docstring)."""
    relations = []
    for quote in quotes:
        for relation, candidates in (("said_by", speakers), ("cued_by", cues)):
            nearest = _nearest(quote, candidates, ranges, sentence_of)
            if nearest is not None:
                relations.append(Relation(relation, quote.id, nearest.id))
    return relations


def _nearest(quote: Span, candidates: list[Span], ranges: TokenRanges, sentence_of: list[int]) -> Span | None:
    quote_first, quote_last = ranges.of(quote)
    quote_sentences = range(sentence_of[quote_first], sentence_of[quote_last] + 1)
    ranked = []
    for candidate in candidates:
        first, last = ranges.of(candidate)
        sentence = sentence_of[first]
        if quote_sentences.start - 1 <= sentence <= quote_sentences.stop:
            adjacent = sentence not in quote_sentences
            gap = max(quote_first - last, first - quote_last, 0)
            ranked.append(((adjacent, gap, first), candidate))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None
