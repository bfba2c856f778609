"""A corpus run: plan which files need (re)doing, process them on an executor, write their
rows as they come, then the corpus-scope rules and the export to single-file tables."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pipeline.batch.executors import make_executor
from pipeline.batch.incremental import plan_run, run_version
from pipeline.batch.progress import Progress, Silent
from pipeline.loaders import SUPPORTED
from pipeline.model import DocumentResult
from pipeline.model.settings import Settings
from pipeline.output.dataset import (DatasetWriter, dataset_documents, export, remove_documents,
                                     stream_dataset_facts, sweep, write_corpus_flags)
from pipeline.output.manifest import Manifest, locked
from pipeline.output.parts import DocumentOutput
from pipeline.output.reader import read_flags
from pipeline.review.decisions import apply_decisions, default_store, load_decisions
from pipeline.review.recheck import write_flags
from pipeline.rules import check_corpus
from schemas import SCHEMAS

log = logging.getLogger(__name__)


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
            summary.corpus_flags = check_corpus(stream_dataset_facts(out), documents=dataset_documents(out))
            write_corpus_flags(out, summary.corpus_flags)
            export(out)
        attach_decisions(out)
    return summary


def attach_decisions(out: Path) -> None:
    """Review decisions live apart from the regenerated outputs; re-attach them on every run."""
    decisions = load_decisions(default_store(out))
    if decisions and (out / "flags.parquet").exists():
        write_flags(out, apply_decisions(read_flags(out), decisions))
