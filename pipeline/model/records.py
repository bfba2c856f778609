"""The document model and the records every step passes on.

Loaders turn any input into a `Document` (pages of text and tables of cells, every piece
with its page and character span); extractors turn a `Document` into `Fact`s; rules turn
facts into `Flag`s. All are frozen dataclasses so any step can run in another process and
be tested on records built inline. Arrow conversion happens once, in `pipeline.output.writer`.
"""
from __future__ import annotations

from functools import cached_property
from dataclasses import dataclass, field
from typing import Optional

from pipeline.model.vocab import ComparedTo, Direction, DocumentStatus, FlagStatus, Kind, Role, Severity, Source, Unit

__all__ = ["BBox", "Heading", "Page", "Cell", "Table", "Document", "Fact", "SkippedNumber", "Extraction", "Flag",
           "DocumentResult"]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Heading:
    char_start: int  # where the heading's line starts in its page's text
    level: int  # 1 = top; guessed from Markdown '#'s, bold or layout
    text: str


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str  # the normalised text that every character span points into
    headings: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class Cell:
    row: int  # 0-based within its table
    col: int
    text: str
    page: int
    char_start: Optional[int] = None  # span in that page's text, where the cell's text is there
    char_end: Optional[int] = None
    bbox: Optional[BBox] = None
    ref: Optional[str] = None  # a spreadsheet cell's own address ("Sheet1!C7"), its provenance
    col_span: int = 1  # grid columns the cell covers (HTML colspan, a header centred over two columns)
    row_span: int = 1  # grid rows it covers (HTML rowspan); covered slots hold no cell of their own


@dataclass(frozen=True)
class Table:
    table_id: str
    page: int  # first page
    cells: tuple[Cell, ...]
    header_rows: int = 0  # how many leading rows are headers
    heading: str = ""  # the section heading the table sits under
    method: str = ""  # how it was found: tsv, markdown, html, lattice, stream, ...
    pages: tuple[int, ...] = ()  # all pages, for a table stitched across pages
    bbox: Optional[BBox] = None
    caption: str = ""  # the title line directly above the table ('Table 2: Spend by theme (£000s)')
    notes: tuple[str, ...] = ()  # lines directly under it: source, scale, units, definitions
    label_cols: tuple[int, ...] = ()  # columns of row labels (names, dates, codes), as the table reader found

    @cached_property
    def n_rows(self) -> int:  # cached: a scan of every cell, asked for in loops over cells
        return 1 + max((c.row for c in self.cells), default=-1)

    @cached_property
    def n_cols(self) -> int:
        return 1 + max((c.col for c in self.cells), default=-1)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by row, each row padded with empty cells to the table's width (new
        lists each call; the grid itself is built once, as the extractors ask for it often)."""
        return [list(row) for row in self._grid]

    @cached_property
    def _grid(self) -> tuple[tuple[Cell, ...], ...]:
        width = self.n_cols
        grid: list[list[Optional[Cell]]] = [[None] * width for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell
        return tuple(tuple(c or Cell(r, i, "", self.page) for i, c in enumerate(row))
                     for r, row in enumerate(grid))

    def column_path(self, col: int) -> tuple[str, ...]:
        """The labels the header rows give one column, top to bottom, a spanning header cell
        counting for every column it covers: ('2022/23', 'Apr–Jun'). Repeats are dropped."""
        path: list[str] = []
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            if (cell.row < self.header_rows and cell.text and cell.col <= col < cell.col + cell.col_span
                    and (not path or path[-1] != cell.text)):
                path.append(cell.text)
        return tuple(path)


@dataclass(frozen=True)
class Document:
    doc_id: str  # sha256 of the content: renaming a file does not change it
    file_name: str
    path: str
    sha256: str
    format: str  # txt, md, html, pdf, ...
    status: DocumentStatus
    reason: str = ""
    pages: tuple[Page, ...] = ()
    tables: tuple[Table, ...] = ()
    title: str = ""
    organisation: str = ""
    period: str = ""  # the reporting period the document states, normalised
    size_bytes: int = 0


@dataclass(frozen=True)
class Fact:
    fact_id: str
    doc_id: str
    kind: Kind
    value: float
    unit: Unit
    subject: str
    page: int
    char_start: int
    char_end: int
    text: str  # the snippet the number was read from
    source: Source
    extractor: str
    period: str = ""
    direction: Direction = ""  # increase / decrease for a change
    theme: str = ""  # the section heading
    label: str = ""  # a sub-label inside a cell ("Opiate") or a KPI's preferred direction
    qualifier: str = ""  # over, nearly, approximately, more than, almost, up to
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    claim_id: str = ""  # facts of one statement share it
    role: Role = ""  # within the claim: value, part, whole, from, to, change_abs, change_pct, ...
    compared_period: str = ""
    area: str = ""  # the partnership whose section the fact sits in
    table_id: str = ""
    row: Optional[int] = None
    col: Optional[int] = None
    bbox: Optional[BBox] = None
    note: str = ""  # commentary, data owner or footnote text kept with the fact
    column: str = ""  # a table fact's column label path ("2022/23 › Apr–Jun"), to pivot tables back out
    measure: str = ""  # the normalised quantity key (subject through the lexicon), to group restatements
    compared_to: ComparedTo = ""  # a change's scope: baseline, previous_year, previous_period, ...
    precision: Optional[float] = None  # one unit of the last printed digit (81.0% -> 0.1), as printed


@dataclass(frozen=True)
class SkippedNumber:
    """A number the document prints that an extractor read and decided is not a fact: the
    ledger (`skipped.parquet`) that lets an analyst audit what was left out."""
    doc_id: str
    page: int
    char_start: int
    char_end: int
    text: str  # the number as printed
    reason: str  # date, year, period_label, section_number, page_number, reference, phone, ...
    source: Source
    table_id: str = ""
    row: Optional[int] = None
    col: Optional[int] = None


@dataclass(frozen=True)
class Extraction:
    """What an extractor returns: the facts it read and the numbers it skipped, with why."""
    facts: tuple[Fact, ...] = ()
    skipped: tuple[SkippedNumber, ...] = ()

    def __add__(self, other: "Extraction") -> "Extraction":
        return Extraction(self.facts + other.facts, self.skipped + other.skipped)


@dataclass(frozen=True)
class Flag:
    flag_id: str
    rule_id: str
    severity: Severity
    doc_id: str
    message: str
    expected: Optional[float]
    observed: Optional[float]
    difference: Optional[float]
    tolerance: str
    fact_ids: tuple[str, ...]
    page: Optional[int] = None
    snippet: str = ""
    arithmetic: str = ""
    status: FlagStatus = "open"  # from the review decisions store
    decision_reason: str = ""
    decision_note: str = ""


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document yields; the unit a worker returns."""
    document: Document
    facts: tuple[Fact, ...] = ()
    flags: tuple[Flag, ...] = ()
    seconds: float = 0.0
    skipped: tuple[SkippedNumber, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)
