"""Parts of a stated whole add up to it."""
from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

BRAVE = ("BRAVE. Of 343 referred to Victim Support, caseload became 304. 105 were closed after "
         "victim was satisfied, 130 abandoned, 47 were outside the project remit, 10 did not take "
         "up the service, 3 cases closed for other reasons.")


def parts_page(text: str, wholes: list[str], parts: list[str]) -> Page1:
    page = Page1(text)
    for printed in wholes:
        page.fact(printed, role="whole", claim_id="c1")
    for printed in parts:
        page.fact(printed, role="part", claim_id="c1")
    return page


def test_breakdown_short_of_the_caseload_is_flagged():
    page = parts_page(BRAVE, ["343", "304"], ["105", "130", "47", "10", "3"])
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("parts-sum-to-whole", 295, 304)]
    assert flags[0].message == "Parts 105 + 130 + 47 + 10 + 3 = 295, but the whole is 304 (9 unaccounted for)"
    assert flags[0].severity == "warning"


def test_breakdown_matching_either_whole_does_not_flag():
    text = BRAVE.replace("10 did not", "19 did not")
    page = parts_page(text, ["343", "304"], ["105", "130", "47", "19", "3"])
    assert check_document(page.document, page.made) == []


def test_rounded_parts_do_not_flag():
    # shares of £1.0m printed to one decimal place of a million
    page = parts_page("Of £1.0m, £0.3m went to A, £0.3m to B and £0.4m to C.", ["£1.0m"],
                      ["£0.3m", "£0.3m", "£0.4m"])
    assert check_document(page.document, page.made) == []


def test_parts_above_the_whole_are_an_error_and_two_parts_short_are_not_flagged():
    page = parts_page("Of 50 referrals, 30 were accepted and 25 declined.", ["50"], ["30", "25"])
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.severity, f.observed) for f in flags] == [("parts-sum-to-whole", "error", 55)]
    page = parts_page("Of 50 referrals, 30 were accepted and 15 declined.", ["50"], ["30", "15"])
    assert check_document(page.document, page.made) == []


HUB = ("Of the 66 people referred to it, 53 have not come to police attention again.4\n"
       "4 53 of the 66 people referred to the hub since it started.")


def hub_page(sentence_parts: list[str], note_parts: list[str]) -> Page1:
    """A sentence and the footnote it cites, joined in one claim (as the footnote linker does)."""
    page = Page1(HUB)
    sentence, note = HUB.split("\n")
    for printed in sentence_parts:
        page.fact(printed, role="part", claim_id="c1", text=sentence)
    page.fact("66", role="whole", claim_id="c1", text=sentence)
    page.fact("66", after="4 53", role="whole", claim_id="c1", text=note)
    for printed in note_parts:
        page.fact(printed, after="4 ", role="part", claim_id="c1", text=note)
    return page


def test_a_footnote_restating_its_sentence_adds_no_parts():
    page = hub_page(["53"], ["53"])
    assert check_document(page.document, page.made) == []


def test_a_footnote_with_figures_of_its_own_still_adds_its_parts():
    page = Page1(HUB.replace("4 53 of the 66 people referred to the hub since it started.",
                             "4 A further 20 have moved out of the area."))
    sentence, note = page.text.split("\n")
    page.fact("53", role="part", claim_id="c1", text=sentence)
    page.fact("66", role="whole", claim_id="c1", text=sentence)
    page.fact("20", role="part", claim_id="c1", text=note)
    flags = check_document(page.document, page.made)
    assert [(f.rule_id, f.expected, f.observed) for f in flags] == [("parts-sum-to-whole", 66, 73)]
