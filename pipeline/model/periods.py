"""Reporting periods normalised: UK financial years (April to March) as YYYY-YY, quarters as
YYYY-YY Qn, halves as YYYY-YY H1, calendar months as YYYY-MM."""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_Y4 = r"(?:19|20)\d\d"

# A financial year: 2015/16, 2015-16, 2015-2016, 2015/2016, 2015 16, 2015–16.
FY_RE = re.compile(rf"(?<![\d/])(?P<y1>{_Y4})\s?(?:[/\-–]|\s)\s?(?P<y2>{_Y4}|\d\d)(?![\d/])")
QUARTER_RE = re.compile(
    rf"\b(?:Q|Qtr\.?\s?|Quarter\s)(?P<q>[1-4])\b[\s,]*(?P<fy>{_Y4}\s?[/\-–]\s?(?:{_Y4}|\d\d))?", re.I)
HALF_RE = re.compile(rf"\bH(?P<h>[12])\b[\s,]*(?P<fy>{_Y4}\s?[/\-–]\s?(?:{_Y4}|\d\d))?", re.I)
# A run of months: "Apr-March 2014", "April 2013 - March 2014", "1st April 2017 and 31st
# March 2018", "April to September 2019", "Oct-Dec 2015".
MONTH_RANGE_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m1>{_MONTH})\.?\s?(?P<y1>{_Y4})?\s?(?:-|–|to|and)\s?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m2>{_MONTH})\.?\s?(?P<y2>{_Y4})\b", re.I)
# Month runs that make a standard block of the financial year (April = month 1).
FY_BLOCKS = {(1, 12): "", (1, 3): " Q1", (4, 6): " Q2", (7, 9): " Q3", (10, 12): " Q4",
             (1, 6): " H1", (7, 12): " H2"}
MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<y>{_Y4})\b", re.I)


@dataclass(frozen=True)
class PeriodMention:
    period: str
    start: int
    end: int


def financial_year(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


_FINANCIAL = re.compile(r"^(?P<a>\d{4})-(?P<b>\d\d)(?: [QH]\d)?$")


def is_financial_period(period: str) -> bool:
    """A financial year, or a quarter or half of one (not '2015-06', a month, nor a strategy span)."""
    m = _FINANCIAL.match(period or "")
    return m is not None and int(m.group("b")) == (int(m.group("a")) + 1) % 100


def financial_year_of_month(year: int, month: int) -> str:
    """The financial year a calendar month falls in: 2016-02 -> 2015-16."""
    return financial_year(year if month >= 4 else year - 1)


def _fy_from(y1: str, y2: str) -> str | None:
    first = int(y1)
    second = int(y2) if len(y2) == 4 else first - first % 100 + int(y2)
    if second < first:  # 1999/00
        second += 100
    return financial_year(first) if second == first + 1 else None


def month_range_period(m: re.Match) -> str:
    """'April to September 2019' -> '2019-20 H1'; '' for a run that is no standard block."""
    first, last = (MONTHS[m.group(g)[:3].lower()] for g in ("m1", "m2"))
    end_year = int(m.group("y2"))
    start_year = end_year if last >= 4 else end_year - 1  # the financial year the run ends in
    if m.group("y1") and int(m.group("y1")) != (start_year if first >= 4 else start_year + 1):
        return ""
    block = FY_BLOCKS.get(((first - 4) % 12 + 1, (last - 4) % 12 + 1))
    return "" if block is None else financial_year(start_year) + block


def _fy_text(text: str) -> str | None:
    m = FY_RE.search(text or "")
    return _fy_from(m.group("y1"), m.group("y2")) if m else None


def find_periods(text: str) -> list[PeriodMention]:
    """Every period stated in text, most specific first where two overlap."""
    found: list[PeriodMention] = []
    for m in QUARTER_RE.finditer(text):
        fy = _fy_text(m.group("fy") or "")
        found.append(PeriodMention(f"{fy} Q{m.group('q')}" if fy else f"Q{m.group('q')}",
                                   m.start(), m.end()))
    for m in HALF_RE.finditer(text):
        fy = _fy_text(m.group("fy") or "")
        if fy:
            found.append(PeriodMention(f"{fy} H{m.group('h')}", m.start(), m.end()))
    for m in MONTH_RANGE_RE.finditer(text):  # a run that is no standard block still hides its months
        found.append(PeriodMention(month_range_period(m), m.start(), m.end()))
    for m in FY_RE.finditer(text):
        fy = _fy_from(m.group("y1"), m.group("y2"))
        if fy:
            found.append(PeriodMention(fy, m.start(), m.end()))
    for m in MONTH_YEAR_RE.finditer(text):
        month = MONTHS[m.group("m")[:3].lower()]
        found.append(PeriodMention(f"{m.group('y')}-{month:02d}", m.start(), m.end()))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PeriodMention] = []
    reach = -1  # sorted by start, a mention overlaps a kept one exactly when it starts before
    for p in found:  # the furthest end kept so far (one pass: a line of 10,000 years is linear)
        if p.start >= reach:
            kept.append(p)
            reach = max(reach, p.end)
    return [p for p in kept if p.period]


def normalise_period(text: str) -> str:
    """The first period stated in text, normalised; '' where none is stated."""
    found = find_periods(text or "")
    return found[0].period if found else ""


def previous_period(period: str) -> str:
    """The period before: 2015-16 -> 2014-15, 2015-16 Q1 -> 2014-15 Q4, 2015-06 -> 2015-05."""
    m = re.fullmatch(r"(\d{4})-(\d\d)(?: Q([1-4]))?", period or "")
    if m and m.group(3):
        year, q = int(m.group(1)), int(m.group(3))
        return f"{financial_year(year)} Q{q - 1}" if q > 1 else f"{financial_year(year - 1)} Q4"
    if m and int(m.group(2)) == (int(m.group(1)) + 1) % 100:
        return financial_year(int(m.group(1)) - 1)
    if m:  # a calendar month
        year, month = int(m.group(1)), int(m.group(2))
        return f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"
    return ""
