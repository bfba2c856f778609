"""A ruled table printed sideways on its page (a landscape table turned as a whole) is read
from its rules as an upright one is, with no table finder, in either turn; its boxes are the
page's."""
from __future__ import annotations

import random

import pytest

from pipeline.loaders import load_document
from pipeline.loaders.pdf_chars import Char
from pipeline.loaders.pdf_turned import Turn
from tests.pdf_factory import ruled_grid_pdf

CRIME = [["Offence", "2014-15", "2015-16", "Change"], ["Burglary", "1,204", "1,150", "-4%"],
         ["Vehicle crime", "980", "1,021", "4%"], ["Criminal damage", "1,507", "1,498", "-1%"],
         ["Robbery", "212", "187", "-12%"]]
SPEND = [["Service", "Budget", "Spend"], ["Youth offending", "66,392", "70,004"],
         ["Substance misuse", "236,533", "230,100"], ["Domestic abuse", "69,000", "69,000"]]


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


@pytest.mark.parametrize("angle", [90, 270])
@pytest.mark.parametrize("rows", [CRIME, SPEND], ids=["crime", "spend"])
def test_a_table_turned_as_a_whole_is_read_from_its_rules(tmp_path, finder_jobs, angle, rows):
    doc = load_document(ruled_grid_pdf(tmp_path / "turned.pdf", rows, angle, page_number=True))
    assert doc.status == "ok"
    assert [(t.method, _rows(t)) for t in doc.tables] == [("grid", rows)]
    assert finder_jobs == []
    x0, top, x1, bottom = doc.tables[0].bbox
    assert bottom - top > x1 - x0  # the table stands on the page: its rows run across it, its text up or down
    assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842


def test_an_upright_table_is_read_as_before(tmp_path, finder_jobs):
    doc = load_document(ruled_grid_pdf(tmp_path / "upright.pdf", CRIME))
    assert [(t.method, _rows(t)) for t in doc.tables] == [("grid", CRIME)]
    x0, top, x1, bottom = doc.tables[0].bbox
    assert x1 - x0 > bottom - top


@pytest.mark.parametrize("down", [True, False])
def test_boxes_turned_upright_and_back_are_where_they_were(down):
    rng = random.Random(7)
    turn = Turn(down, 595.0, 842.0)
    for _ in range(200):
        x0, top = rng.uniform(0, 500), rng.uniform(0, 800)
        box = (x0, top, x0 + rng.uniform(1, 90), top + rng.uniform(1, 40))
        upright = turn.box(box)
        assert upright[0] < upright[2] and upright[1] < upright[3]
        assert turn.back(upright) == pytest.approx(box)


def test_a_glyph_turned_upright_reads_along_its_line():
    """Glyphs running up the page (x fixed, tops falling) turned upright run left to right on
    one baseline; one that was upright on the page is the one now turned."""
    glyphs = [Char(ch, 300.0, 500.0 - 6 * i, 308.0, 506.0 - 6 * i, 9.0, 506.0 - 6 * i, False, False, False)
              for i, ch in enumerate("Total")]
    turn = Turn(False, 595.0, 842.0)
    upright = [turn.char(g) for g in glyphs]
    assert [g.x0 for g in upright] == sorted(g.x0 for g in upright)
    assert len({round(g.baseline, 3) for g in upright}) == 1 and all(g.upright for g in upright)
    assert not turn.char(glyphs[0]._replace(upright=True)).upright
