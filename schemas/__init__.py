"""One pyarrow schema per output table, declared once. The writer and tests use these."""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"

BBOX = pa.list_(pa.float64(), 4)

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("file_name", pa.string()),
    ("path", pa.string()),
    ("sha256", pa.string()),
    ("format", pa.string()),
    ("status", pa.string()),
    ("reason", pa.string()),
    ("title", pa.string()),
    ("organisation", pa.string()),
    ("period", pa.string()),
    ("page_count", pa.int32()),
    ("table_count", pa.int32()),
    ("fact_count", pa.int32()),
    ("size_bytes", pa.int64()),
    ("seconds", pa.float64()),
    ("pipeline_version", pa.string()),
    ("schema_version", pa.string()),
])

PAGES = pa.schema([
    ("doc_id", pa.string()),
    ("page", pa.int32()),
    ("text", pa.string()),
    ("char_count", pa.int32()),
])

TABLES = pa.schema([
    ("doc_id", pa.string()),
    ("table_id", pa.string()),
    ("page", pa.int32()),
    ("row", pa.int32()),
    ("col", pa.int32()),
    ("text", pa.string()),
    ("is_header", pa.bool_()),
    ("heading", pa.string()),
    ("method", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("bbox", BBOX),
    ("table_pages", pa.list_(pa.int32())),
])

FACTS = pa.schema([
    ("fact_id", pa.string()),
    ("doc_id", pa.string()),
    ("kind", pa.string()),
    ("subject", pa.string()),
    ("period", pa.string()),
    ("value", pa.float64()),
    ("unit", pa.string()),
    ("direction", pa.string()),
    ("text", pa.string()),
    ("page", pa.int32()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("source", pa.string()),
    ("extractor", pa.string()),
    ("theme", pa.string()),
    ("label", pa.string()),
    ("qualifier", pa.string()),
    ("numerator", pa.float64()),
    ("denominator", pa.float64()),
    ("claim_id", pa.string()),
    ("role", pa.string()),
    ("compared_period", pa.string()),
    ("area", pa.string()),
    ("table_id", pa.string()),
    ("row", pa.int32()),
    ("col", pa.int32()),
    ("bbox", BBOX),
    ("confidence", pa.float64()),
    ("note", pa.string()),
])

FLAGS = pa.schema([
    ("flag_id", pa.string()),
    ("rule_id", pa.string()),
    ("severity", pa.string()),
    ("doc_id", pa.string()),
    ("message", pa.string()),
    ("expected", pa.float64()),
    ("observed", pa.float64()),
    ("difference", pa.float64()),
    ("tolerance", pa.string()),
    ("fact_ids", pa.list_(pa.string())),
    ("page", pa.int32()),
    ("snippet", pa.string()),
    ("arithmetic", pa.string()),
    ("status", pa.string()),
    ("decision_reason", pa.string()),
    ("decision_note", pa.string()),
])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "pages": PAGES,
    "tables": TABLES,
    "facts": FACTS,
    "flags": FLAGS,
}
