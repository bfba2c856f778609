"""What a table's surroundings say about all its cells: the title line just above it
('Local measures, 2018/19', 'Commissioning budget (£000s)'), the financial year its columns
belong to, and the scale its money is stated in. Keyed only on Table records and page text,
so text, Markdown, HTML and PDF tables are read alike."""
from __future__ import annotations

import re

from pipeline.model import Document, Table
from pipeline.model.periods import find_periods, financial_year, is_financial_period

_THOUSANDS = re.compile(r"£\s?0{3}s?\b|£\s?k\b|\(£000\)|\bin thousands\b|\bthousands of pounds\b|"
                        r"£\s?'000", re.I)
_MILLIONS = re.compile(r"£\s?m\b|£\s?millions?\b|\bin millions\b", re.I)
_FY = re.compile(r"^\d{4}-\d\d$")


def caption(doc: Document, table: Table) -> str:
    """The short line of text directly above the table (a blank line between allowed)."""
    starts = [c.char_start for c in table.cells if c.char_start is not None and c.page == table.page]
    if not starts or table.page > len(doc.pages):
        return ""
    text = doc.pages[table.page - 1].text
    line_start = text.rfind("\n", 0, min(starts)) + 1
    before = text[:line_start].rstrip("\n").split("\n")[-3:]
    for line in reversed(before):
        if line.strip():
            line = line.strip()
            return line if len(line) <= 120 and "\t" not in line else ""
    return ""


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


def money_scale(*texts: str) -> float:
    """1000 for tables stated in '£000s' or '£k', a million for '£m'; 1 otherwise."""
    joined = " ".join(texts)
    if _THOUSANDS.search(joined):
        return 1000.0
    return 1e6 if _MILLIONS.search(joined) else 1.0


def resolve_period(label: str, year: str) -> str:
    """A column's period made whole with the table's year: 'Q1' -> '2018-19 Q1', 'Apr' ->
    '2019-04', 'Jan' -> '2020-01', 'This year' -> '2018-19', 'Previous year' -> '2017-18'."""
    if not label or _FY.match(label) or re.match(r"^\d{4}-\d\d[ -]", label):
        return label
    if not year:
        return ""
    start = int(year[:4])
    if re.fullmatch(r"Q[1-4]", label):
        return f"{year} {label}"
    if label == "THIS":
        return year
    if label == "PREV":
        return financial_year(start - 1)
    month = re.fullmatch(r"M(\d\d)", label)
    if month:
        m = int(month.group(1))
        return f"{start if m >= 4 else start + 1}-{m:02d}"
    return ""
