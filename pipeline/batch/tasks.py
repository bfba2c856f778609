"""The per-document task every executor runs: one file to its rows (output/parts.py),
inside the worker, so loading, extraction and the conversion to Arrow run in parallel."""
from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.model import Document, DocumentResult
from pipeline.model.settings import Settings
from pipeline.model.vocab import DocumentStatus
from pipeline.output.parts import DocumentOutput, to_output
from pipeline.process import process_document

# Test-only fault injection: "hang:<file name>,crash:<file name>" makes the task for that
# file sleep forever or kill its own process, to prove executors survive both; "noise:" makes
# it write to stderr the ways libraries do, "hog:" allocate memory until it fails, "abort:"
# abort as C code does when it cannot allocate. Unset in use.
POISON_ENV = "RECOUNT_TEST_POISON"


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str = ""  # known from planning; used for the doc_id of a document that never returns


def failed_output(task: Task, status: DocumentStatus, reason: str, seconds: float = 0.0,
                  retry: bool = True) -> DocumentOutput:
    """The record for a document whose worker hung or died: it is failed, not lost, and by
    default tried again on the next run (a larger timeout or a quieter machine may do)."""
    path = Path(task.path)
    doc = Document(doc_id=task.sha256 or f"path:{path}", file_name=path.name, path=str(path),
                   sha256=task.sha256, format=path.suffix.lower().lstrip("."), status=status,
                   reason=reason)
    return replace(to_output(DocumentResult(doc, seconds=seconds)), retry=retry)


def run_document(task: Task, settings: Settings) -> DocumentOutput:
    """The unit of work: process one document and convert it to Arrow (in the worker)."""
    try:
        _poison(task.path)
        return to_output(process_document(task.path, settings))
    except MemoryError:
        return failed_output(task, "too_large", f"needed more than the {settings.max_memory_mb} MB memory "
                             "limit (max_memory_mb); stopped")


def warm_up(pdf: bool = True) -> None:
    """Import the heavy modules and build the spaCy pipeline once per long-lived worker,
    before its first deadline starts (else the first document pays for them); with `pdf`,
    camelot and pdfplumber too (2-4 s that a batch of text reports need not pay). What they
    built lives as long as the worker, so it is frozen out of the garbage collector: a full
    collection then walks only the current document's objects (on 225 PDF pages the
    collector's time fell from 1.3 s to 0.1 s)."""
    from extractors import registry
    from extractors.narrative.language import pipeline
    from pipeline.loaders.pdf_finders import preload
    registry()
    pipeline()
    if pdf:
        preload()
    gc.collect()  # garbage first, so none is kept
    gc.freeze()


def _poison(path: str) -> None:
    spec = os.environ.get(POISON_ENV)
    if not spec:
        return
    for item in spec.split(","):
        action, _, name = item.partition(":")
        if name == Path(path).name:
            if action == "crash":
                os._exit(13)
            if action == "abort":  # what a native library does when an allocation fails
                os.abort()
            if action == "hang":
                time.sleep(3600)
            if action == "noise":
                _noise()
            if action == "hog":
                hoard = [bytearray(64 << 20) for _ in range(1 << 12)]  # MemoryError long before 256 GB
                del hoard


def _noise() -> None:
    """What libraries do to stderr: raw writes to fd 2, print, warnings, logging, a traceback."""
    import logging
    import traceback
    import warnings
    os.write(2, b"raw C-level write \x1b[2J to fd 2\n")
    print("a print to sys.stderr", file=sys.stderr, flush=True)
    warnings.warn("a library warning", stacklevel=2)
    logging.getLogger("pdfminer.noise").warning("a library log record")
    for number in range(500):
        logging.getLogger("pdfminer.noise").warning("repeated warning %d", number)
    try:
        raise ValueError("a handled error")
    except ValueError:
        traceback.print_exc()
