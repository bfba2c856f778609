"""A corpus run: plan which files need (re)doing, process them on an executor, write their
rows as they come, then the corpus-scope rules and the export to single-file tables."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterable

from pipeline.batch.discover import Note, discover
from pipeline.batch.executors import make_executor
from pipeline.batch.incremental import plan_run, run_version
from pipeline.batch.progress import Progress, Silent
from pipeline.batch.tasks import Task, failed_output
from pipeline.loaders import SUPPORTED
from pipeline.model import DocumentResult
from pipeline.model.settings import Settings
from pipeline.output.dataset import (DatasetWriter, compact, dataset_documents, stream_dataset_facts, sweep,
                                     write_corpus_flags)
from pipeline.output.export import export, export_needed, finish_export
from pipeline.output.manifest import Manifest, locked
from pipeline.output.parts import DocumentOutput
from pipeline.review.recheck import attach_decisions as attach_review
from pipeline.output.run_rules import write_run_rules
from pipeline.rules import check_corpus
from pipeline.rules.settings import RuleSettings, run_rule_settings

log = logging.getLogger(__name__)


class InputError(ValueError):
    """The inputs named cannot be ingested at all (a path that is not there, a folder with no
    report, a path inside the output folder): a usage error, raised before anything is written."""


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
    retried: int = 0  # unchanged, but redone because they timed out or crashed last time
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same content as path)
    unsupported: list[Path] = field(default_factory=list)  # not read: a type recount does not know
    absent: int = 0  # documents in the output whose file is no longer among the inputs
    pruned: int = 0  # of those, removed by this run (--prune)
    to_retry: int = 0  # failures the next run tries again (timeouts, crashed workers)
    fact_count: int = 0
    flag_count: int = 0

    def add(self, output: DocumentOutput) -> None:
        doc = output.document
        self.results.append(output.result())
        self.lines.append(DocumentLine(doc.path, doc.status, doc.reason, output.pages,
                                       output.facts, output.flags))
        self.to_retry += output.retry
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
           force: bool = False, retry: bool = True, follow_symlinks: bool = False,
           prune: bool = False, progress: Progress | None = None, flush_docs: int = 100) -> Summary:
    """Ingest files and folders into the dataset under out_dir, then the single-file tables.

    Documents unchanged since an earlier run into out_dir are skipped (`force` redoes them;
    ones that timed out or crashed are redone unless `retry` is off); `prune` removes the
    documents whose files are no longer among the inputs (else they stay, counted in
    `Summary.absent`); `executor` is "local" (`jobs` worker processes, default one per core)
    or "dask" (`scheduler` is the cluster's address, or a distributed.Client). The output
    folder is never read as input; files of a type recount does not read are listed, not read.
    """
    settings, out, progress = Settings.resolve(settings), Path(out_dir), progress or Silent()
    rules = run_rule_settings(settings.rules)  # checked before any work; the workers resolve the same
    found = discover(paths, out, follow_symlinks)
    if found.problems:
        raise InputError("; ".join(found.problems))  # already escaped for a terminal
    files = [p for p in found.files if p.suffix.lower() in SUPPORTED]
    with locked(out, "ingest"):
        manifest = recover(out)
        version = run_version(settings)
        plan = plan_run(files, manifest, version, force, retry)
        manifest.remove(plan.orphans | (plan.absent if prune else set()))
        summary = Summary(skipped=plan.skipped, retried=plan.retried, duplicates=plan.duplicates,
                          unsupported=[p for p in found.files if p.suffix.lower() not in SUPPORTED],
                          absent=len(plan.absent), pruned=len(plan.absent) if prune else 0)
        writer = DatasetWriter(out, manifest, version, plan.stats, flush_docs=flush_docs,
                               supersedes=plan.supersedes)
        notes = [note_output(n) for n in found.notes if not recorded(manifest, n, version)]
        progress.start(len(plan.tasks) + len(notes), plan.skipped)
        try:
            for output in chain(notes, make_executor(executor, jobs, settings, scheduler).map(plan.tasks)):
                writer.add(output)
                summary.add(output)
                progress.update(output)
        finally:
            writer.flush()
            progress.close()
        publish(out, manifest, summary, rules)
    return summary


def recover(out: Path) -> Manifest:
    """What an interrupted run left: a half-switched export finished, leftover files swept."""
    finish_export(out)
    manifest = Manifest(out)
    sweep(out, manifest)
    return manifest


def publish(out: Path, manifest: Manifest, summary: Summary, rules: RuleSettings | None = None) -> None:
    """Dead rows compacted away, corpus rules, then the single files as one generation; skipped
    when the single files already show this manifest (an unchanged re-run)."""
    if manifest.dirty_parts():
        compact(out, manifest)
    if export_needed(out, manifest):
        rules = rules or RuleSettings()
        write_run_rules(out, rules.to_json())
        summary.corpus_flags = check_corpus(stream_dataset_facts(out, manifest), rules,
                                            documents=dataset_documents(out, manifest))
        write_corpus_flags(out, summary.corpus_flags)
        export(out, manifest)
    attach_decisions(out)


def note_output(note: Note) -> DocumentOutput:
    """A row for an entry that was not read (a folder that cannot be listed, a link out)."""
    return failed_output(Task(str(note.path)), note.status, note.reason, retry=False)


def recorded(manifest: Manifest, note: Note, version: str) -> bool:
    entry = manifest.docs.get(f"path:{note.path}")
    return bool(entry and entry.status == note.status and entry.version == version)


def attach_decisions(out: Path) -> None:
    """Review decisions live apart from the regenerated outputs; re-attach them on every run."""
    if (out / "flags.parquet").exists():
        attach_review(out)
