"""Spend lines against their total, and the total against the allocation."""
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
