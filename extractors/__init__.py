"""Extractors: each takes a Document and returns Facts. Add one here to have it run."""
from __future__ import annotations

from typing import Callable

from pipeline.model import Document, Fact

Extractor = Callable[[Document], list[Fact]]


def _registry() -> dict[str, Extractor]:
    from extractors import kpi_table, narrative, spend_table
    return {"kpi_table": kpi_table.extract, "spend_table": spend_table.extract,
            "narrative": narrative.extract}


def extract_facts(doc: Document, only: list[str] | None = None) -> list[Fact]:
    """Run every extractor (or the named ones) over a document, in registry order."""
    registry = _registry()
    unknown = set(only or []) - set(registry)
    if unknown:
        raise ValueError(f"unknown extractor(s) {sorted(unknown)}; available: {sorted(registry)}")
    facts: list[Fact] = []
    for name, extract in registry.items():
        if only is None or name in only:
            facts += extract(doc)
    return facts
