"""KPI tables: one fact per stated value (kpi_value per period, kpi_baseline, kpi_target).

A table is a KPI table by shape (a header row naming two or more periods); within it, a row
with one filled cell is a theme title, a row naming periods again is a repeated header, and
every other row is an indicator with its values. The indicator cell often carries the
baseline or target ('... to be below baseline Baseline 25.6%')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.cells import parse_cell
from extractors.facts import cell_offset, make_fact
from extractors.kpi_changes import change_fact, link_levels, row_claim
from extractors.money_columns import is_spend_table
from extractors.table_context import caption, resolve_period, table_year
from extractors.table_roles import Header, read_header
from pipeline.model.ids import stable_id
from pipeline.model import Cell, Document, Extraction, Fact, Table
from pipeline.model.numbers import NUMBER_RE, number_from_match

EXTRACTOR = "kpi_table"
_DIRECTION = re.compile(r"^\s*(?:to\s+)?(?:reduce|increase|decrease|maintain|improve|lower|higher|"
                        r"raise|minimi[sz]e|maximi[sz]e|n/?a)\b", re.I)
_STATED = re.compile(r"\b(?P<what>baseline|target)\b\s*(?:of|is|=|:)?\s*(?=£?\d)", re.I)
_PER_YEAR = re.compile(r"^\s*(?:p/?a|per (?:year|annum))\b", re.I)
_PERCENT_LABEL = re.compile(r"\(%\)|^\s*%\s*$|\(per ?cent\)", re.I)


@dataclass(frozen=True)
class RowContext:
    header: Header
    theme: str
    direction_col: int | None
    year: str = ""  # the financial year bare 'Q1' / 'Apr' / 'This year' columns belong to


def extract(doc: Document) -> Extraction:
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
            inherited = RowContext(previous[1].header, table.heading or previous[1].theme,
                                   previous[1].direction_col, previous[1].year)
        found, context = table_facts(doc, table, inherited)
        facts += found
        previous = (table, context) if context else None
    return Extraction(tuple(facts))


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


def table_facts(doc: Document, table: Table,
                inherited: RowContext | None = None) -> tuple[list[Fact], RowContext | None]:
    facts: list[Fact] = []
    context = inherited
    theme = inherited.theme if inherited else table.heading
    year = table_year(doc, table) or (inherited.year if inherited else "")
    for row in table.rows():
        header = read_header(row)
        filled = [c for c in row if c.text]
        if header:
            context = RowContext(header, theme, _direction_col(table, header), year)
        elif len(filled) == 1 and filled[0].col == 0 and not re.search(r"\d", filled[0].text):
            theme = filled[0].text
            if context:
                context = RowContext(context.header, theme, context.direction_col, context.year)
        elif context and filled:
            facts += row_facts(doc, table, row, RowContext(context.header, theme, context.direction_col,
                                                           context.year))
    return facts, context


def _indicator(row: list[Cell], header: Header) -> Cell:
    col = next((c for c, r in header.roles.items() if r == "indicator"), 0)
    return row[col] if col < len(row) else row[0]


def _subject(text: str) -> str:
    cut = _STATED.search(text)
    return (text[:cut.start()] if cut else text).strip(" -–:;,")


def row_facts(doc: Document, table: Table, row: list[Cell], ctx: RowContext) -> list[Fact]:
    indicator = _indicator(row, ctx.header)
    subject = _subject(indicator.text) or indicator.text
    has_direction = ctx.direction_col is not None and ctx.direction_col < len(row)  # an inherited header may be wider
    direction = row[ctx.direction_col].text if has_direction else ""
    notes = [row[c].text for c, r in ctx.header.roles.items()
             if r in ("commentary", "owner") and c < len(row) and row[c].text]
    common = dict(theme=ctx.theme, label=direction, table_id=table.table_id, row=indicator.row,
                  note=" | ".join(notes), period="")
    facts = stated_in_indicator(doc, indicator, subject, common)
    percent = bool(_PERCENT_LABEL.search(indicator.text))
    for col, role in ctx.header.roles.items():
        if col >= len(row) or not row[col].text:
            continue
        as_percent = percent or bool(_PERCENT_LABEL.search(ctx.header.labels.get(col, "")))
        if role == "period":
            period = resolve_period(ctx.header.periods[col], ctx.year)
            facts += value_facts(doc, row[col], subject, period, common, as_percent=as_percent)
        elif role in ("baseline", "target"):
            facts += value_facts(doc, row[col], subject, "", common, kind=f"kpi_{role}", as_percent=as_percent)
    return _with_changes(doc, table, row, ctx, subject, common, facts)


def _with_changes(doc: Document, table: Table, row: list[Cell], ctx: RowContext, subject: str,
                  common: dict, facts: list[Fact]) -> list[Fact]:
    """The row's stated changes, joined with its two period values as from/to levels."""
    claim = row_claim(doc, table.table_id, row[0].row)
    units = {f.unit for f in facts if f.kind == "kpi_value"}
    level_unit = units.pop() if len(units) == 1 else "count"
    changes = [fact for col, role in ctx.header.roles.items() if role in ("change", "change_pct")
               and col < len(row) and row[col].text
               for fact in change_fact(doc, row[col], role, level_unit, claim, subject, common)]
    return link_levels(doc, facts, changes, claim)


def stated_in_indicator(doc: Document, cell: Cell, subject: str, common: dict) -> list[Fact]:
    """'... Baseline 25.6%' or 'Target 45' inside the indicator's own cell."""
    offset = cell_offset(doc, cell)
    facts = []
    for m in _STATED.finditer(cell.text):
        number = NUMBER_RE.match(cell.text, m.end())
        if offset is None or not number:
            continue
        n = number_from_match(number)
        per_year = bool(_PER_YEAR.match(cell.text[n.end:]))
        facts.append(make_fact(
            doc, kind=f"kpi_{m.group('what').lower()}", value=n.value, unit=n.unit,
            subject=subject, page=cell.page, start=offset + m.start(), end=offset + n.end,
            source="table", extractor=EXTRACTOR, snippet=cell.text, role="value",
            col=cell.col, **{**common, "note": ("per year; " if per_year else "") + common["note"]}))
    return facts


def value_facts(doc: Document, cell: Cell, subject: str, period: str, common: dict,
                kind: str = "kpi_value", as_percent: bool = False) -> list[Fact]:
    """One fact per value a cell states; bare numbers are percentages where the column's
    header or the indicator says '(%)'."""
    offset = cell_offset(doc, cell)
    if offset is None:
        return []
    facts = []
    for value in parse_cell(cell.text):
        claim = stable_id("claim", doc.doc_id, cell.page, offset, value.group)
        label_subject = f"{value.label}: {subject}" if value.label else subject
        unit = "percent" if as_percent and value.unit == "count" and value.role == "value" else value.unit
        facts.append(make_fact(
            doc, kind=kind, value=value.value, unit=unit, subject=label_subject,
            page=cell.page, start=offset + value.start, end=offset + value.end, source="table",
            extractor=EXTRACTOR, snippet=f"{subject} | {period} | {cell.text}", role=value.role,
            numerator=value.numerator, denominator=value.denominator, claim_id=claim,
            col=cell.col, bbox=cell.bbox, **{**common, "period": period,
                                            "label": value.label or common["label"]}))
    return facts
