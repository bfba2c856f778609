"""Pages per second: the whole recount pipeline vs pdfplumber's bare extract_text vs PDFium text.

The three run over the same pages, interleaved file by file (so machine noise hits all
three alike), for several repetitions; the figures are medians over repetitions. Also
printed: the share of pages the pipeline sent to camelot and to pdfplumber (counted at the
libraries' entry points, in shared memory so calls made in a forked child count too), and
peak memory per method in a fresh child process (ru_maxrss of the process and, separately,
of the children it forked).

    python benchmarks/pdf_throughput.py [FOLDER ...] [--reps 3] [--sample-every 4] [--baseline CHECKOUT]
                                        [--without-finders]

Default: ../shared/corpus/pdf and more-pdf whole, and every 4th file of real-pdfs (sorted by
path, so the sample is fixed). `--baseline` times another checkout's pipeline (an older
commit, e.g. from `git worktree add` or `git archive`) in the same interleaved run, in a
child process that imports that checkout instead of this one: before and after, side by side.
`--without-finders` also times the pipeline with camelot and pdfplumber never called: the
most that taking them off their pages could gain (their tables are lost there).

Each method runs in a long-lived process of its own (as a batch worker runs the pipeline,
warmed up first), so no method's leftovers (pdfplumber's caches, the pipeline's imports)
weigh on another's memory or garbage collections; the parent only times the round trips.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(os.environ.get("RECOUNT_BENCH_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(ROOT))
SHARED = ROOT / ".." / "shared" / "corpus"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/corpus")

CALLS = {"camelot": multiprocessing.Value("l", 0), "pdfplumber": multiprocessing.Value("l", 0)}


def pipeline_run(path: Path) -> None:
    from pipeline.process import process_document
    process_document(path)


def pdfplumber_run(path: Path) -> None:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdfium_run(path: Path) -> None:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


PIPELINE, PLUMBER = "recount pipeline", "pdfplumber extract_text"
METHODS: dict[str, Callable[[Path], None]] = {
    PIPELINE: pipeline_run, PLUMBER: pdfplumber_run, "pypdfium2 text": pdfium_run}
BASELINE = "recount baseline"
NO_FINDERS = "recount, no finders"  # --without-finders: the pipeline's pace were camelot's pages free


def switch_finders_off() -> None:
    """The pipeline with camelot and pdfplumber never called: every page's tables are what
    recount's own readers find. Not a way to run it (tables are lost); the bound on what
    taking the finders off their pages could gain, without doing their work some other way."""
    from pipeline.loaders import pdf
    pdf.run_finders = lambda data, jobs, deadline, limit: ({}, [])


class Server:
    """A method in a child process of its own (this script with `--serve METHOD`, importing
    `checkout`): it is sent a path, runs the method on it and answers; asked for `calls`, it
    answers with its camelot and pdfplumber page counts (`reset` zeroes them)."""

    def __init__(self, method: str, checkout: Path = ROOT):
        env = {**os.environ, "RECOUNT_BENCH_ROOT": str(checkout.resolve())}
        self.child = subprocess.Popen([sys.executable, __file__, "--serve", method], env=env, text=True,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.__name__ = method

    def ask(self, line: str) -> str:
        assert self.child.stdin and self.child.stdout
        self.child.stdin.write(line + "\n")
        self.child.stdin.flush()
        return self.child.stdout.readline().strip()

    def __call__(self, path: Path) -> None:  # timed from the parent: the pipe's cost is tiny
        self.ask(str(path))

    def calls(self) -> tuple[int, int]:
        camelot, plumber = self.ask("calls").split()
        return int(camelot), int(plumber)

    def close(self) -> None:
        assert self.child.stdin
        self.child.stdin.close()
        self.child.wait()


def serve(method: str) -> None:
    """The `--serve` child's loop (see Server)."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    if method in (PIPELINE, NO_FINDERS):
        count_finder_pages()
        warm_up()
    if method == NO_FINDERS:
        switch_finders_off()
        method = PIPELINE
    for line in sys.stdin:
        if line.strip() in ("calls", "reset"):
            if line.strip() == "reset":
                CALLS["camelot"].value = CALLS["pdfplumber"].value = 0
            print(CALLS["camelot"].value, CALLS["pdfplumber"].value, flush=True)
            continue
        timed(METHODS[method], Path(line.strip()))
        print("done", flush=True)


def warm_up() -> None:
    from pipeline.batch.tasks import warm_up
    warm_up()


def count_finder_pages() -> None:
    """Wrap camelot's parsers' `extract_tables` (one call per page, whether `read_pdf` or
    recount drives the parser) and the pipeline's pdfplumber fallback (one call per page,
    whether it parses the page again, as before, or reads PDFium's rules) to count the pages
    each is asked for."""
    from camelot.parsers.base import BaseParser
    from pipeline.loaders import pdf_finders
    extract, plumber = BaseParser.extract_tables, pdf_finders.pdfplumber_tables

    def counted_extract(parser):
        _add("camelot", 1)
        return extract(parser)

    def counted_plumber(*args, **kwargs):
        _add("pdfplumber", 1)
        return plumber(*args, **kwargs)

    BaseParser.extract_tables, pdf_finders.pdfplumber_tables = counted_extract, counted_plumber  # type: ignore[method-assign]


def _add(name: str, pages: int) -> None:
    with CALLS[name].get_lock():
        CALLS[name].value += pages


def sample(folders: list[Path], every: int) -> list[Path]:
    """Every PDF of the given folders; of a folder named real-pdfs, every `every`-th."""
    chosen = []
    for folder in folders:
        paths = sorted(folder.rglob("*.pdf"))
        chosen += paths[::every] if folder.name == "real-pdfs" else paths
    return chosen


def readable_pdfs(paths: list[Path]) -> list[tuple[Path, int]]:
    """PDFs that open without a password, with their page counts."""
    import pypdfium2 as pdfium
    found = []
    for path in paths:
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            continue
        found.append((path, len(pdf)))
        pdf.close()
    return found


def timed(method: Callable[[Path], None], path: Path) -> float:
    started = time.perf_counter()
    try:
        method(path)
    except Exception as err:  # a library's failure on a hard file still costs its time
        logging.debug("%s failed on %s: %s", method.__name__, path, err)
    return time.perf_counter() - started


def one_repetition(files: list[tuple[Path, int]], methods: dict[str, Server]
                   ) -> tuple[dict[str, list[float]], list[int]]:
    """Each method's seconds on each file, and how many of each file's pages the pipeline sent
    to camelot."""
    seconds: dict[str, list[float]] = {name: [] for name in methods}
    camelot = []
    for path, _pages in files:
        for name, method in methods.items():
            before = method.calls()[0] if name == PIPELINE else 0
            seconds[name].append(timed(method, path))
            if name == PIPELINE:
                camelot.append(method.calls()[0] - before)
    return seconds, camelot


def _peak_child(name: str, files: list[tuple[Path, int]], queue) -> None:
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    for path, _ in files:
        timed(METHODS[name], path)
    from pipeline.loaders.bounded import stop_worker
    stop_worker()  # the finders' kept child, reaped, so that its peak counts
    queue.put((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))


def peak_memory_mb(name: str, files: list[tuple[Path, int]]) -> tuple[float, float]:
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_peak_child, args=(name, files, queue))
    child.start()
    peak = queue.get()
    child.join()
    return peak


def report(files: list[tuple[Path, int]], timings: list[tuple[dict[str, list[float]], list[int]]],
           servers: dict[str, Server]) -> None:
    reps = [{name: sum(seconds) for name, seconds in rep.items()} for rep, _ in timings]
    pages = sum(n for _, n in files)
    rates = {name: statistics.median(pages / r[name] for r in reps) for name in reps[0]}
    for name, rate in rates.items():
        print(f"{name:<26} {rate:8.1f} pages/s  (median; per rep: "
              f"{', '.join(f'{pages / r[name]:.1f}' for r in reps)})")
    plumber, pdfium = rates[PLUMBER], rates["pypdfium2 text"]
    counts = {name: servers[name].calls() for name in (PIPELINE, BASELINE, NO_FINDERS) if name in servers}
    for name, (camelot, plumber_pages) in counts.items():
        print(f"{name} / pdfplumber extract_text = {rates[name] / plumber:.2f}x, / pypdfium2 text = "
              f"{rates[name] / pdfium:.3f}x; pages sent to camelot {camelot / len(reps) / pages:.1%}, "
              f"to pdfplumber {plumber_pages / len(reps) / pages:.1%} (of {pages} per repetition)")
    split_report(files, timings)


def split_report(files: list[tuple[Path, int]], timings: list[tuple[dict[str, list[float]], list[int]]]) -> None:
    """The pipeline against pdfplumber on the files none of whose pages went to camelot, and
    on the rest: where the time goes between the two kinds of document."""
    sent = timings[0][1]
    groups = {"no page to camelot": [i for i, n in enumerate(sent) if n == 0],
              "a page to camelot": [i for i, n in enumerate(sent) if n > 0]}
    for label, chosen in groups.items():
        pages = sum(files[i][1] for i in chosen)
        if not pages:
            continue
        rate = {name: statistics.median(pages / sum(rep[name][i] for i in chosen) for rep, _ in timings)
                for name in (PIPELINE, PLUMBER)}
        print(f"PDFs with {label}: {len(chosen)} PDFs, {pages} pages: recount pipeline {rate[PIPELINE]:.1f} "
              f"pages/s, pdfplumber {rate[PLUMBER]:.1f} pages/s = {rate[PIPELINE] / rate[PLUMBER]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[SHARED / "pdf", SHARED / "more-pdf", SHARED / "real-pdfs"])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sample-every", type=int, default=4, help="every Nth file of real-pdfs")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout to time side by side")
    parser.add_argument("--without-finders", action="store_true",
                        help="also time the pipeline with camelot and pdfplumber switched off (a bound, not a mode)")
    parser.add_argument("--serve", choices=[*METHODS, NO_FINDERS], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    files = readable_pdfs(sample(args.folders, args.sample_every))
    print(f"{len(files)} PDFs, {sum(n for _, n in files)} pages, {args.reps} repetitions (interleaved per file)")
    servers = {name: Server(name) for name in METHODS}
    if args.baseline:
        servers[BASELINE] = Server(PIPELINE, args.baseline)
    if args.without_finders:
        servers[NO_FINDERS] = Server(NO_FINDERS)
    for path, _ in files[:1]:  # imports and caches warmed before any timing
        for server in servers.values():
            timed(server, path)
    for name in (PIPELINE, BASELINE, NO_FINDERS):  # the warm-up's calls are not counted
        if name in servers:
            servers[name].ask("reset")
    report(files, [one_repetition(files, servers) for _ in range(args.reps)], servers)
    for server in servers.values():
        server.close()
    if not args.no_memory:
        for name in METHODS:
            own, children = peak_memory_mb(name, files)
            print(f"peak memory {name:<26} {own:6.0f} MB (process), {children:6.0f} MB (its forked children)")


if __name__ == "__main__":
    main()
