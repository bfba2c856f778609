"""Periods for narrative numbers: the period stated nearest the number in its sentence, else
the section heading's, else the document's. Base periods ('since 2005/6', 'compared to
2014/15', 'the previous year') become compared_period."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.lexicon.periods import label_period, resolve
from pipeline.model.periods import (MONTHS, financial_year_of_month, find_periods, is_financial_period,
                                    normalise_period, previous_period)

FY_RE = re.compile(r"^\d{4}-\d\d$")
_HALF = re.compile(r"\b(?P<which>first|1st|second|2nd)\s+half\s+of\s+(?:the\s+)?(?:(?:financial|performance)\s+)?"
                   r"(?:year\s+)?(?P<when>(?:19|20)\d\d\s?[/-]\s?(?:19|20)?\d\d|this\s+year|the\s+year)", re.I)
_BASE_BEFORE = re.compile(r"\b(?:since|from|compared\s+(?:to|with)|than(?:\s+(?:in|during|for))?|against|versus|vs\.?|"
                          r"in\s+comparison\s+(?:to|with)|began\s+in|started\s+in|on)\s+(?:the\s+)?(?:same\s+period\s+(?:in|of)\s+)?$", re.I)
_PREVIOUS = re.compile(r"\b(?:previous|preceding|prior|last)\s+(?:12[\s-]month\s+|financial\s+|matching\s+)?(?:year|period)\b|"
                       r"\bsame\s+(?:period|time)\s+last\s+year\b|\byear\s+before\b|\blast\s+year\b", re.I)
_PREVIOUS_QUARTER = re.compile(r"\b(?:previous|preceding|last)\s+quarter\b", re.I)


@dataclass(frozen=True)
class Stated:
    period: str
    start: int
    end: int
    base: bool  # a period compared against, not the period of the number
    relative: bool = False  # 'last year': names one number's period, never the sentence's


def financial_year_of(period: str) -> str:
    """The financial year a period falls in: '2017-18 Q3' -> '2017-18', '2017-06' -> '2017-18'."""
    if not period or not FY_RE.match(period[:7]):
        return ""
    if is_financial_period(period[:7]):
        return period[:7]
    return financial_year_of_month(int(period[:4]), int(period[5:7])) if 1 <= int(period[5:7]) <= 12 else ""


def stated_periods(text: str, s0: int, s1: int, context: str) -> list[Stated]:
    """Periods stated in text[s0:s1]; bare quarters and halves take their year from context."""
    sentence = text[s0:s1]
    found: list[Stated] = []
    halves = [(m.start(), m.end(), m) for m in _HALF.finditer(sentence)]
    for start, end, m in halves:
        year = normalise_period(m.group("when")) or financial_year_of(context)
        if year:
            half = "H1" if m.group("which").lower() in ("first", "1st") else "H2"
            found.append(Stated(f"{year[:7]} {half}", s0 + start, s0 + end, False))
    found += _relative_periods(sentence, s0, context)
    found += _named_quarters(sentence, s0, context)
    named = [(x.start - s0, x.end - s0) for x in found]
    for p in find_periods(sentence):  # a run of months is a period only when it is a standard block
        if any(s <= p.start < e for s, e, _ in halves) or any(s <= p.start < e for s, e in named):
            continue
        period = p.period
        if _DAY_BEFORE.search(sentence[:p.start]) and not is_financial_period(period):
            continue  # 'by 31 March 2014': a deadline's date, not the period of the figures
        if period.startswith("Q"):
            year = financial_year_of(context)
            if not year:
                continue
            period = f"{year} {period}"
        base = bool(_BASE_BEFORE.search(sentence[max(0, p.start - 40):p.start]))
        end = p.start + len(sentence[p.start:p.end].rstrip(" ,"))
        found.append(Stated(period, s0 + p.start, s0 + end, base))
    return _same_as_stated(sentence, s0, found)


_SAME = re.compile(r"\bsame\s+(?:quarter|period|month|time)\b", re.I)
_SUB_YEAR = re.compile(r"^\d{4}-\d\d(?: [QH]\d)?$")


def _sub_year(period: str) -> bool:
    """A quarter, a half or a month ('2011-12' alone is the financial year, not December)."""
    return bool(_SUB_YEAR.match(period)) and (" " in period or not is_financial_period(period))


def _same_as_stated(sentence: str, s0: int, found: list[Stated]) -> list[Stated]:
    """'In the first quarter (April to June 2019) there were 98, against 71 in the same quarter
    last year': the same quarter is the one the sentence names before it, a year earlier, not
    the document's year before."""
    out = []
    for stated in found:
        if stated.relative and _SAME.search(sentence[stated.start - s0:stated.end - s0]):
            named = [p for p in found if not p.relative and p.end <= stated.start and _sub_year(p.period)]
            if named:
                stated = replace(stated, period=year_before(named[-1].period))
        out.append(stated)
    return out


_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
_QUARTER_WORDS = re.compile(rf"\b(?P<run>{_MONTH}\.?\s*(?:to|-|–)\s*{_MONTH})\b(?:\s+quarter)?|"
                            r"\bbetween\s+the\s+(?P<a>first|second|third|fourth)\s+and\s+(?P<b>first|second|third|fourth)\s+quarters\b|"
                            r"\b(?P<ord>first|second|third|fourth)\s+quarter\b|"
                            r"\b(?:in|during)\s+(?P<month>january|february|march|april|june|july|august|september|october|november|december)\b(?!\s+(?:19|20)\d\d|\s*(?:to|-|–)\s)", re.I)


_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$", re.I)


_COMPARISON = re.compile(r"\b(?:than|compared\s+(?:with|to)|against|versus)\b", re.I)


def _compared_in_clause(sentence: str, start: int) -> bool:
    """'£18,969 higher than the £814,810 reported for 2019/20': a period later in the clause
    of a comparison names what is compared with."""
    clause = re.split(r"[;:]|[,.!?]\s", sentence[:start])[-1]
    return bool(_COMPARISON.search(clause))


def _named_quarters(sentence: str, s0: int, context: str) -> list[Stated]:
    """'the October to December quarter' -> Q3, 'between the third and fourth quarters' -> Q4
    (Q3 the base), 'in September' -> that month of the context's financial year."""
    year = financial_year_of(context)
    if not year:
        return []
    found = []
    for m in _QUARTER_WORDS.finditer(sentence):
        if m.group("a"):
            for which, base in ((m.group("a"), True), (m.group("b"), False)):
                found.append(Stated(resolve(label_period(f"{which} quarter"), year), s0 + m.start(), s0 + m.end(), base))
            continue
        text = m.group("run") or (f"{m.group('ord')} quarter" if m.group("ord") else m.group("month"))
        period = resolve(label_period(text), year)
        if period and period != year:
            base = bool(_BASE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()]))
            found.append(Stated(period, s0 + m.start(), s0 + m.end(), base))
    return found


_RELATIVE = re.compile(r"\b(?P<same>(?:the\s+)?same\s+(?:quarter|period|month|time)\s+(?:of\s+|in\s+)?last\s+year)\b|"
                       r"\b(?P<last>last\s+(?:financial\s+)?year|(?:the\s+)?previous\s+(?:financial\s+)?year|the\s+year\s+before)\b|"
                       r"\b(?P<this>this\s+(?:financial\s+)?year|the\s+current\s+year|year\s+to\s+date|ytd)\b", re.I)


def _relative_periods(sentence: str, s0: int, context: str) -> list[Stated]:
    """'this year', 'last year', 'the same quarter last year', read against the context period."""
    year = financial_year_of(context)
    found = []
    for m in _RELATIVE.finditer(sentence):
        if m.group("same"):
            period = year_before(context)
        elif m.group("last"):
            period = previous_period(year) if year else ""
        else:
            period = year
        if period:
            base = bool(_BASE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()]))
            found.append(Stated(period, s0 + m.start(), s0 + m.end(), base, relative=not m.group("this")))
    return found


_CLAUSE = re.compile(r"[,;:]|\b(?:which|but|whilst|while|although|though|whereas)\b", re.I)


def period_for(text: str, start: int, end: int, stated: list[Stated], fallback: str, whole_sentence: bool = True,
               change: bool = False) -> str:
    """The nearest non-base period stated in the number's clause; else the sentence's one
    financial year; else the fallback. A change looks only at periods that are not its base:
    one stated after a comparison word ('higher than the £814,810 reported for 2019/20') is
    what it is compared with, and a year later in the sentence does not date it."""
    best, best_gap = "", None
    for p in stated:
        gap_text = text[min(end, p.end):max(start, p.start)]
        if p.base or _CLAUSE.search(gap_text) and not (p.end <= start and _ATTACHED.match(gap_text)) \
                or _bracketed_apart(text, start, p):
            continue
        if change and p.start >= end and _COMPARED_AFTER.search(text[end:p.start]):
            continue
        if p.end <= start and _TO_LEVEL.match(text[p.end:start]):
            continue  # 'from 112 in 2019/20 to 135': the period is the from-level's
        if p.relative and re.search(r"\d", text[min(end, p.end):max(start, p.start)]):
            continue  # 'fell to 78.5% from 81.0% in the same quarter last year': 81.0's period only
        if _a_from_levels(text, start, end, p):
            continue  # '312 young people, up from 240 in 2021/22': the period is 240's
        gap = p.start - end if p.start >= end else (start - p.end) * 1.5
        if best_gap is None or gap < best_gap:
            best, best_gap = p.period, gap
    years = {p.period for p in stated if not p.base and not p.relative and not _bracketed_apart(text, start, p)
             and not (change and (p.start >= end or _compared_in_clause(text, p.start)))
             and not _a_from_levels(text, start, end, p)}
    if not best and whole_sentence and len(years) == 1 and FY_RE.match(next(iter(years))) \
            and is_financial_period(next(iter(years))):  # a financial year, not a month or a quarter
        best = next(iter(years))
    return best or fallback


# 'the October to December quarter, when 42 burglaries were recorded': the clause is the period's
_ATTACHED = re.compile(r"^\s*,\s*(?:when|with|in\s+which|during\s+which)\b[^,;:]*$", re.I)
_TO_LEVEL = re.compile(r"^\s*,?\s*to\s*(?:a\s+|about\s+|around\s+|over\s+|nearly\s+|almost\s+)?£?\s*$", re.I)
def _a_from_levels(text: str, start: int, end: int, p: Stated) -> bool:
    """The period dates the level a comparison is made from ('up from 240 in 2021/22'), and
    the number at start:end is not that level."""
    if not _FROM_LEVEL_BETWEEN.search(text[max(0, p.start - 80):p.start]):
        return False
    return not (p.start >= end and not re.search(r"\d", text[end:p.start]))


_FROM_LEVEL_BETWEEN = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|against|versus|vs)\s+(?:the\s+)?£?\d[\d,.]*%?\s*"
                                 r"(?:[a-z-]+\s+){0,3}(?:in|during|for|at)\s*$", re.I)
_COMPARED_AFTER = re.compile(r"\b(?:than|compared|against|on|from|since|versus|vs)\b", re.I)


def _bracketed_apart(text: str, start: int, p: Stated) -> bool:
    """'stable at 1,021 offences (1,034 in 2020/21)': a period inside brackets the number is
    not in belongs to the figure bracketed with it ('(Q3 2013/14)' alone still dates the clause)."""
    opening = text.rfind("(", 0, p.start)
    inside = text[opening + 1:p.start] if opening >= 0 else ""
    return opening >= 0 and ")" not in inside and not opening < start < p.start and any(c.isdigit() for c in inside)


def compared_for(sentence: str, stated: list[Stated], period: str) -> str:
    """The period a number is compared with, where the sentence says so."""
    base = next((p.period for p in stated if p.base), "")
    if base:
        return base
    previous_quarter, previous = _says_previous(sentence)
    if previous_quarter and " Q" in period:
        return previous_period(period)
    if previous and period:
        return previous_period(financial_year_of(period) or period)
    return ""


@lru_cache(maxsize=256)
def _says_previous(sentence: str) -> tuple[bool, bool]:
    """Whether a sentence compares with the previous quarter / year: searched once per
    sentence, not once per number in it (a line of 2,000 numbers was quadratic)."""
    return bool(_PREVIOUS_QUARTER.search(sentence)), bool(_PREVIOUS.search(sentence))


@lru_cache(maxsize=512)
def context_period(heading: str, document_period: str) -> str:
    """The heading's period, else the document's; a heading's date ('Meeting of 4 December
    2014') dates the meeting, not the figures under it."""
    dated = [p for p in find_periods(heading) if _DAY_BEFORE.search(heading[:p.start])]
    return (not dated and normalise_period(heading)) or document_period




def opening_period(lines: list[str], document_period: str) -> str:
    """The period the report's title block names ('Performance Summary: Quarter 3 2018/19',
    'Meeting of 4 December 2014'), which says what the prose's unlabelled figures cover better
    than the year the document mentions most. Only title lines count: short, not sentences,
    so a year the opening paragraph mentions in passing does not date the report."""
    for line in lines[:8]:
        if not _TITLE_LINE.match(line.strip()):
            continue
        found = [p.period for p in find_periods(line) if is_financial_period(p.period)]
        if found:
            return found[0]
        dated = _MEETING_DATE.search(line)
        if dated:
            month = MONTHS.get(dated.group("m")[:3].lower())
            if month:
                return financial_year_of_month(int(dated.group("y")), month)
    return document_period


_TITLE_LINE = re.compile(r"^(?!.*[.!?]$)(?:\S+\s+){0,13}\S+$")
_MEETING_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\s+(?P<y>(?:19|20)\d\d)\b")


def year_before(period: str) -> str:
    """The same period a year earlier: 2018-19 Q3 -> 2017-18 Q3, 2018-12 -> 2017-12."""
    m = re.fullmatch(r"(\d{4})-(\d\d)(.*)", period or "")
    if not m:
        return ""
    if is_financial_period(period):
        a = int(m.group(1)) - 1
        return f"{a}-{(a + 1) % 100:02d}{m.group(3)}"
    return f"{int(m.group(1)) - 1}-{m.group(2)}{m.group(3)}"
