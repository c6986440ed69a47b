"""The live round trip against a real Label Studio server on 127.0.0.1 (SQLite), started here and stopped by PID.

corpus/authoring -> saywho push -> Label Studio -> saywho pull -> saywho build must equal the committed corpus.
The server is the one `make test` installs; SAYWHO_LABEL_STUDIO names its executable.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from saywho.baselines.alignment import Aligner
from saywho.baselines.predict import predict_documents
from saywho.baselines.rules import RulesSystem
from saywho.cli import main
from saywho.corpus.build import build
from saywho.labelstudio import local
from saywho.labelstudio.config import labeling_config
from saywho.labelstudio.export import read_tasks
from saywho.labelstudio.server import export_tasks, find_project
from saywho.markup import markup_to_document

from conftest import CORPUS

pytestmark = pytest.mark.labelstudio


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    executable = os.environ.get("SAYWHO_LABEL_STUDIO", "")
    if not Path(executable).is_file():
        pytest.fail("SAYWHO_LABEL_STUDIO must name the label-studio executable; `make test` installs it and sets it")
    running = local.start(Path(executable), tmp_path_factory.mktemp("label-studio"))
    yield running
    running.stop()


@pytest.fixture
def environment(server, monkeypatch):
    monkeypatch.setenv("LABEL_STUDIO_URL", server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", server.token)
    return LabelStudio(base_url=server.url, api_key=server.token)


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_push_pull_build_equals_the_committed_corpus(environment, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "splits.json", corpus)
    shutil.copy(CORPUS / "README.md", corpus)
    assert main(["push", str(CORPUS / "authoring"), "--second", str(CORPUS / "agreement"), "--project", "round trip"]) == 0
    assert main(["pull", "--project", "round trip", "--corpus", str(corpus)]) == 0
    build(corpus)
    assert _tree(corpus / "data") == _tree(CORPUS / "data")
    assert (corpus / "README.md").read_text() == (CORPUS / "README.md").read_text()
    capsys.readouterr()
    assert main(["agreement", "--corpus", str(corpus)]) == 0
    fresh = capsys.readouterr().out
    assert main(["agreement", "--corpus", str(CORPUS)]) == 0
    assert capsys.readouterr().out == fresh
    project = find_project(environment, "round trip")
    assert project.label_config.strip() == labeling_config().strip()


def test_pre_annotation_with_a_baseline_comes_back_whole(environment):
    seeds = CORPUS / "authoring" / "seed-nato-ukraine-talks"
    assert main(["push", str(seeds), "--project", "pre-annotation", "--predictions", "rules"]) == 0
    project = find_project(environment, "pre-annotation")
    tasks = export_tasks(environment, project.id)  # a snapshot: predictions in full, not as ids
    assert len(tasks) == 2 and all(task["annotations"] == [] for task in tasks)
    expected = {doc.doc_id: doc for doc in predict_documents(RulesSystem(), _seed_documents(), Aligner(1.1, 1.1))}
    for task in tasks:
        prediction = task["predictions"][0]
        assert prediction["model_version"] == "rules" and prediction["result"]
        task["annotations"] = [{"id": 1, "result": prediction["result"]}]
    for doc in read_tasks(tasks, "export")[0]:
        want = expected[doc.doc_id]
        assert [(s.start, s.end, s.label) for s in doc.spans] == [(s.start, s.end, s.label) for s in want.spans]
        assert doc.relations == want.relations


def _seed_documents():
    return [markup_to_document(path.read_text(encoding="utf-8"))[0]
            for path in sorted((CORPUS / "authoring" / "seed-nato-ukraine-talks").glob("*.md"))]


def test_pull_without_a_token_says_what_to_set(monkeypatch, capsys):
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    assert main(["pull", "--project", "x"]) == 2
    assert "LABEL_STUDIO_API_KEY" in capsys.readouterr().err
