"""Extractors: each takes a Document and returns Facts. Add one here to have it run."""
from __future__ import annotations

from typing import Callable

from extractors import kpi_table, narrative, spend_table
from pipeline.model import Document, Fact

Extractor = Callable[[Document], list[Fact]]

EXTRACTORS: dict[str, Extractor] = {
    "kpi_table": kpi_table.extract,
    "spend_table": spend_table.extract,
    "narrative": narrative.extract,
}


def registry() -> dict[str, Extractor]:
    """The extractors, in the order they run."""
    return EXTRACTORS


def extract_facts(doc: Document, only: list[str] | None = None) -> list[Fact]:
    """Run every extractor (or the named ones) over a document, in registry order."""
    unknown = set(only or []) - set(EXTRACTORS)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; available: {sorted(EXTRACTORS)}")
    facts: list[Fact] = []
    for name, extract in EXTRACTORS.items():
        if only is None or name in only:
            facts += extract(doc)
    return facts
