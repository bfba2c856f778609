"""Period words in table labels: quarters named by months ('Apr–Jun', 'October to December'),
quarter words ('Quarter 3', 'Q3', 'Qtr 3'), single months, and periods named relative to the
report's year ('Year to date', 'Same period last year', 'Previous year', 'This year').

`label_period` returns a normalised period ('2019-20 Q2', '2019-04', '2018-19') where the
label and the year it belongs to fix one, else a bare mark ('Q2', 'M04', 'THIS', 'PREV',
'YTD', 'SPLY') for `resolve` to complete once the table's year is known."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.model.periods import FY_BLOCKS, MONTHS, financial_year, find_periods, is_financial_period

# a month's name or its abbreviation, as a regular-expression group (used with re.I)
MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH = MONTH_NAME
QUARTER_WORD = re.compile(r"^\s*(?:Q|Qtr\.?\s?|Quarter\s?)(?P<q>[1-4])\b", re.I)
QUARTER_ORDINAL = re.compile(r"^\s*(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.I)
MONTH_ONLY = re.compile(rf"^\s*(?P<m>{_MONTH})\.?\s*(?:'?(?P<y>\d\d))?\s*$", re.I)
MONTH_RUN = re.compile(rf"^\s*(?P<m1>{_MONTH})\.?\s*(?:-|–|—|to|/)\s*(?P<m2>{_MONTH})\.?\s*$", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
RELATIVE = [
    ("SPLY", re.compile(r"\bsame (?:period|quarter|month|time) (?:of |in )?(?:the )?(?:last|previous|prior) year\b|"
                        r"\bsply\b", re.I)),
    ("PREV", re.compile(r"^\s*(?:previous|last|prior|preceding) (?:financial )?year\b|^\s*last year\b", re.I)),
    ("YTD", re.compile(r"^\s*(?:year to date|ytd|cumulative)\b", re.I)),
    ("THIS", re.compile(r"^\s*(?:this|current|latest) (?:financial )?year\b|^\s*(?:full year|year end)\b", re.I)),
]


def _month_block(first: int, last: int) -> str:
    """The quarter or half a run of months makes ('Apr'..'Jun' -> 'Q1'); '' for none."""
    block = FY_BLOCKS.get(((first - 4) % 12 + 1, (last - 4) % 12 + 1))
    return block.strip() if block else ""


@lru_cache(maxsize=8192)  # a table's labels are read once per row, column and extractor
def label_period(text: str) -> str:
    """The period a column or row label names, whole or as a mark to resolve; '' for none."""
    text = text or ""
    found = find_periods(text)
    if found:
        return found[0].period
    if (m := QUARTER_WORD.match(text)) or (m := QUARTER_ORDINAL.match(text)):
        q = m.group("q")
        return f"Q{_ORDINALS.get(q.lower(), q)}"
    if m := MONTH_RUN.match(text):
        block = _month_block(MONTHS[m.group("m1")[:3].lower()], MONTHS[m.group("m2")[:3].lower()])
        return block if block and block != "" else ""
    if m := MONTH_ONLY.match(text):
        return f"M{MONTHS[m.group('m')[:3].lower()]:02d}"
    return next((mark for mark, pattern in RELATIVE if pattern.search(text)), "")


def resolve(mark: str, year: str) -> str:
    """A label's period made whole with the table's financial year: 'Q1' -> '2018-19 Q1',
    'M04' -> '2018-04', 'M01' -> '2019-01', 'THIS'/'YTD' -> '2018-19', 'PREV'/'SPLY' -> '2017-18'."""
    if not mark or not re.fullmatch(r"Q[1-4]|H[12]|M\d\d|THIS|PREV|YTD|SPLY", mark):
        return mark
    if not is_financial_period(year[:7]):
        return ""
    year = year[:7]
    start = int(year[:4])
    if mark[0] in "QH":
        return f"{year} {mark}"
    if mark in ("THIS", "YTD"):
        return year
    if mark in ("PREV", "SPLY"):
        return financial_year(start - 1)
    month = int(mark[1:])
    return f"{start if month >= 4 else start + 1}-{month:02d}"


def is_period_label(text: str) -> bool:
    """A label that is nothing but a period ('2019/20', 'Q3', 'Apr–Jun', 'Previous year')."""
    return bool(label_period(text)) and len(text) < 40
