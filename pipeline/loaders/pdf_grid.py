"""Ruled tables straight from the ruling lines PDFium gives: each cell is a rectangle of rules.

Where a page draws its table's grid, the cells are known exactly: every character inside a
cell's rectangle is that cell's text, read line by line. This keeps wrapped cells whole (a KPI
row whose label wraps over four lines stays one row) and costs a few milliseconds, where
camelot's lattice renders the page to an image to find the same lines again. Rules are
snapped to each other within a tolerance (lines drawn a point apart are one line). A missing
column rule between two cells whose text runs across merges them into one spanning cell; a
missing row rule makes a rowspan (`_join_wrapped_down`). A grid that does not close (only
horizontal rules, or one column), whose cells stack values or pack unruled columns, or whose
row lines are only a shaded band's edges, is not a table here: the page goes to camelot.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf_layout import Line, build_lines
from pipeline.loaders.pdf_tables import NUMERIC_CELL_RE, FoundTable, clean_rows, is_real_table, stacks_values
from pipeline.loaders.pdf_text import cell_text
from pipeline.model import BBox

SNAP = 2.0  # points: rules closer than this are one line
THIN = 3.0  # points: a rule is at most this thick
MIN_LENGTH = 4.0  # points: shorter strokes are ticks or glyph parts, not rules
PHRASE_GAP = 0.6  # of the font size: words this close across a missing rule are one cell's ('Age 4')


class Seg(NamedTuple):
    """A horizontal (at y=pos, from lo to hi in x) or vertical (x=pos, lo/hi in y) rule."""
    pos: float
    lo: float
    hi: float


def _segments(rules: list[Ruling]) -> tuple[list[Seg], list[Seg]]:
    horizontal, vertical = [], []
    for r in rules:
        if r.bottom - r.top <= THIN and r.x1 - r.x0 >= MIN_LENGTH:
            horizontal.append(Seg((r.top + r.bottom) / 2, r.x0, r.x1))
        elif r.x1 - r.x0 <= THIN and r.bottom - r.top >= MIN_LENGTH:
            vertical.append(Seg((r.x0 + r.x1) / 2, r.top, r.bottom))
    return _merge(horizontal), _merge(vertical)


def _merge(segs: list[Seg]) -> list[Seg]:
    """Collinear rules (within SNAP) that touch or overlap become one rule."""
    out: list[Seg] = []
    for seg in sorted(segs, key=lambda s: (round(s.pos / SNAP), s.lo)):
        last = out[-1] if out else None
        if last and abs(last.pos - seg.pos) <= SNAP and seg.lo <= last.hi + SNAP:
            out[-1] = Seg(last.pos, last.lo, max(last.hi, seg.hi))
        else:
            out.append(seg)
    return out


def _meets(h: Seg, v: Seg) -> bool:
    return v.lo - SNAP <= h.pos <= v.hi + SNAP and h.lo - SNAP <= v.pos <= h.hi + SNAP


def _groups(horizontal: list[Seg], vertical: list[Seg]) -> list[tuple[list[Seg], list[Seg]]]:
    """Sets of rules that touch each other: one set per drawn grid."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _meets(h, v):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _levels(values: list[float]) -> list[float]:
    """Distinct positions, nearby ones (within SNAP) taken as one."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _covered(segs: list[Seg], pos: float, at: float) -> bool:
    """Whether a rule at `pos` passes the point `at` along it."""
    return any(abs(s.pos - pos) <= SNAP and s.lo - SNAP <= at <= s.hi + SNAP for s in segs)


def _row_bands(chars: list[Char], ys: list[float]) -> list[list[Char]]:
    """Each row's characters (their middles between its two heights, both included, so one
    on a row line is in both rows), line by line, left to right."""
    bands: list[list[Char]] = [[] for _ in ys[1:]]
    for char in chars:
        mid = (char.top + char.bottom) / 2
        for i in range(max(bisect_left(ys, mid) - 1, 0), min(bisect_right(ys, mid), len(bands))):
            bands[i].append(char)
    return [sorted(band, key=lambda c: (round(c.baseline), c.x0)) for band in bands]


def _straddled(band: list[Char], x: float) -> bool:
    """Whether a word or phrase (characters closer than a wide space) of a row's band crosses x."""
    for a, b in zip(band, band[1:] + [None]):
        if a.x0 < x - 1 and a.x1 > x + 1:
            return True
        if b is not None and abs(a.baseline - b.baseline) < a.size / 3 and a.x1 <= x + 1 and b.x0 >= x - 1 \
                and a.x0 < x < b.x1 and b.x0 - a.x1 <= PHRASE_GAP * max(a.size, 1.0):
            return True
    return False


def _spans(vertical: list[Seg], ys: list[float], xs: list[float], chars: list[Char]) -> dict:
    """Each elementary cell (row, col) -> the first cell of the ruled cell it belongs to. A cell
    spans the next column only where no rule divides them and a word runs across: a shaded
    row (a filled box, so no inner rules) keeps its columns apart by their gaps."""
    anchor = {(i, j): (i, j) for i in range(len(ys) - 1) for j in range(len(xs) - 1)}
    for i, band in enumerate(_row_bands(chars, ys)):
        for j in range(1, len(xs) - 1):
            mid_y = (ys[i] + ys[i + 1]) / 2
            if not _covered(vertical, xs[j], mid_y) and _straddled(band, xs[j]):
                anchor[(i, j)] = anchor[(i, j - 1)]
    return anchor


def _slot(edges: list[float], at: float) -> int:
    """The interval of sorted `edges` that holds `at` (the first one for a point above them
    all, the last one for a point past its end)."""
    return min(max(bisect_right(edges, at) - 1, 0), len(edges) - 2)


def _band(ys: list[float], char: Char) -> int:
    return _slot(ys, (char.top + char.bottom) / 2)


def _labels_outside(chars: list[Char], xs: list[float], ys: list[float]) -> bool:
    """Text just left of the rules on most of the grid's rows that hold text: a column of row
    labels the rules leave out, so the grid is not the whole table (camelot reads it whole)."""
    within = [c for c in chars if ys[0] < (c.top + c.bottom) / 2 < ys[-1]]
    filled = {_band(ys, c) for c in within if xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1]}
    labelled = {_band(ys, c) for c in within if xs[0] - 150 < c.x1 < xs[0] - 1}
    return len(labelled) >= max(2, len(filled) // 2)


def _join_wrapped_down(horizontal: list[Seg], xs: list[float], ys: list[float],
                       anchor: dict[tuple[int, int], tuple[int, int]],
                       members: dict[tuple[int, int], list[Char]], valued: set[int]) -> set[tuple[int, int]]:
    """Where no rule divides two rows in a column, one cell spans them (a rowspan): its text
    is read in its first row, as a year over its Men and Women rows is that group's; and a
    text that runs on over the row line between two rows of labels, its next line as close as
    a paragraph's ('Cycle Name' beside a group header's underline), is one cell. Labels of
    rows that state values (`valued`), or set each in its own row ('Burglary', 'Robbery'),
    stay apart. Changes `anchor` and `members`; returns the cells that took text from below."""
    grown: set[tuple[int, int]] = set()
    for j in range(len(xs) - 1):
        mid_x = (xs[j] + xs[j + 1]) / 2
        for i in range(1, len(ys) - 1):
            upper, lower = anchor[(i - 1, j)], anchor[(i, j)]
            if lower != (i, j) or upper[1] != j or _covered(horizontal, ys[i], mid_x):
                continue
            above, below = members.get(upper, []), members.get(lower, [])
            if above and below:
                if {i - 1, i} & valued:
                    continue  # two rows of values: each keeps its own label
                last = max(above, key=lambda c: c.bottom)
                first = min(below, key=lambda c: c.top)
                if first.top - last.bottom > 0.6 * max(last.size, first.size, 1.0):
                    continue
            if below:
                members[upper] = above + members.pop(lower)
                grown.add(upper)
            for k in range(j, len(xs) - 1):  # the cell and the columns it spans on its row
                if anchor[(i, k)] == lower:
                    anchor[(i, k)] = upper
    return grown


_YEAR = re.compile(r"(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?")  # a column head, not a value


def _rows_with_values(lines: dict[tuple[int, int], list[Line]]) -> set[int]:
    """The rows with a cell whose text is a number other than a year."""
    return {row for (row, _), cell_lines in lines.items()
            if any(NUMERIC_CELL_RE.match(s.text) and not _YEAR.fullmatch(s.text.strip())
                   for line in cell_lines for s in line.segments)}


def _shaded_partial_rows(shades: list[Seg], xs: list[float], ys: list[float]) -> bool:
    """An inner row line drawn only by a shaded band's edge, leaving out one of the grid's
    columns: shading may set off a header's second line ('to air' over 'kg/year') where no
    rule divides the cell, so which row its text belongs to is camelot's to read from the
    rendered page. Rules drawn with a pen that leave out a column are rowspans, read here."""
    middles = [(a + b) / 2 for a, b in zip(xs, xs[1:]) if b - a > 2 * SNAP]
    inner = [y for y in ys[1:-1] if any(abs(s.pos - y) <= SNAP for s in shades)]
    return any(not _covered(shades, y, x) for y in inner for x in middles)


def _shade_lines(rules: list[Ruling]) -> list[Seg]:
    """Level lines drawn only by shaded bands' edges, not also by a pen's rule."""
    pens = _segments([r for r in rules if not r.shade])[0]
    return [h for h in _segments([r for r in rules if r.shade])[0]
            if not any(abs(h.pos - o.pos) <= SNAP and o.lo <= h.lo + SNAP and h.hi <= o.hi + SNAP for o in pens)]


def _packs_columns(lines: list[Line]) -> bool:
    """A cell line of several numbers set apart by column gaps, or three lines each a label and
    a number set apart so ('Under 1 year   3,533,692'): unruled columns inside the grid."""
    pairs = sum(1 for ln in lines if len(ln.segments) >= 2 and NUMERIC_CELL_RE.match(ln.segments[-1].text))
    return pairs >= 3 or any(sum(1 for s in ln.segments if NUMERIC_CELL_RE.match(s.text)) >= 2 for ln in lines)


def _grid_table(page: int, group: tuple[list[Seg], list[Seg]], chars: list[Char],
                vocab: set[str], shades: list[Seg]) -> FoundTable | None:
    horizontal, vertical = group
    ys = _levels([h.pos for h in horizontal] + [min(v.lo for v in vertical), max(v.hi for v in vertical)])
    xs = _levels([v.pos for v in vertical] + [min(h.lo for h in horizontal), max(h.hi for h in horizontal)])
    if len(ys) < 3 or len(xs) < 3:
        return None
    if _labels_outside(chars, xs, ys) or _shaded_partial_rows(shades, xs, ys):
        return None
    inside = [c for c in chars if xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1] and ys[0] <= (c.top + c.bottom) / 2 <= ys[-1]]
    if sum(1 for c in inside if not c.upright) >= 3:
        return None  # turned column heads: read line by line they are garbled; camelot reads them
    anchor = _spans(vertical, ys, xs, inside)
    members: dict[tuple[int, int], list[Char]] = {}
    for char in inside:
        i = _band(ys, char)
        j = _slot(xs, (char.x0 + char.x1) / 2)
        members.setdefault(anchor[(i, j)], []).append(char)
    lines = {cell: build_lines(cell_chars) for cell, cell_chars in members.items()}
    for cell in _join_wrapped_down(horizontal, xs, ys, anchor, members, _rows_with_values(lines)):
        lines[cell] = build_lines(members[cell])
    lines = {cell: cell_lines for cell, cell_lines in lines.items() if cell in members}
    if any(_packs_columns(cell_lines) for cell_lines in lines.values()):
        return None
    last = {a: (i, j) for (i, j), a in sorted(anchor.items())}  # each ruled cell's last row and column
    rows = [[cell_text(lines.get((i, j), []), vocab) if anchor[(i, j)] == (i, j) else ""
             for j in range(len(xs) - 1)] for i in range(len(ys) - 1)]
    boxes: list[list[BBox | None]] = [
        [(xs[j], ys[i], xs[last[(i, j)][1] + 1], ys[last[(i, j)][0] + 1]) if anchor[(i, j)] == (i, j) else None
         for j in range(len(xs) - 1)] for i in range(len(ys) - 1)]
    rows, boxes = clean_rows(rows, boxes)
    return FoundTable(page, (xs[0], ys[0], xs[-1], ys[-1]), rows, boxes, "grid") if is_real_table(rows) else None


def grid_reading(page: int, chars: list[Char], rules: list[Ruling], vocab: set[str]
                 ) -> tuple[list[FoundTable], bool]:
    """Tables drawn as closed grids of rules on one page, top to bottom; and whether a grid
    was left unread because its cells stack values (rows it does not rule)."""
    horizontal, vertical = _segments(rules)
    shades = _shade_lines(rules)
    found = [t for g in _groups(horizontal, vertical) if (t := _grid_table(page, g, chars, vocab, shades))]
    stacked = [t for t in found if stacks_values(t)]
    tables = [t for t in found if t not in stacked]
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])), bool(stacked)
