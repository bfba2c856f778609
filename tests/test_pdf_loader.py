"""The PDF loader on small PDFs written here with fpdf2: text, tables and bad files."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.loaders import load_document
from pipeline.model import Document

SPEND = [("Service", "Budget", "Spend"), ("Substance misuse", "236,533", "230,100"),
         ("Youth offending", "66,392", "70,004"), ("Gangs and youth violence", "60,000", "58,250"),
         ("Domestic violence", "69,000", "69,000")]


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_font("helvetica", size=11)
    return pdf


def _save(pdf: FPDF, tmp_path: Path, name: str) -> Document:
    path = tmp_path / name
    pdf.output(str(path))
    return load_document(path)


def _prose(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _table(pdf: FPDF, rows, ruled: bool) -> None:
    layout = "ALL" if ruled else "NONE"
    with pdf.table(borders_layout=layout, col_widths=(70, 40, 40), text_align=("LEFT", "RIGHT", "RIGHT"),
                   first_row_as_headings=True, repeat_headings=1) as table:
        for row in rows:
            table.row(row)


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


def _assert_spans(doc: Document) -> None:
    """Every cell with a span finds its own text there, on its own page."""
    for table in doc.tables:
        for cell in table.cells:
            if cell.char_start is not None:
                assert doc.pages[cell.page - 1].text[cell.char_start:cell.char_end] == cell.text


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_table_rows_cells_and_spans(tmp_path, ruled):
    pdf = _pdf()
    pdf.add_page()
    _prose(pdf, "Summary of spend for the year. The partnership spent its allocation as below.")
    _table(pdf, SPEND, ruled)
    _prose(pdf, "All figures are in pounds.")
    doc = _save(pdf, tmp_path, "spend.pdf")
    assert doc.status == "ok"
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert _rows(table) == [list(r) for r in SPEND]
    assert table.header_rows == 1
    assert all(c.bbox is not None and c.page == 1 for c in table.cells)
    assert all(c.char_start is not None for c in table.cells)
    _assert_spans(doc)
    assert "Substance misuse\t236,533\t230,100" in doc.pages[0].text
    assert doc.pages[0].text.index("Summary of spend") < doc.pages[0].text.index("Service\tBudget")


KPI = [("Indicator", "Direction", "Q1", "Q2", "Q3", "Q4"),
       ("Domestic abuse - number of recorded crimes (including non-crimes) Baseline 5308",
        "To increase", "1416", "1428", "1459", "1419"),
       ("Number of repeat referrals to the risk assessment conference", "To reduce",
        "60 (41%)", "38 (29%)", "54 (38%)", "58 (30%)"),
       ("Hate crime - number of recorded crimes Baseline 312", "To increase", "69", "91", "76", "94")]


def test_ruled_table_with_wrapped_cells_is_one_row_per_record(tmp_path):
    """Labels wrap over three lines and '38 (29%)' over two: the ruling grid keeps each whole."""
    pdf = _pdf()
    pdf.add_page()
    _prose(pdf, "Performance against the plan's indicators.")
    with pdf.table(borders_layout="ALL", col_widths=(60, 22, 18, 18, 18, 18),
                   first_row_as_headings=True) as table:
        for row in KPI:
            table.row(row)
    doc = _save(pdf, tmp_path, "kpi.pdf")
    assert [t.method for t in doc.tables] == ["grid"]
    assert _rows(doc.tables[0]) == [list(r) for r in KPI]
    _assert_spans(doc)


def _unruled_rows(pdf: FPDF, rows, top: float) -> None:
    """Label lines at 10 mm, values on the label's first line; records 4 mm apart."""
    y = top
    for label_lines, values in rows:
        for k, line in enumerate(label_lines):
            pdf.text(20, y + 5 * k, line)
        for j, value in enumerate(values):
            pdf.text(120 + 25 * j, y, value)
        y += 5 * len(label_lines) + 4


def test_unruled_table_with_a_wrapped_label_is_merged(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    _prose(pdf, "Recorded crime by type, this year against last year.")
    _unruled_rows(pdf, [(["Crime type"], ["2014-15", "2015-16"]),
                        (["Burglary of a dwelling"], ["1,204", "1,150"]),
                        (["Violence with injury, including", "assaults on emergency workers"], ["2,310", "2,482"]),
                        (["Vehicle crime"], ["980", "1,021"]),
                        (["Criminal damage"], ["1,507", "1,498"])], top=60)
    doc = _save(pdf, tmp_path, "unruled.pdf")
    assert len(doc.tables) == 1
    assert _rows(doc.tables[0]) == [
        ["Crime type", "2014-15", "2015-16"], ["Burglary of a dwelling", "1,204", "1,150"],
        ["Violence with injury, including assaults on emergency workers", "2,310", "2,482"],
        ["Vehicle crime", "980", "1,021"], ["Criminal damage", "1,507", "1,498"]]


def test_table_split_over_two_pages_is_stitched(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    _prose(pdf, "Quarterly caseload by team. " * 30)
    rows = [("Team", "Referrals", "Closed")] + [(f"Team {i}", str(100 + i), str(50 + i)) for i in range(40)]
    _table(pdf, rows, ruled=True)
    doc = _save(pdf, tmp_path, "long.pdf")
    assert doc.status == "ok" and len(doc.pages) == 2
    stitched = [t for t in doc.tables if len(t.pages) > 1]
    assert len(stitched) == 1
    table = stitched[0]
    assert table.pages == (1, 2)
    assert _rows(table) == [list(r) for r in rows]  # the repeated header is not a row again
    assert {c.page for c in table.cells} == {1, 2}
    _assert_spans(doc)


def test_superscript_footnote_marker_becomes_unicode(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    pdf.write(6, "Reports of domestic abuse saw a 4.7% increase")
    pdf.char_vpos = "SUP"
    pdf.write(6, "3")
    pdf.char_vpos = "LINE"
    pdf.write(6, " from the previous year.")
    pdf.set_font_size(5)  # a footnote: the marker small and raised, the note in 8 pt
    pdf.text(10, 59, "3")
    pdf.set_font_size(8)
    pdf.text(12, 60, "6858 reports were received during 2018-2019 compared to 6361 during 2017-2018")
    doc = _save(pdf, tmp_path, "footnote.pdf")
    text = doc.pages[0].text
    assert "4.7% increase³ from the previous year." in text
    assert "³ 6858 reports were received" in text


def test_running_heads_page_numbers_and_hyphenation(tmp_path):
    pdf = _pdf()
    for number in (1, 2, 3):
        pdf.add_page()
        pdf.set_y(10)
        pdf.cell(0, 5, "Safer City Partnership - Annual Report", align="C")
        pdf.set_y(30)
        _prose(pdf, f"Section {number} reports progress on the strategy.")
        pdf.set_y(272)
        pdf.cell(0, 5, f"Page {number}", align="C")
    pdf.page = 1
    pdf.set_xy(10, 60)
    pdf.write(6, "Work with the community reduced re-")
    pdf.ln(6)
    pdf.write(6, "offending and it improved organisa-")
    pdf.ln(6)
    pdf.write(6, "tion of the services.")
    doc = _save(pdf, tmp_path, "heads.pdf")
    texts = [p.text for p in doc.pages]
    assert not any("Annual Report" in t or "Page " in t for t in texts)
    assert "Section 2 reports progress on the strategy." in texts[1]
    assert "reduced re-offending and it improved organisation of the services." in texts[0]


def test_two_columns_read_column_by_column(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    left = " ".join(f"Left{i}" for i in range(60))
    right = " ".join(f"Right{i}" for i in range(60))
    pdf.set_xy(10, 30)
    pdf.multi_cell(85, 6, left)
    pdf.set_xy(110, 30)
    pdf.multi_cell(85, 6, right)
    doc = _save(pdf, tmp_path, "columns.pdf")
    text = doc.pages[0].text
    assert text.index("Left59") < text.index("Right0")
    assert " ".join(text.split()) == f"{left} {right}"


def test_encrypted_pdf_is_a_status(tmp_path):
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    _prose(pdf, "Confidential figures.")
    doc = _save(pdf, tmp_path, "locked.pdf")
    assert (doc.status, "password" in doc.reason) == ("encrypted", True)


def test_image_only_page_has_no_text_layer(tmp_path):
    from PIL import Image
    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = _pdf()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=150)
    doc = _save(pdf, tmp_path, "scan.pdf")
    assert doc.status == "no_text_layer"
    assert "OCR" in doc.reason


def test_truncated_pdf_is_an_error_with_the_parsers_reason(tmp_path):
    pdf = _pdf()
    for _ in range(3):
        pdf.add_page()
        _prose(pdf, "Some text to make the file long enough. " * 40)
    whole = bytes(pdf.output())
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    doc = load_document(path)
    assert doc.status == "error"
    assert "PDFium" in doc.reason


BAD = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "bad-inputs"


@pytest.mark.skipif(not BAD.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name,status", [
    ("password-example.pdf", "encrypted"),  # needs a user password
    ("health_protected.pdf", "encrypted"),
    ("image-only.pdf", "no_text_layer"),  # a scan
    ("truncated.pdf", "error"),  # no trailer, no xref
    ("empty.pdf", "empty"),  # zero bytes
])
def test_shared_bad_inputs_end_as_statuses(name, status):
    assert load_document(BAD / name).status == status


def test_unruled_section_head_tight_under_a_short_record_stays_a_row(tmp_path):
    """'Race' set close under 'Male' is a section head, not 'Male' wrapped: 'Male' is short."""
    pdf = _pdf()
    pdf.add_page()
    _prose(pdf, "Deaths by characteristic, with rates per 100,000 population.")
    _unruled_rows(pdf, [(["Characteristic"], ["Deaths", "Rate"]),
                        (["Female"], ["200,915", "103.1"]),
                        (["Male", "Race"], ["224,510", "176.5"]),
                        (["White"], ["371,445", "134.2"]),
                        (["Black"], ["44,530", "161.6"])], top=60)
    doc = _save(pdf, tmp_path, "sections.pdf")
    assert len(doc.tables) == 1
    assert ["Race", "", ""] in _rows(doc.tables[0])
    assert ["Male", "224,510", "176.5"] in _rows(doc.tables[0])


@pytest.mark.parametrize("dx,dy", [(0.0, 0.0), (0.3, 0.0), (0.0, 0.3), (0.25, -0.25)])
def test_a_line_drawn_twice_for_fake_bold_is_read_once(tmp_path, dx, dy):
    """Some producers embolden by drawing each glyph again a fraction of a point away."""
    pdf = _pdf()
    pdf.add_page()
    for x, y in ((20, 40), (20 + dx, 40 + dy)):
        pdf.text(x, y, "Total recorded crime 4,512")
    pdf.text(20, 60, "Down from 4,830 the year before.")
    doc = _save(pdf, tmp_path, "bold.pdf")
    assert doc.pages[0].text.count("Total recorded crime 4,512") == 1
    assert "TToottaall" not in doc.pages[0].text
