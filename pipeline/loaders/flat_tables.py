"""Flattened rows, as converters write PDF tables: one row a line, single spaces throughout.

    Service Budget Actual % spent Variance
    Youth diversion 120.5 130.0 92.7% 9.5

A run of two or more lines that each end in the same number N >= 2 of values is a table: the
last N values are its cells, what comes before them the row label (so a label with a number
in it, 'Aged 10 to 17', keeps it). The line above the run names the columns; its words are
grouped into N labels (a period, '% spent', 'Rate per 1,000' are one label each; labels start
in capitals, digits or symbols), and when they do not group so the whole line is kept as one
header cell spanning the table.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from pipeline.loaders.layouts import Layout, Slot
from pipeline.loaders.text_lines import VALUE, Line, is_value

_TOKEN = re.compile(r"\S+")
_WORD_VALUE = re.compile(rf"(?:{VALUE})")
_PERIOD = re.compile(
    r"(?:Q[1-4]|Qtr [1-4]|Quarter [1-4]|H[12])(?: 20\d\d(?:[/-]\d{2,4})?)?|20\d\d ?[/-] ?\d{2,4}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? ?(?:[-–—]|to) ?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?: 20\d\d)?|"
    r"(?:Year|Yr) to date|Same period last year|Previous year|Last year|This year|Full year", re.I)
_JOINERS = {"of", "per", "to", "and", "vs", "v", "on", "in", "from", "&", "-", "–", "against"}
_STICKS_BACK = re.compile(r"^(?:\(.*\)|£000s?|£k|£m|k|m)$", re.I)
_STICKS_ON = {"%", "£", "No.", "No", "Number", "Total"}
_YEAR = re.compile(r"(?:19[89]\d|20[0-4]\d)")
MIN_ROWS = 2
MIN_VALUES = 2


def trailing_values(line: str) -> list[re.Match]:
    """The value tokens a line ends with, in order."""
    tokens = list(_TOKEN.finditer(line))
    run: list[re.Match] = []
    for token in reversed(tokens):
        if not is_value(token.group(0)):
            break
        run.insert(0, token)
    return run if len(run) < len(tokens) else []  # a row has a label


def _units(line: str) -> list[tuple[int, int]]:
    """The header's words grouped into column labels, as (start, end) within the line."""
    spans: list[list[int]] = []
    for m in _TOKEN.finditer(_PERIOD.sub(lambda p: p.group(0).replace(" ", "\0"), line)):
        word = m.group(0).replace("\0", " ")
        joins = spans and (word.lower() in _JOINERS or _STICKS_BACK.match(word) or
                           line[spans[-1][0]:spans[-1][1]].split()[-1].lower() in _JOINERS or
                           line[spans[-1][0]:spans[-1][1]] in _STICKS_ON)
        if joins:
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    return [(a, b) for a, b in spans]


def header_slots(line: Line, n_values: int) -> list[Slot]:
    """The header line's cells over a table of one label column and n value columns."""
    units = _units(line.text)
    if len(units) < n_values or any(line.text[a].islower() for a, _ in units[len(units) - n_values:]):
        # too few labels, or words of a sentence ('Referrals this year and last'): one cell
        stripped = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        return [Slot(0, 0, stripped, line.start + lead, line.start + lead + len(stripped),
                     col_span=n_values + 1, header=True)]
    extra = len(units) - n_values  # words left of the value labels name the label column
    stub = [(units[0][0], units[extra - 1][1])] if extra else []
    cols = ([(0, stub[0])] if stub else []) + list(zip(range(1, n_values + 1), units[extra:]))
    return [Slot(0, col, line.text[a:b], line.start + a, line.start + b, header=True) for col, (a, b) in cols]


def _row_slots(row: int, line: Line, n_values: int) -> list[Slot]:
    values = trailing_values(line.text)[-n_values:]
    label_end = values[0].start()
    label = line.text[:label_end].strip()
    lead = len(line.text) - len(line.text.lstrip())
    slots = [Slot(row, 0, label, line.start + lead, line.start + lead + len(label))]
    return slots + [Slot(row, i + 1, m.group(0), line.start + m.start(), line.start + m.end())
                    for i, m in enumerate(values)]


def _runs(lines: list[Line], taken: frozenset[int]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines + [Line(len(lines), -1, "")]:
        usable = line.start not in taken and "\t" not in line.text and "  " not in line.text.strip()
        if usable and len(trailing_values(line.text)) >= MIN_VALUES and any(
                ch.isalpha() for ch in line.text[:trailing_values(line.text)[0].start()]):
            current.append(line)
            continue
        if len(current) >= MIN_ROWS:
            runs.append(current)
        current = []
    return runs


def _header_line(lines: list[Line], first: Line, taken: frozenset[int]) -> Optional[Line]:
    """The non-blank line directly above the run, when it holds no number: it names the columns."""
    above = lines[first.index - 1] if first.index else None
    if above is None or above.start in taken or not above.text.strip() or "\t" in above.text:
        return None
    return None if trailing_values(above.text) or len(above.text) > 160 else above


def _year_header(run: list[Line]) -> bool:
    """The run's first line ends in years ('Area 2019 2020') and the others do not: it is the
    header, its years the column labels."""
    def years(line: Line) -> bool:
        return all(_YEAR.fullmatch(m.group(0)) for m in trailing_values(line.text))
    return years(run[0]) and not any(years(line) for line in run[1:])


def find_flat_tables(lines: list[Line], text: str, taken: frozenset[int]) -> list[Layout]:
    """Every run of flattened rows with the header line above it."""
    layouts = []
    for run in _runs(lines, taken):
        n = Counter(min(len(trailing_values(ln.text)), 12) for ln in run).most_common(1)[0][0]
        head = _header_line(lines, run[0], taken)
        if _year_header(run) and len(run) > MIN_ROWS:
            head, run = run[0], run[1:]
        slots = header_slots(head, n) if head else []
        offset = 1 if head else 0
        slots += [s for i, line in enumerate(run) for s in _row_slots(i + offset, line, n)]
        layouts.append(Layout("flattened", tuple(slots), header_rows=offset))
    return layouts
