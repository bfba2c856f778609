"""How a line of prose relates to the one before it: whether it opens a block of its own (a
bullet, a numbered paragraph, a footnote) or carries on the sentence above. Shared by the page
reader (lines within a page), the cell reader (wrapped cells) and the page-break join."""
from __future__ import annotations

import re

FOOTNOTE_START = re.compile(r"^\s*(?P<marker>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\\?\*)\s*(?=\S)")
BULLET = re.compile(r"^\s*(?:[-•▪·●◦*]\s|\d{1,2}[.)]\s|\(?[ivx]{1,4}\)\s|\(?[a-h]\)\s)")
_PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z(]")  # '3.1 At 31st December ...'
TERMINAL = re.compile(r"[.!?:;]['\")\]]?\s*$")  # a line that ends a sentence or a clause
SENTENCE_END = re.compile(r"[.!?:]['\")\]]?\s*$")  # one that ends a sentence ('a; b' runs on)


def opens_block(line: str) -> bool:
    """A bullet, a numbered paragraph or a footnote starts here, whatever was above."""
    return bool(BULLET.match(line) or FOOTNOTE_START.match(line) or _PARAGRAPH_NUMBER.match(line))


def continues(previous: str, following: str) -> bool:
    """Whether a line (or cell) carries on the sentence of the one before it."""
    first = following.lstrip()[:1]
    if not first or opens_block(following):
        return False
    if first.islower():
        return True
    dangling = not TERMINAL.search(previous)
    return dangling and (first.isdigit() or first in "£(=&+%")
