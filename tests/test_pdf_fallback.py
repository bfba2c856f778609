"""pdfplumber's ruling finder, the fallback for a ruled page camelot finds nothing on, is
asked only where the page's rules can make one of its tables (two cells or more), or where a
path of many segments, which recount does not split into rules, might draw the grid."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.loaders import load_document
from pipeline.loaders.pdf_chars import Ruling
from pipeline.loaders.pdf_tables import rules_close_a_cell


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
def test_the_fallback_is_asked_only_where_a_table_may_be_ruled(tmp_path, finder_jobs, compound):
    load_document(_ruled_rows(tmp_path / "ruled.pdf", compound))
    assert [(j.kind, j.fallback) for j in finder_jobs] == [("ruled", compound)]
