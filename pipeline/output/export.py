"""Publishing the single-file tables (`<out>/<table>.parquet`) as one generation.

Readers open the five files one by one, so the files must never disagree: `documents.parquet`
new and `facts.parquet` old is a dataset that lies. Renaming five files is not one atomic
step, so the switch is journalled, the way a database rolls a transaction forward:

1. every table is streamed from the dataset to a hidden temporary file and fsynced; a crash
   or a full disk here leaves the previous generation untouched (temporaries are removed);
2. `_state/export.json` is replaced atomically with `{"state": "switching", "files": ...}`;
3. each temporary is renamed over its table;
4. the journal is replaced with `{"state": "done", "manifest": <digest>}`.

`finish_export` (run first by every command that writes the folder) completes the renames of
a journal left in `switching`, so a crash in step 3 is repaired, not left out of step.
`export_needed` compares the manifest digest the last export recorded with the manifest
now, so a run that committed documents and died before exporting is exported by the next
run even when that run has nothing to process.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.output.dataset import batches
from pipeline.output.manifest import STATE_DIR, Manifest
from pipeline.output.writer import DiskFull, atomic_path, fsync_path, is_disk_full, to_arrow
from schemas import SCHEMAS

log = logging.getLogger(__name__)

JOURNAL = "export.json"


def journal_path(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_DIR / JOURNAL


def manifest_digest(manifest: Manifest) -> str:
    data = manifest.path.read_bytes() if manifest.path.exists() else b""
    return hashlib.sha256(data).hexdigest()


def read_journal(out_dir: Path) -> dict:
    try:
        return json.loads(journal_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_journal(out_dir: Path, record: dict) -> None:
    with atomic_path(journal_path(out_dir)) as tmp:
        tmp.write_text(json.dumps(record), encoding="utf-8")
        fsync_path(tmp)


def export_needed(out_dir: Path, manifest: Manifest) -> bool:
    """True when the single files do not show the manifest as it is now."""
    journal = read_journal(out_dir)
    return (journal.get("state") != "done" or journal.get("manifest") != manifest_digest(manifest)
            or not all((Path(out_dir) / f"{name}.parquet").exists() for name in SCHEMAS))


def finish_export(out_dir: Path) -> None:
    """Roll an export that stopped mid-switch forward: rename the temporaries still there."""
    journal = read_journal(out_dir)
    if journal.get("state") == "switching":
        log.warning("finishing the export an interrupted run left half-switched in %s", out_dir)
        switch(out_dir, journal)
    for leftover in Path(out_dir).glob(".*.export.tmp"):  # an export killed before its switch
        leftover.unlink()


def switch(out_dir: Path, journal: dict) -> None:
    """Step 3 and 4: rename the temporaries still there, then record the export as done."""
    for name, tmp in journal["files"].items():
        source = Path(out_dir) / tmp
        if source.exists():
            os.replace(source, Path(out_dir) / f"{name}.parquet")
    write_journal(out_dir, {"state": "done", "manifest": journal["manifest"]})


def export(out_dir: Path, manifest: Manifest | None = None) -> dict[str, Path]:
    """Compact each table's dataset into `<out>/<table>.parquet`, all switched as one generation."""
    out_dir = Path(out_dir)
    manifest = manifest or Manifest(out_dir)
    finish_export(out_dir)
    temps: dict[str, Path] = {}
    try:
        for name in SCHEMAS:
            temps[name] = write_temporary(out_dir, name, manifest)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    journal = {"state": "switching", "manifest": manifest_digest(manifest),
               "files": {name: tmp.name for name, tmp in temps.items()}}
    write_journal(out_dir, journal)
    switch(out_dir, journal)
    return {name: out_dir / f"{name}.parquet" for name in SCHEMAS}


def write_temporary(out_dir: Path, name: str, manifest: Manifest) -> Path:
    """One table streamed from the dataset to a hidden, fsynced temporary file."""
    tmp = out_dir / f".{name}.parquet.{os.getpid()}.export.tmp"
    schema = to_arrow(name, []).schema  # the declared schema with recount's metadata
    try:
        with pq.ParquetWriter(tmp, schema) as sink:
            for batch in batches(out_dir, name, manifest):
                sink.write_batch(batch)
        fsync_path(tmp)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        if is_disk_full(err):
            raise DiskFull(f"no space left on the device while exporting {name}.parquet to {out_dir}; "
                           "the previous tables are unchanged: free some space and run `recount export`") from err
        raise
    return tmp
