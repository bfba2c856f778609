"""Reconciliation rules (the engine is issue 4)."""
from __future__ import annotations

from pipeline.model import Document, Fact, Flag


def check_document(doc: Document, facts: list[Fact]) -> list[Flag]:
    return []


def check_corpus(facts: list[Fact]) -> list[Flag]:
    return []
