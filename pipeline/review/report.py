"""The review report: coverage of every document and every flag with its finding, arithmetic
and source, as one static HTML page (PDF crops embedded), a CSV for spreadsheets or Markdown
for email.

HTML comes from Jinja2 templates with autoescaping, so a file name or snippet holding markup
is shown as text. The CSV and Markdown carry document text too: a cell a spreadsheet would
run as a formula (starting = + - @, tab or CR) gets a leading apostrophe, and Markdown
escapes HTML and its own punctuation.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline.output.reader import read_pages
from pipeline.output.writer import atomic_path
from pipeline.review.cards import STATUS_ORDER, Card, SourceView, cards, counts, coverage
from pipeline.review.outputs import Outputs, load, open_store
from pipeline.review.source import page_crop
from pipeline.rules.rounding import plain

OPEN = ("open", "reopened")


def environment() -> Environment:
    """The templates the report and the app share, HTML autoescaped."""
    env = Environment(loader=PackageLoader("pipeline.review", "templates"),
                      autoescape=select_autoescape(["html"]))
    env.globals["plain"] = plain
    return env


def stylesheet() -> str:
    return (Path(__file__).parent / "static" / "review.css").read_text(encoding="utf-8")


def embedded_crop(outputs: Outputs):
    """crop_src for the report: the page region as a data: URI (the report is one file)."""
    def crop_src(card: Card, source: SourceView) -> str | None:
        path = outputs.documents.get(source.doc_id, {}).get("path", "")
        png = page_crop(path, source.page, list(source.spots), scale=1.5) if path else None
        return f"data:image/png;base64,{base64.b64encode(png).decode()}" if png else None
    return crop_src


def render_html(outputs: Outputs, items: list[Card], store: str = "",
                title: str = "recount review") -> str:
    docs = coverage(outputs)
    totals: Counter[str] = Counter(c.flag.status for c in items)
    names = list(dict.fromkeys(c.file_name for c in items))
    return environment().get_template("static_report.html").render(
        title=title, css=stylesheet(), cards=items, coverage=docs, out_dir=str(outputs.out_dir),
        store=store, read=sum(d.checked for d in docs), fact_total=len(outputs.facts),
        status_totals={s: totals[s] for s in STATUS_ORDER if totals[s]}, statuses=STATUS_ORDER,
        counts=counts(items), by_document=[(n, open_first([c for c in items if c.file_name == n]))
                                           for n in names],
        crop_src=embedded_crop(outputs))


def open_first(items: list[Card]) -> list[Card]:
    return sorted(items, key=lambda c: not c.is_open)  # stable: severity order kept within


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell a spreadsheet will show, not run (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = ["file_name", "flag_id", "rule_id", "headline", "severity", "status", "page",
               "message", "expected", "observed", "difference", "tolerance", "arithmetic",
               "snippet", "decision_reason", "decision_note"]


def render_csv(items: list[Card]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in items:
        f = c.flag
        writer.writerow([cell(v) for v in (
            c.file_name, f.flag_id, f.rule_id, c.headline, f.severity, f.status, f.page,
            f.message, f.expected, f.observed, f.difference, f.tolerance, f.arithmetic,
            f.snippet, f.decision_reason, f.decision_note)])
    return out.getvalue()


MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # what marks up inline text; < > & become entities


def md(text: str) -> str:
    """Document text as inert Markdown: one line, HTML escaped, punctuation backslashed."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def render_markdown(outputs: Outputs, items: list[Card], title: str = "recount review") -> str:
    lines = [f"# {md(title)}", "", f"{sum(c.is_open for c in items)} open flags of {len(items)}.", "",
             "## Coverage", ""]
    lines += [f"- {md(d.file_name)}: {md(d.status)}{'' if d.checked else ' (not checked) ' + md(d.reason)}, "
              f"{d.facts} facts, flags: {', '.join(f'{n} {s}' for s, n in d.flags.items()) or 'none'}"
              for d in coverage(outputs)]
    for name in dict.fromkeys(c.file_name for c in items if c.is_open):
        lines += ["", f"## {md(name)}", ""]
        for c in (c for c in items if c.file_name == name and c.is_open):
            f = c.flag
            lines += [f"- **{md(f.severity)}** {md(c.headline)}  ",
                      f"  {md(f.message)}  ",
                      f"  page {f.page or '?'}, tolerance: {md(f.tolerance)}, flag `{f.flag_id}`  ",
                      f"  > {md(f.snippet)}", ""]
    return "\n".join(lines)


def write_report(out_dir: str | Path, target: str | Path, fmt: str = "html",
                 store: str | Path | None = None) -> int:
    """Write the report; returns how many open flags it lists."""
    if fmt not in ("html", "csv", "md"):
        raise ValueError(f"unknown report format {fmt!r}; available: html, csv, md")
    decisions = open_store(out_dir, store)
    outputs = load(out_dir, decisions)
    items = cards(outputs, read_pages(out_dir))
    text = {"html": lambda: render_html(outputs, items, str(decisions.path)),
            "csv": lambda: render_csv(items), "md": lambda: render_markdown(outputs, items)}[fmt]()
    with atomic_path(Path(target)) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
        tmp.chmod(0o644)  # a report is for reading: not the temporary file's owner-only mode
    return sum(c.is_open for c in items)
