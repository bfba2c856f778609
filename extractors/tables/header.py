"""Column labels: what each column of a table holds, read from its header vocabulary (the
lexicon) rather than exact headings, and which cells are prose for the narrative extractor.

A header row names periods ('Q1 2015/16', 'Apr–Jun', 'Previous year') and roles ('Baseline
2015/16', 'Target', '% change', 'Commentary'). Where the loader resolved several header rows
into label paths ('2022/23 › Apr–Jun'), a column's period takes the year from its parents."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from extractors.lexicon.periods import label_period, resolve
from extractors.lexicon.roles import PROSE_ROLES, column_role
from extractors.tables.money import is_spend_table
from pipeline.model import Cell, Table

PATH_SEPARATOR = " › "
_WORD = re.compile(r"[A-Za-z]{2,}")
_BIG_NUMBER = re.compile(r"\d{3,}(?!\d*[/-])")
# Roles a column may have beside naming a period: 'Baseline 2015/16', 'Target 2019/20'.
_PERIOD_ROLES = ("baseline", "target", "forecast", "ytd", "allocation", "spend")


@dataclass(frozen=True)
class Header:
    row: int
    roles: dict  # col -> role: period, commentary, owner, baseline, target, change, area, indicator, ...
    periods: dict  # col -> the period (or mark: 'Q1', 'M04', 'PREV') the column's label names
    labels: dict  # col -> the column's label path, joined with PATH_SEPARATOR
    paths: dict = field(default_factory=dict)  # col -> the label path as a tuple


def _holds_value(text: str) -> bool:
    """A header cell never states a value: '25.1% (2681 offenders ...)' is a body cell (a bare
    '1' may be a column number)."""
    return bool(re.search(r"\d", text)) and not label_period(text) and not column_role(text) and \
        bool(re.search(r"\d[\d,.]*\s*%|\d{1,3},\d{3}|\d+\.\d+|£\s?\d", text))


def header_count(table: Table) -> int:
    """The loader's header rows, less any that state values (a body row taken for a header)."""
    rows = table.rows()[:table.header_rows]
    for index, row in enumerate(rows):
        if any(_holds_value(c.text) for c in row):
            return index
    return len(rows)


def column_paths(table: Table) -> dict[int, tuple[str, ...]]:
    """Each column's header label path over the header rows (a spanning cell counting for
    every column it covers), where there are several."""
    count = header_count(table)
    if count < 2:
        return {}
    paths: dict[int, list[str]] = {col: [] for col in range(table.n_cols)}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if cell.row >= count or not cell.text:
            continue
        for col in range(cell.col, min(cell.col + getattr(cell, "col_span", 1), table.n_cols)):
            if not paths[col] or paths[col][-1] != cell.text:
                paths[col].append(cell.text)
    return {col: tuple(p) for col, p in paths.items()}


def path_period(parts: tuple[str, ...]) -> str:
    """The period a label path names: a quarter, month or relative label completed with the
    financial year another label names ('2022/23' › 'Apr–Jun' and 'Q2' › '2016/17' ->
    '2022-23 Q1', '2016-17 Q2'); else the deepest label naming a period."""
    found = [label_period(p) if len(p) < 60 else "" for p in parts]
    marks = [f for f in found if f and not re.match(r"\d{4}", f)]
    years = [f for f in found if re.fullmatch(r"\d{4}-\d\d", f)]
    if marks and years:
        return resolve(marks[-1], years[-1])
    return next((f for f in reversed(found) if f), "")


def _names_period(text: str, period: str) -> bool:
    """A real period label, not a count that happens to contain a year ('2016 crimes 1,204')."""
    return bool(period) and not _BIG_NUMBER.search(re.sub(r"(?:19|20)\d\d", "", text))


def _read_cell(text: str, parts: tuple[str, ...]) -> tuple[str, str]:
    """(role, period) of one header cell."""
    role = column_role(parts[-1] if parts else text) or next(
        (r for r in map(column_role, reversed(parts[:-1])) if r), "")
    period = path_period(parts or (text,))
    if period and _names_period(text, period) and role in ("",) + _PERIOD_ROLES:
        return (role or "period"), period
    return role, ""


def read_header(row: list[Cell], paths: dict | None = None) -> Header | None:
    """A row is a KPI header when two or more of its cells name periods, or one names a
    period and another a baseline or target."""
    roles, periods, labels, tuples = {}, {}, {}, {}
    for cell in row:
        parts = (paths or {}).get(cell.col) or ((cell.text,) if cell.text else ())
        labels[cell.col], tuples[cell.col] = PATH_SEPARATOR.join(parts), parts
        role, period = _read_cell(cell.text, parts)
        if role:
            roles[cell.col] = role
        if period:
            periods[cell.col] = period
    if len(periods) < 2 and not (periods and {"baseline", "target"} & set(roles.values())):
        return None
    if "indicator" not in roles.values():
        first = min((c for c in labels if c not in roles and c not in periods), default=None)
        if first is not None:
            roles[first] = "indicator"
    return Header(row=row[0].row if row else 0, roles=roles, periods=periods, labels=labels, paths=tuples)


def headers(table: Table) -> list[Header]:
    """The table's KPI header rows; the tables and narrative extractors each ask for every
    table's several times, so the reading (a pattern search per cell) is cached by table."""
    return list(_headers(table))


@lru_cache(maxsize=64)
def _headers(table: Table) -> tuple[Header, ...]:
    return tuple(_read_headers(table))


def _read_headers(table: Table) -> list[Header]:
    paths = column_paths(table)
    rows = table.rows()
    if paths:
        last = min(header_count(table), len(rows)) - 1
        found = read_header(rows[last], paths) if last >= 0 else None
        return ([found] if found else []) + [h for row in rows[last + 1:] if (h := read_header(row))]
    return [h for row in rows if (h := read_header(row))]


def is_kpi_table(table: Table) -> bool:
    return bool(headers(table))


def words(text: str) -> int:
    return len(_WORD.findall(text))


def prose_cells(table: Table) -> list[Cell]:
    """Cells holding prose: a KPI table's commentary column, and in other tables the columns
    whose cells read as running text (as in a multi-column page converted to tab lines).
    Numbers in every other cell belong to the table reader."""
    if is_spend_table(table):
        return []
    found = headers(table)
    if found:
        commentary = {c for h in found for c, r in h.roles.items() if r in PROSE_ROLES[:1]}
        header_rows = {h.row for h in found}
        return [c for c in table.cells if c.col in commentary and c.row not in header_rows]
    prose_cols = {col for col in range(table.n_cols)
                  if median([words(c.text) for c in table.cells if c.col == col] or [0]) >= 3}
    filled = Counter(c.row for c in table.cells if c.text)
    return [c for c in table.cells if words(c.text) >= 6 or c.col in prose_cols and not _figure_in_row(c, filled)]


def _figure_in_row(cell: Cell, filled: Counter) -> bool:
    """Only numbers ('870,038', '1,839,050 47.31%'), beside the row's label in a column of
    prose: a value of the table. Alone on its row it is the tail of the prose cell above."""
    return words(cell.text) == 0 and filled[cell.row] > 1
