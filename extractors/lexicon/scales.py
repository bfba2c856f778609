"""Units and scales stated beside numbers: in a caption ('Spend 2019/20 (£000s)'), a column
label ('£', '%', 'Rate per 100,000', 'days'), a row label ('(%)') or a sentence ('in £000s').

One reading of '£000s' for every caller: before this module three patterns disagreed on
'£'000', '£ thousands' and 'in thousands'."""
from __future__ import annotations

import re
from dataclasses import dataclass

THOUSANDS = re.compile(
    r"£\s?'?0{3}'?s?(?![\d,])|£\s?k\b|\(£k\)|£\s?thousands?\b|\bthousands of pounds\b|\bin thousands\b|"
    r"\b(?:GBP|£)\s?\(?000s?\)?(?![\d,])", re.I)
MILLIONS = re.compile(r"£\s?m\b|£\s?mn\b|£\s?millions?\b|\bmillions of pounds\b|\bin millions\b|"
                      r"\(£m\)", re.I)
POUNDS = re.compile(r"£|\bpounds\b|\bGBP\b", re.I)
PERCENT = re.compile(r"%|\bper ?cent(?:age)?\b|\bproportion\b|\bshare\b", re.I)
PERCENT_LABEL = re.compile(r"\(%\)|^\s*%\s*$|\(per ?cent\)|\bper ?cent(?:age)?\b|\s%\s*$|^%\s", re.I)
RATE = re.compile(r"\brate\b|\bper\s+(?:1,?000|10,?000|100,?000|1,?000,?000|head|capita)\b", re.I)
_DAYS = re.compile(r"\(\s*days\s*\)|\bdays?\b|\bno\.? of days\b", re.I)
_HOURS = re.compile(r"\(\s*hours?\s*\)|\bhours?\b|\bhrs\b", re.I)
_YEARS_UNIT = re.compile(r"\(\s*years?\s*\)|\bage\b|\bin years\b", re.I)


@dataclass(frozen=True)
class Scale:
    unit: str  # the unit the text states ('' when it states none)
    factor: float = 1.0  # what a bare printed number is multiplied by ('£000s' -> 1000)


def money_scale(*texts: str) -> float:
    """1000 where the texts state thousands of pounds ('£000s', '£k', '£ thousands',
    'in thousands'), a million for '£m'; 1 otherwise."""
    joined = " ".join(t for t in texts if t)
    if THOUSANDS.search(joined):
        return 1000.0
    return 1e6 if MILLIONS.search(joined) else 1.0


def names_pounds(text: str) -> bool:
    """'£', 'pounds' or 'GBP' ('in thousands' alone names a scale, not a currency)."""
    return bool(POUNDS.search(text or ""))


def stated_scale(text: str) -> Scale:
    """The unit (and scale) a label states for the numbers under or beside it."""
    if not text:
        return Scale("")
    if names_pounds(text):
        return Scale("gbp", money_scale(text))
    if PERCENT_LABEL.search(text):
        return Scale("percent")
    if RATE.search(text):
        return Scale("rate")
    if _DAYS.search(text):
        return Scale("days")
    if _HOURS.search(text):
        return Scale("hours")
    return Scale("")
