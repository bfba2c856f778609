"""Tables on PDF pages that the ruling grid (`pdf_grid`) does not give: a cheap test for
which pages still look tabular, then camelot on those only.

Camelot's hybrid parser (ruling lines and text alignment) scored best of its flavours on the
peers' own test suites with no per-file settings, so it finds the tables; it costs 100-1000
ms a page against PDFium's few ms, which is why `table_flavor` decides from the characters
and rules PDFium already gave us. pdfplumber's ruling finder, run on those same rules and
characters, is the fallback for a page with rules where camelot finds nothing.
"""
from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.loaders.camelot_page import DEFAULT_DPI, read_page
from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf_layout import Line, build_lines
from pipeline.loaders.pdf_text import cell_text
from pipeline.model import BBox

log = logging.getLogger(__name__)

NUMERIC_CELL_RE = re.compile(r"^[(\-–+£$€]?\s*\d[\d,.]*\s*(?:%|[kKmM]|bn)?\)?$")  # 12, (3.4%), £1.2m, $8M, 2bn


@dataclass(frozen=True)
class FoundTable:
    page: int
    bbox: BBox  # x0, top, x1, bottom in points from the page's top-left
    rows: list[list[str]]
    boxes: list[list[BBox | None]]  # each cell's box, same shape as rows
    method: str


def is_ruled(rules: list[Ruling]) -> bool:
    """Enough horizontal and vertical rules to draw a grid."""
    horizontal = sum(1 for r in rules if r.x1 - r.x0 >= 15 and r.bottom - r.top <= 3)
    vertical = sum(1 for r in rules if r.bottom - r.top >= 8 and r.x1 - r.x0 <= 3)
    return horizontal >= 3 and vertical >= 2


_LEADER_RE = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")  # dot leaders of a contents line


def _is_contents(numeric: list[Line]) -> bool:
    """Label-and-number lines whose numbers are small and rise down the page: page numbers."""
    last = [ln.segments[-1].text.strip() for ln in numeric]
    if not all(t.isdigit() and int(t) < 1000 for t in last):
        return False
    pages = [int(t) for t in last]
    return pages == sorted(pages) and sum(1 for ln in numeric if len(ln.segments) == 2) >= 0.6 * len(numeric)


def _short_cells(line: Line) -> bool:
    """Three or more segments, most of them short: table cells, not columns of prose."""
    lengths = sorted(len(s.text) for s in line.segments)
    return len(lengths) >= 3 and lengths[len(lengths) // 2] <= 25


def _multi(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if len(ln.segments) >= 2 and not _LEADER_RE.search(ln.text)]


def _numeric(multi: list[Line]) -> list[Line]:
    return [ln for ln in multi if any(NUMERIC_CELL_RE.match(s.text) for s in ln.segments[1:])]


_PAGE_NO = re.compile(r"(?<![\d,.])(\d{1,3})\s*$")  # a page number ending a contents line


def is_contents(lines: list[Line]) -> bool:
    """A contents page: entries (dot leaders or label-and-number lines) nearly all ending in
    a small number, rising down the page. Dot leaders alone are not enough: statistical
    tables lead their labels to the values too."""
    entries = [ln for ln in lines if _LEADER_RE.search(ln.text) or len(ln.segments) == 2]
    pages = [int(m.group(1)) for ln in entries if (m := _PAGE_NO.search(ln.text))]
    return len(pages) >= 3 and len(pages) >= 0.8 * len(entries) and pages == sorted(pages)


def looks_tabular(lines: list[Line]) -> bool:
    """Rows of aligned cells holding numbers, rows of short cells, or a page of rotated text;
    not a contents page (dot leaders, page numbers) nor columns of prose."""
    multi = _multi(lines)
    numeric = _numeric(multi)
    if len(numeric) >= 3 and not _is_contents(numeric):
        return True
    if sum(1 for ln in multi if _short_cells(ln)) >= 3:
        return True
    tiny = sum(1 for ln in lines if len(ln.text) <= 2)
    return len(lines) >= 20 and tiny > 0.5 * len(lines)  # rotated text


def table_flavor(lines: list[Line], rules: list[Ruling], turned: bool = False) -> str | None:
    """What a page's text outside its ruled grids needs: None where it does not look tabular,
    has little turned text and no rules (no table finder runs: the cheap path most report
    pages take), 'ruled' where it has rules that drew no closed grid (tables of prose in
    ruled boxes look like prose), else 'network'. A contents page is never a table."""
    if is_ruled(rules):
        return None if is_contents(lines) else "ruled"
    return "network" if turned or looks_tabular(lines) else None


def clean_rows(rows: list[list[str]], boxes: list[list[BBox | None]]) -> tuple[list[list[str]], list[list[BBox | None]]]:
    """Drop rows and columns with no text."""
    keep_rows = [i for i, row in enumerate(rows) if any(c.strip() for c in row)]
    width = max((len(r) for r in rows), default=0)
    keep_cols = [j for j in range(width) if any(j < len(rows[i]) and rows[i][j].strip() for i in keep_rows)]
    return ([[rows[i][j] if j < len(rows[i]) else "" for j in keep_cols] for i in keep_rows],
            [[boxes[i][j] if j < len(boxes[i]) else None for j in keep_cols] for i in keep_rows])


def is_real_table(rows: list[list[str]]) -> bool:
    """At least two rows of two cells, and not a paragraph cut into columns."""
    filled = [c for row in rows for c in row if c.strip()]
    if len(rows) < 2 or not rows or len(rows[0]) < 2 or not filled:
        return False
    multi_rows = sum(1 for row in rows if sum(1 for c in row if c.strip()) >= 2)
    mean_len = sum(len(c) for c in filled) / len(filled)
    return multi_rows >= 2 and not (len(rows[0]) <= 2 and mean_len > 60)


def _from_camelot(table, page: int, height: float) -> FoundTable | None:
    rows = [[str(c) for c in row] for row in table.df.values.tolist()]
    boxes: list[list[BBox | None]] = [[(c.x1, height - c.y2, c.x2, height - c.y1) for c in row]
                                      for row in table.cells]
    rows, boxes = clean_rows(rows, boxes)
    if not is_real_table(rows):
        return None
    x0, y0, x1, y1 = table._bbox
    return FoundTable(page, (x0, height - y1, x1, height - y0), rows, boxes, f"camelot-{table.flavor}")


def camelot_tables(source: Path, page: int, height: float, flavor: str, dpi: int = DEFAULT_DPI,
                   **options) -> list[FoundTable]:
    """Camelot on one page, its ruling detector's image rendered at `dpi`; overlapping
    results keep the larger table. `source` is never a string: camelot fetches strings that
    parse as URLs (`file:x.pdf`, `http:x.pdf`)."""
    if not isinstance(source, Path) or not source.is_absolute():
        raise ValueError(f"camelot needs an absolute path, not {source!r}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = read_page(source, page, flavor, dpi, **options)
    tables = [t for t in (_from_camelot(t, page, height) for t in found) if t is not None]
    return drop_overlaps(tables)


def stacks_values(table: FoundTable) -> bool:
    """Whether a cell holds several lines that are each a number: rows the grid did not rule
    (a bracketed share under a count, '38' over '(29%)', is one value)."""
    for row in table.rows:
        for cell in row:
            lines = [ln.strip() for ln in cell.split("\n") if ln.strip() and not ln.strip().startswith("(")]
            if len(lines) >= 2 and all(NUMERIC_CELL_RE.match(ln) for ln in lines):
                return True
    return False


def _area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def overlap(a: BBox, b: BBox) -> float:
    """Share of the smaller box covered by the other."""
    inter = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    small = min(_area(a), _area(b))
    return _area(inter) / small if small else 0.0


def drop_overlaps(tables: list[FoundTable]) -> list[FoundTable]:
    kept: list[FoundTable] = []
    for table in sorted(tables, key=lambda t: -sum(len(r) for r in t.rows)):
        if all(overlap(table.bbox, k.bbox) < 0.3 for k in kept):
            kept.append(table)
    return sorted(kept, key=lambda t: (t.bbox[1], t.bbox[0]))


def _ruled_cells(rules: list[Ruling]) -> list[list[BBox]]:
    """pdfplumber's ruling-line finder (its default settings: snapping, joining, crossing
    tolerances) run on the rules PDFium read: the cells of each table it makes."""
    from pdfplumber import table as finder
    settings = finder.TableSettings()
    edges = finder.merge_edges([edge for rule in rules for edge in _edges(rule)],
                               settings.snap_x_tolerance, settings.snap_y_tolerance,
                               settings.join_x_tolerance, settings.join_y_tolerance)
    edges = [e for e in edges if e["width" if e["orientation"] == "h" else "height"] >= settings.edge_min_length]
    crossings = finder.edges_to_intersections(edges, settings.intersection_x_tolerance,
                                              settings.intersection_y_tolerance)
    return finder.cells_to_tables(finder.intersections_to_cells(crossings))


def rules_close_a_cell(rules: list[Ruling]) -> bool:
    """Whether pdfplumber's ruling finder can find anything on the page: at least one table
    (two cells or more) of its cells closes."""
    return bool(_ruled_cells(rules))


def _edges(rule: Ruling) -> list[dict[str, Any]]:
    """A rule as pdfplumber's edges: a thin one as its middle line, a thicker box as none."""
    width, height = rule.x1 - rule.x0, rule.bottom - rule.top
    edges: list[dict[str, Any]] = []
    if height <= 3:
        y = (rule.top + rule.bottom) / 2
        edges.append({"x0": rule.x0, "x1": rule.x1, "top": y, "bottom": y, "width": width, "height": 0.0,
                      "orientation": "h"})
    if width <= 3:
        x = (rule.x0 + rule.x1) / 2
        edges.append({"x0": x, "x1": x, "top": rule.top, "bottom": rule.bottom, "width": 0.0, "height": height,
                      "orientation": "v"})
    return edges


def pdfplumber_tables(page: int, rules: list[Ruling], chars: list[Char]) -> list[FoundTable]:
    """pdfplumber's ruling-line tables from the rules PDFium read: the fallback for ruled
    pages camelot finds nothing on. pdfplumber's finder and rows (`Page.find_tables`) without
    parsing the page a second time; each cell's text is its characters' lines, as the grid
    reader writes them (PDFium's character boxes are too loose for pdfplumber's spacing)."""
    from pdfplumber.table import Table

    found = []
    for cells in _ruled_cells(rules):
        table = Table(None, cells)  # type: ignore[arg-type]  # rows need no page
        rows, boxes = [], []
        for row in table.rows:
            inside = [c for c in chars if row.bbox[1] <= (c.top + c.bottom) / 2 < row.bbox[3]]
            rows.append([cell_text(build_lines([c for c in inside if _centred_in(c, cell)]), set()) if cell else ""
                         for cell in row.cells])
            boxes.append([_bbox(cell) if cell else None for cell in row.cells])
        rows, boxes = clean_rows(rows, boxes)
        if is_real_table(rows):
            found.append(FoundTable(page, _bbox(table.bbox), rows, boxes, "pdfplumber-lines"))
    return found


def _centred_in(char: Char, box: tuple[float, ...]) -> bool:
    x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _bbox(values: tuple[float, ...]) -> BBox:
    """pdfplumber's (x0, top, x1, bottom), typed as the four it always is."""
    x0, top, x1, bottom = values
    return (x0, top, x1, bottom)


def _bbox_of(boxes: list[list[BBox | None]]) -> BBox | None:
    cells = [b for row in boxes for b in row if b is not None]
    if not cells:
        return None
    return (min(b[0] for b in cells), min(b[1] for b in cells),
            max(b[2] for b in cells), max(b[3] for b in cells))


def _single(row: list[str]) -> bool:
    return sum(1 for c in row if c.strip()) == 1


def _sentence(row: list[str]) -> bool:
    text = " ".join(c for c in row if c.strip())
    return len(text) > 60 or text.rstrip().endswith((".", ":", ";"))


def trim_rows(table: FoundTable, is_running) -> FoundTable | None:
    """Without rows that are a running head or foot, and without a stack of one-cell title
    rows above the table (the last one stays, as the text loader keeps a title row)."""
    pairs = [(r, b) for r, b in zip(table.rows, table.boxes)
             if not is_running(" ".join(c for c in r if c.strip()))]
    while len(pairs) > 2 and _single(pairs[0][0]) and (_single(pairs[1][0]) or _sentence(pairs[0][0])):
        pairs = pairs[1:]
    rows, boxes = clean_rows([p[0] for p in pairs], [p[1] for p in pairs])
    bbox = _bbox_of(boxes)
    if bbox is None or not is_real_table(rows):
        return None
    return FoundTable(table.page, bbox, rows, boxes, table.method)


def extend_down(table: FoundTable, lines: list[Line]) -> FoundTable:
    """Lines just below a table whose every segment sits in one of its columns are its rows
    (a total row set off by a rule is the usual case camelot leaves out)."""
    columns = [(min((cell[0] for r in table.boxes if (cell := r[c])), default=0.0),
                max((cell[2] for r in table.boxes if (cell := r[c])), default=0.0)) for c in range(len(table.rows[0]))]
    rows, boxes, bottom = list(table.rows), list(table.boxes), table.bbox[3]
    for line in sorted((ln for ln in lines if ln.top >= bottom - 1), key=lambda ln: ln.top):
        if line.top - bottom > 1.5 * line.size:
            break
        cols = [next((j for j, (a, b) in enumerate(columns) if a - 5 <= s.x0 and s.x1 <= b + 5), None)
                for s in line.segments]
        placed = [j for j in cols if j is not None]
        if len(placed) != len(cols) or len(set(placed)) != len(placed) or line.x0 < table.bbox[0] - 5 or \
                not any(j > 0 and NUMERIC_CELL_RE.match(s.text) for s, j in zip(line.segments, placed)):
            break
        row = [""] * len(columns)
        box: list[BBox | None] = [None] * len(columns)
        for s, j in zip(line.segments, placed):
            row[j], box[j] = s.text, (s.x0, line.top, s.x1, line.bottom)
        rows.append(row)
        boxes.append(box)
        bottom = line.bottom
    if len(rows) == len(table.rows):
        return table
    x0, top, x1, _ = table.bbox
    return FoundTable(table.page, (x0, top, x1, bottom), rows, boxes, table.method)
