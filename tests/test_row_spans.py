"""A label printed once across the rows it spans (HTML rowspan, a PDF grid's merged cell)
labels each of them; a row naming a quarter under year columns states that quarter."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.process import process_document

ROWS = [("Burglary", "Q1", "120", "98"), ("Burglary", "Q2", "131", "105"),
        ("Robbery", "Q1", "40", "35"), ("Robbery", "Q2", "44", "39")]


def _html(path: Path) -> Path:
    body = "".join(
        f"<tr>{f'<td rowspan=2>{o}</td>' if q == 'Q1' else ''}<td>{q}</td><td>{a}</td><td>{b}</td></tr>"
        for o, q, a, b in ROWS)
    path.write_text("<html><body><h2>Recorded crime by quarter</h2><table>"
                    "<tr><th>Offence</th><th>Quarter</th><th>2021/22</th><th>2022/23</th></tr>"
                    f"{body}</table></body></html>")
    return path


def _pdf(path: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 8, "Recorded crime by quarter")
    pdf.ln(10)
    with pdf.table(borders_layout="ALL", col_widths=(50, 30, 30, 30)) as table:
        head = table.row()
        for text in ("Offence", "Quarter", "2021/22", "2022/23"):
            head.cell(text)
        for offence, quarter, a, b in ROWS:
            row = table.row()
            if quarter == "Q1":
                row.cell(offence, rowspan=2)
            for text in (quarter, a, b):
                row.cell(text)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("make", [_html, _pdf], ids=["html", "pdf"])
def test_each_row_under_a_spanning_label_is_that_labels(tmp_path, make):
    suffix = ".html" if make is _html else ".pdf"
    result = process_document(make(tmp_path / f"crime{suffix}"))
    read = sorted((f.subject, f.period, f.value) for f in result.facts if f.table_id)
    assert read == sorted([("Burglary", "2021-22 Q1", 120), ("Burglary", "2022-23 Q1", 98),
                           ("Burglary", "2021-22 Q2", 131), ("Burglary", "2022-23 Q2", 105),
                           ("Robbery", "2021-22 Q1", 40), ("Robbery", "2022-23 Q1", 35),
                           ("Robbery", "2021-22 Q2", 44), ("Robbery", "2022-23 Q2", 39)])
    spanning = [c for t in result.document.tables for c in t.cells if c.text == "Burglary"]
    assert len(spanning) == 1  # the table itself states the label once; only its readers see it twice


def test_a_number_spanning_rows_is_read_once(tmp_path):
    """A total printed once beside two rows is stated once, not once per row."""
    path = tmp_path / "spend.html"
    path.write_text("<table><tr><th>Project</th><th>Partner</th><th>Spend 2022/23</th></tr>"
                    "<tr><td>Street pastors</td><td>Council</td><td rowspan=2>£4,500</td></tr>"
                    "<tr><td>Street pastors</td><td>Police</td></tr></table>")
    facts = [f for f in process_document(path).facts if f.table_id]
    assert [f.value for f in facts] == [4500]
