"""Wrapped rows of unruled tables joined back into the record they belong to.

A text-aligned table finder (camelot stream/hybrid/network) makes one row per text line, so a
label that wraps over three lines becomes three rows, only the first holding the row's values.
A row with nothing in the table's value columns is a wrapped line of the row above when its
text carries on that row's text ('number of' / 'recorded crimes'), or when it sits as tight
under the row above as a wrapped line does while the table spaces its records further apart.
"""
from __future__ import annotations

import re

from pipeline.loaders.pdf_layout import Line
from pipeline.loaders.pdf_tables import NUMERIC_CELL_RE, FoundTable
from pipeline.model import BBox

_TERMINAL = re.compile(r"[.!?:;]['\")\]]?\s*$")
_CARRIES = re.compile(r"(?:-|,|&|\b(?:and|or|of|the|to|in|for|with|by|from|per|on|at|a|an))\s*$", re.I)
TIGHT = 0.5  # of the font size: a wrapped line's gap to the line above is at most this


def value_columns(rows: list[list[str]]) -> set[int]:
    """Columns after the first where most filled cells below the first row are numbers."""
    cols = set()
    for j in range(1, len(rows[0]) if rows else 0):
        filled = [r[j] for r in rows[1:] if j < len(r) and r[j].strip()]
        numeric = [c for c in filled if NUMERIC_CELL_RE.match(" ".join(c.split()).split(" ")[0])]
        if len(numeric) >= 2 and len(numeric) >= 0.6 * len(filled):
            cols.add(j)
    return cols


def _continues_text(above: str, below: str) -> bool:
    below = below.strip()
    if not below or not above.strip():
        return False
    return below[0].islower() or below[0] in "(&" or bool(_CARRIES.search(above)) and not _TERMINAL.search(above)


def _fills_column(above: str, widest: int) -> bool:
    """Whether the line above is long for its column, as a line that wrapped is ('Male' over
    'Race' is a record and a section head, not one label wrapped)."""
    last = above.split("\n")[-1].strip() if above.strip() else ""
    return len(last) >= 0.5 * widest


def _row_extent(boxes: list[BBox | None], lines: list[Line], x0: float, x1: float) -> tuple[float, float, float] | None:
    """Top and bottom of the text lines in a row's box band, and their font size."""
    cells = [b for b in boxes if b is not None]
    if not cells:
        return None
    lo, hi = min(b[1] for b in cells), max(b[3] for b in cells)
    inside = [ln for ln in lines if lo <= (ln.top + ln.bottom) / 2 <= hi and ln.x0 < x1 and ln.x1 > x0]
    if not inside:
        return None
    return min(ln.top for ln in inside), max(ln.bottom for ln in inside), max(ln.size for ln in inside)


def _gaps(table: FoundTable, lines: list[Line]) -> list[float | None]:
    """Each row's gap to the row above, in font sizes (None where unknown)."""
    extents = [_row_extent(b, lines, table.bbox[0], table.bbox[2]) for b in table.boxes]
    gaps: list[float | None] = [None]
    for prev, cur in zip(extents, extents[1:]):
        gaps.append((cur[0] - prev[1]) / cur[2] if prev and cur and cur[2] else None)
    return gaps


def merge_wrapped_rows(table: FoundTable, lines: list[Line]) -> FoundTable:
    """The table with each wrapped line's row merged into the row it continues."""
    values = value_columns(table.rows)
    if not values or len(table.rows) < 3:
        return table
    gaps = _gaps(table, lines)
    has_value = [any(j < len(r) and r[j].strip() for j in values) for r in table.rows]
    spaced = any(has_value[i] and g is not None and g > TIGHT for i, g in enumerate(gaps) if i > 1)
    widest = {j: max((len(ln) for r in table.rows if j < len(r) for ln in r[j].split("\n")), default=0)
              for j in range(len(table.rows[0]))}
    rows, boxes, record_has_value = [list(table.rows[0])], [list(table.boxes[0])], has_value[0]
    for i in range(1, len(table.rows)):
        row = table.rows[i]
        j = next((k for k, c in enumerate(row) if c.strip()), 0)
        above, first = (rows[-1][j] if j < len(rows[-1]) else ""), row[j]
        gap = gaps[i]
        tight = spaced and gap is not None and gap <= TIGHT and _fills_column(above, widest.get(j, 0))
        if record_has_value and not has_value[i] and (tight or _continues_text(above, first)):
            join_cells(rows[-1], boxes[-1], row, table.boxes[i])
            continue
        rows.append(list(row))
        boxes.append(list(table.boxes[i]))
        record_has_value = has_value[i]
    if len(rows) == len(table.rows):
        return table
    return FoundTable(table.page, table.bbox, rows, boxes, table.method)


def join_cells(row: list[str], boxes: list[BBox | None], extra: list[str], extra_boxes: list[BBox | None]) -> None:
    for j, text in enumerate(extra):
        if not text.strip():
            continue
        row[j] = f"{row[j]}\n{text}" if row[j].strip() else text
        a, b = boxes[j], extra_boxes[j]
        boxes[j] = b if a is None else a if b is None else (min(a[0], b[0]), min(a[1], b[1]),
                                                             max(a[2], b[2]), max(a[3], b[3]))
