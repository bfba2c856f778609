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


SERVICE = """# Domestic abuse service annual report 2017/18

## 1. Summary

- The service received {summary} referrals in 2017/18, compared with 1,093 in 2016/17.
- The MARAC heard 389 cases during the year.

## 3. Referrals

3.1 In 2017/18 the service received {section} referrals. Table 1 shows where they came from.

**Table 1: Referrals by source**

| Referral source | 2016/17 | 2017/18 |
|---|---:|---:|
| Police | 664 | 702 |
| Health | 429 | 484 |
| Total | 1,093 | 1,186 |

## 4. Risk

4.1 The remaining 559 referrals were assessed as standard risk. The police referred 351 of these cases.
"""


def ingest(tmp_path, summary: str, section: str):
    from pipeline.process import process_document
    path = tmp_path / "service.md"
    path.write_text(SERVICE.format(summary=summary, section=section))
    result = process_document(path)
    return result, [f for f in result.flags if f.rule_id == "restated-figure-agrees"]


def test_a_one_word_name_corroborated_by_the_table_total_finds_the_odd_figure(tmp_path):
    result, flags = ingest(tmp_path, "1,186", "1,168")
    assert projection(flags) == [("restated-figure-agrees", 1168, 1186)]
    flag = flags[0]
    assert flag.message == ("'referral' for 2017-18 is stated as 1,186 (page 1, 2 times) and as 1,168 "
                            "(page 1) in the same report")
    assert flag.arithmetic == "1,168 - 1,186 = -18" and flag.tolerance == "counts taken as exact"
    assert "received 1,168 referrals" in flag.snippet
    total = next(f for f in result.facts if f.source == "table" and f.subject == "Total" and f.value == 1186)
    assert total.measure == "referral"  # the caption names what the total line counts


def test_one_word_restatements_that_agree_are_not_flagged(tmp_path):
    _, flags = ingest(tmp_path, "1,186", "1,186")
    assert flags == []


def test_the_figure_stated_once_is_the_odd_one_and_a_distant_one_is_another_quantity(tmp_path):
    _, flags = ingest(tmp_path, "1,168", "1,168")  # the prose twice against the table once
    assert projection(flags) == [("restated-figure-agrees", 1186, 1168)]
    _, flags = ingest(tmp_path, "1,186", "1,086")  # 8% away: too far for a thin name
    assert flags == []



def test_a_one_word_restatement_that_is_approximate_keeps_its_looseness(tmp_path):
    _, flags = ingest(tmp_path, "1,186", "around 1,170")
    assert flags == []
