"""A column headed by a span of years ('2015/16 to 2016/17') states the change over it, not a
level of its first year: read as a level, it restated every row's first-year figure with a
different value."""
from __future__ import annotations

import pytest

from extractors import tables
from extractors.lexicon.roles import column_role
from pipeline.loaders import load_document


@pytest.mark.parametrize("label, role", [
    ("2015–16 to 2021–22", "change"), ("2019 to 2020", "change"), ("to 2008-09", "change"),
    ("2015/16 until 2017/18", "change"),
    ("2015-16", ""), ("2019/20", ""), ("Apr to Jun", ""), ("Total 2015/16 to 2017/18", "total"),
    ("Average 2016 to 2019", ""), ("Q1 to Q3", ""),
])
def test_a_span_of_years_is_a_change_column(label, role):
    assert column_role(label) == role


@pytest.mark.parametrize("header", ["2015/16 to 2016/17", "2015/16 until 2016/17"])
def test_the_span_column_is_the_rows_change_between_its_levels(tmp_path, header):
    path = tmp_path / "t.txt"
    path.write_text(f"Recorded offences\n\nOffence\t2015/16\t2016/17\t{header}\n"
                    "Burglary\t412\t380\t-32\nCriminal damage\t1,204\t1,250\t46\n", encoding="utf-8")
    facts = tables.extract(load_document(path)).facts
    burglary = {(f.kind, f.role, f.value) for f in facts if f.subject == "Burglary"}
    assert ("change", "change_abs", 32) in burglary
    assert {(f.period, f.compared_period) for f in facts if f.kind == "change"} == {("2016-17", "2015-16")}
    assert {("kpi_value", "from", 412), ("kpi_value", "to", 380)} <= burglary
    assert not [f for f in facts if f.kind == "kpi_value" and f.value in (32, 46)]


@pytest.mark.parametrize("header", ["2015/16 to 2021/22", "Change 2015/16 to 2021/22"])
def test_a_lone_span_column_states_its_change_at_the_spans_end(tmp_path, header):
    path = tmp_path / "t.txt"
    path.write_text(f"Recorded offences\n\nOffence\t{header}\nBurglary\t-32\nCriminal damage\t46\nRobbery\t12\n",
                    encoding="utf-8")
    facts = tables.extract(load_document(path)).facts
    assert {(f.kind, f.value, f.direction) for f in facts} == {
        ("change", 32, "decrease"), ("change", 46, "increase"), ("change", 12, "increase")}
    assert {(f.period, f.compared_period) for f in facts} == {("2021-22", "2015-16")}
