"""spend_table extractor (in progress)."""
from __future__ import annotations

from pipeline.model import Document, Fact


def extract(doc: Document) -> list[Fact]:
    return []
