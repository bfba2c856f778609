"""The flow for one document: load -> extract -> check. Each step is a plain function;
writing the result is the batch's job (batch/tasks.py turns it into rows)."""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from extractors import extract_facts
from pipeline.loaders import load_document
from pipeline.model import Document, DocumentResult
from pipeline.model.settings import Settings
from pipeline.model.vocab import DocumentStatus
from pipeline.rules import check_document
from pipeline.rules.settings import RuleSettings

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
    try:
        extraction = extract_facts(doc)
        flags = check_document(doc, list(extraction.facts), RuleSettings.from_json(settings.rules))
    except MemoryError:  # over the worker's memory limit: the task records it (batch/tasks.py)
        raise
    except Exception as err:  # an extractor bug must not lose the batch: record it
        log.exception("extraction failed on %s", path)
        doc = replace(doc, status="error", reason=f"extraction failed: {type(err).__name__}: {err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    return DocumentResult(doc, extraction.facts, tuple(flags), seconds=time.perf_counter() - started,
                          skipped=extraction.skipped)


def unread(path: Path, status: DocumentStatus, reason: str, size: int = 0) -> Document:
    """A file never read: no content hash, so its id is its path."""
    return Document(doc_id=f"path:{path}", file_name=path.name, path=str(path), sha256="",
                    format=path.suffix.lstrip("."), status=status, reason=reason, size_bytes=size)
