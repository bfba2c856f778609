"""Write a page of the document model from structured content (Word paragraphs and tables,
spreadsheet rows): lines of text, headings at their offsets, and tables whose cells' spans
point into that text, the same shape the text loader gives, so the extractors cannot tell
a Word or spreadsheet report from its text version.

A table row is written as one tab-separated line, as text reports hold tables. A merged
cell is printed once, at its top-left position. The positions it covers are resolved the
tidy-data way: a label (a year over its quarters, a theme beside its rows) applies to every
position under it, so each covered position gets the label's text and span; a number is one
observation, so it stays at its own position only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.loaders.text import plain_headings
from pipeline.loaders.text_tables import header_row_count, heading_before
from pipeline.model import Cell, Heading, Page, Table
from pipeline.model.ids import stable_id

# A cell that is one quantity (not a label such as a year or "Q1 2015"): it stays put.
_QUANTITY = re.compile(r"[(£$€+-]*\s*(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?\s*[%)kmbn]*", re.I)


@dataclass(frozen=True)
class GridCell:
    """One position of a source table's grid."""
    text: str
    ref: Optional[str] = None  # the spreadsheet address, for provenance
    anchor: Optional[tuple[int, int]] = None  # covered by a merged cell: that cell's (row, col)


def one_line(text: str) -> str:
    """A cell's or paragraph's text on one line: tabs and line breaks would split rows."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


class PageBuilder:
    """Accumulates one page; `build` returns it with its tables."""

    def __init__(self, doc_id: str, number: int, method: str):
        self.doc_id, self.number, self.method = doc_id, number, method
        self.lines: list[str] = []
        self.length = 0  # characters written so far, newlines included
        self.headings: list[Heading] = []
        self.pending: list[tuple[int, dict[tuple[int, int], Cell]]] = []  # tables: start, cells
        self.in_list = False  # the last line written is a list item

    def line(self, text: str = "") -> int:
        """Append one line; returns where it starts in the page text."""
        self.in_list = False
        start = self.length
        self.lines.append(text)
        self.length += len(text) + 1
        return start

    def paragraph(self, text: str) -> None:
        """A paragraph and the blank line that separates it from the next."""
        self.line(one_line(text))
        self.line()

    def list_item(self, text: str) -> None:
        """A "- " line; items of one list follow each other without blank lines."""
        if self.in_list:
            self.lines.pop()  # the blank line after the previous item
            self.length -= 1
        self.paragraph(f"- {text}")
        self.in_list = True

    def heading(self, text: str, level: int, blank: bool = True) -> None:
        """A heading line (and a blank line after it, unless `blank` is False)."""
        text = one_line(text)
        if text:
            self.headings.append(Heading(self.length, level, text))
            self.line(text)
            if blank:
                self.line()

    def table(self, grid: list[list[GridCell]]) -> None:
        """Write a grid as tab-separated rows (no blank line after: the caller decides)."""
        grid = [row for row in grid if any(c.text.strip() for c in row)]
        if not grid:
            return
        start, cells = self.length, {}
        for r, row in enumerate(grid):
            offset = self.length
            for c, cell in enumerate(row):
                text = "" if cell.anchor else one_line(cell.text)
                cells[(r, c)] = Cell(r, c, text, self.number, offset if text else None,
                                     offset + len(text) if text else None, ref=cell.ref)
                offset += len(text) + 1
            self.line("\t".join(cells[(r, c)].text for c in range(len(row))))
        self.pending.append((start, resolve_merged(grid, cells)))

    def build(self, plain: bool = False) -> tuple[Page, list[Table]]:
        """The page and its tables, each under the heading before it. `plain`: short
        capitalised lines standing alone are headings too, as in a text report (a sheet
        has no heading styles)."""
        text = "\n".join(self.lines).rstrip("\n")
        headings = self.headings
        if plain:
            marked = {h.char_start for h in headings}
            headings = sorted(headings + [h for h in plain_headings(text) if h.char_start not in marked],
                              key=lambda h: h.char_start)
        tables = [self._table(start, cells, headings, i) for i, (start, cells) in enumerate(self.pending)]
        return Page(number=self.number, text=text, headings=tuple(headings)), tables

    def _table(self, start: int, cells: dict[tuple[int, int], Cell], headings: list[Heading],
               index: int) -> Table:
        width = 1 + max(c for _, c in cells)
        rows = [[cells.get((r, c)) or Cell(r, c, "", self.number) for c in range(width)]
                for r in range(1 + max(r for r, _ in cells))]
        return Table(
            table_id=stable_id("tbl", self.doc_id, self.number, start, index),
            page=self.number, cells=tuple(c for row in rows for c in row if c.text),
            header_rows=header_row_count(rows), heading=heading_before(headings, start),
            method=self.method, pages=(self.number,))


def resolve_merged(grid: list[list[GridCell]], cells: dict[tuple[int, int], Cell]) -> dict[tuple[int, int], Cell]:
    """Covered positions take their merged cell's text and span when it is a label."""
    resolved = dict(cells)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            source = cells.get(cell.anchor) if cell.anchor else None
            if source is not None and source.text and not _QUANTITY.fullmatch(source.text):
                resolved[(r, c)] = Cell(r, c, source.text, source.page, source.char_start,
                                        source.char_end, ref=cell.ref)
    return resolved
