"""The shape of any table, text or PDF: how many header rows it has, each column's label
path ('2022/23 › Apr–Jun'), its stub columns (row labels, maybe several: area then
indicator), which stub names areas, and what its caption, notes and year say.

Read from structure only: header rows are the leading rows holding no value (labels and
period names), stub columns the leading columns whose body cells are words."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon.areas import is_area_header, looks_like_name
from extractors.lexicon.roles import NOT_FACT_ROLES, column_role
from extractors.tables.context import notes, table_year
from extractors.tables.header import PATH_SEPARATOR, column_paths, header_count
from extractors.tables.ledger import cell_reason, page_references
from pipeline.model import Cell, Document, Table
from pipeline.model.numbers import NUMBER_RE

_WORDY = re.compile(r"[A-Za-z]{2,}")
# Words that qualify a number rather than label it: '4.5 days', '12,589 (4.3% reduction)', '£1.2m'.
_QUALIFIERS = re.compile(r"\b(?:k|m|bn|pp|per|cent|percent|days?|hours?|hrs|weeks?|months?|years?|up|down|"
                         r"increase|decrease|reduction|rise|fall|fewer|more|less|approx|est|of|provisional|"
                         r"p|r|e|n/?a)\b", re.I)


@dataclass(frozen=True)
class Layout:
    header_rows: int
    paths: dict  # col -> label path (tuple of header labels, top first)
    stubs: tuple[int, ...]  # row-label columns
    area_col: int | None
    caption: str
    notes: str
    year: str
    references: tuple[int, ...] = ()  # stub columns of codes or item numbers

    def column(self, col: int) -> str:
        return PATH_SEPARATOR.join(self.paths.get(col, ()))


def is_value(text: str) -> bool:
    """A cell stating a number that is not just a period name or a label."""
    return bool(NUMBER_RE.search(text)) and not cell_reason(text) and not is_text(text)


def is_text(text: str) -> bool:
    """Words, perhaps with digits inside ('Aged 10-17', '18 to 24'), not a number with a
    note ('4.5 days', '955 (down 6%)')."""
    words = _QUALIFIERS.sub(" ", NUMBER_RE.sub(" ", text))
    return bool(_WORDY.search(words))


def _header_rows(table: Table, rows: list[list[Cell]]) -> int:
    count = header_count(table)
    if not count:
        for row in rows:
            filled = [c for c in row if c.text]
            if any(is_value(c.text) for c in filled) or (count and len(filled) == 1 and filled[0].col == 0):
                break  # a value, or a section title under the header
            count += 1
        count = count if count < len(rows) else 0
    return count + 1 if count < len(rows) and is_column_numbering(rows[count]) else count


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def is_column_numbering(row: list[Cell]) -> bool:
    """A row that only numbers the columns, '1 2 3 4' or '(1) (2) (3)', as statistical tables
    print under their header: labels, not a line of values."""
    numbers = [_COLUMN_NUMBER.match(c.text.strip()) for c in row if c.text.strip()]
    if len(numbers) < 3 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers if m]
    return values == list(range(values[0], values[0] + len(values))) and values[0] in (0, 1, 2)


def _paths(table: Table, rows: list[list[Cell]], head: int) -> dict:
    """Label paths from the header rows; in an upper row a label spans the empty cells to its
    right (a year over its quarters)."""
    found = column_paths(table)
    if found:
        return found
    paths: dict[int, list[str]] = {col: [] for col in range(table.n_cols)}
    for depth, row in enumerate(rows[:head]):
        span = ""
        for cell in row:
            upper = depth < head - 1
            span = cell.text or (span if upper and cell.col > 0 else "")
            if span:
                paths[cell.col].append(span)
    return {col: tuple(dict.fromkeys(p)) for col, p in paths.items()}


def _stubs(table: Table, body: list[list[Cell]], paths: dict) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(label columns, reference columns): the leading columns of words, and among them
    the ones of codes ('Ref', 'P-104') that identify a row without describing it."""
    stubs: list[int] = []
    references: list[int] = []
    for col in range(table.n_cols - 1):
        filled = [row[col].text for row in body if row[col].text]
        role = column_role(" ".join(paths.get(col, ())))
        if filled and ((role in NOT_FACT_ROLES and (role != "page" or page_references(filled))) or
                       all(cell_reason(t) in ("reference", "list_number") for t in filled)):
            references.append(col)
            continue
        if not filled or sum(is_text(t) for t in filled) < 0.6 * len(filled):
            break
        stubs.append(col)
    return tuple(stubs), tuple(references)


def _area_col(paths: dict, stubs: tuple[int, ...], body: list[list[Cell]]) -> int | None:
    for col in stubs:
        if is_area_header(" ".join(paths.get(col, ()))):
            return col
    if len(stubs) < 2:
        return None
    texts = [row[stubs[0]].text for row in body if row[stubs[0]].text]
    if texts and all(looks_like_name(t) for t in texts) and len(set(texts)) < len(texts):
        return stubs[0]
    return None


def header_rows(table: Table) -> int:
    """How many leading rows of the table are its header, as the reader decides it."""
    return _header_rows(table, table.rows())


def read_layout(doc: Document, table: Table) -> Layout:
    rows = table.rows()
    head = _header_rows(table, rows)
    paths = _paths(table, rows, head)
    body = [row for row in rows[head:] if len([c for c in row if c.text]) > 1]
    stubs, references = _stubs(table, body, paths)
    return Layout(head, paths, stubs, _area_col(paths, stubs, body), table.caption, notes(table),
                  table_year(doc, table), references)
