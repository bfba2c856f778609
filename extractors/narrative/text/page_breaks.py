"""Sentences cut by a page break read as one: a page's last prose paragraph that stops without
ending its sentence ("... within the third sector;") is joined to the next page's first prose
paragraph when that carries it on ("Wolverhampton received £67,000 ..."), so the statement keeps
its first half (its subject). Only running heads, feet, page numbers and the page's footnotes
may sit between them.

The joined segment keeps one piece per page line, each piece naming its own page, so every number
read from it still has one page and a character span on that page."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from extractors.narrative.text.lines import SENTENCE_END, opens_block
from pipeline.loaders.pdf_text import is_running, running_key
from pipeline.model import Page

if TYPE_CHECKING:
    from extractors.narrative.text.segments import ProseSegment

EDGE_LINES = 2  # non-blank lines at a page's top and foot where running heads and feet sit
PROSE_WORDS = 10  # a paragraph this long is a sentence, not a title or a caption
TITLE_WORDS = 12  # an unpunctuated line this short at a page's top is a heading
_OPEN_END = re.compile(r"[^\W\d_][-']?\s*$|[,;]\s*$")  # a word or a comma/semicolon: mid-sentence


def furniture(pages: Sequence[Page]) -> dict[int, frozenset[int]]:
    """Per page, the line starts of its running heads, feet and page numbers: edge lines whose
    text (digits aside) recurs at the edges of half the pages, or a bare page number. A text
    report split at form feeds keeps them; the PDF loader has already dropped most."""
    if len(pages) < 2:
        return {}
    edges = {page.number: _edge_lines(page.text) for page in pages}
    counts = Counter(key for lines in edges.values() for key in {running_key(text) for _, text in lines})
    need = max(2, (len(pages) + 1) // 2)
    keys = {key for key, n in counts.items() if n >= need}
    return {number: frozenset(start for start, text in lines if is_running(text, keys))
            for number, lines in edges.items()}


def _edge_lines(text: str) -> list[tuple[int, str]]:
    """(line start, stripped text) of the first and last EDGE_LINES non-blank lines."""
    lines, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line.strip()))
        offset += len(line) + 1
    return lines if len(lines) <= 2 * EDGE_LINES else lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def join_page_breaks(pages: Sequence[Page], per_page: list[list[ProseSegment]],
                     skipped: dict[int, frozenset[int]]) -> list[ProseSegment]:
    """The pages' segments in order, each page's first joined to the one before it when a
    sentence runs over the break (`skipped`: furniture line starts, per page). Footnotes at the
    foot of the page may sit between; they stay after the joined sentence."""
    joined: list[ProseSegment] = []
    previous: Page | None = None
    for page, segments in zip(pages, per_page):
        at = _last_paragraph(joined, previous)
        if at is not None and previous is not None and segments \
                and _breaks_mid_sentence(previous, joined[at], joined[at + 1:], page, segments[0], skipped):
            joined[at] = _joined(joined[at], segments[0], page.number)
            segments = segments[1:]
        joined += segments
        previous = page
    return joined


def _last_paragraph(joined: list[ProseSegment], page: Page | None) -> int | None:
    """Index of the last segment so far that is not a footnote at the foot of `page`."""
    at = len(joined) - 1
    while at >= 0 and page is not None and joined[at].footnote and joined[at].page == page.number:
        at -= 1
    return at if at >= 0 else None


def _breaks_mid_sentence(before_page: Page, before: ProseSegment, notes: list[ProseSegment],
                         after_page: Page, after: ProseSegment, skipped: dict[int, frozenset[int]]) -> bool:
    """`before` ends its page (but for `notes`, its footnotes) and `after` opens the next,
    nothing but furniture between, and the sentence of one runs on into the other."""
    last = before.pieces[-1]
    if (last.page or before.page) != before_page.number or after.page != after_page.number:
        return False
    end = last.page_start + last.length
    foot = skipped.get(before_page.number, frozenset()) | {p.page_start for n in notes for p in n.pieces}
    return _only_furniture(before_page.text, end, len(before_page.text), foot) \
        and _only_furniture(after_page.text, 0, after.pieces[0].page_start, skipped.get(after_page.number, frozenset())) \
        and carries_over(before, after)


def _only_furniture(text: str, start: int, end: int, passed_over: frozenset[int]) -> bool:
    """Every non-blank line of text[start:end] starts (or its text starts) at one of
    `passed_over`: a running head, foot or page number, or a footnote's line."""
    offset = start
    for line in text[start:end].split("\n"):
        lead = offset + len(line) - len(line.lstrip())
        if line.strip() and offset not in passed_over and lead not in passed_over:
            return False
        offset += len(line) + 1
    return True


def carries_over(before: ProseSegment, after: ProseSegment) -> bool:
    """Whether `after` carries on the sentence `before` leaves open: never after a heading, a
    footnote or a sentence's end, nor into a heading, bullet or numbered paragraph; a lower-case
    start always carries on; a capital one ('... the third sector; Wolverhampton received ...')
    only after a paragraph long enough to be prose that stops on a word, comma or semicolon
    (not on a figure or a bracket: '= 44.7% (YTD)' is a whole item), into one that is not a
    bare title."""
    if before.is_heading or after.is_heading or before.footnote or after.footnote:
        return False
    if SENTENCE_END.search(before.text) or opens_block(after.text):
        return False
    if after.text[:1].islower():
        return True
    return len(before.text.split()) >= PROSE_WORDS and bool(_OPEN_END.search(before.text)) \
        and not opens_block(before.text) and not _title(after.text)


def _title(text: str) -> bool:
    return len(text.split()) <= TITLE_WORDS and not SENTENCE_END.search(text)


def _joined(before: ProseSegment, after: ProseSegment, page: int) -> ProseSegment:
    """`before` and `after` as one segment on `before`'s page; `after`'s pieces name their page."""
    shift = len(before.text) + 1
    pieces = before.pieces + tuple(replace(p, start=p.start + shift, page=p.page or page) for p in after.pieces)
    return replace(before, text=f"{before.text} {after.text}", pieces=pieces)
