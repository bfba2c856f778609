"""Small PDFs written for the tests: tables ruled by row rules only, upright or turned."""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


class _Upright:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def ruled_rows_pdf(path: Path, rows, turned: bool = False, margin_rules: bool = False) -> Path:
    """A page with a sentence and a table ruled by horizontal rules only (no closed grid),
    written upright or turned a quarter as a whole; `margin_rules` adds three short level
    rules in the bottom margin (a turned page's row rules stand upright, so without them it
    has no level rules at all)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    step = 160 / len(rows[0])
    with pdf.rotation(90, 105, 148) if turned else _Upright():
        pdf.text(20, 30, "Recorded crime by area for the year is set out below.")
        for i, row in enumerate(rows):
            y = 50 + 10 * i
            pdf.line(20, y + 3, 180, y + 3)
            for j, cell in enumerate(row):
                pdf.text(20 + step * j, y, cell)
    if margin_rules:
        for y in (280, 284, 288):
            pdf.line(20, y, 45, y)
    pdf.output(str(path))
    return path


def ruled_grid_pdf(path: Path, rows, angle: int = 0, page_number: bool = False) -> Path:
    """A page holding one table whose every cell is ruled, written upright or turned by
    `angle` degrees anticlockwise as a whole (90: its text runs up the page, 270: down);
    `page_number` adds an upright page number in the bottom margin."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    width, height = 34.0, 9.0
    left, top = 105 - width * len(rows[0]) / 2, 148 - height * len(rows) / 2
    with pdf.rotation(angle, 105, 148) if angle else _Upright():
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                x, y = left + width * j, top + height * i
                pdf.rect(x, y, width, height)
                pdf.text(x + 2, y + 6, cell)
    if page_number:
        pdf.text(103, 290, "12")
    pdf.output(str(path))
    return path
