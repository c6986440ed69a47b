"""Everything derived from the label inventory agrees with it: Label Studio config, dataset features, guidelines."""

from __future__ import annotations

import re

from label_studio_sdk.label_interface import LabelInterface

from saywho.corpus.configs import ATTRIBUTION_TAGS, ENTITY_TAGS, FEATURES
from saywho.inventory import ATTRIBUTION_LABELS, ENTITY_LABELS, FORMS, LABELS, MENTIONS, RELATIONS, SPAN_ATTRIBUTES, STANCES
from saywho.labelstudio.config import REGION_CONTROLS, labeling_config

from conftest import ROOT

GUIDELINES = ROOT / "annotation_guidelines"


def test_committed_config_is_the_generated_one():
    committed = (GUIDELINES / "labeling_config.xml").read_text(encoding="utf-8")
    assert committed == labeling_config(), "regenerate with: saywho config > annotation_guidelines/labeling_config.xml"


def test_config_passes_label_studio_validation_and_names_every_label():
    interface = LabelInterface(labeling_config())
    interface.validate()
    controls = {control.name: control for control in interface.controls}
    assert set(controls["entity"].labels) == set(ENTITY_LABELS)
    assert set(controls["attribution"].labels) == set(ATTRIBUTION_LABELS)
    assert set(controls["form"].labels) == set(FORMS)
    assert set(controls["stance"].labels) == set(STANCES)
    assert set(controls["mention"].labels) == set(MENTIONS)
    assert set(REGION_CONTROLS) - {"speaker_unmentioned"} == {a for attrs in SPAN_ATTRIBUTES.values() for a in attrs}
    for relation in RELATIONS:
        assert f'<Relation value="{relation}"/>' in labeling_config()


def test_dataset_features_carry_the_inventory_names():
    assert FEATURES["entities"]["tags"].feature.names == list(ENTITY_TAGS)
    assert FEATURES["attribution"]["tags"].feature.names == list(ATTRIBUTION_TAGS)
    assert {tag[2:] for tag in ENTITY_TAGS[1:]} == set(ENTITY_LABELS)
    assert {tag[2:] for tag in ATTRIBUTION_TAGS[1:]} == set(ATTRIBUTION_LABELS)
    assert FEATURES["quotes"]["form"].names == list(FORMS)
    assert FEATURES["quotes"]["stance"].names == list(STANCES)


def test_guidelines_have_a_section_for_every_label_relation_and_attribute():
    text = (GUIDELINES / "README.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,4} (\S+)\s*$", text, flags=re.MULTILINE))
    attributes = {a for attrs in SPAN_ATTRIBUTES.values() for a in attrs}
    missing = (set(LABELS) | set(RELATIONS) | attributes) - headings
    assert not missing, f"annotation_guidelines/README.md lacks a section for {sorted(missing)}"
