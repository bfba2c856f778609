"""The partitioned Parquet dataset a run streams into, and its compaction to single files.

Layout under the output folder (Hive-style, one folder per table and reporting year):

    dataset/<table>/year=<YYYY|unknown>/part-<run>-<flush>.parquet
    dataset/flags/year=corpus/part-corpus.parquet    (cross-document flags, redone per run)
    <table>.parquet                                   (single files for the scorer; `export`)

A part file holds one flush (many documents), never one document, so file counts stay
small. Every file is written under a hidden temporary name and renamed into place, and a
flush writes its documents part last, then commits to the manifest; readers such as
DuckDB (`read_parquet('dataset/facts/*/*.parquet', hive_partitioning=true,
union_by_name=true)`) never see half-written files. Parts are never edited: a redone
document's old rows stay in their part, dead, until `compact` (run at the end of every
ingest) rewrites that part without them; `batches` drops dead rows the manifest names.
"""
from __future__ import annotations

import logging
import os
import re
import secrets
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.output.manifest import DocEntry, Manifest
from pipeline.model import Document, Fact, Flag
from pipeline.output.reader import fact_from_row
from pipeline.output.parts import DocumentOutput
from pipeline.output.writer import flag_rows, to_arrow, write_table_atomic
from schemas import SCHEMAS

log = logging.getLogger(__name__)

DATASET_DIR = "dataset"
PARTITION = "year"
CORPUS = "corpus"
WRITE_ORDER = [name for name in SCHEMAS if name != "documents"] + ["documents"]


def partition_of(doc: Document) -> str:
    """The reporting year a document states (first year of a financial year), else unknown."""
    match = re.match(r"(\d{4})", doc.period or "")
    return match.group(1) if match else "unknown"


def run_stamp() -> str:
    """A new name for every writer, so part names never collide, not even between two runs
    of one process within a second (a colliding name would overwrite committed rows)."""
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"


class DatasetWriter:
    """Buffers document outputs and writes each flush as one part per table and year."""

    def __init__(self, out_dir: Path, manifest: Manifest, version: str,
                 stats: dict[str, tuple[int, int]], flush_docs: int = 100,
                 flush_bytes: int = 64 << 20, flush_seconds: float = 30.0,
                 supersedes: dict[str, set[str]] | None = None):
        self.root, self.manifest, self.version, self.stats = Path(out_dir) / DATASET_DIR, manifest, version, stats
        self.supersedes = supersedes or {}  # path -> doc_ids its new rows replace
        self.flush_docs, self.flush_bytes, self.flush_seconds = flush_docs, flush_bytes, flush_seconds
        self.run_id = run_stamp()
        self.buffer: list[DocumentOutput] = []
        self.nbytes, self.seq, self.last = 0, 0, time.monotonic()

    def add(self, output: DocumentOutput) -> None:
        self.buffer.append(output)
        self.nbytes += sum(t.nbytes for t in output.tables.values())
        if (len(self.buffer) >= self.flush_docs or self.nbytes >= self.flush_bytes
                or time.monotonic() - self.last >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        """Write the buffered documents, then commit them: only then do they count as done."""
        if not self.buffer:
            return
        self.seq += 1
        by_year: dict[str, list[DocumentOutput]] = {}
        for output in self.buffer:
            by_year.setdefault(partition_of(output.document), []).append(output)
        entries: list[DocEntry] = []
        gone: set[str] = set()
        for year, outputs in by_year.items():
            parts = self._write_parts(year, outputs)
            entries += [self._entry(output, year, parts) for output in outputs]
            gone.update(*(self.supersedes.get(output.document.path, ()) for output in outputs))
        self.manifest.commit(entries, gone)
        self.buffer, self.nbytes, self.last = [], 0, time.monotonic()
        pa.default_memory_pool().release_unused()

    def _write_parts(self, year: str, outputs: list[DocumentOutput]) -> tuple[str, ...]:
        parts = []
        for name in WRITE_ORDER:
            table = pa.concat_tables([output.tables[name] for output in outputs])
            if table.num_rows:
                rel = f"{name}/{PARTITION}={year}/part-{self.run_id}-{self.seq:05d}.parquet"
                write_table_atomic(table, self.root / rel)
                parts.append(rel)
        return tuple(parts)

    def _entry(self, output: DocumentOutput, year: str, parts: tuple[str, ...]) -> DocEntry:
        doc = output.document
        size, mtime = self.stats.get(doc.path, (0, 0))
        return DocEntry(doc.doc_id, str(Path(doc.path).resolve()), size, mtime, self.version,
                        doc.status, year, parts, output.retry)


def compact(out_dir: Path, manifest: Manifest) -> None:
    """Rewrite the parts holding dead rows without them, each under a new name switched to by
    one manifest line; the old part is swept. A kill leaves either part valid, never neither."""
    root, live, stamp = Path(out_dir) / DATASET_DIR, manifest.live_docs(), run_stamp()
    for seq, rel in enumerate(sorted(manifest.dirty_parts()), 1):
        table = pq.read_table(root / rel, partitioning=None)
        kept = table.filter(pc.is_in(table["doc_id"], pa.array(sorted(live[rel]), pa.string())))
        new = None
        if kept.num_rows:
            new = f"{rel.rsplit('/', 1)[0]}/part-{stamp}-c{seq:05d}.parquet"
            write_table_atomic(kept, root / new)
        manifest.rewrite(rel, new)
    sweep(out_dir, manifest)


def sweep(out_dir: Path, manifest: Manifest) -> None:
    """Delete temporary files and parts no commit refers to: what a killed run left behind."""
    root = Path(out_dir) / DATASET_DIR
    keep = manifest.parts()
    for path in (p for p in root.rglob("*") if p.is_file()) if root.exists() else ():
        rel = path.relative_to(root).as_posix()
        if path.name.endswith(".tmp") or (rel not in keep and f"{PARTITION}={CORPUS}" not in rel):
            log.info("removing %s, left by an interrupted run", rel)
            path.unlink()


def write_corpus_flags(out_dir: Path, flags: list[Flag]) -> None:
    path = Path(out_dir) / DATASET_DIR / "flags" / f"{PARTITION}={CORPUS}" / "part-corpus.parquet"
    write_table_atomic(to_arrow("flags", flag_rows(flags)), path)


def batches(out_dir: Path, name: str, manifest: Manifest) -> Iterator[pa.RecordBatch]:
    """One table's live rows across all partitions, one part file at a time (no read-ahead,
    so memory stays at about one part), with exactly the declared columns. Only parts the
    manifest lists are read (plus the corpus flags), and in them only current documents' rows."""
    root, live = Path(out_dir) / DATASET_DIR, manifest.live_docs()
    folder = root / name
    for path in sorted(folder.glob(f"{PARTITION}=*/*.parquet")) if folder.exists() else ():
        rel = path.relative_to(root).as_posix()
        corpus = path.parent.name == f"{PARTITION}={CORPUS}"
        if not corpus and rel not in live:
            continue
        keep = None if corpus else pa.array(sorted(live[rel]), pa.string())
        for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
            batch = pa.RecordBatch.from_arrays([batch.column(f.name) for f in SCHEMAS[name]],
                                               schema=SCHEMAS[name])
            yield batch if keep is None else batch.filter(pc.is_in(batch.column("doc_id"), keep))
        pa.default_memory_pool().release_unused()  # mimalloc otherwise keeps every freed page


def stream_dataset_facts(out_dir: Path, manifest: Manifest) -> Iterable[Fact]:
    """Facts back as records, for corpus-level rules run after every document is written."""
    for batch in batches(out_dir, "facts", manifest):
        yield from map(fact_from_row, batch.to_pylist())


def dataset_documents(out_dir: Path, manifest: Manifest) -> dict[str, dict]:
    """Each document's title block (file name, title, organisation, period), for corpus rules
    that pair reports by recipient and year: a few fields per document, not its pages."""
    keep = ("file_name", "title", "organisation", "period")
    return {row["doc_id"]: {k: row.get(k) for k in keep}
            for batch in batches(out_dir, "documents", manifest) for row in batch.to_pylist()}
