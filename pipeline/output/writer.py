"""The one boundary where records become Arrow tables, and the atomic Parquet writer."""
from __future__ import annotations

import errno
import os
import secrets
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import PIPELINE_VERSION
from pipeline.model import Document, DocumentResult, Fact, Flag, SkippedNumber
from pipeline.model.rows import CellRow, DocumentRow, PageRow
from schemas import SCHEMA_VERSION, SCHEMAS


def record_row(record: Any) -> dict[str, Any]:
    """A record as a row of its table: tuples become lists, an empty optional string NULL."""
    row = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple):
            value = list(value)
        elif value == "" and f.default == "":
            value = None
        row[f.name] = value
    return row


def document_rows(result: DocumentResult) -> list[dict]:
    doc = result.document
    return [record_row(DocumentRow(
        doc_id=doc.doc_id, file_name=doc.file_name, path=doc.path, sha256=doc.sha256,
        format=doc.format, status=doc.status, reason=doc.reason, title=doc.title,
        organisation=doc.organisation, period=doc.period, page_count=len(doc.pages),
        table_count=len(doc.tables), fact_count=len(result.facts), size_bytes=doc.size_bytes,
        seconds=result.seconds, pipeline_version=PIPELINE_VERSION, schema_version=SCHEMA_VERSION))]


def page_rows(doc: Document) -> list[dict]:
    return [record_row(PageRow(doc.doc_id, p.number, p.text, len(p.text))) for p in doc.pages]


def table_rows(doc: Document) -> list[dict]:
    return [record_row(CellRow(
        doc_id=doc.doc_id, table_id=table.table_id, page=cell.page, row=cell.row, col=cell.col,
        text=cell.text, is_header=cell.row < table.header_rows or cell.col in table.label_cols, heading=table.heading, caption=table.caption,
        method=table.method, char_start=cell.char_start, char_end=cell.char_end, bbox=cell.bbox, ref=cell.ref,
        table_pages=table.pages or (table.page,)))
        for table in doc.tables for cell in table.cells]


def fact_rows(facts: Iterable[Fact]) -> list[dict]:
    return [record_row(fact) for fact in facts]


def flag_rows(flags: Iterable[Flag]) -> list[dict]:
    return [record_row(flag) for flag in flags]


def skipped_rows(skipped: Iterable[SkippedNumber]) -> list[dict]:
    return [record_row(skip) for skip in skipped]


def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows to a table with exactly the declared schema: a missing or extra column is a
    programmer error, never a silent NULL."""
    schema = SCHEMAS[name]
    names = set(schema.names)
    for row in rows:
        if row.keys() != names:
            raise ValueError(f"{name}: row columns differ from the schema: missing "
                             f"{sorted(names - row.keys())}, not in the schema {sorted(row.keys() - names)}")
    columns = {f.name: [row[f.name] for row in rows] for f in schema}
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
    the old file intact and no half-written file under a name readers glob (`*.parquet`).
    Created with mode 0o666 less the umask, as any file the user writes (mkstemp's 0600
    would hide a shared output folder from colleagues and BI service accounts)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
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
        out["skipped"] += skipped_rows(result.skipped)
    return out


def write_outputs(out_dir: Path, tables: dict[str, list[dict]]) -> dict[str, Path]:
    """Write every named table of rows as `<name>.parquet`; convert all before writing any."""
    arrow = {name: to_arrow(name, rows) for name, rows in tables.items()}
    paths = {}
    for name, table in arrow.items():
        paths[name] = Path(out_dir) / f"{name}.parquet"
        write_table_atomic(table, paths[name])
    return paths
