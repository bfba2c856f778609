"""A spreadsheet value as the sheet prints it, from the cell's number format.

An .xlsx file stores 0.76 and the format `0%`; the reader sees "76%". The unit and the
precision a report states live in that format (`£#,##0` is money, `0.0%` a share to one
decimal, and the rounding rules need the printed digits), so the loader renders the common
format codes (ECMA-376 Part 1, 18.8.31): sections `positive;negative;zero;text`, `0 # ?`
digit placeholders, `,` grouping, `%`, quoted and escaped literals, `[$£-809]` currency,
`[Red]`-style colours (dropped). Dates print as day/month/year, or as month and year for a
month format. Anything else (scientific,
fractions) prints in the General way, which keeps every digit of the value.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

_PLACEHOLDERS = re.compile(r"[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+")
_BRACKET = re.compile(r"\[([^\]]*)\]")


def display(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet shows for a cell's value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return format_date(value, number_format or "")
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return format_number(float(value), number_format or "General")
    return str(value)


def format_date(value: dt.date, number_format: str) -> str:
    """A date as its format shows it, in words the period reader knows: a format with a day
    prints 01/04/2015; a month-and-year format (`mmm-yy`, a scorecard's month columns) prints
    Apr 2015; a year-only format prints 2015."""
    code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format.lower())
    if "h" in code:  # a date and time: the minutes' "m" is not a month
        return value.strftime("%d/%m/%Y %H:%M")
    if "d" in code or "m" not in code:
        return value.strftime("%Y") if code.strip("y") == "" and "y" in code else value.strftime("%d/%m/%Y")
    return value.strftime("%b %Y") if "y" in code else value.strftime("%B")


def general(value: float) -> str:
    """Excel's General format: no grouping, no trailing zeros, up to 10 significant digits."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def section_for(value: float, sections: list[str]) -> tuple[str, float, bool]:
    """The format section a value prints with, the value it formats and whether the
    section prints its own sign (a negative section given: no automatic minus)."""
    if value < 0 and len(sections) > 1 and sections[1].strip():
        return sections[1], -value, True
    if value == 0 and len(sections) > 2 and sections[2].strip():
        return sections[2], value, False
    return sections[0], value, False


def literal_text(code: str) -> str:
    """The literal characters of a format code: quoted text, escapes, currency brackets."""
    out, i = [], 0
    while i < len(code):
        char = code[i]
        if char == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end
            out.append(code[i + 1:end])
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(code):
            out.append(code[i + 1])
            i += 2
            continue
        if char in "_*" and i + 1 < len(code):  # padding and fill: no printed character
            i += 2
            continue
        if char == "[":
            end = code.find("]", i)
            end = len(code) if end < 0 else end
            inner = code[i + 1:end]
            if inner.startswith("$"):
                out.append(inner[1:].split("-")[0])
            i = end + 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def format_number(value: float, number_format: str) -> str:
    sections = number_format.split(";")
    code, number, signed = section_for(value, sections)
    if code.strip().lower() in ("general", "") or re.search(r"[eE][+-]|/", _BRACKET.sub("", code)):
        return general(value)
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].', "", code)
    placeholder = _PLACEHOLDERS.search(bare)
    if placeholder is None:  # all literal, e.g. a "-" for zero
        return literal_text(code)
    digits = placeholder.group(0)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scaled = (Decimal(repr(abs(number))) * 100 ** bare.count("%")).quantize(
        Decimal(1).scaleb(-decimals), ROUND_HALF_UP)  # half away from zero, as spreadsheets print
    grouped = f"{scaled:,.{decimals}f}" if "," in digits.split(".")[0] else f"{scaled:.{decimals}f}"
    position = max(code.find(digits), 0)
    prefix, suffix = literal_text(code[:position]), literal_text(code[position + len(digits):])
    sign = "-" if number < 0 and not signed and float(grouped.replace(",", "")) else ""
    return f"{sign}{prefix}{grouped}{suffix}".strip()
