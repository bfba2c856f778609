"""Printed precision: the size of one unit in the last digit a report printed for a number
(81.0% -> 0.1, a £000s cell's 11 -> 1,000, £1.2m -> 100,000), the width XBRL Calculations 1.1
gives its rounding interval. Read once, from the printed span, by the extractors (every fact's
`precision`), since a float has lost its trailing zeros; the rules read the field.
"""
from __future__ import annotations

import math
import re

from pipeline.model.numbers import Number, find_numbers
from pipeline.model.records import Fact


def printed_step(fact: Fact, span_text: str | None = None) -> float:
    """The size of one unit in the last printed digit of the fact's number (81.0% -> 0.1).

    Read from the printed span where we have it, since a float has lost its trailing zeros.
    """
    for text in (span_text, fact.text):
        for number in find_numbers(text or "", words=True):
            step = step_if_same(number, fact.value)
            if step is not None:
                return step
    return step_from_value(fact.value)


def step_if_same(number: Number, value: float) -> float | None:
    """The printed number's step if it is the fact's value (up to sign and a table's scale)."""
    if number.value == 0:
        return 1.0 if value == 0 else None
    ratio = abs(value / number.value)  # '(6)' in a variance column is -6
    for scale in (1.0, 1e3, 1e6, 1e9):  # "£000s" tables store values scaled by the extractor
        if math.isclose(ratio, scale, rel_tol=1e-9):
            if number.is_word:
                return scale
            raw = re.search(r"\d[\d,]*(?:\.\d+)?", number.text)
            raw_value = float(raw.group(0).replace(",", "")) if raw else number.value
            word_scale = number.value / raw_value if raw_value else 1.0
            return 10.0 ** -number.decimals * word_scale * scale
    return None


def step_from_value(value: float) -> float:
    """The step a value's own digits show, when nothing printed is at hand (81.5 -> 0.1)."""
    text = repr(float(value)).rstrip("0").rstrip(".")
    return 10.0 ** -len(text.split(".")[1]) if "." in text else 1.0
