"""Extractors: each takes a Document and the facts of the extractors before it, and returns an
Extraction (facts, and the numbers it skipped with a reason). Add one here to have it run."""
from __future__ import annotations

from typing import Callable

from extractors import narrative, tables
from extractors.cell_ledger import with_cell_ledger
from extractors.comparisons import compare
from extractors.measures import normalise
from extractors.precision import with_precision
from pipeline.model import Document, Extraction, Fact

Extractor = Callable[[Document, tuple[Fact, ...]], Extraction]


def _tables(doc: Document, earlier: tuple[Fact, ...]) -> Extraction:
    return tables.extract(doc)


EXTRACTORS: dict[str, Extractor] = {
    "tables": _tables,
    "narrative": narrative.extract,  # takes the table facts: prose restating a cell takes its typing
}


def registry() -> dict[str, Extractor]:
    """The extractors, in the order they run."""
    return EXTRACTORS


def extract_facts(doc: Document, only: list[str] | None = None) -> Extraction:
    """Run every extractor (or the named ones) over a document, in registry order, then the
    normalise step (every fact's measure key), the precision step (every fact's printed
    precision), the comparison step (every change's scope) and the cell ledger (every number
    of a table cell that no fact or skip accounts for)."""
    unknown = set(only or []) - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; available: {sorted(EXTRACTORS)}")
    result = Extraction()
    for name, extract in EXTRACTORS.items():
        if only is None or name in only:
            result += extract(doc, result.facts)
    return with_cell_ledger(doc, compare(doc, with_precision(doc, normalise(result))))
