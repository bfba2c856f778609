"""The slow table finders (camelot, pdfplumber's fallback) for the pages that need them, run
bounded: in a killable child, against the document's deadline, one page's failure costing
that page only.

The libraries never see the input's path: they get a private copy of the bytes recount
already read, at an absolute temporary path (or the bytes themselves), so no file name —
`file:x.pdf`, `http:x.pdf` — can be taken for a URL and fetched, and what they parse is
exactly what PDFium read.
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.loaders.bounded import Overrun, run_bounded
from pipeline.loaders.camelot_page import close_document
from pipeline.loaders.errors import LoadError
from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf_tables import FoundTable, camelot_tables, pdfplumber_tables, rules_close_a_cell

log = logging.getLogger(__name__)

# How camelot reads a page -> its parser and options. Hybrid scored best of its flavours on
# the peers' suites; its lattice half reads rules from the PDF's vector paths ('vector', no
# render) on most pages. Since recount reads rowspans and grids drawn as one path itself, the
# rendered image (drawn at 200 dpi, not camelot's 300: camelot_page) changes tables only on
# ruled pages with turned text (not a page turned as a whole, which camelot turns upright
# itself) or grids whose cells stack values, so only those are rendered
# (on the rest the same scores on the suites and ICDAR 2013, about a fifth less time).
RENDER_DPI = 200
CAMELOT: dict[str, tuple[str, dict[str, Any]]] = {
    "vector": ("hybrid", {"engine": "vector"}), "rendered": ("hybrid", {"dpi": RENDER_DPI})}


@dataclass(frozen=True)
class FinderJob:
    page: int
    height: float  # points, to turn camelot's bottom-up boxes to top-down
    kind: str  # a key of CAMELOT
    rules: tuple[Ruling, ...] = ()  # the page's, for pdfplumber's ruling finder (none: not asked)
    chars: tuple[Char, ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Sent to the finders' child with its rules and characters as plain tuples: pickling
        a named tuple calls back into Python for each one (a third of a second a run of 58
        PDFs, where plain tuples are pickled in C)."""
        return _job, (self.page, self.height, self.kind, tuple(map(tuple, self.rules)),
                      tuple(map(tuple, self.chars)))


def _job(page: int, height: float, kind: str, rules: tuple[tuple[Any, ...], ...],
         chars: tuple[tuple[Any, ...], ...]) -> FinderJob:
    return FinderJob(page, height, kind, tuple(map(Ruling._make, rules)), tuple(map(Char._make, chars)))


def run_finders(data: bytes, jobs: list[FinderJob], deadline: float, limit: float
                ) -> tuple[dict[int, list[FoundTable]], list[str]]:
    """Tables by page for the jobs, and one note per kind of failure naming its pages.
    Raises LoadError('timeout') when a finder is still running at `deadline`."""
    if not jobs:
        return {}, []
    preload()
    found: dict[int, list[FoundTable]] = {}
    failed: dict[str, list[int]] = {}
    with private_copy(data) as path:
        try:
            for outcome in run_bounded(_find, [(path, job) for job in jobs], deadline, after=close_document):
                page = outcome.item[1].page
                if outcome.error:  # the private copy's name means nothing to a reader
                    failed.setdefault(outcome.error.replace(str(path), "the PDF"), []).append(page)
                else:
                    found[page] = outcome.result
        except Overrun as over:
            raise LoadError("timeout", f"over the {limit:g}-second limit while finding tables on "
                            f"page {over.item[1].page}") from over
    return found, [failure_note(error, pages) for error, pages in failed.items()]


def preload() -> None:
    """Import camelot and pdfplumber in this process: the children forked to call them then
    share the imports, where each child importing camelot itself paid 2-4 s per document."""
    import camelot  # noqa: F401
    import pdfplumber  # noqa: F401


def _find(item: tuple[Path, FinderJob]) -> list[FoundTable]:
    return find_on_page(*item)


def find_on_page(path: Path, job: FinderJob) -> list[FoundTable]:
    """camelot with the parser the page needs; pdfplumber's ruling finder, on the rules and
    characters PDFium read, where that finds nothing on a page whose rules close a cell. All
    of it runs in the child: the finder's crossings grow with the square of a page's rules,
    and whether they close a cell is asked only where camelot found nothing."""
    flavor, options = CAMELOT[job.kind]
    tables = camelot_tables(path, job.page, job.height, flavor, **options)
    log.debug("page %d: camelot %s found %d table(s)", job.page, flavor, len(tables))
    if not tables and job.rules and rules_close_a_cell(list(job.rules)):
        tables = pdfplumber_tables(job.page, list(job.rules), list(job.chars))
    return tables


def failure_note(error: str, pages: list[int]) -> str:
    listed = ", ".join(str(p) for p in pages)
    return f"tables not read on page{'s' if len(pages) > 1 else ''} {listed} ({error}); their text is kept"


@contextmanager
def private_copy(data: bytes) -> Iterator[Path]:
    """The bytes in a temporary file of our own naming, at an absolute path."""
    handle, name = tempfile.mkstemp(prefix="recount-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        yield Path(name).resolve()
    finally:
        os.unlink(name)
