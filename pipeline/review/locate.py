"""Where on a PDF page a number stands, for facts read without a bbox (narrative facts carry
their character span in the normalised page text, not a position on the page).

PDFium's own text search finds every place the printed number occurs on the page; the one
whose preceding words best match the words before the fact's span wins, so "304" in "caseload
became 304" is boxed and not the 304 of another sentence. Coordinates come back in PDF space
(origin bottom-left) and are turned into the loader's (x0, top, x1, bottom) from the top.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from pipeline.model import BBox

CONTEXT = 40  # characters before a number compared to tell its occurrences apart


@dataclass(frozen=True)
class Spot:
    """A number to box: its bbox when the loader recorded one, else its printed text and the
    text before it, to be found on the page."""
    bbox: BBox | None
    printed: str = ""
    before: str = ""


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shared_tail(a: list[str], b: list[str]) -> int:
    """How many words the two lists end with in common."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def occurrences(textpage: pdfium.PdfTextPage, printed: str) -> list[tuple[int, int]]:
    searcher = textpage.search(printed, match_case=True, match_whole_word=True)
    found = []
    while (hit := searcher.get_next()) is not None:
        found.append(hit)
    return found


def box_of(textpage: pdfium.PdfTextPage, index: int, count: int, height: float) -> BBox:
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return (left, height - top, right, height - bottom)


def locate(page: pdfium.PdfPage, spots: list[Spot]) -> list[BBox]:
    """Boxes for the spots: their own, or the best-matching occurrence of their text."""
    textpage, height = page.get_textpage(), page.get_height()
    out = []
    for spot in spots:
        if spot.bbox is not None:
            out.append(spot.bbox)
            continue
        hits = occurrences(textpage, spot.printed.strip()) if spot.printed.strip() else []
        if not hits:
            continue
        mine = words(spot.before)
        index, count = max(hits, key=lambda h: shared_tail(
            words(textpage.get_text_range(max(0, h[0] - CONTEXT), min(CONTEXT, h[0]))), mine))
        out.append(box_of(textpage, index, count, height))
    return out
