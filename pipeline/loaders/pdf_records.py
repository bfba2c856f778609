"""Found tables to the model's Table and Cell records, with the text loader's header rules."""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.model.ids import stable_id
from pipeline.loaders.pdf_tables import FoundTable
from pipeline.loaders.pdf_text import CellSpans
from pipeline.loaders.text_tables import header_row_count, heading_before
from pipeline.model import BBox, Cell, Heading, Table


@dataclass(frozen=True)
class PlacedTable:
    """A table and whether it opens or closes its page: the two ends stitching looks at."""
    table: Table
    opens_page: bool
    closes_page: bool
    col_edges: tuple[float, ...]  # left edge of each column, to match a continuation's columns


def _cells(found: FoundTable, spans: CellSpans) -> list[Cell]:
    cells = []
    tops = [min((b[1] for b in row if b is not None), default=math.inf) for row in found.boxes]
    spanning = found.method == "grid"  # its boxes are ruled cells; other readers' are their text's
    for r, row in enumerate(found.rows):
        for c, text in enumerate(row):
            text = " ".join(text.split())
            if not text:
                continue
            span = spans[r][c] if r < len(spans) and c < len(spans[r]) else None
            box = found.boxes[r][c]
            cells.append(Cell(r, c, text, found.page, span[0] if span else None,
                              span[1] if span else None, box,
                              row_span=_rows_under(box, tops, r) if spanning else 1))
    return cells


def _rows_under(box: BBox | None, tops: list[float], row: int) -> int:
    """How many rows a cell's box reaches down over: more than its own where a grid cell
    spans rows (a rowspan read by `pdf_grid`)."""
    if box is None:
        return 1
    return 1 + sum(1 for top in tops[row + 1:] if top < box[3] - 1)


def _col_edges(found: FoundTable) -> tuple[float, ...]:
    edges = []
    for c in range(len(found.rows[0])):
        lefts = [box[0] for row in found.boxes if c < len(row) and (box := row[c]) is not None]
        edges.append(min(lefts) if lefts else 0.0)
    return tuple(edges)


def table_records(doc_id: str, page: int, found: list[FoundTable], spans: dict[int, CellSpans],
                  headings: list[Heading], edges: dict[int, tuple[bool, bool]]) -> list[PlacedTable]:
    placed = []
    for index, table in enumerate(found):
        cells = _cells(table, spans.get(index, []))
        if not cells:
            continue
        grid = [[c for c in cells if c.row == r] for r in range(len(table.rows))]
        padded = [[next((c for c in row if c.col == j), Cell(r, j, "", page)) for j in range(len(table.rows[0]))]
                  for r, row in enumerate(grid)]
        start = min((c.char_start for c in cells if c.char_start is not None), default=0)
        record = Table(table_id=stable_id("tbl", doc_id, page, start, index), page=page,
                       cells=tuple(cells), header_rows=header_row_count(padded),
                       heading=heading_before(headings, start), method=table.method,
                       pages=(page,), bbox=table.bbox)
        opens, closes = edges.get(index, (False, False))
        placed.append(PlacedTable(record, opens, closes, _col_edges(table)))
    return placed
