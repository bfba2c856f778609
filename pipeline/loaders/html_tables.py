"""HTML tables in converted text, read with the standard library's HTML parser.

Reports converted to text keep stray HTML tables inside Markdown-ish prose, so the parser is
used only to find the tables and read their structure (rows, <th>, <thead>, colspan, rowspan,
<caption>, tables nested in cells); everything outside them stays the caller's text. A parser,
not regexes: one pass over the input, so a page of unclosed <table> tags costs linear time
rather than a rescan from every tag, and tag soup (implied </td>, </tr>) reads as a browser
would. An unclosed table ends after its last complete cell; a table without cells is no table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pipeline.loaders.layouts import SourceCell

MAX_SPAN = 100  # a colspan of 10,000 is a broken file, not a table that wide
_SPACE = re.compile(r"\s+")


@dataclass
class HtmlTable:
    start: int  # offsets of '<table' and just past its end in the parsed text
    end: int
    depth: int  # 0 for a table not inside another table
    caption: str = ""
    rows: list[list[SourceCell]] = field(default_factory=list)


@dataclass
class _Open:
    """A table being read: the row and cell in progress and where its last whole cell ended."""
    table: HtmlTable
    row: list[SourceCell] | None = None
    cell: dict | None = None
    caption: list[str] | None = None
    in_head: bool = False
    last_end: int = -1
    parts: list[str] = field(default_factory=list)


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    if not attrs:
        return 1
    value = dict(attrs).get(name) or "1"
    return min(int(value), MAX_SPAN) if value.strip().isdigit() and int(value) > 0 else 1


def clean_cell_text(parts: list[str]) -> str:
    return _SPACE.sub(" ", "".join(parts).replace("\u00a0", " ")).strip()


class _TableReader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[_Open] = []
        self.found: list[HtmlTable] = []

    def position(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.stack.append(_Open(HtmlTable(self.position(), -1, len(self.stack))))
            return
        if not self.stack:
            return
        top = self.stack[-1]
        if tag == "tr":
            self._close_row(top)
            top.row = []
        elif tag in ("td", "th"):
            self._close_cell(top)
            if top.row is None:
                top.row = []
            top.cell = {"parts": [], "header": tag == "th" or top.in_head,
                        "colspan": _span(attrs, "colspan"), "rowspan": _span(attrs, "rowspan")}
        elif tag == "caption":
            top.caption = []
        elif tag == "thead":
            top.in_head = True
        elif tag in ("tbody", "tfoot"):
            top.in_head = False
        else:
            self._data(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and tag != "table":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            return
        top = self.stack[-1]
        end = self.text.find(">", self.position()) + 1
        if tag == "table":
            self._close_row(top)
            self._finish(self.stack.pop(), end)
        elif tag in ("td", "th"):
            self._close_cell(top, end)
        elif tag == "tr":
            self._close_row(top, end)
        elif tag == "caption" and top.caption is not None:
            top.table.caption = clean_cell_text(top.caption)
            top.caption = None
        elif tag == "thead":
            top.in_head = False
        else:
            self._data(" ")

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _data(self, data: str) -> None:
        if not self.stack:
            return
        top = self.stack[-1]
        if top.caption is not None:
            top.caption.append(data)
        elif top.cell is not None:
            top.cell["parts"].append(data)

    def _close_cell(self, top: _Open, end: int | None = None) -> None:
        if top.cell is None or top.row is None:  # a cell opens a row when it has none
            return
        cell = top.cell
        top.row.append(SourceCell(clean_cell_text(cell["parts"]), cell["colspan"], cell["rowspan"],
                                  cell["header"]))
        top.cell = None
        top.last_end = end if end is not None else self.position()

    def _close_row(self, top: _Open, end: int | None = None) -> None:
        self._close_cell(top, end)
        if top.row:
            top.table.rows.append(top.row)
            top.last_end = end if end is not None else max(top.last_end, self.position())
        top.row = None

    def _finish(self, open_table: _Open, end: int) -> None:
        if open_table.table.rows:
            open_table.table.end = end
            self.found.append(open_table.table)

    def close(self) -> None:
        """Tables left open at the end stop after their last whole cell."""
        super().close()
        while self.stack:
            top = self.stack.pop()
            top.cell = None  # an unclosed last cell would swallow the rest of the text
            if top.row:
                top.table.rows.append(top.row)
            self._finish(top, top.last_end)


def find_html_tables(text: str) -> list[HtmlTable]:
    """Every table in the text with its structure, outer tables before the tables inside them."""
    if "<table" not in text.lower():
        return []
    reader = _TableReader(text)
    reader.feed(text)
    reader.close()
    return sorted(reader.found, key=lambda t: t.start)


def outer_regions(tables: list[HtmlTable]) -> list[tuple[int, int, list[HtmlTable]]]:
    """(start, end, tables) for each outermost table: the span it replaces in the text, and
    it and the tables nested in it, in order."""
    regions: list[tuple[int, int, list[HtmlTable]]] = []
    for table in tables:
        if regions and table.start < regions[-1][1]:
            regions[-1][2].append(table)
        elif table.end > table.start:
            regions.append((table.start, table.end, [table]))
    return regions
