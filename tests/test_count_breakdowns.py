"""A count introduced in a lead-in line and broken down in the bullets under it is checked as
a whole and its parts (extractors/narrative/document/breakdowns.py, then parts-sum-to-whole)."""
from pathlib import Path

import pytest

from pipeline.process import process_document

CLOSED = """# Outcomes report 2017/18

## 6. Outcomes

6.1 Of the {whole} cases closed during the year:

- 584 were closed with the risk reduced;
- 219 were closed because the client chose not to engage further;
- 141 were transferred to another area; and
- 82 were closed for other reasons.

6.2 Exit questionnaires were returned by 462 clients.
"""

REFERRALS = """Youth service annual return 2019/20

A total of 640 referrals were received in 2019/20:
• 300 referrals came from the police
• 190 referrals came from schools
• {last} referrals came from families themselves

The team has 9 staff.
"""


def run(tmp_path: Path, text: str, name: str = "report.md"):
    path = tmp_path / name
    path.write_text(text)
    result = process_document(path)
    return [(f.rule_id, f.expected, f.observed) for f in result.flags if f.rule_id == "parts-sum-to-whole"], result


def test_bullets_that_add_up_to_their_lead_in_are_consistent(tmp_path):
    flags, result = run(tmp_path, CLOSED.format(whole="1,026"))
    assert flags == []
    whole = next(f for f in result.facts if f.value == 1026)
    assert sorted(f.value for f in result.facts if f.claim_id == whole.claim_id and f.role == "part") == [82, 141, 219, 584]
    assert whole.role == "whole"


def test_bullets_short_of_their_lead_in_are_flagged_with_the_sum(tmp_path):
    flags, result = run(tmp_path, CLOSED.format(whole="1,042"))
    assert flags == [("parts-sum-to-whole", 1042, 1026)]
    flag = next(f for f in result.flags if f.rule_id == "parts-sum-to-whole")
    assert flag.arithmetic == "584 + 219 + 141 + 82 = 1,026"
    assert "16 unaccounted for" in flag.message and "Of the 1,042 cases closed" in flag.snippet


def test_an_approximate_lead_in_keeps_its_looseness(tmp_path):
    flags, _ = run(tmp_path, CLOSED.format(whole="nearly 1,030"))
    assert flags == []


@pytest.mark.parametrize("last, expected", [("150", []), ("170", [("parts-sum-to-whole", 640, 660)])])
def test_bullets_naming_the_whole_noun_are_its_parts(tmp_path, last, expected):
    flags, _ = run(tmp_path, REFERRALS.format(last=last), "return.txt")
    assert flags == expected


def test_a_list_of_other_things_under_a_count_is_not_a_breakdown(tmp_path):
    text = ("Community safety report 2018/19\n\nIn 2018/19 the team worked across 12 wards:\n\n"
            "- 50 events held in parks;\n- 300 residents attended surgeries;\n- 41 patrols were run.\n")
    flags, result = run(tmp_path, text)
    assert flags == []
    assert all(f.role != "part" for f in result.facts)


def test_a_paragraph_between_lead_in_and_bullets_ends_the_breakdown(tmp_path):
    text = CLOSED.format(whole="1,042").replace(
        "during the year:\n\n", "during the year:\n\nThe figures are provisional and will be audited.\n\n")
    flags, _ = run(tmp_path, text)
    assert flags == []


def flags_of(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "note.txt"
    path.write_text(text)
    return sorted((f.rule_id, f.expected, f.observed) for f in process_document(path).flags)


MARAC = ("MARAC report 2017/18\n\nThe MARAC heard 389 cases in 2017/18, involving 512 children.{marker} "
         "Of the 389 cases heard, {part} were repeat referrals.\n\n{marker} A child can appear in more than one case.\n")


@pytest.mark.parametrize("marker", ["³", "¹²", ""])
def test_of_the_whole_after_a_footnote_marker_is_a_whole_and_its_part(tmp_path, marker):
    assert flags_of(tmp_path, MARAC.format(marker=marker, part="112")) == []
    assert flags_of(tmp_path, MARAC.format(marker=marker, part="412")) == [("values-within-bounds", 389, 412)]


CAMPUS = ("Campus safety report 2019\n\nOf the {whole} murders, 80 occurred on campus (13 of which took place "
          "in residence halls), 82 occurred on public property, and 12 occurred at other facilities.\n")


def test_a_part_of_a_part_is_not_added_to_the_whole(tmp_path):
    assert flags_of(tmp_path, CAMPUS.format(whole="174")) == []
    assert flags_of(tmp_path, CAMPUS.format(whole="164")) == [("parts-sum-to-whole", 164, 174)]


@pytest.mark.parametrize("last, expected", [("150", []), ("170", [("parts-sum-to-whole", 640, 660)])])
def test_a_lead_in_cut_by_a_page_break_still_heads_its_bullets(tmp_path, last, expected):
    text = REFERRALS.format(last=last).replace(
        "A total of 640 referrals were received in 2019/20:",
        "A total of 640 referrals were received by the youth service and its partner agencies\n\f"
        "across the district in 2019/20:")
    flags, result = run(tmp_path, text, "return.txt")
    assert flags == expected
    whole = next(f for f in result.facts if f.value == 640)
    assert whole.page == 1 and whole.role == "whole"
