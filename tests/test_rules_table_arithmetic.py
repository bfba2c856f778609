"""Table arithmetic from structure: total rows, county totals above districts, subtotals,
year to date against quarters (never rates, never running totals)."""
from dataclasses import replace

import pytest

from pipeline.rules import check_document
from tests.inline_facts import Page1


def table(text: str, header: list[str], periods: list[str] | None = None, units: dict | None = None,
          kinds: dict | None = None) -> Page1:
    """Facts for every number of a tab table; row 0 is the header, col 0 the row label."""
    page = Page1(text)
    lines = text.strip("\n").split("\n")
    offset = 0
    for r, line in enumerate(lines):
        cells = line.split("\t")
        for c, cell in enumerate(cells):
            start = text.index(cell, offset) if cell else offset
            offset = start + len(cell)
            if r == 0 or c == 0 or not cell.strip():
                continue
            period = (periods or [""] * len(header))[c]
            page.fact(cell, after=text[:start], source="table", kind=(kinds or {}).get(c, "kpi_value"),
                      table_id="t1", row=r, col=c, subject=cells[0], column=header[c], period=period,
                      unit=(units or {}).get(c, "count"), role="value")
    return page


def rules(page: Page1) -> list[tuple]:
    return [(f.rule_id, f.observed, f.expected) for f in check_document(page.document, page.made)]


DISTRICTS = "District\t2022/23\t2023/24\nAdur\t458\t469\nArun\t1,010\t1,058\nCrawley\t1,475\t1,534\n{label}\t{a}\t{b}\n"


@pytest.mark.parametrize("label", ["County total", "Total", "West Sussex total", "All districts"])
def test_a_total_row_equal_to_its_lines_is_consistent(label):
    page = table(DISTRICTS.format(label=label, a="2,943", b="3,061"), ["", "2022/23", "2023/24"],
                 ["", "2022-23", "2023-24"])
    assert rules(page) == []


def test_a_total_row_off_by_more_than_rounding_is_flagged_in_that_column_only():
    page = table(DISTRICTS.format(label="County total", a="2,943", b="3,034"), ["", "2022/23", "2023/24"],
                 ["", "2022-23", "2023-24"])
    assert rules(page) == [("table-total-matches-lines", 3034, 3061)]


def test_a_county_total_stated_above_its_districts():
    text = "Area\tOffences\nWest Sussex\t3,100\nAdur\t458\nArun\t1,010\nCrawley\t1,475\n"
    page = table(text.replace("West Sussex", "County total"), ["", "Offences"])
    assert rules(page) == [("table-total-matches-lines", 3100, 2943)]


def test_subtotals_by_section_and_a_grand_total():
    text = ("Service\tCases\nNorth A\t10\nNorth B\t20\nSubtotal\t30\nSouth A\t5\nSouth B\t7\n"
            "Subtotal\t13\nTotal\t43\n")
    page = table(text, ["", "Cases"])
    # the second subtotal is off; the grand total agrees with the subtotals (30 + 13)
    assert rules(page) == [("table-total-matches-lines", 13, 12)]


def test_an_indicator_named_total_that_is_not_a_sum_is_left_alone():
    text = "Indicator\t2023/24\nTotal recorded crime\t9,000\nBurglary\t400\nViolence\t2,000\n"
    assert rules(table(text, ["", "2023/24"], ["", "2023-24"])) == []


def test_percentages_and_rates_in_a_total_row_are_not_summed():
    text = "Area\tShare\nA\t40%\nB\t35%\nTotal\t100%\n"
    assert rules(table(text, ["", "Share"], units={1: "percent"})) == []


QUARTERS = ["", "Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar", "Year to date"]
Q_PERIODS = ["", "2017-18 Q1", "2017-18 Q2", "2017-18 Q3", "2017-18 Q4", "2017-18"]


def test_year_to_date_equal_to_its_quarters():
    text = "Indicator\tApr-Jun\tJul-Sep\tOct-Dec\tJan-Mar\tYear to date\nIncidents\t948\t987\t1,004\t1,032\t3,971\n"
    assert rules(table(text, QUARTERS, Q_PERIODS)) == []


def test_year_to_date_short_of_its_quarters_is_flagged():
    text = "Indicator\tApr-Jun\tJul-Sep\tOct-Dec\tJan-Mar\tYear to date\nIncidents\t948\t987\t1,004\t1,032\t3,871\n"
    assert rules(table(text, QUARTERS, Q_PERIODS)) == [("year-to-date-matches-quarters", 3871, 3971)]


def test_a_year_to_date_after_three_quarters_sums_those_three():
    text = "Indicator\tQ1\tQ2\tQ3\tYTD\nIncidents\t10\t12\t14\t36\nOffences\t5\t5\t5\t16\n"
    page = table(text, ["", "Q1", "Q2", "Q3", "YTD"], ["", "2017-18 Q1", "2017-18 Q2", "2017-18 Q3", "2017-18"])
    assert rules(page) == [("year-to-date-matches-quarters", 16, 15)]


def test_percentage_rows_are_never_summed():
    text = "Indicator\tApr-Jun\tJul-Sep\tOct-Dec\tJan-Mar\tYear to date\nRepeat rate\t24%\t27%\t31%\t29%\t28%\n"
    page = table(text, QUARTERS, Q_PERIODS, units={c: "percent" for c in range(1, 6)})
    assert rules(page) == []


def test_running_totals_are_not_summed():
    text = ("Indicator\tApr-Jun\tJul-Sep\tOct-Dec\tJan-Mar\tYear to date\n"
            "Cases\t10\t25\t38\t50\t50\n")  # rising to the year figure: cumulative
    assert rules(table(text, QUARTERS, Q_PERIODS)) == []
    labelled = ["", "Q1 (cumulative)", "Q2 (cumulative)", "Q3 (cumulative)", "Q4 (cumulative)", "Annual"]
    text = "Indicator\tQ1\tQ2\tQ3\tQ4\tAnnual\nCases\t10\t25\t20\t50\t51\n"
    assert rules(table(text, labelled, Q_PERIODS)) == []


def test_a_target_for_the_year_is_not_a_year_total():
    text = "Indicator\tTarget\tApr-Jun\tJul-Sep\tOct-Dec\tJan-Mar\nOffences\t540\t139\t128\t151\t117\n"
    page = table(text, ["", "Target", *QUARTERS[1:5]], ["", "2017-18", *Q_PERIODS[1:5]], kinds={1: "kpi_target"})
    assert rules(page) == []


CHANGES = "Indicator\t2022/23\t2023/24\t% change\nVWI\t715\t930\t{pct}\nWeapons\t66\t94\t42.4%\n"


@pytest.mark.parametrize("pct", ["30.1%", "30%", "+30.1%"])
def test_a_percent_change_column_agreeing_with_its_periods(pct):
    page = table(CHANGES.format(pct=pct), ["", "2022/23", "2023/24", "% change"], ["", "2022-23", "2023-24", "2023-24"],
                 units={3: "percent"}, kinds={3: "change"})
    assert rules(page) == []


def test_a_percent_change_column_against_its_periods_is_flagged():
    page = table(CHANGES.format(pct="26.3%"), ["", "2022/23", "2023/24", "% change"],
                 ["", "2022-23", "2023-24", "2023-24"], units={3: "percent"}, kinds={3: "change"})
    assert rules(page) == [("table-change-matches-columns", 26.3, 30.07)]


def test_a_signed_change_of_the_wrong_sign_is_flagged():
    text = "Indicator\t2022/23\t2023/24\tChange\nVWI\t715\t930\t-215\n"
    page = table(text, ["", "2022/23", "2023/24", "Change"], ["", "2022-23", "2023-24", "2023-24"], kinds={3: "change"})
    page.made[-1] = replace(page.made[-1], value=-215.0)  # as a reader stores a signed cell
    assert [r[0] for r in rules(page)] == ["table-change-matches-columns"]
    page = table(text.replace("-215", "215"), ["", "2022/23", "2023/24", "Change"],
                 ["", "2022-23", "2023-24", "2023-24"], kinds={3: "change"})
    assert rules(page) == []


SHARES = "Source\tReferrals\t% of total\nPolice\t702\t{a}\nSelf\t484\t40.8%\nTotal\t1,186\t100%\n"


def test_a_share_of_the_total_agreeing_with_the_counts():
    page = table(SHARES.format(a="59.2%"), ["", "Referrals", "% of total"], units={2: "percent"})
    assert rules(page) == []


def test_a_share_of_the_total_against_the_counts_is_flagged():
    page = table(SHARES.format(a="52.9%"), ["", "Referrals", "% of total"], units={2: "percent"})
    assert rules(page) == [("share-of-total-matches-counts", 52.9, 59.19)]


RATES = "Area\tOffences\tPopulation\tRate per 1,000 population\nAdur\t469\t64,500\t{rate}\n"


@pytest.mark.parametrize("rate", ["7.3", "7.27", "7"])
def test_a_rate_agreeing_with_its_count_and_population(rate):
    page = table(RATES.format(rate=rate), ["", "Offences", "Population", "Rate per 1,000 population"],
                 units={3: "rate"})
    assert rules(page) == []


def test_a_rate_against_its_count_and_population_is_flagged():
    page = table(RATES.format(rate="8.3"), ["", "Offences", "Population", "Rate per 1,000 population"],
                 units={3: "rate"})
    assert rules(page) == [("rate-matches-count-and-population", 8.3, 7.27)]


@pytest.mark.parametrize("header, total", [
    (["", "Average days", "Median days"], "Total\t23.5\t21\n"),  # the column says it is a mean
    (["", "2022/23", "2023/24"], "Total\t25.6\t46.1\n"),  # an overall rate: below its own lines
])
def test_a_total_row_that_is_no_sum_of_its_lines_is_not_checked(header, total):
    text = "Unit\tA\tB\nNorth\t31.5\t40.2\nSouth\t18.4\t52.7\nEast\t27.0\t45.3\n" + total
    assert rules(table(text, header)) == []


WIDE = "Area\tJan\tFeb\tMar\tApr\tMay\nAdur\t{0}\t5\t7\t9\t11\nArun\t10\t20\t30\t40\t50\n{lost}Total\t{t}\n"


def test_a_wide_total_row_adding_up_in_none_of_most_columns_was_read_without_its_lines():
    lost = WIDE.format(0, lost="", t="\t".join(["19", "40", "52", "69", "81"]))  # a third line not read
    assert rules(table(lost, ["", "Jan", "Feb", "Mar", "Apr", "May"])) == []


def test_a_slip_in_one_column_of_a_wide_total_row_is_flagged():
    slip = WIDE.format(3, lost="", t="\t".join(["13", "25", "37", "94", "61"]))
    assert rules(table(slip, ["", "Jan", "Feb", "Mar", "Apr", "May"])) == [("table-total-matches-lines", 94, 49)]


@pytest.mark.parametrize("label", ["TOTAL BEANS", "Total beans", "Beans total"])
def test_a_total_stated_above_the_lines_named_like_it(label):
    text = (f"Crop\t2012/13\t2013/14\nCotton\t1,393.4\t886.7\n{label}\t3,262.1\t2,952.7\nBeans 1st crop\t1,241.4\t1,122.6\n"
            "Beans 2nd crop\t1,394.6\t1,275.4\nBeans 3rd crop\t626.1\t554.7\nRice\t2,426.7\t2,389.7\n")
    assert rules(table(text, ["", "2012/13", "2013/14"])) == []
    slipped = text.replace("2,952.7", "2,925.7")
    assert rules(table(slipped, ["", "2012/13", "2013/14"])) == [("table-total-matches-lines", 2925.7, 2952.7)]


@pytest.mark.parametrize("total, flagged", [("-1,300", []), ("-1,250", [("table-total-matches-lines", -1250, -1300)])])
def test_a_column_of_changes_adds_up_with_its_signs(tmp_path, total, flagged):
    from pipeline.process import process_document
    path = tmp_path / "t.txt"
    path.write_text("Crime in the quarter\n\nOffence\tQ3 2019/20\tQ3 2020/21\tChange\n"
                    "Theft\t14,220\t12,951\t-1,269\nViolence\t4,812\t4,990\t+178\n"
                    f"Burglary\t611\t402\t-209\nTotal\t19,643\t18,343\t{total}\n", encoding="utf-8")
    flags = process_document(path).flags
    assert [(f.rule_id, f.observed, f.expected) for f in flags if f.rule_id == "table-total-matches-lines"] == flagged
