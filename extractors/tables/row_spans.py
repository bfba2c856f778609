"""A label printed once across the rows it spans labels each of them.

HTML's rowspan and a PDF grid's merged cell ('Burglary' over its Q1 and Q2 rows) leave the
rows below the first without a label of their own: a KPI row or a body row there would read
as nobody's. The table readers see a copy of such a label in every row it spans. Only word
labels are copied; a number spanning rows is stated once, so it is read once, and the copy
keeps the original's span in the page text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Document, Table


def spread_row_labels(table: Table) -> Table:
    taken = {(c.row, c.col) for c in table.cells}
    copies = tuple(replace(c, row=c.row + k, row_span=1) for c in table.cells
                   if c.row_span > 1 and c.text and not re.search(r"\d", c.text)
                   for k in range(1, c.row_span) if (c.row + k, c.col) not in taken)
    return replace(table, cells=table.cells + copies) if copies else table


def with_spread_labels(doc: Document) -> Document:
    return replace(doc, tables=tuple(spread_row_labels(t) for t in doc.tables))
