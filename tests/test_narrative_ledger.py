"""The prose ledger: every number the narrative extractor leaves out is recorded with a specific
reason, and no number is both a fact and a skip. Sentences written here."""
import pytest

from extractors.narrative import extract
from pipeline.model import Document, Page


def _doc(text: str) -> Document:
    return Document(doc_id="d", file_name="d.txt", path="", sha256="", format="txt", status="ok",
                    pages=(Page(1, text),))


def _reasons(text: str) -> dict[str, str]:
    return {s.text: s.reason for s in extract(_doc(text)).skipped}


@pytest.mark.parametrize("text, number, reason", [
    ("The board met on 14 October 2019 to agree the plan.", "14", "date"),
    ("It met again on 3/11/2020 in the town hall.", "3", "date"),
    ("4.2 Burglary rose in the autumn.", "4.2", "section_number"),
    ("7. Next steps\nThe panel will meet again.", "7", "section_number"),
    ("As Section 9 explains, spending was on plan.", "9", "section_number"),
    ("The figures are on page 14 of the appendix.", "14", "page_number"),
    ("The allocations are set out in Table 3 below.", "3", "reference"),
    ("Recommendation 12 asks the panel to note the spend.", "12", "item_number"),
    ("Ring the helpline on 01632 960 721 for advice.", "01632", "phone"),
    ("Drop-in sessions run from 9:30 on weekdays.", "9", "time_of_day"),
    ("Workshops were held for pupils aged 11-14 in the district.", "11", "age_band"),
    ("Powers come from the Anti-social Behaviour Act 2003 for councils.", "2003", "legislation"),
    ("The city is in the top 10 for recycling rates.", "10", "rank"),
    ("The plan rests on three pillars and six strategies.", "three", None),  # a word, not a token
    ("The plan rests on 3 pillars agreed by the board.", "3", "structure_count"),
    ("The contract runs for 2 years from April.", "2", "duration"),
    ("Details are at www.example.org.uk/plans/2021/ online.", "2021", "reference"),
    ("Decision ref [KD/10092021/P] was signed by the chair.", "10092021", "reference"),
    ("The peak is in the evening.\n\n140\n\n160\n", "140", "bare_numbers"),  # chart axis text
    ("Chart\n0.25\n", "0.25", "bare_numbers"),
])
def test_each_skipped_number_has_a_specific_reason(text, number, reason):
    found = _reasons(text)
    if reason is None:
        assert number not in found
    else:
        assert found.get(number) == reason, found


def test_facts_are_not_also_skips():
    text = "The partnership recorded 412 burglaries in the year, 9% fewer than before (section 4)."
    result = extract(_doc(text))
    assert {text[f.char_start:f.char_end] for f in result.facts} == {"412", "9%"}
    assert [(s.text, s.reason) for s in result.skipped] == [("4", "section_number")]


def test_spans_point_at_the_page_text():
    text = "Intro line.\n2.3 On 5 May 2018 the panel met.\n"
    result = extract(_doc(text))
    for s in result.skipped:
        assert text[s.char_start:s.char_end] == s.text and s.page == 1 and s.source == "narrative"
    assert ("2.3", "section_number") in [(s.text, s.reason) for s in result.skipped]


@pytest.mark.parametrize("text, number, reason", [
    ("Data are from the cohort study (B&B:93/03) of graduates.", "03", "range"),
    ("The side effects are rare (1/10,000 to 1/1,000) in adults.", "10,000", "range"),
    ("See the manual for models 737-7/8/9 before servicing.", "9", "range"),
    ("Relief valves open at a pressure under 0,02 MPa in tests.", "0,02", "decimal_comma"),
    ("Treat when the arterial pH is below 7,38 in adults.", "7,38", "decimal_comma"),
    ("详见第 7 条的规定。", "7", "section_number"),
    ("用地指标按表 7.6 中的系数进行调整。", "7.6", "reference"),
    ("公司前 10 名股东持股情况。", "10", "rank"),
    ("1、普通股股东总数。", "1", "list_index"),
])
def test_numbers_no_sentence_reads_are_placed_by_their_marks(text, number, reason):
    assert _reasons(text).get(number) == reason
