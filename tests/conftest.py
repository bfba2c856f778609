"""Shared fixtures: the ../shared corpus when present, and documents built from test text."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.loaders import bounded, describe, pdf
from pipeline.loaders.text import text_pages
from pipeline.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def fresh_finder_child():
    """The table finders' child is kept from call to call, forked from the process as it was
    at its first call: a test that patches a finder must get a child forked after its patch."""
    bounded.stop_worker()
    yield
    bounded.stop_worker()


@pytest.fixture
def inline(monkeypatch):
    """Ingest runs its documents in this process (tests/faults.py): fast runs for kill sweeps."""
    from pipeline.batch import ingest as ingest_module
    from tests.faults import InlineExecutor
    monkeypatch.setattr(ingest_module, "make_executor", lambda kind, jobs, settings, scheduler: InlineExecutor(settings))


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


def document_from_text(raw: str, name: str = "report.txt") -> Document:
    """A Document as the text loader would build it from these bytes."""
    pages, tables = text_pages("doc-test", raw)
    return Document(doc_id="doc-test", file_name=name, path=name, sha256="", format="txt",
                    status="ok", pages=tuple(pages), tables=tuple(tables), **describe(pages))


@pytest.fixture
def narrate():
    """Narrative facts of a text: narrate('...') -> list[Fact]."""
    from extractors.narrative import extract
    return lambda raw: list(extract(document_from_text(raw)).facts)


@pytest.fixture
def finder_jobs(monkeypatch) -> list:
    """The PDF pages handed to camelot/pdfplumber, recorded instead of run."""
    jobs: list = []

    def record(data, page_jobs, deadline, limit):
        jobs.extend(page_jobs)
        return {}, []
    monkeypatch.setattr(pdf, "run_finders", record)
    return jobs
