"""The leaderboard: ranking with the paired test, refusal to mix gold, escaping, and the page in a real browser."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest

from saywho.eval.leaderboard import MixedGold, rank, write
from saywho.eval.scorer import score

from test_scorer import GOLD, doc


def _report(name: str, gold, keep: int, **system):
    predictions = {d.doc_id: replace(d, spans=d.spans[:keep]) for d in gold}
    return score(gold, predictions, {"name": name, **system}, "test", resamples=200)


@pytest.fixture
def gold():
    return [doc(GOLD, f"d{i}", outlet=f"Outlet {i}") for i in range(12)]


def test_ranks_by_the_first_column_and_shares_rank_when_not_significant(gold):
    best, same, worse = _report("best", gold, 99), _report("same", gold, 99), _report("worse", gold, 0)
    rows = rank([worse, same, best])
    assert [row.name for row in rows] == ["best", "same", "worse"]
    assert [row.rank for row in rows] == [1, 1, 3]
    assert rows[1].p_value == 1.0 and rows[2].p_value < 0.05


def test_tied_systems_below_the_best_share_their_rank(gold):
    def perfect_on(name, documents):
        return score(gold, {d.doc_id: d for d in gold[:documents]}, {"name": name}, "test", resamples=200)

    rows = rank([perfect_on("best", 12), perfect_on("tie-a", 4), perfect_on("tie-b", 4), perfect_on("last", 1)])
    assert [(row.name, row.rank) for row in rows] == [("best", 1), ("tie-a", 2), ("tie-b", 2), ("last", 4)]


def test_a_small_gap_is_not_significant(gold):
    # Drop the last span of one document only: a tiny difference, which the paired test must not call significant.
    slightly_worse = score(gold, {d.doc_id: replace(d, spans=d.spans[:-1]) if d.doc_id == "d0" else d for d in gold},
                           {"name": "slightly-worse"}, "test", resamples=200)
    rows = rank([_report("best", gold, 99), slightly_worse])
    assert 0.05 <= rows[1].p_value < 1.0 and rows[1].rank == 1


def test_refuses_reports_of_different_gold(gold):
    other_gold = [replace(d, text=d.text + " ") for d in gold]
    with pytest.raises(MixedGold, match="gold_hash"):
        rank([_report("a", gold, 99), _report("b", other_gold, 99)])


def test_untrusted_text_is_escaped_in_html(tmp_path, gold):
    evil = _report("<script>alert(1)</script>", gold, 99, description="<img src=x onerror=alert(2)>")
    paths = write(rank([evil, _report("plain", gold, 3)]), [], tmp_path)
    page = paths["html"].read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "<script>" in paths["md"].read_text()  # Markdown shows the name as written; renderers escape it


def test_latex_special_characters_are_escaped(tmp_path, gold):
    paths = write(rank([_report("team_a & co 100%", gold, 99)]), [], tmp_path)
    assert r"team\_a \& co 100\%" in paths["tex"].read_text()


def test_every_format_is_written(tmp_path, gold):
    paths = write(rank([_report("a", gold, 99), _report("b", gold, 2)]), [], tmp_path)
    assert all(path.stat().st_size > 0 for path in paths.values())
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "\\begin{tabular}" in paths["tex"].read_text()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_page_renders_in_headless_chromium(tmp_path, gold):
    assert CHROMIUM, "Debian's chromium package is needed (make test installs it)"
    paths = write(rank([_report("alpha", gold, 99), _report("beta", gold, 2)]), [], tmp_path)
    url = paths["html"].as_uri()
    profile = tmp_path / "profile"
    shot = tmp_path / "leaderboard.png"
    subprocess.run([CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                    "--window-size=1400,700", url], check=True, capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
    dom = subprocess.run([CHROMIUM, *BROWSER_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    assert '<table id="leaderboard">' in dom and "alpha" in dom and "beta" in dom
    assert dom.count("<tr>") >= 3
