"""Prose that restates a table's figure takes the cell's kind, period and indicator; prose that
dates its own figure, or counts something else, keeps its own typing."""
import pytest

from extractors import extract_facts
from tests.conftest import document_from_text

TABLE = ("Community Safety Review 2021/22\n\n"
         "Indicator\t2020/21\t2021/22\tTarget\n"
         "Shoplifting offences\t412\t455\t430\n"
         "Cycle thefts\t61\t48\t55\n\n")


def _prose(text: str):
    facts = extract_facts(document_from_text(TABLE + text)).facts
    return {f.value: f for f in facts if f.source == "narrative"}


@pytest.mark.parametrize("sentence, value, kind, period", [
    ("Shoplifting went up from 412 to 455 over the year.", 412, "kpi_value", "2020-21"),
    ("Shoplifting went up from 412 to 455 over the year.", 455, "kpi_value", "2021-22"),
    ("Cycle thefts dropped, from 61 to 48, after the new stands went in.", 61, "kpi_value", "2020-21"),
    ("Reported shoplifting closed at 455, above the target of 430.", 430, "kpi_target", "2021-22"),
    ("Cycle theft finished the year on 48 offences.", 48, "kpi_value", "2021-22"),
])
def test_a_restated_cell_takes_its_typing(sentence, value, kind, period):
    fact = _prose(sentence)[value]
    assert (fact.kind, fact.period) == (kind, period)
    assert fact.subject.split(": ")[-1] in ("Shoplifting offences", "Cycle thefts")


@pytest.mark.parametrize("sentence, value", [
    ("Shoplifting stood at 412 in 2020/21.", 412),  # the sentence dates its own figure
    ("Officers gave 61 talks on cycle theft to schools.", 61),  # the number counts talks
    ("There were 412 street parties in the borough.", 412),  # no word of any indicator
])
def test_a_number_that_states_its_own_figure_keeps_its_typing(sentence, value):
    assert _prose(sentence)[value].kind == "count"


@pytest.mark.parametrize("sentence, value, period", [
    ("Most came in the July to September quarter, when 19 were recorded.", 19, "2021-22 Q2"),
    ("The January to March quarter, with 23 reports, was the quietest.", 23, "2021-22 Q4"),
    ("In the October to December quarter, during which 31 arrests were made, patrols doubled.", 31, "2021-22 Q3"),
])
def test_a_clause_hung_on_a_named_quarter_takes_its_period(narrate, sentence, value, period):
    facts = {f.value: f for f in narrate("Annual Report 2021/22\n\n" + sentence)}
    assert facts[value].period == period


@pytest.mark.parametrize("sentence", [
    "Closing the gap would mean 48 more cycle thefts solved.",
    "That equates to 48 additional cycle thefts recorded.",
    "There were 48 fewer cycle thefts reported.",
])
def test_a_difference_is_not_a_restated_level(sentence):
    assert _prose(sentence)[48].kind != "kpi_value"


WRAPPED = ("Performance 2021/22\n\n"
           "Indicator\tQ1 2021/22\tQ2 2021/22\tCommentary\n"
           "Shoplifting\t101\t99\tShoplifting fell by 2% on the quarter.\n"
           "Cases closed\t61.0%\t64.5%\tClosure rate of 64.5% for the\n"
           "within 28 days (%)\t(50 of\t(60 of\tquarter (60 of 93 cases), 3.5 percentage\n"
           "\t82)\t93)\tpoints higher than the first quarter.\n")


def test_a_wrapped_kpi_row_is_one_commentary():
    """A PDF table reader that splits a wrapped row into three keeps one commentary: the
    continuation rows (label in lower case or none) carry on the cell above."""
    facts = [f for f in extract_facts(document_from_text(WRAPPED)).facts if f.source == "narrative"]
    points = next(f for f in facts if f.value == 3.5)
    assert (points.unit, points.kind, points.direction) == ("percentage_points", "change", "increase")
    assert "Cases closed within 28 days" in points.subject
    assert [sorted(f.value for f in facts if f.row == row) for row in (2, 3, 4)] == [[64.5], [3.5, 60, 93], []]
    assert next(f for f in facts if f.value == 2).subject.startswith("Shoplifting")
