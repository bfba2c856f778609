"""Clean text from the Markdown and HTML that PDF-to-text conversion leaves behind.

HTML tables (read by html.parser, see html_tables) and GFM pipe tables (read by markdown-it,
see md_tables) become tab-separated lines, one line a row, so the page text reads as the table
did; their structure (header cells, spans, captions) is returned beside the text as Layouts
whose cell offsets point into it. Headings are returned likewise, since '#' and '<b>' are the
only traces of them.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from pipeline.loaders.html_tables import HtmlTable, find_html_tables, outer_regions
from pipeline.loaders.layouts import Layout, SourceCell, rows_to_lines
from pipeline.loaders.md_tables import MarkdownTable, find_markdown_tables
from pipeline.model import Heading

_PLACEHOLDER = "\ue000"
_PLACEHOLDER_LINE = re.compile("\ue000(\\d+)\ue000")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

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


def pipe_row_to_tabs(line: str) -> str | None:
    """A pipe row outside a GFM table (converters drop the delimiter row) as a tab line; a
    stray delimiter row as None (dropped)."""
    if _PIPE_RULE_RE.match(line) and "|" in line:
        return None
    m = _PIPE_ROW_RE.match(line)
    return "\t".join(c.strip() for c in m.group(1).split("|")) if m else line


def strip_inline(line: str) -> str:
    line = _SUP_RE.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), line)
    line = _SUP_OTHER_RE.sub(lambda m: m.group(1), line)
    line = _CARET_FOOTNOTE_RE.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), line)
    line = _AUTOLINK_RE.sub(r"\1", line)
    line = _LI_RE.sub("- ", line)
    line = _TAG_RE.sub("", line)
    line = _BOLD_RE.sub(r"\2", line)
    return html.unescape(line).replace("\u00a0", " ")


@dataclass(frozen=True)
class Markup:
    text: str  # the clean text
    headings: list[Heading]
    layouts: list[Layout]  # the HTML and Markdown tables, placed in the clean text


def normalise_markup(raw: str) -> tuple[str, list[Heading]]:
    """Clean text and its headings (offsets into the clean text)."""
    markup = read_markup(raw)
    return markup.text, markup.headings


def _without_html_tables(text: str) -> tuple[str, list[list[HtmlTable]]]:
    """The text with each outermost HTML table replaced by a placeholder line."""
    regions = outer_regions(find_html_tables(text))
    parts, pos = [], 0
    for i, (start, end, _) in enumerate(regions):
        parts += [text[pos:start], f"\n{_PLACEHOLDER}{i}{_PLACEHOLDER}\n"]
        pos = end
    return "".join(parts) + text[pos:], [tables for _, _, tables in regions]


def read_markup(raw: str) -> Markup:
    """Clean text, its headings and its markup tables, all with offsets into the clean text."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace(_PLACEHOLDER, "")
    text, html_regions = _without_html_tables(text)
    text = _LI_RE.sub("\n- ", text)
    text = _BLOCK_TAG_RE.sub("\n", text)
    lines = text.split("\n")
    md_tables = {t.first_line: t for t in find_markdown_tables(lines)}
    out = _Out()
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in md_tables:
            _emit_markdown(out, md_tables[i])
            i = md_tables[i].end_line
            continue
        region = _PLACEHOLDER_LINE.fullmatch(line.strip())
        if region:
            _emit_html(out, html_regions[int(region.group(1))])
        else:
            _emit_line(out, pipe_row_to_tabs(line))
        i += 1
    return Markup("\n".join(out.lines), out.headings, out.layouts)


@dataclass
class _Out:
    """The clean lines so far, with the offset the next line starts at."""
    lines: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)
    offset: int = 0

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.offset += len(line) + 1


def _emit_line(out: _Out, line: str | None) -> None:
    if line is None:
        return
    level, heading = heading_of(line)
    clean = strip_inline(heading if heading is not None else line).rstrip(" \u00a0")
    if heading is not None and clean.strip():
        out.headings.append(Heading(out.offset, level, clean.strip()))
    out.add(clean)


def _emit_rows(out: _Out, rows: list[list[SourceCell]], method: str, caption: str = "",
               header_rows: int | None = None) -> None:
    if caption:
        out.add(caption)
    lines, slots = rows_to_lines(rows, out.offset)
    for line in lines:
        out.add(line)
    if any(s.text for s in slots):
        out.layouts.append(Layout(method, tuple(slots), header_rows, caption))


def _emit_markdown(out: _Out, table: MarkdownTable) -> None:
    rows = [[replace(c, text=" ".join(strip_inline(c.text).split())) for c in row] for row in table.rows]
    _emit_rows(out, rows, "markdown", header_rows=1 if len(rows) > 1 else 0)


def _emit_html(out: _Out, tables: list[HtmlTable]) -> None:
    """An outer table's rows, then each table nested in it, a blank line between."""
    for n, table in enumerate(tables):
        if n:
            out.add("")
        _emit_rows(out, table.rows, "html", caption=table.caption)


def heading_of(line: str) -> tuple[int, str | None]:
    """A Markdown heading ('## x') or a line that is all bold; (level, text) or (0, None)."""
    m = _MD_HEADING_RE.match(line)
    if m:
        return len(m.group(1)), m.group(2)
    m = _BOLD_LINE_RE.match(line)
    if m and "\t" not in line and not re.search(r"[.;:]\s*$", m.group("text")):
        return 4, m.group("text")
    return 0, None
