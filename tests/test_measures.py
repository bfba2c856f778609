"""The measure key: one quantity named several ways gets one key; different quantities keep
different keys."""
from __future__ import annotations

import pytest

from extractors import extract_facts
from extractors.measures import measure_of
from pipeline.loaders import load_document

SAME = [
    # abbreviation, plural and 'reported' dropped
    ("Anti-social behaviour incidents reported", "ASB incidents"),
    ("Domestic abuse incidents", "DA incidents reported"),
    ("Antisocial behaviour incidents", "anti-social behaviour incident"),
    # stop words and 'number of'
    ("Number of burglaries", "burglaries"),
    ("First-time entrants to the youth justice system", "first time entrants to youth justice system"),
    ("Referrals to MARAC", "referrals to the multi-agency risk assessment conference"),
]
DIFFERENT = [
    ("Domestic burglary", "Non-dwelling burglary"),
    ("Violence with injury", "Violence without injury"),
    ("Repeat referrals", "Referrals"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_one_quantity_named_two_ways_has_one_key(a, b):
    assert measure_of(a) == measure_of(b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_quantities_keep_different_keys(a, b):
    assert measure_of(a) != measure_of(b)


def test_not_plurals_are_kept():
    assert measure_of("Crisis cases") == "crisis case"
    assert measure_of("Analysis") == "analysis"


def test_every_extracted_fact_has_a_measure(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Community Safety Report 2019/20\n\nKey figures\n\n"
                    "Indicator\t2018/19\t2019/20\nASB incidents\t1,200\t1,100\n\n"
                    "Anti-social behaviour incidents fell from 1,200 to 1,100 in 2019/20.\n")
    facts = extract_facts(load_document(path)).facts
    asb = {f.measure for f in facts if f.unit == "count" and f.value in (1200, 1100)}
    assert facts and all(f.measure or not f.subject.strip() for f in facts)
    assert "anti social behaviour incident" in asb


def test_a_tables_total_line_counts_what_its_caption_counts():
    from extractors.measures import caption_measure
    assert caption_measure("Table 1: Referrals by source") == "referral"
    assert caption_measure("Figure 4 – Offences per ward") == "offence"
    assert caption_measure("3. Referrals") == "referral"
