"""Route any input file to its loader; every failure becomes a Document with a status."""
from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Callable, TypedDict

from pipeline.model.ids import content_hash
from pipeline.loaders.errors import LoadError
from pipeline.loaders.contents import without_contents
from pipeline.loaders.layouts import with_captions
from pipeline.loaders.text import decode, text_pages
from pipeline.model import Document, Page, Table
from pipeline.model.periods import find_periods, is_financial_period
from pipeline.model.settings import Settings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                 ".html": "html", ".htm": "html"}
PDF_SUFFIXES = {".pdf": "pdf"}
OFFICE_SUFFIXES = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".csv": "csv"}
SUPPORTED = {**TEXT_SUFFIXES, **PDF_SUFFIXES, **OFFICE_SUFFIXES}

_ORG_RE = re.compile(r"(?:[A-Z][\w&'’-]*(?: +(?:and|of|the))? +){0,6}(?:Partnership|Council|"
                     r"Commissioner|Board|Panel|Constabulary|Police|Authority|Trust|OPCC)\b")

Loaded = tuple[list[Page], list[Table], list[str]]  # pages, tables, notes on parts not read
Parser = Callable[[str, bytes, str, Settings], Loaded]


def _parse_text(doc_id: str, data: bytes, path: str, settings: Settings) -> Loaded:
    return (*text_pages(doc_id, decode(data), max_pages=settings.max_pages), [])


def _parse_pdf(doc_id: str, data: bytes, path: str, settings: Settings) -> Loaded:
    from pipeline.loaders.pdf import pdf_pages  # heavy imports only for PDFs
    return pdf_pages(doc_id, data, path, settings)


def _parse_docx(doc_id: str, data: bytes, path: str, settings: Settings) -> Loaded:
    from pipeline.loaders.docx import docx_pages
    return (*docx_pages(doc_id, data), [])


def _parse_sheet(doc_id: str, data: bytes, path: str, settings: Settings) -> Loaded:
    from pipeline.loaders import sheets
    read = {".xlsx": sheets.xlsx_pages, ".xlsm": sheets.xlsx_pages, ".ods": sheets.ods_pages,
            ".csv": sheets.csv_pages}[Path(path).suffix.lower()]
    return (*read(doc_id, data), [])


PARSERS: dict[str, Parser] = {"txt": _parse_text, "md": _parse_text, "html": _parse_text,
                              "pdf": _parse_pdf, "docx": _parse_docx, "xlsx": _parse_sheet,
                              "ods": _parse_sheet, "csv": _parse_sheet}


class Described(TypedDict):
    """What a document's opening says of it (Document fields)."""
    title: str
    organisation: str
    period: str


class _Named(TypedDict):
    """The Document fields every outcome has, known before the file is read."""
    file_name: str
    path: str
    format: str


class _Read(_Named):
    """The Document fields known once its bytes are read."""
    doc_id: str
    sha256: str
    size_bytes: int


def describe(pages: list[Page]) -> Described:
    """Title, organisation and reporting period where the document's opening states them."""
    opening = "\n".join(p.text for p in pages[:2])[:3000]
    lines = [ln.strip(" #*\t") for ln in opening.split("\n") if ln.strip(" #*\t")]
    headings = [h.text for p in pages[:1] for h in p.headings]
    title = next((h for h in headings if len(h.split()) >= 3),
                 headings[0] if headings else (lines[0] if lines else ""))
    org = _ORG_RE.search(opening)
    return {"title": title[:200], "organisation": org.group(0).strip() if org else "",
            "period": reporting_period(pages)}


def reporting_period(pages: list[Page]) -> str:
    """The financial year the document speaks of most (quarters count for their year),
    else the first period its opening names."""
    counts: Counter[str] = Counter()
    for page in pages:
        for mention in find_periods(page.text):
            if is_financial_period(mention.period):
                counts[mention.period[:7]] += 1
    if counts:
        return counts.most_common(1)[0][0]
    opening = find_periods(pages[0].text[:3000]) if pages else []
    return opening[0].period if opening else ""


def load_document(path: str | Path, settings: Settings | None = None) -> Document:
    """Read one file into the document model; never raises for bad input."""
    settings = Settings.resolve(settings)
    path = Path(path)
    fmt = SUPPORTED.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")
    named: _Named = {"file_name": path.name, "path": str(path), "format": fmt}
    try:
        data = path.read_bytes()
    except OSError as err:
        return Document(doc_id=f"path:{path}", sha256="", status="unreadable",
                        reason=f"cannot be read: {err.strerror or err}", **named)
    sha = content_hash(data)
    if not data:  # every empty file has the same hash: identify it by its path instead
        return Document(doc_id=f"path:{path}", sha256=sha, status="empty", reason="the file is empty", **named)
    base: _Read = {**named, "doc_id": sha, "sha256": sha, "size_bytes": len(data)}
    if path.suffix.lower() not in SUPPORTED:
        return Document(status="unsupported", reason=f"unsupported file type {path.suffix or '(none)'}", **base)
    try:
        pages, tables, notes = PARSERS[fmt](sha, data, str(path), settings)
    except LoadError as err:
        return Document(status=err.status, reason=err.reason, **base)
    except MemoryError:  # over the worker's memory limit: the task records it
        raise
    except Exception as err:  # a parser library's own failure on a bad file
        log.debug("loader failed on %s", path, exc_info=True)
        return Document(status="error", reason=f"{type(err).__name__}: {err}", **base)
    if not any(p.text.strip() for p in pages):
        return Document(status="empty", reason="no text found", pages=tuple(pages), **base)
    return Document(status="ok", reason="; ".join(notes), pages=tuple(pages), tables=tuple(without_contents(with_captions(tables, pages))),
                    **describe(pages), **base)
