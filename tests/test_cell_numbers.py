"""Numbers in table cells as other conventions print them: each is read by the table reader
as a fact pointing at its own cell."""
import pytest

from extractors import tables
from extractors.tables.cells import parse_cell, point_decimals
from pipeline.loaders import load_document


@pytest.mark.parametrize("text, value", [
    ("7,4", 7.4), ("0,09331", 0.09331), ("8,21", 8.21), ("12,3456", 12.3456), ("0,50%", 0.5),
    ("27.083.460", 27_083_460), ("1.204.331,5", 1_204_331.5),
    ("1,234", 1234), ("1,234,567", 1_234_567), ("1,234.5", 1234.5), ("£3,500", 3500),
    ("98 452", 98_452), ("1 204 331", 1_204_331), ("12\u00a0500", 12_500), ("4 559.5", 4559.5),
])
def test_a_comma_that_cannot_group_thousands_is_a_decimal_comma(text, value):
    assert [v.value for v in parse_cell(text)][:1] == [pytest.approx(value)]
    assert len(point_decimals(text)) == len(text)  # spans in the cell stay where they were


@pytest.mark.parametrize("name, text", [
    ("r.txt", "Indicateurs 2019\n\nRégion\tTaux\tIndice\nNord\t7,4\t0,093\nSud\t12,85\t0,1\n"),
    ("r.md", "| Région | Taux | Indice |\n|---|---:|---:|\n| Nord | 7,4 | 0,093 |\n| Sud | 12,85 | 0,1 |\n"),
    ("r.html", "<table><tr><th>Région</th><th>Taux</th><th>Indice</th></tr><tr><td>Nord</td><td>7,4</td>"
               "<td>0,093</td></tr><tr><td>Sud</td><td>12,85</td><td>0,1</td></tr></table>"),
])
def test_a_table_printed_with_decimal_commas_yields_every_value(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    facts = tables.extract(doc).facts
    assert {(f.subject, f.value) for f in facts} == {("Nord", 7.4), ("Nord", 0.093), ("Sud", 12.85), ("Sud", 0.1)}
    page = doc.pages[0].text
    assert {page[f.char_start:f.char_end] for f in facts} == {"7,4", "0,093", "12,85", "0,1"}


@pytest.mark.parametrize("name, text", [
    ("r.md", "| Report | Pages | Size (KB) |\n|---|---:|---:|\n| Annual review | 24 | 810 |\n"
             "| Budget book | 6 | 95 |\n| Audit letter | 11 | 120 |\n"),
    ("r.txt", "Papers for the meeting\n\nPaper\tPages\tSize (KB)\nAnnual review\t24\t810\nBudget book\t6\t95\n"
              "Audit letter\t11\t120\n"),
])
def test_a_pages_column_of_counts_is_facts_not_page_numbers(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = tables.extract(load_document(path))
    assert {(f.subject, f.value) for f in result.facts if f.column == "Pages"} == {
        ("Annual review", 24), ("Budget book", 6), ("Audit letter", 11)}
    assert not [s for s in result.skipped if s.reason == "page_number"]


@pytest.mark.parametrize("text", [  # a list under 'Contents' is no table at all (tests/test_contents_tables.py)
    "Agenda\n\nItem\tPage\nMinutes of the last meeting\t3\nFinance report\t7\nPerformance report\t12\n",
    "Papers\n\nItem\tPages\nMinutes of the last meeting\t3\nFinance report\t7\nPerformance report\t12\n",
])
def test_page_numbers_that_never_go_down_are_the_ledgers(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = tables.extract(load_document(path))
    assert not result.facts
    assert {s.reason for s in result.skipped} == {"page_number"} and len(result.skipped) >= 3


def test_a_contents_list_run_into_a_glossary_keeps_its_page_numbers_out_of_the_facts():
    from tests.test_table_reader import table_document
    grid = [["Introduction", "", "3"], ["Our priorities", "", "5"], ["Spending the grant", "", "11"],
            ["Glossary", "", ""], ["ASB", "Anti-social behaviour", "CSP"], ["", "", "Community Safety Partnership"]]
    result = tables.extract(table_document(grid, title="Contents"))
    assert not result.facts
    assert sorted(s.text for s in result.skipped if s.reason == "page_number") == ["11", "3", "5"]


@pytest.mark.parametrize("text", ["01902 55(1341)", "(01234) 567890", "020 7946 0958", "01632 960 123"])
def test_a_phone_number_however_grouped_is_not_a_quantity(text):
    from extractors.tables.ledger import cell_reason
    assert cell_reason(text) == "phone"


@pytest.mark.parametrize("text", ["1,204", "12345678901", "0.5", "012"])
def test_numbers_are_not_taken_for_phones(text):
    from extractors.tables.ledger import cell_reason
    assert cell_reason(text) != "phone"


def test_a_figure_beside_its_label_in_a_column_of_prose_is_a_table_value(tmp_path):
    text = ("Item\tDescription\n"
            "Outreach\tThe team visited every estate twice during the summer holidays this year\n"
            "Budget\t870,038\n"
            "Mentoring\tVolunteers met young people weekly at the youth centre on the high street\n"
            "Training\tStaff in every school took part in sessions on spotting exploitation early\n"
            "\t57.7%\n"
            "Events\tResidents came to open meetings in the library and the community hall\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    result = tables.extract(doc)
    assert {(f.subject, f.value) for f in result.facts} == {("Budget", 870038)}
    prose = {c.text for c in tables.prose_cells(doc.tables[0])}
    assert "57.7%" in prose and "870,038" not in prose  # alone on its row: the prose above wrapped
