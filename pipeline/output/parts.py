"""One document's rows as Arrow tables: what a worker hands back to the parent.

The records -> Arrow conversion runs inside the worker, so only compact Arrow data crosses
the process or network boundary and the parent never holds a document's pages.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pyarrow as pa

from pipeline.model import Document, DocumentResult
from pipeline.model.names import storable
from pipeline.output.writer import rows_for, to_arrow


@dataclass(frozen=True)
class DocumentOutput:
    """One document's rows as Arrow tables, plus the counts progress and the summary need."""
    document: Document  # without pages and tables: those are in `tables`
    tables: dict[str, pa.Table]
    pages: int
    facts: int
    flags: int
    seconds: float
    retry: bool = False  # a failure that may not recur (timeout, crashed worker): redo next run

    def result(self) -> DocumentResult:
        """A slim DocumentResult (no facts or flags kept) for the run summary."""
        return DocumentResult(self.document, seconds=self.seconds)


def to_output(result: DocumentResult) -> DocumentOutput:
    """Rows for Parquet, where text must be UTF-8: a name with undecodable bytes is stored in
    its escaped form (the manifest keeps the exact name); the record keeps the exact name."""
    doc = result.document
    storable_doc = replace(doc, file_name=storable(doc.file_name), path=storable(doc.path),
                           reason=storable(doc.reason))
    rows = rows_for([replace(result, document=storable_doc)])
    return DocumentOutput(replace(doc, pages=(), tables=()),
                          {name: to_arrow(name, table_rows) for name, table_rows in rows.items()},
                          len(doc.pages), len(result.facts), len(result.flags), result.seconds)
