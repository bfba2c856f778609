"""Tables continued across pages become one table that records all its pages.

A table that closes a page continues on the next page when that page opens with a table of
the same number of columns at the same x positions. A repeated header at the top of the
continuation is dropped (its text stays in the page text); cells keep their own page.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.loaders.pdf_records import PlacedTable
from pipeline.model import Table

COLUMN_TOLERANCE = 15.0  # points a continuation's column edges may drift


def _row_texts(table: Table, row: int) -> list[str]:
    return [c.text for c in sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)]


def continues(prev: PlacedTable, cur: PlacedTable) -> bool:
    last_page = (prev.table.pages or (prev.table.page,))[-1]
    if not (prev.closes_page and cur.opens_page and cur.table.page == last_page + 1):
        return False
    if prev.table.n_cols != cur.table.n_cols or len(prev.col_edges) != len(cur.col_edges):
        return False
    return all(abs(a - b) <= COLUMN_TOLERANCE for a, b in zip(prev.col_edges, cur.col_edges))


def _repeated_header_rows(first: Table, cont: Table) -> int:
    """How many leading rows of the continuation repeat one of the first table's leading rows
    (its header rows, and the row after them: a title row above the header counts as one)."""
    heads = [_row_texts(first, r) for r in range(min(first.n_rows, first.header_rows + 1))]
    count = 0
    while count < cont.n_rows and count <= first.header_rows and _row_texts(cont, count) in heads \
            and _row_texts(cont, count):
        count += 1
    return count


def merge(first: Table, cont: Table) -> Table:
    skip = _repeated_header_rows(first, cont)
    offset = first.n_rows - skip
    moved = tuple(replace(c, row=c.row + offset) for c in cont.cells if c.row >= skip)
    pages = tuple(first.pages or (first.page,)) + (cont.page,)
    method = first.method if first.method.endswith("+stitched") else first.method + "+stitched"
    return replace(first, cells=first.cells + moved, pages=pages, method=method)


def stitch(items: list[PlacedTable | Table]) -> list[Table]:
    """Placed tables merged where one continues another; plain tables pass through."""
    out: list[Table] = []
    open_item: PlacedTable | None = None
    open_index = -1
    for item in items:
        if not isinstance(item, PlacedTable):
            out.append(item)
            continue
        if open_item is not None and continues(open_item, item):
            merged = merge(open_item.table, item.table)
            out[open_index] = merged
            open_item = replace(item, table=merged)
            continue
        out.append(item.table)
        open_item, open_index = item, len(out) - 1
    return out

