"""Spreadsheet reports (.xlsx with openpyxl, .ods with odfpy, .csv): each sheet a page.

A performance scorecard in a spreadsheet is laid out like a report page: title and note
rows (one filled cell), then blocks of rows forming tables, separated by empty rows. So a
sheet is written as a text report would be (pipeline/loaders/page_builder.py): a row with
one filled cell is a line of text, a block of rows in which some row has two or more
filled cells is a table, an empty row is a blank line. Every table cell keeps its address
(`Sheet1!C7`) as `Cell.ref`.

Values are what the sheet shows: for .xlsx the value cached at the last save, rendered with
the cell's number format (number_format.py); for .ods the text the file stores beside each
value. Formulas are never evaluated: a formula cell saved without a cached value (a file
written by a program that does not calculate) is empty.
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import Collection, Iterable

from pipeline.loaders.errors import LoadError
from pipeline.loaders.number_format import display
from pipeline.loaders.page_builder import GridCell, PageBuilder
from pipeline.loaders.text import decode
from pipeline.model import Page, Table

Grid = list[list[GridCell]]
MAX_REPEAT = 1024  # .ods repeats an empty row or cell to the sheet's edge: a million times


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (openpyxl's, imported lazily so a .csv does not load openpyxl)."""
    from openpyxl.utils.cell import get_column_letter
    return get_column_letter(index)


def address(sheet: str, row: int, col: int) -> str:
    """'Sheet1!C7'; a sheet name with spaces or punctuation is quoted, as Excel writes it."""
    cell = f"{column_letter(col + 1)}{row + 1}"
    if not sheet:
        return cell
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{cell}"


def sheet_page(doc_id: str, number: int, method: str, grid: Grid,
               bold: Collection[int] = ()) -> tuple[Page, list[Table]]:
    """One sheet's grid as a page: lines, blank lines and table blocks."""
    builder = PageBuilder(doc_id, number, method)
    for block in blocks(grid):
        if block is None:
            builder.line()
            continue
        rows = [grid[r] for r in block]
        if max(filled(row) for row in rows) >= 2:
            builder.table(table_block(grid, block))
            continue
        for r in block:
            text = next(c.text for c in grid[r] if c.text.strip())
            if r in bold and len(text) <= 120:
                builder.heading(text, 3, blank=False)
            else:
                builder.line(text.strip())
    return builder.build(plain=True)


def filled(row: list[GridCell]) -> int:
    return sum(bool(c.text.strip()) for c in row)


def blocks(grid: Grid) -> Iterable[list[int] | None]:
    """Runs of non-empty rows (row indexes), with None for each empty row between them."""
    run: list[int] = []
    for r, row in enumerate(grid):
        if filled(row):
            run.append(r)
            continue
        if run:
            yield run
            run = []
        yield None
    if run:
        yield run


def table_block(grid: Grid, block: list[int]) -> Grid:
    """The block's rows cut to its filled columns; merged-cell anchors moved to match."""
    cols = [c for r in block for c, cell in enumerate(grid[r]) if cell.text.strip() or cell.anchor]
    first, last = min(cols), max(cols)
    top = block[0]

    def moved(cell: GridCell) -> GridCell:
        if cell.anchor is None:
            return cell
        r, c = cell.anchor
        inside = r >= top and first <= c <= last
        return GridCell(cell.text, cell.ref, (r - top, c - first) if inside else None)
    return [[moved(cell) for cell in grid[r][first:last + 1]] for r in block]


def xlsx_pages(doc_id: str, data: bytes) -> tuple[list[Page], list[Table]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:  # data_only: the values cached at the last save, never a formula evaluated here
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise LoadError("error", f"not a readable Excel (.xlsx) file: {err}") from err
    pages, tables = [], []
    for number, sheet in enumerate(book.worksheets, start=1):
        grid, bold = xlsx_grid(sheet)
        page, found = sheet_page(doc_id, number, "xlsx", grid, bold)
        pages.append(page)
        tables += found
    return pages, tables


def xlsx_grid(sheet) -> tuple[Grid, set[int]]:
    """The sheet's cells as printed, merged positions pointing at their anchors, and the
    rows whose filled cells are all bold (title and heading rows)."""
    anchors = {(r, c): (m.min_row - 1, m.min_col - 1) for m in sheet.merged_cells.ranges
               for r in range(m.min_row - 1, m.max_row) for c in range(m.min_col - 1, m.max_col)
               if (r, c) != (m.min_row - 1, m.min_col - 1)}
    grid, bold = [], set()
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)):
        cells = [GridCell(display(getattr(cell, "value", None), getattr(cell, "number_format", "General")),
                          address(sheet.title, r, c), anchors.get((r, c))) for c, cell in enumerate(row)]
        texts = [cell for cell in row if getattr(cell, "value", None) is not None]
        if texts and all(cell.font is not None and cell.font.b for cell in texts):
            bold.add(r)
        grid.append(cells)
    return grid, bold


def ods_pages(doc_id: str, data: bytes) -> tuple[list[Page], list[Table]]:
    from odf.opendocument import load
    from odf.table import Table as OdsTable
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise LoadError("error", f"not a readable OpenDocument spreadsheet (.ods): {err}") from err
    pages, tables = [], []
    for number, sheet in enumerate(document.spreadsheet.getElementsByType(OdsTable), start=1):
        page, found = sheet_page(doc_id, number, "ods", ods_grid(sheet))
        pages.append(page)
        tables += found
    return pages, tables


def ods_grid(sheet) -> Grid:
    """The sheet's displayed cell texts (ODF stores them beside the values), repeats
    expanded, spanned cells' covered positions pointing at the spanning cell."""
    from odf.table import TableRow
    name = str(sheet.getAttribute("name") or "")
    texts: list[list[str]] = []
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for row in sheet.getElementsByType(TableRow):
        values = ods_row(row, len(texts), anchors)
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        texts += [values] * min(repeat, MAX_REPEAT if any(values) else 2)
    while texts and not any(texts[-1]):
        texts.pop()
    return [[GridCell(text, address(name, r, c), anchors.get((r, c))) for c, text in enumerate(row)]
            for r, row in enumerate(texts)]


def ods_row(row, r: int, anchors: dict[tuple[int, int], tuple[int, int]]) -> list[str]:
    """One row's cell texts; records the positions its spanning cells cover."""
    from odf import teletype
    from odf.text import P
    values: list[str] = []
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        text = "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        if cell.qname[1] == "table-cell":
            rows = int(cell.getAttribute("numberrowsspanned") or 1)
            cols = int(cell.getAttribute("numbercolumnsspanned") or 1)
            c = len(values)
            anchors.update({(r + dr, c + dc): (r, c) for dr in range(rows) for dc in range(cols) if dr or dc})
        values += [text] * min(repeat, MAX_REPEAT if text else 64)
    while values and not values[-1] and (r, len(values) - 1) not in anchors:
        values.pop()
    return values


def csv_pages(doc_id: str, data: bytes) -> tuple[list[Page], list[Table]]:
    """A CSV file is one sheet with no name: cells are addressed `C7`."""
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    grid = [[GridCell(value, address("", r, c)) for c, value in enumerate(row)] for r, row in enumerate(rows)]
    page, tables = sheet_page(doc_id, 1, "csv", grid)
    return [page], tables
