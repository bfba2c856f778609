"""Word and spreadsheet reports: the same document model as a text report, with each
sheet cell's address kept, merged cells resolved and formulas' cached values read."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from pipeline.loaders import load_document
from pipeline.loaders.number_format import display
from pipeline.process import process_document
from tests.office_factory import write_docx, write_xlsx

REPO = Path(__file__).resolve().parents[1]


def fact_keys(result) -> Counter:
    return Counter((f.kind, f.value, f.unit, f.subject, f.period, f.role, f.source, f.area)
                   for f in result.facts)


def flag_keys(result) -> Counter:
    return Counter((f.rule_id, f.severity, f.expected, f.observed) for f in result.flags)


@pytest.mark.parametrize("report", [
    "swp-pcc-end-of-year-report-2013-14.txt",  # a spend table over its allocation, bullet lists
    "swp-annual-report-2018-19.txt",  # footnotes carrying a change's levels, headings
])
def test_word_and_excel_versions_give_the_text_versions_facts_and_flags(report, tmp_path):
    text = process_document(REPO / "raw" / report)
    assert text.facts and text.flags
    for made in (write_docx(REPO / "raw" / report, tmp_path / "r.docx"),
                 write_xlsx(REPO / "raw" / report, tmp_path / "r.xlsx")):
        result = process_document(made)
        assert result.document.status == "ok", result.document.reason
        assert fact_keys(result) == fact_keys(text), made.suffix
        assert flag_keys(result) == flag_keys(text), made.suffix
        assert all(result.document.pages[f.page - 1].text[f.char_start:f.char_end] in f.text
                   for f in result.facts)  # every fact grounded in its page's text


def kpi_docx(path: Path) -> Path:
    """A KPI table whose year header is merged across its quarters, and a theme cell merged
    down two rows, under a heading; a bullet list; a Word footnote."""
    from docx import Document
    document = Document()
    document.add_heading("Performance 2016-17", 1)
    table = document.add_table(rows=4, cols=4)
    rows = [["Indicator", "2016-17", "", ""], ["", "Q1", "Q2", "Q3"],
            ["Burglaries", "120", "110", "95"], ["Robberies", "40", "38", "35"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 3)).text = "2016-17"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Indicator"
    document.add_paragraph("Youth work sessions", style="List Bullet")
    document.add_paragraph("Mentoring places", style="List Bullet")
    document.add_paragraph("Burglaries fell by 20.8%").add_run(" over the year.")
    document.save(path)
    return add_footnote(path, "Burglaries fell by 20.8%", "From 120 in Q1 to 95 in Q3.")


def add_footnote(path: Path, after: str, note: str) -> Path:
    """Word files made by python-docx have no footnotes part: add one as Word writes it."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = dict((n, zipfile.ZipFile(path).read(n)) for n in zipfile.ZipFile(path).namelist())
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()
    body = parts["word/document.xml"].decode()
    body = body.replace(f"{after}</w:t></w:r>", f"{after}</w:t></w:r>"
                        '<w:r><w:footnoteReference w:id="1"/></w:r>', 1)
    parts["word/document.xml"] = body.encode()
    rels = parts["word/_rels/document.xml.rels"].decode().replace("</Relationships>",
        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace("</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>').encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_docx_headings_lists_merged_cells_and_footnotes(tmp_path):
    doc = load_document(kpi_docx(tmp_path / "kpi.docx"))
    assert doc.status == "ok" and doc.format == "docx"
    page = doc.pages[0]
    assert [(h.level, h.text) for h in page.headings] == [(1, "Performance 2016-17")]
    assert "- Youth work sessions\n- Mentoring places\n" in page.text
    assert "Burglaries fell by 20.8%¹ over the year." in page.text
    assert page.text.endswith("¹ From 120 in Q1 to 95 in Q3.")
    [table] = doc.tables
    header = [(c.row, c.col, c.text) for c in table.cells if c.row < 2]
    assert header == [(0, 0, "Indicator"), (0, 1, "2016-17"), (0, 2, "2016-17"), (0, 3, "2016-17"),
                      (1, 0, "Indicator"), (1, 1, "Q1"), (1, 2, "Q2"), (1, 3, "Q3")]
    assert table.heading == "Performance 2016-17"
    for cell in table.cells:  # a covered position points at the merged cell's printed text
        assert page.text[cell.char_start:cell.char_end] == cell.text


def test_docx_kpi_facts_take_the_merged_year_and_the_footnote(tmp_path):
    result = process_document(kpi_docx(tmp_path / "kpi.docx"))
    table = sorted((f.subject, f.period, f.value) for f in result.facts if f.source == "table")
    assert ("Burglaries", "2016-17 Q1", 120.0) in table and ("Robberies", "2016-17 Q3", 35.0) in table
    change = [f for f in result.facts if f.role == "change_pct"]
    assert [f.value for f in change] == [20.8] and change[0].note.startswith("From 120")


def scorecard_xlsx(path: Path) -> Path:
    """A scorecard: a merged title, a year merged over two columns, money and percent formats,
    a total as a formula (its cached value patched in, as Excel saves it)."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Spend 2016-17"
    sheet.append(["Community safety grant 2016-17"])
    sheet.append([])
    sheet.append(["Line", "2016-17", None])
    sheet.append([None, "Allocation", "Spend"])
    sheet.append(["Youth diversion", 50000, 48250.5])
    sheet.append(["Victim support", 30000, 31000])
    sheet.append(["Total", 80000, "=SUM(C5:C6)"])
    sheet.append([])
    sheet.append(["Share of grant spent", 0.9906])
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("B3:C3")
    for row in range(5, 8):
        sheet.cell(row, 2).number_format = sheet.cell(row, 3).number_format = "£#,##0"
    sheet.cell(5, 3).number_format = "£#,##0.00"
    sheet.cell(9, 2).number_format = "0.0%"
    book.save(path)
    return cache_formula_value(path, "C7", "79250.5")


def cache_formula_value(path: Path, ref: str, value: str) -> Path:
    """openpyxl saves formulas without a result; Excel saves the result beside the formula."""
    parts = dict((n, zipfile.ZipFile(path).read(n)) for n in zipfile.ZipFile(path).namelist())
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, count = re.subn(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                           rf"\1<f>\2</f><v>{value}</v>", sheet)
    assert count == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_xlsx_cells_keep_their_address_merged_headers_and_cached_formula_values(tmp_path):
    doc = load_document(scorecard_xlsx(tmp_path / "card.xlsx"))
    assert doc.status == "ok" and [p.number for p in doc.pages] == [1]
    table, share = doc.tables  # two blocks of rows, an empty row between them
    assert [c.ref for c in share.cells] == ["'Spend 2016-17'!A9", "'Spend 2016-17'!B9"]
    by_ref = {c.ref: c.text for c in table.cells}
    assert by_ref["'Spend 2016-17'!C7"] == "£79,251"  # the formula's cached value, as formatted
    assert by_ref["'Spend 2016-17'!C5"] == "£48,250.50"
    assert by_ref["'Spend 2016-17'!B3"] == by_ref["'Spend 2016-17'!C3"] == "2016-17"  # merged header
    assert "Share of grant spent\t99.1%" in doc.pages[0].text  # a two-cell row is a table row
    assert "Community safety grant 2016-17" in doc.pages[0].text
    page = doc.pages[0]
    assert all(page.text[c.char_start:c.char_end] == c.text for c in table.cells)
    assert [h.text for h in page.headings] == ["Community safety grant 2016-17"]


def test_xlsx_spend_table_facts_carry_the_merged_year(tmp_path):
    result = process_document(scorecard_xlsx(tmp_path / "card.xlsx"))
    assert sorted((f.kind, f.subject, f.period, f.value) for f in result.facts) == [
        ("allocation", "Total", "2016-17", 80000.0), ("allocation", "Victim support", "2016-17", 30000.0),
        ("allocation", "Youth diversion", "2016-17", 50000.0), ("percent", "Share of grant spent", "2016-17", 99.1),
        ("spend_item", "Victim support", "2016-17", 31000.0), ("spend_item", "Youth diversion", "2016-17", 48250.5),
        ("spend_total", "Total", "2016-17", 79251.0)]
    assert result.flags == ()  # 48,250.50 + 31,000 is £79,251 as printed, within £80,000


def test_a_formula_without_a_cached_value_is_not_evaluated(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["Item", "Count"])
    book.active.append(["Referrals", 10])
    book.active.append(["Total", "=B2*100"])
    book.save(tmp_path / "raw.xlsx")
    doc = load_document(tmp_path / "raw.xlsx")
    assert "1000" not in doc.pages[0].text and "=B2" not in doc.pages[0].text


def test_each_sheet_is_a_page(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Q1"
    book.active.append(["Referrals", 10, 12])
    book.create_sheet("Q2").append(["Referrals", 14, 16])
    book.save(tmp_path / "two.xlsx")
    doc = load_document(tmp_path / "two.xlsx")
    assert [p.number for p in doc.pages] == [1, 2]
    assert sorted((t.page, c.ref) for t in doc.tables for c in t.cells if c.text == "Referrals") == [
        (1, "Q1!A1"), (2, "Q2!A1")]


def test_ods_display_text_refs_and_spans(tmp_path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow, CoveredTableCell
    from odf.text import P
    book = OpenDocumentSpreadsheet()
    sheet = Table(name="Outcomes")
    rows = [[("Outcome", {}), ("2017-18", {"numbercolumnsspanned": 2}), None],
            [("", {}), ("Q1", {}), ("Q2", {})],
            [("Cases closed", {}), ("57.0%", {"valuetype": "percentage", "value": "0.57"}),
             ("61", {"valuetype": "float", "value": "61"})]]
    for row in rows:
        tr = TableRow()
        for cell in row:
            if cell is None:
                tr.addElement(CoveredTableCell())
                continue
            text, attrs = cell
            tc = TableCell(**attrs)
            if text:
                tc.addElement(P(text=text))
            tr.addElement(tc)
        sheet.addElement(tr)
    book.spreadsheet.addElement(sheet)
    book.save(str(tmp_path / "out.ods"))
    doc = load_document(tmp_path / "out.ods")
    assert doc.status == "ok" and doc.format == "ods"
    [table] = doc.tables
    assert {c.ref: c.text for c in table.cells} == {
        "Outcomes!A1": "Outcome", "Outcomes!B1": "2017-18", "Outcomes!C1": "2017-18",
        "Outcomes!B2": "Q1", "Outcomes!C2": "Q2", "Outcomes!A3": "Cases closed",
        "Outcomes!B3": "57.0%", "Outcomes!C3": "61"}


@pytest.mark.parametrize("content, delimiter", [
    ("Indicator,2015-16,2016-17\nBurglaries,\"1,204\",\"1,377\"\n", ","),  # quoted thousands
    ("Indicator;2015-16;2016-17\nBurglaries;1204;1377\n", ";"),  # a continental export
])
def test_csv_is_one_table_addressed_like_a_sheet(tmp_path, content, delimiter):
    (tmp_path / "kpi.csv").write_text(content, encoding="utf-8")
    result = process_document(tmp_path / "kpi.csv")
    [table] = result.document.tables
    assert {c.ref: c.text for c in table.cells}["C2"] in ("1,377", "1377")
    assert sorted((f.period, f.value) for f in result.facts if f.subject == "Burglaries") == [
        ("2015-16", 1204.0), ("2016-17", 1377.0)]


@pytest.mark.parametrize("name", ["broken.docx", "broken.xlsx", "broken.ods"])
def test_a_corrupt_office_file_is_an_error_with_a_reason(tmp_path, name):
    (tmp_path / name).write_bytes(b"PK\x03\x04 not really a zip")
    doc = load_document(tmp_path / name)
    assert doc.status == "error" and "not a readable" in doc.reason


@pytest.mark.parametrize("value, number_format, shown", [
    (492495, "£#,##0", "£492,495"),  # money with grouping
    (0.76, "0%", "76%"),  # a share stored as a fraction
    (0.0823, "0.0%", "8.2%"),
    (-1234.5, "#,##0;(#,##0)", "(1,235)"),  # a negative section in brackets; halves away from zero
    (-5, "£#,##0", "-£5"),  # the sign before the currency
    (1234.5, "[$£-809]#,##0.00", "£1,234.50"),  # a locale currency code
    (35892, "General", "35892"),
    (0.1 + 0.2, "General", "0.3"),  # General keeps ten significant digits, not float noise
    (12, '0" cases"', "12 cases"),  # quoted literal text
    (0, '#,##0;-#,##0;"-"', "-"),  # the zero section
    (None, "General", ""),
    (dt.datetime(2015, 4, 1), "mmm-yy", "Apr 2015"),  # a month column header
    (dt.datetime(2015, 4, 1), "dd/mm/yyyy", "01/04/2015"),
    (dt.datetime(2015, 4, 1), "yyyy", "2015"),
])
def test_number_formats_print_as_the_sheet_shows(value, number_format, shown):
    assert display(value, number_format) == shown
