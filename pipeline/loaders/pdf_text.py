"""Lines in reading order to a page's text: the same shape the text loader produces.

Wrapped lines are joined into one line per paragraph (paragraphs apart by a blank line
where the page leaves extra space), bullets become "- ", words hyphenated at a line end are
mended, and each table is written as tab-separated lines, one per row, so a table cell's
character span points at its text exactly as it does for a text report.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.loaders.pdf_layout import Line
from pipeline.model import Heading

_BULLET_RE = re.compile(r"^[•·▪●◦■□➢►‣⁃\uf0b7\uf0a7\uf0d8]\s*")
_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_KEEP_HYPHEN_PREFIXES = {"re", "co", "non", "pre", "post", "self", "anti", "multi", "cross", "inter",
                         "well", "long", "short", "high", "low", "full", "part", "sub", "semi",
                         "over", "under", "ex", "year", "one", "two", "three", "four", "five", "half"}
MARGIN = 0.1  # share of the page height at top and bottom where running heads and feet sit

CellSpans = list[list[tuple[int, int] | None]]  # per row, per column: span in the page text


@dataclass(frozen=True)
class PageLines:
    height: float
    lines: list[Line]


def running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def is_running(text: str, keys: set[str]) -> bool:
    """A running head or foot's text, or a bare page number."""
    return running_key(text) in keys or bool(_PAGE_NUMBER_RE.match(text.strip()))


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom <= MARGIN * height or line.top >= (1 - MARGIN) * height


def running_keys(pages: list[PageLines]) -> set[str]:
    """Texts of margin lines repeated on at least half the pages (and on two or more)."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({running_key(ln.text) for ln in page.lines
                       if ln.table is None and _in_margin(ln, page.height)})
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need}


def strip_running(page: PageLines, keys: set[str]) -> list[Line]:
    """The page's lines without running heads, feet and page numbers."""
    return [ln for ln in page.lines if ln.table is not None or not _in_margin(ln, page.height)
            or not is_running(ln.text, keys)]


def vocabulary(pages: list[list[Line]]) -> set[str]:
    """Lower-cased words of the document, to decide whether a line-end hyphen is part of a word."""
    return {w.lower() for lines in pages for ln in lines for w in _WORD_RE.findall(ln.text)}


def join_hyphenated(head: str, tail: str, vocab: set[str]) -> str:
    """'organisa-' + 'tion' -> 'organisation'; 'cross-' + 'border' keeps its hyphen."""
    prefix = re.search(r"([A-Za-z]+)-$", head)
    first = re.match(r"[a-z]+", tail)
    if not prefix or not first:
        return head + " " + tail
    whole, hyphened = (prefix.group(1) + first.group(0)).lower(), f"{prefix.group(1)}-{first.group(0)}".lower()
    if hyphened in vocab and whole not in vocab:
        return head + tail
    if whole in vocab or prefix.group(1).lower() not in _KEEP_HYPHEN_PREFIXES:
        return head[:-1] + tail
    return head + tail


def _column_right(lines: list[Line], line: Line) -> float:
    return max((ln.x1 for ln in lines if ln.table is None and abs(ln.x0 - line.x0) < 40
                and ln.x0 < line.x1 and line.x0 < ln.x1), default=line.x1)


def _continues(prev: Line, line: Line, prev_right: float) -> bool:
    """Whether `line` is the wrapped continuation of the paragraph ending with `prev`."""
    if prev.table is not None or line.table is not None or len(prev.segments) > 1 or len(line.segments) > 1:
        return False
    if _BULLET_RE.match(line.text) or abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return False
    gap = line.top - prev.bottom
    full = prev.x1 >= prev_right - max(0.2 * (prev_right - prev.x0), 2 * prev.size)
    return -0.2 * prev.size <= gap <= 0.6 * prev.size and full and line.x0 < prev.x1


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines grouped into paragraphs (a table or a multi-segment line is alone)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _continues(groups[-1][-1], line, _column_right(lines, groups[-1][-1])):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def paragraph_text(group: list[Line], vocab: set[str]) -> str:
    text = ""
    for line in group:
        part = "\t".join(s.text for s in line.segments).strip() if len(line.segments) > 1 else line.text.strip()
        if not text:
            text = part
        elif text.endswith("-"):
            text = join_hyphenated(text, part, vocab)
        else:
            text += " " + part
    return _BULLET_RE.sub("- ", text)


def body_size(pages: list[list[Line]]) -> float:
    """The font size most of the document's text is set in."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def heading_level(group: list[Line], text: str, body: float) -> int:
    """1-3 for larger type, 4 for a bold line at body size, 0 for no heading."""
    line = group[0]
    if (len(group) > 2 or len(text.split()) > 14 or re.search(r"[.;:,]$", text)
            or len(line.segments) > 1 or not re.search(r"[A-Za-z]{2}", text) or text.startswith("- ")):
        return 0
    ratio = line.size / body if body else 1.0
    if ratio >= 1.6:
        return 1
    if ratio >= 1.3:
        return 2
    if ratio >= 1.12:
        return 3
    return 4 if line.bold and ratio > 0.95 else 0


def table_block(rows: list[list[str]], offset: int) -> tuple[str, CellSpans]:
    """Rows as tab-separated lines starting at `offset`, and each non-empty cell's span."""
    lines, spans = [], []
    for row in rows:
        cells = [" ".join(c.split()) for c in row]
        row_spans, pos = [], offset
        for cell in cells:
            row_spans.append((pos, pos + len(cell)) if cell else None)
            pos += len(cell) + 1
        offset = pos  # the last cell's trailing separator is the line's newline
        lines.append("\t".join(cells))
        spans.append(row_spans)
    return "\n".join(lines), spans


def compose_page(lines: list[Line], tables: dict[int, list[list[str]]], vocab: set[str],
                 body: float) -> tuple[str, list[Heading], dict[int, CellSpans]]:
    """The page text, its headings and, per table index, its cells' spans in the text."""
    parts: list[str] = []
    headings: list[Heading] = []
    spans: dict[int, CellSpans] = {}
    offset, prev_bottom, prev_segments = 0, None, 0
    for group in paragraphs(lines):
        first = group[0]
        if parts:
            rows = len(first.segments) > 1 and prev_segments > 1  # aligned rows stay one block
            blank = first.table is not None or prev_bottom is None or heading_level(group, first.text, body) > 0 \
                or (first.top - prev_bottom > 0.6 * first.size and not rows)
            sep = "\n\n" if blank else "\n"
            parts.append(sep)
            offset += len(sep)
        if first.table is not None:
            text, spans[first.table] = table_block(tables.get(first.table, []), offset)
            prev_bottom = None
        else:
            text = paragraph_text(group, vocab)
            level = heading_level(group, text, body)
            if level:
                headings.append(Heading(offset, level, text))
            prev_bottom, prev_segments = group[-1].bottom, len(group[-1].segments)
        parts.append(text)
        offset += len(text)
    return "".join(parts), headings, spans


def cell_text(lines: list[Line], vocab: set[str]) -> str:
    """A cell's lines as its text, top to bottom, line-end hyphens mended."""
    text = ""
    for line in lines:
        part = line.text.strip()
        if not text:
            text = part
        elif text.endswith("-") and re.search(r"[A-Za-z]-$", text):
            text = join_hyphenated(text, part, vocab)
        else:
            text += "\n" + part
    return text
