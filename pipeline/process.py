"""The flow for one document: load -> extract -> check. Each step is a plain function;
writing the result is the batch's job (batch/tasks.py turns it into rows)."""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from extractors import extract_facts
from extractors.tables.labels import labelled
from pipeline.loaders import load_document
from pipeline.model import Document, DocumentResult
from pipeline.model.settings import Settings
from pipeline.model.vocab import DocumentStatus
from pipeline.rules import check_document
from pipeline.rules.settings import run_rule_settings

log = logging.getLogger(__name__)


def process_document(path: str | Path, settings: Settings | None = None) -> DocumentResult:
    """One file to its document, facts and flags. Never raises for bad data."""
    settings = Settings.resolve(settings)
    started = time.perf_counter()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        doc = unread(path, "unreadable", f"cannot be read: {err.strerror or err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    if size > settings.max_bytes:
        doc = unread(path, "too_large", f"{size} bytes is over the {settings.max_bytes}-byte limit", size)
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    doc = load_document(path, settings)
    if doc.status != "ok":
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    doc = bound_tables(doc, settings.max_cells)
    try:
        extraction = extract_facts(doc)
        flags = check_document(doc, list(extraction.facts), run_rule_settings(settings.rules))
    except MemoryError:  # over the worker's memory limit: the task records it (batch/tasks.py)
        raise
    except Exception as err:  # an extractor bug must not lose the batch: record it
        log.exception("extraction failed on %s", path)
        doc = replace(doc, status="error", reason=f"extraction failed: {type(err).__name__}: {err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    return DocumentResult(labelled(doc, extraction), extraction.facts, tuple(flags),
                          seconds=time.perf_counter() - started, skipped=extraction.skipped)


def bound_tables(doc: Document, max_cells: int) -> Document:
    """The document with at most `max_cells` table cells (whole tables, then whole rows of the
    table that crosses the limit), the cut said in its reason. A 10,000-column table costs
    minutes of extraction and is no report's real table; the limit keeps every document to
    seconds."""
    total = sum(len(t.cells) for t in doc.tables)
    if total <= max_cells:
        return doc
    kept, budget = [], max_cells
    for table in doc.tables:
        if len(table.cells) <= budget:
            kept.append(table)
            budget -= len(table.cells)
            continue
        rows = budget // max(table.n_cols, 1)
        if rows:
            kept.append(replace(table, cells=tuple(c for c in table.cells if c.row < rows)))
        break
    read = sum(len(t.cells) for t in kept)
    note = f"read {read} of {total} table cells (the max_cells limit); the rest are not facts"
    log.warning("%s: %s", doc.file_name, note)
    return replace(doc, tables=tuple(kept), reason="; ".join(filter(None, (doc.reason, note))))


def unread(path: Path, status: DocumentStatus, reason: str, size: int = 0) -> Document:
    """A file never read: no content hash, so its id is its path."""
    return Document(doc_id=f"path:{path}", file_name=path.name, path=str(path), sha256="",
                    format=path.suffix.lstrip("."), status=status, reason=reason, size_bytes=size)
