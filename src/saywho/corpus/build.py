"""`saywho build`: corpus/raw (Label Studio exports) -> validated documents -> corpus/data/<config>/<split>.jsonl.

Nothing is written unless every check passes; the new data is written aside and swapped in whole, so a failed build
leaves the previous corpus/data as it was. The same export always builds to the same bytes.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from saywho.corpus.agreement import agreement
from saywho.corpus.card import card_issues, render_card, write_atomically
from saywho.corpus.configs import CONFIGS, ROWS
from saywho.corpus.stats import SPLITS, corpus_stats
from saywho.document import Document
from saywho.issues import Issue, SayWhoError, errors
from saywho.labelstudio.export import annotation_pairs, load_export, read_tasks
from saywho.labelstudio.server import CHECKSUMS, read_checksums, sha256
from saywho.validate import validate_corpus

SPLITS_FILE = "splits.json"


@dataclass(frozen=True)
class BuildSummary:
    documents: dict[str, int]
    issues: list[Issue]
    seconds: float

    def describe(self) -> str:
        parts = ", ".join(f"{split} {count}" for split, count in self.documents.items())
        return f"built {sum(self.documents.values())} documents ({parts}) in {self.seconds:.2f}s"


@dataclass(frozen=True)
class Checked:
    """What the checks of a build found: the documents per split, the issues, and the (gold, second) annotation
    pairs that agreement is computed from."""

    by_split: dict[str, list[Document]]
    issues: list[Issue]
    agreement_pairs: list[tuple[Document, Document]]


def read_raw(raw_dir: Path, policy: str = "ground-truth") -> tuple[list[Document], list[Issue], list]:
    """Every document of the checksummed exports in raw_dir, validated together, and the agreement pairs."""
    exports = sorted(raw_dir.glob("*.json"))
    sums = read_checksums(raw_dir)
    issues = []
    if not exports:
        issues.append(Issue("raw-missing", str(raw_dir), "", "no *.json export in the folder"))
    for path in exports:
        if path.name not in sums:
            issues.append(Issue("raw-missing", str(path), CHECKSUMS, f"{path.name} is not listed in {CHECKSUMS}"))
        elif sums[path.name] != sha256(path):
            issues.append(Issue("raw-checksum-mismatch", str(path), CHECKSUMS, f"sha256 is {sha256(path)[:12]}…, recorded {sums[path.name][:12]}…"))
    if errors(issues):
        return [], issues, []
    docs: list[Document] = []
    pairs = []
    for path in exports:
        tasks, load_issues = load_export(path)
        found, read_issues = read_tasks(tasks, str(path), policy) if tasks is not None else ([], [])
        docs += found
        issues += load_issues + read_issues
        pairs += annotation_pairs(tasks, policy)
    return docs, issues + validate_corpus(docs), pairs


def assign_splits(docs: list[Document], splits_path: Path) -> tuple[dict[str, list[Document]], list[Issue]]:
    """Documents per split by event, as corpus/splits.json lists the events."""
    where = str(splits_path)
    try:
        listed = json.loads(splits_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return {}, [Issue("splits-file-invalid", where, "", f"cannot read the split file: {exc}")]
    if not isinstance(listed, dict) or set(listed) - set(SPLITS) or not all(isinstance(v, list) for v in listed.values()):
        return {}, [Issue("splits-file-invalid", where, "", f"expected an object of {', '.join(SPLITS)} -> list of event ids")]
    split_of: dict[str, str] = {}
    issues = []
    for split in SPLITS:
        for event in listed.get(split, []):
            if event in split_of:
                issues.append(Issue("event-in-two-splits", where, f"event {event}", f"in {split_of[event]} and {split}"))
            split_of.setdefault(event, split)
    events = {doc.event_id for doc in docs}
    for event in sorted(events - set(split_of)):
        issues.append(Issue("event-without-split", where, f"event {event}", "the event is in no split"))
    for event in sorted(set(split_of) - events):
        issues.append(Issue("split-unknown-event", where, f"event {event}", "no document has this event"))
    by_split: dict[str, list[Document]] = {}
    for doc in sorted(docs, key=lambda d: d.doc_id):
        if doc.event_id in split_of:
            by_split.setdefault(split_of[doc.event_id], []).append(doc)
    return {split: by_split[split] for split in SPLITS if split in by_split}, issues


def check(corpus: Path, policy: str = "ground-truth") -> Checked:
    """Everything a build checks, without writing anything."""
    docs, issues, pairs = read_raw(corpus / "raw", policy)
    if errors(issues):
        return Checked({}, issues, [])
    by_split, split_issues = assign_splits(docs, corpus / SPLITS_FILE)
    return Checked(by_split, issues + split_issues + card_issues(corpus / "README.md"), pairs)


def build(corpus: Path, policy: str = "ground-truth") -> BuildSummary:
    """Build corpus/data and the card's generated parts; raises SayWhoError (writing nothing) on any error."""
    began = time.perf_counter()
    checked = check(corpus, policy)
    if errors(checked.issues):
        raise SayWhoError(checked.issues)
    by_split = checked.by_split
    blocks = {"statistics": corpus_stats(by_split).to_markdown(), "agreement": agreement_markdown(checked.agreement_pairs)}
    card = render_card(corpus / "README.md", tuple(by_split), blocks)  # before writing: a bad card stops the build
    _write_data(corpus, by_split)
    write_atomically(corpus / "README.md", card)
    counts = {split: len(split_docs) for split, split_docs in by_split.items()}
    return BuildSummary(counts, checked.issues, time.perf_counter() - began)


def agreement_markdown(pairs: list[tuple[Document, Document]]) -> str:
    """The agreement of the second annotations with the gold, as the card and `saywho agreement` show it."""
    return agreement(pairs).to_markdown() if pairs else "No document has a second annotation yet.\n"


def _write_data(corpus: Path, by_split: dict[str, list[Document]]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".data-new-", dir=corpus))
    try:
        for config in CONFIGS:
            (staging / config).mkdir()
            for split, docs in by_split.items():
                with (staging / config / f"{split}.jsonl").open("w", encoding="utf-8", newline="\n") as out:
                    for doc in docs:
                        for row in ROWS[config](doc):
                            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        target = corpus / "data"
        retired = corpus / f".data-old-{staging.name.removeprefix('.data-new-')}"
        if target.exists():
            target.rename(retired)
        try:
            staging.rename(target)
        except OSError:
            if retired.exists():
                retired.rename(target)  # put the previous data back
            raise
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
