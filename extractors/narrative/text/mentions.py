"""Numbers as people write them in prose: digits, £ with k/m/million, per cent, number words,
multipliers ("more than double", "halved"), each with its qualifier ("over", "nearly", ...)
and unit; numbers that are not facts (see not_facts) are left out."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon.prose import MULTIPLIERS
from extractors.narrative.text.not_facts import duration_unit, masked_spans, reason_not_fact
from pipeline.model.numbers import find_numbers

QUALIFIERS = {
    "just over": "over", "well over": "over", "over": "over", "in excess of": "over",
    "upwards of": "over", "more than": "more than", "nearly": "nearly", "almost": "almost",
    "approximately": "approximately", "approx.": "approximately", "approx": "approximately",
    "around": "approximately", "about": "approximately", "roughly": "approximately",
    "circa": "approximately", "c.": "approximately", "some": "approximately",
    "an estimated": "approximately", "estimated": "approximately", "up to": "up to",
    "at least": "at least", "less than": "less than", "fewer than": "less than",
    "under": "under", "just under": "under", "below": "under",
}
_QUALIFIER_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\s*£?\s*$", re.I)
_MULTIPLIER_RE = re.compile(r"\b(?P<word>" + "|".join(MULTIPLIERS) + r")\b"
                            r"(?!\s*(?:a|per|each|every)\s+(?:day|week|month|year)\b)(?!-)", re.I)
_CUE_BEFORE_MULTIPLIER = re.compile(r"\b(?:more than|over|almost|nearly|around|about|than|has|have|had|"
                                    r"having|was|were|is|are|been|be|to|will|would|has been|more)\s*$", re.I)


_POINTS_AFTER = re.compile(r"\s?(?:points?|pts?)\b(?!\s+of\b)", re.I)
_PERCENT_NEAR = re.compile(r"%|\bper\s?cent|\brate\b|\bproportion\b|\bpercentage\b", re.I)


@dataclass(frozen=True)
class Mention:
    value: float
    unit: str  # count, percent, percentage_points, gbp, hours, years, times
    start: int  # span in the segment text
    end: int
    text: str
    qualifier: str = ""
    is_word: bool = False
    sign: str = ""  # '+' or '-' written just before the number
    multiplier: str = ""  # the word, for double/twice/halved


def _inside(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s <= start < e or s < end <= e for s, e, _ in spans)


def qualifier_before(text: str, start: int) -> str:
    m = _QUALIFIER_RE.search(text[max(0, start - 24):start])
    return QUALIFIERS[m.group(1).lower()] if m else ""


def _sign(text: str, start: int) -> str:
    before = text[max(0, start - 2):start]
    if before.endswith("+"):
        return "+"
    if re.search(r"(?:^|[\s(])[-−–]$", before) and not re.search(r"\d\s?[-−–]$", text[max(0, start - 3):start]):
        return "-"
    return ""


def find_mentions(text: str) -> list[Mention]:
    """Every number in a stretch of prose that may be a fact, in order."""
    numbers = find_numbers(text)
    masked = masked_spans(text) if numbers else []  # two dozen patterns: only where there are numbers
    found: list[Mention] = []
    for n in numbers:
        if _inside(masked, n.start, n.end):
            continue
        if reason_not_fact(text, n.start, n.end, n.value, n.unit, n.is_word):
            continue
        unit = n.unit
        if unit == "count":
            unit = {"hours": "hours", "years": "years"}.get(duration_unit(text, n.end), "count")
        if unit == "count" and _POINTS_AFTER.match(text, n.end) and _PERCENT_NEAR.search(text, max(0, n.start - 200), n.end + 200):
            unit = "percentage_points"  # 'up 1.5 points' beside a rate: a percentage-point change
        found.append(Mention(n.value, unit, n.start, n.end, text[n.start:n.end],
                             qualifier_before(text, n.start), n.is_word, _sign(text, n.start)))
    for m in _MULTIPLIER_RE.finditer(text):
        if _CUE_BEFORE_MULTIPLIER.search(text[max(0, m.start() - 12):m.start()]) or m.group("word").lower().endswith(("ed", "ing")):
            word = m.group("word").lower()
            found.append(Mention(MULTIPLIERS[word], "times", m.start(), m.end(), m.group(0),
                                 qualifier_before(text, m.start()), True, multiplier=word))
    return sorted(found, key=lambda x: x.start)
