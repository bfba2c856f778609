"""PDF reports to the document model the text loader produces: pages of text and tables.

The flow, one named step each:
  open with PDFium (bad files become statuses) -> every page's characters and ruling lines
  -> lines -> ruled grids read from the rules (a page turned as a whole, read upright) ->
  camelot (pdfplumber fallback) only where the text outside them looks tabular
  -> running heads and feet dropped -> reading order, column by column -> page text with each
  table written as tab-separated rows -> Table records with spans and boxes -> tables
  continued across pages stitched.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol, TypeVar

import pypdfium2 as pdfium

from pipeline.loaders.errors import LoadError
from pipeline.loaders.pdf_chars import Char, Ruling, page_chars, page_rules
from pipeline.loaders.pdf_finders import FinderJob, failure_note, run_finders
from pipeline.loaders.pdf_grid import grid_reading
from pipeline.loaders.pdf_layout import Line, build_lines, reading_order
from pipeline.loaders.pdf_rows import merge_wrapped_rows
from pipeline.loaders.pdf_records import PlacedTable, table_records
from pipeline.loaders.pdf_stitch import stitch
from pipeline.loaders.pdf_tables import FoundTable, drop_overlaps, extend_down, overlap, table_flavor, trim_rows
from pipeline.loaders.pdf_whitespace import METHOD as WHITESPACE
from pipeline.loaders.pdf_whitespace import whitespace_tables
from pipeline.loaders.pdf_text import (PageLines, body_size, compose_page, is_running, running_keys,
                                       strip_running, vocabulary)
from pipeline.loaders.pdf_turned import turned_grids
from pipeline.loaders.text_tables import find_text_tables
from pipeline.model import Page, Table
from pipeline.model.settings import Settings

log = logging.getLogger(__name__)

TEXT_ROW_METHODS = {"camelot-hybrid", "camelot-stream", "camelot-network", WHITESPACE}  # one row per text line
WHOLE_PAGE_TURNED = 0.9  # of its characters turned: the page is turned as a whole. Its grids are read
# upright (pdf_turned); camelot, where it still runs, turns the layout upright itself, and the image,
# drawn too, changed no table on the corpus's 19 such pages (it did where heads alone are turned)
FINDER_SHARE = 0.85  # of the document's time limit, for the table finders: the loader ends an overrun
# as `timeout` itself (naming the page) before the batch has to kill the worker


@dataclass(frozen=True)
class RawPage:
    number: int
    width: float
    height: float
    chars: list[Char]
    rules: list[Ruling]
    lines: list[Line]


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """PDFium's document, or the status the file deserves."""
    if not data.strip():
        raise LoadError("empty", "the file is empty")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise LoadError("encrypted", f"the PDF is encrypted and needs a password ({message})") from err
        raise LoadError("error", f"unreadable PDF: {message}") from err


def _check_time(deadline: float, step: str, limit: float) -> None:
    if time.monotonic() > deadline:
        raise LoadError("timeout", f"over the {limit:g}-second limit while {step}")


def read_pages(pdf: pdfium.PdfDocument, settings: Settings, deadline: float) -> tuple[list[RawPage], list[str]]:
    """Every page's characters, rules and lines; a page PDFium cannot read is left blank and
    noted, not the document lost, and a page over `max_page_chars` is read that far and noted."""
    count = len(pdf)
    notes = [f"read the first {settings.max_pages} of {count} pages"] if count > settings.max_pages else []
    pages, unread, cut = [], [], []
    for index in range(min(count, settings.max_pages)):
        _check_time(deadline, f"reading page {index + 1}", settings.timeout_seconds)
        try:
            page, whole = read_page(pdf, index, settings.max_page_chars)
        except pdfium.PdfiumError:
            log.debug("page %d unreadable", index + 1, exc_info=True)
            unread.append(index + 1)
            page, whole = RawPage(index + 1, 0.0, 0.0, [], [], []), True
        pages.append(page)
        cut += [] if whole else [index + 1]
    if unread:
        notes.append(f"page(s) {', '.join(map(str, unread))} unreadable by PDFium; left out")
    if cut:
        notes.append(f"page(s) {', '.join(map(str, cut))} read only to their first {settings.max_page_chars} "
                     "characters (the max_page_chars limit); the rest left out")
    return pages, notes


def read_page(pdf: pdfium.PdfDocument, index: int, max_chars: int) -> tuple[RawPage, bool]:
    """The page, and whether all of its characters were read."""
    page = pdf[index]
    try:
        chars, count = page_chars(page, max_chars)
        whole = len(chars) < max_chars or count <= max_chars
        rules = page_rules(page)
        return RawPage(index + 1, page.get_width(), page.get_height(), chars, rules, build_lines(chars)), whole
    finally:
        page.close()


def find_tables(data: bytes, pages: list[RawPage], settings: Settings, deadline: float
                ) -> tuple[dict[int, list[FoundTable]], list[str]]:
    """Ruled grids from PDFium's rules on every page; camelot only where text outside them
    still looks tabular, pdfplumber where camelot finds none on a ruled page; both bounded by
    `deadline`. Also the notes on pages whose tables could not be read."""
    vocab = vocabulary([p.lines for p in pages])
    found: dict[int, list[FoundTable]] = {}
    jobs: list[FinderJob] = []
    notes: list[str] = []
    for page in pages:
        if not page.chars:
            continue
        _check_time(deadline, f"finding tables on page {page.number}", settings.timeout_seconds)
        try:
            found[page.number], job = own_tables(page, vocab)
        except MemoryError:  # over the worker's memory limit: the batch records the document
            raise
        except Exception as err:  # recount's own reader failing on one odd page costs that page
            log.debug("grid reader failed on page %d", page.number, exc_info=True)
            notes.append(failure_note(f"{type(err).__name__}: {err}", [page.number]))
            continue
        jobs += [job] if job else []
    more, failed = run_finders(data, jobs, deadline, settings.timeout_seconds)
    for number, tables in more.items():
        grid = found[number]
        found[number] = grid + [t for t in tables if all(overlap(t.bbox, g.bbox) < 0.3 for g in grid)]
    return found, notes + failed


def own_tables(page: RawPage, vocab: set[str]) -> tuple[list[FoundTable], FinderJob | None]:
    """The grids recount reads from the page's rules (turned upright first where the page is
    turned as a whole and reads none as it is), and the slower finder the rest of the page
    still needs, if any: camelot on the PDF's vector rules, or on the rendered page where its
    image must find what those cannot give (turned text on a ruled page that is not turned as
    a whole, a grid whose cells stack values: the image's lattice reads them)."""
    grid, stacked = grid_reading(page.number, page.chars, page.rules, vocab) if page.rules else ([], False)
    share = _turned_share(page.chars, grid)
    if not grid and page.rules and share >= WHOLE_PAGE_TURNED:
        grid = turned_grids(page.number, page.width, page.height, page.chars, page.rules, vocab)
        share = _turned_share(page.chars, grid) if grid else share
    turned = share > 0
    kind = table_flavor(_outside(page.lines, grid), [] if grid else page.rules, turned)
    if kind == "network" and not turned:
        reading = whitespace_tables(page.number, _outside(page.lines, grid))
        grid = grid + reading.tables
        if not reading.undecided:
            kind = table_flavor(_outside(page.lines, grid), [], False) if reading.tables else kind
    if kind is None:
        return grid, None
    mode = "rendered" if kind == "ruled" and (0 < share < WHOLE_PAGE_TURNED or stacked) else "vector"
    if grid or not page.rules:  # the rules made a grid, or there are none: no ruling finder to ask
        return grid, FinderJob(page.number, page.height, mode)
    return grid, FinderJob(page.number, page.height, mode, tuple(page.rules), tuple(page.chars))


def _turned_share(chars: list[Char], tables: list[FoundTable]) -> float:
    """The share of the page's characters set sideways or upside down outside the grids,
    where they are many (rotated column heads or a turned table, which prose seldom has);
    else 0."""
    turned = len(_outside([c for c in chars if not c.upright], tables))
    return turned / len(chars) if turned >= 20 and turned >= 0.05 * len(chars) else 0.0


class _Boxed(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


_B = TypeVar("_B", bound=_Boxed)


def _outside(items: list[_B], tables: list[FoundTable]) -> list[_B]:
    """The characters or lines whose middle is in none of the tables' boxes (widened by a point)."""
    boxes = [(t.bbox[0] - 1, t.bbox[1] - 1, t.bbox[2] + 1, t.bbox[3] + 1) for t in tables]
    kept = []
    for item in items:
        x, y = (item.x0 + item.x1) / 2, (item.top + item.bottom) / 2
        if not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes):
            kept.append(item)
    return kept


def prose_lines(page: RawPage, tables: list[FoundTable]) -> list[Line]:
    """The page's lines outside its tables, plus one placeholder line per table."""
    if not tables:
        return page.lines
    chars = _outside(page.chars, tables)
    holders = [Line(t.bbox[0], t.bbox[1], t.bbox[2], t.bbox[3], 0.0, False, (), table=i)
               for i, t in enumerate(tables)]
    return sorted(build_lines(chars) + holders, key=lambda ln: ln.top)


def pdf_pages(doc_id: str, data: bytes, path: str, settings: Settings | None = None
              ) -> tuple[list[Page], list[Table], list[str]]:
    """Pages and tables of a PDF, and notes on the pages it could read only in part; raises
    LoadError for files that cannot be read. `path` is for messages only: every library
    reads `data`, never the path (see `pdf_finders`)."""
    settings = Settings.resolve(settings)
    started = time.monotonic()
    pdf = open_pdf(data)
    try:
        raw, notes = read_pages(pdf, settings, started + settings.timeout_seconds)
    finally:
        pdf.close()
    if raw and not any(p.chars for p in raw):
        raise LoadError("no_text_layer", f"none of the {len(raw)} page(s) has a text layer "
                        "(scanned images?); OCR is out of scope")
    found, failed = find_tables(data, raw, settings, started + FINDER_SHARE * settings.timeout_seconds)
    pages, tables = assemble(doc_id, raw, found)
    return pages, tables, notes + failed


def assemble(doc_id: str, raw: list[RawPage], found: dict[int, list[FoundTable]]
             ) -> tuple[list[Page], list[Table]]:
    """Page texts in reading order, and Table records pointing into them."""
    keys = running_keys([PageLines(p.height, p.lines) for p in raw])
    found = {p.number: tidy_tables(found.get(p.number, []), p, keys) for p in raw}
    laid = [PageLines(p.height, prose_lines(p, found[p.number])) for p in raw]
    kept = [strip_running(p, keys) for p in laid]
    vocab, body = vocabulary(kept), body_size(kept)
    pages: list[Page] = []
    tables: list[PlacedTable | Table] = []
    for page, lines in zip(raw, kept):
        ordered = reading_order(lines, 0.0, page.width)
        page_found = found.get(page.number, [])
        text, headings, spans = compose_page(ordered, {i: t.rows for i, t in enumerate(page_found)},
                                             vocab, body)
        pages.append(Page(page.number, text, tuple(headings)))
        edges = _table_edges(ordered)
        found_tables = table_records(doc_id, page.number, page_found, spans, headings, edges)
        tables += found_tables
        tables += _text_tables(doc_id, page.number, text, headings, spans)
    return pages, stitch(tables)


def tidy_tables(tables: list[FoundTable], page: RawPage, keys: set[str]) -> list[FoundTable]:
    """Running heads out of the tables, wrapped lines into their rows, forgotten total rows in."""
    trimmed = (trim_rows(t, lambda text: is_running(text, keys)) for t in tables)
    merged = (merge_wrapped_rows(t, page.lines) if t.method in TEXT_ROW_METHODS else t
              for t in trimmed if t is not None)
    return drop_overlaps([extend_down(t, page.lines) for t in merged])


def _table_edges(ordered: list[Line]) -> dict[int, tuple[bool, bool]]:
    """For each table: whether it is the first and whether it is the last thing on the page."""
    ids = [ln.table for ln in ordered]
    return {t: (ids.index(t) == 0, ids.index(t) == len(ids) - 1) for t in ids if t is not None}


def _text_tables(doc_id: str, page: int, text: str, headings, spans) -> list[Table]:
    """Runs of tab-separated lines outside the found tables (aligned label/value lines)."""
    covered = [(min(s[0] for row in rows for s in row if s), max(s[1] for row in rows for s in row if s))
               for rows in spans.values() if any(s for row in rows for s in row)]
    tables = find_text_tables(doc_id, page, text, headings)
    return [t for t in tables
            if not any(lo <= c.char_start < hi for c in t.cells if c.char_start is not None
                       for lo, hi in covered)]
