"""The general table reader on small tables written for these tests: every layout and typing
the reader keys on, in several wordings each. Facts are asserted as data."""
import pytest

from extractors import tables
from extractors import extract_facts
from pipeline.loaders import load_document


def read(tmp_path, text, name="r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    result = tables.extract(doc)
    for f in result.facts:  # grounded: the span holds the printed number
        span = doc.pages[f.page - 1].text[f.char_start:f.char_end].replace(",", "")
        assert any(f"{v:g}" in span for v in (abs(f.value), abs(f.value) / 1000, abs(f.value) / 1e6)), (f, span)
    return result


def rows(result, *fields):
    return {tuple(getattr(f, k) for k in fields) for f in result.facts}


@pytest.mark.parametrize("labels", [
    ("Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar"),
    ("April to June", "July to September", "October to December", "January to March"),
    ("Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"),
    ("Q1", "Q2", "Q3", "Q4"),
])
def test_quarter_columns_in_words_take_the_year_of_the_title(tmp_path, labels):
    text = ("Scorecard 2018/19\n\nMeasure\tTarget\t" + "\t".join(labels) + "\tYear to date\n"
            "Shed fires\t90\t21\t25\t19\t18\t83\n"
            "Repeat callers (%)\t30%\t31%\t28%\t27%\t26%\t28%\n")
    got = rows(read(tmp_path, text), "kind", "subject", "period", "value", "unit")
    assert got >= {
        ("kpi_target", "Shed fires", "2018-19", 90, "count"),
        ("kpi_value", "Shed fires", "2018-19 Q1", 21, "count"),
        ("kpi_value", "Shed fires", "2018-19 Q3", 19, "count"),
        ("kpi_value", "Shed fires", "2018-19", 83, "count"),
        ("kpi_value", "Repeat callers (%)", "2018-19 Q4", 26, "percent"),
    }


@pytest.mark.parametrize("header, name", [("District", "r.md"), ("Ward", "r.md"), ("Partnership", "r.md")])
def test_an_area_stub_column_gives_the_area(tmp_path, header, name):
    text = (f"| {header} | Indicator | 2020/21 | 2021/22 |\n|---|---|---:|---:|\n"
            "| Northbrook | Cycle thefts | 210 | 198 |\n| Eastmere | Cycle thefts | 87 | 95 |\n"
            "| Eastmere | Arson | 12 | 9 |\n")
    result = read(tmp_path, text, name)
    got = rows(result, "kind", "area", "subject", "period", "value")
    assert got == {("kpi_value", "Northbrook", "Cycle thefts", "2020-21", 210),
                   ("kpi_value", "Northbrook", "Cycle thefts", "2021-22", 198),
                   ("kpi_value", "Eastmere", "Cycle thefts", "2020-21", 87),
                   ("kpi_value", "Eastmere", "Cycle thefts", "2021-22", 95),
                   ("kpi_value", "Eastmere", "Arson", "2020-21", 12),
                   ("kpi_value", "Eastmere", "Arson", "2021-22", 9)}
    assert all("Eastmere" in f.text for f in result.facts if f.area == "Eastmere")


def test_a_column_of_place_names_without_a_header_word_is_an_area(tmp_path):
    text = ("Area\tOffence\t2016/17\t2017/18\n"
            "Kingsbury Borough\tShoplifting\t400\t420\nKingsbury Borough\tRobbery\t40\t38\n"
            "Lowfield District\tShoplifting\t150\t171\n")
    got = rows(read(tmp_path, text), "area", "subject", "value")
    assert ("Lowfield District", "Shoplifting", 171) in got


@pytest.mark.parametrize("label, period", [("Baseline 2015/16", "2015-16"), ("Baseline (2019/20)", "2019-20"),
                                           ("Baseline", "")])
def test_a_baseline_column_is_a_baseline_not_a_period_value(tmp_path, label, period):
    text = f"Indicator\t{label}\tQ1 2020/21\tQ2 2020/21\nBike theft\t119\t31\t27\n"
    got = rows(read(tmp_path, text), "kind", "period", "value")
    assert ("kpi_baseline", period, 119) in got
    assert ("kpi_value", "2020-21 Q1", 31) in got
    assert not any(kind == "kpi_value" and value == 119 for kind, _, value in got)


@pytest.mark.parametrize("cell, value, direction", [
    ("12,589 (4.3% reduction)", 4.3, "decrease"), ("7,320 (2.1% increase)", 2.1, "increase"),
    ("955 (down 6%)", 6, "decrease"), ("410 (up 12.5%)", 12.5, "increase"),
])
def test_a_count_with_its_change_in_brackets_keeps_the_change(tmp_path, cell, value, direction):
    text = f"Indicator\tQ1 2013/14\tQ2 2013/14\nTotal crime\t6,001\t{cell}\n"
    got = rows(read(tmp_path, text), "kind", "value", "unit", "direction", "period")
    assert ("change", value, "percent", direction, "2013-14 Q2") in got


@pytest.mark.parametrize("above,header", [
    ("Grant allocated to the partnership for 2021/22: £40,000", "Spend 2021/22 (£)"),
    ("The Commissioner awarded £40,000 of funding for 2021/22.", "Expenditure (£)"),
    ("Funding received 2021/22: £40,000", "Amount spent"),
])
def test_a_spend_column_under_a_line_about_the_grant_is_spend(tmp_path, above, header):
    text = f"Annual return 2021/22\n\n{above}\n\nScheme\t{header}\nMentoring\t18,200\nCCTV\t23,950\nTotal\t42,150\n"
    got = sorted((f.kind, f.role, f.value) for f in read(tmp_path, text).facts)
    assert got == [("spend_item", "item", 18200), ("spend_item", "item", 23950), ("spend_total", "total", 42150)]


@pytest.mark.parametrize("caption", ["Grant allocations 2019/20", "Allocations to partnerships, 2019/20",
                                     "Funding awarded in 2019/20 (£)"])
def test_a_table_of_allocations_is_allocations_not_spend(tmp_path, caption):
    text = (f"{caption}\n\nPartnership\tAmount\nHillside CSP\t£24,000\nRiverside CSP\t£31,500\n"
            "Moorland CSP\t£18,250\nTotal\t£73,750\n")
    got = [(f.kind, f.role, f.value, f.period) for f in read(tmp_path, text).facts]
    assert got == [("allocation", "item", 24000, "2019-20"), ("allocation", "item", 31500, "2019-20"),
                   ("allocation", "item", 18250, "2019-20"), ("spend_total", "total", 73750, "2019-20")]


@pytest.mark.parametrize("caption, factor", [
    ("Spend by service (£000s)", 1000), ("Spend by service, £ thousands", 1000),
    ("Spend by service (£m)", 1e6), ("Spend by service (£)", 1)])
def test_money_scale_from_the_caption(tmp_path, caption, factor):
    text = f"{caption}\n\nService\tSpend\nPatrols\t12.5\nCCTV\t4.5\nOutreach\t3.0\nTotal\t20.0\n"
    got = [(f.kind, f.value) for f in read(tmp_path, text).facts]
    assert got == [("spend_item", 12.5 * factor), ("spend_item", 4.5 * factor), ("spend_item", 3.0 * factor),
                   ("spend_total", 20.0 * factor)]


def test_a_table_nobody_recognises_still_yields_typed_facts(tmp_path):
    text = ("Referrals by age and sex\n\nAge band\tMale\tFemale\tShare of all (%)\n"
            "Under 18\t41\t37\t12.0\n18 to 24\t102\t96\t30.5\n25 and over\t190\t183\t57.5\n")
    result = read(tmp_path, text)
    got = rows(result, "kind", "subject", "column", "value", "unit")
    assert ("count", "Under 18", "Male", 41, "count") in got
    assert ("count", "25 and over", "Female", 183, "count") in got
    assert ("percent", "18 to 24", "Share of all (%)", 30.5, "percent") in got
    assert len(result.facts) == 9


def test_unit_from_the_column_label(tmp_path):
    text = ("Station\tAverage response (days)\tRate per 1,000\tFee (£)\n"
            "North\t4.5\t12.1\t1,200\nSouth\t6.0\t9.8\t950\n")
    got = rows(read(tmp_path, text), "subject", "value", "unit", "kind")
    assert {("North", 4.5, "days", "count"), ("South", 950, "gbp", "amount"), ("North", 12.1, "count", "count")} <= got


@pytest.mark.parametrize("header", ["Change", "+/-", "Difference"])
def test_change_columns_take_their_direction_from_the_sign(tmp_path, header):
    text = (f"Offence\t2017/18\t2018/19\t{header}\t% change\nBurglary\t58\t46\t-12\t-20.7%\n"
            "Robbery\t20\t25\t+5\t+25.0%\nArson\t9\t8\t(1)\t(11.1%)\n")
    got = rows(read(tmp_path, text), "subject", "kind", "value", "unit", "direction")
    assert {("Burglary", "change", 12, "count", "decrease"), ("Burglary", "change", 20.7, "percent", "decrease"),
            ("Robbery", "change", 5, "count", "increase"), ("Arson", "change", 1, "count", "decrease")} <= got


def test_numbers_that_are_not_facts_go_to_the_ledger_with_a_reason(tmp_path):
    text = ("Contents\n\nIntroduction\t3\nPerformance\t5\nFinance\t9\n\n"
            "Ref\tProject\tYear\tSessions\nP-104\tBoxing club\t2019/20\t48\nP-107\tArt in parks\t2019/20\t30\n")
    result = read(tmp_path, text)
    assert rows(result, "subject", "value") == {("Boxing club", 48), ("Art in parks", 30)}
    whole = extract_facts(load_document(tmp_path / "r.txt"))  # the contents list is prose: the prose ledger's
    reasons = {(s.text, s.reason) for s in result.skipped + whole.skipped}
    assert {("3", "page_number"), ("9", "page_number"), ("104", "reference")} <= reasons
    assert any(s.reason == "period_label" for s in result.skipped)
    assert not any(s.reason in ("", "other") for s in result.skipped)


def test_section_rows_head_the_subject(tmp_path):
    text = ("Outcome\tNumber\nHousing\t\nTenancies saved\t31\nEvictions\t4\nHealth\t\nGP registrations\t19\n")
    got = rows(read(tmp_path, text), "subject", "value")
    assert got == {("Housing › Tenancies saved", 31), ("Housing › Evictions", 4), ("Health › GP registrations", 19)}


def table_document(grid, title="Performance 2016/17"):
    """A document whose one table has the given rows of cell texts (as a PDF loader gives
    them), each cell spanning its text in the page."""
    from pipeline.model import Cell, Document, Page, Table
    text, cells = title + "\n", []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value:
                cells.append(Cell(r, c, value, 1, len(text), len(text) + len(value)))
            text += value + " "
        text += "\n"
    table = Table("t1", 1, tuple(cells), heading=title, method="stream")
    return Document("d1", "r.pdf", "r.pdf", "d1", "pdf", "ok", pages=(Page(1, text),), tables=(table,),
                    period="2016-17")


@pytest.mark.parametrize("wrapped", [
    [["Violence with", "41.8%", "42.9%", "38.2%"], ["injury: positive", "", "(15 of", "(13/34)"],
     ["outcome rate (%)", "", "35)", ""]],
    [["Victims engaging", "58.0%", "57.4%", "59.7%"], ["with support (%)", "", "(78 of 136)", "(83 of 139)"]],
])
def test_a_label_wrapped_over_rows_with_its_ratios_is_one_indicator(wrapped):
    grid = [["Indicator", "Baseline", "Q1", "Q2"], ["", "2015/16", "2016/17", "2016/17"]] + wrapped
    result = tables.extract(table_document(grid))
    subject = " ".join(row[0] for row in wrapped)
    got = {(f.kind, f.subject, f.period, f.value, f.unit) for f in result.facts}
    first = wrapped[0]
    assert got == {("kpi_baseline", subject, "2015-16", float(first[1][:-1]), "percent"),
                   ("kpi_value", subject, "2016-17 Q1", float(first[2][:-1]), "percent"),
                   ("kpi_value", subject, "2016-17 Q2", float(first[3][:-1]), "percent")}
    q1 = next(f for f in result.facts if f.period == "2016-17 Q1")
    assert q1.denominator in (35, 136) and q1.numerator in (15, 78)
    assert {s.reason for s in result.skipped if s.row >= 3} == {"wrapped_ratio"}


@pytest.mark.parametrize("year, quarters, expected", [
    ("2022/23", ("Apr–Jun", "Jul–Sep"), ("2022-23 Q1", "2022-23 Q2")),
    ("2019/20", ("October to December", "January to March"), ("2019-20 Q3", "2019-20 Q4")),
])
def test_a_year_spanning_its_quarters_gives_each_column_its_path(tmp_path, year, quarters, expected):
    text = (f"<table><tr><th></th><th colspan=\"2\">{year}</th></tr>"
            f"<tr><th>Measure</th><th>{quarters[0]}</th><th>{quarters[1]}</th></tr>"
            "<tr><td>Calls answered</td><td>1,020</td><td>990</td></tr></table>\n")
    result = read(tmp_path, text, "r.html")
    got = {(f.period, f.column, f.value) for f in result.facts}
    assert got == {(expected[0], f"{year} › {quarters[0]}", 1020), (expected[1], f"{year} › {quarters[1]}", 990)}


@pytest.mark.parametrize("text, reason", [
    ("12/03/2019", "date"), ("31 March 2019", "date"), ("07-Sep-15", "date"), ("20 Oct 2015", "date"),
    ("2014-04-23", "date"), ("10:30", "time"), ("9am", "time"),
    ("P-104", "reference"), ("Item 4", "reference"), ("4.", "list_number"), ("2019/20", "period_label"),
    ("Quarter 3", "period_label"), ("01632 960 123", "phone"),
    ("12.50", ""), ("3.45", ""), ("12 cases", ""), ("1,204", ""), ("45%", ""), ("£2,000", ""),
])
def test_why_a_cell_is_not_a_fact(text, reason):
    from extractors.tables.ledger import cell_reason
    assert cell_reason(text) == reason


def test_a_row_label_run_into_its_value_keeps_both():
    grid = [["Sector", "Share (%)", "Average ($)"], ["Public 4-year 32.6", "41.0", "9,500"],
            ["Private 4-year 29.7", "38.2", "12,100"], ["Total 31.4", "40.1", "10,300"]]
    result = tables.extract(table_document(grid, title="Borrowing by sector"))
    got = {(f.subject, f.value) for f in result.facts if f.col == 0}
    assert got == {("Public 4-year", 32.6), ("Private 4-year", 29.7), ("Total", 31.4)}
    assert ("Public 4-year 32.6", 41.0) not in {(f.subject, f.value) for f in result.facts}


def test_a_number_inside_a_label_phrase_stays_in_the_label():
    grid = [["Priority", "2018/19", "2019/20"], ["Reduce violence by 5%", "410", "388"],
            ["Cut repeat calls to 12.5%", "220", "205"]]
    result = tables.extract(table_document(grid, title="Priorities"))
    assert not any(f.col == 0 for f in result.facts)
    assert {s.reason for s in result.skipped if s.col == 0} == {"label_text"}
