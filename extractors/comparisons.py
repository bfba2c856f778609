"""The comparison step: every stated change's `compared_to`, what its own words say it is
measured against (the baseline, the same period last year, the previous period, the previous
year), read from the clause around its number.

Applied to every extractor's output in `extract_facts` (after the measure keys), so the rules
read a field rather than the sentence again; a scope an extractor set itself is kept. The
words are extractors/lexicon/comparisons.py; the clause is pipeline/model/clauses.py, the one
a flag's snippet is cut from.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.lexicon.comparisons import COMPARISONS
from pipeline.model import Document, Extraction, Fact
from pipeline.model.clauses import clause_in, sentence_at, sentence_ends
from pipeline.model.vocab import ComparedTo

SCOPES: tuple[tuple[ComparedTo, re.Pattern[str]], ...] = tuple(
    (scope, re.compile(words, re.I)) for scope, words in COMPARISONS)  # type: ignore[misc]


def compared_to(clause: str) -> ComparedTo:
    """The first scope the clause's words state, else ''."""
    return next((scope for scope, words in SCOPES if words.search(clause)), "")


def fact_clause(fact: Fact, text: str | None, ends: list[int]) -> str:
    """The clause around the fact's number in its page text (its snippet when the span does
    not point into the page)."""
    if text is None or not (0 <= fact.char_start < fact.char_end <= len(text)):
        return fact.text
    sentence, offset = sentence_at(text, ends, fact.char_start, fact.char_end)
    return clause_in(sentence, offset, fact.char_end - fact.char_start)


def compare(doc: Document, extraction: Extraction) -> Extraction:
    """The extraction with every change fact's comparison scope filled in."""
    pages = {p.number: p.text for p in doc.pages}
    ends: dict[int, list[int]] = {}
    facts = []
    for fact in extraction.facts:
        if fact.kind == "change" and not fact.compared_to:
            text = pages.get(fact.page)
            if text is not None and fact.page not in ends:  # once per page, not per fact
                ends[fact.page] = sentence_ends(text)
            fact = replace(fact, compared_to=compared_to(fact_clause(fact, text, ends.get(fact.page, []))))
        facts.append(fact)
    return Extraction(tuple(facts), extraction.skipped)
