"""The saywho command line. Every command prints coded issues, never a traceback, and exits non-zero on errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saywho.issues import Issue, SayWhoError, errors

EXAMPLES = """\
examples:
  saywho build                                   build corpus/data and the dataset card from corpus/raw
  saywho validate corpus/raw                     check the committed Label Studio export(s)
  saywho validate corpus/authoring/some-event    check authoring markup files
  LABEL_STUDIO_URL=http://127.0.0.1:8080 LABEL_STUDIO_API_KEY=... saywho push --project SayWho
  LABEL_STUDIO_URL=... LABEL_STUDIO_API_KEY=... saywho pull --project SayWho
  saywho stats                                   print the corpus statistics
  saywho agreement                               agreement of the second annotation with the gold
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

    _, issues = load_documents([Path(p) for p in args.paths], policy=args.policy)
    status = _report(issues)
    if status == 0:
        print(f"ok: {', '.join(args.paths)}")
    return status


def cmd_build(args: argparse.Namespace) -> int:
    from saywho.corpus.build import build

    summary = build(Path(args.corpus), policy=args.policy)
    _report(summary.issues)
    print(summary.describe())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from saywho.corpus.stats import corpus_stats, load_built

    print(corpus_stats(load_built(Path(args.corpus))).to_markdown())
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from saywho.corpus.build import agreement_block

    print(agreement_block(Path(args.corpus) / "raw"), end="")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from saywho.labelstudio.config import labeling_config

    print(labeling_config(), end="")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from saywho.corpus.sources import load_documents
    from saywho.labelstudio.server import connect, push

    docs, issues = load_documents([Path(p) for p in args.paths], policy=args.policy)
    second_docs, second_issues = load_documents([args.second]) if args.second.is_dir() else ([], [])
    if errors(issues + second_issues):
        return _report(issues + second_issues)
    second = {doc.doc_id: doc for doc in second_docs}
    project = push(connect(), args.project, docs, as_predictions=args.as_predictions, second=second)
    print(f"pushed {len(docs)} task(s), {len(second)} with a second annotation, to project {project.title!r} (id {project.id})")
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from saywho.labelstudio.server import connect, pull

    path = pull(connect(), args.project, Path(args.corpus) / "raw")
    print(f"exported to {path}; checksum recorded in {path.parent / 'SHA256SUMS'}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="saywho", description=__doc__, epilog=EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)
    policy = dict(choices=("ground-truth", "latest"), default="ground-truth",
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
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("agreement", help="inter-annotator agreement of the doubly annotated documents in corpus/raw")
    p.add_argument("--corpus", default="corpus")
    p.set_defaults(run=cmd_agreement)

    p = sub.add_parser("config", help="print the Label Studio labeling config")
    p.set_defaults(run=cmd_config)

    p = sub.add_parser("push", help="send documents to a Label Studio project as tasks (token from LABEL_STUDIO_API_KEY)")
    p.add_argument("paths", nargs="*", default=["corpus/authoring"], help="markup files or exports (default: corpus/authoring)")
    p.add_argument("--project", default="SayWho", help="project title; created with the generated config if missing")
    p.add_argument("--as-predictions", action="store_true", help="send the annotation as predictions (pre-annotation)")
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
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    from saywho.labelstudio.server import ServerError

    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SayWhoError as exc:
        return _report(exc.issues)
    except (ServerError, ApiError, httpx.HTTPError) as exc:
        print(f"saywho {args.command}: Label Studio: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
