"""A later report's previous-year column against the earlier report's outturn."""

from pipeline.rules import check_corpus
from tests.inline_facts import Page1

EARLIER = "Annual report 2014/15\nIndicator\t2014/15\nBurglary\t1,200\n"
LATER = "Annual report 2015/16\nIndicator\t2014/15\t2015/16\nBurglary\t{before}\t1,150\n"


def two_years(before: str, note: str = "", later_org: str = "Ashvale CSP"):
    a, b = Page1(EARLIER, doc_id="y1"), Page1(LATER.format(before=before), doc_id="y2")
    common = dict(kind="kpi_value", source="table", table_id="t", row=1, measure="burglary", subject="Burglary")
    a.fact("1,200", period="2014-15", col=1, **common)
    b.fact(before, period="2014-15", col=1, note=note, **common)
    b.fact("1,150", period="2015-16", col=2, **common)
    documents = {"y1": {"file_name": "2014-15.txt", "organisation": "Ashvale Community Safety Partnership",
                        "period": "2014-15"},
                 "y2": {"file_name": "2015-16.txt", "organisation": later_org, "period": "2015-16"}}
    pages = {("y1", 1): a.text, ("y2", 1): b.text}
    flags = check_corpus(iter(a.made + b.made), pages=pages, documents=documents)
    return [(f.rule_id, f.severity, f.expected, f.observed) for f in flags], flags


def test_the_previous_year_restated_as_published_agrees():
    assert two_years("1,200")[0] == []


def test_a_previous_year_figure_unlike_the_outturn_is_flagged_naming_both_reports():
    found, flags = two_years("1,260")
    assert found == [("previous-year-agrees", "warning", 1200, 1260)]
    assert "2014-15.txt, page 1" in flags[0].message and "2015-16.txt, page 1" in flags[0].message


def test_a_stated_change_of_definition_makes_it_info():
    found, _ = two_years("1,260", note="From April 2015 the counting rules changed to include attempts.")
    assert found == [("previous-year-agrees", "info", 1200, 1260)]


def test_another_body_is_not_compared():
    assert two_years("1,260", later_org="Brookfield CSP")[0] == []
