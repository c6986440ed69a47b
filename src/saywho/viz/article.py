"""An article as the templates draw it: attribution spans (QUOTE, SPEAKER, CUE) are the outer elements and entity
spans are nested inside them, so an entity within a quote still shows.

Each layer's spans never overlap (the validator refuses that, in gold and in submissions); an entity that crosses
the edge of an attribution span is drawn in pieces, each marked `cut`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from saywho.document import Document, Span
from saywho.inventory import ATTRIBUTION_LAYER, ENTITY_LAYER
from saywho.viz.theme import statement_colour


@dataclass(frozen=True)
class Mark:
    """What a page adds to one span: CSS classes, tooltip lines, and the number of a statement shared by outlets."""

    classes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    number: int | None = None

    def plus(self, other: Mark) -> Mark:
        return Mark(self.classes + other.classes, self.notes + other.notes, other.number or self.number)


@dataclass(frozen=True)
class Badge:
    """The stance and target of a quote, shown on it."""

    stance: str | None
    target: str | None


@dataclass(frozen=True)
class SpanView:
    """One span as an element: classes, tooltip, and the DOM keys the inline script follows to draw links."""

    key: str  # the span's position in the document: ids from data never reach a CSS selector
    classes: str
    title: str
    speakers: str = ""  # DOM keys of a quote's speakers, space-separated
    statement: str | None = None
    badge: Badge | None = None
    number: int | None = None
    colour: str | None = None  # the statement's colour, when numbered


@dataclass(frozen=True)
class Piece:
    """A run of text inside one block, inside an entity or not."""

    text: str
    entity: SpanView | None = None
    cut: bool = False  # the entity goes on beyond this piece


@dataclass(frozen=True)
class Block:
    """A run of text inside one attribution span, or between two."""

    pieces: tuple[Piece, ...]
    span: SpanView | None = None


@dataclass(frozen=True)
class ArticleView:
    """What the article macro of the templates draws."""

    doc: Document
    blocks: tuple[Block, ...]
    links: int  # the speaker lines the page's script will draw


def article_view(doc: Document, marks: dict[str, Mark] | None = None) -> ArticleView:
    """The blocks of an article, every span carrying its tooltip and the classes `marks` adds by span id."""
    marks = marks or {}
    views = _span_views(doc, marks)
    entities = sorted(doc.layer(ENTITY_LAYER), key=lambda s: s.start)
    blocks = []
    for start, end, span in _regions(doc):
        pieces = _pieces(doc.text, start, end, entities, views)
        blocks.append(Block(pieces, views[span.id] if span else None))
    return ArticleView(doc, tuple(blocks), sum(len(view.speakers.split()) for view in views.values()))


def _regions(doc: Document) -> list[tuple[int, int, Span | None]]:
    """The text cut at every attribution span's edges: (start, end, the span or None for text between spans)."""
    regions: list[tuple[int, int, Span | None]] = []
    position = 0
    for span in sorted(doc.layer(ATTRIBUTION_LAYER), key=lambda s: s.start):
        if span.start > position:
            regions.append((position, span.start, None))
        regions.append((span.start, span.end, span))
        position = span.end
    if position < len(doc.text):
        regions.append((position, len(doc.text), None))
    return regions


def _pieces(text: str, start: int, end: int, entities: list[Span], views: dict[str, SpanView]) -> tuple[Piece, ...]:
    pieces = []
    position = start
    for entity in entities:
        if entity.end <= start or entity.start >= end:
            continue
        left, right = max(entity.start, start), min(entity.end, end)
        if left > position:
            pieces.append(Piece(text[position:left]))
        cut = (left, right) != (entity.start, entity.end)
        pieces.append(Piece(text[left:right], views[entity.id], cut))
        position = right
    if position < end:
        pieces.append(Piece(text[position:end]))
    return tuple(pieces)


def _span_views(doc: Document, marks: dict[str, Mark]) -> dict[str, SpanView]:
    keys = {span.id: f"k{index}" for index, span in enumerate(doc.spans)}
    pointed_by: dict[str, list[str]] = {}  # speaker or cue id -> the quotes that point to it
    for relation in doc.relations:
        pointed_by.setdefault(relation.to_id, []).append(relation.from_id)
    views = {}
    for span in doc.spans:
        mark = marks.get(span.id, Mark())
        lines = _describe(doc, span, pointed_by.get(span.id, [])) + list(mark.notes)
        classes = " ".join((_label_class(span), *mark.classes))
        view = SpanView(keys[span.id], classes, "\n".join(lines))
        if span.label == "QUOTE":
            speakers = " ".join(keys[i] for i in doc.related(span.id, "said_by") if i in keys)
            badge = Badge(span.stance, span.target) if span.stance or span.target else None
            colour = statement_colour(mark.number) if mark.number else None
            view = replace(view, speakers=speakers, statement=span.statement_id, badge=badge, number=mark.number,
                           colour=colour)
        views[span.id] = view
    return views


def _label_class(span: Span) -> str:
    if span.label == "QUOTE":
        return f"quote form-{span.form or 'none'}"
    if span.layer == ENTITY_LAYER:
        return f"ent ent-{span.label}"
    return span.label.lower()


def _describe(doc: Document, span: Span, quotes: list[str]) -> list[str]:
    """The tooltip of a span: what it is and what it is linked to."""
    if span.label == "QUOTE":
        return _describe_quote(doc, span)
    head = f"{span.label} {span.id}"
    if span.label == "SPEAKER":
        return [f"{head} · mention {span.mention or '?'}", f"speaker_id: {span.speaker_id or '?'}",
                f"speaks: {', '.join(quotes) or 'no quote'}"]
    if span.label == "CUE":
        return [head, f"cues: {', '.join(quotes) or 'no quote'}"]
    return [head]


def _describe_quote(doc: Document, quote: Span) -> list[str]:
    spans = {span.id: span for span in doc.spans}
    speakers = [spans[i] for i in doc.related(quote.id, "said_by") if i in spans]
    cues = [doc.text[spans[i].start:spans[i].end] for i in doc.related(quote.id, "cued_by") if i in spans]
    if speakers:
        said_by = "speaker_id: " + ", ".join(f"{s.speaker_id or '?'} ({s.id})" for s in speakers)
    else:
        said_by = "speaker unmentioned" if quote.speaker_unmentioned else "no speaker linked"
    lines = [f"QUOTE {quote.id} · {quote.form or 'no form'}", f"statement_id: {quote.statement_id or '?'}", said_by]
    if cues:
        lines.append(f"cue: {' / '.join(cues)}")
    if quote.stance or quote.target:
        lines.append(f"stance: {quote.stance or '?'} toward {quote.target or '?'}")
    return lines
