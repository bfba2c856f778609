"""Numbers as reports write them: separators, decimals, £ and k/m scales, %, number words."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# A numeric token: optional £, digits with thousands separators or plain, optional decimals,
# optional scale word, optional percent sign or words. Groups are named for parse_match.
NUMBER_RE = re.compile(
    r"(?P<currency>£\s?|(?:US)?\$\s?|€\s?)?"
    r"(?<![\w.,/])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?![\d,]\d)"
    r"(?P<scale>\s?(?:k|m|bn|thousand|million|billion)\b)?"
    r"(?P<percent>\s?%|\s?per\s?cent\b|\s?percent\b|\s?percentage points?\b|\s?pp\b)?",
    re.I,
)

# Every numeric token printed, as the number ledger counts them: '5' and '61' of '(5/61)' too,
# which NUMBER_RE leaves to the ratio reading.
NUMERIC_TOKEN = re.compile(r"(?<![\w.,])[-−+]?[£$€]?\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")

SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

WORD_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
WORD_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
             "eighty": 80, "ninety": 90}
WORD_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join(list(WORD_UNITS) + list(WORD_TENS))
NUMBER_WORDS_RE = re.compile(
    rf"\b(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|hundred|thousand|million))*\b", re.I)


@dataclass(frozen=True)
class Number:
    value: float
    start: int  # span in the text searched
    end: int
    unit: str  # count, percent, percentage_points, gbp
    text: str
    is_word: bool = False
    has_decimals: bool = False
    decimals: int = 0


def parse_plain(text: str) -> Optional[float]:
    """'1,234.5' -> 1234.5; None where the text is not one number."""
    cleaned = text.strip().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


CURRENCIES = {"£": "gbp", "$": "usd", "€": "eur"}


def unit_of(currency: str, percent: str) -> str:
    """Money in its own currency ('$1.2m' is usd, never a count), else percent or count."""
    if currency:
        return CURRENCIES.get(currency.strip()[-1:], "gbp")
    p = (percent or "").strip().lower()
    if p.startswith("percentage point") or p == "pp":
        return "percentage_points"
    return "percent" if p else "count"


def number_from_match(m: re.Match, offset: int = 0) -> Number:
    frac = m.group("frac") or ""
    value = float(m.group("digits").replace(",", "") + frac)
    scale = (m.group("scale") or "").strip().lower()
    if scale:
        value *= SCALES[scale]
    end = m.end("percent") if m.group("percent") else m.end()
    return Number(value=value, start=m.start() + offset, end=end + offset,
                  unit=unit_of(m.group("currency") or "", m.group("percent") or ""),
                  text=m.group(0), has_decimals=bool(frac), decimals=max(len(frac) - 1, 0))


def words_to_number(text: str) -> Optional[float]:
    """'Two hundred and twelve' -> 212; 'thirty four' -> 34; None if not a number phrase."""
    total, current, seen = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", text.lower()):
        if token in WORD_UNITS:
            current += WORD_UNITS[token]
        elif token in WORD_TENS:
            current += WORD_TENS[token]
        elif token in WORD_SCALES:
            current = max(current, 1) * WORD_SCALES[token]
            if WORD_SCALES[token] >= 1000:
                total, current = total + current, 0.0
        elif token == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def find_numbers(text: str, words: bool = True) -> list[Number]:
    """Every number in text, digits and (optionally) number words, in order of position."""
    found = [number_from_match(m) for m in NUMBER_RE.finditer(text)]
    if words:
        for m in NUMBER_WORDS_RE.finditer(text):
            value = words_to_number(m.group(0))
            if value is None:
                continue
            after = text[m.end():m.end() + 14]
            pm = re.match(r"\s?(%|per\s?cent\b|percent\b)", after, re.I)
            end = m.end() + (pm.end() if pm else 0)
            found.append(Number(value=value, start=m.start(), end=end,
                                unit="percent" if pm else "count", text=text[m.start():end],
                                is_word=True))
    return sorted(found, key=lambda n: n.start)


def decimals_of(text: str) -> int:
    """How many decimal places a printed number shows ('81.0%' -> 1)."""
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0
