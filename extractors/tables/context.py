"""What a table's surroundings say about all its cells: the notes under it ('Figures in
£000s') and the financial year its bare 'Q1'/'Apr'/'This year' columns belong to. The title
line above it is the loader's `Table.caption` (one decision, also written to tables.parquet).
Keyed only on Table records, so text, Markdown, HTML and PDF tables are read alike."""
from __future__ import annotations

from pipeline.model import Document, Table
from pipeline.model.periods import find_periods, is_financial_period


def notes(table: Table) -> str:
    """The lines under the table that qualify it (scale, units, 'running totals')."""
    return " ".join(table.notes)


def year_of(text: str) -> str:
    """The first financial year a text names ('2018/19' or the year of 'Q1 2018/19')."""
    for mention in find_periods(text or ""):
        year = mention.period[:7]
        if is_financial_period(year):
            return year
    return ""


def table_year(doc: Document, table: Table) -> str:
    """The year a table's bare 'Q1'/'Apr'/'This year' columns belong to: its title line,
    else its section heading, else the document's reporting year."""
    return year_of(table.caption) or year_of(table.heading) or year_of(doc.period)
