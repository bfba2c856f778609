"""Lines of a page with their offsets, and what a cell of a plain-text table can hold.

The plain-text table finders (aligned columns, flattened rows, one cell per line) all walk the
page line by line and ask the same question of a piece of text: is it a value (a number as
tables print them, or a dash or 'n/a' standing for one)? One definition, so they agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

VALUE = (r"\(?[-−+]?[£$€]?\d[\d,]*(?:\.\d+)?\s?(?:%|pp|k|m|bn)?\)?\*?"
         r"|n/?a|N/?A|-|–|—|\*|x|\.\.|tbc|TBC")
_VALUE_CELL = re.compile(rf"(?:{VALUE})(?:\s*\((?:[-−+]?\d[\d,]*(?:\.\d+)?%?)[^()]{{0,20}}\))?")


@dataclass(frozen=True)
class Line:
    index: int  # position among the page's lines
    start: int  # offset of the line's first character in the page text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def page_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for i, line in enumerate(text.split("\n")):
        lines.append(Line(i, start, line))
        start += len(line) + 1
    return lines


def is_value(cell: str) -> bool:
    """A table value: '1,204', '£12.5k', '-3.2%', '(450)', 'n/a', '–', '40,861 (3%)'."""
    return bool(_VALUE_CELL.fullmatch(cell.strip()))


def has_digit_value(cells: list[str]) -> bool:
    return any(is_value(c) and any(ch.isdigit() for ch in c) for c in cells)
