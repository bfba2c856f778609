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
from pipeline.output.dataset import DatasetWriter, export, remove_documents, stream_dataset_facts, sweep, write_corpus_flags
from pipeline.output.manifest import Manifest, locked
from pipeline.output.parts import DocumentOutput
from pipeline.output.reader import read_flags
from pipeline.review.decisions import apply_decisions, default_store, load_decisions
from pipeline.review.recheck import write_flags
from pipeline.rules import check_corpus
from schemas import SCHEMAS

log = logging.getLogger(__name__)


class InputError(ValueError):
    """The inputs named cannot be ingested at all (a missing path, a folder without reports):
    a usage error, raised before anything is written."""


@dataclass(frozen=True)
class Inputs:
    files: list[Path]  # the reports to ingest
    unsupported: list[Path]  # files of a type recount does not read: skipped and listed


def discover(paths: Iterable[str | Path]) -> Inputs:
    """Files to ingest (folders recursed, hidden files skipped), split by whether recount
    reads their type; a path that does not exist or a folder with no report is an InputError."""
    found, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not any(p.suffix.lower() in SUPPORTED for p in inside):
                problems.append(f"{path}: no reports found (looked for {', '.join(sorted(SUPPORTED))})")
            found += inside
        elif path.exists():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    if problems:
        raise InputError("; ".join(problems))
    return Inputs([p for p in found if p.suffix.lower() in SUPPORTED],
                  [p for p in found if p.suffix.lower() not in SUPPORTED])


@dataclass(frozen=True)
class DocumentLine:
    """One processed document as the summary's per-document line shows it."""
    path: str
    status: str
    reason: str
    pages: int
    facts: int
    flags: int


@dataclass
class Summary:
    """What a run did. `results` are slim (no pages, facts or flags): the rows are on disk."""
    results: list[DocumentResult] = field(default_factory=list)
    lines: list[DocumentLine] = field(default_factory=list)
    corpus_flags: list = field(default_factory=list)
    skipped: int = 0  # unchanged since an earlier run
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same content as path)
    unsupported: list[Path] = field(default_factory=list)  # not read: a type recount does not know
    absent: int = 0  # documents in the output whose file is no longer among the inputs
    pruned: int = 0  # of those, removed by this run (--prune)
    fact_count: int = 0
    flag_count: int = 0

    def add(self, output: DocumentOutput) -> None:
        doc = output.document
        self.results.append(output.result())
        self.lines.append(DocumentLine(doc.path, doc.status, doc.reason, output.pages,
                                       output.facts, output.flags))
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
           force: bool = False, prune: bool = False, progress: Progress | None = None,
           flush_docs: int = 100) -> Summary:
    """Ingest files and folders into the dataset under out_dir, then the single-file tables.

    Documents unchanged since an earlier run into out_dir are skipped (`force` redoes them);
    `prune` removes the documents whose files are no longer among the inputs (else they
    stay and are counted in `Summary.absent`); `executor` is "local" (`jobs` worker
    processes, default one per core) or "dask" (`scheduler` is the cluster's address, or a
    distributed.Client). Files of a type recount does not read are listed, not processed.
    """
    settings, out, progress = Settings.resolve(settings), Path(out_dir), progress or Silent()
    inputs = discover(paths)
    with locked(out):
        manifest = Manifest(out)
        sweep(out, manifest)
        version = run_version(settings)
        plan = plan_run(inputs.files, manifest, version, force)
        remove_documents(out, manifest, plan.stale | (plan.absent if prune else set()))
        summary = Summary(skipped=plan.skipped, duplicates=plan.duplicates, unsupported=inputs.unsupported,
                          absent=len(plan.absent), pruned=len(plan.absent) if prune else 0)
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
        if plan.tasks or plan.stale or summary.pruned or not all((out / f"{n}.parquet").exists() for n in SCHEMAS):
            summary.corpus_flags = check_corpus(list(stream_dataset_facts(out)))
            write_corpus_flags(out, summary.corpus_flags)
            export(out)
        attach_decisions(out)
    return summary


def attach_decisions(out: Path) -> None:
    """Review decisions live apart from the regenerated outputs; re-attach them on every run."""
    decisions = load_decisions(default_store(out))
    if decisions and (out / "flags.parquet").exists():
        write_flags(out, apply_decisions(read_flags(out), decisions))
