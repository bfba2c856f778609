"""Markdown pipe tables read by markdown-it-py's GFM table rule, not by regexes.

The parser knows what a hand-written pattern gets wrong: escaped pipes (`\\|`) stay inside
their cell, a short row is padded, a row without outer pipes is still a row, the head row is
the one above the delimiter row, and a table inside a list item is a table. Only the line
ranges and cell sources are taken from it; the caller cleans the cells and places them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from pipeline.loaders.layouts import SourceCell

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PARSER = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class MarkdownTable:
    first_line: int  # index of the head row in the lines given
    end_line: int  # one past the last body row
    rows: tuple[tuple[SourceCell, ...], ...]  # head row first; cell text as the source writes it
    row_lines: tuple[int, ...]  # the line each row stands on


def find_markdown_tables(lines: list[str]) -> list[MarkdownTable]:
    """Every GFM table in the lines. Parsed only when some line looks like a delimiter row, so
    prose-only pages cost nothing."""
    if not any("-" in line and "|" in line and _DELIMITER_ROW.match(line) for line in lines):
        return []
    tokens = _PARSER.parse("\n".join(lines))
    tables: list[MarkdownTable] = []
    rows: list[tuple[SourceCell, ...]] = []
    row_lines: list[int] = []
    cells: list[SourceCell] = []
    start, header, in_row = 0, False, False
    for token in tokens:
        if token.type == "table_open" and token.map is not None:  # block tokens carry their lines
            start, rows, row_lines = token.map[0], [], []
        elif token.type == "tr_open" and token.map is not None:
            cells, in_row = [], True
            row_lines.append(token.map[0])
        elif token.type in ("th_open", "td_open"):
            header = token.type == "th_open"
        elif token.type == "inline" and in_row:
            cells.append(SourceCell(token.content, header=header))
        elif token.type == "tr_close":
            rows.append(tuple(cells))
            in_row = False
        elif token.type == "table_close":
            tables.append(MarkdownTable(start, row_lines[-1] + 1, tuple(rows), tuple(row_lines)))
    return tables
