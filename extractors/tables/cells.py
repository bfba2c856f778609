"""Parse a table cell that holds more than one number into values with the numbers behind them.

    '25.1% (2681 offenders of which 673 reoffended)' -> 25.1 percent, 673 of 2681
    '8.2% (5/61)'                                     -> 8.2 percent, 5 of 61
    '60 (41%)'                                        -> 60 count, with share 41 percent
    '76.7% 142 cases closed; 109 completed'           -> 76.7 percent, 109 of 142
    'Opiate 291 (27%) Other drugs & alcohol 162 (18%)' -> two labelled values, each with a share
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.lexicon.changes import direction_of
from pipeline.model.numbers import NUMBER_RE, Number, number_from_match

_FRACTION = re.compile(r"\(?\s*(?P<num>\d[\d,]*)\s*/\s*(?P<den>\d[\d,]*)\s*\)?")
_OF_WHICH = re.compile(r"(?P<den>\d[\d,]*)\s+[a-z ]{0,30}?\bof (?:which|whom)\s+(?P<num>\d[\d,]*)", re.I)
_OF = re.compile(r"(?P<num>\d[\d,]*)\s+(?:out\s+)?of\s+(?:the\s+)?(?P<den>\d[\d,]*)", re.I)
# '142 cases closed; 109 completed successfully': a whole, then a part of it
_WHOLE_THEN_PART = re.compile(
    r"(?P<den>\d[\d,]*)\s+[A-Za-z ]{2,40}?[;,]\s*(?:of (?:which|these|whom)\s+)?(?P<num>\d[\d,]*)\s+[A-Za-z]", re.I)
_SHARE = re.compile(r"\(\s*(?P<pct>\d+(?:\.\d+)?\s*%)\s*\)")
# '12,589 (4.3% reduction)', '955 (down 6%)': a change stated beside the value it changed to.
_CHANGE = re.compile(r"\(\s*(?P<pre>[A-Za-z ]{0,20}?)\s*(?P<sign>[-−+])?(?P<pct>\d+(?:\.\d+)?)\s*"
                     r"(?P<unit>%|pp\b|per ?cent\b|points?\b)\s*(?P<post>[A-Za-z ]{0,30})\)", re.I)
_LABEL = re.compile(r"[A-Za-z][A-Za-z&'/ -]*[A-Za-z]")


@dataclass(frozen=True)
class CellValue:
    value: float
    unit: str
    start: int  # span in the cell text
    end: int
    role: str = "value"  # value, share (a percent in brackets after a count), or change
    direction: str = ""  # of a change: increase / decrease
    label: str = ""
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    group: int = 0  # values of one group (a count and its share) form one claim


# A comma that cannot separate thousands ('7,4', '0,09331', '8,21', '12,3456') is a decimal
# comma, as European tables print; dots grouping threes twice or more ('27.083.460') separate
# thousands. Rewritten character for character, so every span in the cell stays where it was.
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(?:0|\d+(?=,(?:\d{1,2}|\d{4,})(?![\d,.])))(?:,\d+)(?![\d,.])")
_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.])")
_SWAP = str.maketrans(",.", ".,")
# A cell that is one number grouped in threes by spaces ('98 452', '1 204 331', SI style, or a
# PDF's thousands comma drawn as a gap): one number, never two.
_SPACE_THOUSANDS = re.compile(r"^\s*[-−(£$€]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?%?\)?\s*$")


def point_decimals(text: str) -> str:
    """'7,4' -> '7.4', '27.083.460' -> '27,083,460', '98 452' -> '98,452'; an English '1,234'
    is left alone."""
    if _SPACE_THOUSANDS.match(text):
        text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3})", ",", text)
    text = _DOT_THOUSANDS.sub(lambda m: m.group(0).translate(_SWAP), text)
    return _DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), text)


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _numbers(text: str) -> list[Number]:
    return [number_from_match(m) for m in NUMBER_RE.finditer(text)]


def _ratio(text: str) -> tuple[Optional[float], Optional[float], list[tuple[int, int]]]:
    """Numerator and denominator stated in the cell, and the spans they occupy."""
    for pattern in (_FRACTION, _OF_WHICH, _OF, _WHOLE_THEN_PART):
        m = pattern.search(text)
        if m:
            spans = [m.span("num"), m.span("den")]
            return _num(m.group("num")), _num(m.group("den")), spans
    return None, None, []


def _segments(text: str) -> list[tuple[int, int, str]]:
    """Split 'Opiate 291 (27%) Other drugs 162 (18%)' into labelled pieces."""
    pieces, start, label = [], 0, ""
    for m in re.finditer(r"(?P<label>[A-Za-z][A-Za-z&'/ -]*?)\s+(?=\d)", text):
        if m.start() > start and text[start:m.start()].strip():
            pieces.append((start, m.start(), label))
        start, label = m.end(), m.group("label").strip()
    pieces.append((start, len(text), label))
    return pieces


def parse_cell(text: str) -> list[CellValue]:
    """Every stated value in a cell; the numbers behind a rate become its numerator/denominator."""
    text = point_decimals(text)
    numbers = _numbers(text)
    if not numbers:
        return []
    if numbers[0].unit == "percent" and numbers[0].start < 3:
        num, den, spans = _ratio(text[numbers[0].end:])
        first = numbers[0]
        return [CellValue(first.value, "percent", first.start, first.end, numerator=num, denominator=den)]
    labelled = re.match(r"\s*[A-Za-z]", text) is not None
    values: list[CellValue] = []
    for group, (start, end, label) in enumerate(_segments(text) if labelled else [(0, len(text), "")]):
        piece = text[start:end]
        found = [n for n in _numbers(piece)]
        if not found:
            continue
        head = found[0]
        change = _CHANGE.search(piece, head.end)
        words = f"{change.group('pre')} {change.group('post')}" if change else ""
        if change and direction_of(words, change.group("sign") or ""):
            values.append(CellValue(head.value, head.unit, start + head.start, start + head.end, label=label,
                                    group=group))
            unit = "percentage_points" if change.group("unit")[0].lower() in "p" and "cent" not in \
                change.group("unit").lower() else "percent"
            values.append(CellValue(float(change.group("pct")), unit, start + change.start("pct"),
                                    start + change.end("unit"), role="change", label=label, group=group,
                                    direction=direction_of(words, change.group("sign") or "")))
            continue
        share = _SHARE.search(piece, head.end - 0)
        whole = _OF.match(piece, head.start)  # '38 of 45 (84%)': 45 is the denominator
        denominator = _num(whole.group("den")) if whole else None
        values.append(CellValue(head.value, head.unit, start + head.start, start + head.end,
                                label=label, group=group, denominator=denominator))
        if share and head.unit != "percent":
            values.append(CellValue(float(share.group("pct").rstrip("% ")), "percent",
                                    start + share.start("pct"), start + share.end("pct"),
                                    role="share", label=label,
                                    numerator=head.value, denominator=denominator, group=group))
    return values
