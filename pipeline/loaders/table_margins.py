"""What a table's margins say: the title line just above it and the notes just under it.

A reader types a table's numbers from more than its cells: 'Table 2: Spend by theme (£000s)'
gives the scale, 'Q2 and Q3 are running totals' says the columns are cumulative, 'Source: ...'
names the owner. The loader keeps those lines on the Table so no extractor re-reads the page.
"""
from __future__ import annotations

import re

_NOTE_START = re.compile(
    r"^(?:sources?|notes?|nb|n\.b\.|definitions?|figures|all figures|numbers|amounts|"
    r"values|percentages|rates?|totals?|excludes?|includes?|provisional|please note)\b"
    r"|^(?:\*+|†|‡|§|#|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(?[a-z0-9]{1,2}\)|\[\d{1,2}\])\s*\S", re.I)
_NOTE_WORDS = re.compile(r"£\s?0{3}s?\b|£\s?(?:k|m)\b|\bin (?:thousands|millions)\b|\brunning totals?\b|"
                         r"\bcumulative\b|\bper (?:1,?000|10,?000|100,?000)\b|\brounded\b|\bprovisional\b", re.I)
_NOT_TITLE = re.compile(r"^(?:sources?|notes?)\b|^[-*•·▪]\s|[.;,]$", re.I)
MAX_CAPTION = 120
MAX_NOTES = 5


def caption_above(text: str, start: int) -> str:
    """The short line directly above offset `start` (one blank line between allowed) when it
    reads as a title: not a table row (a tab), a list item, the end of a sentence or the
    source note of a table above."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[:line_start].rstrip("\n").split("\n")[-2:]
    for line in reversed(before):
        if line.strip():
            line = line.strip()
            return "" if (len(line) > MAX_CAPTION or "\t" in line or _NOT_TITLE.search(line)) else line
    return ""


def is_note(line: str) -> bool:
    """A line that qualifies the table above it rather than starting new prose."""
    stripped = line.strip()
    return bool(stripped) and "\t" not in stripped and bool(
        _NOTE_START.match(stripped) or (_NOTE_WORDS.search(stripped) and len(stripped) <= 200))


def notes_below(text: str, end: int) -> tuple[str, ...]:
    """Note lines right under offset `end` (the table's last character): single blank lines
    between them are allowed; the first line that is not a note ends them."""
    line_end = text.find("\n", end)
    if line_end < 0:
        return ()
    notes: list[str] = []
    blanks = 0
    for line in text[line_end + 1:].split("\n", 40)[:40]:
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
            continue
        if not is_note(line) or len(notes) == MAX_NOTES:
            break
        notes.append(line.strip())
        blanks = 0
    return tuple(notes)
