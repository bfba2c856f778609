"""A table of contents is not a data table: its page numbers must not become quantities, and
a two-column table of small rising numbers under any other title is still read."""
from __future__ import annotations

import pytest

from extractors import extract_facts
from pipeline.loaders import load_document

CONTENTS_TAB = """Annual Report of the Partnership

Contents

Foreword from the Chair\t3
Our priorities\t5
Reducing harm\t5
Appendix A - Spending\t12

Foreword from the Chair

The partnership met six times this year.
"""

CONTENTS_PIPE = """# Community Safety Review

## Table of contents

| Section | Page |
|---|---|
| Introduction | 2 |
| What we funded | 4 |
| Outcomes | 9 |
"""

RANKED = """Wards with the fewest burglaries

Eastfield\t3
Northgate\t5
Riverside\t5
Old Town\t12
"""


@pytest.mark.parametrize("name, text", [("tab.txt", CONTENTS_TAB), ("pipe.md", CONTENTS_PIPE)])
def test_a_contents_list_is_not_a_table_and_its_page_numbers_are_not_facts(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    doc = load_document(path)
    assert doc.status == "ok" and doc.tables == ()
    extraction = extract_facts(doc)
    page_numbers = {"3", "5", "12"} if name == "tab.txt" else {"2", "4", "9"}
    assert not [f for f in extraction.facts if f.text.strip() in page_numbers or str(int(f.value)) in page_numbers]
    assert {s.text for s in extraction.skipped if s.reason == "page_number"} == page_numbers


def test_two_columns_of_rising_numbers_under_another_title_stay_a_table(tmp_path):
    path = tmp_path / "ranked.txt"
    path.write_text(RANKED)
    doc = load_document(path)
    assert len(doc.tables) == 1
    values = sorted(f.value for f in extract_facts(doc).facts)
    assert values == [3, 5, 5, 12]


def test_a_contents_titled_table_of_quantities_stays_a_table(tmp_path):
    path = tmp_path / "falling.txt"
    path.write_text("Contents of the evidence store\n\nBody-worn video clips\t412\nStatements\t96\nPhotographs\t310\n")
    assert len(load_document(path).tables) == 1  # the numbers go down: counts, not pages


def test_an_index_named_measure_is_not_a_contents_list(tmp_path):
    """'Crime Severity Index' names a measure: its rising small numbers are values, not pages."""
    path = tmp_path / "index.txt"
    path.write_text("Crime Severity Index\n\nEastfield\t3\nNorthgate\t5\nRiverside\t9\nOld Town\t12\n")
    doc = load_document(path)
    assert len(doc.tables) == 1
    assert sorted(f.value for f in extract_facts(doc).facts if f.source == "table") == [3, 5, 9, 12]
