"""Spend lines against their total, and the total against the allocation."""
from dataclasses import replace

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

TABLE = ("PCC Allocation\t£492,495\nSubstance Misuse\t236,533\nReducing Re-offending\t48,900\n"
         "Gangs\t60,000\nDomestic Violence\t69,000\nEarly Intervention\t35892\nDHRs\t7,400\n"
         "Infrastructure\t40,407\nYouth Offending Team\t£66,392\nDomehawks\t6,500\n\t571,024\n")
ITEMS = ["236,533", "48,900", "60,000", "69,000", "35892", "7,400", "40,407", "£66,392", "6,500"]


def spend_page(text: str, items: list[str], total: str, allocation: str | None) -> Page1:
    page = Page1(text)
    common = dict(unit="gbp", source="table", claim_id="spend1", table_id="t1", period="2013-14")
    if allocation:
        page.fact(allocation, kind="allocation", role="allocation", row=0, **common)
    for row, printed in enumerate(items, start=1):
        page.fact(printed, kind="spend_item", role="item", row=row, **common)
    page.fact(total, kind="spend_total", role="total", row=len(items) + 1, **common)
    return page


def test_overspend_is_flagged_with_the_arithmetic():
    page = spend_page(TABLE, ITEMS, "571,024", "£492,495")
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("spend-within-allocation", 571024, 492495)]
    flag = flags[0]
    assert flag.severity == "error" and flag.difference == 78529
    assert "236,533 + 48,900" in flag.message and "stated total 571,024 > allocation 492,495" in flag.message
    assert "over by 78,529" in flag.message and flag.tolerance


def test_lines_that_add_up_within_the_allocation_do_not_flag():
    text = "Allocation\t£600,000\nA\t100,000\nB\t200,500\nTotal\t300,500\n"
    page = spend_page(text, ["100,000", "200,500"], "300,500", "£600,000")
    assert check_document(page.document, page.made) == []


def test_rounded_thousands_do_not_flag():
    # £1.2m + £0.4m printed to one decimal; the true total 1.64m prints as £1.6m
    text = "Allocation\t£2.0m\nA\t£1.2m\nB\t£0.4m\nTotal\t£1.7m\n"
    page = spend_page(text, ["£1.2m", "£0.4m"], "£1.7m", "£2.0m")
    assert check_document(page.document, page.made) == []


def test_subtotal_lines_are_not_counted_twice():
    text = "A\t100\nB\t50\nSubtotal\t150\nC\t25\nTotal\t175\n"
    page = spend_page(text, ["100", "50", "150", "25"], "175", None)
    assert check_document(page.document, page.made) == []


def test_lines_that_do_not_add_up_are_flagged():
    text = "A\t100,000\nB\t200,000\nC\t50,000\nTotal\t360,000\n"
    page = spend_page(text, ["100,000", "200,000", "50,000"], "360,000", None)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("spend-lines-sum-to-total", 360000, 350000)]
    assert "100,000 + 200,000 + 50,000 = 350,000" in flags[0].message
    assert "short by 10,000" in flags[0].message


def test_spend_within_allocation_but_over_by_rounding_only_does_not_flag():
    # allocation printed in £k: £492k could be 492,495
    text = "Allocation\t£492k\nA\t£300,000\nB\t£192,495\nTotal\t£492,495\n"
    page = spend_page(text, ["£300,000", "£192,495"], "£492,495", "£492k")
    assert check_document(page.document, page.made) == []


def variance_page(text: str, rows: list[tuple[str, str, str]]) -> Page1:
    """Budget | Actual | Variance rows, each column its own claim, as the extractor makes them."""
    page = Page1(text)
    for row, (budget, actual, variance) in enumerate(rows, start=1):
        common = dict(unit="gbp", source="table", table_id="t1", row=row, period="2017-18")
        line = f"R{row}\t"
        page.fact(budget, after=line, kind="allocation", role="item", claim_id="c1", col=1, **common)
        page.fact(actual, after=line, kind="spend_item", role="item", claim_id="c2", col=2, **common)
        negative = f"({variance})" in text or f"(£{variance})" in text  # accounts style
        made = page.fact(variance, after=line, kind="amount", role="variance", claim_id="c3", col=3, **common)
        if negative:
            page.made[-1] = replace(made, value=-made.value)
    return page


def test_a_stated_variance_that_matches_either_way_round_does_not_flag():
    text = "R1\t£2,145,000\t£2,153,200\t(£8,200)\nR2\t£612,000\t£598,750\t£13,250\n"
    page = variance_page(text, [("2,145,000", "2,153,200", "8,200"), ("612,000", "598,750", "13,250")])
    assert check_document(page.document, page.made) == []


def test_a_variance_off_by_rounding_only_does_not_flag():
    # £000s printed to one decimal: 12.4 - 10.1 = 2.3, stated 2.2 from unrounded 12.44 - 10.06
    text = "R1\t12.4\t10.1\t2.2\n"
    page = variance_page(text, [("12.4", "10.1", "2.2")])
    assert check_document(page.document, page.made) == []


def test_a_wrong_variance_is_flagged_with_the_arithmetic():
    text = "R1\t64,250\t60,900\t4,350\n"
    page = variance_page(text, [("64,250", "60,900", "4,350")])
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("spend-variance-matches", 4350, 3350)]
    assert "64,250 - 60,900 = 3,350" in flags[0].message


def test_a_subtotal_covers_only_its_own_section():
    text = "A\t420\nB\t35\nSubtotal\t455\nC\t260\nD\t150\nSubtotal\t410\nTotal\t865\n"
    page = Page1(text)
    common = dict(unit="gbp", source="table", claim_id="s1", table_id="t1", period="2016-17")
    for row, (printed, role) in enumerate([("420", "item"), ("35", "item"), ("455", "subtotal"), ("260", "item"),
                                           ("150", "item"), ("410", "subtotal"), ("865", "total")]):
        page.fact(printed, kind="spend_total" if role != "item" else "spend_item", role=role, row=row, **common)
    assert check_document(page.document, page.made) == []
    page.made[5] = replace(page.made[5], value=420.0)
    assert projection(check_document(page.document, page.made)) == [("spend-lines-sum-to-total", 420, 410)]


def spend_block(text: str, items: list[str], total: str, period: str = "2014-15") -> Page1:
    page = Page1(text)
    common = dict(unit="gbp", source="table", claim_id="spend1", table_id="t1", period=period, col=1)
    lines = text.split("\n")
    for row, printed in enumerate(items, start=1):
        after = "\n".join(lines[:len(lines) - len(items) - 3 + row])  # the last lines: items, total, ''
        page.fact(printed, kind="spend_item", role="item", row=row, after=after, **common)
    page.fact(total, kind="spend_total", role="total", row=len(items) + 1, after="\nTotal", **common)
    return page


def test_an_allocation_stated_in_a_line_above_the_table_is_held_against_its_total():
    text = ("Grant allocated to the partnership for 2014/15: £23,924\n\nProject\tSpend\n"
            "Youth\t11,450\nPatrols\t16,424\nTotal\t27,874\n")
    page = spend_block(text, ["11,450", "16,424"], "27,874")
    page.fact("£23,924", kind="allocation", role="value", period="2014-15")
    assert projection(check_document(page.document, page.made)) == [("spend-within-allocation", 27874, 23924)]


def test_an_allocation_in_a_sentence_that_covers_the_spend_does_not_flag():
    text = ("The Commissioner awarded a grant of £30,000 for 2014/15, of which a £3,000 contribution "
            "went to the county fund.\nProject\tSpend\nYouth\t11,450\nPatrols\t16,424\nTotal\t27,874\n")
    page = spend_block(text, ["11,450", "16,424"], "27,874")
    page.fact("£30,000", kind="allocation", role="value", period="2014-15")
    page.fact("£3,000", kind="allocation", role="value", period="2014-15")
    assert check_document(page.document, page.made) == []


def test_an_allocation_for_another_year_or_a_bound_is_not_the_tables():
    text = ("The grant for 2013/14 was £20,000; funding for the county is just under £25,000.\n"
            "Project\tSpend\nYouth\t11,450\nPatrols\t16,424\nTotal\t27,874\n")
    page = spend_block(text, ["11,450", "16,424"], "27,874")
    page.fact("£20,000", kind="allocation", role="value", period="2013-14")
    page.fact("£25,000", kind="allocation", role="value", period="2014-15", qualifier="just under")
    assert check_document(page.document, page.made) == []


def test_a_payment_table_dated_by_month_is_of_that_financial_year():
    text = "A grant of £29,324 for 2014/15.\nInstalment\tAmount\nMay\t14,662\nNovember\t14,662\nTotal\t29,324\n"
    page = spend_block(text, ["14,662", "14,662"], "29,324", period="2014-05")
    page.fact("£29,324", kind="allocation", role="value", period="2014-15")
    assert check_document(page.document, page.made) == []
    page = spend_block(text.replace("29,324\n", "30,324\n").replace("14,662\nTotal", "15,662\nTotal"),
                       ["14,662", "15,662"], "30,324", period="2014-05")
    page.fact("£29,324", kind="allocation", role="value", period="2014-15")
    assert projection(check_document(page.document, page.made)) == [("spend-within-allocation", 30324, 29324)]


def test_a_whole_pound_total_over_lines_in_pence_is_rounded_not_exact():
    """£48,250.50 + £31,000 = £79,250.50, printed to the pound as £79,251: rounding, no flag."""
    from pipeline.rules import check_document
    from tests.inline_facts import Page1
    page = Page1("Youth diversion £48,250.50\nVictim support £31,000\nTotal £79,251\nGrant £80,000")
    for number, kind, role in (("£48,250.50", "spend_item", "item"), ("£31,000", "spend_item", "item"),
                               ("£79,251", "spend_total", "total"), ("£80,000", "allocation", "allocation")):
        page.fact(number, kind=kind, role=role, claim_id="c1", period="2016-17")
    assert [f.rule_id for f in check_document(page.document, page.made)] == []
