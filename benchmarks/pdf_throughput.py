"""Pages per second: the whole recount pipeline vs pdfplumber's bare extract_text vs PDFium text.

The three run over the same pages, interleaved file by file (so machine noise hits all
three alike), for several repetitions; the figures are medians over repetitions. Peak memory
is measured per method in a fresh child process (ru_maxrss), since one process's peak hides
which method caused it.

    python benchmarks/pdf_throughput.py [FOLDER ...] [--reps 3] [--limit N]

Default folders: ../shared/corpus/pdf and ../shared/corpus/real-pdfs next to the repository.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT / ".." / "shared" / "corpus"


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


METHODS: dict[str, Callable[[Path], None]] = {
    "recount pipeline": pipeline_run, "pdfplumber extract_text": pdfplumber_run, "pypdfium2 text": pdfium_run}


def readable_pdfs(folders: list[Path], limit: int | None) -> list[tuple[Path, int]]:
    """PDFs that open without a password, with their page counts."""
    import pypdfium2 as pdfium
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.pdf")):
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            continue
        found.append((path, len(pdf)))
        pdf.close()
    return found[:limit] if limit else found


def timed(method: Callable[[Path], None], path: Path) -> float:
    started = time.perf_counter()
    try:
        method(path)
    except Exception as err:  # a library's failure on a hard file still costs its time
        logging.debug("%s failed on %s: %s", method.__name__, path, err)
    return time.perf_counter() - started


def one_repetition(files: list[tuple[Path, int]]) -> dict[str, float]:
    seconds = dict.fromkeys(METHODS, 0.0)
    for path, _pages in files:
        for name, method in METHODS.items():
            seconds[name] += timed(method, path)
    return seconds


def _peak_child(name: str, files: list[tuple[Path, int]], queue) -> None:
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    for path, _ in files:
        timed(METHODS[name], path)
    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def peak_memory_mb(name: str, files: list[tuple[Path, int]]) -> float:
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_peak_child, args=(name, files, queue))
    child.start()
    peak = queue.get()
    child.join()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[SHARED / "pdf", SHARED / "real-pdfs"])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    files = readable_pdfs(args.folders, args.limit)
    pages = sum(n for _, n in files)
    print(f"{len(files)} PDFs, {pages} pages, {args.reps} repetitions (interleaved per file)")
    reps = [one_repetition(files) for _ in range(args.reps)]
    rates = {name: statistics.median(pages / r[name] for r in reps) for name in METHODS}
    for name, rate in rates.items():
        print(f"{name:<26} {rate:8.1f} pages/s  (median; per rep: "
              f"{', '.join(f'{pages / r[name]:.1f}' for r in reps)})")
    plumber, pdfium = rates["pdfplumber extract_text"], rates["pypdfium2 text"]
    print(f"pipeline / pdfplumber extract_text = {rates['recount pipeline'] / plumber:.2f}x")
    print(f"pipeline / pypdfium2 text          = {rates['recount pipeline'] / pdfium:.3f}x")
    if not args.no_memory:
        for name in METHODS:
            print(f"peak memory {name:<26} {peak_memory_mb(name, files):8.0f} MB (child process ru_maxrss)")


if __name__ == "__main__":
    main()
