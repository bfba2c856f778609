"""Context around claims: footnotes, periods, prose in table cells, column streams and areas."""


def test_footnote_joins_the_claim_of_its_marker(narrate):
    text = ("- Reports of stalking saw a 9.5% increase from the previous year²\n\n"
            "² 410 reports were received during 2018-2019 compared to 380 during 2017-2018\n")
    facts = narrate(text)
    assert len({f.claim_id for f in facts}) == 1
    assert [(f.role, f.value, f.period) for f in facts] == [
        ("change_pct", 9.5, "2018-19"), ("to", 410, "2018-19"), ("from", 380, "2017-18")]
    assert facts[0].note.startswith("410 reports")


def test_html_superscript_marker_links_too(narrate):
    text = "Hate crime rose by 20%<sup>4</sup> this year.\n\n<sup>4</sup> 60 crimes in 2017/18 against 50 in 2016/17\n"
    facts = narrate(text)
    assert len({f.claim_id for f in facts}) == 1 and len(facts) == 3


def test_period_from_heading_then_document(narrate):
    text = "# Annual review 2016-17\n\n## Moving forward 2017-18\n\nFunding will fall by 10% next year.\n"
    assert [(f.value, f.period) for f in narrate(text)] == [(10, "2017-18")]


def test_first_half_of_a_year(narrate):
    facts = narrate("There was a 12% increase in reports over the first half of 2016/17.")
    assert [(f.value, f.period) for f in facts] == [(12, "2016-17 H1")]


def test_commentary_cell_carries_table_position(narrate):
    text = ("KPI\tBaseline\tQ1 2016/17\tQ2 2016/17\tCommentary\n"
            "Number of arson attacks\t40\t12\t9\tA 15% decrease was seen compared to the previous year.\n")
    facts = [f for f in narrate(text)]
    assert [(f.value, f.kind, f.direction, f.row, f.col) for f in facts] == [(15, "change", "decrease", 1, 4)]
    assert facts[0].table_id and facts[0].subject == "Number of arson attacks"


def test_column_stream_rejoins_a_sentence_split_over_rows(narrate):
    text = ("Housing support\tOutreach work\n"
            "Of 52 clients referred, the\tcovered the town centre and\n"
            "caseload became 47. 30 were\tits parks at night.\n"
            "housed and 17 declined.\t\n")
    facts = narrate(text)
    assert [(f.role, f.value) for f in facts] == [("from", 52), ("whole", 47), ("part", 30), ("part", 17)]
    page = text
    for f in facts:
        assert page[f.char_start:f.char_end] == str(int(f.value))
        assert f.table_id and f.col == 0


def test_areas_from_capitalised_section_titles(narrate):
    block = "Outcomes\tCommentary\tEngagement\n{}\tWork continues with partners\tEvents held in summer\n"
    text = ("\t\tNORTHTOWN\t\n" + block.format("There were 14 community events held in the parks.") + "\n"
            "\t\tSOUTHVILLE\t\n" + block.format("There were 9 community events held in the parks."))
    facts = narrate(text)
    assert [(f.value, f.area) for f in facts] == [(14, "Northtown"), (9, "Southville")]


def test_single_area_report_has_no_area(narrate):
    assert [f.area for f in narrate("We held 12 meetings.")] == [""]


def test_commentary_of_a_table_stitched_across_pages_points_at_its_own_page():
    """A PDF table continued on the next page keeps each cell's page: facts read from a
    commentary cell on page 2 must point into page 2's text, not the table's first page."""
    from dataclasses import replace

    from extractors.narrative import extract
    from tests.conftest import document_from_text
    header = "Indicator\tQ1 2016/17\tQ2 2016/17\tCommentary\n"
    first = document_from_text(header + "Burglary\t10\t12\tBurglary rose by 20% on the quarter.\n")
    second = document_from_text("Robbery\t8\t6\tRobbery fell by 25% on the quarter.\n")
    moved = tuple(replace(c, page=2) for c in second.tables[0].cells)
    cells = first.tables[0].cells + tuple(replace(c, row=c.row + 2) for c in moved)
    table = replace(first.tables[0], cells=cells, pages=(1, 2))
    pages = (first.pages[0], replace(second.pages[0], number=2))
    doc = replace(first, pages=pages, tables=(table,))
    facts = {f.value: f for f in extract(doc).facts if f.kind == "change"}
    assert (facts[20].page, facts[25].page) == (1, 2)
    for fact in facts.values():
        assert doc.pages[fact.page - 1].text[fact.char_start:fact.char_end].startswith(f"{fact.value:g}")


def test_a_run_of_months_names_the_period_and_the_comparison_keeps_its_own(narrate):
    facts = narrate("Between April and September 2019, 4,812 crimes were recorded, compared with "
                    "5,104 in the same period of 2018/19, a fall of 5.7%.\n")
    by_value = {f.value: f for f in facts}
    assert by_value[4812].period.startswith("2019-20") and by_value[5104].period.startswith("2018-19")
    assert (by_value[5.7].kind, by_value[5.7].direction) == ("change", "decrease")
