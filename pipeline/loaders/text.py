"""Text, Markdown and HTML reports: bytes to a Document of pages, headings and tables."""
from __future__ import annotations

import logging
import re

from pipeline.loaders.errors import LoadError
from pipeline.loaders.layouts import Layout, layout_table
from pipeline.loaders.markup import read_markup
from pipeline.loaders.aligned_tables import find_aligned_tables
from pipeline.loaders.cell_lines import find_cell_line_tables
from pipeline.loaders.flat_tables import find_flat_tables
from pipeline.loaders.text_lines import page_lines
from pipeline.loaders.text_tables import find_text_tables
from pipeline.model import Heading, Page, Table

log = logging.getLogger(__name__)

PLAIN_FINDERS = (find_aligned_tables, find_flat_tables, find_cell_line_tables)  # in order: a line one finder takes is not offered to the next
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PLAIN_HEADING = re.compile(r"^[A-Z][^\t.;:!?]{2,90}(?<!,)$")  # a line ending in a comma runs on


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is an error."""
    if not data.strip():
        raise LoadError("empty", "the file is empty")
    if b"\x00" in data[:8192]:
        raise LoadError("error", "binary content: the file holds NUL bytes, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as err:
            raise LoadError("error", f"undecodable bytes: neither UTF-8 nor Windows-1252 ({err})") from err
    if len(_CONTROL.findall(text[:8192])) > 0.01 * len(text[:8192]):
        raise LoadError("error", "binary content: too many control characters for text")
    return text


def plain_headings(text: str) -> list[Heading]:
    """Short capitalised lines standing alone between blank lines read as headings."""
    lines = text.split("\n")
    found, offset = [], 0
    for i, line in enumerate(lines):
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        stripped = line.strip()
        if (_PLAIN_HEADING.match(stripped) and len(stripped.split()) <= 12
                and not before and (not after or after.startswith("-"))
                and not stripped.startswith("-")):
            found.append(Heading(offset + len(line) - len(line.lstrip()), 5, stripped))
        offset += len(line) + 1
    return found


def text_pages(doc_id: str, raw: str, markup: bool = True,
               max_pages: int | None = None) -> tuple[list[Page], list[Table]]:
    """Pages split at form feeds (the first `max_pages` of them); each page's tables found in
    its clean text."""
    pages, tables = [], []
    chunks = raw.split("\f", max_pages) if max_pages else raw.split("\f")
    if max_pages and len(chunks) > max_pages:
        log.warning("reading the first %d of %d pages", max_pages, raw.count("\f") + 1)
        chunks = chunks[:max_pages]
    for number, chunk in enumerate(chunks, start=1):
        found = read_markup(chunk) if markup else None
        text, headings = (found.text, found.headings) if found else (chunk, [])
        marked = {h.char_start for h in headings}
        headings = sorted(headings + [h for h in plain_headings(text) if h.char_start not in marked],
                          key=lambda h: h.char_start)
        pages.append(Page(number=number, text=text, headings=tuple(headings)))
        tables += page_tables(doc_id, number, text, headings, found.layouts if found else [])
    return pages, tables


def page_tables(doc_id: str, page: int, text: str, headings: list[Heading],
                layouts: list[Layout]) -> list[Table]:
    """The markup's tables as they state themselves, then tab runs, then the plain-text
    layouts, each finder on the lines the earlier ones left."""
    tables = _tables(doc_id, page, text, headings, layouts, 0)
    tables += find_text_tables(doc_id, page, text, headings, _taken(text, tables))
    lines = page_lines(text)
    for finder in PLAIN_FINDERS:
        found = finder(lines, text, _taken(text, tables))
        tables += _tables(doc_id, page, text, headings, found, len(tables))
    return sorted(tables, key=lambda t: min(c.char_start for c in t.cells if c.char_start is not None))


def _tables(doc_id: str, page: int, text: str, headings: list[Heading], layouts: list[Layout],
            first: int) -> list[Table]:
    return [t for i, layout in enumerate(layouts, start=first)
            if (t := layout_table(doc_id, page, text, layout, headings, i)) is not None]


def _taken(text: str, tables: list[Table]) -> frozenset[int]:
    return frozenset(line_starts(text, [_span(t) for t in tables]))


def _span(table: Table) -> tuple[int, int]:
    """Where a text table runs: its cells come from slots, so every one has a span."""
    return (min(c.char_start for c in table.cells if c.char_start is not None),
            max(c.char_end for c in table.cells if c.char_end is not None))


def line_starts(text: str, ranges: list[tuple[int, int]]) -> list[int]:
    """The start offsets of every line that a range of text touches."""
    starts = []
    for lo, hi in ranges:
        pos = text.rfind("\n", 0, lo) + 1
        while pos <= hi:
            starts.append(pos)
            nxt = text.find("\n", pos)
            if nxt < 0:
                break
            pos = nxt + 1
    return starts
