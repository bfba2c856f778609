"""The whole flow: load -> extract -> check -> write. Each step is a plain function."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from extractors import extract_facts
from pipeline.dataset import DatasetWriter, export, read_facts, remove_documents, sweep, write_corpus_flags
from pipeline.executors import make_executor
from pipeline.incremental import Manifest, locked, plan_run, run_version
from pipeline.loaders import SUPPORTED, load_document
from pipeline.model import Document, DocumentResult
from pipeline.progress import Progress, Silent
from pipeline.reader import read_flags
from pipeline.review.decisions import apply_decisions, default_store, load_decisions
from pipeline.review.recheck import write_flags
from pipeline.rules import check_corpus, check_document
from pipeline.settings import Settings
from pipeline.tasks import DocumentOutput
from schemas import SCHEMAS

log = logging.getLogger(__name__)


def process_document(path: str | Path, settings: Settings | None = None) -> DocumentResult:
    """One file to its document, facts and flags. Never raises for bad data."""
    settings = Settings.resolve(settings)
    started = time.perf_counter()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        doc = unread(path, "error", f"unreadable: {err.strerror or err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    if size > settings.max_bytes:
        doc = unread(path, "too_large", f"{size} bytes is over the {settings.max_bytes}-byte limit", size)
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    doc = load_document(path, settings)
    if doc.status != "ok":
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    try:
        facts = extract_facts(doc)
        flags = check_document(doc, facts)
    except Exception as err:  # an extractor bug must not lose the batch: record it
        log.exception("extraction failed on %s", path)
        doc = replace(doc, status="error", reason=f"extraction failed: {type(err).__name__}: {err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    return DocumentResult(doc, tuple(facts), tuple(flags), seconds=time.perf_counter() - started)


def unread(path: Path, status: str, reason: str, size: int = 0) -> Document:
    """A file never read: no content hash, so its id is its path."""
    return Document(doc_id=f"path:{path}", file_name=path.name, path=str(path), sha256="",
                    format=path.suffix.lstrip("."), status=status, reason=reason, size_bytes=size)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files to ingest (folders recursed, hidden files skipped) and problems with the paths."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not any(p.suffix.lower() in SUPPORTED for p in found):
                problems.append(f"{path}: no reports found (looked for {', '.join(sorted(SUPPORTED))})")
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


@dataclass
class Summary:
    """What a run did. `results` are slim (no pages, facts or flags): the rows are on disk."""
    results: list[DocumentResult] = field(default_factory=list)
    corpus_flags: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0  # unchanged since an earlier run
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same content as path)
    fact_count: int = 0
    flag_count: int = 0

    def add(self, output: DocumentOutput) -> None:
        self.results.append(output.result())
        self.fact_count += output.facts
        self.flag_count += output.flags

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.document.status != "ok"]

    @property
    def facts(self) -> int:
        return self.fact_count

    @property
    def flags(self) -> int:
        return self.flag_count + len(self.corpus_flags)


def ingest(paths: Iterable[str | Path], out_dir: str | Path, settings: Settings | dict | None = None, *,
           jobs: int | None = None, executor: str = "local", scheduler: str | None = None,
           force: bool = False, progress: Progress | None = None, flush_docs: int = 100) -> Summary:
    """Ingest files and folders into the dataset under out_dir, then the single-file tables.

    Documents unchanged since an earlier run into out_dir are skipped (`force` redoes them);
    `executor` is "local" (`jobs` worker processes, default one per core) or "dask"
    (`scheduler` is the cluster's address, or a distributed.Client).
    """
    settings, out, progress = Settings.resolve(settings), Path(out_dir), progress or Silent()
    files, problems = discover(paths)
    with locked(out):
        manifest = Manifest(out)
        sweep(out, manifest)
        version = run_version(settings)
        plan = plan_run(files, manifest, version, force)
        remove_documents(out, manifest, plan.stale)
        summary = Summary(problems=problems, skipped=plan.skipped, duplicates=plan.duplicates)
        writer = DatasetWriter(out, manifest, version, plan.stats, flush_docs=flush_docs)
        progress.start(len(plan.tasks), plan.skipped)
        try:
            for output in make_executor(executor, jobs, settings, scheduler).map(plan.tasks):
                writer.add(output)
                summary.add(output)
                progress.update(output)
        finally:
            writer.flush()
            progress.close()
        if plan.tasks or plan.stale or not all((out / f"{n}.parquet").exists() for n in SCHEMAS):
            summary.corpus_flags = check_corpus(list(read_facts(out)))
            write_corpus_flags(out, summary.corpus_flags)
            export(out)
        attach_decisions(out)
    return summary


def attach_decisions(out: Path) -> None:
    """Review decisions live apart from the regenerated outputs; re-attach them on every run."""
    decisions = load_decisions(default_store(out))
    if decisions and (out / "flags.parquet").exists():
        write_flags(out, apply_decisions(read_flags(out), decisions))
