"""Glyphs as PDFium places them: `page_chars` makes its per-glyph calls through cffi, so its
boxes and baselines are held here to what pypdfium2's own ctypes calls answer for the
same glyphs, on pages of several sizes and styles."""
from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from fpdf import FPDF

from pipeline.loaders.pdf_chars import page_chars


def _page(path, lines) -> None:
    pdf = FPDF(format="A4")
    pdf.add_page()
    y = 30
    for text, size, style in lines:
        pdf.set_font("helvetica", style=style, size=size)
        pdf.text(20, y, text)
        y += size + 6
    pdf.output(str(path))


def _by_ctypes(page: pdfium.PdfPage) -> list[tuple[str, float, float, float, float, float]]:
    """Each visible glyph's text, loose box and baseline from the top, one ctypes call each."""
    height = page.get_height()
    textpage = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    glyphs = []
    for index in range(textpage.count_chars()):
        text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        if not text.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
        glyphs.append((text, left, height - top, right, height - bottom, height - y.value))
    textpage.close()
    return glyphs


@pytest.mark.parametrize("lines", [
    [("Recorded crime fell by 12% to 4,310 offences.", 11, "")],
    [("Table 3: Outcomes", 16, "B"), ("Charged 1,204 (28.1%)", 9, ""), ("Total 4,287", 9, "B")],
    [("Antisocial behaviour incidents: 2,905", 7, "I"), ("Budget GBP 3.2m", 20, "")],
])
def test_glyph_boxes_and_baselines_are_pdfiums_own(tmp_path, lines):
    path = tmp_path / "page.pdf"
    _page(path, lines)
    pdf = pdfium.PdfDocument(path)
    page = pdf[0]
    chars, count = page_chars(page, 10_000)
    expected = _by_ctypes(page)
    assert count > len(chars) > 0  # spaces are counted but are no glyphs
    assert [(c.text, c.x0, c.top, c.x1, c.bottom, c.baseline) for c in chars] == expected
    sizes = {round(c.size) for c in chars}
    assert sizes == {size for _, size, _ in lines}
    pdf.close()
