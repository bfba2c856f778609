"""What the rules of a run leave in its output folder: the configuration it used
(`<out>/rules.json`), so `check` without options re-runs exactly the rules `ingest` ran, and
a re-check's flags, put into the dataset the way ingest puts them there, so that flags.parquet
has one producer (the export's one generation) whichever command made the flags.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.model import Flag
from pipeline.output.dataset import DATASET_DIR, PARTITION, run_stamp, sweep, write_corpus_flags
from pipeline.output.manifest import DocEntry, Manifest
from pipeline.output.writer import atomic_path, flag_rows, to_arrow, write_table_atomic

RULES_FILE = "rules.json"
FLAGS_PREFIX = "flags/"


def write_run_rules(out_dir: str | Path, rules_json: str) -> None:
    with atomic_path(Path(out_dir) / RULES_FILE) as tmp:
        tmp.write_text(rules_json or "{}", encoding="utf-8")


def read_run_rules(out_dir: str | Path) -> str:
    """The recorded configuration ('' when the folder has none: the defaults)."""
    path = Path(out_dir) / RULES_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""


def replace_flags(out_dir: str | Path, manifest: Manifest, document_flags: list[Flag],
                  corpus_flags: list[Flag]) -> None:
    """A re-check's flags as the dataset's: one new flags part per reporting year, then one
    manifest line pointing every document at it instead of its old flags parts (a kill before
    that line leaves the old flags counting; the old parts are swept after it), then the
    corpus flags. The caller exports, so flags.parquet comes from the dataset as after ingest."""
    year_of = {e.doc_id: e.year for e in manifest.docs.values() if e.doc_id}
    by_year: dict[str, list[Flag]] = {}
    for flag in document_flags:
        if flag.doc_id in year_of:
            by_year.setdefault(year_of[flag.doc_id], []).append(flag)
    stamp, parts = run_stamp(), {}
    for year, flags in sorted(by_year.items()):
        parts[year] = f"{FLAGS_PREFIX}{PARTITION}={year}/part-{stamp}-check.parquet"
        write_table_atomic(to_arrow("flags", flag_rows(flags)), Path(out_dir) / DATASET_DIR / parts[year])
    flagged = {f.doc_id for f in document_flags}
    manifest.commit([repointed(e, parts.get(e.year) if e.doc_id in flagged else None)
                     for e in manifest.docs.values() if e.doc_id])
    sweep(Path(out_dir), manifest)
    write_corpus_flags(Path(out_dir), corpus_flags)


def repointed(entry: DocEntry, part: str | None) -> DocEntry:
    kept = tuple(p for p in entry.parts if not p.startswith(FLAGS_PREFIX))
    return replace(entry, parts=kept + ((part,) if part else ()))
