"""Clean text from the Markdown and HTML that PDF-to-text conversion leaves behind.

Tables keep their structure as tab-separated lines (one line a row), so one table finder
serves tab runs, Markdown pipe tables and HTML tables alike. Headings are returned beside
the text with the offsets of their lines, since '#' and '<b>' are the only traces of them.
"""
from __future__ import annotations

import html
import re

from pipeline.model import Heading

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

_TABLE_RE = re.compile(r"<table\b.*?</table>", re.I | re.S)
_ROW_RE = re.compile(r"<tr\b.*?>(.*?)</tr>", re.I | re.S)
_CELL_RE = re.compile(r"<t[dh]\b.*?>(.*?)</t[dh]>", re.I | re.S)
_SUP_RE = re.compile(r"\s?<sup>\s*(\d{1,2})\s*</sup>", re.I)
_SUP_OTHER_RE = re.compile(r"\s?<sup>\s*([^<]*?)\s*</sup>", re.I)
_CARET_FOOTNOTE_RE = re.compile(r"(?:(?<=[A-Za-z.,%)])|^(?=\^\d{1,2}\s+[A-Z]))\^(\d{1,2})\b")
_BLOCK_TAG_RE = re.compile(r"</?(?:ul|ol|p|div|br|tr|table|tbody|thead|h\d)\b[^>]*>", re.I)
_LI_RE = re.compile(r"<li\b[^>]*>\s*(?:[•·▪●◦-]\s*)?", re.I)
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.I)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PIPE_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOLD_LINE_RE = re.compile(r"^\s*(?:<b>|\*\*)(?P<text>[^<*\t]{2,120})(?:</b>|\*\*)\s*$", re.I)


def _cell_text(fragment: str) -> str:
    text = _TAG_RE.sub(" ", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def html_tables_to_tabs(text: str) -> str:
    """Each <table> becomes tab-separated lines, one per <tr>."""
    def convert(m: re.Match) -> str:
        rows = []
        for row in _ROW_RE.findall(m.group(0)):
            rows.append("\t".join(_cell_text(c) for c in _CELL_RE.findall(row)))
        return "\n" + "\n".join(rows) + "\n"
    return _TABLE_RE.sub(convert, text)


def pipe_tables_to_tabs(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if _PIPE_RULE_RE.match(line) and "|" in line:
            continue
        m = _PIPE_ROW_RE.match(line)
        out.append("\t".join(c.strip() for c in m.group(1).split("|")) if m else line)
    return out


def strip_inline(line: str) -> str:
    line = _SUP_RE.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), line)
    line = _SUP_OTHER_RE.sub(lambda m: m.group(1), line)
    line = _CARET_FOOTNOTE_RE.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), line)
    line = _AUTOLINK_RE.sub(r"\1", line)
    line = _LI_RE.sub("- ", line)
    line = _TAG_RE.sub("", line)
    line = _BOLD_RE.sub(r"\2", line)
    return html.unescape(line).replace("\u00a0", " ")


def normalise_markup(raw: str) -> tuple[str, list[Heading]]:
    """Clean text and its headings (offsets into the clean text)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = html_tables_to_tabs(text)
    text = _LI_RE.sub("\n- ", text)
    text = _BLOCK_TAG_RE.sub("\n", text)
    lines = pipe_tables_to_tabs(text.split("\n"))
    out: list[str] = []
    headings: list[Heading] = []
    offset = 0
    for line in lines:
        level, heading = heading_of(line)
        clean = strip_inline(line)
        if heading is not None:
            clean = strip_inline(heading)
        clean = clean.rstrip(" \u00a0")
        if heading is not None and clean.strip():
            headings.append(Heading(offset, level, clean.strip()))
        out.append(clean)
        offset += len(clean) + 1
    return "\n".join(out), headings


def heading_of(line: str) -> tuple[int, str | None]:
    """A Markdown heading ('## x') or a line that is all bold; (level, text) or (0, None)."""
    m = _MD_HEADING_RE.match(line)
    if m:
        return len(m.group(1)), m.group(2)
    m = _BOLD_LINE_RE.match(line)
    if m and "\t" not in line and not re.search(r"[.;:]\s*$", m.group("text")):
        return 4, m.group("text")
    return 0, None
