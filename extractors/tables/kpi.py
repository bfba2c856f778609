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
from dataclasses import replace

from extractors.lexicon.areas import is_area_header, looks_like_name
from extractors.tables.context import bracket_direction, table_year
from extractors.tables.header import Header, column_paths, header_count, read_header
from extractors.tables.kpi_row import RowContext, row_facts
from extractors.tables.money import is_spend_table
from extractors.facts import cell_offset
from extractors.tables.ledger import skipped
from pipeline.model import Cell, Document, Extraction, Fact, Table

_DIRECTION = re.compile(r"^\s*(?:to\s+)?(?:reduce|increase|decrease|maintain|improve|lower|higher|"
                        r"raise|minimi[sz]e|maximi[sz]e|n/?a)\b", re.I)


def kpi_facts(doc: Document) -> Extraction:
    """A table with no header of its own continues the KPI table before it when it has the
    same columns and starts on the same or the next page (a title line or page break split it)."""
    result = Extraction()
    previous: tuple[Table, RowContext] | None = None
    for table in doc.tables:
        if is_spend_table(table, table.caption):
            previous = None
            continue
        inherited = None
        if previous and 3 <= table.n_cols <= previous[0].n_cols and 0 <= table.page - previous[0].page <= 1 \
                and not _label_row(table.rows()[0]):
            ctx = previous[1]
            inherited = replace(ctx, theme=table.heading or ctx.theme)
        found, context = table_facts(doc, table, inherited)
        result += found
        previous = (table, context) if context else None
    return result


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
    return max(counts, key=counts.__getitem__) if counts else None


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
                 title: str, bracket: str = "") -> RowContext:
    area = _area_col(table, header)
    if area is not None and header.roles.get(area) == "indicator":
        roles = {c: r for c, r in header.roles.items() if c != area}
        rest = min((c for c in header.labels if c not in roles and c not in header.periods and c != area), default=None)
        if rest is not None:
            roles[rest] = "indicator"
        header = Header(header.row, {**roles, area: "area"}, header.periods, header.labels, header.paths)
    return RowContext(header, theme, _direction_col(table, header), year, title, area, bracket)


def table_facts(doc: Document, table: Table, inherited: RowContext | None = None
                ) -> tuple[Extraction, RowContext | None]:
    result = Extraction()
    context = inherited
    theme = inherited.theme if inherited else table.heading
    year = table_year(doc, table) or (inherited.year if inherited else "")
    title, bracket = table.caption, bracket_direction(doc, table)
    paths, count = column_paths(table), header_count(table)
    rows = table.rows()
    last_header = -9
    for index, row in enumerate(rows):
        in_head = bool(paths) and row[0].row < count
        header = read_header(row, paths) if in_head and row[0].row == count - 1 else \
            (None if in_head else read_header(row))
        filled = [c for c in row if c.text]
        if header and context and last_header == index - 1 and not row[0].text:
            header = read_header(row, _stacked(context.header, row)) or header  # a header over two rows
        if header:
            context = _with_header(table, header, context, theme, year, title, bracket)
            last_header = index
        elif len(filled) == 1 and filled[0].col == 0 and not re.search(r"\d", filled[0].text):
            theme = filled[0].text
            if context:
                context = context.with_theme(theme)
        elif context and filled and not in_head and not is_continuation(row, context.header):
            result += indicator_row(doc, table, rows, index, context.with_theme(theme))
    return result, context


def indicator_row(doc: Document, table: Table, rows: list[list[Cell]], index: int, ctx: RowContext) -> Extraction:
    """One indicator's facts, with the rows its label wraps onto (their ratios to the ledger)."""
    wrapped = _wrapped(rows, index, ctx.header)
    found = row_facts(doc, table, rows[index], ctx, " ".join(r[0].text for r in wrapped))
    skips = [s for r in wrapped for c in r[1:] if c.col in ctx.header.periods and c.text
             and (o := cell_offset(doc, c)) is not None for s in skipped(doc, c, o, "wrapped_ratio", table.table_id)]
    return Extraction(tuple(with_wrapped_ratios(found, wrapped, ctx.header)), tuple(skips))


def _stacked(upper: Header, row: list[Cell]) -> dict:
    """Label paths for a header split over two rows ('Baseline' over '2015/16')."""
    return {c.col: tuple(p for p in (upper.labels.get(c.col, ""), c.text) if p) for c in row}


_FRAGMENT = re.compile(r"^\(\s*[\d,.]+\s*(?:of|/)\s*[\d,.]*\s*\)?$|^[\d,.]+\s*\)$", re.I)


def is_continuation(row: list[Cell], header: Header) -> bool:
    """A row that carries on the one above, as a PDF wraps a long label: its label goes on in
    lower case and its value cells hold only the bracketed ratio behind the value above
    ('(15 of', '35)', '(14/31)')."""
    label = row[0].text
    values = [c.text for c in row[1:] if c.text and re.search(r"\d", c.text) and c.col in header.periods]
    return bool(label[:1].islower()) and bool(values) and all(_FRAGMENT.match(v.strip()) for v in values)


_RATIO = re.compile(r"\(\s*(?P<num>\d[\d,]*)\s*(?:of|/)\s*(?P<den>\d[\d,]*)\s*\)")


def with_wrapped_ratios(facts: list[Fact], wrapped: list[list[Cell]], header: Header) -> list[Fact]:
    """The ratio a PDF wrapped under a value ('42.9%' over '(15 of' / '35)') becomes that
    value's numerator and denominator, as when the cell is read whole."""
    for col in header.periods:
        m = _RATIO.search(" ".join(r[col].text for r in wrapped if col < len(r) and r[col].text))
        if not m:
            continue
        num, den = (float(m.group(g).replace(",", "")) for g in ("num", "den"))
        facts = [replace(f, numerator=num, denominator=den) if f.col == col and f.role in ("value", "from", "to")
                 and f.numerator is None else f for f in facts]
    return facts


def _wrapped(rows: list[list[Cell]], index: int, header: Header) -> list[list[Cell]]:
    found = []
    for row in rows[index + 1:]:
        if not is_continuation(row, header):
            break
        found.append(row)
    return found
