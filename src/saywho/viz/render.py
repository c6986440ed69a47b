"""`saywho render`: one page per article with its annotation drawn on the text, and an index page per split."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from saywho.document import Document
from saywho.inventory import ENTITY_LAYER
from saywho.viz.article import article_view
from saywho.viz.pages import write_page
from saywho.viz.paths import DOCS, page_name


def span_counts(doc: Document) -> dict[str, int]:
    """How many spans of each attribution label, and entities, a document has: the line under its heading."""
    return {**{label: len(doc.labelled(label)) for label in ("QUOTE", "SPEAKER", "CUE")},
            "entities": len(doc.layer(ENTITY_LAYER))}


def render_document(doc: Document, pages: Path) -> Path:
    """Write pages/docs/<doc_id>.html."""
    return write_page(pages / DOCS / page_name(doc.doc_id), "document.html.j2", view=article_view(doc),
                      counts=span_counts(doc))


def render_split(docs: list[Document], split: str, pages: Path) -> Path:
    """Write a page per document of the split and pages/docs/index-<split>.html linking them, grouped by event."""
    for doc in docs:
        render_document(doc, pages)
    ordered = sorted(docs, key=lambda d: (d.event_id, d.doc_id))
    events = [(event, [(doc, page_name(doc.doc_id), span_counts(doc)) for doc in group])
              for event, group in groupby(ordered, key=lambda d: d.event_id)]
    return write_page(pages / DOCS / page_name(f"index-{split}"), "index.html.j2", split=split, events=events)
