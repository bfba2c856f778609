"""Changes whose earlier level is not printed: the level reached with the absolute change
('402 offences, 58 fewer ..., a decrease of 14.6%'), and a gap in points between a level and
its comparison ('91.2%, 3.1 points higher than the national 87.1%')."""
import pytest

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection


def reached(text: str, level: str, absolute: str, pct: str, direction: str) -> Page1:
    page = Page1(text)
    page.fact(level, role="to", claim_id="c1")
    page.fact(absolute, kind="change", role="change_abs", direction=direction, claim_id="c1")
    page.fact(pct, kind="change", role="change_pct", direction=direction, claim_id="c1")
    return page


@pytest.mark.parametrize("text, level, absolute, pct, direction", [
    ("402 offences, 58 fewer than last year, a decrease of 12.6%.", "402", "58", "12.6%", "decrease"),  # exact
    ("402 offences, 58 fewer than last year, a decrease of 13%.", "402", "58", "13%", "decrease"),  # rounded
    ("9,412 offences, +16.8% (1,354 more).", "9,412", "1,354", "16.8%", "increase"),
])
def test_percent_change_agreeing_with_level_and_absolute_change(text, level, absolute, pct, direction):
    page = reached(text, level, absolute, pct, direction)
    assert check_document(page.document, page.made) == []


def test_percent_change_disagreeing_with_level_and_absolute_change():
    page = reached("402 offences, 58 fewer than last year, a decrease of 14.6%.", "402", "58", "14.6%", "decrease")
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("change-matches-levels", 14.6, 12.61)]
    assert "402 + 58 = 460" in flags[0].message


def gap(text: str, level: str, points: str, other: str) -> Page1:
    page = Page1(text)
    page.fact(level, role="level", claim_id="c1")
    page.fact(points, kind="change", role="change_pct", direction="increase", claim_id="c1", unit="percentage_points")
    page.fact(other, role="comparison", claim_id="c1")
    return page


@pytest.mark.parametrize("text, points, flagged", [
    ("Satisfaction was 91.2%, 4.1 percentage points higher than the national 87.1%.", "4.1", False),
    ("Satisfaction was 91.2%, 4 percentage points higher than the national 87.1%.", "4", False),  # rounded
    ("Satisfaction was 91.2%, 3.1 percentage points higher than the national 87.1%.", "3.1", True),
])
def test_gap_in_points_between_level_and_comparison(text, points, flagged):
    page = gap(text, "91.2%", points, "87.1%")
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.observed, round(f.expected, 1)) for f in flags] == (
        [("change-matches-levels", 3.1, 4.1)] if flagged else [])


def money_reached(text: str, level: str, absolute: str, pct: str) -> Page1:
    page = Page1(text)
    common = dict(unit="gbp", claim_id="c1")
    page.fact(level, kind="amount", role="to", **common)
    page.fact(absolute, kind="change", role="change_abs", direction="increase", **common)
    page.fact(pct, kind="change", role="change_pct", direction="increase", claim_id="c1", unit="percent")
    return page


def test_a_percent_beside_an_absolute_change_is_against_the_base_not_the_level_reached():
    # £1,730,000 is £52,000 or 3.1% over last year: 52,000 / (1,730,000 - 52,000) = 3.1%
    text = "Spending of £1,730,000, an increase of £52,000 or {pct} over last year."
    page = money_reached(text.format(pct="3.1%"), "£1,730,000", "£52,000", "3.1%")
    assert check_document(page.document, page.made) == []
    # 3.0% is 52,000 / 1,730,000, the change over the level reached, not over the base 1,678,000
    page = money_reached(text.format(pct="3.0%"), "£1,730,000", "£52,000", "3.0%")
    assert [f.rule_id for f in check_document(page.document, page.made)] == ["change-matches-levels"]
    # in £m the levels' own rounding (£1,730m +/- 0.5m, £52m +/- 0.5m) allows 3.0% as well
    page = money_reached("Spending of £1,730m, an increase of £52m or 3.0%.", "£1,730m", "£52m", "3.0%")
    assert check_document(page.document, page.made) == []
