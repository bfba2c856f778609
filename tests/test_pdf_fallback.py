"""pdfplumber's ruling finder, the fallback for a ruled page camelot finds nothing on, is
asked only where the page's rules can make one of its tables (two cells or more); it runs on
the rules and characters PDFium read, paths of many segments split into their strokes."""
from __future__ import annotations

import pickle
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from pipeline.loaders import load_document, pdf_finders
from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf import read_page
from pipeline.loaders.pdf_tables import pdfplumber_tables, rules_close_a_cell
from tests.pdf_factory import ruled_rows_pdf


def _h(y: float, x0: float = 50, x1: float = 500) -> Ruling:
    return Ruling(x0, y, x1, y + 0.5)


def _v(x: float, top: float = 100, bottom: float = 300) -> Ruling:
    return Ruling(x, top, x + 0.5, bottom)


def test_a_grid_of_cells_can_make_a_table():
    assert rules_close_a_cell([_h(100), _h(200), _h(300), _v(50), _v(250), _v(500)])
    assert rules_close_a_cell([_h(100), _h(200), _h(300), _v(50), _v(500)])  # two cells, one column


@pytest.mark.parametrize("rules", [
    [_h(100), _h(200), _h(300)],  # rules between rows only
    [_h(100), _h(200), _h(300), _v(20, 400, 420), _v(560, 400, 420)],  # and ticks that cross none
    [_h(100), _h(300), _v(50), _v(500)],  # one box
    [_h(100, 50, 200), _h(300, 300, 500), _v(50), _v(500)],  # rules that never close
])
def test_rules_that_close_no_two_cells_cannot(rules):
    assert not rules_close_a_cell(rules)


ROWS = [("Area", "Burglary", "Robbery"), ("North", "1,204", "312"), ("South", "1,150", "298"), ("East", "907", "144")]


def _ruled_rows(path: Path, compound: bool) -> Path:
    """Rows between horizontal rules, two short vertical rules beside the title (a ruled page
    whose rules close no cell), and, if asked, a zigzag drawn as one path of many segments."""
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("helvetica", size=10)
    doc.text(20, 20, "Recorded crime by area")
    doc.line(15, 15, 15, 22)
    doc.line(190, 15, 190, 22)
    for i, row in enumerate(ROWS):
        y = 40 + 8 * i
        doc.line(20, y + 2, 180, y + 2)
        for j, cell in enumerate(row):
            doc.text(20 + 50 * j, y, cell)
    doc.line(20, 33, 180, 33)
    if compound:
        doc.polyline([(20 + 10 * k, 120 + 8 * (k % 2)) for k in range(12)])
    doc.output(str(path))
    return path


@pytest.mark.parametrize("compound", [False, True])
def test_the_fallback_is_not_asked_where_no_cell_closes(tmp_path, finder_jobs, monkeypatch, compound):
    """A zigzag of many segments has no level or upright stroke: still no cell, so the
    child does not call pdfplumber's finder when camelot finds nothing."""
    path = _ruled_rows(tmp_path / "ruled.pdf", compound)
    load_document(path)
    assert [(j.kind, bool(j.rules)) for j in finder_jobs] == [("vector", True)]
    asked: list[int] = []
    monkeypatch.setattr(pdf_finders, "camelot_tables", lambda *args, **kwargs: [])
    monkeypatch.setattr(pdf_finders, "pdfplumber_tables", lambda page, *args: asked.append(page) or [])
    assert pdf_finders.find_on_page(path.resolve(), finder_jobs[0]) == [] and asked == []


def test_the_fallback_is_asked_where_camelot_finds_nothing_and_a_cell_closes(tmp_path, finder_jobs, monkeypatch):
    path = _grid_as_one_path(tmp_path / "grid.pdf")
    pdf = pdfium.PdfDocument(str(path))
    page = read_page(pdf, 0, 10_000)[0]
    job = pdf_finders.FinderJob(1, page.height, "vector", tuple(page.rules), tuple(page.chars))
    monkeypatch.setattr(pdf_finders, "camelot_tables", lambda *args, **kwargs: [])
    assert [t.rows for t in pdf_finders.find_on_page(path.resolve(), job)] == [[list(r) for r in ROWS]]


def test_a_job_reaches_the_child_with_its_rules_and_characters_whole(tmp_path):
    """Jobs travel to the finders' child pickled (their glyphs as plain tuples, rebuilt there)."""
    pdf = pdfium.PdfDocument(str(_grid_as_one_path(tmp_path / "grid.pdf")))
    page = read_page(pdf, 0, 10_000)[0]
    job = pdf_finders.FinderJob(1, page.height, "rendered", tuple(page.rules), tuple(page.chars))
    arrived = pickle.loads(ForkingPickler.dumps(job))
    assert arrived == job and len(arrived.chars) == len(page.chars) > 20 and len(arrived.rules) >= 8
    assert {type(r) for r in arrived.rules} == {Ruling} and {type(c) for c in arrived.chars} == {Char}
    assert "".join(c.text for c in arrived.chars).startswith("AreaBurglaryRobbery")
    assert pickle.loads(pickle.dumps(pdf_finders.FinderJob(2, 842.0, "vector"))) == pdf_finders.FinderJob(2, 842.0, "vector")


def _grid_as_one_path(path: Path, rows=ROWS, serpentine: bool = False) -> Path:
    """A table whose whole grid is one path object: every rule a segment of it."""
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("helvetica", size=10)
    xs, ys = [20, 70, 120, 170], [30 + 8 * i for i in range(len(rows) + 1)]
    with doc.new_path() as grid:
        grid.style.stroke_width = 0.3
        if serpentine:  # one stroke, no lifts: level rules joined at alternate ends
            for i, y in enumerate(ys):
                a, b = (xs[0], xs[-1]) if i % 2 == 0 else (xs[-1], xs[0])
                (grid.move_to if i == 0 else grid.line_to)(a, y)
                grid.line_to(b, y)
            for x in xs:
                grid.move_to(x, ys[0])
                grid.line_to(x, ys[-1])
        else:
            for y in ys:
                grid.move_to(xs[0], y)
                grid.line_to(xs[-1], y)
            for x in xs:
                grid.move_to(x, ys[0])
                grid.line_to(x, ys[-1])
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            doc.text(xs[j] + 2, ys[i] + 6, cell)
    doc.output(str(path))
    return path


@pytest.mark.parametrize("serpentine", [False, True])
def test_a_grid_drawn_as_one_path_is_read_from_its_strokes(tmp_path, finder_jobs, serpentine):
    doc = load_document(_grid_as_one_path(tmp_path / "grid.pdf", serpentine=serpentine))
    assert [[c.text for c in row] for row in doc.tables[0].rows()] == [list(r) for r in ROWS]
    assert doc.tables[0].method == "grid" and finder_jobs == []  # read from the rules, without camelot


def test_the_fallback_reads_pdfiums_rules_and_characters(tmp_path):
    """Rules PDFium read (one path), characters PDFium read: pdfplumber's finder on them."""
    pdf = pdfium.PdfDocument(str(_grid_as_one_path(tmp_path / "grid.pdf")))
    page = read_page(pdf, 0, 10_000)[0]
    tables = pdfplumber_tables(1, page.rules, page.chars)
    assert [t.rows for t in tables] == [[list(r) for r in ROWS]]
    assert tables[0].method == "pdfplumber-lines"


def _stacked_grid(path: Path, turned: bool = False) -> Path:
    """A closed grid of three columns whose one body band holds two lines in every cell (rows
    the grid does not rule); or, if `turned`, ruled rows under column heads set sideways."""
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("helvetica", size=10)
    xs, ys = [20, 70, 120, 170], [30, 40, 60]
    if turned:
        for i, y in enumerate((60, 68, 76, 84)):
            doc.line(20, y + 2, 180, y + 2)
            for j, cell in enumerate(ROWS[i]):
                doc.text(20 + 50 * j, y, cell)
        doc.line(15, 15, 15, 22)
        doc.line(190, 15, 190, 22)
        for j, head in enumerate(("Recorded offences", "Solved offences", "Outcome rate")):
            with doc.rotation(90, 30 + 50 * j, 50):
                doc.text(30 + 50 * j, 50, head)
    else:
        for y in ys:
            doc.line(xs[0], y, xs[-1], y)
        for x in xs:
            doc.line(x, ys[0], x, ys[-1])
        for j, cell in enumerate(ROWS[0]):
            doc.text(xs[j] + 2, 36, cell)
        for j, (a, b) in enumerate((("North", "South"), ("1,204", "1,150"), ("312", "298"))):
            doc.text(xs[j] + 2, 47, a)
            doc.text(xs[j] + 2, 55, b)
    doc.output(str(path))
    return path


@pytest.mark.parametrize("turned", [False, True], ids=["stacked-cells", "turned-heads"])
def test_camelot_reads_the_rendered_page_only_where_its_image_is_needed(tmp_path, finder_jobs, turned):
    load_document(_stacked_grid(tmp_path / "page.pdf", turned))
    assert [j.kind for j in finder_jobs] == ["rendered"]


def test_a_page_turned_as_a_whole_is_read_from_its_vector_rules(tmp_path, finder_jobs):
    """camelot turns such a page's layout upright itself; its image adds nothing there."""
    load_document(ruled_rows_pdf(tmp_path / "page.pdf", ROWS, turned=True, margin_rules=True))
    assert [j.kind for j in finder_jobs] == ["vector"]


def test_paths_past_the_pages_segment_budget_are_no_rules(tmp_path, monkeypatch):
    """A page of drawings could hold millions of segments: only a budget of them is split."""
    from pipeline.loaders import pdf_chars
    pdf = pdfium.PdfDocument(str(_grid_as_one_path(tmp_path / "grid.pdf")))
    assert len(pdf_chars.page_rules(pdf[0])) >= 9  # five level and four upright rules
    monkeypatch.setattr(pdf_chars, "PAGE_SEGMENTS", 5)
    assert pdf_chars.page_rules(pdf[0]) == []
