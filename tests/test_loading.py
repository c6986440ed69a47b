"""Hugging Face loading from a fresh copy of the corpus folder, offline, with the declared features."""

from __future__ import annotations

import shutil

import datasets
import pytest

from saywho.corpus.configs import CONFIGS, FEATURES
from saywho.corpus.stats import SPLITS

from conftest import CORPUS


@pytest.fixture(scope="module")
def fresh_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clone") / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("authoring", "raw"))
    return folder


@pytest.fixture
def load(monkeypatch, tmp_path, fresh_corpus):
    """load_dataset on the fresh copy, offline, with a cache of its own so nothing is reused between tests."""
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    return lambda config: datasets.load_dataset(str(fresh_corpus), config, cache_dir=str(tmp_path / "cache"))


@pytest.mark.parametrize("config", CONFIGS)
def test_every_config_loads_with_declared_features(load, config, built_corpus):
    loaded = load(config)
    assert set(loaded) == set(built_corpus) and set(loaded) <= set(SPLITS)
    for split in loaded.values():
        assert split.features == FEATURES[config]
        assert split.num_rows > 0


def test_tag_names_survive_loading(load, built_corpus):
    split = next(iter(built_corpus))
    rows = load("attribution")[split]
    names = rows.features["tags"].feature.names
    doc = built_corpus[split][0]
    tags = [names[i] for i in rows[0]["tags"]]
    quote = doc.labelled("QUOTE")[0]
    first = rows[0]["token_starts"].index(quote.start)
    assert tags[first] == "B-QUOTE"
    stance = load("quotes")[split].features["stance"]
    assert stance.names == ["FAVOR", "AGAINST", "NONE"]
