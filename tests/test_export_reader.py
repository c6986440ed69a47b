"""Reading Label Studio exports: which annotation is taken, and no exception but coded issues on any mutation."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from saywho.corpus.sources import load_documents
from saywho.issues import CODES
from saywho.labelstudio.export import annotation_pairs, read_tasks
from saywho.validate import validate_corpus

from fixtures.make_fixtures import base_doc, base_export


def _with_annotations(*flags: dict) -> list:
    tasks = base_export()
    template = tasks[0]["annotations"][0]
    tasks[0]["annotations"] = [{**copy.deepcopy(template), "id": i + 1, "ground_truth": False, **flag}
                               for i, flag in enumerate(flags)]
    return tasks


def _codes(tasks, policy="ground-truth"):
    return [issue.code for issue in read_tasks(tasks, "export", policy)[1]]


def test_single_annotation_is_taken():
    docs, issues = read_tasks(base_export(), "export")
    assert docs == [base_doc()] and issues == []


def test_ground_truth_wins_over_other_annotations():
    tasks = _with_annotations({"completed_by": 2}, {"completed_by": 1, "ground_truth": True})
    tasks[0]["annotations"][0]["result"] = []  # the non-gold annotation differs
    docs, issues = read_tasks(tasks, "export")
    assert docs == [base_doc()] and issues == []


def test_cancelled_annotations_are_skipped():
    tasks = _with_annotations({"was_cancelled": True, "completed_by": 2}, {"completed_by": 1})
    tasks[0]["annotations"][0]["result"] = []
    assert read_tasks(tasks, "export")[0] == [base_doc()]


def test_several_annotations_without_ground_truth_stop_and_name_annotators():
    tasks = _with_annotations({"completed_by": 4}, {"completed_by": 9})
    docs, issues = read_tasks(tasks, "export")
    assert docs == [] and [i.code for i in issues] == ["annotation-needs-adjudication"]
    assert "user 4, user 9" in issues[0].detail and issues[0].doc == "fixture-wire"


def test_latest_policy_takes_the_newest_annotation():
    tasks = _with_annotations({"completed_by": 4, "updated_at": "2026-02-01T00:00:00Z"},
                              {"completed_by": 9, "updated_at": "2026-01-01T00:00:00Z"})
    tasks[0]["annotations"][1]["result"] = []
    assert read_tasks(tasks, "export", policy="latest")[0] == [base_doc()]


# --- Property: any mutation of a valid export gives documents and coded issues, never an exception. ---

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


@st.composite
def mutated_exports(draw):
    tasks = base_export()
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(tasks) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = tasks
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "offset", "label", "id"]))
        key = path[-1]
        if action == "delete":
            del parent[key]
        elif action == "offset" and isinstance(parent[key], int):
            parent[key] = parent[key] + draw(st.integers(-50, 50))
        elif action == "label":
            parent[key] = draw(st.sampled_from(["PER", "QUOTE", "SPEAKER", "said_by", "direct", "FAVOR", "", "??"]))
        elif action == "id":
            parent[key] = draw(st.sampled_from(["q1", "s1", "c1", "e1", "x9", 3]))
        else:
            parent[key] = draw(json_values)
    return tasks


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_exports())
def test_mutated_exports_yield_only_coded_issues(tasks):
    docs, issues = read_tasks(tasks, "export")
    issues += validate_corpus(docs)
    assert all(issue.code in CODES for issue in issues)
    assert all(str(issue) for issue in issues)
    annotation_pairs(tasks)  # what agreement reads must not raise either


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["utf-16", "latin-1", "utf-8-sig", "cp1252"]), st.integers(0, 200), st.binary(max_size=8))
def test_reencoded_or_corrupted_files_yield_only_coded_issues(tmp_path_factory, encoding, cut, junk):
    text = json.dumps(base_export(), ensure_ascii=False)
    path = tmp_path_factory.mktemp("export") / "export.json"
    path.write_bytes(text.encode(encoding, errors="replace")[:-cut or None] + junk)
    docs, issues = load_documents([path])
    assert all(issue.code in CODES for issue in issues)
