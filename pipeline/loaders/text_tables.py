"""Tables in clean text: runs of tab-separated lines, each cell with its character span."""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.loaders.table_margins import caption_above, notes_below
from pipeline.model.ids import stable_id
from pipeline.model import Cell, Heading, Table

_PERIODISH = re.compile(r"\b(?:Q[1-4]|Qtr|Quarter|20\d\d|Baseline|Target|Total|Commentary|"
                        r"Output|Month|Year|Actual|Budget|Spend|Allocation|KPI|Forecast|Outturn|"
                        r"Variance|Change|Previous|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", re.I)
_NUMERIC = re.compile(r"[£\d,.%() /-]+")
_PERIOD_LABEL = re.compile(r"(?:19|20)\d\d(?:\s?[/-]\s?\d{2,4})?")


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _cells_of_line(text: str, start: int, end: int, row: int, page: int) -> list[Cell]:
    cells, pos = [], start
    for col, raw in enumerate(text[start:end].split("\t")):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        cell_start = pos + lead
        cells.append(Cell(row=row, col=col, text=stripped, page=page,
                          char_start=cell_start if stripped else None,
                          char_end=cell_start + len(stripped) if stripped else None))
        pos += len(raw) + 1
    return cells


def _is_number(text: str) -> bool:
    """A figure, not a period label: '1,204' and '£5' are, '2015/16' and '2019' are not."""
    return bool(_NUMERIC.fullmatch(text)) and not _PERIOD_LABEL.fullmatch(text)


def _labels_over_numbers(row: list[Cell], below: list[list[Cell]]) -> bool:
    """A row of text whose columns hold numbers in the rows under it: column labels."""
    labelled = {c.col for c in row if c.text}
    return len(labelled) >= 2 and any(_is_number(c.text) and c.col in labelled and any(ch.isdigit() for ch in c.text)
                                      for r in below for c in r)


def header_row_count(rows: list[list[Cell]]) -> int:
    """Leading rows that read as headers: a title row (one cell), rows of period and role
    labels, and a last row of any labels standing over columns of numbers."""
    count = 0
    for i, row in enumerate(rows[:3]):
        filled = [c for c in row if c.text]
        if len(filled) == 1 and count == 0 and len(rows) > 1:
            count += 1
            continue
        if not filled or any(_is_number(c.text) for c in filled):
            break
        if sum(bool(_PERIODISH.search(c.text)) for c in filled) >= 2:
            count += 1
            continue
        if _labels_over_numbers(row, rows[i + 1:i + 4]):
            count += 1
        break
    return count


def spanning_row(row: list[Cell]) -> list[Cell]:
    """An upper header row's labels spanning the empty cells after them, as a merged cell
    ('2022/23' over 'Q1', 'Q2') is exported: each covers the columns up to the next label."""
    filled = [c.col for c in row if c.text] + [len(row)]
    return [replace(c, col_span=filled[filled.index(c.col) + 1] - c.col) if c.text else c for c in row]


def heading_before(headings: list[Heading], offset: int) -> str:
    before = [h for h in headings if h.char_start < offset]
    return before[-1].text if before else ""


def _width(text: str, span: tuple[int, int]) -> int:
    return text[span[0]:span[1]].count("\t") + 1


def find_text_tables(doc_id: str, page: int, text: str, headings: list[Heading],
                     taken: frozenset[int] = frozenset()) -> list[Table]:
    """Every run of lines holding a tab becomes one table. Blank lines inside a run of rows
    of the same width (3+ columns) do not end it: converters put them between table rows.
    Lines starting at an offset in `taken` belong to tables found otherwise and end a run."""
    tables: list[Table] = []
    run: list[tuple[int, int]] = []
    blanks = 0
    spans = _line_spans(text)
    for i, span in enumerate(spans + [(len(text), len(text))]):
        line = "" if span[0] in taken else text[span[0]:span[1]]
        if "\t" in line:
            run.append(span)
            blanks = 0
            continue
        if run and _section_row(line) and _continues(text, spans[i + 1:], run[-1]):
            run.append(span)
            blanks = 0
            continue
        if run and not line.strip() and blanks < 2 and i + 1 < len(spans):
            following = next((s for s in spans[i + 1:] if text[s[0]:s[1]].strip()), None)
            if (following and "\t" in text[following[0]:following[1]]
                    and _width(text, following) == _width(text, run[-1]) >= 3):
                blanks += 1
                continue
        if run:
            tables.append(_table_from_run(doc_id, page, text, run, headings, len(tables)))
            run, blanks = [], 0
    return tables


def _section_row(line: str) -> bool:
    """A short title line ('Prevention', 'Victims and offenders') standing between rows."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= 60 and len(stripped.split()) <= 8 and \
        not re.search(r"[.:;!?]$|\d", stripped)


def _continues(text: str, rest: list[tuple[int, int]], last: tuple[int, int]) -> bool:
    """The next line is a tab row as wide as the run's last row (3+ columns)."""
    following = next((s for s in rest if text[s[0]:s[1]].strip()), None)
    return bool(following and "\t" in text[following[0]:following[1]]
                and following == rest[0] and _width(text, following) == _width(text, last) >= 3)


def _table_from_run(doc_id: str, page: int, text: str, run: list[tuple[int, int]],
                    headings: list[Heading], index: int) -> Table:
    cells: list[Cell] = []
    for row, (start, end) in enumerate(run):
        cells += _cells_of_line(text, start, end, row, page)
    width = max(c.col for c in cells) + 1
    rows: list[list[Cell]] = [[] for _ in run]
    for c in cells:  # one pass: filtering the cells once per row was quadratic in a wide table
        rows[c.row].append(c)
    rows = [row + [Cell(r, i, "", page) for i in range(len(row), width)]
            for r, row in enumerate(rows)]
    header_rows = header_row_count(rows)
    rows = [spanning_row(row) if r < header_rows - 1 else row for r, row in enumerate(rows)]
    return Table(
        table_id=stable_id("tbl", doc_id, page, run[0][0], index),
        page=page, cells=tuple(c for row in rows for c in row if c.text),
        header_rows=header_rows, heading=heading_before(headings, run[0][0]),
        method="tsv", pages=(page,), caption=caption_above(text, run[0][0]),
        notes=notes_below(text, run[-1][1]))
