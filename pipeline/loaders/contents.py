"""A table of contents is navigation, not data: headings, each with the page it starts on.
Finders see its two aligned columns as a table (the PDF finders already pass contents pages
over); a contents list left among the tables would put page numbers among the quantities an
analyst pivots. Its lines stay in the page text, where the prose ledger records the numbers."""
from __future__ import annotations

import re

from pipeline.model import Table

# A contents list's title ('Contents', 'Table of contents', 'Index'); not 'Crime Severity Index'.
CONTENTS_TITLE = re.compile(r"\bcontents\b|^\s*index\s*$", re.I)
_PAGE = re.compile(r"^\d{1,3}$")


def without_contents(tables: list[Table]) -> list[Table]:
    return [t for t in tables if not is_contents(t)]


def is_contents(table: Table) -> bool:
    """Under a 'Contents' title, rows that are each a label and a page number, the numbers
    never going down (a ranked two-column table under another title stays a table)."""
    if not CONTENTS_TITLE.search(table.caption or "") and not CONTENTS_TITLE.search(table.heading or ""):
        return False
    pages = []
    for r, row in enumerate(table.rows()):
        filled = [c.text.strip() for c in row if c.text.strip()]
        if not filled or r < table.header_rows and not any(ch.isdigit() for t in filled for ch in t):
            continue  # 'Section | Page' over the entries
        if len(filled) != 2 or not _PAGE.match(filled[1]) or not re.search(r"[^\W\d_]", filled[0]):
            return False
        pages.append(int(filled[1]))
    return len(pages) >= 3 and pages == sorted(pages)
