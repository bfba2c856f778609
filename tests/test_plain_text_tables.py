"""Tables in plain text that hold no tabs or markup: space-aligned columns (pdftotext
-layout), flattened rows and one cell per line. Made-up documents; each case asserts the
cells found (rows as data) and that every cell's span holds its text."""
import pytest

from pipeline.loaders.text import text_pages


def found(raw: str, method: str):
    pages, tables = text_pages("doc", raw)
    for table in tables:
        for cell in table.cells:
            assert pages[0].text[cell.char_start:cell.char_end] == cell.text, cell
    return [t for t in tables if t.method == method]


def grid(table):
    return [[c.text for c in row] for row in table.rows()]


ALIGNED_SPANNING = """Table 3: Calls answered by team

                          2021/22               2022/23
Team                 Oct–Dec    Jan–Mar    Apr–Jun    Jul–Sep
North desk               310        295        402        388
Night service             45        n/a         51         60

Figures are running totals from 1 April.
"""


def test_aligned_columns_with_a_spanning_year_header():
    [table] = found(ALIGNED_SPANNING, "aligned")
    assert grid(table)[2:] == [["North desk", "310", "295", "402", "388"],
                               ["Night service", "45", "n/a", "51", "60"]]
    assert table.header_rows == 2 and table.caption == "Table 3: Calls answered by team"
    assert [table.column_path(c) for c in range(5)] == [
        ("Team",), ("2021/22", "Oct–Dec"), ("2021/22", "Jan–Mar"), ("2022/23", "Apr–Jun"), ("2022/23", "Jul–Sep")]
    assert table.notes == ("Figures are running totals from 1 April.",)


def test_aligned_wrapped_labels_join_their_row_above_and_below():
    raw = ("EXPENDITURE\n\n"
           "Mentoring for young people leaving custody and\n"
           "their families                                   £14.2k\n"
           "Street lighting repairs                            £3.1k\n"
           "Victim liaison officer (part year,\n"
           "April to September)                               £9.0k\n"
           "\n"
           "Total                                            £26.3k\n")
    [table] = found(raw, "aligned")
    assert [[" ".join(c.split()) for c in row] for row in grid(table)] == [
        ["Mentoring for young people leaving custody and their families", "£14.2k"],
        ["Street lighting repairs", "£3.1k"],
        ["Victim liaison officer (part year, April to September)", "£9.0k"],
        ["Total", "£26.3k"]]
    assert table.header_rows == 0


def test_aligned_text_columns_and_a_header_line():
    raw = ("Project               Lead body            Spend (£)   Share\n"
           "Safer streets         District council        12,400     41%\n"
           "Youth outreach        Youth service            9,850     33%\n"
           "Helpline              Victim support           7,750     26%\n")
    [table] = found(raw, "aligned")
    assert grid(table) == [["Project", "Lead body", "Spend (£)", "Share"],
                           ["Safer streets", "District council", "12,400", "41%"],
                           ["Youth outreach", "Youth service", "9,850", "33%"],
                           ["Helpline", "Victim support", "7,750", "26%"]]
    assert table.header_rows == 1


@pytest.mark.parametrize("raw", [
    # label: value lines without numbers are a form, not a table
    "Partnership:        Riverside CSP\nAccountable body:   Riverside Council\nContact:    the manager\n",
    # a single aligned line is a sentence with a figure, not a table
    "Grant awarded for the year                    £45,000\n\nThe grant was spent on three projects.\n",
])
def test_aligned_non_tables(raw):
    assert found(raw, "aligned") == []


@pytest.mark.parametrize("raw, expected", [
    ("Service budgets 2022/23 (£000s)\nService Budget Actual % spent Variance\n"
     "Youth diversion 120.5 130.0 108.3% 9.5\nVictim support hub 80.0 75.2 94.0% -4.8\n"
     "Aged 10 to 17 programme 42.0 40.1 95.5% -1.9\n",
     [["Service", "Budget", "Actual", "% spent", "Variance"],
      ["Youth diversion", "120.5", "130.0", "108.3%", "9.5"],
      ["Victim support hub", "80.0", "75.2", "94.0%", "-4.8"],
      ["Aged 10 to 17 programme", "42.0", "40.1", "95.5%", "-1.9"]]),
    # periods as column labels, a missing value as a dash
    ("Indicator Q1 2023/24 Q2 2023/24 Q3 2023/24\nBurglary 41 38 –\nVehicle crime 77 80 69\n",
     [["Indicator", "Q1 2023/24", "Q2 2023/24", "Q3 2023/24"], ["Burglary", "41", "38", "–"],
      ["Vehicle crime", "77", "80", "69"]]),
    # the header names only the value columns; the years line is the header
    ("Ward 2019 2020 2021\nNorthgate 14 17 12\nEastbrook 9 11 10\nMill End 3 5 4\n",
     [["Ward", "2019", "2020", "2021"], ["Northgate", "14", "17", "12"], ["Eastbrook", "9", "11", "10"],
      ["Mill End", "3", "5", "4"]]),
])
def test_flattened_rows_under_a_header(raw, expected):
    [table] = found(raw, "flattened")
    assert (grid(table), table.header_rows) == (expected, 1)


def test_flattened_header_that_does_not_split_spans_the_table():
    raw = "Referrals this year and last\nPolice 120 131\nSchools 40 38\n"
    [table] = found(raw, "flattened")
    assert grid(table)[1:] == [["Police", "120", "131"], ["Schools", "40", "38"]]
    assert table.cells[0].col_span == 3 and table.column_path(2) == ("Referrals this year and last",)


def test_prose_ending_in_a_number_is_not_flattened():
    raw = "The hub met 12 times.\nIt saw 40 people in 2022 and 2023.\nReferrals rose to 64.\n"
    assert found(raw, "flattened") == []


@pytest.mark.parametrize("raw, expected", [
    ("Table 5: Budget monitoring\nService |\nBudget |\nActual |\nYouth diversion |\n120.5 |\n130.0 |\n"
     "Victim support |\n80.0 |\n75.2 |\n",
     [["Service", "Budget", "Actual"], ["Youth diversion", "120.5", "130.0"], ["Victim support", "80.0", "75.2"]]),
    # no pipes, blank lines between cells, a header naming only the value columns
    ("Q1\n\nQ2\n\nNorth\n\n14\n\n19\n\nSouth\n\n8\n\n7\n",
     [["", "Q1", "Q2"], ["North", "14", "19"], ["South", "8", "7"]]),
    # one value per row needs three rows
    ("Area |\nCases |\nHilltop |\n31 |\nRiverside |\n12 |\nMarket |\n9 |\n",
     [["Area", "Cases"], ["Hilltop", "31"], ["Riverside", "12"], ["Market", "9"]]),
])
def test_one_cell_per_line(raw, expected):
    [table] = found(raw, "cell-lines")
    assert (grid(table), table.header_rows) == (expected, 1)


def test_a_short_list_of_labelled_figures_is_not_a_cell_table():
    raw = "Highlights\nReferrals\n120\nVolunteers\n14\n"
    assert found(raw, "cell-lines") == []


def test_tab_table_upper_header_labels_span_the_empty_cells_after_them():
    raw = "Calls answered\n\n\t2022/23\t\t2023/24\t\nTeam\tQ1\tQ2\tQ1\tQ2\nNorth\t4\t5\t6\t7\n\nSource: call logs.\n"
    [table] = found(raw, "tsv")
    assert table.header_rows == 2 and table.caption == "Calls answered" and table.notes == ("Source: call logs.",)
    assert [table.column_path(c) for c in range(5)] == [
        ("Team",), ("2022/23", "Q1"), ("2022/23", "Q2"), ("2023/24", "Q1"), ("2023/24", "Q2")]


@pytest.mark.parametrize("raw, header_rows", [
    ("Instalment\tWhen paid\tAmount (£)\nFirst\tMay\t1,500\nSecond\tNovember\t1,500\n", 1),  # labels over numbers
    ("Area\t2019\t2020\nNorth\t12\t15\n", 1),  # years name columns, they are not figures
    ("North\t12\t15\nSouth\t3\t4\n", 0),
    ("Status\tMeaning\nGreen\tOn track\nRed\tOff track\n", 0),  # all text: nothing says which row heads it
])
def test_tab_table_header_rows(raw, header_rows):
    [table] = found(raw, "tsv")
    assert table.header_rows == header_rows


def test_justified_prose_with_wide_gaps_is_not_an_aligned_table():
    raw = ("The  partnership  funded  12  projects  in  the  year  and  spent\n"
           "most  of  the  grant  on  3  youth  schemes  run  by  4  partners,\n"
           "with  the  rest  held  back  for  2  small  bids  and  1  review.\n")
    assert found(raw, "aligned") == []
