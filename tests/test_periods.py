import pytest

from pipeline.model.periods import find_periods, normalise_period, previous_period


@pytest.mark.parametrize("text, expected", [
    ("2015/16", "2015-16"),
    ("2015-2016", "2015-16"),
    ("2015/2016", "2015-16"),
    ("in 2013 14 were", "2013-14"),  # converted text loses the slash
    ("between 1st April 2017 and 31st March 2018", "2017-18"),  # a dated financial year
    ("Q1 2015/16", "2015-16 Q1"),
    ("Qtr 3 2014-15", "2014-15 Q3"),
    ("H1 2016/17", "2016-17 H1"),
    ("Apr-March 2014", "2013-14"),
    ("April 2013 - March 2014", "2013-14"),
    ("Output for June 2015", "2015-06"),
    ("1999/00", "1999-00"),  # century rollover
])
def test_normalise_period(text, expected):
    assert normalise_period(text) == expected


@pytest.mark.parametrize("text", [
    "Strategy 2014-17",  # a three-year strategy is not a financial year
    "Crime and Disorder Act 1998",
    "aged 10-17",
    "call 01902 551341",
])
def test_not_periods(text):
    assert normalise_period(text) == ""


def test_two_periods_in_one_sentence_in_order():
    text = "6858 reports during 2018-2019 compared to 6361 during 2017-2018"
    assert [p.period for p in find_periods(text)] == ["2018-19", "2017-18"]


@pytest.mark.parametrize("period, before", [
    ("2015-16", "2014-15"), ("2015-16 Q1", "2014-15 Q4"), ("2015-16 Q3", "2015-16 Q2"),
    ("2015-01", "2014-12"), ("", ""),
])
def test_previous_period(period, before):
    assert previous_period(period) == before


@pytest.mark.parametrize("text, expected", [
    ("Between April and September 2019, 4,812 crimes", "2019-20 H1"),
    ("in October to March 2016", "2015-16 H2"),
    ("Oct-Dec 2015", "2015-16 Q3"),
    ("January to March 2016", "2015-16 Q4"),
    ("between 1st April 2017 and 31st March 2018", "2017-18"),
    ("April 2013 - March 2015", ""),  # two years: no standard block (the months alone say nothing)
])
def test_month_runs_are_blocks_of_the_financial_year(text, expected):
    assert normalise_period(text) == expected


@pytest.mark.parametrize("period, financial", [
    ("2015-16", True), ("2015-16 Q3", True), ("2015-16 H1", True), ("1999-00", True),
    ("2015-06", False),  # a calendar month
    ("2017-19", False),  # a strategy span
    ("", False),
])
def test_is_financial_period(period, financial):
    from pipeline.model.periods import is_financial_period
    assert is_financial_period(period) is financial


def test_financial_year_of_month():
    from pipeline.model.periods import financial_year_of_month
    assert [financial_year_of_month(2016, m) for m in (1, 3, 4, 12)] == ["2015-16", "2015-16", "2016-17", "2016-17"]
