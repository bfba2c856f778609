"""Where the prose is: page text outside tables (bullets and headings included) and prose
table cells, each as a `ProseSegment` whose pieces map segment offsets back to page offsets.

A multi-column page converted to tab-separated lines puts one sentence in column 1 of several
consecutive rows; the column's cells are rejoined into one stream so the sentence reads whole,
while every piece remembers the page span (and table row/col) it came from."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Optional

from extractors.facts import cell_offset
from extractors.lexicon.prose import MULTIPLIERS
from extractors.narrative.text.lines import FOOTNOTE_START, TERMINAL, continues
from extractors.narrative.text.page_breaks import furniture, join_page_breaks
from extractors.tables import is_kpi_table, prose_cells
from pipeline.model import Cell, Document, Page, Table

_FIGURE = re.compile(r"[£$€]?\s?\d[\d,]*(?:\.\d+)?\s?(?:%|[km]\b)?")
_ALPHA_WORD = re.compile(r"[A-Za-z]{2,}")
_LABELLED = re.compile(r"^\s*(?:[-•*]\s*)?[A-Za-z][A-Za-z' -]{2,40}:\s*[£(]?\d")


@dataclass(frozen=True)
class Piece:
    start: int  # where this piece starts in the segment's text
    page_start: int  # where it starts in the page's text
    length: int
    row: Optional[int] = None  # the table cell it came from, for cell pieces
    col: Optional[int] = None
    page: Optional[int] = None  # its page, where it differs from the segment's (stitched tables)


@dataclass(frozen=True)
class ProseSegment:
    text: str
    page: int
    pieces: tuple[Piece, ...]
    heading: str = ""  # the section heading above it
    table_id: str = ""
    row_label: str = ""  # a KPI row's indicator text, for commentary cells
    is_heading: bool = False
    footnote: str = ""  # the marker, when the segment is a footnote's text
    whole_cell: bool = False  # a single table cell: the snippet is the cell, not the sentence

    def to_page(self, start: int, end: int) -> Optional[tuple[int, int, Piece]]:
        """Page span of a segment span (on the piece's page), or None when it straddles two pieces."""
        for piece in self.pieces:
            if piece.start <= start and end <= piece.start + piece.length:
                shift = piece.page_start - piece.start
                return start + shift, end + shift, piece
        return None

    def figure_span(self, start: int, end: int, text: str) -> Optional[tuple[int, int, Piece]]:
        """Page span of a number (its printed `text` at start..end); a number whose unit words
        run into the next piece ('0.6 percentage | points' across two wrapped cells) keeps the
        span of its figure alone. None when even the figure straddles two pieces."""
        located = self.to_page(start, end)
        if located is None:
            figure = _FIGURE.match(text)
            located = self.to_page(start, start + figure.end()) if figure else None
        return located

    def piece_text(self, piece: Piece) -> str:
        return self.text[piece.start:piece.start + piece.length]


class _Builder:
    """Accumulates pieces into one segment's text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def add(self, text: str, page_start: int, row: Optional[int] = None, col: Optional[int] = None,
            page: Optional[int] = None) -> None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        self.pieces.append(Piece(self.length, page_start, len(text), row, col, page))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _excluded_lines(page: Page, tables: list[Table]) -> set[int]:
    """Line starts of table lines: lines with tabs or holding a table cell's span."""
    starts: set[int] = set()
    offset = 0
    cell_starts = sorted(c.char_start for t in tables for c in t.cells
                         if c.page == page.number and c.char_start is not None)
    for line in page.text.split("\n"):
        end = offset + len(line)
        i = bisect.bisect_left(cell_starts, offset)
        if "\t" in line or (i < len(cell_starts) and cell_starts[i] < end):
            starts.add(offset)
        offset = end + 1
    return starts


def _heading_at(headings: list[tuple[int, int, str]], page: int, offset: int) -> str:
    """The last heading at or before (page, offset); `headings` is sorted, so a binary search
    (a scan from the start made a 3,000-page text quadratic)."""
    index = bisect.bisect_right(headings, (page, offset), key=lambda h: (h[0], h[1]))
    return headings[index - 1][2] if index else ""


def page_segments(page: Page, tables: list[Table], headings: list[tuple[int, int, str]],
                  furniture: frozenset[int] = frozenset()) -> list[ProseSegment]:
    """The page's lines outside tables, joined where a sentence runs on to the next line;
    `furniture` (line starts of running heads, feet and page numbers) is passed over."""
    skip = _excluded_lines(page, tables)
    heading_starts = {h.char_start for h in page.headings}
    segments: list[ProseSegment] = []
    builder, prev_text, blocked, prev_heading = None, "", True, False
    offset = 0
    for line in page.text.split("\n"):
        start, stripped = offset, line.strip()
        offset += len(line) + 1
        if start in skip:
            blocked = True
            continue
        if not stripped or start in furniture:
            continue
        lead = start + len(line) - len(line.lstrip())
        is_heading = lead in heading_starts or start in heading_starts
        if builder and not is_heading and not blocked and continues(prev_text, stripped):
            builder.add(stripped, lead)
        else:
            _flush(segments, builder, page.number, headings, prev_heading)
            builder = _Builder()
            builder.add(stripped, lead)
        prev_heading = is_heading
        prev_text, blocked = stripped, is_heading
    if builder:
        _flush(segments, builder, page.number, headings, prev_heading)
    return segments


def _flush(segments: list[ProseSegment], builder: Optional[_Builder], page: int,
           headings: list[tuple[int, int, str]], is_heading: bool) -> None:
    if builder is None or not builder.pieces:
        return
    text = builder.text
    first = builder.pieces[0].page_start
    marker = FOOTNOTE_START.match(text)
    heading = _heading_at(headings, page, first - 1 if is_heading else first)
    segments.append(ProseSegment(text=text, page=page, pieces=tuple(builder.pieces), heading=heading,
                            is_heading=is_heading,
                            footnote=marker.group("marker").lstrip("\\") if marker else ""))


def table_chains(doc: Document) -> list[list[Table]]:
    """Tables that continue one another: a layout table broken only by blank lines on its page."""
    chains: list[list[Table]] = []
    kpi = {t.table_id: is_kpi_table(t) for t in doc.tables}
    for table in sorted(doc.tables, key=lambda t: (t.page, _first_offset(t))):
        last = chains[-1][-1] if chains else None
        if last is not None and not kpi[last.table_id] and not kpi[table.table_id] \
                and last.page == table.page and _only_space_between(doc, last, table):
            chains[-1].append(table)
        else:
            chains.append([table])
    return chains


def _first_offset(table: Table) -> int:
    return min((c.char_start for c in table.cells if c.char_start is not None), default=0)


def _only_space_between(doc: Document, before: Table, after: Table) -> bool:
    end = max((c.char_end for c in before.cells if c.char_end is not None), default=None)
    start = _first_offset(after)
    if end is None or before.page > len(doc.pages):
        return False
    return not doc.pages[before.page - 1].text[end:start].strip()


def cell_segments(doc: Document, chain: list[Table]) -> list[ProseSegment]:
    """Prose cells: a KPI table's commentary one cell at a time; other tables' prose columns as
    streams, a cell joining the one above it when it carries on its sentence."""
    table = chain[0]
    cells, shift = [], 0
    for part in chain:
        cells += [replace(c, row=c.row + shift) for c in prose_cells(part)]
        shift += part.n_rows
    if not cells:
        return []
    kpi = len(chain) == 1 and is_kpi_table(table)
    labels = {c.row: c.text for c in table.cells if c.col == 0}
    if kpi:
        return _commentary(doc, table, cells, labels)
    return _streams(doc, table, cells)


def _commentary(doc: Document, table: Table, cells: list[Cell], labels: dict[int, str]) -> list[ProseSegment]:
    """A KPI table's commentary, one cell a segment; a row a PDF's table reader split off a
    wrapped row (its label empty or carrying on in lower case, its commentary carrying on the
    sentence above) joins the cell above, and its label the row's indicator."""
    segments: list[ProseSegment] = []
    builder, last = None, None
    for cell in cells:
        start = cell_offset(doc, cell)
        if start is None or not cell.text:
            continue
        if builder is not None and last is not None and cell.col == last.col and cell.row == last.row + 1 \
                and _carries_label(labels.get(cell.row, "")) and continues(last.text, cell.text) \
                and not TERMINAL.search(last.text):
            builder.add(cell.text, start, cell.row, cell.col, cell.page)
            first = builder.pieces[0].row
            if first is not None and labels.get(cell.row):
                labels[first] = f"{labels.get(first, '')} {labels[cell.row]}".strip()
        else:
            _flush_cells(segments, builder, table, True, labels)
            builder = _Builder()
            builder.add(cell.text, start, cell.row, cell.col, cell.page)
        last = cell
    _flush_cells(segments, builder, table, True, labels)
    return segments


def _carries_label(label: str) -> bool:
    """An indicator label never starts in lower case: such a label ends the one above."""
    first = label.lstrip()[:1]
    return not first or first.islower()


def _fit_weight(open_: dict, cell: Cell, col: int) -> int:
    """How surely a cell carries on the stream: 2 when the stream's text dangles, else 1."""
    return 1 + (not TERMINAL.search(open_[col][1].text))


def _streams(doc: Document, table: Table, cells: list[Cell]) -> list[ProseSegment]:
    """Each column's cells rejoined down the rows. A converted layout sometimes shifts a whole
    row one column (a missing leading tab): the row goes where its cells carry sentences on."""
    segments: list[ProseSegment] = []
    open_: dict[int, tuple[_Builder, Cell]] = {}
    rows: dict[tuple[int, int], list[Cell]] = {}
    for cell in cells:
        if cell.text and cell_offset(doc, cell) is not None:
            rows.setdefault((cell.page, cell.row), []).append(cell)

    def fits(cell: Cell, col: int) -> bool:
        if not _ALPHA_WORD.search(cell.text) and len(cell.text.split()) > 1:
            return False  # a row of bare numbers is table data, not a sentence's end
        found = open_.get(col)
        return found is not None and cell.row - found[1].row <= 2 and continues(found[1].text, cell.text)

    for key in sorted(rows):
        row = sorted(rows[key], key=lambda c: c.col)
        shift = max((0, 1, -1), key=lambda k: (sum(_fit_weight(open_, c, c.col + k) for c in row if fits(c, c.col + k)), k == 0))
        for cell in row:
            col, offset = cell.col + shift, cell_offset(doc, cell)
            if offset is None:  # never: rows hold only cells placed on their page
                continue
            if fits(cell, col):
                open_[col][0].add(cell.text, offset, cell.row, cell.col, cell.page)
                open_[col] = (open_[col][0], cell)
                continue
            if not _ALPHA_WORD.search(cell.text):
                continue  # bare numbers only ever continue a sentence, never start one
            if col in open_:
                _flush_cells(segments, open_.pop(col)[0], table, False, {})
            builder = _Builder()
            builder.add(cell.text, offset, cell.row, cell.col, cell.page)
            open_[col] = (builder, cell)
    for builder, _ in open_.values():
        _flush_cells(segments, builder, table, False, {})
    return segments


def _flush_cells(segments: list[ProseSegment], builder: Optional[_Builder], table: Table, kpi: bool,
                 labels: dict[int, str]) -> None:
    if builder is None or not builder.pieces:
        return
    row = builder.pieces[0].row
    segments.append(ProseSegment(text=builder.text, page=builder.pieces[0].page or table.page, pieces=tuple(builder.pieces),
                            heading=table.heading, table_id=table.table_id,
                            row_label=labels.get(row, "") if kpi and row is not None else "",
                            whole_cell=kpi))


def has_prose(segment: ProseSegment) -> bool:
    """Runs of bare numbers are table data, not prose; a labelled figure ('Arrests: 410') is a statement."""
    return len(_ALPHA_WORD.findall(segment.text)) >= 2 or bool(_LABELLED.match(segment.text))


def document_segments(doc: Document) -> list[ProseSegment]:
    """Every prose segment of a document, pages first (a sentence cut by a page break as one),
    then prose table cells."""
    headings = sorted((p.number, h.char_start, h.text) for p in doc.pages for h in p.headings)
    skipped = furniture(doc.pages)
    per_page = [page_segments(page, [t for t in doc.tables if page.number in (t.pages or (t.page,))], headings,
                              skipped.get(page.number, frozenset())) for page in doc.pages]
    segments = join_page_breaks(doc.pages, per_page, skipped)
    for chain in table_chains(doc):
        segments += cell_segments(doc, chain)
    return [part for s in segments if has_prose(s) and may_hold_numbers(s.text) for part in split_long(s)]


SEGMENT_LIMIT = 100_000  # characters; spaCy refuses texts over its max_length (1,000,000: E088)


def split_long(segment: ProseSegment, limit: int = SEGMENT_LIMIT) -> list[ProseSegment]:
    """A segment over `limit` characters as several, each cut after the last sentence end
    (else space) before the limit, with its pieces re-based so spans still map to the page."""
    parts, start, text = [], 0, segment.text
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max((m.end() for m in re.finditer(r"[.!?;]\s+", window)), default=0) or \
            max((m.end() for m in re.finditer(r"\s+", window)), default=0) or limit
        parts.append(_slice(segment, start, start + cut))
        start += cut
    parts.append(_slice(segment, start, len(text)))
    return parts if len(parts) > 1 else [segment]


def _slice(segment: ProseSegment, start: int, end: int) -> ProseSegment:
    pieces = []
    for piece in segment.pieces:
        a, b = max(piece.start, start), min(piece.start + piece.length, end)
        if a < b:
            pieces.append(replace(piece, start=a - start, page_start=piece.page_start + a - piece.start,
                                  length=b - a))
    return replace(segment, text=segment.text[start:end], pieces=tuple(pieces))


_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                        r"forty|fifty|sixty|seventy|eighty|ninety|hundred|" + "|".join(MULTIPLIERS) + r")\b", re.I)


def may_hold_numbers(text: str) -> bool:
    """A cheap test before parsing: segments without digits or number words hold no facts."""
    return _NUMBERISH.search(text) is not None
