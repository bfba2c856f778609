"""The rows of the output tables that are not records the stages already pass on (`Fact`,
`Flag`, `SkippedNumber` are written as they are). `schemas/` derives each table's Arrow schema
from these dataclasses, so a new column is one field here plus its line in the README."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.model.records import BBox
from pipeline.model.vocab import DocumentStatus

INT64 = {"arrow": "int64"}  # field metadata: wider than the default int32


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    file_name: str
    path: str
    sha256: str
    format: str
    status: DocumentStatus
    page_count: int
    table_count: int
    fact_count: int
    size_bytes: int = field(metadata=INT64)
    seconds: float
    pipeline_version: str
    schema_version: str
    reason: str = ""
    title: str = ""
    organisation: str = ""
    period: str = ""


@dataclass(frozen=True)
class PageRow:
    doc_id: str
    page: int
    text: str
    char_count: int


@dataclass(frozen=True)
class CellRow:
    doc_id: str
    table_id: str
    page: int
    row: int
    col: int
    text: str
    is_header: bool
    table_pages: tuple[int, ...]
    heading: str = ""
    caption: str = ""  # the title line above the table ('Table 2: Spend by theme (£000s)')
    method: str = ""
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    bbox: Optional[BBox] = None
    ref: Optional[str] = None
