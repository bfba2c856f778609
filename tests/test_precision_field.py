"""Printed precision is a field the extractors read from the printed digits; the rules' rounding
intervals come from it, not from re-reading the page."""
from __future__ import annotations

import pytest

from extractors import extract_facts
from pipeline.loaders import load_document
from pipeline.model import Fact
from pipeline.rules.context import RuleContext
from pipeline.rules.settings import RuleSettings


def extracted(tmp_path, text: str) -> list[Fact]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return list(extract_facts(load_document(path)).facts)


def test_prose_numbers_keep_the_digits_they_were_printed_with(tmp_path):
    facts = extracted(tmp_path, "Community Safety Report 2019/20\n\n"
                                "Satisfaction was 81.0% in 2019/20, up from 77.25% in 2018/19.\n\n"
                                "The partnership closed 1,042 cases and spent £1.2m on prevention.\n")
    precision = {f.value: f.precision for f in facts}
    assert precision[81.0] == pytest.approx(0.1)  # the float lost the trailing zero; the field did not
    assert precision[77.25] == pytest.approx(0.01)
    assert precision[1042] == 1.0
    assert precision[1_200_000] == pytest.approx(100_000)
    assert all(f.precision is not None for f in facts)


def test_a_scaled_tables_cells_are_precise_to_its_scale(tmp_path):
    facts = extracted(tmp_path, "Spend 2019/20\n\n"
                                "Item\tBudget £000s\tActual £000s\nStaff\t120\t118.5\nPremises\t40\t41\n")
    money = {f.value: f.precision for f in facts if f.unit == "gbp"}
    assert money[120_000] == pytest.approx(1_000) and money[118_500] == pytest.approx(100)


def share(precision: float | None) -> Fact:
    """57.0% of 100 with no page text: only the fact's fields say how it was printed."""
    return Fact(fact_id="f", doc_id="d", kind="percent", value=57.0, unit="percent", subject="x", page=1,
                char_start=0, char_end=5, text="57%", source="narrative", extractor="test",
                precision=precision)


def test_the_rules_rounding_interval_comes_from_the_field():
    ctx = RuleContext([], RuleSettings(), pages={})
    assert (ctx.interval(share(0.1)).lo, ctx.interval(share(0.1)).hi) == pytest.approx((56.95, 57.05))
    assert (ctx.interval(share(1.0)).lo, ctx.interval(share(1.0)).hi) == pytest.approx((56.5, 57.5))
    assert ctx.shown(share(0.1)) == "57.0" and ctx.shown(share(1.0)) == "57"
    assert ctx.step(share(None)) == 1.0  # a fact made without it: what its own snippet shows
