"""Building Fact records with stable ids and a grounded snippet, shared by the extractors."""
from __future__ import annotations

from pipeline.model.ids import stable_id
from pipeline.model import Cell, Document, Fact
from pipeline.model.vocab import Kind, Source, Unit


def make_fact(doc: Document, *, kind: Kind, value: float, unit: Unit, subject: str, page: int,
              start: int, end: int, source: Source, extractor: str, snippet: str = "",
              **fields) -> Fact:
    """A fact whose id is stable across runs: same document, place, kind and value."""
    role = fields.get("role", "")
    fact_id = stable_id("fact", doc.doc_id, page, start, end, kind, value, role, fields.get("label", ""))
    if not snippet:
        text = doc.pages[page - 1].text
        snippet = text[max(0, start - 80):end + 80].strip()
    return Fact(fact_id=fact_id, doc_id=doc.doc_id, kind=kind, value=float(value), unit=unit,
                subject=subject.strip() or kind, page=page, char_start=start, char_end=end,
                text=snippet, source=source, extractor=extractor, **fields)


def cell_offset(doc: Document, cell: Cell) -> int | None:
    """Where a cell's text starts in its page's text: its own span, else the first match."""
    if cell.char_start is not None:
        return cell.char_start
    if not cell.text or cell.page > len(doc.pages):
        return None
    found = doc.pages[cell.page - 1].text.find(cell.text)
    return found if found >= 0 else None
