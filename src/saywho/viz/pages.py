"""The template engine of the pages: Jinja2 with autoescaping on, so every text from the data is escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from saywho.inventory import ENTITY_LABELS, FORMS, STANCES
from saywho.viz.theme import FORM_COLOURS, LABEL_COLOURS, STANCE_COLOURS

_ENVIRONMENT = Environment(loader=PackageLoader("saywho.viz", "templates"), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
# What every page's stylesheet and legend need.
_THEME = {"label_colours": LABEL_COLOURS, "form_colours": FORM_COLOURS, "stance_colours": STANCE_COLOURS,
          "entity_labels": ENTITY_LABELS, "forms": FORMS, "stances": STANCES}


def write_page(path: Path, template: str, **context: Any) -> Path:
    """Render a template into path (folders made as needed) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_ENVIRONMENT.get_template(template).render(**_THEME, **context), encoding="utf-8")
    return path
