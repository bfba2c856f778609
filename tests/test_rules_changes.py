"""Stated changes against the levels they come from, in size and direction."""
import pytest

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

DA = ("- Reports of domestic abuse saw a 4.7% increase from the previous year³\n"
      "³ 6858 reports were received during 2018-2019 compared to 6361 during 2017-2018\n")
HATE = ("- 31.2% increase in hate crimes recorded\n"
        "⁶ 120 recorded during 2017-2018 compared to 385 during 2018-2019\n")


def change_claim(text: str, change: str, direction: str, old: str, new: str, **extra) -> Page1:
    page = Page1(text)
    page.fact(change, kind="change", role=extra.pop("role", "change_pct"), direction=direction,
              claim_id="c1", **extra)
    page.fact(old, role="from", claim_id="c1", period="2017-18")
    page.fact(new, role="to", claim_id="c1", period="2018-19")
    return page


@pytest.mark.parametrize("text, change, direction, old, new, computed", [
    (DA, "4.7%", "increase", "6361", "6858", 7.81),
    (HATE, "31.2%", "increase", "120", "385", 220.83),
])
def test_change_disagreeing_with_footnote_levels_is_an_error(text, change, direction, old, new, computed):
    page = change_claim(text, change, direction, old, new)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("change-matches-levels", float(change[:-1]), computed)]
    assert flags[0].severity == "error"
    assert f"/ {int(old):,} = +{computed:.1f}%" in flags[0].message


def test_ratio_of_levels_is_named_in_the_message():
    page = change_claim(HATE, "31.2%", "increase", "120", "385")
    assert "31.2% is 120 / 385, the ratio of the two levels" in check_document(page.document, page.made)[0].message


@pytest.mark.parametrize("text, change, direction, old, new", [
    ("a 7.8% increase: 6858 in 2018-19 against 6361", "7.8%", "increase", "6361", "6858"),  # exact
    ("a 7.9% increase: 6858 in 2018-19 against 6361", "7.9%", "increase", "6361", "6858"),  # 7.81 rounds to 7.8 but 7.9 is not rounding: flagged below
])
def test_change_agreeing_or_not(text, change, direction, old, new):
    page = change_claim(text, change, direction, old, new)
    flags = check_document(page.document, page.made)
    assert [f.severity for f in flags] == ([] if change == "7.8%" else ["info"])


def test_rounded_whole_percent_does_not_flag():
    page = change_claim("up 8% (6858 against 6361)", "8%", "increase", "6361", "6858")
    assert check_document(page.document, page.made) == []


def test_absolute_change_and_percentage_point_changes():
    page = Page1("fell by 1.3 points from 75.6% to 74.3%; 28 more offences: 1126 against 1100")
    page.fact("1.3", kind="change", role="change_pct", unit="percentage_points",
              direction="decrease", claim_id="c1")
    page.fact("75.6%", kind="percent", role="from", claim_id="c1")
    page.fact("74.3%", kind="percent", role="to", claim_id="c1")
    page.fact("28", kind="change", role="change_abs", direction="increase", claim_id="c2")
    page.fact("1100", role="from", claim_id="c2")
    page.fact("1126", role="to", claim_id="c2")
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("change-matches-levels", 28, 26)]
    assert "1,126 - 1,100 = +26" in flags[0].message


def test_over_qualifier_is_a_lower_bound():
    page = change_claim("rose by over 5% (6858 against 6361)", "5%", "increase", "6361", "6858",
                        qualifier="over")
    assert check_document(page.document, page.made) == []


def test_direction_opposite_to_the_levels():
    page = change_claim("a 7.2% decrease: 6858 in 2018-19 against 6361", "7.2%", "decrease",
                        "6361", "6858")
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.expected) for f in flags] == [("direction-matches-numbers", 497)]
    assert "Stated a decrease, but the levels rose: 6,361 -> 6,858 (+497)" == flags[0].message
