"""Findings are data: every problem in an export, a markup file, a corpus or a build is an Issue with a stable code.

Readers and validators return lists of issues; only the command line prints them and chooses the exit status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    """A kind of finding: its severity, what it means, and the generic fix."""

    severity: Severity
    meaning: str
    fix: str


CODES: dict[str, Code] = {
    # The file as a whole.
    "file-unreadable": Code("error", "the file or folder does not exist or cannot be read", "check the path"),
    "splits-file-invalid": Code("error", "corpus/splits.json is missing or not an object of split -> list of event ids", 'write {"train": [...], "validation": [...], "test": [...]}'),
    "export-not-json": Code("error", "the file is not valid JSON", "re-export from Label Studio as JSON (full), not edited by hand"),
    "export-json-min": Code("error", "this is a JSON-MIN export, which drops relations and region ids", "export again choosing 'JSON' (full), not 'JSON-MIN'"),
    "export-conll": Code("error", "this is a CONLL export, which keeps neither character offsets nor relations", "export again choosing 'JSON' (full), not 'CONLL2003'"),
    "export-bad-structure": Code("error", "a task, annotation or result is not shaped as a Label Studio full JSON export", "re-export the project; if you edited the file, restore the named field"),
    "markup-bad-header": Code("error", "the YAML header of a markup file is missing or malformed", "start the file with a '---' YAML block of the document metadata, closed by '---'"),
    "markup-unclosed-span": Code("error", "a '[' opens a span that is never closed", "close it with ']{LABEL ...}' or escape a literal bracket as '\\['"),
    "markup-unmatched-close": Code("error", "a ']' closes no open span, or is not followed by '{LABEL ...}'", "add the missing '[' or '{LABEL}', or escape a literal bracket as '\\]'"),
    "markup-bad-attribute": Code("error", "a span's '{...}' block has an attribute that cannot be read", "write attributes as key=value with a known key (see annotation_guidelines/markup.md)"),
    # Choosing the annotation of a task.
    "annotation-needs-adjudication": Code("error", "a task has several annotations and none is marked ground truth", "adjudicate in Label Studio and mark the gold annotation as ground truth, or pass --policy latest"),
    "task-without-annotation": Code("error", "a task has no annotation that was not cancelled", "annotate the task, or remove it from the project"),
    # Document metadata.
    "missing-event-id": Code("error", "the task data has no event_id", "add event_id to the task data; every document belongs to one event"),
    "invalid-metadata": Code("error", "a metadata field is missing or has a value outside the inventory", "fill the named field with one of the listed values"),
    "duplicate-doc-id": Code("error", "two documents share a doc_id", "give each document its own doc_id"),
    "event-targets-differ": Code("error", "documents of one event list different stance targets", "use the same targets, in the same order, in every document of the event"),
    # Spans.
    "unknown-label": Code("error", "a span label is not in the inventory", "use one of the inventory's labels (saywho.inventory.LABELS)"),
    "span-out-of-bounds": Code("error", "a span's offsets fall outside the text or are empty", "set 0 <= start < end <= len(text)"),
    "span-text-mismatch": Code("error", "the surface text stored with a span differs from text[start:end]", "re-draw the span in Label Studio; offsets are code points, half-open"),
    "span-not-token-aligned": Code("error", "a span starts or ends inside a canonical token", "widen or narrow the span to whole tokens"),
    "span-covers-no-token": Code("error", "a predicted span covers only white space", "give the span at least one token of the text"),
    "span-overlap": Code("error", "two spans of one layer overlap", "spans of a layer may not overlap: shorten one, or move it to the other layer"),
    "duplicate-span-id": Code("error", "two spans of a document share an id", "give each region its own id"),
    "invalid-attribute-value": Code("error", "an attribute has a value outside the inventory", "choose one of the listed values"),
    "attribute-wrong-label": Code("error", "an attribute is set on a span whose label does not take it", "move the attribute to a span of the right label, or delete it"),
    "missing-attribute": Code("error", "a span lacks an attribute its label requires", "set the named attribute on the span"),
    "stance-without-target": Code("error", "a quote has a stance but no target", "choose the target the stance is about"),
    "target-not-in-event": Code("error", "a quote's target is not one of the event's targets", "choose one of the event's targets, or add it to every document of the event"),
    # Relations.
    "relation-missing-region": Code("error", "a relation points from or to a span that does not exist", "delete the relation or re-create the span it pointed to"),
    "relation-wrong-type": Code("error", "a relation has an unknown label or joins the wrong kinds of span", "said_by goes QUOTE -> SPEAKER, cued_by goes QUOTE -> CUE"),
    "quote-without-speaker": Code("error", "a quote has no said_by relation and is not marked speaker_unmentioned", "link the quote to its speaker, or mark speaker_unmentioned when the article never names one"),
    "quote-without-cue": Code("warning", "a quote has no cued_by relation", "link the cue, unless the quote continues a quote whose cue is already linked"),
    # Submissions.
    "submission-bad-json": Code("error", "a line of the submission is not valid JSON", "write one JSON object per line (JSON Lines)"),
    "submission-bad-metadata": Code("error", "the first line is not the system's metadata record", 'start with {"metadata": {"name", "version", "description", "contact", "trained_on_validation"}}'),
    "submission-bad-structure": Code("error", "a prediction line is not shaped as a gold document without text", "give entities, attribution and relations as lists of spans/relations (see eval/README.md)"),
    "submission-unknown-document": Code("error", "a prediction names a document that is not in the split", "predict only the documents of the split you submit for"),
    "submission-duplicate-document": Code("error", "two prediction lines name the same document", "keep one line per document"),
    "submission-missing-document": Code("warning", "a document of the split has no prediction", "predict every document; a missing one is scored as an empty prediction"),
    # Building the corpus.
    "raw-missing": Code("error", "corpus/raw holds no export, or SHA256SUMS does not list it", "run 'saywho pull' to export from Label Studio into corpus/raw"),
    "raw-checksum-mismatch": Code("error", "an export in corpus/raw differs from the checksum recorded for it", "restore the file from git, or run 'saywho pull' to re-export and re-record it"),
    "event-without-split": Code("error", "an event is in no split of corpus/splits.json", "add the event id to exactly one split"),
    "event-in-two-splits": Code("error", "an event is listed in more than one split", "keep the event in exactly one split"),
    "card-markers-missing": Code("error", "the dataset card lost the markers around a generated block", "restore the two marker comments of the block in corpus/README.md"),
    "split-unknown-event": Code("warning", "corpus/splits.json lists an event that has no document", "remove the event id, or add its documents"),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding: which code, in which document, where in it, and what exactly was seen."""

    code: str
    doc: str
    where: str
    detail: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def __str__(self) -> str:
        place = f"{self.doc} {self.where}".strip()
        fix = CODES[self.code].fix
        return f"[{place}] {self.severity.upper()} {self.code}: {self.detail}. Fix: {fix}."


def errors(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity == "error"]


class SayWhoError(Exception):
    """Raised when issues stop a command; carries the issues so the caller can print every one."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(map(str, issues)))


class UsageError(Exception):
    """A wrong name or setting on the command line: the message says what to use instead."""


class ServerError(Exception):
    """A problem reaching or using the Label Studio server, worded for the user."""
