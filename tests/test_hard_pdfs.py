"""PDFs built to be hard, made here with fpdf2: a page denser than any report's is read to
`max_page_chars` and says so; page rules are found without wrapping every page object; a
table finder whose parser warns thousands of times with huge messages is not slowed by them
(pdfminer's warnings on a broken xref once took the finder past the 300 s limit) and its
records come back to the parent's logging, a few per logger."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF

from pipeline.loaders import bounded, load_document
from pipeline.loaders.bounded import run_bounded
from pipeline.model.settings import Settings


def _dense_pdf(path: Path, lines: int) -> Path:
    """One page of `lines` lines of 80 digits and a ruled box: a chart's worth of tick labels."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=3)
    pdf.rect(10, 5, 190, 285)
    for i in range(lines):
        pdf.text(12, 8 + i * 1.2, "".join(str((i + j) % 10) for j in range(80)))
    pdf.output(str(path))
    return path


def test_a_page_over_max_page_chars_is_read_that_far_and_the_cut_said(tmp_path):
    path = _dense_pdf(tmp_path / "dense.pdf", 200)  # 16,000 digits on one page
    doc = load_document(path, Settings(max_page_chars=4000))
    assert doc.status == "ok"
    assert "page(s) 1 read only to their first 4000 characters (the max_page_chars limit)" in doc.reason
    digits = sum(ch.isdigit() for ch in doc.pages[0].text)
    assert 3900 <= digits <= 4000
    whole = load_document(path)  # under the default limit: all of it, nothing said
    assert sum(ch.isdigit() for ch in whole.pages[0].text) == 16000 and "max_page_chars" not in whole.reason


def test_page_rules_come_from_pdfiums_calls_not_object_wrappers(tmp_path, monkeypatch):
    """Wrapping each of 200,000 text objects only to filter them out cost seconds a page."""
    def refuse(*args, **kwargs):
        raise AssertionError("page objects wrapped one by one")
    monkeypatch.setattr(pdfium.PdfPage, "get_objects", refuse)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    rows = [("Service", "Budget"), ("Youth offending", "66,392"), ("Domestic abuse", "69,000")]
    with pdf.table(borders_layout="ALL", col_widths=(70, 40), first_row_as_headings=True) as table:
        for row in rows:
            table.row(row)
    pdf.output(str(tmp_path / "ruled.pdf"))
    doc = load_document(tmp_path / "ruled.pdf")
    assert [[c.text for c in row] for row in doc.tables[0].rows()] == [list(r) for r in rows]


class Huge:
    """An argument whose formatting is expensive and leaves a trace: each str() is counted
    in a file (the child is another process)."""

    def __init__(self, tally: Path):
        self.tally = tally

    def __repr__(self) -> str:
        with self.tally.open("a") as out:
            out.write("x")
        return "<" * 300_000


def _chatty(tally: Path, item: int) -> int:
    parser = logging.getLogger("pdfminer.parser")
    for _ in range(2000):
        parser.warning("When constructing dict from %r: odd number of objects", Huge(tally))
    return item * 2


def test_a_finders_thousands_of_huge_warnings_are_dropped_unformatted(tmp_path, caplog):
    tally, cap = tmp_path / "formatted", getattr(bounded, "RECORDS_PER_LOGGER", 20)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        outcomes = list(run_bounded(lambda item: _chatty(tally, item), [1, 2], time.monotonic() + 120))
    assert [(o.item, o.result, o.error) for o in outcomes] == [(1, 2, ""), (2, 4, "")]
    relayed = [r for r in caplog.records if r.name == "pdfminer.parser"]
    assert len(relayed) == 2 * cap  # a few per item, logged by the parent
    assert relayed[0].getMessage().startswith("When constructing dict from <<<")
    assert len(relayed[0].getMessage()) <= 2000
    assert len(tally.read_text()) == 2 * cap  # the other 3,960 never formatted
    assert time.monotonic() - started < 60
