"""KPI and spend tables written here in other layouts and wordings than the sample reports."""
import pytest

from pipeline.loaders import load_document
from extractors import tables


def facts_of(tmp_path, text, extractor, name="r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    facts = list(extractor.extract(doc).facts)
    for f in facts:  # every fact points at its number (a '£000s' table states thousands)
        span = doc.pages[f.page - 1].text[f.char_start:f.char_end].replace(",", "")
        assert any(f"{v:g}" in span for v in (f.value, f.value / 1000)), (f, span)
    return facts


KPI = (
    "Community Safety Performance 2016/17\n\n"
    "Safer Streets\t\t\t\t\t\n"
    "Measure\tGood is\tQ1 2016/17\tQ2 2016/17\tTarget\tNotes\n"
    "Burglary dwelling offences Baseline 420\tLower\t101\t95\t400\tDown on last year\n"
    "\n"
    "Victim satisfaction\tHigher\t81.0% (114/141)\t79%\t85%\tSurvey of 141 victims\n"
    "Anti-social behaviour\n"
    "Calls about ASB\tLower\t1,204\t1,198\t\t\n"
)


def test_kpi_table_by_shape(tmp_path):
    facts = facts_of(tmp_path, KPI, tables)
    got = {(f.kind, f.subject.split()[0], f.period, f.value, f.unit) for f in facts}
    assert got >= {
        ("kpi_baseline", "Burglary", "", 420, "count"),
        ("kpi_value", "Burglary", "2016-17 Q1", 101, "count"),
        ("kpi_value", "Burglary", "2016-17 Q2", 95, "count"),
        ("kpi_target", "Burglary", "2016-17", 400, "count"),
        ("kpi_value", "Victim", "2016-17 Q1", 81.0, "percent"),
        ("kpi_target", "Victim", "2016-17", 85, "percent"),
        ("kpi_value", "Calls", "2016-17 Q2", 1198, "count"),
    }
    satisfaction = next(f for f in facts if f.value == 81.0)
    assert (satisfaction.numerator, satisfaction.denominator, satisfaction.theme) == (114, 141, "Safer Streets")
    assert not any(f.value == 141 and f.kind == "kpi_value" for f in facts)  # notes are prose


def test_no_kpi_facts_from_a_table_without_periods(tmp_path):
    text = "Contents\tPage\nIntroduction\t2\nSpending\t4\n"
    assert facts_of(tmp_path, text, tables) == []


def test_spend_table_with_scale_total_and_allocation(tmp_path):
    text = ("Grant spend 2016/17 (£000s)\n\n"
            "Grant awarded\t250\n"
            "Victim services\t120.5\n"
            "Youth diversion\t80\n"
            "Analyst\t30\n"
            "Total\t230.5\n")
    facts = facts_of(tmp_path, text, tables)
    got = [(f.kind, f.value, f.period, f.role) for f in facts]
    assert got == [("allocation", 250000, "2016-17", "allocation"),
                   ("spend_item", 120500, "2016-17", "item"),
                   ("spend_item", 80000, "2016-17", "item"),
                   ("spend_item", 30000, "2016-17", "item"),
                   ("spend_total", 230500, "2016-17", "total")]
    assert len({f.claim_id for f in facts}) == 1


def test_spend_table_bare_total_and_mixed_formats(tmp_path):
    text = ("Summary of spend\n\nActual spend 2013-2014\n\n"
            "Council allocation\t£100,000\n"
            "Patrols\t£40,000\n"
            "Mentoring\t35892\n"
            "CCTV\t£24,108\n"
            "\t100,000\n")
    facts = facts_of(tmp_path, text, tables)
    assert [(f.kind, f.value) for f in facts] == [
        ("allocation", 100000), ("spend_item", 40000), ("spend_item", 35892),
        ("spend_item", 24108), ("spend_total", 100000)]
    assert {f.period for f in facts} == {"2013-14"}


@pytest.mark.parametrize("change", ["-1.7 pts", "-1.7pp", "-1.7 points", "-1.7 pt"])
def test_a_change_in_points_of_a_rate_is_percentage_points(tmp_path, change):
    path = tmp_path / "k.md"
    path.write_text("| Indicator | 2018/19 | 2019/20 | Change |\n|---|---:|---:|---:|\n"
                    f"| Repeat victims (%) | 28.1% | 26.4% | {change} |\n| Arrests | 412 | 380 | -32 |\n", encoding="utf-8")
    facts = tables.extract(load_document(path)).facts
    assert {(f.subject, f.value, f.unit, f.direction) for f in facts if f.kind == "change"} == {
        ("Repeat victims (%)", 1.7, "percentage_points", "decrease"), ("Arrests", 32, "count", "decrease")}
