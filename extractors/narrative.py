"""Narrative extractor: typed claims from report prose (to be built: issue 3)."""
from __future__ import annotations

from pipeline.model import Document, Fact


def extract(doc: Document) -> list[Fact]:
    return []
