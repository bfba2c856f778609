"""The source of a flag as a reviewer needs to see it: for a PDF the page region rendered with
the numbers' boxes drawn on it, for text the paragraph with the numbers marked; one view per
page when the numbers span a page break.

Crops are rendered from the document's own file with PDFium (pypdfium2, already the PDF
loader's reader) and Pillow, on demand; numbers read without a bbox are found on the page by
`pipeline.review.locate`: nothing is cached in the output folder. Text comes
from pages.parquet, which every character span points into.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from pipeline.model import BBox, Fact
from pipeline.review.locate import Spot, locate

log = logging.getLogger(__name__)

MARGIN = 40.0  # points of context above and below the numbers
MAX_PARAGRAPH = 1500  # characters either side of the numbers at most
HIT = ((255, 214, 0, 90), (200, 30, 30, 255))  # a flag's numbers: yellow wash, red outline
READ = ((60, 200, 90, 60), (30, 140, 60, 255))  # the document view's facts: green


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "" plain, "hit" a number the flag is about, "fact" read, "skipped" not read
    title: str = ""  # what the number was read as, shown on hover


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    title: str = ""


def fact_title(fact: Fact) -> str:
    parts = [fact.kind, fact.measure or fact.subject, fact.period, fact.area]
    return " · ".join(p for p in parts if p)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text cut at the marks (overlapping marks: the first wins)."""
    out, last = [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < last or mark.end > len(text) or mark.end <= mark.start:
            continue
        out += [Segment(text[last:mark.start]), Segment(text[mark.start:mark.end], mark.kind, mark.title)]
        last = mark.end
    return [s for s in out if s.text] + ([Segment(text[last:])] if text[last:] else [])


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-separated paragraph (or table) around a span, capped in length."""
    lo = text.rfind("\n\n", max(0, start - MAX_PARAGRAPH), start)
    hi = text.find("\n\n", end, end + MAX_PARAGRAPH)
    return (max(0, start - MAX_PARAGRAPH) if lo < 0 else lo + 2,
            min(len(text), end + MAX_PARAGRAPH) if hi < 0 else hi)


def paragraph(text: str, facts: list[Fact]) -> list[Segment]:
    """The paragraph holding the facts, their numbers marked."""
    lo, hi = paragraph_bounds(text, min(f.char_start for f in facts), max(f.char_end for f in facts))
    marks = [Mark(f.char_start - lo, f.char_end - lo, "hit", fact_title(f)) for f in facts]
    return segments(text[lo:hi], marks)


def by_page(facts: Iterable[Fact]) -> dict[int, list[Fact]]:
    pages: dict[int, list[Fact]] = {}
    for fact in sorted(facts, key=lambda f: (f.page, f.char_start)):
        pages.setdefault(fact.page, []).append(fact)
    return pages


def page_crop(path: str | Path, page: int, spots: list[Spot], scale: float = 2.0,
              whole: bool = False, tint: tuple = HIT) -> bytes | None:
    """PNG of the page band holding the numbers (all the page when `whole`), each boxed;
    None when the file is gone, unreadable or has no such page."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as err:
        log.warning("cannot render %s: %s", path, err)
        return None
    try:
        if not 1 <= page <= len(pdf):
            return None
        pdf_page = pdf[page - 1]
        boxes = locate(pdf_page, spots)
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    return png(draw_boxes(image, boxes, scale, whole, tint))


def draw_boxes(image: Image.Image, boxes: list[BBox], scale: float, whole: bool,
               tint: tuple = HIT) -> Image.Image:
    """The boxes washed and outlined in `tint`; cropped to their band unless `whole`."""
    draw = ImageDraw.Draw(image, "RGBA")
    for x0, top, x1, bottom in boxes:
        draw.rectangle([x0 * scale - 3, top * scale - 3, x1 * scale + 3, bottom * scale + 3],
                       fill=tint[0], outline=tint[1], width=3)
    if not boxes or whole:
        return image
    top = max(0.0, min(b[1] for b in boxes) - MARGIN) * scale
    bottom = min(image.height, (max(b[3] for b in boxes) + MARGIN) * scale)
    return image.crop((0, int(top), image.width, int(bottom)))


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def spots(facts: list[Fact], text: str) -> tuple[Spot, ...]:
    """What to box for these facts of one page: their bboxes, else their printed numbers."""
    return tuple(Spot(f.bbox, text[f.char_start:f.char_end], text[max(0, f.char_start - 40):f.char_start])
                 for f in facts)
