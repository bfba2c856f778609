"""camelot's parsers driven one page at a time by recount give camelot's own tables (as
`read_pdf` gives them), on upright and on turned pages, with the page image drawn by PDFium
at the resolution asked for."""
from __future__ import annotations

import warnings
from pathlib import Path

import camelot
import pytest
from fpdf import FPDF

from pipeline.loaders.camelot_page import PageImage, read_page
from tests.pdf_factory import ruled_rows_pdf

ROWS = [("Area", "Burglary", "Robbery", "Vehicle"), ("North", "1,204", "312", "980"),
        ("South", "1,150", "298", "1,021"), ("East", "907", "144", "1,507"), ("West", "1,498", "201", "660")]


def _ruled_rows_pdf(path: Path, turned: bool = False, rows=ROWS) -> Path:
    return ruled_rows_pdf(path, rows, turned)


def _camelot_rows(tables) -> list[list[list[str]]]:
    return [t.df.values.tolist() for t in tables]


@pytest.mark.parametrize("turned", [False, True])
@pytest.mark.parametrize("options", [{}, {"engine": "vector"}])
@pytest.mark.parametrize("dpi", [300, 200])
def test_one_page_gives_read_pdfs_tables(tmp_path, turned, options, dpi):
    """Also from an image drawn at 200 dpi (a turned page's is drawn at 300 all the same)."""
    path = _ruled_rows_pdf(tmp_path / "ruled.pdf", turned).resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = camelot.read_pdf(path, pages="1", flavor="hybrid", suppress_stdout=True, **options)
        ours = read_page(path, 1, "hybrid", dpi, **options)
    assert _camelot_rows(ours) == _camelot_rows(expected)
    assert [t._bbox for t in ours] == [t._bbox for t in expected]
    assert any("1,204" in cell for table in _camelot_rows(ours) for row in table for cell in row)


def test_page_image_is_drawn_at_the_resolution_asked(tmp_path):
    path = _ruled_rows_pdf(tmp_path / "ruled.pdf")
    for dpi in (300, 150):
        image = PageImage(dpi).to_array(str(path), 1)
        assert image.shape[2] == 3 and image.dtype.name == "uint8"
        assert abs(image.shape[1] - 595.28 * dpi / 72) <= 1 and abs(image.shape[0] - 841.89 * dpi / 72) <= 1
        assert image.min() < 100 < 250 < image.max()  # dark rules and text on a white page


@pytest.mark.parametrize("name", ["clockwise_table_2.pdf", "anticlockwise_table_2.pdf"])
def test_a_turned_table_keeps_its_grid_when_the_image_is_drawn_smaller(shared, name):
    """camelot turning a 200-dpi image upright lost these tables' grids (one cell for 38 x 17):
    a turned page is drawn at camelot's own resolution."""
    path = (shared / "corpus" / "real-pdfs" / "camelot" / name).resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = camelot.read_pdf(path, pages="1", flavor="hybrid", suppress_stdout=True)
        ours = read_page(path, 1, "hybrid", 200)
    assert [t.df.shape for t in ours] == [t.df.shape for t in expected] == [(38, 17)]
    assert _camelot_rows(ours) == _camelot_rows(expected)


def test_a_dense_page_gives_read_pdfs_tables(tmp_path):
    """Laid out without pdfminer's ordering of text boxes (which compares every box with every
    other), a page of many rows still gives camelot's own tables."""
    areas = ["North", "South", "East", "West", "Central", "Coast"]
    rows = [("Ward", "Burglary", "Robbery", "Vehicle")] + [
        (f"{areas[i % 6]} {i}", f"{(i * 37) % 900 + 100:,}", str((i * 13) % 300 + 5), f"{(i * 53) % 1500 + 20:,}")
        for i in range(70)]
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=7)
    pdf.text(20, 12, "Recorded crime by ward for the year is set out below.")
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            pdf.text(20 + 40 * j, 20 + 3.6 * i, cell)
    path = tmp_path / "dense.pdf"
    pdf.output(str(path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = camelot.read_pdf(path.resolve(), pages="1", flavor="hybrid", suppress_stdout=True, engine="vector")
        ours = read_page(path.resolve(), 1, "hybrid", 200, engine="vector")
    assert _camelot_rows(ours) == _camelot_rows(expected)
    assert sum(len(table) for table in _camelot_rows(ours)) >= 60


def test_a_file_written_again_at_the_same_path_is_read_again(tmp_path):
    """The document kept open from page to page is the file as it is now, not as it was."""
    path = _ruled_rows_pdf(tmp_path / "ruled.pdf").resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = _camelot_rows(read_page(path, 1, "hybrid", 200, engine="vector"))
        changed = [ROWS[0]] + [(area, "7,777", *rest) for area, _, *rest in ROWS[1:]]
        _ruled_rows_pdf(path, rows=changed)
        second = _camelot_rows(read_page(path, 1, "hybrid", 200, engine="vector"))
    cells = lambda tables: {cell for table in tables for row in table for cell in row}  # noqa: E731
    assert "1,204" in cells(first) and "7,777" not in cells(first)
    assert "7,777" in cells(second) and "1,204" not in cells(second)
