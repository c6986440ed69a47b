"""Throughput and memory of the baselines.

Part 1 (default): documents per second of every registered system on the corpus's validation and test documents,
and the peak memory of the process, with the direct-quotes extractor as the reference in the same run.

Part 2 (--stream N): a generated collection of N documents (corpus documents replicated under new ids, written to
a temporary JSONL file) predicted as a streamed `datasets` map and written out row by row; peak memory is printed
after 10% and after 100% of the collection, so flat memory shows as two equal numbers. Each part runs in a fresh
process so that its peak memory is its own.

    .venv/bin/python bench/bench_predict.py
    .venv/bin/python bench/bench_predict.py --stream 100000 --system rules
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(names: list[str]) -> None:
    from saywho.baselines.base import unannotated
    from saywho.baselines.cache import training_data
    from saywho.baselines.registry import Parts, build_system
    from saywho.corpus.stats import load_built

    corpus = ROOT / "corpus"
    by_split = load_built(corpus, splits=("validation", "test"))
    docs = [unannotated(d) for split in by_split.values() for d in split]
    gold = {d.doc_id: d for split in by_split.values() for d in split}
    parts = Parts(training_data(corpus), gold)
    print(f"{len(docs)} documents (validation + test), {sum(len(d.text) for d in docs):,} characters\n")
    print("| system | documents/s | vs direct-quotes | peak memory so far (MiB) |")
    print("|---|---|---|---|")
    reference = None
    for name in names:
        system = build_system(name, parts)
        system.predict(docs[0])  # warm caches (lexicons, compiled patterns) outside the timing
        began = time.perf_counter()
        for doc in docs:
            system.predict(doc)
        rate = len(docs) / (time.perf_counter() - began)
        reference = reference or rate
        print(f"| {name} | {rate:,.0f} | {rate / reference:.2f}× | {peak_mib():,.0f} |", flush=True)


def stream(count: int, name: str) -> None:
    import datasets

    from saywho.baselines.cache import training_data
    from saywho.baselines.predict import predict_stream
    from saywho.baselines.registry import Parts, build_system
    from saywho.corpus.stats import load_built
    from saywho.document import document_to_json

    corpus = ROOT / "corpus"
    source = [d for split in load_built(corpus).values() for d in split]
    system = build_system(name, Parts(training_data(corpus), {}))
    with tempfile.TemporaryDirectory() as folder:
        collection = Path(folder) / "collection.jsonl"
        with collection.open("w", encoding="utf-8") as out:
            for index in range(count):
                row = document_to_json(source[index % len(source)])
                row.update(doc_id=f"gen-{index:07d}", entities=[], attribution=[], relations=[])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"generated {count:,} documents ({collection.stat().st_size / 2**20:,.0f} MiB); "
              f"peak memory before predicting: {peak_mib():,.0f} MiB", flush=True)
        dataset = datasets.load_dataset("json", data_files=str(collection), split="train", streaming=True)
        began = time.perf_counter()
        with (Path(folder) / "predictions.jsonl").open("w", encoding="utf-8") as out:
            for index, row in enumerate(predict_stream(system, dataset), 1):
                out.write(json.dumps({"doc_id": row["doc_id"], **{k: row[k] for k in ("entities", "attribution", "relations")}}) + "\n")
                if index in (count // 10, count):
                    elapsed = time.perf_counter() - began
                    print(f"{index:>9,} documents  {index / elapsed:,.0f} documents/s  peak memory {peak_mib():,.0f} MiB",
                          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stream", type=int, help="predict a generated collection of this many documents, streamed")
    parser.add_argument("--system", default="rules", help="the system for --stream (default: rules)")
    parser.add_argument("--child", choices=("throughput", "stream"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "throughput":
        from saywho.baselines.registry import SYSTEMS

        names = ["direct-quotes"] + [n for n in SYSTEMS if n != "direct-quotes"]
        throughput(names)
    elif args.child == "stream":
        stream(args.stream, args.system)
    else:
        child = ["--child", "stream", "--stream", str(args.stream), "--system", args.system] if args.stream else ["--child", "throughput"]
        subprocess.run([sys.executable, __file__, *child], check=True)


if __name__ == "__main__":
    main()
