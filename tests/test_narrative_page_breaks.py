"""A sentence cut by a page break reads as one sentence, while each of its numbers keeps the
page it is printed on and a span on that page (text pages split at form feeds, and PDF pages)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from extractors.narrative import extract
from pipeline.loaders import load_document
from pipeline.model import Document, Fact
from tests.conftest import document_from_text

FUNDING_HEAD = ("The council gave funding to each of the four partnerships to build capacity and "
                "capability within the voluntary sector;")
FUNDING_TAIL = "Northmoor received £41,500 in 2019/20 for this work."


def _facts(doc: Document) -> list[Fact]:
    return list(extract(doc).facts)


def _on_page(doc: Document, fact: Fact) -> str:
    """The page text under the fact's span: what the scorer's grounding reads."""
    return doc.pages[fact.page - 1].text[fact.char_start:fact.char_end]


def _fact(facts: list[Fact], value: float) -> Fact:
    return next(f for f in facts if f.value == value)


@pytest.mark.parametrize("head, tail, value, printed, first_half", [
    (FUNDING_HEAD, FUNDING_TAIL, 41500, "£41,500", "voluntary sector"),
    ("Burglary in the town centre fell over the year, and the number of recorded offences dropped by",
     "12% to 340 after the evening patrols began.", 12, "12%", "Burglary in the town centre"),
    ("The scheme was run by volunteers from the neighbourhood watch network and the",
     "police, who between them visited 1,320 homes during the spring.", 1320, "1,320", "neighbourhood watch"),
    ("Calls about anti-social behaviour were handled by the new hub at Westgate,",
     "Eastholm and Marsh Lane, which took 2,410 calls in its first year.", 2410, "2,410", "anti-social behaviour"),
])
def test_sentence_over_a_form_feed_reads_whole(head, tail, value, printed, first_half):
    doc = document_from_text(f"Progress report\n\nThe first section is done.\n\n{head}\n\f{tail}\n\nThe end.\n")
    fact = _fact(_facts(doc), value)
    assert fact.page == 2 and _on_page(doc, fact) == printed
    assert first_half in fact.text and fact.text.endswith(tail)


def test_numbers_before_the_break_stay_on_their_page():
    doc = document_from_text(f"Progress report\n\n{FUNDING_HEAD}\n\f{FUNDING_TAIL}\n")
    facts = _facts(doc)
    four, money = _fact(facts, 4), _fact(facts, 41500)
    assert (four.page, _on_page(doc, four)) == (1, "four")
    assert (money.page, _on_page(doc, money)) == (2, "£41,500")
    assert four.text == money.text == f"{FUNDING_HEAD} {FUNDING_TAIL}"
    assert money.period == "2019-20" and money.kind == "allocation"


def test_running_heads_feet_and_page_numbers_between_are_passed_over():
    pages = [f"Westmoor Community Safety Partnership\n\nThe first section is done.\n\n{FUNDING_HEAD}\n\n- 1 -\n",
             f"Westmoor Community Safety Partnership\n\n{FUNDING_TAIL}\n\nMore work will follow.\n\n- 2 -\n",
             "Westmoor Community Safety Partnership\n\nThe last page.\n\nPage 3 of 3\n"]
    doc = document_from_text("\f".join(pages))
    money = _fact(_facts(doc), 41500)
    assert money.page == 2 and _on_page(doc, money) == "£41,500"
    assert money.text == f"{FUNDING_HEAD} {FUNDING_TAIL}"


@pytest.mark.parametrize("page_end, page_start", [
    ("The council gave funding to each of the four partnerships this year.", FUNDING_TAIL),  # a full stop
    ("The council set out how the funding would be spent in the year ahead:", FUNDING_TAIL),  # a colon
    (FUNDING_HEAD, f"Support for Victims\n\n{FUNDING_TAIL}"),  # a heading tops the next page
    (FUNDING_HEAD, f"## Funding for victims\n\n{FUNDING_TAIL}"),
    (FUNDING_HEAD, f"- {FUNDING_TAIL}"),  # a bullet
    ("Offenders moving into stable employment by the end of their order (target 45%) = 44.7% (YTD)",
     "Offenders moving into stable accommodation by the end of their order (target 87%) = 86.4% (YTD)"),
])
def test_no_join_where_the_page_ends_its_sentence_or_a_block_starts(page_end, page_start):
    doc = document_from_text(f"Progress report\n\n{page_end}\n\f{page_start}\n")
    second = [f for f in _facts(doc) if f.page == 2]
    assert second and all(page_end not in f.text for f in second)


def test_a_table_between_blocks_the_join():
    doc = document_from_text(f"Progress report\n\n{FUNDING_HEAD}\n\nArea\tGrant\nNorth\t£12,000\n\f{FUNDING_TAIL}\n")
    money = _fact(_facts(doc), 41500)
    assert FUNDING_HEAD not in money.text


def _pdf_page(pdf: FPDF, number: int, lines: list[str]) -> None:
    pdf.add_page()
    pdf.set_y(10)
    pdf.cell(0, 5, "Westmoor Community Safety Partnership", align="C")
    pdf.set_y(30)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_y(272)
    pdf.cell(0, 5, f"Page {number}", align="C")


@pytest.mark.parametrize("head, tail, value, printed, first_half", [
    (FUNDING_HEAD, FUNDING_TAIL, 41500, "£41,500", "voluntary sector"),
    ("Across the district the number of repeat victims of domestic abuse supported by the",
     "outreach service rose to 215 during the year.", 215, "215", "repeat victims"),
])
def test_sentence_over_a_pdf_page_break_reads_whole(tmp_path: Path, head, tail, value, printed, first_half):
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=11)
    _pdf_page(pdf, 1, ["The first section of this report is done.", head])
    _pdf_page(pdf, 2, [tail, "More work will follow next year."])
    _pdf_page(pdf, 3, ["The last page of the report."])
    path = tmp_path / "break.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    fact = _fact(_facts(doc), value)
    assert fact.page == 2 and _on_page(doc, fact) == printed
    assert first_half in fact.text and fact.text.endswith(tail)


def test_footnotes_at_the_foot_of_the_page_are_passed_over():
    doc = document_from_text(f"Progress report\n\n{FUNDING_HEAD}\n\n¹ Grants worth £9,000 were paid late.\n"
                             f"\f{FUNDING_TAIL}\n")
    facts = _facts(doc)
    money = _fact(facts, 41500)
    assert money.page == 2 and money.text == f"{FUNDING_HEAD} {FUNDING_TAIL}"
    note = _fact(facts, 9000)
    assert note.page == 1 and _on_page(doc, note) == "£9,000" and FUNDING_HEAD not in note.text
