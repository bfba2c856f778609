"""Stated changes in a KPI table row: 'Previous year | This year | Change | % change'.

A change cell ('-14', '+7', '(12)', '-9.9%', '16.1%') becomes a `change` fact (a positive
magnitude with its direction). The row's two period values become the `from` and `to` levels
of the same claim, so the change rules can check the stated change against them."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import cast

from extractors.facts import cell_offset, make_fact
from pipeline.model.ids import stable_id
from pipeline.model import Cell, Document, Fact
from pipeline.model.vocab import Role, Unit

_SIGNED = re.compile(r"^\s*(?P<sign>[-−–+(])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<pct>%|pp\b|pts?\b|points?\b)?\s*\)?\s*$",
                     re.I)


def change_fact(doc: Document, cell: Cell, column_role: str, level_unit: str, claim: str,
                subject: str, common: dict) -> list[Fact]:
    """The change a cell states; none for 'n/a', '-' or words."""
    m = _SIGNED.match(cell.text)
    offset = cell_offset(doc, cell)
    if not m or offset is None:
        return []
    value = float(m.group("num").replace(",", ""))
    sign = m.group("sign") or ""
    direction = "" if value == 0 else ("decrease" if sign and sign != "+" else "increase")
    marker = (m.group("pct") or "").lower()
    if marker.startswith(("pp", "pt", "point")) or (column_role == "change" and level_unit == "percent"):
        unit = "percentage_points"
    elif column_role == "change_pct" or marker == "%":
        unit = "percent"
    else:
        unit = level_unit
    start = m.start("sign") if sign else m.start("num")
    end = m.end("pct") if m.group("pct") else m.end("num")
    role = "change_pct" if unit == "percent" else "change_abs"
    # the unit is a literal or the levels' unit, a Unit
    return [make_fact(doc, kind="change", value=value, unit=cast(Unit, unit), subject=subject, page=cell.page,
                      snippet=f"{subject} | {cell.text}",
                      start=offset + start, end=offset + end, source="table", extractor="tables",
                      direction=direction, claim_id=claim, role=role, col=cell.col, bbox=cell.bbox,
                      **common)]


def link_levels(doc: Document, facts: list[Fact], changes: list[Fact], claim: str) -> list[Fact]:
    """Give the row's two period values (earlier `from`, later `to`) the changes' claim, and a
    change that names no period of its own the later one, measured against the earlier."""
    values = sorted((f for f in facts if f.kind == "kpi_value" and f.role == "value" and f.period),
                    key=lambda f: f.period)
    if not changes or len(values) != 2 or values[0].period == values[1].period:
        return facts + changes
    roles: dict[str, Role] = {values[0].fact_id: "from", values[1].fact_id: "to"}
    linked = [replace(f, role=roles[f.fact_id], claim_id=claim) if f.fact_id in roles else f for f in facts]
    return linked + [c if c.period else replace(c, period=values[1].period, compared_period=values[0].period)
                     for c in changes]


def row_claim(doc: Document, table_id: str, row: int) -> str:
    return stable_id("claim", doc.doc_id, table_id, row, "change")
