"""The general typing: every numeric body cell that no KPI or spend typing claimed becomes a
typed fact, or a ledger entry saying why it is not one. A table nobody recognises still
yields all of its numbers.

    subject  the row label path (section › stub labels), else the column label
    area     the area stub column, else a column label naming a place
    period   the column label path, else the row label, caption, heading, document
    unit     the cell ('%', '£', 'k'), else the column label, row label, caption or notes
    kind     role words in the column path and row label (baseline, target, allocation,
             spend, change, variance, forecast, total), else count / percent / amount
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from extractors.facts import cell_offset, make_fact
from extractors.lexicon.areas import looks_like_place
from extractors.lexicon.changes import direction_of
from extractors.lexicon.periods import label_period, resolve
from extractors.lexicon.roles import column_role, is_allocation_text, row_role
from extractors.lexicon.scales import Scale, stated_scale
from extractors.tables.cells import CellValue, parse_cell
from extractors.tables.header import PATH_SEPARATOR, path_period
from extractors.tables.layout import Layout, is_text
from extractors.tables.ledger import COLUMN_REASONS, cell_reason, page_column, page_references, skipped
from pipeline.model import Cell, Document, Extraction, Fact, Table
from pipeline.model.ids import stable_id
from pipeline.model.periods import find_periods, normalise_period
from pipeline.model.vocab import Kind, Unit

EXTRACTOR = "tables"
_SIGN = re.compile(r"^\s*(?P<sign>[-−–+(])\s*[£]?\d")
_ROLE_KINDS = {"baseline": "kpi_baseline", "target": "kpi_target", "change": "change", "change_pct": "change"}


def _row_label(row: list[Cell], layout: Layout, section: str) -> str:
    parts = [section] + [(m.group("label") if (m := label_then_value(row[c].text)) else row[c].text)
                         for c in layout.stubs if c != layout.area_col and c < len(row)]
    return PATH_SEPARATOR.join(p for p in parts if p)


def _role(layout: Layout, col: int) -> str:
    path = layout.paths.get(col, ())
    return next((r for r in map(column_role, reversed(path)) if r), "")


def _period(doc: Document, table: Table, layout: Layout, col: int, label: str) -> str:
    found = path_period(layout.paths.get(col, ())) or label_period(label.split(PATH_SEPARATOR)[-1])
    found = resolve(found, layout.year)
    return found or normalise_period(layout.caption) or normalise_period(table.heading) or doc.period


def _span(layout: Layout, col: int, period: str) -> tuple[str, str]:
    """(period, compared period) of a change column headed by a span of years ('2015/16 to
    2021/22'): the change is stated at the span's end, against its start."""
    found = list(dict.fromkeys(p.period for p in find_periods(layout.column(col))))
    if len(found) >= 2:
        return found[-1], found[0]
    return period, ""


def _scale(layout: Layout, col: int, label: str) -> Scale:
    for text in (layout.column(col), label, layout.caption, layout.notes):
        scale = stated_scale(text)
        if scale.unit:
            return scale
    return Scale("")


def _kind(unit: str, role: str, row: str, layout: Layout) -> tuple[str, str]:
    """(kind, claim role) from the column's role, the row's role and the unit."""
    if role in _ROLE_KINDS:
        return _ROLE_KINDS[role], ("change_pct" if role == "change_pct" or unit == "percent" else
                                   "change_abs" if role == "change" else "value")
    if unit == "gbp":
        if role == "variance":
            return "amount", "variance"
        if role == "allocation" or (not role and is_allocation_text(layout.caption)):
            return "allocation", row or "item"
        if role == "spend":
            return ("spend_total", row) if row else ("spend_item", "item")
        return "amount", row or "value"
    return ("percent" if unit == "percent" else "count"), row or "value"


def _value_unit(value: CellValue, scale: Scale, text: str) -> tuple[str, float]:
    if value.unit != "count" or value.role == "share":
        return value.unit, value.value
    unit = scale.unit if scale.unit in ("gbp", "percent", "days", "hours", "rate") else "count"
    factor = scale.factor if unit == "gbp" and not re.search(r"\d\s?[km]\b", text, re.I) else 1.0
    return ("count" if unit == "rate" else unit), value.value * factor


@dataclass(frozen=True)
class Typed:
    kind: str
    role: str
    unit: str
    value: float
    direction: str = ""


_MONEY_KINDS = ("allocation", "spend_item", "spend_total")


def type_value(value: CellValue, text: str, role: str, row: str, layout: Layout,
               scale: Scale) -> Typed:
    """Kind, claim role, unit, value and direction of one value in a cell."""
    unit, amount = _value_unit(value, scale, text)
    kind, claim_role = _kind(unit, role, row, layout)
    sign = _SIGN.match(text)
    signed = sign.group("sign") if sign else ""
    if value.role == "change":
        return Typed("change", "change_pct" if value.unit == "percent" else "change_abs", unit, amount,
                     value.direction)
    if kind == "change":
        unit = "percent" if role == "change_pct" and unit == "count" else unit
        return Typed(kind, claim_role, unit, abs(amount), direction_of(text, signed) or "increase")
    if kind in _MONEY_KINDS and signed and signed in "(-−–":
        amount = -abs(amount)
    return Typed(kind, "share" if value.role == "share" else claim_role, unit, amount)


def cell_facts(doc: Document, table: Table, layout: Layout, cell: Cell, label: str, area: str,
               offset: int) -> list[Fact]:
    column, role = layout.column(cell.col), _role(layout, cell.col)
    row, scale = row_role(label), _scale(layout, cell.col, label)
    period, compared = _period(doc, table, layout, cell.col, label), ""
    if role == "change":
        period, compared = _span(layout, cell.col, period)
    subject = label if label and not label_period(label) else (column or label)
    place = area or (column if looks_like_place(column.split(PATH_SEPARATOR)[-1]) else "")
    facts = []
    for value in parse_cell(cell.text):
        t = type_value(value, cell.text, role, row, layout, scale)
        claim = stable_id("claim", doc.doc_id, table.table_id, cell.col if t.kind in _MONEY_KINDS else cell.row)
        facts.append(make_fact(
            doc, kind=cast(Kind, t.kind), value=t.value, unit=cast(Unit, t.unit),  # type_value's vocabulary
            subject=(f"{value.label}: {subject}" if value.label else subject) or t.kind,
            page=cell.page, start=offset + value.start, end=offset + value.end, source="table",
            extractor=EXTRACTOR, snippet=" | ".join(p for p in (place, label, column, cell.text) if p),
            period=period, compared_period=compared, direction=t.direction, theme=table.heading, label=value.label,
            numerator=value.numerator, denominator=value.denominator, claim_id=claim, role=t.role,
            area=place, table_id=table.table_id, row=cell.row, col=cell.col, bbox=cell.bbox, column=column))
    return facts


def _area(row: list[Cell], layout: Layout, last: str) -> str:
    if layout.area_col is None or layout.area_col >= len(row):
        return ""
    return row[layout.area_col].text or last


def header_numbers(doc: Document, table: Table, layout: Layout) -> list:
    """Numbers in column labels ('Rate per 100,000', 'Q1 2019/20', a column number '3')."""
    found = []
    for row in table.rows()[:layout.header_rows]:
        for cell in row:
            offset = cell_offset(doc, cell)
            if offset is not None and re.search(r"\d", cell.text):
                reason = cell_reason(cell.text) if cell_reason(cell.text) == "period_label" else "column_label"
                found += skipped(doc, cell, offset, reason, table.table_id)
    return found


def _page_columns(table: Table, layout: Layout, body: list[list[Cell]], title: str) -> set[int]:
    """Columns of page numbers: a 'Page' column, or any column under a 'Contents' title, whose
    numbers never go down."""
    found = set()
    for col in range(table.n_cols):
        texts = [r[col].text for r in body if col < len(r) and r[col].text]
        if page_column(texts, title) or (_role(layout, col) == "page" and page_references(texts)):
            found.add(col)
    return found


def plain_facts(doc: Document, table: Table, layout: Layout, claimed: set, prose: set) -> Extraction:
    """Facts and skips for the numeric body cells not in `claimed` or `prose` ((row, col) sets)."""
    facts, skips, section, area = [], [], "", ""
    skips += header_numbers(doc, table, layout)
    body = table.rows()[layout.header_rows:]
    title = f"{layout.caption} {table.heading}"
    pages = _page_columns(table, layout, body, title)
    taken = claimed | prose  # once, not per cell (that was quadratic in a wide table)
    for row in body:
        filled = [c for c in row if c.text]
        if len(filled) == 1 and is_text(filled[0].text) and filled[0].col in layout.stubs + (0,):
            section = filled[0].text if not re.search(r"\d", filled[0].text) else section
        label, area = _row_label(row, layout, section), _area(row, layout, area)
        for cell in filled:
            offset = cell_offset(doc, cell)
            if (cell.row, cell.col) in taken or offset is None or not re.search(r"\d", cell.text):
                continue
            merged = label_then_value(cell.text) if cell.col in layout.stubs else None
            if merged:  # a PDF ran the row label into its value
                value = replace(cell, text=merged.group("value"), char_start=offset + merged.start("value"))
                facts += cell_facts(doc, table, layout, value, label, area, offset + merged.start("value"))
                continue
            reason = COLUMN_REASONS.get(_role(layout, cell.col), "") or cell_reason(cell.text) or \
                ("page_number" if cell.col in pages else "") or \
                ("reference" if cell.col in layout.references else "") or \
                ("label_text" if cell.col in layout.stubs or is_text(cell.text) and len(filled) == 1 else "")
            if reason:
                skips += skipped(doc, cell, offset, reason, table.table_id)
            else:
                facts += cell_facts(doc, table, layout, cell, label, area, offset)
    return Extraction(tuple(facts), tuple(skips))


_LABEL_THEN_VALUE = re.compile(r"^(?P<label>.*[A-Za-z].*?)\s+(?P<value>[-−(£$]?\d[\d,]*(?:\.\d+)?\s?%?\)?)\s*$")


_PHRASE_END = re.compile(r"\b(?:by|of|to|than|at|from|under|over|below|above|within|in|for|is|was|of)\s*$", re.I)


def label_then_value(text: str) -> re.Match | None:
    """'Total 31.4', 'Public 4-year 32.6%': a label and a value a PDF ran into one cell (the
    value has decimals, a '%' or separators, so 'Under 18' or 'Priority 2' stay labels)."""
    m = _LABEL_THEN_VALUE.match(text)
    if not m or _PHRASE_END.search(m.group("label")):  # 'Reduce violence by 5%': the number is the label's
        return None
    return m if is_text(m.group("label")) and re.search(r"\.\d|%|\d,\d{3}", m.group("value")) else None

