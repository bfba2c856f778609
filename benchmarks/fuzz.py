"""Fuzzing at scale: thousands of mutated reports through `recount ingest`, in batches.

Seeds are the made-up reports of tests/fuzz_inputs.py plus, when given, real files
(`--seeds DIR ...`, e.g. the sample reports and PDFs). Every batch runs the real CLI in a
child process with `--log-format json`, while a sampler records the resident memory of each
worker process. Reported per batch and in total:

- inputs, rows in documents.parquet, inputs without a row (must be 0);
- statuses; documents that hit the timeout;
- stderr lines that are not JSON, and tracebacks on stderr (both must be 0);
- peak worker RSS against the memory cap (`--max-memory`, the default setting).

    python benchmarks/fuzz.py [--inputs 2000] [--batches 10] [--jobs 2] [--seeds DIR ...]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psutil
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.model.settings import Settings  # noqa: E402
from tests.fuzz_inputs import make_mutants, seeds  # noqa: E402

SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


def seed_files(folders: list[str]) -> dict[str, bytes]:
    found = dict(seeds())
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.stat().st_size < 2_000_000:
                found[path.name] = path.read_bytes()
    return found


class Sampler(threading.Thread):
    """Peak RSS of the worker processes under a parent, sampled every 50 ms."""

    def __init__(self, parent: int):
        super().__init__(daemon=True)
        self.parent, self.peak, self.running = psutil.Process(parent), 0, True

    def run(self) -> None:
        while self.running:
            try:
                for child in self.parent.children(recursive=True):
                    self.peak = max(self.peak, child.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.05)


def run_batch(folder: Path, out: Path, jobs: int, timeout: float) -> dict:
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "-o", str(out),
                              "--jobs", str(jobs), "--timeout", str(timeout), "--log-format", "json"],
                             cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(child.pid)
    sampler.start()
    stderr = child.communicate()[1]
    sampler.running = False
    lines = stderr.splitlines()
    docs = pq.read_table(out / "documents.parquet").to_pylist() if (out / "documents.parquet").exists() else []
    names = {Path(d["path"]).name for d in docs}
    return {"inputs": sum(1 for _ in folder.iterdir()), "rows": len(docs),
            "missing": sum(1 for p in folder.iterdir() if p.name not in names),
            "statuses": Counter(d["status"] for d in docs), "exit": child.returncode,
            "not_json": sum(1 for line in lines if not is_json(line)),
            "tracebacks": stderr.count("Traceback"), "peak_worker_mb": sampler.peak / 2 ** 20,
            "seconds": time.monotonic() - started}


def is_json(line: str) -> bool:
    try:
        json.loads(line)
        return True
    except ValueError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=Settings.timeout_seconds)
    parser.add_argument("--seeds", nargs="*", default=[])
    args = parser.parse_args()
    sources, totals = seed_files(args.seeds), Counter()
    statuses: Counter = Counter()
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="recount-fuzz-") as tmp:
        per_batch = -(-args.inputs // args.batches)
        for batch in range(args.batches):
            folder = Path(tmp) / f"in-{batch}"
            make_mutants(folder, per_batch, seed=batch, sources=sources)
            result = run_batch(folder, Path(tmp) / f"out-{batch}", args.jobs, args.timeout)
            statuses.update(result["statuses"])
            peak = max(peak, result["peak_worker_mb"])
            for key in ("inputs", "rows", "missing", "not_json", "tracebacks"):
                totals[key] += result[key]
            print(f"batch {batch}: {result['inputs']} inputs, {result['rows']} rows, {result['missing']} missing, "
                  f"{result['not_json']} non-JSON stderr lines, {result['tracebacks']} tracebacks, "
                  f"peak worker {result['peak_worker_mb']:.0f} MB, {result['seconds']:.0f} s, exit {result['exit']}",
                  flush=True)
    print(f"total: {totals['inputs']} inputs from {len(sources)} seeds, {totals['rows']} rows, "
          f"{totals['missing']} without a row, {totals['not_json']} non-JSON stderr lines, "
          f"{totals['tracebacks']} tracebacks; peak worker RSS {peak:.0f} MB "
          f"(cap {Settings.max_memory_mb} MB of address space)")
    print("statuses:", dict(statuses.most_common()))


if __name__ == "__main__":
    main()
