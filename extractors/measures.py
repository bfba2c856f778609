"""The normalise step: every fact's `measure`, the key that finds one quantity stated in a
key-facts block, a table, a commentary and the prose.

Applied to every extractor's output in `extract_facts`, so no extractor has to remember it,
and a measure an extractor set itself (it knew better) is kept. The words come from
extractors/lexicon/measures.py; the key is the subject lowercased, without punctuation,
numbers, stop words and plural endings, with every synonym in its canonical form, in the
subject's own word order (so it stays readable in a pivot). A table's total line names
nothing but 'Total': its quantity is what the table's caption counts ('Table 1: Referrals by
source' totals referrals), so a restatement of the total in the prose finds it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractors.lexicon.arithmetic import TOTAL
from extractors.lexicon.measures import CAPTION_DIMENSION, CAPTION_NUMBER, NOT_PLURAL, STOP_WORDS, SYNONYMS
from pipeline.model import Extraction, Fact

WORD = re.compile(r"[a-z]+")


CANONICAL = {variant: canonical for canonical, variants in SYNONYMS.items() for variant in variants}
# One alternation, longest first, applied in one pass: a canonical phrase is never re-read.
SYNONYM = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in sorted(CANONICAL, key=len, reverse=True)) + r")\b")


def singular(word: str) -> str:
    """'offences' -> 'offence', 'burglaries' -> 'burglary'; short words and non-plurals kept."""
    if len(word) <= 3 or word in NOT_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=8192)
def measure_of(subject: str) -> str:
    """The measure key of a subject ('Anti-social behaviour incidents reported to police' ->
    'anti social behaviour incident police'; 'ASB incidents' -> 'anti social behaviour incident')."""
    text = " ".join(WORD.findall((subject or "").lower().replace("'s", "")))
    text = " ".join(singular(w) for w in text.split())
    text = SYNONYM.sub(lambda m: CANONICAL[m.group(0)], text)
    return " ".join(w for w in text.split() if w not in STOP_WORDS)


def caption_measure(caption: str) -> str:
    """What a table's caption counts: 'Table 1: Referrals by source' -> 'referral' (the
    numbering and the breakdown's dimension dropped)."""
    counted = CAPTION_DIMENSION.split(CAPTION_NUMBER.sub("", caption or ""), maxsplit=1)[0]
    return measure_of(counted)


def with_measure(fact: Fact) -> Fact:
    if fact.measure:
        return fact
    measure = measure_of(fact.subject)
    if not measure and fact.source == "table" and TOTAL.search(fact.subject or ""):
        measure = caption_measure(fact.theme)
    return replace(fact, measure=measure)


def normalise(extraction: Extraction) -> Extraction:
    """The extraction with every fact's measure filled in."""
    return Extraction(tuple(with_measure(f) for f in extraction.facts), extraction.skipped)
