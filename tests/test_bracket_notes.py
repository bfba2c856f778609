"""A line above a KPI table can say what its bracketed percents are ('the bracket after the
baseline gives the reduction achieved'): then '40,861 (3%)' states a 3% decrease, not a share.
Without such a line a bracketed percent stays the share of the count beside it."""
import pytest

from extractors import tables
from pipeline.loaders import load_document

TABLE = ("| Area | Measure | Baseline 2018/19 | Q2 2019/20 | Year-end 2019/20 |\n|---|---|---|---|---|\n"
         "| Northbrook | Vehicle crime | 2,410 (6%) | 1,180 | 2,300 |\n"
         "| Eastmere | Vehicle crime | 980 (2.5%) | 470 | 1,010 |\n")


@pytest.mark.parametrize("note, direction", [
    ("The bracket after the baseline gives the reduction achieved on the year before.", "decrease"),
    ("Figures in brackets show the fall since 2017/18.", "decrease"),
    ("Bracketed figures are the increase on the previous year.", "increase"),
])
def test_a_note_above_says_bracketed_percents_are_changes(tmp_path, note, direction):
    path = tmp_path / "r.md"
    path.write_text(f"# Scorecard\n\nHow to read the table. {note}\n\n## Table\n\n{TABLE}", encoding="utf-8")
    facts = tables.extract(load_document(path)).facts
    got = {(f.area, f.kind, f.value, f.unit, f.direction, f.period) for f in facts if f.col == 2}
    assert got == {("Northbrook", "kpi_baseline", 2410, "count", "", "2018-19"),
                   ("Northbrook", "change", 6, "percent", direction, "2018-19"),
                   ("Eastmere", "kpi_baseline", 980, "count", "", "2018-19"),
                   ("Eastmere", "change", 2.5, "percent", direction, "2018-19")}


@pytest.mark.parametrize("note", ["", "Brackets compare the running total with the same months last year.",
                                  "The figures below are provisional."])
def test_without_such_a_note_a_bracketed_percent_is_a_share(tmp_path, note):
    path = tmp_path / "r.md"
    path.write_text(f"# Scorecard\n\n{note}\n\n{TABLE}", encoding="utf-8")
    facts = tables.extract(load_document(path)).facts
    shares = {(f.area, f.value, f.role) for f in facts if f.unit == "percent"}
    assert shares == {("Northbrook", 6, "share"), ("Eastmere", 2.5, "share")}
    assert not [f for f in facts if f.kind == "change"]
