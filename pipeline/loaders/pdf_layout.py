"""Characters to lines, and lines to reading order (column by column).

A line is the characters sharing a baseline, split into segments wherever the gap between
two characters is wider than an em: segments are words runs of one column or one table cell.
Columns are found from gutters: an x-interval that many lines have a gap across and few
lines cross. Lines crossing a gutter (titles, tables) cut the page into bands, and each band
is read column by column, left to right, which is how a person reads a multi-column page.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from typing import Sequence

from pipeline.loaders.pdf_chars import Char

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
WORD_GAP = 0.15  # of the font size: a wider gap between characters is a space
SEGMENT_GAP = 1.5  # of the font size: a wider gap starts a new segment (column, cell)


@dataclass(frozen=True)
class LineRun:
    """A run of a line's characters between wide gaps (a column or a cell)."""
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Line:
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # the line's dominant font size
    bold: bool
    segments: tuple[LineRun, ...]
    table: int | None = None  # index of the table this placeholder line stands for
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def _dominant_size(chars: Sequence[Char]) -> float:
    sizes = sorted(c.size for c in chars)
    return sizes[len(sizes) // 2] if sizes else 0.0  # statistics.median_high, without its checks: called per line


def _median(values: list[float]) -> float:
    """statistics.median of a non-empty list, without its type checks."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _is_superscript(char: Char, size: float, baseline: float) -> bool:
    return char.size <= 0.8 * size and baseline - char.baseline >= 0.2 * size


def _group_baselines(chars: list[Char]) -> list[list[Char]]:
    """Characters whose baselines are within a third of their size share a line."""
    groups: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c.baseline):
        if groups:
            last = groups[-1]
            size = max(last[0].size, char.size, 1.0)
            if abs(char.baseline - last[-1].baseline) <= size / 3:
                last.append(char)
                continue
        groups.append([char])
    return _merge_raised(groups)


def _merge_raised(groups: list[list[Char]]) -> list[list[Char]]:
    """A group of small raised characters (superscripts) joins the line just below it."""
    merged: list[list[Char]] = []
    for i, group in enumerate(groups):
        below = groups[i + 1] if i + 1 < len(groups) else None
        if below and _dominant_size(group) <= 0.8 * _dominant_size(below) and \
                0 < below[0].baseline - group[-1].baseline <= 0.6 * _dominant_size(below):
            below.extend(group)
            continue
        merged.append(group)
    return merged


def _segment_text(chars: list[Char], size: float, baseline: float) -> str:
    out, prev = [], None
    for char in chars:
        sup = char.text.isdigit() and _is_superscript(char, size, baseline)
        if prev is not None and char.x0 - prev.x1 > WORD_GAP * size and not sup:
            out.append(" ")
        out.append(char.text.translate(SUPERSCRIPT_DIGITS) if sup else char.text)
        prev = char
    return "".join(out)


def _line_of(chars: list[Char]) -> Line:
    chars = sorted(chars, key=lambda c: c.x0)
    size = _dominant_size(chars)
    normal = [c for c in chars if c.size >= 0.8 * size] or chars
    baseline = _median([c.baseline for c in normal])
    runs: list[list[Char]] = [[chars[0]]]
    for char in chars[1:]:
        if char.x0 - runs[-1][-1].x1 > SEGMENT_GAP * size:
            runs.append([char])
        else:
            runs[-1].append(char)
    segments = tuple(LineRun(r[0].x0, max(c.x1 for c in r), _segment_text(r, size, baseline))
                     for r in runs)
    bold = sum(c.bold for c in normal) > 0.8 * len(normal)
    return Line(chars[0].x0, baseline - 0.8 * size, max(c.x1 for c in chars), baseline + 0.2 * size,
                size, bold, segments)


def build_lines(chars: list[Char]) -> list[Line]:
    """Lines top to bottom; each line's characters left to right."""
    return [_line_of(group) for group in _group_baselines(chars) if group]


def split_line(line: Line, x: float) -> tuple[Line | None, Line | None]:
    """The parts of a line left and right of x (None where a side is empty)."""
    left = tuple(s for s in line.segments if s.x1 <= x)
    right = tuple(s for s in line.segments if s.x0 >= x)
    def part(segs: tuple[LineRun, ...]) -> Line | None:
        return replace(line, x0=segs[0].x0, x1=segs[-1].x1, segments=segs) if segs else None
    return part(left), part(right)


def _crosses(line: Line, lo: float, hi: float) -> bool:
    return any(s.x0 < hi and s.x1 > lo for s in line.segments)


def find_gutter(lines: list[Line], x0: float, x1: float) -> tuple[float, float] | None:
    """The widest empty x-interval in the middle of [x0, x1] that splits enough lines."""
    width = x1 - x0
    if width < 150 or len(lines) < 6:
        return None
    step = 2.0
    bins = int(width / step) + 1
    cover = [0] * bins
    for line in lines:
        for s in line.segments:
            for b in range(max(0, int((s.x0 - x0) / step)), min(bins, int((s.x1 - x0) / step) + 1)):
                cover[b] += 1
    limit = max(1, len(lines) // 20)
    best, start = None, None
    for b in range(bins + 1):
        free = b < bins and cover[b] <= limit and 0.2 * bins <= b <= 0.8 * bins
        if free and start is None:
            start = b
        elif not free and start is not None:
            if (b - start) * step >= 8 and (best is None or b - start > best[1] - best[0]):
                best = (start, b)
            start = None
    if best is None:
        return None
    lo, hi = x0 + best[0] * step, x0 + best[1] * step
    return (lo, hi) if _is_text_columns(lines, lo, hi, width) else None


def _is_text_columns(lines: list[Line], lo: float, hi: float, width: float) -> bool:
    """Both sides hold lines of prose width, on enough lines: not a label-and-number list."""
    lefts = [sum(s.x1 - s.x0 for s in ln.segments if s.x1 <= lo) for ln in lines]
    rights = [sum(s.x1 - s.x0 for s in ln.segments if s.x0 >= hi) for ln in lines]
    both = sum(1 for a, b in zip(lefts, rights) if a and b)
    wide_left = statistics.mean([a for a in lefts if a] or [0]) >= 0.2 * width
    wide_right = statistics.mean([b for b in rights if b] or [0]) >= 0.2 * width
    return both >= 3 and wide_left and wide_right


def reading_order(lines: list[Line], x0: float, x1: float, depth: int = 0) -> list[Line]:
    """Lines in reading order: bands split by gutter-crossing lines, each read column-wise."""
    text_lines = [ln for ln in lines if ln.table is None]
    gutter = find_gutter(text_lines, x0, x1) if depth < 3 else None
    if gutter is None:
        return lines
    lo, hi = gutter
    out: list[Line] = []
    band: list[Line] = []
    for line in lines:
        if line.table is not None or _crosses(line, lo, hi):
            out += _read_band(band, x0, x1, lo, hi, depth) + [line]
            band = []
        else:
            band.append(line)
    return out + _read_band(band, x0, x1, lo, hi, depth)


def _read_band(band: list[Line], x0: float, x1: float, lo: float, hi: float, depth: int) -> list[Line]:
    lefts, rights = [], []
    for line in band:
        left, right = split_line(line, (lo + hi) / 2)
        lefts += [left] if left else []
        rights += [right] if right else []
    return (reading_order(lefts, x0, lo, depth + 1) + reading_order(rights, hi, x1, depth + 1))
