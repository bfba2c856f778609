"""One table reader for every table, text or PDF: each numeric body cell becomes a typed,
grounded fact (several when a cell states several), or a ledger entry with its reason.

    layout  header rows and column label paths, stub columns, area column, caption, year
    kpi     tables whose header names periods: kpi_value / kpi_baseline / kpi_target, changes
    spend   tables of money columns: allocation / spend_item / spend_total, variance
    plain   every other numeric cell: typed by role words, units and labels (count, percent,
            amount, ...), or skipped with a reason (period label, reference, page number, ...)

The KPI and spend readings are typings over the same table; the plain typing reads whatever
they leave, so no number of a table is dropped because its table has an unfamiliar shape."""
from __future__ import annotations

from extractors.tables.header import is_kpi_table, prose_cells
from extractors.tables.kpi import kpi_facts
from extractors.tables.layout import read_layout
from extractors.tables.plain import plain_facts
from extractors.tables.row_spans import with_spread_labels
from extractors.tables.spend import spend_facts
from pipeline.model import Document, Extraction

__all__ = ["extract", "is_kpi_table", "prose_cells"]


def extract(doc: Document) -> Extraction:
    """Every number in every table of the document."""
    doc = with_spread_labels(doc)
    result = kpi_facts(doc) + Extraction(tuple(spend_facts(doc)))
    typed = list(result.facts) + list(result.skipped)
    for table in doc.tables:
        claimed = {(f.row, f.col) for f in typed if f.table_id == table.table_id}
        prose = {(c.row, c.col) for c in prose_cells(table)}
        result += plain_facts(doc, table, read_layout(doc, table), claimed, prose)
    return result
