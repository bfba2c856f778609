"""A stated change's comparison scope is a field the extractors fill from its own words, and
the KPI commentary rule reads that field, not the sentence."""
from __future__ import annotations

import pytest

from extractors import extract_facts
from extractors.comparisons import compared_to
from pipeline.loaders import load_document
from pipeline.model import Fact
from pipeline.rules import run_rules

WORDINGS = [
    ("fell by 4.5% against the baseline", "baseline"),
    ("up 12 compared with its baseline", "baseline"),
    ("an increase on the same quarter last year", "same_period_last_year"),
    ("down on the same period of the previous year", "same_period_last_year"),  # not the previous year
    ("rose on the previous quarter", "previous_period"),
    ("a quarter-on-quarter fall", "previous_period"),
    ("compared to the previous year", "previous_year"),
    ("on last year's figure", "previous_year"),
    ("a year-on-year rise", "previous_year"),
    ("for the 2015/16 performance year", "previous_year"),
    ("compared with 2019", "previous_year"),
    ("fell by 3% this month", ""),
    ("a baseline of 40 was set", ""),  # the word alone says nothing about what is compared
]


@pytest.mark.parametrize("clause, scope", WORDINGS)
def test_a_changes_words_give_its_scope(clause, scope):
    assert compared_to(clause) == scope


def test_extracted_changes_carry_their_scope(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Community Safety Report 2019/20\n\n"
                    "Burglary fell by 12% on the previous year, to 880 offences.\n\n"
                    "Violence with injury rose by 4% against the baseline.\n\n"
                    "Shoplifting rose by 9% compared with the same quarter last year.\n\n"
                    "Referrals increased by 15% on the previous quarter but fell by 7% against the baseline.\n\n"
                    "Theft fell by 3%.\n", encoding="utf-8")
    facts = extract_facts(load_document(path)).facts
    scopes = {f.value: f.compared_to for f in facts if f.kind == "change"}
    assert scopes == {12: "previous_year", 4: "baseline", 9: "same_period_last_year",
                      15: "previous_period", 7: "baseline", 3: ""}  # each from its own clause
    assert all(f.compared_to == "" for f in facts if f.kind != "change")


def row_fact(n: int, value: float, **fields) -> Fact:
    """A KPI row's fact with no page text behind it: only its fields can say what it means."""
    base = dict(fact_id=f"f{n}", doc_id="d", kind="kpi_value", value=value, unit="count", subject="Referrals",
                page=1, char_start=10 * n, char_end=10 * n + 2, text=str(value), source="table",
                extractor="test", table_id="t1", row=1, col=n)
    return Fact(**{**base, **fields})


@pytest.mark.parametrize("stated, scope, flagged", [
    (20.0, "previous_period", False),  # 30 -> 36 is +20%
    (35.0, "previous_period", True),
    (35.0, "same_period_last_year", False),  # not checkable from one year's quarters
    (35.0, "", False),  # says nothing of what it is compared with
])
def test_the_commentary_rule_reads_the_scope_field(stated, scope, flagged):
    facts = [row_fact(q, v, period=f"2015-16 Q{q}") for q, v in enumerate((40, 35, 30, 36), start=1)]
    facts.append(row_fact(6, stated, kind="change", role="change_pct", unit="percent", direction="increase",
                          source="narrative", claim_id="c1", compared_to=scope))
    flags = run_rules(facts, "document")
    assert [f.rule_id for f in flags] == (["kpi-commentary-matches-table"] if flagged else [])
