"""HTML and Markdown tables in text inputs: structure read by real parsers (html.parser,
markdown-it-py), every cell grounded in the page text. The documents are made up."""
import time

import pytest

from pipeline.loaders.text import text_pages


def tables_of(raw: str):
    pages, tables = text_pages("doc", raw)
    text = pages[0].text
    for table in tables:
        for cell in table.cells:
            assert text[cell.char_start:cell.char_end] == cell.text, cell
    return tables


def grid(table):
    return [[c.text for c in row] for row in table.rows()]


def test_html_spans_head_rows_and_caption_resolve_column_paths():
    raw = ("<table><caption>Table 4: Calls answered by quarter</caption>"
           "<thead><tr><th rowspan='2'>Team</th><th colspan='2'>2021/22</th><th colspan=\"2\">2022/23</th></tr>"
           "<tr><th>Oct–Dec</th><th>Jan–Mar</th><th>Apr–Jun</th><th>Jul–Sep</th></tr></thead>"
           "<tbody><tr><td>North desk</td><td>310</td><td>295</td><td>402</td><td>388</td></tr>"
           "<tr><td>South desk</td><td>120</td><td>131</td><td>140</td><td>152</td></tr></tbody></table>\n"
           "Source: switchboard logs. Figures are running totals.\n")
    [table] = tables_of(raw)
    assert (table.method, table.header_rows, table.caption) == ("html", 2, "Table 4: Calls answered by quarter")
    assert grid(table)[2:] == [["North desk", "310", "295", "402", "388"],
                               ["South desk", "120", "131", "140", "152"]]
    assert [table.column_path(c) for c in range(5)] == [
        ("Team",), ("2021/22", "Oct–Dec"), ("2021/22", "Jan–Mar"), ("2022/23", "Apr–Jun"), ("2022/23", "Jul–Sep")]
    assert table.notes == ("Source: switchboard logs. Figures are running totals.",)


def test_html_rowspan_in_the_body_pushes_later_cells_right():
    raw = ("<table><tr><th>Area</th><th>Measure</th><th>Count</th></tr>"
           "<tr><td rowspan=2>Eastfield</td><td>Thefts</td><td>44</td></tr>"
           "<tr><td>Assaults</td><td>17</td></tr></table>")
    [table] = tables_of(raw)
    assert grid(table) == [["Area", "Measure", "Count"], ["Eastfield", "Thefts", "44"], ["", "Assaults", "17"]]
    assert table.header_rows == 1 and table.cells[3].row_span == 2


def test_nested_table_is_its_own_table_and_not_part_of_its_cell():
    raw = ("<table><tr><td>Grant</td><td>£9,000</td></tr>"
           "<tr><td>Breakdown<table><tr><td>Staff</td><td>£6,500</td></tr>"
           "<tr><td>Venues</td><td>£2,500</td></tr></table></td><td></td></tr></table>")
    outer, inner = tables_of(raw)
    assert grid(outer) == [["Grant", "£9,000"], ["Breakdown", ""]]
    assert grid(inner) == [["Staff", "£6,500"], ["Venues", "£2,500"]]


def test_tag_soup_reads_as_a_browser_would():
    """Implied </td> and </tr>, entities, <br> and inline tags inside cells."""
    raw = ("<TABLE border=1><TR><TD>Youth &amp; family<br>work<TD><b>1,250</b>"
           "<TR><TD>Street <i>pastors</i><TD>&pound;980</TABLE>")
    [table] = tables_of(raw)
    assert grid(table) == [["Youth & family work", "1,250"], ["Street pastors", "£980"]]


def test_an_unclosed_table_ends_after_its_last_whole_cell_and_loses_no_text():
    raw = "Intro line.\n<table><tr><td>Hub visits</td><td>64</td></tr><tr><td>Open\nThe rest of the report says 12 things."
    pages, tables = text_pages("doc", raw)
    assert [grid(t) for t in tables] == [[["Hub visits", "64"]]]
    assert "The rest of the report says 12 things." in pages[0].text


def test_many_unclosed_table_tags_cost_linear_time():
    raw = "Spend 2019/20\n" + "<table>" * 40000 + "\nLine after 1,200\n" * 200
    start = time.perf_counter()
    pages, tables = text_pages("doc", raw)
    assert time.perf_counter() - start < 5  # the regex reader took minutes on inputs like this
    assert tables == [] and "Line after 1,200" in pages[0].text


@pytest.mark.parametrize("raw, expected", [
    # outer pipes, aligned delimiter row, an escaped pipe inside a cell, a short row
    ("| Scheme | Budget | Spent |\n|:---|---:|---:|\n| Lights \\| cameras | 4,000 | 3,100 |\n"
     "| Kit | 250 |\n",
     [["Scheme", "Budget", "Spent"], ["Lights | cameras", "4,000", "3,100"], ["Kit", "250", ""]]),
    # no outer pipes, bold cell
    ("Ward | Q1 | Q2\n--- | --- | ---\nRiverside | **17** | 21\nHilltop | 9 | 11\n",
     [["Ward", "Q1", "Q2"], ["Riverside", "17", "21"], ["Hilltop", "9", "11"]]),
])
def test_markdown_tables_through_markdown_it(raw, expected):
    [table] = tables_of("Intro paragraph.\n\nTable 2: Schemes\n" + raw + "\nNote: figures are provisional.\n")
    assert (grid(table), table.method, table.header_rows) == (expected, "markdown", 1)
    assert table.caption == "Table 2: Schemes" and table.notes == ("Note: figures are provisional.",)


def test_a_markdown_table_inside_a_list_item_is_found():
    raw = "- Outcomes this year:\n\n  | Course | Completed |\n  |---|---|\n  | First aid | 31 |\n"
    [table] = tables_of(raw)
    assert grid(table) == [["Course", "Completed"], ["First aid", "31"]]


def test_pipe_rows_without_a_delimiter_row_stay_a_tab_table():
    raw = "Referrals\n\n| Police | 120 | 131 |\n| Schools | 40 | 38 |\n"
    [table] = tables_of(raw)
    assert (grid(table), table.method) == ([["Police", "120", "131"], ["Schools", "40", "38"]], "tsv")


def test_deeply_nested_tables_cost_linear_time():
    depth = 3000
    raw = "<table><tr><td>" * depth + "Core\t7" + "</td></tr></table>" * depth
    start = time.perf_counter()
    tables = tables_of(raw)
    assert time.perf_counter() - start < 5
    assert [grid(t) for t in tables] == [[["Core 7"]]]
