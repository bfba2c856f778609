"""A table's labels against its values in tables.parquet: header rows and the columns of row
labels (names, dates, codes) are headers; every column that states a quantity, or that a fact
was read from, stays body, so coverage still counts each of its numbers."""
import pytest

from pipeline.output.writer import table_rows
from pipeline.process import process_document


def _columns(tmp_path, name: str, text: str) -> dict[int, set[bool]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = process_document(path)
    assert result.document.status == "ok" and result.document.tables
    found: dict[int, set[bool]] = {}
    for row in table_rows(result.document):
        if row["row"] > 0:  # the body
            found.setdefault(row["col"], set()).add(row["is_header"])
    return found


NOTICES = [  # date and name columns before the count, in three layouts
    ("n.txt", "Notices received\n\nNotice date\tCompany\tCity\tEmployees\n06/22/2015\tAcme Ltd\tLeeds\t150\n"
              "06/30/2015\tBrill plc\tYork\t137\n07/01/2015\tCorvid Ltd\tHull\t90\n"),
    ("n.md", "| Received | Ref | Employer | Staff affected |\n|---|---|---|---:|\n"
             "| 3 May 2016 | WN-104 | Acme Ltd | 150 |\n| 9 May 2016 | WN-107 | Brill plc | 137 |\n"
             "| 1 June 2016 | WN-112 | Corvid Ltd | 90 |\n"),
    ("n.html", "<table><tr><th>Date</th><th>Employer</th><th>Staff</th></tr>"
               "<tr><td>2016-05-03</td><td>Acme Ltd</td><td>150</td></tr>"
               "<tr><td>2016-05-09</td><td>Brill plc</td><td>137</td></tr>"
               "<tr><td>2016-06-01</td><td>Corvid Ltd</td><td>90</td></tr></table>"),
    ("p.txt", "Papers for the board\n\nPaper\tPage\tCost (£)\nMinutes of the last meeting\t3\t1,200\n"
              "Finance report\t7\t3,400\nPerformance report\t12\t560\n"),  # page numbers: the ledger's
]


@pytest.mark.parametrize("name, text", NOTICES)
def test_columns_of_dates_names_and_codes_are_row_labels(tmp_path, name, text):
    columns = _columns(tmp_path, name, text)
    last = max(columns)
    assert columns[last] == {False}  # the counts are values
    assert all(columns[col] == {True} for col in columns if col != last)


def test_a_misprinted_year_is_still_a_date(tmp_path):
    columns = _columns(tmp_path, "n.txt", "Notices\n\nNotice date\tCompany\tEmployees\n06/22/2015\tAcme\t150\n"
                                          "05/15/5016\tBrill\t137\n07/01/2015\tCorvid\t90\n")
    assert columns[0] == {True} and columns[2] == {False}


@pytest.mark.parametrize("name, text", [
    ("c.txt", "Performance\n\nIndicator\t2015/16\tCommentary\nBurglary\t119\tUp 16.8% (20 offences) on last year.\n"
              "Robbery\t17\tRose from 17 to 20 offences.\n"),
    ("c.md", "| Indicator | 2015/16 | Commentary |\n|---|---:|---|\n| Burglary | 119 | Up 16.8% (20 offences) on "
             "last year. |\n| Robbery | 17 | Rose from 17 to 20 offences. |\n"),
])
def test_a_commentary_column_read_for_facts_stays_body(tmp_path, name, text):
    columns = _columns(tmp_path, name, text)
    assert columns[0] == {True}  # the indicator names
    assert columns[1] == {False} and columns[2] == {False}


def test_a_column_with_one_quantity_among_dates_stays_body(tmp_path):
    columns = _columns(tmp_path, "d.txt", "Log\n\nItem\tWhen\tCount\nVisits\t06/22/2015\t15\n"
                                          "Calls\t312\t18\nLetters\t07/01/2015\t9\n")
    assert columns[1] == {False}  # '312' states a number: the column is not all labels


ACCOUNTED = [  # shares with their counts, prose in cells, labels with digits
    ("k.txt", "Outcomes\n\nIndicator\tQ1 2015/16\tQ2 2015/16\tCommentary\n"
              "Orders completed\t81.0% (114 of 141)\t8.2% (5/61)\tSessions ran for 8-16 year olds within 6 months.\n"
              "Repeat victims\t24%\t23.1%\tDown 3 on the quarter before.\n"),
    ("k.md", "| Indicator | Q1 2015/16 | Q2 2015/16 | Commentary |\n|---|---|---|---|\n"
             "| Orders completed | 76.7% 142 cases closed; 109 completed | 60% (25/42) | Aimed at 13-17 year olds. |\n"
             "| Repeat victims | 24% | 23.1% | Level with last year. |\n"),
]


@pytest.mark.parametrize("name, text", ACCOUNTED)
def test_every_number_in_every_cell_is_a_fact_or_a_reasoned_skip(tmp_path, name, text):
    from pipeline.model.numbers import NUMERIC_TOKEN
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = process_document(path)
    covered = [(f.char_start, f.char_end) for f in result.facts] + \
        [(s.char_start, s.char_end) for s in result.skipped if s.reason != "unclassified"]
    for table in result.document.tables:
        for cell in table.cells:
            for m in NUMERIC_TOKEN.finditer(cell.text):
                start, end = cell.char_start + m.start(), cell.char_start + m.end()
                assert any(a < end and b > start for a, b in covered), (cell.text, m.group(0))
    shares = {s.text for s in result.skipped if s.reason == "share_counts"}
    assert shares >= ({"114", "141", "5", "61"} if name.endswith(".txt") else {"142", "109", "25", "42"})


@pytest.mark.parametrize("numbers", ["(1)\t(2)\t(3)", "1\t2\t3"])
def test_a_row_that_numbers_the_columns_is_part_of_the_header(tmp_path, numbers):
    text = ("Cases by outcome\n\nArea\tCharged\tCautioned\tNo further action\n"
            f"\t{numbers}\nNorth\t120\t45\t300\nSouth\t98\t51\t276\nTotal\t218\t96\t576\n")
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    result = process_document(path)
    assert {f.value for f in result.facts if f.table_id} == {120, 45, 300, 98, 51, 276, 218, 96, 576}
    assert {s.text for s in result.skipped if s.table_id} >= {"1", "2", "3"}
    assert not result.flags  # the numbering row is no line of the total
