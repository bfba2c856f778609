"""What a table's surroundings say about all its cells: the notes under it ('Figures in
£000s') and the financial year its bare 'Q1'/'Apr'/'This year' columns belong to. The title
line above it is the loader's `Table.caption` (one decision, also written to tables.parquet).
Keyed only on Table records, so text, Markdown, HTML and PDF tables are read alike."""
from __future__ import annotations

from extractors.lexicon.changes import direction_of
from extractors.lexicon.roles import BRACKET_NOTE
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


def bracket_direction(doc: Document, table: Table) -> str:
    """The direction the text just above the table (its 'how to read' paragraph, up to a
    page's few paragraphs back) or its notes give every bracketed percent in its cells:
    'the bracket after the baseline gives the reduction achieved' makes '40,861 (3%)' a
    3% decrease; '' where no such line says."""
    starts = [c.char_start for c in table.cells if c.char_start is not None and c.page == table.page]
    above = doc.pages[table.page - 1].text[max(0, min(starts) - 1500):min(starts)] \
        if starts and 0 < table.page <= len(doc.pages) else ""
    found = BRACKET_NOTE.search(f"{above}\n{notes(table)}")
    return direction_of(found.group("what")) if found else ""
