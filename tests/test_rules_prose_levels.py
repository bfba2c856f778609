"""Prose levels against the table of the same area and year (several district tables)."""
from dataclasses import replace

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

TEXT = ("Horsham\nViolence with injury in Horsham went up from 715 to {to}.\n"
        "District\t2022/23\t2023/24\nHorsham\t715\t930\n"
        "Crawley\nViolence with injury in Crawley rose from 1,475 to 1,534.\n"
        "District\t2022/23\t2023/24\nCrawley\t1,475\t1,534\n")


def review(to: str, areas: bool = True) -> Page1:
    page = Page1(TEXT.format(to=to))
    for name, prose, table in (("Horsham", ("715", to), ("715", "930")),
                               ("Crawley", ("1,475", "1,534"), ("1,475", "1,534"))):
        common = dict(kind="count", measure="violence injury", area=name if areas else "")
        page.fact(prose[0], after=name + "\nV", role="from", period="2022-23", claim_id=name, **common)
        page.fact(prose[1], after=name + "\nV", role="to", period="2023-24", claim_id=name, **common)
        for col, (printed, period) in enumerate(zip(table, ("2022-23", "2023-24")), start=1):
            page.fact(printed, after=name + "\t", source="table", table_id=name, row=1, col=col,
                      period=period, **{**common, "kind": "kpi_value"})
    return page


def rules(page):
    return projection(f for f in check_document(page.document, page.made) if f.rule_id == "prose-level-matches-table")


def test_prose_levels_that_match_their_areas_table():
    assert rules(review("930")) == []


def test_a_prose_level_unlike_its_areas_table_is_flagged():
    assert rules(review("903")) == [("prose-level-matches-table", 903, 930)]


def test_without_areas_several_tables_under_one_name_are_not_compared():
    assert rules(review("903", areas=False)) == []


def test_without_areas_the_sections_table_is_the_levels_and_a_thin_name_finds_its_row():
    page = review("903", areas=False)
    page.made = [replace(f, theme=f.claim_id or f.table_id,
                         measure="violence" if f.source == "narrative" else f.measure) for f in page.made]
    assert rules(page) == [("prose-level-matches-table", 903, 930)]
    weapons = [replace(f, measure="violence weapon", fact_id=f.fact_id + "w", row=2,
                       value=f.value if f.period == "2022-23" else f.value + 1)
               for f in page.made if f.source == "table"]
    page.made += weapons  # a second row the thin name fits, from the same 715: which one is unclear
    assert rules(page) == []


def the_county(to: str, from_: str = "715", row_715: str = "715", qualifier: str = "") -> Page1:
    """Prose naming its figures 'offences' under a district heading, a table naming the row
    'Violence with injury': the words find no row, the level it rose from does."""
    page = Page1(f"Horsham\nViolence with injury went up by 188 offences, from {from_} to {to}.\n"
                 f"Indicator\t2022/23\t2023/24\nViolence with injury\t{row_715}\t930\n"
                 "Possession of weapons\t66\t94\n")
    common = dict(kind="count", theme="Horsham")
    page.fact(from_, role="from", period="2022-23", claim_id="c", measure="offence", qualifier=qualifier, **common)
    page.fact(to, role="to", period="2023-24", claim_id="c", measure="offence", **common)
    for row, (name, values) in enumerate((("violence injury", (row_715, "930")), ("possession weapon", ("66", "94")))):
        for col, (printed, period) in enumerate(zip(values, ("2022-23", "2023-24")), start=1):
            page.fact(printed, after="Indicator", source="table", table_id="t", row=row, col=col,
                      period=period, measure=name, **{**common, "kind": "kpi_value"})
    return page


def test_the_claims_other_level_finds_the_row_the_words_do_not():
    assert rules(the_county("930")) == []
    assert rules(the_county("903")) == [("prose-level-matches-table", 903, 930)]


def test_an_anchor_that_is_no_cell_or_a_level_far_from_the_row_is_not_compared():
    assert rules(the_county("903", from_="716")) == []  # 716 is no cell of the district
    assert rules(the_county("1,903")) == []  # too far from 930 to be the same figure misprinted


def test_an_anchor_rounded_in_the_prose_still_finds_its_row():
    page = the_county("903", from_="700", row_715="704", qualifier="about")
    assert rules(page) == [("prose-level-matches-table", 903, 930)]


def test_rounded_prose_levels_agree():
    page = review("930")
    page.made = [replace(f, qualifier="about") if f.value == 1534 and f.source == "narrative" else f
                 for f in page.made]
    assert rules(page) == []
