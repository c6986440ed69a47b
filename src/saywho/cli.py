"""The saywho command line. Every command prints coded issues, never a traceback, and exits non-zero on errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saywho.corpus.stats import SPLITS
from saywho.issues import Issue, SayWhoError, ServerError, UsageError, errors
from saywho.labelstudio.export import POLICIES

EXAMPLES = """\
examples:
  saywho build                                   build corpus/data and the dataset card from corpus/raw
  saywho validate corpus/raw                     check the committed Label Studio export(s)
  saywho validate corpus/authoring/some-event    check authoring markup files
  LABEL_STUDIO_URL=http://127.0.0.1:8080 LABEL_STUDIO_API_KEY=... saywho push --project SayWho
  LABEL_STUDIO_URL=... LABEL_STUDIO_API_KEY=... saywho push new-articles/ --project Inbox --predictions rules
  LABEL_STUDIO_URL=... LABEL_STUDIO_API_KEY=... saywho pull --project SayWho
  saywho stats                                   print the corpus statistics
  saywho agreement                               agreement of the second annotation with the gold
  saywho leaderboard                             run every baseline on test, score, write eval/leaderboard.*
  saywho leaderboard --split validation --out eval/validation
  saywho predict --system rules --split test     predictions of one baseline, as a submission file
  saywho validate-submission my.jsonl --split test
  saywho score my.jsonl --split test             every metric with 95% bootstrap intervals
  saywho render seed-5ba6c74f332c1bc3            an article with its annotation drawn on it (eval/pages/docs/)
  saywho render --split test                     every article of a split, with an index page
  saywho errors eval/predictions/rules.jsonl --split test   a system beside the gold (eval/pages/errors/)
  saywho event seed-nato-ukraine-talks           an event's articles side by side (eval/pages/events/)
  saywho stats --plots corpus/figures            the statistics, and PNG charts of them
"""


def _report(issues: list[Issue]) -> int:
    for issue in issues:
        print(issue, file=sys.stderr)
    found = errors(issues)
    if found:
        print(f"{len(found)} error(s), {len(issues) - len(found)} warning(s)", file=sys.stderr)
    return 1 if found else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from saywho.corpus.sources import load_documents

    docs, issues = load_documents([Path(p) for p in args.paths], policy=args.policy)
    status = _report(issues)
    if not docs and status == 0:
        raise UsageError(f"no document found in {', '.join(args.paths)} (.json exports or .md markup files)")
    if status == 0:
        print(f"ok: {len(docs)} document(s) in {', '.join(args.paths)}")
    return status


def cmd_build(args: argparse.Namespace) -> int:
    from saywho.corpus.build import build

    summary = build(Path(args.corpus), policy=args.policy)
    _report(summary.issues)
    print(summary.describe())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from saywho.corpus.stats import corpus_stats, load_built

    by_split = load_built(Path(args.corpus))
    if not by_split:
        raise UsageError(f"{args.corpus} has no built data: run `saywho build` first")
    print(corpus_stats(by_split).to_markdown())
    if args.plots:
        from saywho.viz.plots import write_plots

        paths = write_plots(by_split, Path(args.plots))
        print(f"wrote {len(paths)} charts to {args.plots}", file=sys.stderr)  # stdout stays the Markdown tables
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from saywho.corpus.build import agreement_markdown, check

    checked = check(Path(args.corpus))
    if errors(checked.issues):
        return _report(checked.issues)
    print(agreement_markdown(checked.agreement_pairs), end="")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from saywho.baselines.cache import training_data
    from saywho.baselines.registry import Parts
    from saywho.eval.run import gold_split, predict_split, submission_metadata, system_metadata
    from saywho.eval.submission import write_submission

    corpus = Path(args.corpus)
    docs = gold_split(corpus, args.split)
    parts = Parts(training_data(corpus), {doc.doc_id: doc for doc in docs})
    predicted, seconds = predict_split(parts, args.system, docs, num_proc=args.num_proc)
    output = Path(args.output or f"eval/predictions/{args.system}.{args.split}.jsonl")
    output.parent.mkdir(parents=True, exist_ok=True)
    write_submission(output, submission_metadata(system_metadata(args.system)), predicted)
    print(f"wrote {len(predicted)} predictions to {output} ({len(predicted) / seconds:.1f} documents/s)")
    return 0


def cmd_validate_submission(args: argparse.Namespace) -> int:
    from saywho.eval.run import gold_split
    from saywho.eval.submission import read_submission

    submission, issues = read_submission(Path(args.file), gold_split(Path(args.corpus), args.split))
    status = _report(issues)
    if submission is not None:
        print(f"ok: {len(submission.predictions)} predictions from {submission.metadata['name']!r}")
    return status


def cmd_score(args: argparse.Namespace) -> int:
    import json

    from saywho.eval.leaderboard import COLUMNS
    from saywho.eval.run import gold_split
    from saywho.eval.scorer import score
    from saywho.eval.submission import read_submission

    gold = gold_split(Path(args.corpus), args.split)
    submission, issues = read_submission(Path(args.file), gold)
    if submission is None:
        return _report(issues)
    _report(issues)
    report = score(gold, submission.predictions, {**submission.metadata, "kind": "submission"}, args.split)
    for metric, key, title in COLUMNS:
        low, high = report.intervals[metric][key]
        print(f"{title:>18}: {100 * report.scores[metric][key]:5.1f}  [{100 * low:5.1f}, {100 * high:5.1f}]")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report.to_json(), indent=1) + "\n", encoding="utf-8")
    return 0


def cmd_leaderboard(args: argparse.Namespace) -> int:
    import json

    from saywho.eval.readme import update_baselines_readme, update_readme
    from saywho.eval.run import leaderboard

    out = Path(args.out)
    leaderboard(Path(args.corpus), args.split, out, Path(args.submissions))
    markdown = (out / "leaderboard.md").read_text(encoding="utf-8")
    print(markdown, end="")
    if args.readmes:
        repository = Path(args.corpus).resolve().parent  # the READMEs live beside the corpus folder
        if args.split == "test":
            update_readme(repository / "README.md", markdown)
        data = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
        update_baselines_readme(repository / "baselines" / "README.md", args.split, data)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from saywho.eval.run import gold_split
    from saywho.viz.lookup import built_documents, find_document
    from saywho.viz.render import render_document, render_split

    if (args.doc_id is None) == (args.split is None):
        raise UsageError("name one document (saywho render DOC_ID) or one split (saywho render --split test)")
    if args.split:
        docs = gold_split(Path(args.corpus), args.split)
        print(f"wrote {len(docs)} article pages and the index {render_split(docs, args.split, Path(args.out))}")
    else:
        doc = find_document(built_documents(Path(args.corpus)), args.doc_id)
        print(f"wrote {render_document(doc, Path(args.out))}")
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    from saywho.eval.run import gold_split
    from saywho.eval.submission import read_submission
    from saywho.viz.errors import write_errors_page

    gold = gold_split(Path(args.corpus), args.split)
    status = 0
    for file in args.files:
        submission, issues = read_submission(Path(file), gold)
        status = max(status, _report(issues))
        if submission is None:
            continue
        name = submission.metadata["name"]
        path, found = write_errors_page(name, args.split, gold, submission.predictions, Path(args.out))
        print(f"wrote {path}: {', '.join(f'{count} {kind}' for kind, count in found.items())}")
    return status


def cmd_event(args: argparse.Namespace) -> int:
    from saywho.viz.event import write_event_page
    from saywho.viz.lookup import built_documents, event_documents

    docs = event_documents(built_documents(Path(args.corpus)), args.event_id)
    print(f"wrote {write_event_page(args.event_id, docs, Path(args.out))} ({len(docs)} articles)")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from saywho.labelstudio.config import labeling_config

    print(labeling_config(), end="")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from saywho.corpus.sources import load_documents
    from saywho.labelstudio.server import connect, push

    docs, issues = load_documents([Path(p) for p in args.paths], policy=args.policy)
    if args.predictions:
        if errors(issues):
            return _report(issues)
        predicted = _pre_annotation(args.predictions, docs, Path(args.corpus))
        project = push(connect(), args.project, predicted, as_predictions=True, model_version=args.predictions)
        print(f"pushed {len(docs)} task(s) with {args.predictions!r} predictions to project {project.title!r} (id {project.id})")
        return 0
    second_docs, second_issues = load_documents([args.second]) if args.second.is_dir() else ([], [])
    if errors(issues + second_issues):
        return _report(issues + second_issues)
    second = {doc.doc_id: doc for doc in second_docs}
    project = push(connect(), args.project, docs, second=second)
    print(f"pushed {len(docs)} task(s), {len(second)} with a second annotation, to project {project.title!r} (id {project.id})")
    return 0


def _pre_annotation(system: str, docs: list, corpus: Path) -> list:
    """A baseline's predictions for the documents' texts (their annotation, if any, is not shown to it)."""
    from saywho.baselines.cache import training_data
    from saywho.baselines.registry import SYSTEMS, Parts
    from saywho.eval.run import predict_split

    if system in SYSTEMS and SYSTEMS[system].uses_gold_quotes:
        raise UsageError(f"{system!r} reads the gold quotes; pre-annotate with a system that finds them itself")
    predicted, _ = predict_split(Parts(training_data(corpus), {}), system, docs)
    return predicted


def cmd_pull(args: argparse.Namespace) -> int:
    from saywho.labelstudio.server import connect, pull

    path = pull(connect(), args.project, Path(args.corpus) / "raw")
    print(f"exported to {path}; checksum recorded in {path.parent / 'SHA256SUMS'}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="saywho", description=__doc__, epilog=EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)
    policy = dict(choices=POLICIES, default="ground-truth",
                  help="which annotation to take from a task with several: the one marked ground truth "
                       "(default; stop and ask for adjudication otherwise), or the latest one")

    p = sub.add_parser("validate", help="check Label Studio exports (.json) or authoring markup (.md)")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("--policy", **policy)
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("build", help="build corpus/data/<config>/<split>.jsonl and the dataset card")
    p.add_argument("--corpus", default="corpus", help="the corpus folder (default: corpus)")
    p.add_argument("--policy", **policy)
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("stats", help="print the statistics of the built corpus")
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--plots", metavar="DIR", help="also write PNG charts of the statistics into DIR (corpus/figures)")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("agreement", help="inter-annotator agreement of the doubly annotated documents in corpus/raw")
    p.add_argument("--corpus", default="corpus")
    p.set_defaults(run=cmd_agreement)

    p = sub.add_parser("predict", help="run a baseline on a split and write its predictions as a submission file")
    p.add_argument("--system", required=True, help="a registered system (saywho.baselines.registry.SYSTEMS)")
    p.add_argument("--split", default="test", choices=SPLITS)
    p.add_argument("--output", help="the predictions file (default: eval/predictions/SYSTEM.SPLIT.jsonl)")
    p.add_argument("--num-proc", type=int, help="worker processes for the datasets.map that predicts (default: one)")
    p.add_argument("--corpus", default="corpus")
    p.set_defaults(run=cmd_predict)

    p = sub.add_parser("validate-submission", help="check a submission file against a split")
    p.add_argument("file")
    p.add_argument("--split", default="test", choices=SPLITS)
    p.add_argument("--corpus", default="corpus")
    p.set_defaults(run=cmd_validate_submission)

    p = sub.add_parser("score", help="score a submission file on a split, with 95%% intervals")
    p.add_argument("file")
    p.add_argument("--split", default="test", choices=SPLITS)
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--json", help="also write the full score report (every metric, breakdowns, provenance) here")
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("leaderboard", help="the main job: build if needed, run every baseline, score, write the leaderboard")
    p.add_argument("--split", default="test", choices=("validation", "test"))
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--out", default="eval", help="where leaderboard.{md,json,html,png,tex} go (default: eval)")
    p.add_argument("--submissions", default="eval/submissions", help="folder of submission files to include")
    p.add_argument("--no-readmes", dest="readmes", action="store_false",
                   help="do not update the generated tables of README.md and baselines/README.md")
    p.set_defaults(run=cmd_leaderboard)

    pages = dict(default="eval/pages", help="the folder of pages (default: eval/pages; generated, not committed)")
    p = sub.add_parser("render", help="write an HTML page of an article (or of every article of a split) with its annotation")
    p.add_argument("doc_id", nargs="?", help="the document to draw")
    p.add_argument("--split", choices=SPLITS, help="draw every document of this split instead")
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--out", **pages)
    p.set_defaults(run=cmd_render)

    p = sub.add_parser("errors", help="write a page per system: its predictions beside the gold, every error marked")
    p.add_argument("files", nargs="+", help="predictions files in the submission format")
    p.add_argument("--split", default="test", choices=SPLITS)
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--out", **pages)
    p.set_defaults(run=cmd_errors)

    p = sub.add_parser("event", help="write a page of one event's articles side by side, shared statements aligned")
    p.add_argument("event_id")
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--out", **pages)
    p.set_defaults(run=cmd_event)

    p = sub.add_parser("config", help="print the Label Studio labeling config")
    p.set_defaults(run=cmd_config)

    p = sub.add_parser("push", help="send documents to a Label Studio project as tasks (token from LABEL_STUDIO_API_KEY)")
    p.add_argument("paths", nargs="*", default=["corpus/authoring"], help="markup files or exports (default: corpus/authoring)")
    p.add_argument("--project", default="SayWho", help="project title; created with the generated config if missing")
    p.add_argument("--predictions", metavar="SYSTEM",
                   help="pre-annotation: send the texts with this baseline's predictions instead of their annotation")
    p.add_argument("--corpus", default="corpus", help="the corpus a trained baseline learns from (default: corpus)")
    p.add_argument("--second", type=Path, default=Path("corpus/agreement"),
                   help="markup files of the independent second annotation, attached to the same tasks (default: corpus/agreement)")
    p.add_argument("--policy", **policy)
    p.set_defaults(run=cmd_push)

    p = sub.add_parser("pull", help="export a Label Studio project (full JSON) into corpus/raw")
    p.add_argument("--project", default="SayWho")
    p.add_argument("--corpus", default="corpus")
    p.set_defaults(run=cmd_pull)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SayWhoError as exc:
        return _report(exc.issues)
    except ServerError as exc:
        print(f"saywho {args.command}: Label Studio: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"saywho {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
