"""The Label Studio labeling config, generated from the inventory (annotation_guidelines/labeling_config.xml)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from saywho.inventory import (
    ATTRIBUTION_LABELS,
    ATTRIBUTION_LAYER,
    ENTITY_LABELS,
    ENTITY_LAYER,
    FORMS,
    LABELS,
    MENTIONS,
    NO_SPEAKER_FLAG,
    RELATIONS,
    STANCES,
)

TEXT_NAME = "text"
# The task data field that lists the event's targets as Label Studio dynamic choices: [{"value": target}, ...].
TARGET_CHOICES_FIELD = "target_choices"

# Per-region controls: name -> (label whose regions show it, kind, fixed choices). Kind is "choices" or "textarea".
REGION_CONTROLS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "form": ("QUOTE", "choices", FORMS),
    "stance": ("QUOTE", "choices", STANCES),
    "target": ("QUOTE", "choices", ()),  # dynamic: the event's targets, from the task data
    "statement_id": ("QUOTE", "textarea", ()),
    # Two choices, not one: the config schema rejects a Choices with a single Choice.
    NO_SPEAKER_FLAG: ("QUOTE", "choices", ("no", "yes")),
    "speaker_id": ("SPEAKER", "textarea", ()),
    "mention": ("SPEAKER", "choices", MENTIONS),
}


def _labels(name: str, labels: tuple[str, ...]) -> list[str]:
    lines = [f'  <Labels name="{name}" toName="{TEXT_NAME}">']
    for label in labels:
        info = LABELS[label]
        lines.append(f'    <Label value="{label}" background="{info.color}" hint={quoteattr(info.definition)}/>')
    return lines + ["  </Labels>"]


def _control(name: str, label: str, kind: str, choices: tuple[str, ...]) -> list[str]:
    common = (f'name="{name}" toName="{TEXT_NAME}" perRegion="true" '
              f'visibleWhen="region-selected" whenTagName="{ATTRIBUTION_LAYER}" whenLabelValue="{label}"')
    if kind == "textarea":
        return [f'  <Header value="{name}"/>', f'  <TextArea {common} maxSubmissions="1" editable="true" rows="1"/>']
    if not choices:
        return [f'  <Header value="{name}"/>', f'  <Choices {common} choice="single" value="${TARGET_CHOICES_FIELD}"/>']
    lines = [f'  <Header value="{name}"/>', f'  <Choices {common} choice="single" showInline="true">']
    lines += [f'    <Choice value="{choice}"/>' for choice in choices]
    return lines + ["  </Choices>"]


def labeling_config() -> str:
    """The labeling config XML: two span layers on one text, the relations, and the per-region attributes."""
    lines = ["<View>", '  <Header value="$doc_id · $outlet ($outlet_style) · $date · event $event_id"/>']
    lines += _labels(ENTITY_LAYER, ENTITY_LABELS)
    lines += _labels(ATTRIBUTION_LAYER, ATTRIBUTION_LABELS)
    lines.append(f'  <Text name="{TEXT_NAME}" value="${TEXT_NAME}" granularity="word"/>')
    lines.append("  <Relations>")
    lines += [f'    <Relation value="{relation}"/>' for relation in RELATIONS]
    lines.append("  </Relations>")
    for name, (label, kind, choices) in REGION_CONTROLS.items():
        lines += _control(name, label, kind, choices)
    return "\n".join(lines + ["</View>"]) + "\n"
