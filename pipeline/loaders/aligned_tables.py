"""Space-aligned tables, as `pdftotext -layout` and fixed-width exports write them.

A cell is a run of words joined by single spaces; two or more spaces end it. A table is a run
of lines whose cells stand in the same columns and that hold numbers: columns are the union
of the body rows' cell extents (pandas' `read_fwf(colspecs="infer")` does the same over
characters, but it splits on single spaces inside labels, needs the table to start its input
and returns a DataFrame without the offsets every cell here must keep). Header lines above
the first row are placed on the same columns, a header cell centred over several columns
spanning them; a label wrapped onto a line of its own is joined to its row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.loaders.layouts import Layout, Slot
from pipeline.loaders.text_lines import Line, has_digit_value

_CHUNK = re.compile(r"\S+(?: \S+)*")
_CONNECTIVE_END = re.compile(r"(?:,|\(|-|–|&|\b(?:and|or|of|for|the|to|in|on|with|by|from|a|an))$", re.I)
MAX_HEADER_LINES = 3
MAX_LABEL_LINE = 100


@dataclass(frozen=True)
class Chunk:
    start: int  # absolute offsets in the page text
    end: int
    text: str
    col: int  # position of its first character on its line

    @property
    def stop(self) -> int:
        return self.col + len(self.text)


def chunks(line: Line) -> list[Chunk]:
    return [Chunk(line.start + m.start(), line.start + m.end(), m.group(0), m.start())
            for m in _CHUNK.finditer(line.text)]


def _is_body(line: Line, taken: frozenset[int]) -> bool:
    """Two or more cells, a number among those after the first."""
    if line.start in taken or "\t" in line.text:
        return False
    found = chunks(line)
    return len(found) >= 2 and has_digit_value([c.text for c in found[1:]])


def _is_label_line(line: Line, taken: frozenset[int]) -> bool:
    found = chunks(line) if line.start not in taken and "\t" not in line.text else []
    return len(found) == 1 and len(found[0].text) <= MAX_LABEL_LINE


def _blocks(lines: list[Line], taken: frozenset[int]) -> list[list[Line]]:
    """Runs of body rows, with the label lines and single blank lines between them."""
    blocks: list[list[Line]] = []
    i = 0
    while i < len(lines):
        if not _is_body(lines[i], taken):
            i += 1
            continue
        block = [lines[i]]
        i += 1
        while i < len(lines):
            gap = _gap_before_next_body(lines, i, taken)
            if gap is None:
                break
            block += lines[i:i + gap + 1]
            i += gap + 1
        blocks.append(block)
    return blocks


def _gap_before_next_body(lines: list[Line], i: int, taken: frozenset[int]) -> Optional[int]:
    """How many lines stand before the next body row: label lines, or one blank line; None
    when something else comes first."""
    for j in range(i, min(i + 4, len(lines))):
        line = lines[j]
        if _is_body(line, taken):
            return j - i
        if not line.text.strip():
            if j > i:
                return None
            continue
        if not lines[i].text.strip() or not _is_label_line(line, taken):
            return None
    return None


def columns(rows: list[list[Chunk]]) -> list[tuple[int, int]]:
    """Stretches of line positions that the body rows' cells fill: each a column. A position
    filled in only a few rows (one in eight) is still a gap, so a label run into its first
    value ('North Cachar Hills 85.0') does not merge two columns."""
    filled = [0] * (1 + max(c.stop for row in rows for c in row))
    for row in rows:
        for chunk in row:
            for x in range(chunk.col, chunk.stop):
                filled[x] += 1
    limit = len(rows) // 8
    cols: list[tuple[int, int]] = []
    start = None
    for x, count in enumerate(filled + [0]):
        if count > limit and start is None:
            start = x
        elif count <= limit and start is not None:
            cols.append((start, x))
            start = None
    return cols


def _overlap(chunk: Chunk, col: tuple[int, int]) -> int:
    return min(chunk.stop, col[1]) - max(chunk.col, col[0])


def place(chunk: Chunk, cols: list[tuple[int, int]]) -> int:
    """The column a cell stands in: the one it overlaps most, else the nearest."""
    centre = (chunk.col + chunk.stop) / 2
    return max(range(len(cols)), key=lambda i: (_overlap(chunk, cols[i]), -abs(centre - sum(cols[i]) / 2)))


def spanned(chunk: Chunk, cols: list[tuple[int, int]]) -> tuple[int, int]:
    """(first column, columns covered) of a header cell over the columns it overlaps."""
    hit = [i for i, col in enumerate(cols) if _overlap(chunk, col) > 0]
    return (hit[0], hit[-1] - hit[0] + 1) if hit else (place(chunk, cols), 1)


def split_over_columns(chunk: Chunk, cols: list[tuple[int, int]]) -> list[Chunk]:
    """A cell that reaches over several columns split at its single spaces, when its words
    then fall in increasing columns and each after the first group is one word: a header
    'Total Rural Urban' over three columns, a label run into its value 'Hills 85.0'."""
    words = [Chunk(chunk.start + m.start(), chunk.start + m.end(), m.group(0), chunk.col + m.start())
             for m in re.finditer(r"\S+", chunk.text)]
    groups: list[list[Chunk]] = []
    for word in words:
        if groups and place(groups[-1][-1], cols) == place(word, cols):
            groups[-1].append(word)
        else:
            groups.append([word])
    in_order = all(place(a[0], cols) < place(b[0], cols) for a, b in zip(groups, groups[1:]))
    if len(groups) < 2 or not in_order or any(len(g) > 1 for g in groups[1:]):
        return [chunk]
    return [Chunk(g[0].start, g[-1].end, chunk.text[g[0].start - chunk.start:g[-1].end - chunk.start], g[0].col)
            for g in groups]


def widened(cols: list[tuple[int, int]], labels: list[Chunk]) -> list[tuple[int, int]]:
    """The columns widened by the header labels standing over them."""
    out = list(cols)
    for chunk in labels:
        i = place(chunk, cols)
        out[i] = (min(out[i][0], chunk.col), max(out[i][1], chunk.stop))
    return out


def _row_slots(row: int, pieces: list[Chunk], cols: list[tuple[int, int]], text: str,
               header: str = "") -> list[Slot]:
    """Cells of one row; two pieces in one column (a label and its wrapped part) are one cell,
    its span running from the first to the last. header: '' for a body row, 'lowest' for the
    header line over the body, 'upper' for the lines above it (their cells may span)."""
    by_col: dict[int, tuple[int, int, int]] = {}
    for chunk in pieces:
        col, width = spanned(chunk, cols) if header == "upper" else (place(chunk, cols), 1)
        start, end, span = by_col.get(col, (chunk.start, chunk.end, width))
        by_col[col] = (min(start, chunk.start), max(end, chunk.end), max(width, span))
    return [Slot(row, col, text[start:end], start, end, col_span=span, header=bool(header))
            for col, (start, end, span) in sorted(by_col.items())]


def _rows_of_block(block: list[Line]) -> list[list[Chunk]]:
    """Body rows with their wrapped label lines joined: a label line goes to the row below
    when that row's label carries on from it (starts in lower case, or the line ends in 'and',
    a comma, ...), else to the row above when it starts in lower case; else it is a section
    row of its own."""
    rows: list[list[Chunk]] = []
    pending: list[Chunk] = []
    for line in block:
        found = chunks(line)
        if not found:
            continue
        if len(found) >= 2:
            rows.append(pending + found)
            pending = []
        elif _continues_below(found[0], block, line):
            pending.append(found[0])
        elif rows and found[0].text[:1].islower():
            rows[-1].append(found[0])
        else:
            rows.append(found)
    return rows


def _continues_below(piece: Chunk, block: list[Line], line: Line) -> bool:
    after = next((ln for ln in block if ln.index > line.index and ln.text.strip()), None)
    return after is not None and _wraps_onto(piece.text, after)


def _wraps_onto(label: str, line: Line) -> bool:
    """The label line carries on into the row on `line`."""
    found = chunks(line)
    return len(found) >= 2 and (found[0].text[:1].islower() or bool(_CONNECTIVE_END.search(label)))


def _with_wrapped_start(lines: list[Line], block: list[Line], taken: frozenset[int]) -> list[Line]:
    """The block with the label lines its first row's label starts on."""
    i = block[0].index
    while i > 0 and block[0].index - i < 2 and _is_label_line(lines[i - 1], taken) \
            and _wraps_onto(lines[i - 1].text.strip(), lines[i]):
        i -= 1
    return lines[i:block[0].index] + block


def _header_lines(lines: list[Line], first: Line, cols: list[tuple[int, int]],
                  taken: frozenset[int]) -> list[Line]:
    """Lines directly above the first row with a cell over a value column and no number."""
    found: list[Line] = []
    for line in reversed(lines[max(0, first.index - MAX_HEADER_LINES):first.index]):
        pieces = chunks(line) if line.start not in taken and "\t" not in line.text else []
        if not pieces or any(len(c.text) > MAX_LABEL_LINE for c in pieces) or has_digit_value(
                [c.text for c in pieces]) or all(spanned(c, cols) == (0, 1) for c in pieces):
            break
        found.insert(0, line)
    return found


def _misaligned(body: list[list[Chunk]], cols: list[tuple[int, int]]) -> bool:
    """Cells of one line that fall in one column: words spread by justified prose, not a
    table. A quarter of the rows may collide (a long label reaching over a column)."""
    def collides(row: list[Chunk]) -> bool:
        placed = [(c.start - c.col, place(c, cols)) for c in row]  # (line, column)
        return len(set(placed)) < len(placed)
    return sum(collides(row) for row in body) * 4 > len(body)


def _layout(lines: list[Line], text: str, block: list[Line], taken: frozenset[int]) -> Optional[Layout]:
    rows = _rows_of_block(block)
    body = [r for r in rows if len(r) >= 2 and has_digit_value([c.text for c in r[1:]])]
    cols = columns(body) if len(body) >= 2 else []
    if len(cols) < 2 or _misaligned(body, cols):
        return None
    heads = [chunks(line) for line in _header_lines(lines, block[0], cols, taken)]
    if heads:
        heads[-1] = [piece for chunk in heads[-1] for piece in split_over_columns(chunk, cols)]
        cols = widened(cols, [c for c in heads[-1] if spanned(c, cols)[1] == 1])
    rows = [[piece for chunk in row for piece in split_over_columns(chunk, cols)] for row in rows]
    slots = [s for i, head in enumerate(heads)
             for s in _row_slots(i, head, cols, text, "lowest" if i == len(heads) - 1 else "upper")]
    slots += [s for i, row in enumerate(rows) for s in _row_slots(len(heads) + i, row, cols, text)]
    return Layout("aligned", tuple(slots), header_rows=len(heads))


def find_aligned_tables(lines: list[Line], text: str, taken: frozenset[int]) -> list[Layout]:
    """Every space-aligned table with two or more rows of numbers."""
    blocks = (_with_wrapped_start(lines, block, taken) for block in _blocks(lines, taken))
    return [layout for block in blocks if (layout := _layout(lines, text, block, taken)) is not None]
