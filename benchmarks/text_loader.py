"""Text loader time per document (markup, tab runs and the plain-text table finders), and on
the hard inputs that were super-linear before (unclosed and deeply nested HTML tables).

    PYTHONPATH=. python benchmarks/text_loader.py [FILES...] [--repeat N]

Defaults to the text corpora in ../shared/corpus (text, more-text) and the text and HTML
files of ../shared/corpus/hard-inputs. Decoding is done before timing: only `text_pages`
(markup to clean text, then every table finder) is timed. Prints one line per file set.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.loaders.text import decode, text_pages

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def time_files(paths: list[Path], repeat: int) -> tuple[float, int, int]:
    """(seconds per pass, pages, tables) over the files."""
    texts = [decode(p.read_bytes()) for p in paths]
    pages = tables = 0
    start = time.perf_counter()
    for _ in range(repeat):
        pages = tables = 0
        for text in texts:
            found_pages, found_tables = text_pages("bench", text)
            pages, tables = pages + len(found_pages), tables + len(found_tables)
    return (time.perf_counter() - start) / repeat, pages, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sets = {"given": args.files} if args.files else {
        "text + more-text": sorted((SHARED / "text").glob("*.txt")) + sorted((SHARED / "more-text").glob("*.txt")),
        **{p.name: [p] for p in sorted((SHARED / "hard-inputs").glob("*")) if p.suffix in (".txt", ".html")}}
    for name, paths in sets.items():
        seconds, pages, tables = time_files(paths, args.repeat if len(paths) > 1 else 1)
        print(f"{name}: {len(paths)} files, {pages} pages, {tables} tables, "
              f"{seconds * 1000:.0f} ms ({seconds * 1000 / max(len(paths), 1):.1f} ms per file)")


if __name__ == "__main__":
    main()
