"""Batch throughput, peak memory and incremental re-run time on a replicated corpus.

Replicates raw/*.txt to --docs documents (each copy gets a unique last line, so every
copy has its own content hash and is really processed), then for 1, 2 and N jobs runs a
full `ingest` into a fresh folder in a child process, sampling the resident memory of
that process and its workers. Then times a re-run with nothing changed, and compares the
parent's peak memory at a quarter of the documents with the full corpus (it should not
grow with the number of documents).

    python benchmarks/batch_scale.py [--docs 1000] [--jobs 1 2 4] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time, resource
from pipeline.batch.ingest import ingest
started = time.perf_counter()
summary = ingest([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), force=sys.argv[4] == "force")
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "processed": len(summary.results), "skipped": summary.skipped,
                  "failed": len(summary.failed),
                  "cpu_seconds": sum(getattr(resource.getrusage(who), f) for who in
                                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                                     for f in ("ru_utime", "ru_stime")),
                  "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_corpus(folder: Path, count: int) -> int:
    """Copies of raw/*.txt, each with a unique line; returns the total page count."""
    sources = sorted((REPO / "raw").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    pages = 0
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8") + f"\nBenchmark copy {number}.\n"
        (folder / f"{source.stem}-{number:05d}.txt").write_text(text, encoding="utf-8")
        pages += text.count("\f") + 1
    return pages


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def run(corpus: Path, out: Path, jobs: int, force: bool = False) -> dict:
    """One ingest in a child process; peak memory of it and its workers sampled every 20 ms."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(out), str(jobs),
                              "force" if force else "-"], cwd=REPO, stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    peak, watched = [0], psutil.Process(child.pid)

    def sample() -> None:
        while child.poll() is None:
            try:
                peak[0] = max(peak[0], tree_rss(watched))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = child.communicate()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"ingest failed (exit {child.returncode})")
    return {**json.loads(stdout.decode().strip().splitlines()[-1]), "tree_peak_mb": peak[0] / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="*", default=None)
    parser.add_argument("--keep", type=Path, default=None, help="Work here and keep the outputs.")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    jobs_list = args.jobs or sorted({1, 2, cores})
    work = args.keep or Path(tempfile.mkdtemp(prefix="recount-bench-"))
    pages = make_corpus(work / "corpus", args.docs)
    small_pages = make_corpus(work / "corpus-quarter", args.docs // 4)
    print(f"corpus: {args.docs} documents, {pages} pages, from {len(list((REPO / 'raw').glob('*.txt')))}"
          f" files in raw/; {cores} cores")
    print("cpu-s: CPU seconds of the run and its workers; load: 1-minute load average before the run\n"
          f"{'jobs':>4} {'seconds':>8} {'docs/s':>8} {'pages/s':>8} {'cpu-s':>6} {'load':>5}"
          f" {'tree peak MB':>13} {'parent peak MB':>15}")
    full = {}
    for jobs in jobs_list:
        load = os.getloadavg()[0]
        full[jobs] = result = run(work / "corpus", work / f"out-{jobs}", jobs)
        print(f"{jobs:>4} {result['seconds']:>8.2f} {args.docs / result['seconds']:>8.1f} "
              f"{pages / result['seconds']:>8.1f} {result['cpu_seconds']:>6.1f} {load:>5.2f}"
              f" {result['tree_peak_mb']:>13.0f} {result['parent_peak_mb']:>15.0f}")
    last = jobs_list[-1]
    again = run(work / "corpus", work / f"out-{last}", last)
    print(f"unchanged re-run ({last} jobs): {again['seconds']:.2f}s, skipped {again['skipped']}, "
          f"processed {again['processed']} = {100 * again['seconds'] / full[last]['seconds']:.1f}% of the full run")
    quarter = run(work / "corpus-quarter", work / "out-quarter", last)
    print(f"parent peak memory, {last} jobs: {quarter['parent_peak_mb']:.0f} MB at {args.docs // 4} documents "
          f"({small_pages} pages), {full[last]['parent_peak_mb']:.0f} MB at {args.docs}")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
