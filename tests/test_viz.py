"""The pages of saywho.viz, checked in headless Chromium: an article with its annotation and speaker lines, an event's
articles side by side, a system's errors beside the gold, escaping of hostile text; and the statistics charts."""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS
from test_scorer import GOLD, doc

from saywho.cli import main
from saywho.corpus.stats import load_built
from saywho.document import Document, Relation, Span
from saywho.eval.leaderboard import rank, write
from saywho.eval.scorer import score
from saywho.eval.submission import write_submission
from saywho.viz.article import article_view
from saywho.viz.event import rendering_kind, write_event_page
from saywho.viz.paths import errors_href, page_name
from saywho.viz.plots import CHARTS
from saywho.viz.render import render_document

SEED_DOCS = ("seed-5ba6c74f332c1bc3", "seed-fd7fb93fb7e592ad")
SEED_EVENT = "seed-nato-ukraine-talks"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def test_split() -> list[Document]:
    return load_built(CORPUS, ("test",))["test"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Run headless Chromium on a page with the given flags; returns its stdout (the DOM, for --dump-dom)."""
    assert CHROMIUM, "Debian's chromium package is needed (make test installs it)"
    profile = tmp_path_factory.mktemp("chromium-profile")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]

    def run(page: Path, *extra: str) -> str:
        return subprocess.run([CHROMIUM, *flags, *extra, page.as_uri()], check=True, capture_output=True,
                              text=True, timeout=120).stdout

    return run


def dom_after_script(browser, page: Path) -> str:
    """The DOM once the page's script has run (it draws the speaker lines on load)."""
    return browser(page, "--virtual-time-budget=2000", "--dump-dom")


def assert_screenshot(browser, page: Path, shot: Path) -> None:
    browser(page, f"--screenshot={shot}", "--window-size=1400,1000", "--virtual-time-budget=2000")
    data = shot.read_bytes()
    assert data[:8] == PNG and struct.unpack(">II", data[16:24]) == (1400, 1000)
    assert len(data) > 50_000, "a page of highlighted text compresses to far more than a blank one"


class Elements(HTMLParser):
    """The start tags of a DOM dump: each with its attributes and the classes of the <span>s it sits in."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self._open_spans: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.found.append((tag, attributes, tuple(self._open_spans)))
        if tag == "span":
            self._open_spans.append(attributes.get("class", ""))

    def handle_endtag(self, tag):
        if tag == "span":
            self._open_spans.pop()

    def with_class(self, name: str, tag: str | None = None) -> list[tuple[str, dict[str, str], tuple[str, ...]]]:
        return [item for item in self.found if name in item[1].get("class", "").split() and tag in (None, item[0])]

    def annotated(self, name: str) -> list[tuple[str, dict[str, str], tuple[str, ...]]]:
        """Spans of the articles with that class (the legend's samples have no data-key)."""
        return [item for item in self.with_class(name, "span") if "data-key" in item[1]]


def _within(item, name: str) -> bool:
    return any(name in classes.split() for classes in item[2])


# --- an article -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", SEED_DOCS)
def test_article_page_draws_quotes_speakers_cues_entities_and_speaker_lines(doc_id, test_split, browser, tmp_path):
    gold = next(d for d in test_split if d.doc_id == doc_id)
    page = render_document(gold, tmp_path)
    assert page == tmp_path / "docs" / f"{doc_id}.html"
    assert_screenshot(browser, page, tmp_path / "article.png")
    dom = Elements(dom_after_script(browser, page))
    for label in ("QUOTE", "SPEAKER", "CUE"):
        assert len(dom.annotated(label.lower())) == len(gold.labelled(label)), label
    said_by = [r for r in gold.relations if r.type == "said_by"]
    lines = dom.with_class("speaker-link", "path")
    assert len(lines) == len(said_by) > 0 and all(line[1]["d"].startswith("M") for line in lines)
    assert any(_within(entity, "quote") for entity in dom.annotated("ent")), "entities inside quotes must show"
    assert len({e[1]["data-key"] for e in dom.annotated("ent")}) == len(gold.layer("entity"))
    quote_titles = " ".join(q[1]["title"] for q in dom.annotated("quote"))
    speaker = gold.span(said_by[0].to_id)
    assert f"speaker_id: {speaker.speaker_id}" in quote_titles
    assert all(f"statement_id: {q.statement_id}" in quote_titles for q in gold.labelled("QUOTE"))
    assert {f"stance-{q.stance}" for q in gold.labelled("QUOTE")} <= {c for b in dom.with_class("badge")
                                                                      for c in b[1]["class"].split()}


def _hostile_document(doc_id: str, outlet: str) -> Document:
    text = ('<script>window.pwned = 1</script> said <img src=x onerror="document.title=1"> Ann & Co "quoted".')
    quote_end = text.index(" said")
    speaker_start = text.index("Ann")
    return Document(
        doc_id=doc_id, event_id="evil-event", outlet=outlet, outlet_style="wire", date="2026-01-01",
        provenance="composed", topic="test", text=text, targets=("<b>target</b>",),
        spans=(Span("q1", 0, quote_end, "QUOTE", form="direct", stance="FAVOR", target="<b>target</b>",
                    statement_id='"><script>alert(1)</script>'),
               Span("e1", 1, 7, "ORG"),
               Span("c1", quote_end + 1, quote_end + 5, "CUE"),
               Span("s1", speaker_start, speaker_start + 8, "SPEAKER", speaker_id="x\" onmouseover=\"alert(2)",
                    mention="name")),
        relations=(Relation("said_by", "q1", "s1"), Relation("cued_by", "q1", "c1")))


def test_hostile_text_and_ids_are_escaped_in_article_and_event_pages(browser, tmp_path):
    docs = [_hostile_document("evil-a", "Outlet <A>"), _hostile_document("evil-b", "Outlet B")]
    article = render_document(docs[0], tmp_path)
    event = write_event_page("evil-event", docs, tmp_path)
    for page, lines in ((article, 1), (event, len(docs))):
        source = page.read_text(encoding="utf-8")
        for raw in ("<script>window.pwned", "<script>alert", "<img", "<b>target", "Outlet <A>"):
            assert raw not in source
        assert "&gt;window.pwned = 1&lt;/script&gt;" in source  # "script" after "&lt;" is an entity span
        dom = Elements(dom_after_script(browser, page))
        assert [tag for tag, _, _ in dom.found].count("script") == 1, "only the page's own script"
        assert "img" not in [tag for tag, _, _ in dom.found]
        assert not any(name.startswith("on") for _, attributes, _ in dom.found for name in attributes)
        assert len(dom.with_class("speaker-link", "path")) == lines
    shared = Elements(event.read_text(encoding="utf-8")).with_class("shared")
    assert {q[1]["data-statement"] for q in shared} == {'"><script>alert(1)</script>'}


# --- an event -------------------------------------------------------------------------------------------------

def test_event_page_aligns_the_statements_outlets_share(test_split, browser, tmp_path):
    assert main(["event", SEED_EVENT, "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 0
    page = tmp_path / "events" / page_name(SEED_EVENT)
    assert_screenshot(browser, page, tmp_path / "event.png")
    dom = Elements(dom_after_script(browser, page))
    docs = sorted((d for d in test_split if d.event_id == SEED_EVENT), key=lambda d: d.doc_id)
    assert [d.doc_id for d in docs] == sorted(SEED_DOCS)
    assert len(dom.annotated("quote")) == sum(len(d.labelled("QUOTE")) for d in docs)
    assert len(dom.with_class("speaker-link", "path")) == sum(r.type == "said_by" for d in docs for r in d.relations)
    shared = {d.doc_id: {q.statement_id for q in d.labelled("QUOTE")} for d in docs}
    in_both = shared[SEED_DOCS[0]] & shared[SEED_DOCS[1]]
    numbered = dom.with_class("shared")
    assert {q[1]["data-statement"] for q in numbered} == in_both
    numbers = {q[1]["data-statement"]: q[1]["style"] for q in numbered}
    assert all(q[1]["style"] == numbers[q[1]["data-statement"]] for q in numbered), "one colour per statement"
    rows = [item for item in dom.found if item[0] == "tr" and "data-statement" in item[1]]
    assert {row[1]["data-statement"] for row in rows} == in_both and len(rows) == len(in_both)
    assert len(dom.with_class("kind")) >= 2 * len(in_both) + 3  # every rendering tagged, plus the legend


def test_hovering_a_statement_lights_its_siblings_in_every_column(browser, tmp_path):
    assert main(["event", SEED_EVENT, "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 0
    page = tmp_path / "events" / page_name(SEED_EVENT)
    probe = tmp_path / "probe.html"
    hover = ('<script>window.addEventListener("load", () => {'
             'document.querySelector(".shared").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));'
             'document.body.dataset.lit = [...document.querySelectorAll(".lit")].map(e => e.tagName).join(" ");'
             '});</script></body>')
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", hover), encoding="utf-8")
    lit = next(a["data-lit"] for tag, a, _ in Elements(dom_after_script(browser, probe)).found if tag == "body")
    assert lit.split().count("SPAN") >= 2 and "TR" in lit.split() and "path" in lit.split()


def test_rendering_kinds():
    full, cut, other = ["we", "will", "not", "give", "up", "the", "port"], ["will", "not", "give", "up"], ["no", "way"]
    assert rendering_kind(cut, [full]) == "trimmed"
    assert rendering_kind(full, [cut]) == rendering_kind(full, [list(full)]) == "verbatim"
    assert rendering_kind(full, [other]) == "paraphrased"


# --- a system's errors ----------------------------------------------------------------------------------------

def _with_errors(gold: Document) -> Document:
    """The gold with one error of each kind: a missed quote and entity, a spurious quote, a quote with other edges,
    a quote given another speaker, a quote with another stance."""
    quotes = gold.labelled("QUOTE")
    missed, shifted, other_speaker, other_stance = quotes[0], quotes[2], quotes[4], quotes[6]
    speaker_id = gold.related(other_speaker.id, "said_by")[0]
    tail = gold.text.index("Leave a Reply")
    spans = []
    for span in gold.spans:
        if span in (missed, gold.layer("entity")[0]):
            continue
        if span == shifted:
            span = replace(span, end=span.end - 1)
        elif span.id == speaker_id:
            span = replace(span, speaker_id="someone-else")
        elif span == other_stance:
            span = replace(span, stance="FAVOR" if span.stance != "FAVOR" else "AGAINST")
        spans.append(span)
    spans.append(Span("spurious", tail, tail + len("Leave a Reply"), "QUOTE", form="direct"))
    relations = tuple(r for r in gold.relations if r.from_id != missed.id)
    return replace(gold, spans=tuple(spans), relations=relations)


def test_error_view_marks_each_kind_of_error(test_split, browser, tmp_path):
    target = SEED_DOCS[0]
    predicted = [_with_errors(d) if d.doc_id == target else d for d in test_split]
    metadata = {"name": "seeded <errors>", "version": "1", "description": "gold with one error of each kind",
                "contact": "tests", "trained_on_validation": False}
    predictions = tmp_path / "seeded.test.jsonl"
    write_submission(predictions, metadata, predicted)
    assert main(["errors", str(predictions), "--split", "test", "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 0
    page = tmp_path / "errors" / page_name("seeded <errors>")
    assert page.name == "seeded-errors.html"
    assert_screenshot(browser, page, tmp_path / "errors.png")
    dom = Elements(dom_after_script(browser, page))
    assert "seeded &lt;errors&gt;" in page.read_text(encoding="utf-8")

    def marked(kind: str, label: str) -> list:
        return [item for item in dom.annotated(f"err-{kind}") if label in item[1]["class"].split()]

    assert len(marked("missed", "quote")) == 1 and len(marked("spurious", "quote")) == 1
    assert len(marked("boundary", "quote")) == 2  # the gold quote and the system's
    assert len(marked("missed", "ent")) == 1 and not marked("spurious", "ent")
    assert len(marked("speaker", "quote")) == 2 and len(marked("stance", "quote")) == 2
    missed_title = marked("missed", "quote")[0][1]["title"]
    assert "missed: no system QUOTE overlaps it" in missed_title
    assert "someone-else" in marked("speaker", "quote")[0][1]["title"]
    summary = page.read_text(encoding="utf-8")
    assert "<td>QUOTE</td><td>393</td><td>393</td><td>391</td><td>1</td><td>1</td><td>1</td>" in summary.replace("\n", "")


def test_leaderboard_links_a_system_to_its_error_view(tmp_path):
    gold = [doc(GOLD, f"d{i}", outlet=f"Outlet {i}") for i in range(3)]
    reports = [score(gold, {d.doc_id: d for d in gold}, {"name": name}, "test", resamples=20)
               for name in ("alpha", "beta")]
    error_page = tmp_path / errors_href("alpha")
    error_page.parent.mkdir(parents=True)
    error_page.write_text("<!DOCTYPE html>", encoding="utf-8")
    html = write(rank(reports), [], tmp_path)["html"].read_text(encoding="utf-8")
    assert '<a class="errors" href="pages/errors/alpha.html">errors</a>' in html
    assert "pages/errors/beta.html" not in html


# --- the command line and the charts --------------------------------------------------------------------------

def test_render_command_writes_a_split_with_its_index_and_names_unknown_ids(test_split, tmp_path, capsys):
    assert main(["render", "--split", "test", "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 0
    pages = sorted(p.name for p in (tmp_path / "docs").glob("*.html"))
    assert pages == sorted([page_name(d.doc_id) for d in test_split] + ["index-test.html"])
    index = (tmp_path / "docs" / "index-test.html").read_text(encoding="utf-8")
    assert all(f'href="{page_name(d.doc_id)}"' in index for d in test_split)
    assert main(["render", "no-such-doc", "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 2
    assert main(["render", "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 2
    assert main(["event", SEED_EVENT, "--corpus", str(tmp_path / "unbuilt"), "--out", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("saywho render: no document 'no-such-doc'")
    assert errors[1].startswith("saywho render: name one document")
    assert errors[2].endswith("holds no documents: run 'saywho build' first")


def test_page_names_cannot_leave_the_pages_folder():
    assert page_name("../../etc/passwd") == "etc-passwd.html" and page_name("a/b c") == "a-b-c.html"


def test_stats_plots_writes_every_chart_and_keeps_printing_the_tables(tmp_path, capsys):
    assert main(["stats", "--corpus", str(CORPUS), "--plots", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("| size | train | validation | test | all |")
    for name in CHARTS:
        data = (tmp_path / f"{name}.png").read_bytes()
        width, height = struct.unpack(">II", data[16:24])
        assert data[:8] == PNG and width == 900 and height >= 450 and len(data) > 10_000, name


def test_the_card_embeds_every_chart():
    card = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in CHARTS:
        assert f"(figures/{name}.png)" in card and (CORPUS / "figures" / f"{name}.png").read_bytes()[:8] == PNG


def test_article_view_cuts_an_entity_that_crosses_a_quote_edge():
    gold = doc(GOLD)
    crossing = Span("e9", 1, gold.labelled("QUOTE")[0].end + 1, "ORG")  # the quote and its closing mark
    view = article_view(replace(gold, spans=tuple(s for s in gold.spans if s.layer != "entity") + (crossing,)))
    pieces = [piece for block in view.blocks for piece in block.pieces if piece.entity]
    assert len(pieces) == 2 and all(piece.cut for piece in pieces) and pieces[0].entity is pieces[1].entity
    assert "".join(block_text for block_text in (p.text for b in view.blocks for p in b.pieces)) == gold.text
