"""The document view: one page with every fact read from it marked (kind, measure, period and
area on hover) and every other number on it marked: skipped with the extractor's reason where
`skipped.parquet` records one, else not read, so a reviewer can see what was read and trust it.
"""
from __future__ import annotations

from pipeline.model.numbers import find_numbers
from pipeline.review.outputs import Outputs, read_optional
from pipeline.review.source import Mark, fact_title, segments


def skip_reasons(outputs: Outputs, doc_id: str, page: int) -> list[tuple[int, int, str]]:
    """(char_start, char_end, reason) of the numbers the extractors chose not to read."""
    rows = read_optional(outputs.out_dir, "skipped")
    return [(r["char_start"], r["char_end"], str(r.get("reason") or ""))
            for r in rows if r.get("doc_id") == doc_id and r.get("page") == page]


def overlapping(start: int, end: int, spans) -> list:
    return [span for span in spans if span[0] < end and start < span[1]]


def page_marks(outputs: Outputs, text: str, doc_id: str, page: int) -> tuple[list[Mark], int, int]:
    """Marks for the page's facts and its other numbers; with how many of each."""
    facts = [f for f in outputs.facts.values() if f.doc_id == doc_id and f.page == page]
    marks = [Mark(f.char_start, f.char_end, "fact", fact_title(f)) for f in facts]
    covered = [(f.char_start, f.char_end) for f in facts]
    reasons = skip_reasons(outputs, doc_id, page)
    others = [n for n in find_numbers(text, words=False) if not overlapping(n.start, n.end, covered)]
    for number in others:
        why = overlapping(number.start, number.end, reasons)
        marks.append(Mark(number.start, number.end, "skipped", f"skipped: {why[0][2]}") if why else
                     Mark(number.start, number.end, "unread", "not read, and no reason recorded"))
    return marks, len(facts), len(others)


def page_view(outputs: Outputs, pages: dict[tuple[str, int], str], doc_id: str, page: int) -> dict:
    """What document.html shows for one page of one document."""
    doc = outputs.documents[doc_id]
    count = int(doc.get("page_count") or 0) or max(
        (p for d, p in pages if d == doc_id), default=1)
    page = min(max(page, 1), max(count, 1))
    text = pages.get((doc_id, page), "")
    marks, facts, unread = page_marks(outputs, text, doc_id, page)
    flags = [f for f in outputs.flags if f.doc_id == doc_id]
    return {"doc": doc, "doc_id": doc_id, "page": page, "page_count": count,
            "segments": segments(text, marks), "fact_count": facts, "unread_count": unread,
            "is_pdf": doc.get("format") == "pdf", "flags": flags}
