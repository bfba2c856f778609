"""Rounding by default; truncation from the setting or the report's own evidence; whole-pound
lines are exact, so their sum has no per-line slack."""
from pipeline.rules import RuleSettings, check_document
from tests.inline_facts import Page1, projection


def grant_table(lines: list[int], total: int, scale: str = "") -> Page1:
    text = "".join(f"Project {i}\t{v:,}{scale}\n" for i, v in enumerate(lines)) + f"Total\t{total:,}{scale}\n"
    page = Page1(text)
    common = dict(unit="gbp", source="table", claim_id="grants", table_id="t1", period="2019-20", col=1)
    for row, value in enumerate(lines):
        page.fact(f"{value:,}{scale}", kind="spend_item", role="item", row=row,
                  value=value * (1000 if scale else 1), **common)
    page.fact(f"{total:,}{scale}", kind="spend_total", role="total", row=len(lines),
              value=total * (1000 if scale else 1), after="Total", **common)
    return page


LINES = [1201, 2302, 3403, 4504, 5605, 6706, 7807, 8908, 9009, 1110]


def test_ten_whole_pound_lines_missing_the_total_by_ten_are_flagged():
    page = grant_table(LINES, sum(LINES) - 10)  # each line 'allowed £1 high' would hide this
    assert projection(check_document(page.document, page.made)) == [
        ("spend-lines-sum-to-total", sum(LINES) - 10, sum(LINES))]


def test_whole_pound_lines_that_add_up_do_not_flag():
    page = grant_table(LINES, sum(LINES))
    assert check_document(page.document, page.made) == []


def test_lines_rounded_to_thousands_keep_their_rounding():
    # ten lines in £k: each may be 0.5k off, so a 3k gap across ten lines is rounding
    page = grant_table([12, 15, 18, 21, 9, 7, 30, 11, 14, 16], 150, scale="k")
    assert check_document(page.document, page.made) == []
    assert check_document(page.document, page.made, {"exact_whole_money": False}) == []


def test_with_the_setting_off_whole_pounds_are_rounded_values_again():
    page = grant_table(LINES, sum(LINES) - 3)  # within ten lines' rounding of +/-0.5
    assert check_document(page.document, page.made, {"exact_whole_money": False}) == []
    assert len(check_document(page.document, page.made)) == 1


def share(text: str, printed: str, num: int, den: int, page: Page1 | None = None) -> Page1:
    page = page or Page1(text)
    page.fact(printed, kind="percent", role="share", numerator=num, denominator=den,
              after=text.split(printed)[0] if page.text != text else "")
    return page


def test_rounding_is_the_default_and_a_truncated_share_alone_shows_the_convention():
    # 109 / 142 = 76.76%: printed 76.7% is truncated. With no figure only rounding explains,
    # the report cuts digits, so it agrees.
    page = share("76.7% of 142 cases (109) closed", "76.7%", 109, 142)
    assert RuleSettings().truncation is False
    assert check_document(page.document, page.made) == []


def test_a_report_that_rounds_elsewhere_is_held_to_rounding():
    # 2 / 3 = 66.67% printed 66.7% only rounding explains; then 76.7% for 76.76% is off by a digit
    page = Page1("66.7% of 3 cases (2) closed. 76.7% of 142 cases (109) closed.")
    page.fact("66.7%", kind="percent", role="share", numerator=2, denominator=3)
    page.fact("76.7%", kind="percent", role="share", numerator=109, denominator=142)
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.severity, f.observed) for f in flags] == [("percent-matches-counts", "info", 76.7)]
    assert check_document(page.document, page.made, {"truncation": True}) == []
