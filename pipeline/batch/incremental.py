"""What a run must (re)do, given what the output folder already holds (output/manifest.py).

A document is identified by the sha256 of its bytes. It is skipped when the same content
was already done by the same pipeline version and output-affecting settings. The same
content under two names is processed once (the first path in sorted order) and the other
names are reported as duplicates, so no rows are doubled.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.batch.tasks import Task
from pipeline.model.settings import Settings
from pipeline.output.manifest import DocEntry, Manifest

log = logging.getLogger(__name__)

RESOURCE_LIMITS = {"timeout_seconds", "max_memory_mb"}


def code_digest() -> str:
    """A hash of recount's own source, so a changed extractor or rule redoes documents even
    when nobody bumped PIPELINE_VERSION (the usual case while recount is being built)."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for path in sorted(p for package in ("pipeline", "extractors", "schemas")
                       for p in (root / package).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_version(settings: Settings) -> str:
    """Pipeline version plus what else changes outputs: the code and the settings (not the
    resource limits: a document they stopped is retried anyway)."""
    relevant = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in RESOURCE_LIMITS}
    relevant["code"] = code_digest()
    digest = hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]
    return f"{PIPELINE_VERSION}+{digest}"


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    skipped: int = 0  # unchanged documents
    retried: int = 0  # unchanged, but failed last time for a reason that may not recur
    supersedes: dict[str, set[str]] = field(default_factory=dict)  # path -> doc_ids its commit replaces
    orphans: set[str] = field(default_factory=set)  # doc_ids replaced by content processed elsewhere
    absent: set[str] = field(default_factory=set)  # doc_ids in the output whose file is not an input
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same bytes as path)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)

    @property
    def stale(self) -> set[str]:
        """Every doc_id this run replaces or removes."""
        return self.orphans.union(*self.supersedes.values())


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


def plan_run(files: list[Path], manifest: Manifest, version: str, force: bool = False,
             retry: bool = True) -> Plan:
    """Which files to process, which to skip, and which old rows each new commit replaces.

    Old rows are never removed up front: a document's commit names what it supersedes (its
    own earlier entry, the earlier content of its path), so the swap is one atomic line.
    """
    by_path = {e.path: e for e in manifest.docs.values()}
    plan = Plan()
    replaced: set[str] = set()
    first_path: dict[str, str] = {}  # content hash -> the first path holding it
    for path in files:
        known = by_path.get(str(path.resolve()))
        hashed = file_sha(path, known)
        if hashed is None or hashed[1] == 0:  # unreadable or empty: keyed by path, never a duplicate
            add_task(plan, manifest, Task(str(path)), {f"path:{path}"})
            continue
        sha, size, mtime = hashed
        old = {known.doc_id} if known and known.doc_id != sha else set()
        replaced |= old
        if sha in first_path:
            plan.duplicates.append((str(path), first_path[sha]))
            continue
        first_path[sha] = str(path)
        entry = manifest.docs.get(sha)
        if entry and entry.version == version and not force:
            if not (retry and entry.retry):
                plan.skipped += 1
                continue
            plan.retried += 1
        plan.stats[str(path)] = (size, mtime)
        add_task(plan, manifest, Task(str(path), sha), {sha, f"path:{path}"} | old)
    for task in plan.tasks:  # content that moved to another path is that path's entry now
        plan.supersedes[task.path] -= set(first_path) - {task.sha256}
    plan.orphans = (replaced - set(first_path) - plan.stale) & set(manifest.docs)
    plan.absent = absent_documents(files, manifest, set(first_path)) - plan.stale
    return plan


def absent_documents(files: list[Path], manifest: Manifest, contents: set[str]) -> set[str]:
    """Documents the output holds whose content and path are both gone from the inputs
    (deleted, or moved out of the folders ingested): what `--prune` removes."""
    paths = {str(p.resolve()) for p in files}
    keyed_by_path = {f"path:{p}" for p in files}
    return {doc_id for doc_id, entry in manifest.docs.items()
            if doc_id not in contents and doc_id not in keyed_by_path and entry.path not in paths}


def add_task(plan: Plan, manifest: Manifest, task: Task, supersedes: set[str]) -> None:
    plan.tasks.append(task)
    plan.supersedes[task.path] = supersedes & set(manifest.docs)
