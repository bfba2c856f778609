"""What an output folder already holds, and what a run must (re)do.

State lives in `<out>/_state/manifest.jsonl`, an append-only log: a `commit` line is
written (and fsynced) only after every part file of a flush is in place, and a `remove`
line after a document's rows were filtered out of its parts. Replaying the log gives the
documents whose rows are complete; a line cut short by a crash is ignored, and part files
no line refers to are leftovers of a crash and are swept. So an interrupted run keeps what
it committed and the next run resumes from there.

A document is identified by the sha256 of its bytes. It is skipped when the same content
was already done by the same pipeline version and output-affecting settings. The same
content under two names is processed once (the first path in sorted order) and the other
names are reported as duplicates, so no rows are doubled.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

from pipeline import PIPELINE_VERSION
from pipeline.settings import Settings
from pipeline.tasks import Task

log = logging.getLogger(__name__)

STATE_DIR = "_state"


@dataclass(frozen=True)
class DocEntry:
    doc_id: str
    path: str  # absolute
    size: int
    mtime_ns: int
    version: str
    status: str
    year: str
    parts: tuple[str, ...]  # part files (relative to the dataset folder) holding its rows


def code_digest() -> str:
    """A hash of recount's own source, so a changed extractor or rule redoes documents even
    when nobody bumped PIPELINE_VERSION (the usual case while recount is being built)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for package in ("pipeline", "extractors", "schemas")
                       for p in (root / package).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_version(settings: Settings) -> str:
    """Pipeline version plus what else changes outputs: the code and the settings (not the timeout)."""
    relevant = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name != "timeout_seconds"}
    relevant["code"] = code_digest()
    digest = hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]
    return f"{PIPELINE_VERSION}+{digest}"


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / STATE_DIR / "manifest.jsonl"
        self.docs: dict[str, DocEntry] = {}
        if self.path.exists():
            self._replay()

    def _replay(self) -> None:
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s line %d is cut short (an interrupted run); ignored", self.path, number)
                continue
            if record["op"] == "commit":
                for doc in record["docs"]:
                    self.docs[doc["doc_id"]] = DocEntry(**{**doc, "parts": tuple(doc["parts"])})
            elif record["op"] == "remove":
                for doc_id in record["docs"]:
                    self.docs.pop(doc_id, None)

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def commit(self, entries: list[DocEntry]) -> None:
        self._append({"op": "commit", "docs": [asdict(e) for e in entries]})
        self.docs.update({e.doc_id: e for e in entries})

    def remove(self, doc_ids: set[str]) -> None:
        if doc_ids:
            self._append({"op": "remove", "docs": sorted(doc_ids)})
            for doc_id in doc_ids:
                self.docs.pop(doc_id, None)

    def parts(self) -> set[str]:
        return {part for entry in self.docs.values() for part in entry.parts}


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One run per output folder at a time: a second one fails fast instead of interleaving."""
    lock = Path(out_dir) / STATE_DIR / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise RuntimeError(f"another recount run is writing to {out_dir}") from err
        yield


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    skipped: int = 0  # unchanged documents
    stale: set[str] = field(default_factory=set)  # doc_ids whose rows go before the run
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same bytes as path)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)


def file_sha(path: Path, known: DocEntry | None) -> tuple[str, int, int] | None:
    """Content hash, reusing the recorded one when size and mtime are unchanged."""
    try:
        stat = path.stat()
        if known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return known.doc_id, stat.st_size, stat.st_mtime_ns
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest(), stat.st_size, stat.st_mtime_ns
    except OSError:
        return None


def plan_run(files: list[Path], manifest: Manifest, version: str, force: bool = False) -> Plan:
    """Which files to process, which to skip and whose old rows must be removed first."""
    by_path = {e.path: e for e in manifest.docs.values()}
    plan, first_path, replaced = Plan(), {}, set()
    for path in files:
        known = by_path.get(str(path.resolve()))
        hashed = file_sha(path, known)
        if hashed is None or hashed[1] == 0:  # unreadable or empty: keyed by path, never a duplicate
            plan.stale |= {f"path:{path}"} & set(manifest.docs)
            plan.tasks.append(Task(str(path)))
            continue
        sha, size, mtime = hashed
        if known and known.doc_id != sha:
            replaced.add(known.doc_id)
        if sha in first_path:
            plan.duplicates.append((str(path), first_path[sha]))
            continue
        first_path[sha] = str(path)
        entry = manifest.docs.get(sha)
        if entry and entry.version == version and not force:
            plan.skipped += 1
            continue
        plan.stale |= {sha, f"path:{path}"} & set(manifest.docs)
        plan.stats[str(path)] = (size, mtime)
        plan.tasks.append(Task(str(path), sha))
    plan.stale |= replaced - set(first_path)
    return plan
