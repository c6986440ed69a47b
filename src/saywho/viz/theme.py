"""Colours of the pages and charts. Labels keep the inventory's colours; only what the inventory does not colour
(quote forms, stances, statement numbers) is chosen here."""

from __future__ import annotations

from saywho.inventory import FORMS, LABELS, STANCES

LABEL_COLOURS: dict[str, str] = {name: info.color for name, info in LABELS.items()}

# Direct quotes keep the inventory's QUOTE colour; the other forms get pastels that stay readable under the
# entity colours drawn inside them.
FORM_COLOURS: dict[str, str] = dict(zip(FORMS, (LABELS["QUOTE"].color, "#ffc8dd", "#e2c6ff"), strict=True))
STANCE_COLOURS: dict[str, str] = dict(zip(STANCES, ("#2a9d8f", "#d62828", "#6c757d"), strict=True))

# Statements reported by several outlets: a colour per statement number, cycling (the number tells them apart).
STATEMENT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                     "#bcbd22", "#7f7f7f")


def statement_colour(number: int) -> str:
    """The colour of statement number `number` (1-based)."""
    return STATEMENT_COLOURS[(number - 1) % len(STATEMENT_COLOURS)]
