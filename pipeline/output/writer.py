"""The one boundary where records become Arrow tables, and the atomic Parquet writer."""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import PIPELINE_VERSION
from pipeline.model import Document, DocumentResult, Fact, Flag
from schemas import SCHEMA_VERSION, SCHEMAS


def document_rows(result: DocumentResult) -> list[dict]:
    doc = result.document
    return [{
        "doc_id": doc.doc_id, "file_name": doc.file_name, "path": doc.path, "sha256": doc.sha256,
        "format": doc.format, "status": doc.status, "reason": doc.reason, "title": doc.title,
        "organisation": doc.organisation, "period": doc.period, "page_count": len(doc.pages),
        "table_count": len(doc.tables), "fact_count": len(result.facts),
        "size_bytes": doc.size_bytes, "seconds": result.seconds,
        "pipeline_version": PIPELINE_VERSION, "schema_version": SCHEMA_VERSION,
    }]


def page_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, "page": p.number, "text": p.text, "char_count": len(p.text)}
            for p in doc.pages]


def table_rows(doc: Document) -> list[dict]:
    rows = []
    for table in doc.tables:
        for cell in table.cells:
            rows.append({
                "doc_id": doc.doc_id, "table_id": table.table_id, "page": cell.page,
                "row": cell.row, "col": cell.col, "text": cell.text,
                "is_header": cell.row < table.header_rows, "heading": table.heading,
                "method": table.method, "char_start": cell.char_start, "char_end": cell.char_end,
                "bbox": list(cell.bbox) if cell.bbox else None,
                "table_pages": list(table.pages or (table.page,)),
            })
    return rows


def fact_rows(facts: Iterable[Fact]) -> list[dict]:
    rows = []
    for fact in facts:
        row = asdict(fact)
        row["bbox"] = list(fact.bbox) if fact.bbox else None
        rows.append(row)
    return rows


def flag_rows(flags: Iterable[Flag]) -> list[dict]:
    rows = []
    for flag in flags:
        row = asdict(flag)
        row["fact_ids"] = list(flag.fact_ids)
        rows.append(row)
    return rows


def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows to a table with exactly the declared schema (extra keys are a programmer error)."""
    schema = SCHEMAS[name]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    unknown = set().union(*(row.keys() for row in rows)) - set(columns) if rows else set()
    if unknown:
        raise ValueError(f"{name}: fields not in the schema: {sorted(unknown)}")
    table = pa.table(columns, schema=schema)
    return table.replace_schema_metadata({
        "recount.schema_version": SCHEMA_VERSION, "recount.pipeline_version": PIPELINE_VERSION})


class DiskFull(RuntimeError):
    """The output device is full: a clear message for the user, never a traceback."""


def is_disk_full(err: OSError) -> bool:
    """Arrow's IO errors carry no errno, only the system's message."""
    return err.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(err)


def fsync_path(path: Path) -> None:
    """Flush a written file to the disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A hidden temporary name next to `path`, renamed over it on success: a crash leaves
    the old file intact and no half-written file under a name readers glob (`*.parquet`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        if is_disk_full(err):
            raise DiskFull(f"no space left on the device while writing {path}; what was written "
                           "before is unchanged: free some space and run the command again") from err
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write next to the target and rename over it: a crash leaves the old file intact."""
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
        fsync_path(tmp)


def rows_for(results: Iterable[DocumentResult]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    for result in results:
        out["documents"] += document_rows(result)
        out["pages"] += page_rows(result.document)
        out["tables"] += table_rows(result.document)
        out["facts"] += fact_rows(result.facts)
        out["flags"] += flag_rows(result.flags)
    return out


def write_outputs(out_dir: Path, tables: dict[str, list[dict]]) -> dict[str, Path]:
    """Write every named table of rows as `<name>.parquet`; convert all before writing any."""
    arrow = {name: to_arrow(name, rows) for name, rows in tables.items()}
    paths = {}
    for name, table in arrow.items():
        paths[name] = Path(out_dir) / f"{name}.parquet"
        write_table_atomic(table, paths[name])
    return paths
