"""The KPI typing: tables whose header names two or more periods (or a period and a baseline
or target). One fact per stated value: `kpi_value` per period column, `kpi_baseline` and
`kpi_target` (with the period their label names, else the table's year), stated changes.

Within such a table a row with one filled cell is a theme (section) title, a row naming
periods again is a repeated header, and every other row is an indicator with its values. An
area stub column ('District', 'Partnership', or a column of names beside the indicator) gives
each fact its `area`. The indicator cell often carries the baseline or target itself
('... to be below baseline Baseline 25.6%')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon.areas import is_area_header, looks_like_name
from extractors.tables.context import caption, table_year
from extractors.tables.header import Header, column_paths, header_count, read_header
from extractors.tables.kpi_row import RowContext, row_facts
from extractors.tables.money import is_spend_table
from pipeline.model import Cell, Document, Fact, Table

_DIRECTION = re.compile(r"^\s*(?:to\s+)?(?:reduce|increase|decrease|maintain|improve|lower|higher|"
                        r"raise|minimi[sz]e|maximi[sz]e|n/?a)\b", re.I)


def kpi_facts(doc: Document) -> list[Fact]:
    """A table with no header of its own continues the KPI table before it when it has the
    same columns and starts on the same or the next page (a title line or page break split it)."""
    facts: list[Fact] = []
    previous: tuple[Table, RowContext] | None = None
    for table in doc.tables:
        if is_spend_table(table, caption(doc, table)):
            previous = None
            continue
        inherited = None
        if previous and 3 <= table.n_cols <= previous[0].n_cols and 0 <= table.page - previous[0].page <= 1 \
                and not _label_row(table.rows()[0]):
            ctx = previous[1]
            inherited = RowContext(ctx.header, table.heading or ctx.theme, ctx.direction_col, ctx.year,
                                   ctx.caption, ctx.area_col)
        found, context = table_facts(doc, table, inherited)
        facts += found
        previous = (table, context) if context else None
    return facts


def _label_row(row: list[Cell]) -> bool:
    """A row of column labels: two or more filled cells and no digits (a table of its own)."""
    filled = [c for c in row if c.text]
    return len(filled) >= 2 and not any(re.search(r"\d", c.text) for c in filled)


def _direction_col(table: Table, header: Header) -> int | None:
    """The column whose cells read 'To reduce', 'To increase above baseline', 'N/A'."""
    counts: dict[int, int] = {}
    for cell in table.cells:
        if cell.row > header.row and _DIRECTION.match(cell.text) and header.roles.get(cell.col) != "period":
            counts[cell.col] = counts.get(cell.col, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _area_col(table: Table, header: Header) -> int | None:
    """The stub column naming areas: its header says so, or, beside the indicator column, its
    cells are all short proper names."""
    for col, label in sorted(header.labels.items()):
        if col not in header.periods and is_area_header(label):
            return col
    indicator = next((c for c, r in header.roles.items() if r == "indicator"), None)
    stubs = [c for c in range(min(header.periods, default=0)) if c != indicator and c not in header.roles]
    for col in stubs:
        texts = [c.text for c in table.cells if c.col == col and c.row > header.row and c.text]
        if texts and all(looks_like_name(t) for t in texts) and len(set(texts)) < len(texts):
            return col
    return None


def _with_header(table: Table, header: Header, ctx: RowContext | None, theme: str, year: str,
                 title: str) -> RowContext:
    area = _area_col(table, header)
    if area is not None and header.roles.get(area) == "indicator":
        roles = {c: r for c, r in header.roles.items() if c != area}
        rest = min((c for c in header.labels if c not in roles and c not in header.periods and c != area), default=None)
        if rest is not None:
            roles[rest] = "indicator"
        header = Header(header.row, {**roles, area: "area"}, header.periods, header.labels, header.paths)
    return RowContext(header, theme, _direction_col(table, header), year, title, area)


def table_facts(doc: Document, table: Table,
                inherited: RowContext | None = None) -> tuple[list[Fact], RowContext | None]:
    facts: list[Fact] = []
    context = inherited
    theme = inherited.theme if inherited else table.heading
    year = table_year(doc, table) or (inherited.year if inherited else "")
    title = caption(doc, table)
    paths, count = column_paths(table), header_count(table)
    for row in table.rows():
        in_head = bool(paths) and row[0].row < count
        header = read_header(row, paths) if in_head and row[0].row == count - 1 else \
            (None if in_head else read_header(row))
        filled = [c for c in row if c.text]
        if header:
            context = _with_header(table, header, context, theme, year, title)
        elif len(filled) == 1 and filled[0].col == 0 and not re.search(r"\d", filled[0].text):
            theme = filled[0].text
            if context:
                context = context.with_theme(theme)
        elif context and filled and not in_head:
            facts += row_facts(doc, table, row, context.with_theme(theme))
    return facts, context

