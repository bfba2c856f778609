"""Unruled tables read from the lines PDFium already gave: columns are where the cells of the
table's rows line up, with clear gaps between them.

A text-aligned table is rows of segments (a line's runs between gaps wider than an em, see
`pdf_layout`). Over the rows that carry values, the segments of one column overlap each
other along x and leave a gap to the next column: the union of their x-extents is the
column set. Header and label lines above and inside the block are placed by the columns
they overlap (a head spanning several columns goes in the first, as a spanning cell keeps
its text in its top-left cell). This costs a few milliseconds a page, where camelot's
text-alignment parsers re-read the page layout for 100-1000 ms.

The reader only answers where the layout is unambiguous: a value row with two segments in
one column, or a cell run across a column gap below the header, leaves the block to camelot
(`undecided`). One row per text line: wrapped labels are joined afterwards by `pdf_rows`.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.loaders.pdf_layout import Line, LineRun
from pipeline.loaders.pdf_rows import join_cells
from pipeline.loaders.pdf_tables import NUMERIC_CELL_RE, FoundTable, clean_rows, is_contents, is_real_table
from pipeline.model import BBox

METHOD = "whitespace"
LINE_GAP = 1.2  # of the font size: a wider blank between two lines ends the block
SECTION_GAP = 3.0  # of the font size: the widest gap a table's rows continue across
MIN_VALUE_ROWS = 3
HEAD_LINES = 5  # lines above the first value row that may be the table's header


@dataclass(frozen=True)
class Reading:
    """The tables the reader is sure of, and whether some aligned block was left undecided."""
    tables: list[FoundTable]
    undecided: bool


def _has_values(line: Line) -> bool:
    """Two or more segments, a number among those after the first: a row of a value table."""
    return len(line.segments) >= 2 and any(NUMERIC_CELL_RE.match(s.text.strip()) for s in line.segments[1:])


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped where each is close below the one before."""
    runs: list[list[Line]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        if last is not None and line.top - last.bottom <= LINE_GAP * max(line.size, last.size, 1.0):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _aligned(a: Line, b: Line) -> bool:
    """Two value rows with their cells one above the other."""
    return len(a.segments) == len(b.segments) and all(
        s.x0 < t.x1 and s.x1 > t.x0 for s, t in zip(a.segments, b.segments))


def _continues(run: list[Line], after: list[Line]) -> bool:
    """Whether `after` carries on `run`'s table past a wider gap (a 'Projected' section label
    set off above its rows): its first value row, at most two lines in, lines up with the
    run's last value row, within SECTION_GAP."""
    above = next((ln for ln in reversed(run) if _has_values(ln)), None)
    below = next((ln for ln in after[:3] if _has_values(ln)), None)
    return above is not None and below is not None and _aligned(above, below) and \
        after[0].top - run[-1].bottom <= SECTION_GAP * max(after[0].size, 1.0)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of close lines (joined across a section gap where their rows line up) holding at
    least MIN_VALUE_ROWS value rows, trimmed to end on a value row (header lines above are
    added later)."""
    runs: list[list[Line]] = []
    for run in _runs(lines):
        if runs and _continues(runs[-1], run):
            runs[-1] = runs[-1] + run
        else:
            runs.append(run)
    blocks = []
    for run in runs:
        value_rows = [i for i, ln in enumerate(run) if _has_values(ln)]
        if len(value_rows) >= MIN_VALUE_ROWS:
            blocks.append(run[value_rows[0]:value_rows[-1] + 1])
    return blocks


def _columns(rows: list[Line]) -> list[tuple[float, float]]:
    """Disjoint x-intervals: the union of the segment extents of the value rows that have
    the usual number of cells or more (a row whose cells ran together would merge columns)."""
    counts = sorted(len(ln.segments) for ln in rows)
    usual = counts[len(counts) // 2]
    spans = sorted((s.x0, s.x1) for ln in rows if len(ln.segments) >= usual for s in ln.segments)
    columns: list[tuple[float, float]] = []
    for lo, hi in spans:
        if columns and lo <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], hi))
        else:
            columns.append((lo, hi))
    return columns


def _placed(segment: LineRun, columns: list[tuple[float, float]], loose: bool) -> list[int]:
    """The columns a segment overlaps. A head line's segment in a gap takes the nearest
    column (`loose`); a body segment in none means a column the value rows do not show."""
    hits = [j for j, (lo, hi) in enumerate(columns) if segment.x0 < hi and segment.x1 > lo]
    if hits or not loose:
        return hits
    middle = (segment.x0 + segment.x1) / 2
    return [min(range(len(columns)), key=lambda j: min(abs(middle - columns[j][0]), abs(middle - columns[j][1])))]


def _row(line: Line, columns: list[tuple[float, float]], head: bool) -> tuple[list[str], list[BBox | None]] | None:
    """A line as one row of cells, or None where it does not fit the columns: two segments in
    one column, a segment in none, or one across several (as only a head or a line of one
    segment, a section label, may run)."""
    texts = [""] * len(columns)
    boxes: list[BBox | None] = [None] * len(columns)
    spanning = head or len(line.segments) == 1
    for segment in line.segments:
        hits = _placed(segment, columns, head)
        if not hits or (len(hits) > 1 and not spanning) or texts[hits[0]]:
            return None
        texts[hits[0]] = segment.text.strip()
        boxes[hits[0]] = (segment.x0, line.top, segment.x1, line.bottom)
    return texts, boxes


def _head(above: list[Line], first: Line, x0: float, x1: float, spacing: float) -> list[Line]:
    """The lines just above a table's first value row that sit over its columns, no further
    apart than the rows are (`spacing`, the blank between two rows): its header. A line
    wider than the table, or a sentence, is a title or prose and ends the header."""
    head: list[Line] = []
    below = first
    for line in reversed(above):
        if len(head) == HEAD_LINES or below.top - line.bottom > max(LINE_GAP * line.size, 1.5 * spacing) \
                or line.x0 < x0 - 5 or line.x1 - line.x0 > 1.3 * (x1 - x0) + 20 or _is_sentence(line.text):
            break
        head.insert(0, line)
        below = line
    return head


def _is_sentence(text: str) -> bool:
    return len(text) > 40 and text.rstrip().endswith(".")


def _is_prose(line: Line) -> bool:
    """A segment past the first column that reads as a run of prose (a text column beside
    the block), not a value or a column head."""
    return any(len(s.text) > 40 or len(s.text.split()) > 6 for s in line.segments[1:])


def _pitch(rows: list[Line]) -> float:
    """The usual distance from one value row's top to the next one's."""
    steps = sorted(b.top - a.top for a, b in zip(rows, rows[1:]))
    return steps[len(steps) // 2] if steps else 0.0


def _under(texts: list[str], above: list[str]) -> bool:
    return all(above[j] for j, text in enumerate(texts) if text)


def _head_rows(head: list[Line], fitted: list[tuple[list[str], list[BBox | None]]], pitch: float
               ) -> tuple[list[list[str]], list[list[BBox | None]]]:
    """Header lines set closer than the body's rows, each cell under a cell of the line
    above, are wrapped heads ('Number of' over 'retail outlets'): each such stack is one row.
    Lines set further apart, or with more cells than the line above, are header levels (a
    head spanning its columns over their own heads), one row each."""
    rows: list[list[str]] = []
    boxes: list[list[BBox | None]] = []
    for i, (texts, cells) in enumerate(fitted):
        if i and head[i].top - head[i - 1].top < 0.95 * pitch and _under(texts, rows[-1]):
            join_cells(rows[-1], boxes[-1], texts, cells)
        else:
            rows.append(list(texts))
            boxes.append(list(cells))
    return rows, boxes


def _unlabelled_lead(body: list[tuple[list[str], list[BBox | None]]]) -> int:
    """How many of the block's first rows leave the label column empty while most rows fill
    it: the last line of the column heads ('1995', '(000)'), numbers though they are."""
    lead = next((i for i, (texts, _) in enumerate(body) if texts[0]), len(body))
    labelled = sum(1 for texts, _ in body if texts[0])
    return lead if labelled >= 0.6 * len(body) else 0


def _table(page: int, block: list[Line], above: list[Line]) -> FoundTable | None:
    """The block as a table, or None where its lines do not fit one column set."""
    value_rows = [ln for ln in block if _has_values(ln)]
    columns = _columns(value_rows)
    if len(columns) < 2 or any(_is_prose(ln) for ln in block):
        return None
    pitch = _pitch(value_rows)
    head = _head(above, block[0], columns[0][0], columns[-1][1], pitch - (block[0].bottom - block[0].top))
    fitted = [_row(line, columns, line in head) for line in head + block]
    if any(f is None for f in fitted):
        return None
    placed = [f for f in fitted if f is not None]
    heads = len(head) + _unlabelled_lead(placed[len(head):])
    rows, boxes = _head_rows((head + block)[:heads], placed[:heads], pitch)
    rows += [f[0] for f in placed[heads:]]
    boxes += [f[1] for f in placed[heads:]]
    rows, boxes = clean_rows(rows, boxes)
    if not is_real_table(rows):
        return None
    lines = head + block
    bbox = (columns[0][0], lines[0].top, columns[-1][1], lines[-1].bottom)
    return FoundTable(page, bbox, rows, boxes, METHOD)


def whitespace_tables(page: int, lines: list[Line]) -> Reading:
    """The unruled tables of a page's lines (those outside its ruled grids)."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    tables, undecided = [], False
    for block in _blocks(ordered):
        if is_contents(block):  # entries and their page numbers line up too
            continue
        above = [ln for ln in ordered if ln.bottom <= block[0].top + 0.5]
        table = _table(page, block, above)
        undecided = undecided or table is None
        tables += [table] if table else []
    return Reading(tables, undecided)
