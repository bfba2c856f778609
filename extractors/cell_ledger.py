"""The table side of the number ledger, closed: every number printed in a table cell that no
fact covers and no reader has put in the ledger gets its entry here, so a cell's numbers are
all accounted for, not only the one its fact is read from.

- the counts behind a share ('81.0% 141 cases closed; 114 completed', '8.2% (5/61)') are
  the numerator and denominator of the cell's fact: `share_counts`;
- numbers inside a cell's prose ('within 6 months', 'aged 18-24') take the reason the prose
  ledger gives the same words (`duration`, `age_band`, ...);
- a number no reading explains is `unclassified`, which coverage counts as missed."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from extractors.narrative.ledger import line_reasons
from pipeline.model import Cell, Document, Extraction, SkippedNumber
from pipeline.model.numbers import NUMERIC_TOKEN
from pipeline.model.spans import Spans

# What line_reasons says of a number only by where it sits: no reading of a cell explains it.
_UNEXPLAINED = {"bare_numbers", "table_line", "unclassified"}


def with_cell_ledger(doc: Document, extraction: Extraction) -> Extraction:
    """The extraction with a ledger entry for every uncovered number in a table cell."""
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for fact in extraction.facts:
        taken[fact.page].append((fact.char_start, fact.char_end))
    for skip in extraction.skipped:
        taken[skip.page].append((skip.char_start, skip.char_end))
    shares: dict[tuple[str, int, int], set[float]] = defaultdict(set)
    for fact in extraction.facts:
        if fact.table_id:
            shares[(fact.table_id, fact.row or 0, fact.col or 0)] |= {
                n for n in (fact.numerator, fact.denominator) if n is not None}
    covered = {page: Spans(spans) for page, spans in taken.items()}
    found: list[SkippedNumber] = []
    for table in doc.tables:
        for cell in table.cells:
            found += _cell_entries(doc, table.table_id, cell, covered.get(cell.page, _NONE),
                                   shares.get((table.table_id, cell.row, cell.col), set()))
    return replace(extraction, skipped=extraction.skipped + tuple(found)) if found else extraction


_NONE = Spans([])


def _cell_entries(doc: Document, table_id: str, cell: Cell, taken: Spans,
                  share: set[float]) -> list[SkippedNumber]:
    if cell.char_start is None or not any(ch.isdigit() for ch in cell.text):
        return []
    start = cell.char_start
    spans = [(m.start(), m.end()) for m in NUMERIC_TOKEN.finditer(cell.text)
             if not taken.overlaps(start + m.start(), start + m.end())]
    if not spans:
        return []
    reasons = line_reasons(cell.text, spans)
    return [SkippedNumber(doc.doc_id, cell.page, start + a, start + b, cell.text[a:b].strip(),
                          _reason(cell.text[a:b], reason, share), "table", table_id, cell.row, cell.col)
            for (a, b), reason in zip(spans, reasons)]


def _reason(text: str, reason: str, share: set[float]) -> str:
    digits = text.strip().lstrip("(£$€").rstrip(")%").replace(",", "")
    try:
        if float(digits) in share:
            return "share_counts"
    except ValueError:
        pass
    return "unclassified" if reason in _UNEXPLAINED else reason
