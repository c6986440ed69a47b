"""The label inventory: the one place that names every label, attribute and value.

The Label Studio config, the dataset features, the validator and the guidelines test are all derived from here.
"""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_LAYER = "entity"
ATTRIBUTION_LAYER = "attribution"


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """A span label, the layer it lives in, and the one-line definition shown to annotators."""

    name: str
    layer: str
    definition: str
    color: str


LABELS: dict[str, LabelInfo] = {
    info.name: info
    for info in (
        LabelInfo("PER", ENTITY_LAYER, "a named person, real or fictional", "#8ecae6"),
        LabelInfo("ORG", ENTITY_LAYER, "a named organisation: government body, company, party, union, club, outlet", "#ffb703"),
        LabelInfo("GPE", ENTITY_LAYER, "a geopolitical entity: country, state, city, with a government", "#90be6d"),
        LabelInfo("LOC", ENTITY_LAYER, "a named place without a government: region, river, sea, mountain, building", "#43aa8b"),
        LabelInfo("NORP", ENTITY_LAYER, "a nationality, religious or political group used as a noun or adjective", "#c77dff"),
        LabelInfo("QUOTE", ATTRIBUTION_LAYER, "the reported content of a statement", "#ffd6a5"),
        LabelInfo("SPEAKER", ATTRIBUTION_LAYER, "the mention of who makes the statement", "#fdffb6"),
        LabelInfo("CUE", ATTRIBUTION_LAYER, "the reporting verb, phrase or mark that signals the statement", "#caffbf"),
    )
}

ENTITY_LABELS = tuple(name for name, info in LABELS.items() if info.layer == ENTITY_LAYER)
ATTRIBUTION_LABELS = tuple(name for name, info in LABELS.items() if info.layer == ATTRIBUTION_LAYER)
LAYERS = (ENTITY_LAYER, ATTRIBUTION_LAYER)

# Relations always point from a QUOTE to the span named here.
RELATIONS: dict[str, str] = {"said_by": "SPEAKER", "cued_by": "CUE"}

FORMS = ("direct", "indirect", "mixed")
STANCES = ("FAVOR", "AGAINST", "NONE")
MENTIONS = ("name", "nominal", "pronoun", "anonymous")
PROVENANCES = ("seed", "composed", "external")
OUTLET_STYLES = ("wire", "broadsheet", "regional", "aggregator")

# speaker_id for a source the article never identifies ("a senior official").
UNKNOWN_SPEAKER = "unknown"

# Attributes per span label: name -> allowed values (None: free text, a slug).
SPAN_ATTRIBUTES: dict[str, dict[str, tuple[str, ...] | None]] = {
    "QUOTE": {"form": FORMS, "stance": STANCES, "target": None, "statement_id": None},
    "SPEAKER": {"speaker_id": None, "mention": MENTIONS},
}
# Attributes a span of that label must carry. target is checked against the event's targets instead.
REQUIRED_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "QUOTE": ("form", "stance", "statement_id"),
    "SPEAKER": ("speaker_id", "mention"),
}
# A QUOTE whose speaker is never mentioned in the article carries this flag instead of a said_by relation.
NO_SPEAKER_FLAG = "speaker_unmentioned"


def layer_of(label: str) -> str:
    """The layer a span label belongs to; KeyError for a label outside the inventory."""
    return LABELS[label].layer


def iob2_tags(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The IOB2 tag names for a layer, in ClassLabel order: O first, then B-/I- per label.

    >>> iob2_tags(("QUOTE",))
    ('O', 'B-QUOTE', 'I-QUOTE')
    """
    return ("O",) + tuple(f"{prefix}-{label}" for label in labels for prefix in ("B", "I"))
