"""The precision step: every fact's `precision`, one unit of the last digit the report printed
for it (81.0% -> 0.1; a £000s cell's 11 -> 1,000), read from its span in the page text.

Applied to every extractor's output in `extract_facts`, so the rules' rounding intervals come
from a field and never from re-reading the page; a float has lost its trailing zeros, so this
is the one moment the printed digits are at hand. A precision an extractor set is kept.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.model import Document, Extraction, Fact
from pipeline.model.precision import printed_step


def span_of(fact: Fact, pages: dict[int, str]) -> str | None:
    text = pages.get(fact.page)
    return text[fact.char_start:fact.char_end] if text is not None else None


def with_precision(doc: Document, extraction: Extraction) -> Extraction:
    """The extraction with every fact's printed precision filled in."""
    pages = {p.number: p.text for p in doc.pages}
    facts = tuple(f if f.precision is not None else replace(f, precision=printed_step(f, span_of(f, pages)))
                  for f in extraction.facts)
    return Extraction(facts, extraction.skipped)
