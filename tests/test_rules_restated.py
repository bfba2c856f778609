"""A quantity restated in one report: summary against section, prose against table."""
from dataclasses import replace

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

TEXT = ("Summary. The service received {a} referrals in 2017/18.\n\n"
        "3.1 Referrals. In 2017/18 the service received {b} referrals, most from the police.\n")


def restated(a: str, b: str, **second) -> Page1:
    page = Page1(TEXT.format(a=a, b=b))
    common = dict(kind="count", role="value", period="2017-18", measure="service referral")
    page.fact(a, claim_id="c1", **common)
    page.fact(b, after="3.1", claim_id="c2", **{**common, **second})
    return page


def rules(page):
    return projection(f for f in check_document(page.document, page.made) if f.rule_id == "restated-figure-agrees")


def test_the_same_figure_twice_agrees():
    assert rules(restated("1,186", "1,186")) == []


def test_a_figure_restated_differently_is_flagged():
    assert rules(restated("1,186", "1,168")) == [("restated-figure-agrees", 1186, 1168)]


def test_rounded_restatement_is_not_a_mismatch():
    page = Page1("Summary: around 1,200 referrals in 2017/18. Section 3: 1,186 referrals in 2017/18.")
    common = dict(kind="count", role="value", period="2017-18", measure="service referral")
    page.fact("1,200", claim_id="c1", qualifier="around", **common)
    page.fact("1,186", claim_id="c2", **common)
    assert rules(page) == []
    page = Page1("Summary: £1.2m granted in 2017/18. Section 3: £1,186,000 granted in 2017/18.")
    common = dict(kind="amount", unit="gbp", role="value", period="2017-18", measure="grant")
    page.fact("£1.2m", claim_id="c1", **common)
    page.fact("£1,186,000", claim_id="c2", **common)
    assert rules(page) == []


def test_other_years_areas_or_far_apart_values_are_other_quantities():
    assert rules(restated("1,186", "1,168", period="2016-17")) == []
    assert rules(restated("1,186", "1,168", area="North")) == []
    assert rules(restated("1,186", "389")) == []  # 'cases' opened and heard: a thin shared name


def test_a_breakdown_in_one_statement_is_not_a_restatement():
    page = restated("1,186", "1,168")
    page.made[1] = replace(page.made[1], claim_id="c1")
    assert rules(page) == []


def test_a_name_the_report_uses_for_three_figures_or_one_word_is_too_thin():
    page = restated("1,186", "1,168")
    page.text += "4.2 The remaining 559 referrals were standard risk.\n"
    page.fact("559", kind="count", role="part", period="2017-18", measure="service referral", claim_id="c3")
    assert rules(page) == []
    page = restated("1,186", "1,168", measure="referral")
    page.made[0] = replace(page.made[0], measure="referral")
    assert rules(page) == []


def test_two_figures_of_one_sentence_are_a_comparison_not_a_restatement():
    page = Page1("Vehicle crime finished above its baseline (2,466 against 2,375) in 2013/14.")
    common = dict(kind="count", role="value", period="2013-14", measure="vehicle crime")
    page.fact("2,466", claim_id="c1", **common)
    page.fact("2,375", claim_id="c2", **common)
    page.made = [replace(f, text=page.text) for f in page.made]  # the sentence as the snippet
    assert rules(page) == []
    # a table's 2,466 against the prose's 2,375, where the prose also states 2,466
    table = Page1("Vehicle crime\t2,466\n" + page.text)
    table.fact("2,466", source="table", table_id="t", row=1, col=1, **common)
    table.fact("2,375", claim_id="c2", **common)
    table.fact("2,466", after="(", claim_id="c3", **common)
    table.made[1:] = [replace(f, text=page.text) for f in table.made[1:]]
    assert rules(table) == []
