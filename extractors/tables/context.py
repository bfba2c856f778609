"""What a table's surroundings say about all its cells: the title line just above it
('Local measures, 2018/19', 'Commissioning budget (£000s)'), the notes under it ('Figures in
£000s'), and the financial year its bare 'Q1'/'Apr'/'This year' columns belong to. Keyed only
on Table records and page text, so text, Markdown, HTML and PDF tables are read alike."""
from __future__ import annotations

from pipeline.model import Document, Table
from pipeline.model.periods import find_periods, is_financial_period


def _line_above(doc: Document, table: Table) -> str:
    """The short line of text directly above the table (a blank line between allowed)."""
    starts = [c.char_start for c in table.cells if c.char_start is not None and c.page == table.page]
    if not starts or table.page > len(doc.pages):
        return ""
    text = doc.pages[table.page - 1].text
    line_start = text.rfind("\n", 0, min(starts)) + 1
    before = text[:line_start].rstrip("\n").split("\n")[-3:]
    for line in reversed(before):
        if line.strip():
            line = line.strip().strip("*_#: ").strip()
            return line if len(line) <= 120 and "\t" not in line and "|" not in line else ""
    return ""


def caption(doc: Document, table: Table) -> str:
    """The table's title: the loader's caption where it found one, else the line above."""
    return getattr(table, "caption", "") or _line_above(doc, table)


def notes(table: Table) -> str:
    """The lines under the table that qualify it (scale, units, 'running totals')."""
    return " ".join(getattr(table, "notes", ()) or ())


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
    return year_of(caption(doc, table)) or year_of(table.heading) or year_of(doc.period)
