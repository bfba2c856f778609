"""Tables written one cell per line, as some converters flatten them (often ending in ' |').

    Service |
    Budget |
    Actual |
    Youth diversion |
    120.5 |
    130.0 |
    Victim support |
    ...

Nothing on a line says it is a cell; the table shows itself by its period: a row label then N
values, again and again, after a header of N labels (or N + 1, the first naming the label
column). At least two rows of two or more values, or three rows of one, are needed so that a
list of labelled figures in prose is not read as a table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.loaders.layouts import Layout, Slot
from pipeline.loaders.text_lines import Line, has_digit_value, is_value

_CELL = re.compile(r"^\s*\|?\s*(?P<cell>.*?)\s*\|?\s*$")
MAX_CELL = 80


@dataclass(frozen=True)
class CellLine:
    start: int  # span of the cell's text in the page text
    end: int
    text: str
    value: bool


def _cell(line: Line) -> Optional[CellLine]:
    m = _CELL.match(line.text)
    if m is None:
        return None
    text = m.group("cell")
    if not text or len(text) > MAX_CELL or "\t" in text or "  " in text:
        return None
    return CellLine(line.start + m.start("cell"), line.start + m.end("cell"), text, is_value(text))


def _runs(lines: list[Line], taken: frozenset[int]) -> list[list[CellLine]]:
    """Consecutive cell lines; a single blank line between cells does not end a run."""
    runs: list[list[CellLine]] = [[]]
    blanks = 0
    for line in lines:
        cell = _cell(line) if line.start not in taken else None
        if cell is None and not line.text.strip() and line.start not in taken and blanks == 0:
            blanks += 1
            continue
        if cell is None:
            runs.append([])
        else:
            runs[-1].append(cell)
        blanks = 0
    return [run for run in runs if len(run) >= 4]


def _period_at(run: list[CellLine], i: int) -> int:
    """N when run[i] is a label followed by N values, else 0."""
    if run[i].value:
        return 0
    n = 0
    while i + 1 + n < len(run) and run[i + 1 + n].value:
        n += 1
    return n


def _rows_from(run: list[CellLine], i: int, n: int) -> list[list[CellLine]]:
    rows = []
    while i + n < len(run) and _period_at(run, i) == n:
        rows.append(run[i:i + n + 1])
        i += n + 1
    return rows


def _table(run: list[CellLine], i: int) -> Optional[tuple[list[CellLine], list[list[CellLine]]]]:
    """(header cells, rows) for a table whose first row starts at run[i], or None."""
    n = _period_at(run, i)
    rows = _rows_from(run, i, n) if n else []
    if len(rows) < (2 if n >= 2 else 3) or not any(has_digit_value([c.text for c in r[1:]]) for r in rows):
        return None
    labels = 0
    while labels < i and labels < n + 1 and not run[i - 1 - labels].value:
        labels += 1
    if labels < n:
        return None
    return run[i - labels:i], rows


def find_cell_line_tables(lines: list[Line], text: str, taken: frozenset[int]) -> list[Layout]:
    """Every one-cell-per-line table with its header."""
    layouts = []
    for run in _runs(lines, taken):
        i = 1
        while i < len(run):
            found = _table(run, i)
            if found is None:
                i += 1
                continue
            header, rows = found
            first = 0 if len(header) > len(rows[0]) - 1 else 1
            slots = [Slot(0, first + k, c.text, c.start, c.end, header=True) for k, c in enumerate(header)]
            slots += [Slot(r + 1, k, c.text, c.start, c.end) for r, row in enumerate(rows) for k, c in enumerate(row)]
            layouts.append(Layout("cell-lines", tuple(slots), header_rows=1))
            i += sum(len(r) for r in rows)
    return layouts
