"""The whole flow: load -> extract -> check -> write. Each step is a plain function."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractors import extract_facts
from pipeline.loaders import SUPPORTED, load_document
from pipeline.model import Document, DocumentResult
from pipeline.rules import check_corpus, check_document
from pipeline.settings import Settings
from pipeline.writer import rows_for, write_outputs

log = logging.getLogger(__name__)


def process_document(path: str | Path, settings: Settings | None = None) -> DocumentResult:
    """One file to its document, facts and flags. Never raises for bad data."""
    settings = Settings.resolve(settings)
    started = time.perf_counter()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        doc = Document(doc_id=f"path:{path}", file_name=path.name, path=str(path), sha256="",
                       format=path.suffix.lstrip("."), status="error",
                       reason=f"unreadable: {err.strerror or err}")
        return DocumentResult(doc, seconds=time.perf_counter() - started)
    if size > settings.max_bytes:
        doc = Document(doc_id=f"path:{path}", file_name=path.name, path=str(path), sha256="",
                       format=path.suffix.lstrip("."), status="too_large", size_bytes=size,
                       reason=f"{size} bytes is over the {settings.max_bytes}-byte limit")
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
    results: list[DocumentResult] = field(default_factory=list)
    corpus_flags: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.document.status != "ok"]

    @property
    def facts(self) -> int:
        return sum(len(r.facts) for r in self.results)

    @property
    def flags(self) -> int:
        return sum(len(r.flags) for r in self.results) + len(self.corpus_flags)


def process_all(files: list[Path], settings: Settings,
                on_done: Callable[[DocumentResult], None] | None = None) -> Iterator[DocumentResult]:
    for path in files:
        result = process_document(path, settings)
        if on_done:
            on_done(result)
        yield result


def ingest(paths: Iterable[str | Path], out_dir: str | Path, settings: Settings | None = None,
           on_done: Callable[[DocumentResult], None] | None = None) -> Summary:
    """Ingest files and folders into Parquet tables under out_dir."""
    settings = Settings.resolve(settings)
    files, problems = discover(paths)
    summary = Summary(problems=problems)
    summary.results = list(process_all(files, settings, on_done))
    summary.corpus_flags = check_corpus([f for r in summary.results for f in r.facts])
    rows = rows_for(summary.results)
    from pipeline.writer import flag_rows
    rows["flags"] += flag_rows(summary.corpus_flags)
    write_outputs(Path(out_dir), rows)
    return summary
