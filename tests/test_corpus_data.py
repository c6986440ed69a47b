"""Data is code: the committed corpus checked as the datasets library loads it, against independent counts."""

from __future__ import annotations

import re
from collections import Counter

import datasets
import pytest

from saywho.corpus.sources import load_documents
from saywho.corpus.stats import SPLITS
from saywho.inventory import ENTITY_LABELS, FORMS, STANCES
from saywho.validate import validate_corpus

from conftest import CORPUS, SEEDS


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    cache = str(tmp_path_factory.mktemp("hf-cache"))
    return {config: datasets.load_dataset(str(CORPUS), config, cache_dir=cache)
            for config in ("documents", "entities", "quotes")}


def _card_table(section: str) -> dict[str, dict[str, int]]:
    """Rows of one statistics table of the card: name -> {column: count}."""
    card = (CORPUS / "README.md").read_text(encoding="utf-8")
    lines = card.split(f"| {section} |", 1)[1].splitlines()
    columns = [c.strip() for c in lines[0].strip(" |").split("|")]
    rows = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip(" |").split("|")]
        rows[cells[0]] = {column: int(cell.replace(",", "")) for column, cell in zip(columns, cells[1:])}
    return rows


def test_no_validation_errors(built_corpus):
    docs = [doc for split in built_corpus.values() for doc in split]
    assert [str(i) for i in validate_corpus(docs) if i.severity == "error"] == []


def test_ids_are_unique(loaded):
    doc_ids = [row["doc_id"] for split in loaded["documents"].values() for row in split]
    quote_ids = [row["quote_id"] for split in loaded["quotes"].values() for row in split]
    assert len(doc_ids) == len(set(doc_ids)) and len(quote_ids) == len(set(quote_ids))


def test_every_span_matches_its_text(loaded):
    for split in loaded["documents"].values():
        for row in split:
            for span in row["entities"] + row["attribution"]:
                surface = row["text"][span["start"]:span["end"]]
                assert surface and surface == surface.strip(), (row["doc_id"], span)
    texts = {row["doc_id"]: row["text"] for split in loaded["documents"].values() for row in split}
    for split in loaded["quotes"].values():
        for row in split:
            assert row["text"] == texts[row["doc_id"]][row["start"]:row["end"]]


def test_no_event_in_two_splits(loaded):
    split_of = {}
    for split, rows in loaded["documents"].items():
        for event in set(rows["event_id"]):
            assert split_of.setdefault(event, split) == split, f"{event} in {split_of[event]} and {split}"


def test_seed_articles_are_in_the_test_split_verbatim(loaded):
    seeds = {f"seed-{path.stem.split('_', 1)[1]}": path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    assert len(seeds) == 2
    rows = {row["doc_id"]: row for row in loaded["documents"]["test"] if row["provenance"] == "seed"}
    assert set(rows) == set(seeds)
    for doc_id, text in seeds.items():
        assert rows[doc_id]["text"] == text
    assert len({row["event_id"] for row in rows.values()}) == 1


def test_authoring_files_and_the_export_say_the_same(built_corpus):
    authored, issues = load_documents([CORPUS / "authoring"])
    exported = {doc.doc_id: doc for split in built_corpus.values() for doc in split}
    missing = sorted({doc.doc_id for doc in authored} - set(exported))
    assert not missing, f"authored but not in corpus/raw (run saywho push, then saywho pull): {missing}"
    for doc in authored:
        assert exported[doc.doc_id] == doc, f"{doc.doc_id}: the export differs from its authoring file"


def test_card_numbers_equal_the_data(loaded):
    splits = [s for s in SPLITS if s in loaded["documents"]]
    size = _card_table("size")
    for split in splits:
        documents = loaded["documents"][split]
        assert size["documents"][split] == documents.num_rows
        assert size["events"][split] == len(set(documents["event_id"]))
        assert size["QUOTE spans"][split] == loaded["quotes"][split].num_rows
    entities = _card_table("entities")
    for split in splits:
        names = loaded["entities"][split].features["tags"].feature.names
        begins = Counter(names[t][2:] for tags in loaded["entities"][split]["tags"] for t in tags if names[t].startswith("B-"))
        for label in ENTITY_LABELS:
            assert entities[label][split] == begins[label], label
    for section, values, column in (("quote form", FORMS, "form"), ("quote stance", STANCES, "stance")):
        table = _card_table(section)
        for split in splits:
            counts = Counter(loaded["quotes"][split][column])
            for index, value in enumerate(values):
                assert table[value][split] == counts[index], (section, value, split)
    assert re.search(r"^configs:", (CORPUS / "README.md").read_text(), flags=re.MULTILINE)
