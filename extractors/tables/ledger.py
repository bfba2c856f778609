"""Numbers in table cells that are not facts, each with the reason the ledger records:
a cell that only names a period, a date, a time, a phone number, a reference, rank or page
column, a list number, or digits inside a row or column label ('Aged 10-17', 'Priority 2')."""
from __future__ import annotations

import re

from extractors.lexicon.periods import is_period_label
from pipeline.loaders.contents import CONTENTS_TITLE
from pipeline.model import Cell, Document, SkippedNumber
from pipeline.model.numbers import NUMBER_RE

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_CELL_REASONS: list[tuple[str, re.Pattern]] = [
    ("date", re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-](?:\d\d)?\d\d\s*$|^\s*\d{1,2}(?:st|nd|rd|th)?\s+"
                        rf"{_MONTH}\.?(?:\s+(?:19|20)\d\d)?\s*$|^\s*\d{{1,2}}[-/ ]{_MONTH}[-/ ](?:19|20)?\d\d\s*$|"
                        r"^\s*(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\s*$", re.I)),
    ("time", re.compile(r"^\s*\d{1,2}(?::\d\d\s*(?:am|pm)?|(?:[:.]\d\d)?\s*(?:am|pm))\s*"
                        r"(?:[-–]\s*\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?)?\s*$", re.I)),
    ("phone", re.compile(r"^\s*(?:\+44\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\s*$")),
    # a dialling code and number however grouped ('01902 55(1341)'): ten or eleven digits from a 0
    ("phone", re.compile(r"^\s*(?=(?:[\s()-]*\d){10,11}[\s()-]*$)\(?0\d[\d\s()-]+$")),
    ("list_number", re.compile(r"^\s*\(?(?:\d{1,2}|[a-h])[.)]\s*$", re.I)),
    ("reference", re.compile(r"^\s*[A-Z]{1,5}[-/ ]?\d[\w/-]*\s*$|^\s*\d+(?:\.\d+){2,}\s*$")),
    ("reference", re.compile(r"^\s*(?:(?:agenda\s+)?item|paper|ref\.?|reference|appendix|annex|no\.|version|v)\s*"
                             r"\d[\w./-]*\s*$", re.I)),
]
COLUMN_REASONS = {"reference": "reference", "rank": "rank"}  # a "page" column: page_references
_SMALL_INT = re.compile(r"^\s*\d{1,3}\s*$")


def page_references(texts: list[str]) -> bool:
    """Page numbers of a contents or index column: small whole numbers that never go down
    (a 'Pages' column of 2, 16, 1, 65 counts each item's pages: those are quantities). Text
    cells among them (a glossary run into the contents list) are passed over."""
    numbers = [int(t) for t in texts if _SMALL_INT.match(t)]
    if len(numbers) < 2 or any(re.search(r"\d", t) for t in texts if not _SMALL_INT.match(t)):
        return False
    return numbers == sorted(numbers)


def page_column(texts: list[str], title: str) -> bool:
    """A contents table's page numbers, under a 'Contents' title."""
    return bool(CONTENTS_TITLE.search((title or "").strip())) and page_references(texts)


def cell_reason(text: str) -> str:
    """Why a whole cell's number is not a fact ('' when it is one)."""
    if _CELL_REASONS[0][1].match(text):
        return "date"
    if is_period_label(text) and not re.search(r"\d[\d,]*\s*(?:%|£)|£", text) and \
            not re.search(r"\d{3,}", re.sub(r"(?:19|20)\d\d", "", text)):
        return "period_label"
    return next((reason for reason, pattern in _CELL_REASONS if pattern.match(text)), "")


def skipped(doc: Document, cell: Cell, offset: int, reason: str, table_id: str) -> list[SkippedNumber]:
    """A ledger entry for every number printed in the cell."""
    return [SkippedNumber(doc_id=doc.doc_id, page=cell.page, char_start=offset + m.start(),
                          char_end=offset + m.end(), text=m.group(0).strip(), reason=reason, source="table",
                          table_id=table_id, row=cell.row, col=cell.col)
            for m in NUMBER_RE.finditer(cell.text)]
