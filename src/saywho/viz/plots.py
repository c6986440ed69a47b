"""`saywho stats --plots DIR`: the corpus statistics as PNG charts (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from matplotlib.ticker import MaxNLocator

from saywho.corpus.stats import CorpusStats, corpus_stats
from saywho.document import Document
from saywho.inventory import FORMS, STANCES
from saywho.phenomena import PHENOMENA
from saywho.viz.theme import FORM_COLOURS, STANCE_COLOURS


def write_plots(by_split: dict[str, list[Document]], folder: Path) -> list[Path]:
    """Write one PNG per chart of CHARTS into folder; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")  # before pyplot: no display is needed, nor wanted in CI
    import matplotlib.pyplot as plt

    stats = corpus_stats(by_split)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in CHARTS.items():
        figure = plt.figure(figsize=(9, 6) if name == "phenomena" else (9, 4.5))
        draw(figure, stats, by_split)
        figure.tight_layout()
        path = folder / f"{name}.png"
        figure.savefig(path, dpi=100, metadata={"Software": None})  # no version stamp: same data, same bytes
        plt.close(figure)
        paths.append(path)
    return paths


def _bars(axis, groups: list[str], series: dict[str, list[int]], colours: dict[str, str] | None = None,
          horizontal: bool = False) -> None:
    """One bar per series in each group, side by side, each labelled with its count."""
    width = 0.8 / len(series)
    for index, (name, values) in enumerate(series.items()):
        positions = [g + (index - (len(series) - 1) / 2) * width for g in range(len(groups))]
        colour = colours[name] if colours else None
        draw = axis.barh if horizontal else axis.bar
        bars = draw(positions, values, width, label=name, color=colour, edgecolor="#555", linewidth=0.5)
        axis.bar_label(bars, fontsize=7, padding=2)
    (axis.set_yticks if horizontal else axis.set_xticks)(range(len(groups)), groups)
    axis.grid(axis="x" if horizontal else "y", alpha=0.3)
    axis.legend(fontsize=8)


def _by_split(stats: CorpusStats, section: str, names: tuple[str, ...]) -> dict[str, list[int]]:
    """Counts of the named rows of a section, one series per value, one group per split."""
    return {name: [stats.count(section, name, split) for split in stats.splits] for name in names}


def _sizes(figure, stats: CorpusStats, _: dict[str, list[Document]]) -> None:
    rows = (("documents", "documents"), ("QUOTE spans", "quotes"), ("entity spans", "entities"))
    for index, (row, title) in enumerate(rows, 1):
        axis = figure.add_subplot(1, len(rows), index)
        bars = axis.bar(stats.splits, [stats.count("size", row, split) for split in stats.splits], color="#4c78a8")
        axis.bar_label(bars, fontsize=8, padding=2)
        axis.set_title(f"{title} per split")
        axis.margins(y=0.15)


def _forms(figure, stats: CorpusStats, _: dict[str, list[Document]]) -> None:
    axis = figure.add_subplot()
    _bars(axis, list(stats.splits), _by_split(stats, "quote form", FORMS), FORM_COLOURS)
    axis.set_title("Quote forms per split")


def _stances(figure, stats: CorpusStats, _: dict[str, list[Document]]) -> None:
    axis = figure.add_subplot()
    _bars(axis, list(stats.splits), _by_split(stats, "quote stance", STANCES), STANCE_COLOURS)
    axis.set_title("Quote stances per split")


def _phenomena(figure, stats: CorpusStats, _: dict[str, list[Document]]) -> None:
    axis = figure.add_subplot()
    series = {split: [stats.count("quote phenomena", tag, split) for tag in PHENOMENA] for split in stats.splits}
    _bars(axis, list(PHENOMENA), series, horizontal=True)
    axis.invert_yaxis()  # in PHENOMENA order, top to bottom
    axis.set_title("Quote phenomena per split (a quote may have several)")


def _outlets_per_event(figure, _: CorpusStats, by_split: dict[str, list[Document]]) -> None:
    axis = figure.add_subplot()
    outlets = {split: Counter(len({d.outlet for d in docs if d.event_id == event})
                              for event in {d.event_id for d in docs}) for split, docs in by_split.items()}
    sizes = sorted({size for counts in outlets.values() for size in counts})
    _bars(axis, [f"{size} outlets" for size in sizes], {split: [counts[size] for size in sizes]
                                                         for split, counts in outlets.items()})
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title("Events by the number of outlets reporting them")
    axis.set_ylabel("events")


# Chart name (the PNG's file name) -> what draws it from the statistics or the documents.
CHARTS = {"sizes": _sizes, "forms": _forms, "stances": _stances, "phenomena": _phenomena,
          "outlets_per_event": _outlets_per_event}
