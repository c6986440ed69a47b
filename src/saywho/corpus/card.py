"""The dataset card (corpus/README.md): its YAML header and its statistics block are generated; its prose is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from saywho.corpus.configs import CONFIGS, FEATURES
from saywho.corpus.stats import CorpusStats

STATS_START = "<!-- generated: statistics (saywho build) -->"
STATS_END = "<!-- end of generated statistics -->"
_FIXED_METADATA = {
    "pretty_name": "SayWho",
    "language": ["en"],
    "license": "cc-by-4.0",
    "task_categories": ["token-classification", "text-classification"],
    "tags": ["quotation-attribution", "speaker-attribution", "stance-detection", "named-entity-recognition", "news"],
}


def _features_yaml(config: str) -> list[dict[str, Any]]:
    """The config's features in the card's YAML form, sequences of scalars written as `sequence:` so that
    datasets releases before 4.0, which do not know `list:` for them, read the same features."""

    def compat(item: Any) -> Any:
        if isinstance(item, dict):
            return {("sequence" if key == "list" and isinstance(value, dict) else key): compat(value)
                    for key, value in item.items()}
        if isinstance(item, list):
            return [compat(value) for value in item]
        return item

    return compat(FEATURES[config]._to_yaml_list())


def card_metadata(splits: tuple[str, ...]) -> dict[str, Any]:
    """The card's YAML header: fixed metadata, one `configs` entry per config, and the declared features."""
    configs = [{"config_name": config, "data_files": [{"split": split, "path": f"data/{config}/{split}.jsonl"}
                                                      for split in splits]}
               for config in CONFIGS]
    configs[0]["default"] = True
    infos = [{"config_name": config, "features": _features_yaml(config)} for config in CONFIGS]
    return {**_FIXED_METADATA, "configs": configs, "dataset_info": infos}


def write_card(path: Path, splits: tuple[str, ...], stats: CorpusStats) -> None:
    """Regenerate the header and the statistics block of an existing card, keeping its prose."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    if STATS_START not in body or STATS_END not in body:
        raise ValueError(f"{path} lacks the markers {STATS_START!r} and {STATS_END!r} around its statistics")
    before, rest = body.split(STATS_START, 1)
    after = rest.split(STATS_END, 1)[1]
    header = yaml.safe_dump(card_metadata(splits), sort_keys=False, allow_unicode=True, width=1000)
    card = f"---\n{header}---\n{before}{STATS_START}\n{stats.to_markdown()}{STATS_END}{after}"
    aside = path.with_suffix(".md.partial")
    aside.write_text(card, encoding="utf-8")
    aside.replace(path)
