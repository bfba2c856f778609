"""Prose against the table, and the same figure stated twice."""
from dataclasses import replace

from pipeline.rules import check_corpus, check_document
from tests.inline_facts import Page1, projection

TEXT = ("- An increase in MARAC referrals; 620 cases were referred to MARAC in 2015-16, 210 were "
        "repeat cases.\n"
        "Number of cases taken to MARAC\tTo reduce\t147\t133\t144\t196\n"
        "Number of repeat MARAC cases\tTo reduce\t60\t38\t54\t58\n")


def marac_page(text: str = TEXT) -> Page1:
    page = Page1(text)
    for r, name in enumerate(["Number of cases taken to MARAC", "Number of repeat MARAC cases"]):
        line = text.splitlines()[1 + r]
        for q, printed in enumerate(line.split("\t")[2:]):
            page.fact(printed, after=name, kind="kpi_value", source="table", table_id="t1", row=r,
                      col=2 + q, period=f"2015-16 Q{q + 1}", subject=name)
    page.fact(text.split(" cases were")[0].split()[-1], kind="count", period="2015-16",
              subject="cases referred to MARAC")
    page.fact(text.split(" were repeat")[0].split()[-1], kind="count", period="2015-16",
              subject="repeat cases")
    return page


def test_prose_agreeing_with_the_sum_of_quarters_does_not_flag():
    page = marac_page()
    assert check_document(page.document, page.made) == []


def test_prose_disagreeing_with_the_named_row_is_flagged():
    page = marac_page(TEXT.replace("210 were", "240 were"))
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("narrative-matches-table", 240, 210)]
    assert "60 + 38 + 54 + 58 = 210" in flags[0].message


def test_prose_matching_two_rows_equally_is_not_flagged():
    # "cases referred to MARAC" names both rows' words equally: unsure, so quiet
    page = marac_page(TEXT.replace("620 cases", "650 cases"))
    assert check_document(page.document, page.made) == []


def test_prose_naming_a_quarter_value_or_no_row_does_not_flag():
    page = marac_page(TEXT.replace("620 cases", "196 cases"))  # the Q4 figure
    assert check_document(page.document, page.made) == []
    page = marac_page(TEXT.replace("620 cases were referred to MARAC", "650 calls were taken by police"))
    page.made[-2] = replace(page.made[-2], subject="calls taken by police")
    assert check_document(page.document, page.made) == []


def test_same_allocation_stated_differently_in_two_places():
    page = Page1("For 2015-16 the PCC allocated £492,495.\nPCC allocation\t£429,495\nAgain £492.5k")
    common = dict(kind="allocation", unit="gbp", period="2015-16", subject="PCC allocation")
    page.fact("£492,495", **common)
    page.fact("£429,495", table_id="t2", source="table", **common)
    flags = check_corpus(page.made, pages={("doc_a", 1): page.text})
    assert projection(flags) == [("same-quantity-agrees", 492495, 429495)]
    page.made[1] = page.fact("£492.5k", table_id="t2", source="table", **common)  # rounding
    assert check_corpus(page.made[:2], pages={("doc_a", 1): page.text}) == []


def test_across_reports_only_for_a_named_body():
    one, two = Page1("PCC allocation £100,000", "doc_a"), Page1("PCC allocation £120,000", "doc_b")
    common = dict(kind="allocation", unit="gbp", period="2015-16", subject="PCC allocation")
    facts = [one.fact("£100,000", **common), two.fact("£120,000", **common)]
    assert check_corpus(facts) == []
    facts = [replace(f, area="Wolverhampton") for f in facts]
    assert projection(check_corpus(facts)) == [("same-allocation-across-reports", 120000, 100000)]


def test_a_name_given_a_figure_in_each_district_table_is_not_one_quantity():
    text = "".join(f"District {d}\nIndicator\t2023/24\nViolence with injury\t{v}\n" for d, v in
                   (("Adur", "469"), ("Arun", "1,058"), ("Crawley", "1,534")))
    page = Page1(text)
    for i, (_d, v) in enumerate((("Adur", "469"), ("Arun", "1,058"), ("Crawley", "1,534"))):
        page.fact(v, kind="kpi_value", source="table", table_id=f"t{i}", row=1, col=1, period="2023-24",
                  subject="Violence with injury")
    assert check_corpus(page.made) == []
    # two figures under one name still read as one quantity restated: the areas are unknown
    two = Page1(text.split("District Crawley")[0])
    for i, v in enumerate(("469", "1,058")):
        two.fact(v, kind="kpi_value", source="table", table_id=f"t{i}", row=1, col=1, period="2023-24",
                 subject="Violence with injury")
    assert [f.rule_id for f in check_corpus(two.made)] == ["same-quantity-agrees"]
