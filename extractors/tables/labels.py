"""Which cells of a table label rather than state: the header rows the table reader found,
and the columns of row labels (names, dates, codes, list numbers) in which no cell states a
quantity (or whose numbers the reader put in the ledger: page numbers, references) and from
which no fact was read. `tables.parquet` marks both as headers, as HTML's
`<th>` marks row headers and column headers alike, so an analyst pivoting a table back out of
the facts (and `coverage.py`) can tell its labels from its values; their numbers are in the
ledger with the reason they are not facts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from extractors.tables.layout import header_rows, is_value
from pipeline.model import Cell, Document, Extraction, Table
from pipeline.model.spans import Spans


def labelled(doc: Document, extraction: Extraction) -> Document:
    """The document with each table's header rows and label columns as its reader found them."""
    read: dict[str, set[tuple[int, int]]] = defaultdict(set)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for fact in extraction.facts:
        if fact.table_id and fact.row is not None and fact.col is not None:
            read[fact.table_id].add((fact.row, fact.col))
        spans[fact.page].append((fact.char_start, fact.char_end))
    skipped: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for skip in extraction.skipped:
        if skip.table_id and skip.row is not None and skip.col is not None:
            # a number nobody could explain states something: its cell is no label
            (read if skip.reason == "unclassified" else skipped)[skip.table_id].add((skip.row, skip.col))
    merged = {page: Spans(found) for page, found in spans.items()}
    tables = tuple(_labelled(table, read[table.table_id], skipped[table.table_id], merged)
                   for table in doc.tables)
    return replace(doc, tables=tables)


def _labelled(table: Table, read: set, skipped: set, spans: dict) -> Table:
    head = header_rows(table)
    columns: dict[int, list[Cell]] = defaultdict(list)
    for cell in table.cells:
        if cell.row >= head and cell.text:
            columns[cell.col].append(cell)

    def states(cell: Cell) -> bool:
        at = (cell.row, cell.col)
        return at in read or _has_fact(cell, spans) or (is_value(cell.text) and at not in skipped)

    labels = tuple(col for col, cells in sorted(columns.items()) if not any(states(c) for c in cells))
    return replace(table, header_rows=head, label_cols=labels)


def _has_fact(cell: Cell, spans: dict[int, Spans]) -> bool:
    """A fact's span overlaps the cell's: prose in a cell read by the narrative reader."""
    if cell.char_start is None or cell.char_end is None or cell.page not in spans:
        return False
    return spans[cell.page].overlaps(cell.char_start, cell.char_end)
