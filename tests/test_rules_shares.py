"""Percentages against their own counts, and impossible values."""
import pytest

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection


def kpi_cell(text: str, printed: str, num: float, den: float) -> Page1:
    page = Page1(text)
    page.fact(printed, kind="kpi_value", source="table", numerator=num, denominator=den,
              table_id="t1", row=3, col=5, period="2015-16 Q4")
    return page


@pytest.mark.parametrize("text, printed, num, den", [
    ("66.0% 50 cases closed; 33 completed successfully", "66.0%", 33, 50),  # exact
    ("76.7% 142 cases closed; 109 completed successfully", "76.7%", 109, 142),  # 76.76 truncated
    ("60% 42 cases closed; 25 completed successfully", "60%", 25, 42),  # 59.52 rounded to whole
    ("8.2% (5/61)", "8.2%", 5, 61),
])
def test_percent_agreeing_with_counts_within_rounding_does_not_flag(text, printed, num, den):
    page = kpi_cell(text, printed, num, den)
    assert check_document(page.document, page.made) == []


@pytest.mark.parametrize("text, printed, num, den, computed", [
    ("57.0% 27 cases closed; 15 completed successfully", "57.0%", 15, 27, 55.56),
    ("89.7% 68 cases closed; 58 completed hours successfully", "89.7%", 58, 68, 85.29),
])
def test_percent_disagreeing_with_counts_is_an_error(text, printed, num, den, computed):
    page = kpi_cell(text, printed, num, den)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("percent-matches-counts", float(printed[:-1]), computed)]
    assert flags[0].severity == "error"
    assert flags[0].message.startswith(f"Stated {printed} but {num} / {den} = {computed:.1f}%")
    assert "(rounded)" in flags[0].tolerance  # rounding is the default (XBRL Calculations 1.1)


def test_one_digit_off_in_the_last_place_is_only_info():
    page = kpi_cell("81.0% 141 cases closed; 114 completed successfully", "81.0%", 114, 141)
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.severity) for f in flags] == [("percent-matches-counts", "info")]


def test_share_with_part_and_whole_in_one_claim():
    page = Page1("Of 200 referred, 120 (55%) engaged.")
    page.fact("200", role="whole", claim_id="c1")
    page.fact("120", role="part", claim_id="c1")
    page.fact("55%", kind="percent", role="share", claim_id="c1")
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("percent-matches-counts", 55.0, 60.0)]


def test_bounds_negative_count_numerator_above_denominator_and_share_above_100():
    page = Page1("105% 40 cases closed; 42 completed. A share of 130% of users. -7 people")
    page.fact("105%", kind="kpi_value", source="table", numerator=42, denominator=40)
    page.fact("130%", kind="percent", role="share")
    page.fact("7", value=-7.0)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("values-within-bounds", -7, 0), ("values-within-bounds", 42, 40),
                                 ("values-within-bounds", 130, 100)]


def test_bounds_leave_changes_and_rounded_hundred_alone():
    page = Page1("a 220% increase; 100.4% of the target; all 100% of 12 completed")
    page.fact("220%", kind="change", role="change_pct", direction="increase")
    page.fact("100.4%", kind="percent", role="value")
    page.fact("100%", kind="percent", role="share", numerator=12, denominator=12)
    assert check_document(page.document, page.made) == []


def test_part_larger_than_whole_is_flagged():
    page = Page1("Of 40 referrals, 45 were accepted.")
    page.fact("40", role="whole", claim_id="c1")
    page.fact("45", role="part", claim_id="c1")
    assert projection(check_document(page.document, page.made)) == [("values-within-bounds", 45, 40)]


@pytest.mark.parametrize("text, printed, subject", [
    ("Recorded crime reached 112% of the target.", "112%", "target"),
    ("The service spent 104.5% of its budget.", "104.5%", "budget"),
    ("Load points at 110% of the maximum rated power.", "110%", "maximum rated power"),
])
def test_a_share_of_a_level_may_pass_100(text, printed, subject):
    page = Page1(text)
    page.fact(printed, kind="percent", role="share", subject=subject)
    assert check_document(page.document, page.made) == []
    whole = Page1(text.replace(subject, "users"))
    whole.fact(printed, kind="percent", role="share", subject="users")
    assert [f.rule_id for f in check_document(whole.document, whole.made)] == ["values-within-bounds"]
