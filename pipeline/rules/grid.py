"""Tables as the rules see them: a table's facts placed back on their grid.

Built from the facts alone (table_id, row, col, the row label in `subject`, the column label
path in `column`, the period, unit and role), so it serves every table extractor: today's KPI
and spend readers, and any general reader that types every numeric cell. One cell may hold
several facts (a value and its counts); `value_at` keeps the cell's main figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from extractors.lexicon.arithmetic import SUBTOTAL, TOTAL
from pipeline.model import Fact

MAIN_ROLES = ("", "value", "item", "total", "subtotal", "level", "baseline", "target", "allocation",
              "variance", "change", "change_pct", "change_abs", "from", "to")


@dataclass
class Grid:
    doc_id: str
    table_id: str
    cells: dict[tuple[int, int], Fact] = field(default_factory=dict)
    # rows and columns indexed on first use, again whenever cells were added since: a scan of
    # every cell per row made a 10,000-column table quadratic
    _index: tuple[int, dict[int, dict[int, Fact]], dict[int, dict[int, Fact]]] = \
        field(default=(-1, {}, {}), init=False, repr=False, compare=False)

    @property
    def rows(self) -> list[int]:
        return sorted(self._indexed()[0])

    @property
    def cols(self) -> list[int]:
        return sorted(self._indexed()[1])

    def row(self, r: int) -> dict[int, Fact]:
        return dict(self._indexed()[0].get(r, {}))

    def column(self, c: int) -> dict[int, Fact]:
        return dict(self._indexed()[1].get(c, {}))

    def _indexed(self) -> tuple[dict[int, dict[int, Fact]], dict[int, dict[int, Fact]]]:
        if self._index[0] != len(self.cells):
            by_row: dict[int, dict[int, Fact]] = {}
            by_col: dict[int, dict[int, Fact]] = {}
            for (r, c), fact in self.cells.items():  # insertion order, as the scan gave
                by_row.setdefault(r, {})[c] = fact
                by_col.setdefault(c, {})[r] = fact
            self._index = (len(self.cells), by_row, by_col)
        return self._index[1], self._index[2]

    def label(self, r: int) -> str:
        """The row's label, from any of its facts."""
        return next((f.subject for f in self.row(r).values() if f.subject), "")

    def is_total_row(self, r: int) -> bool:
        label = self.label(r)
        return bool(TOTAL.search(label) or SUBTOTAL.search(label)) or \
            any(f.role in ("total", "subtotal") for f in self.row(r).values())

    def is_subtotal_row(self, r: int) -> bool:
        return bool(SUBTOTAL.search(self.label(r))) or any(f.role == "subtotal" for f in self.row(r).values())


def grids(facts: list[Fact]) -> Iterator[Grid]:
    """Every table's grid, one main fact per cell (the first in reading order)."""
    by_table: dict[tuple[str, str], Grid] = {}
    for fact in facts:
        if fact.source != "table" or not fact.table_id or fact.row is None or fact.col is None \
                or fact.role not in MAIN_ROLES:
            continue
        key = (fact.doc_id, fact.table_id)
        grid = by_table.setdefault(key, Grid(*key))
        grid.cells.setdefault((fact.row, fact.col), fact)
    yield from by_table.values()


def column_label(fact: Fact) -> str:
    """What a cell's column says it holds: its label path, else its period."""
    return fact.column or fact.period
