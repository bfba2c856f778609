"""What a table is (KPI, spend, other) and what each column holds, read from its shape and
header vocabulary rather than exact headings. Shared by the table and narrative extractors so
every number is claimed by exactly one of them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from extractors.money_columns import is_spend_table
from pipeline.model import Cell, Table
from pipeline.model.periods import find_periods

_QUARTER_ONLY = re.compile(r"^\s*(?:Q|Qtr\.?\s?|Quarter\s)(?P<q>[1-4])\b", re.I)
_MONTH_ONLY = re.compile(r"^\s*(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$", re.I)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Columns named relative to the table's year: resolved by table_context.resolve_period.
_RELATIVE = [("PREV", re.compile(r"^\s*(?:previous|last|prior|preceding) (?:financial )?year\b", re.I)),
             ("THIS", re.compile(r"^\s*(?:this|current|latest) (?:financial )?year\b|"
                                 r"^\s*(?:year to date|ytd|full year|year end)\b", re.I))]
ROLE_PATTERNS = [
    ("change_pct", re.compile(r"%\s*(?:change|difference|variance)|(?:change|difference)\s*\(?%|"
                              r"\bper ?cent(?:age)? change\b", re.I)),
    ("change", re.compile(r"^\s*(?:change|difference|\+/-|\+/−)(?:\s|$|\()", re.I)),
    ("status", re.compile(r"^\s*(?:rag|rag status|status|rating)\s*$", re.I)),
    ("commentary", re.compile(r"\b(?:comment(?:ary|s)?|narrative|notes?|explanation|analysis|remarks|progress|update)\b", re.I)),
    ("owner", re.compile(r"\b(?:owner|lead officer|responsible|contact)\b", re.I)),
    ("baseline", re.compile(r"\bbaseline\b", re.I)),
    ("target", re.compile(r"\btarget\b", re.I)),
    ("indicator", re.compile(r"\b(?:kpi|indicator|measure|metric)\b|^\s*performance\b", re.I)),
    ("direction", re.compile(r"\b(?:direction|polarity|good is|good performance|trend|better)\b", re.I)),
]
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Header:
    row: int
    roles: dict  # col -> role: period, commentary, owner, baseline, target, direction, indicator
    periods: dict  # col -> the period the column's header names
    labels: dict  # col -> header text


def period_of_header(text: str) -> str:
    """The period a column header names: 'Q1 2015/16' -> '2015-16 Q1'; '' for none."""
    found = find_periods(text)
    if found:
        return found[0].period
    quarter, month = _QUARTER_ONLY.match(text), _MONTH_ONLY.match(text)
    if quarter:
        return f"Q{quarter.group('q')}"
    if month:
        return f"M{_MONTHS.index(month.group('m')[:3].lower()) + 1:02d}"
    return next((mark for mark, pattern in _RELATIVE if pattern.match(text)), "")


def read_header(row: list[Cell]) -> Header | None:
    """A row is a KPI header when two or more of its cells name periods."""
    roles, periods, labels = {}, {}, {}
    for cell in row:
        labels[cell.col] = cell.text
        period = period_of_header(cell.text) if len(cell.text) < 60 else ""
        if period and not re.search(r"\d{3,}(?!\d*[/-])", re.sub(r"(?:19|20)\d\d", "", cell.text)):
            roles[cell.col], periods[cell.col] = "period", period
            continue
        for role, pattern in ROLE_PATTERNS:
            if cell.text and len(cell.text) < 80 and pattern.search(cell.text):
                roles[cell.col] = role
                break
    if sum(r == "period" for r in roles.values()) >= 2 or (
            "period" in roles.values() and {"baseline", "target"} & set(roles.values())):
        if not any(r == "indicator" for r in roles.values()):
            first = min((c for c in labels if c not in roles), default=None)
            if first is not None:
                roles[first] = "indicator"
        return Header(row=row[0].row if row else 0, roles=roles, periods=periods, labels=labels)
    return None


def headers(table: Table) -> list[Header]:
    return [h for row in table.rows() if (h := read_header(row))]


def is_kpi_table(table: Table) -> bool:
    return bool(headers(table))


def words(text: str) -> int:
    return len(_WORD.findall(text))


def prose_cells(table: Table) -> list[Cell]:
    """Cells holding prose: a KPI table's commentary column, and in other tables the columns
    whose cells read as running text (as in a multi-column page converted to tab lines).
    Numbers in every other cell belong to the table extractors."""
    if is_spend_table(table):
        return []
    found = headers(table)
    if found:
        commentary = {c for h in found for c, r in h.roles.items() if r == "commentary"}
        header_rows = {h.row for h in found}
        return [c for c in table.cells if c.col in commentary and c.row not in header_rows]
    prose_cols = {col for col in range(table.n_cols)
                  if median([words(c.text) for c in table.cells if c.col == col] or [0]) >= 3}
    return [c for c in table.cells if c.col in prose_cols or words(c.text) >= 6]
