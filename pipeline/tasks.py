"""The per-document task every executor runs, and what it hands back.

A task turns one file into Arrow tables inside the worker, so the expensive parts
(loading, extraction, records -> Arrow) run in parallel and only compact Arrow data
crosses the process or network boundary. The parent never holds a document's pages.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa

from pipeline.model import Document, DocumentResult
from pipeline.settings import Settings
from pipeline.writer import rows_for, to_arrow

# Test-only fault injection: "hang:<file name>,crash:<file name>" makes the task for that
# file sleep forever or kill its own process, to prove executors survive both. Unset in use.
POISON_ENV = "RECOUNT_TEST_POISON"


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str = ""  # known from planning; used for the doc_id of a document that never returns


@dataclass(frozen=True)
class DocumentOutput:
    """One document's rows as Arrow tables, plus the counts progress and the summary need."""
    document: Document  # without pages and tables: those are in `tables`
    tables: dict[str, pa.Table]
    pages: int
    facts: int
    flags: int
    seconds: float

    def result(self) -> DocumentResult:
        """A slim DocumentResult (no facts or flags kept) for the run summary."""
        return DocumentResult(self.document, seconds=self.seconds)


def to_output(result: DocumentResult) -> DocumentOutput:
    rows = rows_for([result])
    doc = result.document
    return DocumentOutput(replace(doc, pages=(), tables=()),
                          {name: to_arrow(name, table_rows) for name, table_rows in rows.items()},
                          len(doc.pages), len(result.facts), len(result.flags), result.seconds)


def failed_output(task: Task, status: str, reason: str, seconds: float = 0.0) -> DocumentOutput:
    """The record for a document whose worker hung or died: it is failed, not lost."""
    path = Path(task.path)
    doc = Document(doc_id=task.sha256 or f"path:{path}", file_name=path.name, path=str(path),
                   sha256=task.sha256, format=path.suffix.lower().lstrip("."), status=status,
                   reason=reason)
    return to_output(DocumentResult(doc, seconds=seconds))


def run_document(task: Task, settings: Settings) -> DocumentOutput:
    """The unit of work: process one document and convert it to Arrow (in the worker)."""
    from pipeline.run import process_document  # run imports the executors; keep tasks a leaf
    _poison(task.path)
    return to_output(process_document(task.path, settings))


def warm_up() -> None:
    """Import the heavy modules once per long-lived worker, before its first deadline starts."""
    from extractors import _registry
    import pipeline.run  # noqa: F401  (loaders, rules)
    _registry()


def _poison(path: str) -> None:
    spec = os.environ.get(POISON_ENV)
    if not spec:
        return
    for item in spec.split(","):
        action, _, name = item.partition(":")
        if name == Path(path).name:
            if action == "crash":
                os._exit(13)
            if action == "hang":
                time.sleep(3600)
