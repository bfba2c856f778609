"""Reading recount's Parquet output back into records: the inverse of pipeline.output.writer, so
rules and reports can run over a previous run without re-extracting."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import TypeVar

import pyarrow.parquet as pq

from pipeline.model import Fact, Flag

R = TypeVar("R")


class OutputMissing(FileNotFoundError):
    """The folder does not hold the output table asked for (not a recount output folder?)."""


def read_rows(out_dir: str | Path, name: str) -> list[dict]:
    path = Path(out_dir) / f"{name}.parquet"
    if not path.exists():
        raise OutputMissing(f"{path} not found: run `recount ingest ... -o {out_dir}` first")
    return pq.read_table(path).to_pylist()


def row_count(out_dir: str | Path, name: str) -> int:
    """Rows in one single-file table, read from its footer; 0 when it is not there."""
    path = Path(out_dir) / f"{name}.parquet"
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def record_from_row(record: type[R], row: dict) -> R:
    """A row back as the record it was written from: the inverse of writer.record_row."""
    values = {}
    for f in fields(record):  # type: ignore[arg-type]
        value = row.get(f.name)
        if value is None and f.default == "":
            value = ""
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return record(**values)


def fact_from_row(row: dict) -> Fact:
    return record_from_row(Fact, row)


def read_facts(out_dir: str | Path) -> list[Fact]:
    return [fact_from_row(row) for row in read_rows(out_dir, "facts")]


def read_flags(out_dir: str | Path) -> list[Flag]:
    return [record_from_row(Flag, row) for row in read_rows(out_dir, "flags")]


def read_pages(out_dir: str | Path) -> dict[tuple[str, int], str]:
    return {(r["doc_id"], r["page"]): r["text"] for r in read_rows(out_dir, "pages")}


def read_documents(out_dir: str | Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in read_rows(out_dir, "documents")}
