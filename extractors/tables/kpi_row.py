"""One indicator row of a KPI table as facts: a value per period column, the baseline and
target (from their columns or stated in the indicator's own cell), and the row's stated
changes joined with its two period values as from/to levels."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from extractors.facts import cell_offset, make_fact
from extractors.lexicon.periods import label_period, resolve
from extractors.lexicon.roles import STATED_IN_LABEL
from extractors.lexicon.scales import PERCENT_LABEL, stated_scale
from extractors.tables.cells import parse_cell
from extractors.tables.changes import change_fact, link_levels, row_claim
from extractors.tables.header import Header
from pipeline.model import Cell, Document, Fact, Table
from pipeline.model.ids import stable_id
from pipeline.model.numbers import NUMBER_RE, number_from_match
from pipeline.model.vocab import Kind, Unit

EXTRACTOR = "tables"
_PER_YEAR = re.compile(r"^\s*(?:p/?a|per (?:year|annum))\b", re.I)
_VALUE_ROLES: dict[str, Kind] = {"period": "kpi_value", "ytd": "kpi_value", "baseline": "kpi_baseline", "target": "kpi_target"}


@dataclass(frozen=True)
class RowContext:
    header: Header
    theme: str
    direction_col: int | None
    year: str = ""  # the financial year bare 'Q1' / 'Apr' / 'This year' columns belong to
    caption: str = ""
    area_col: int | None = None
    bracket_direction: str = ""  # what the text above says its bracketed percents are changes of

    def with_theme(self, theme: str) -> "RowContext":
        return replace(self, theme=theme)


def _indicator(row: list[Cell], header: Header) -> Cell:
    col = next((c for c, r in header.roles.items() if r == "indicator"), 0)
    return row[col] if col < len(row) else row[0]


def _subject(text: str) -> str:
    cut = STATED_IN_LABEL.search(text)
    return (text[:cut.start()] if cut else text).strip(" -–:;,")


def _is_percent(text: str) -> bool:
    return bool(PERCENT_LABEL.search(text or "")) or stated_scale(text).unit == "percent"


def _area(table: Table, row: list[Cell], ctx: RowContext) -> str:
    """The row's area; a blank area cell repeats the one above (a merged cell)."""
    if ctx.area_col is None or ctx.area_col >= len(row):
        return ""
    for r in reversed(table.rows()[ctx.header.row + 1:row[0].row + 1]):
        if ctx.area_col < len(r) and r[ctx.area_col].text:
            return r[ctx.area_col].text
    return ""


def _period(ctx: RowContext, col: int, role: str, within: str = "") -> str:
    """The column's period; a year column's value on a row labelled with a part of the year
    ('Q2' in a Quarter column under '2021/22') is that part's."""
    period = resolve(ctx.header.periods.get(col, ""), ctx.year)
    if within and re.fullmatch(r"\d{4}-\d\d", period):
        return resolve(within, period)
    return period or (ctx.year if role in ("target", "ytd") else "")


_PART_OF_YEAR = re.compile(r"Q[1-4]|H[12]|M\d\d")


def _part_of_year(row: list[Cell], ctx: RowContext, indicator: Cell) -> str:
    """The quarter, half or month a label cell of the row names, other than the indicator's."""
    for cell in row:
        if cell.col != indicator.col and cell.col not in ctx.header.periods and cell.text:
            if _PART_OF_YEAR.fullmatch(mark := label_period(cell.text)):
                return mark
    return ""


def row_facts(doc: Document, table: Table, row: list[Cell], ctx: RowContext, more: str = "") -> list[Fact]:
    """`more`: the rest of the indicator's label, where a PDF wrapped it onto the next rows."""
    indicator = _indicator(row, ctx.header)
    subject = " ".join(p for p in (_subject(indicator.text) or indicator.text, more) if p)
    col = ctx.direction_col  # an inherited header may be wider than the row
    direction = row[col].text if col is not None and col < len(row) else ""
    notes = [row[c].text for c, r in ctx.header.roles.items()
             if r in ("commentary", "owner") and c < len(row) and row[c].text]
    area = _area(table, row, ctx)
    common = dict(theme=ctx.theme, label=direction, table_id=table.table_id, row=indicator.row,
                  note=" | ".join(notes), period="", area=area)
    facts = stated_in_indicator(doc, indicator, subject, common)
    percent = _is_percent(f"{indicator.text} {more}")
    lead = f"{area} | {subject}" if area else subject
    within = _part_of_year(row, ctx, indicator)
    for col, role in ctx.header.roles.items():
        if col >= len(row) or not row[col].text or role not in _VALUE_ROLES:
            continue
        column = ctx.header.labels.get(col, "")
        facts += value_facts(doc, row[col], lead, subject, _period(ctx, col, role, within),
                             {**common, "column": column}, kind=_VALUE_ROLES[role],
                             as_percent=percent or _is_percent(column), bracket=ctx.bracket_direction)
    return _with_changes(doc, table, row, ctx, subject, common, facts)


def _with_changes(doc: Document, table: Table, row: list[Cell], ctx: RowContext, subject: str,
                  common: dict, facts: list[Fact]) -> list[Fact]:
    """The row's stated changes, joined with its two period values as from/to levels."""
    claim = row_claim(doc, table.table_id, row[0].row)
    units = {f.unit for f in facts if f.kind == "kpi_value"}
    level_unit = units.pop() if len(units) == 1 else "count"
    changes = [fact for col, role in ctx.header.roles.items() if role in ("change", "change_pct")
               and col < len(row) and row[col].text
               for fact in change_fact(doc, row[col], role, level_unit, claim, subject,
                                       {**common, "column": ctx.header.labels.get(col, "")})]
    return link_levels(doc, facts, changes, claim)


def stated_in_indicator(doc: Document, cell: Cell, subject: str, common: dict) -> list[Fact]:
    """'... Baseline 25.6%' or 'Target 45' inside the indicator's own cell."""
    offset = cell_offset(doc, cell)
    facts = []
    for m in STATED_IN_LABEL.finditer(cell.text):
        number = NUMBER_RE.match(cell.text, m.end())
        if offset is None or not number:
            continue
        n = number_from_match(number)
        per_year = bool(_PER_YEAR.match(cell.text[n.end:]))
        facts.append(make_fact(
            doc, kind=cast(Kind, f"kpi_{m.group('what').lower()}"),  # 'what' is baseline or target
            value=n.value, unit=cast(Unit, n.unit),  # a Number's unit is one of the Units
            subject=subject, page=cell.page, start=offset + m.start(), end=offset + n.end,
            source="table", extractor=EXTRACTOR, snippet=cell.text, role="value",
            col=cell.col, **{**common, "note": ("per year; " if per_year else "") + common["note"]}))
    return facts


def value_facts(doc: Document, cell: Cell, lead: str, subject: str, period: str, common: dict,
                kind: Kind = "kpi_value", as_percent: bool = False, bracket: str = "") -> list[Fact]:
    """One fact per value a cell states; bare numbers are percentages where the column's
    header or the indicator says '(%)'. A bracketed share that names a change ('12,589 (4.3%
    reduction)') is that change, with its direction."""
    offset = cell_offset(doc, cell)
    if offset is None:
        return []
    facts = []
    for value in parse_cell(cell.text):
        claim = stable_id("claim", doc.doc_id, cell.page, offset, value.group)
        label_subject = f"{value.label}: {subject}" if value.label else subject
        unit = "percent" if as_percent and value.unit == "count" and value.role == "value" else value.unit
        fields = {**common, "period": period, "label": value.label or common["label"]}
        typed, role, direction = kind, value.role, value.direction
        if value.role == "share" and bracket:  # the table's note says its brackets are changes
            typed, role, direction = "change", "change_pct", bracket
        if value.role == "change":
            typed, role = "change", ("change_pct" if value.unit == "percent" else "change_abs")
        facts.append(make_fact(
            doc, kind=typed, value=value.value, unit=cast(Unit, unit), subject=label_subject,  # parse_cell's units are Units
            page=cell.page, start=offset + value.start, end=offset + value.end, source="table",
            extractor=EXTRACTOR, snippet=f"{lead} | {common.get('column') or period} | {cell.text}", role=role,
            numerator=value.numerator, denominator=value.denominator, claim_id=claim,
            col=cell.col, bbox=cell.bbox, direction=direction, **fields))
    return facts
