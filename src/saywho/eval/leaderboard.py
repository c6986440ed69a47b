"""The leaderboard: systems scored on one gold, ranked with a paired test against the best, written as Markdown,
JSON, a self-contained HTML page, a PNG chart with the intervals and a LaTeX table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader

from saywho.eval.bootstrap import paired_p_value, resample_weights
from saywho.eval.scorer import ScoreReport
from saywho.viz.paths import errors_href

# (metric, score, column title): the columns of the table, the first one ranks.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("attribution", "tuple.f1", "Attribution F1"),
    ("attribution_spans", "QUOTE.f1", "Quote exact F1"),
    ("quote_overlap", "tokens.f1", "Quote overlap F1"),
    ("attribution_spans", "SPEAKER.f1", "Speaker F1"),
    ("attribution_spans", "CUE.f1", "Cue F1"),
    ("attribution", "speaker_accuracy", "Speaker acc."),
    ("stance", "macro_f1", "Stance macro-F1"),
    ("stance", "f_avg", "Stance F_avg"),
    ("stance", "end_to_end.f1", "Stance e2e F1"),
    ("alignment", "pairs.f1", "Alignment F1"),
    ("entities", "micro.f1", "Entities F1"),
)
SIGNIFICANCE = 0.05


class MixedGold(Exception):
    """Reports scored against different gold (or tokenizer, or scorer) cannot share a table."""


@dataclass
class Row:
    report: ScoreReport
    rank: int
    p_value: float | None  # paired test against the best system; None for the best itself

    @property
    def name(self) -> str:
        return self.report.system["name"]


def check_same_gold(reports: list[ScoreReport]) -> dict[str, Any]:
    """The provenance the reports share; MixedGold if any differs in gold, scorer or tokenizer."""
    keys = ("gold_hash", "split", "scorer_version", "tokenizer_version", "seed", "bootstrap_resamples")
    first = reports[0].provenance
    for report in reports[1:]:
        different = [k for k in keys if report.provenance.get(k) != first.get(k)]
        if different:
            raise MixedGold(f"{report.system['name']} differs from {reports[0].system['name']} in {', '.join(different)}: "
                            "re-score both against the same gold")
    return {k: first[k] for k in keys + ("saywho_version", "seqeval_version", "documents", "date")}


def rank(reports: list[ScoreReport]) -> list[Row]:
    """Order by the first column; a system whose gap to the best is not significant shares the best's rank."""
    check_same_gold(reports)
    metric, key, _ = COLUMNS[0]
    ordered = sorted(reports, key=lambda r: (-r.scores[metric][key], r.system["name"]))
    best = ordered[0]
    weights = resample_weights(best.provenance["documents"], best.provenance["bootstrap_resamples"], best.provenance["seed"])
    best_samples = best.resampled(metric, key, weights)
    rows = []
    for report in ordered:
        if report is best:
            rows.append(Row(report, 1, None))
            continue
        observed = best.scores[metric][key] - report.scores[metric][key]
        p = paired_p_value(best_samples, report.resampled(metric, key, weights), observed) if observed > 0 else 1.0
        above = sum(other.scores[metric][key] > report.scores[metric][key] for other in ordered)
        rows.append(Row(report, 1 if p >= SIGNIFICANCE else above + 1, p))
    return rows


def _cell(report: ScoreReport, metric: str, key: str) -> str:
    return f"{100 * report.scores[metric][key]:.1f}"


def _flags(report: ScoreReport) -> str:
    flags = []
    if report.system.get("uses_gold_quotes"):
        flags.append("oracle quotes")
    if report.system.get("trained_on_validation"):
        flags.append("trained on validation")
    if report.system.get("kind") == "submission":
        flags.append("submission")
    return f" ({', '.join(flags)})" if flags else ""


def to_markdown(rows: list[Row], provenance: dict[str, Any]) -> str:
    header = ["Rank", "System"] + [title for _, _, title in COLUMNS] + ["p vs best"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [str(row.rank), row.name.replace("|", "\\|") + _flags(row.report)]
        cells += [_cell(row.report, m, k) for m, k, _ in COLUMNS]
        cells.append("—" if row.p_value is None else f"{row.p_value:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + provenance_line(provenance) + "\n"


def provenance_line(provenance: dict[str, Any]) -> str:
    return (f"Scores ×100 on the {provenance['split']} split ({provenance['documents']} documents, gold "
            f"`{provenance['gold_hash']}`); ranked by {COLUMNS[0][2]}, systems not significantly below the best "
            f"(paired bootstrap, {provenance['bootstrap_resamples']} resamples, seed {provenance['seed']}, p ≥ "
            f"{SIGNIFICANCE}) share rank 1. saywho {provenance['saywho_version']}, scorer "
            f"{provenance['scorer_version']}, tokenizer {provenance['tokenizer_version']}, seqeval "
            f"{provenance['seqeval_version']}, {provenance['date']}.")


@dataclass
class Table:
    """An unranked table beside the leaderboard (the human ceiling, the oracle stance track): one gold each."""

    title: str
    reports: list[ScoreReport]

    def to_markdown(self) -> str:
        provenance = check_same_gold(self.reports)
        lines = [f"### {self.title} ({provenance['documents']} {provenance['split']} documents, gold "
                 f"`{provenance['gold_hash']}`)", "",
                 "| System | " + " | ".join(t for _, _, t in COLUMNS) + " |", "|---|" + "---|" * len(COLUMNS)]
        for report in self.reports:
            lines.append(f"| {report.system['name']} | " + " | ".join(_cell(report, m, k) for m, k, _ in COLUMNS) + " |")
        return "\n".join(lines) + "\n"


def to_json(rows: list[Row], provenance: dict[str, Any], tables: list[Table]) -> dict[str, Any]:
    return {"provenance": provenance, "columns": [list(c) for c in COLUMNS],
            "rows": [{"rank": r.rank, "p_value": r.p_value, "report": r.report.to_json()} for r in rows],
            "tables": [{"title": t.title, "reports": [r.to_json() for r in t.reports]} for t in tables]}


def to_latex(rows: list[Row]) -> str:
    def escape(text: str) -> str:
        for char, replacement in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"),
                                  ("#", r"\#"), ("$", r"\$"), ("{", r"\{"), ("}", r"\}")):
            text = text.replace(char, replacement)
        return text

    columns = "ll" + "r" * len(COLUMNS)
    lines = [rf"\begin{{tabular}}{{{columns}}}", r"\toprule",
             " & ".join(["Rank", "System"] + [escape(t) for _, _, t in COLUMNS]) + r" \\", r"\midrule"]
    for row in rows:
        cells = [str(row.rank), escape(row.name + _flags(row.report))] + [_cell(row.report, m, k) for m, k, _ in COLUMNS]
        lines.append(" & ".join(cells) + r" \\")
    return "\n".join(lines + [r"\bottomrule", r"\end{tabular}"]) + "\n"


def to_html(rows: list[Row], provenance: dict[str, Any], tables: list[Table],
            error_pages: dict[str, str] | None = None) -> str:
    """A self-contained sortable page; every text from reports is escaped by the template engine. error_pages maps
    a system's name to the relative link of its error view (saywho errors), shown beside its name."""
    environment = Environment(loader=PackageLoader("saywho.eval", "templates"), autoescape=True)
    error_pages = error_pages or {}
    table = [{"rank": r.rank, "name": r.name, "flags": _flags(r.report).strip(" ()"), "errors": error_pages.get(r.name),
              "description": r.report.system.get("description", ""),
              "cells": [(r.report.scores[m][k], r.report.intervals[m][k]) for m, k, _ in COLUMNS],
              "p_value": r.p_value} for r in rows]
    extra = [{"title": t.title, "rows": [{"name": r.system["name"], "cells": [r.scores[m][k] for m, k, _ in COLUMNS]}
                                         for r in t.reports]} for t in tables]
    return environment.get_template("leaderboard.html.j2").render(
        columns=[title for _, _, title in COLUMNS], rows=table, provenance=provenance_line(provenance), tables=extra)


def to_png(rows: list[Row], path: Path) -> None:
    """The ranking metric and quote exact F1 of every system, with their 95% intervals."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [row.name for row in rows][::-1]
    figure, axes = plt.subplots(1, 2, figsize=(12, 0.45 * len(rows) + 1.5), sharey=True)
    for axis, (metric, key, title) in zip(axes, COLUMNS[:2]):
        values = np.array([row.report.scores[metric][key] for row in rows][::-1]) * 100
        low, high = (np.array([row.report.intervals[metric][key][i] for row in rows][::-1]) * 100 for i in (0, 1))
        axis.barh(names, values, xerr=np.vstack([values - low, high - values]), color="#4c78a8", capsize=3)
        axis.set_title(f"{title} (95% bootstrap interval)")
        axis.set_xlim(0, 100)
        axis.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write(rows: list[Row], tables: list[Table], folder: Path) -> dict[str, Path]:
    """Write every form of the leaderboard into folder; returns the paths by format."""
    provenance = check_same_gold([row.report for row in rows])
    markdown = "\n".join([to_markdown(rows, provenance)] + [t.to_markdown() for t in tables if t.reports])
    paths = {ext: folder / f"leaderboard.{ext}" for ext in ("md", "json", "html", "png", "tex")}
    folder.mkdir(parents=True, exist_ok=True)
    paths["md"].write_text(markdown, encoding="utf-8")
    paths["json"].write_text(json.dumps(to_json(rows, provenance, tables), indent=1) + "\n", encoding="utf-8")
    # Link the error views written into folder/pages/ (by `saywho leaderboard` or `saywho errors`).
    error_pages = {row.name: errors_href(row.name) for row in rows if (folder / errors_href(row.name)).exists()}
    paths["html"].write_text(to_html(rows, provenance, [t for t in tables if t.reports], error_pages), encoding="utf-8")
    paths["tex"].write_text(to_latex(rows), encoding="utf-8")
    to_png(rows, paths["png"])
    return paths
