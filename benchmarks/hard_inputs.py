"""The hard inputs (`corpus/hard-inputs`, see HARD-INPUTS.md) in one batch with the sample
reports, at the default limits: each file's status, reason and seconds, and whether the
sample reports lost any row compared with a run of the samples alone.

    python benchmarks/hard_inputs.py [--corpus ../shared/corpus] [--jobs 2] [--timeout 300]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]


def ingest(inputs: list[Path], out: Path, jobs: int, timeout: float) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", *map(str, inputs), "-o", str(out),
                    "--jobs", str(jobs), "--timeout", str(timeout), "--quiet"], cwd=REPO,
                   env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def rows_per_document(out: Path) -> dict[str, Counter]:
    """Rows of each table per document, by file name."""
    names = {d["doc_id"]: d["file_name"] for d in pq.read_table(out / "documents.parquet").to_pylist()}
    counts: dict[str, Counter] = {}
    for table in ("pages", "tables", "facts"):
        for doc_id in pq.read_table(out / f"{table}.parquet", columns=["doc_id"])["doc_id"].to_pylist():
            counts.setdefault(names.get(doc_id, doc_id), Counter())[table] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    samples = [corpus / "text", corpus / "pdf"]
    with tempfile.TemporaryDirectory(prefix="recount-hard-") as tmp:
        alone = ingest(samples, Path(tmp) / "samples", args.jobs, args.timeout)
        together = ingest([corpus / "hard-inputs", *samples], Path(tmp) / "all", args.jobs, args.timeout)
        docs = pq.read_table(Path(tmp) / "all" / "documents.parquet").to_pylist()
        for doc in sorted((d for d in docs if "hard-inputs" in d["path"]), key=lambda d: d["file_name"]):
            print(f"{doc['file_name']:<32} {doc['status']:<10} {doc['seconds'] or 0:7.1f} s  "
                  f"{(doc['reason'] or '')[:90]}")
        before, after = rows_per_document(Path(tmp) / "samples"), rows_per_document(Path(tmp) / "all")
        lost = {name: before[name] - after.get(name, Counter()) for name in before}
        lost = {name: dict(c) for name, c in lost.items() if c}
        print(f"samples alone {alone:.0f} s, with the hard inputs {together:.0f} s; "
              f"sample documents {len(before)}, sample rows lost: {lost or 'none'}")


if __name__ == "__main__":
    main()
