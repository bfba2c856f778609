"""Text, Markdown and HTML reports: bytes to a Document of pages, headings and tables."""
from __future__ import annotations

import logging
import re

from pipeline.loaders.errors import LoadError
from pipeline.loaders.markup import normalise_markup
from pipeline.loaders.text_tables import find_text_tables
from pipeline.model import Heading, Page, Table

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PLAIN_HEADING = re.compile(r"^[A-Z][^\t.;:!?]{2,90}$")


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
        text, headings = normalise_markup(chunk) if markup else (chunk, [])
        marked = {h.char_start for h in headings}
        headings = sorted(headings + [h for h in plain_headings(text) if h.char_start not in marked],
                          key=lambda h: h.char_start)
        pages.append(Page(number=number, text=text, headings=tuple(headings)))
        tables += find_text_tables(doc_id, number, text, headings)
    return pages, tables
