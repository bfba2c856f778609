"""A table as a finder sees it (slots with offsets in the page text) to the model's Table.

Every text finder (HTML, Markdown, aligned columns, flattened rows, one cell per line) states
what it found the same way: a `Layout` of `Slot`s, each slot a cell's text and its exact span in
the page text, with its spans and whether the source marked it a header. One function turns a
layout into a `Table`, so captions, notes, header rows and ids are decided in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from pipeline.loaders.table_margins import caption_above, notes_below
from pipeline.loaders.text_tables import header_row_count, heading_before
from pipeline.model import Cell, Heading, Page, Table
from pipeline.model.ids import stable_id


@dataclass(frozen=True)
class Slot:
    row: int
    col: int
    text: str
    start: int  # span in the page text: text == page_text[start:end]
    end: int
    col_span: int = 1
    row_span: int = 1
    header: bool = False  # the source marks it a header (<th>, a Markdown head row)


@dataclass(frozen=True)
class Layout:
    method: str  # html, markdown, aligned, flattened, cell-lines
    slots: tuple[Slot, ...]
    header_rows: Optional[int] = None  # None: the finder does not know; guessed from the rows
    caption: str = ""  # stated by the source (<caption>); else the line above is taken

    @property
    def start(self) -> int:
        return min(s.start for s in self.slots)

    @property
    def end(self) -> int:
        return max(s.end for s in self.slots)


def _cells(layout: Layout, page: int) -> list[Cell]:
    return [Cell(s.row, s.col, s.text, page, s.start, s.end, col_span=s.col_span, row_span=s.row_span)
            for s in sorted(layout.slots, key=lambda s: (s.row, s.col)) if s.text]


def _padded_rows(cells: list[Cell], page: int) -> list[list[Cell]]:
    width = 1 + max(c.col for c in cells)
    height = 1 + max(c.row for c in cells)
    grid = [[Cell(r, c, "", page) for c in range(width)] for r in range(height)]
    for cell in cells:
        grid[cell.row][cell.col] = cell
    return grid


def marked_header_rows(layout: Layout) -> Optional[int]:
    """Leading rows every filled slot of which the source marked a header."""
    rows: dict[int, list[Slot]] = {}
    for slot in layout.slots:
        if slot.text:
            rows.setdefault(slot.row, []).append(slot)
    count = 0
    for r in sorted(rows):
        if r != count or not all(s.header for s in rows[r]) or count + 1 == len(rows):
            break
        count += 1
    return count or None


def layout_table(doc_id: str, page: int, text: str, layout: Layout, headings: list[Heading],
                 index: int) -> Optional[Table]:
    """The Table a layout describes, with its caption, notes and header rows; None when no
    slot holds text."""
    cells = _cells(layout, page)
    if not cells:
        return None
    start = min(s.start for s in layout.slots if s.text)
    end = max(s.end for s in layout.slots if s.text)
    header_rows = layout.header_rows
    if header_rows is None:
        header_rows = marked_header_rows(layout) or header_row_count(_padded_rows(cells, page))
    return Table(
        table_id=stable_id("tbl", doc_id, page, start, index), page=page, cells=tuple(cells),
        header_rows=header_rows, heading=heading_before(headings, start), method=layout.method,
        pages=(page,), caption=layout.caption or caption_above(text, start), notes=notes_below(text, end))


def with_captions(tables: list[Table], pages: list[Page]) -> list[Table]:
    """Every table with its title line: the one its finder stated, else the short line above
    its first cell, so the caption is decided once, for text and PDF tables alike, and the
    readers and tables.parquet see the same one."""
    captioned = []
    for table in tables:
        starts = [c.char_start for c in table.cells if c.char_start is not None and c.page == table.page]
        if not table.caption and starts and 0 < table.page <= len(pages):
            table = replace(table, caption=caption_above(pages[table.page - 1].text, min(starts)))
        captioned.append(table)
    return captioned


@dataclass(frozen=True)
class SourceCell:
    """A cell as a markup source states it, before it has a place in the page text."""
    text: str
    col_span: int = 1
    row_span: int = 1
    header: bool = False


def _placed(rows: list[list[SourceCell]]) -> list[dict[int, SourceCell]]:
    """Each source cell at its grid column: a cell covered by a rowspan from above pushes the
    row's later cells right, as a browser lays them out."""
    covered: dict[tuple[int, int], bool] = {}
    placed: list[dict[int, SourceCell]] = []
    for r, row in enumerate(rows):
        by_col: dict[int, SourceCell] = {}
        col = 0
        for cell in row:
            while (r, col) in covered:
                col += 1
            by_col[col] = cell
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    covered[(r + dr, col + dc)] = True
            col += cell.col_span
        placed.append(by_col)
    return placed


def rows_to_lines(rows: list[list[SourceCell]], offset: int, row0: int = 0) -> tuple[list[str], list[Slot]]:
    """Tab-separated lines for the rows (a spanning cell followed by empty fields, so every
    line has a field per grid column) and each cell's slot, the first line starting at `offset`."""
    placed = _placed(rows)
    lines: list[str] = []
    slots: list[Slot] = []
    for r, by_col in enumerate(placed):
        fields, pos = [], offset
        for col in range(max((c + cell.col_span for c, cell in by_col.items()), default=0)):
            cell = by_col.get(col)
            text = cell.text if cell else ""
            if cell:
                slots.append(Slot(row0 + r, col, text, pos, pos + len(text), cell.col_span,
                                  cell.row_span, cell.header))
            fields.append(text)
            pos += len(text) + 1
        line = "\t".join(fields)
        lines.append(line)
        offset += len(line) + 1
    return lines, slots
