"""One document's rows as Arrow tables: what a worker hands back to the parent.

The records -> Arrow conversion runs inside the worker, so only compact Arrow data crosses
the process or network boundary and the parent never holds a document's pages.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pyarrow as pa

from pipeline.model import Document, DocumentResult
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

    def result(self) -> DocumentResult:
        """A slim DocumentResult (no facts or flags kept) for the run summary."""
        return DocumentResult(self.document, seconds=self.seconds)


def to_output(result: DocumentResult) -> DocumentOutput:
    rows = rows_for([result])
    doc = result.document
    return DocumentOutput(replace(doc, pages=(), tables=()),
                          {name: to_arrow(name, table_rows) for name, table_rows in rows.items()},
                          len(doc.pages), len(result.facts), len(result.flags), result.seconds)
