"""Narrative extraction throughput on one core: words per second, and the spaCy load time.

    PYTHONPATH=. python benchmarks/narrative_throughput.py [FILES...] [--repeat N]

Defaults to the text corpus in ../shared/corpus/text. Loading (reading and parsing the files)
is done before timing: only `extractors.narrative.extract` is timed.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

SHARED_TEXT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the documents")
    args = parser.parse_args()
    files = args.files or sorted(SHARED_TEXT.glob("*.txt"))
    if not files:
        raise SystemExit(f"no files given and none found in {SHARED_TEXT}")

    from pipeline.loaders import load_document
    docs = [load_document(path) for path in files]
    words = sum(len(re.findall(r"\S+", page.text)) for doc in docs for page in doc.pages)

    started = time.perf_counter()
    from extractors.narrative.language import pipeline
    _, build_seconds = pipeline()
    load_seconds = time.perf_counter() - started

    from extractors.narrative import extract
    extract(docs[0])  # warm caches (compiled patterns, lexeme lookups)
    started = time.perf_counter()
    facts = 0
    for _ in range(args.repeat):
        for doc in docs:
            facts += len(extract(doc).facts)
    seconds = time.perf_counter() - started
    total = words * args.repeat
    print(f"spaCy blank pipeline load: {load_seconds:.3f} s (import + build; build alone {build_seconds:.3f} s)")
    print(f"documents: {len(docs)}  words: {words}  passes: {args.repeat}")
    print(f"narrative facts per pass: {facts // args.repeat}")
    print(f"throughput: {total / seconds:,.0f} words/s on one core ({seconds:.2f} s for {total:,} words)")


if __name__ == "__main__":
    main()
