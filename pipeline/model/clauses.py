"""The sentence and the clause around a number in its page text.

One definition, read by the extractors (a change's comparison scope comes from its clause) and
by the rules (a flag's snippet is the sentences of its facts), so the words a field was read
from are the words a flag shows.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.model.numbers import find_numbers
from pipeline.model.periods import find_periods

SENTENCE_END = re.compile(r"[\n\t|]|[.!?](?=\s|$)")


def sentence_ends(text: str) -> list[int]:
    """Where each sentence (or table cell, or line) of a text ends, in order."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def sentence_at(text: str, ends: list[int], start: int, end: int) -> tuple[str, int]:
    """The sentence holding text[start:end] (given the text's `sentence_ends`), and the
    span's offset inside it."""
    before = bisect.bisect_right(ends, start)
    first = ends[before - 1] if before else 0
    if start and text[start - 1] in ".!?":  # "No.5": a stop right before it
        first = start
    after = bisect.bisect_left(ends, end + 1)
    last = ends[after] if after < len(ends) else len(text)
    return text[first:last], start - first


@lru_cache(maxsize=512)
def number_cuts(sentence: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the numbers that end a clause (not years or periods), in order;
    found once per sentence, not once per fact in it."""
    periods = sorted((p.start, p.end) for p in find_periods(sentence))
    period_starts = [s for s, _ in periods]
    cuts = []
    for n in find_numbers(sentence, words=False):
        i = bisect.bisect_right(period_starts, n.start) - 1
        if not (i >= 0 and n.start < periods[i][1]):  # periods do not overlap (find_periods)
            cuts.append((n.start, n.end))
    cuts.sort()
    return [s for s, _ in cuts], [e for _, e in cuts]


def clause_in(sentence: str, offset: int, length: int) -> str:
    """The words around the number at `offset` up to the neighbouring numbers in its sentence.

    Years and periods do not end a clause ("compared to 2014/15" stays with its number).
    """
    own_end = offset + max(length, 1)
    starts, ends = number_cuts(sentence)
    before = bisect.bisect_right(ends, offset)
    start = ends[before - 1] if before else 0
    after = bisect.bisect_left(starts, own_end)
    end = starts[after] if after < len(starts) else len(sentence)
    return sentence[start:end]
