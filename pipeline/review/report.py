"""The review report: every open flag with its arithmetic and source, as one static HTML
page, a CSV for spreadsheets or Markdown for email.

Loaded once from an output folder into `ReviewItem`s; the three formats only render them.
"""
from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import Flag
from pipeline.model.numbers import find_numbers
from pipeline.output.reader import read_documents, read_facts, read_flags
from pipeline.rules.registry import RULES
from pipeline.rules.rounding import plain

OPEN = ("open", "reopened")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class ReviewItem:
    flag: Flag
    file_name: str
    rule_text: str  # the rule in plain words
    numbers: frozenset[float]  # the facts' values, to highlight in the snippet


def load_review(out_dir: str | Path) -> list[ReviewItem]:
    """Flags with their document names and numbers, most severe first within a document."""
    docs, values = read_documents(out_dir), {f.fact_id: f.value for f in read_facts(out_dir)}
    items = [ReviewItem(flag, docs.get(flag.doc_id, {}).get("file_name", flag.doc_id),
                        RULES[flag.rule_id].description if flag.rule_id in RULES else flag.rule_id,
                        frozenset(values[i] for i in flag.fact_ids if i in values))
             for flag in read_flags(out_dir)]
    return sorted(items, key=lambda i: (i.file_name, SEVERITY_ORDER.get(i.flag.severity, 3),
                                        i.flag.page or 0, i.flag.flag_id))


def highlighted(snippet: str, numbers: frozenset[float]) -> str:
    """The snippet as HTML with the flag's numbers marked."""
    out, last = [], 0
    for number in find_numbers(snippet, words=False):
        if any(abs(number.value - v) < 1e-9 for v in numbers):
            out += [html.escape(snippet[last:number.start]),
                    f"<mark>{html.escape(snippet[number.start:number.end])}</mark>"]
            last = number.end
    return "".join(out) + html.escape(snippet[last:])


def counts_table(items: list[ReviewItem]) -> str:
    counts = Counter((i.flag.rule_id, i.flag.severity) for i in items if i.flag.status in OPEN)
    rows = [f"<tr><td><code>{html.escape(r)}</code></td>"
            + "".join(f"<td class=n>{counts.get((r, s), 0) or ''}</td>" for s in SEVERITY_ORDER)
            + f"<td class=n>{sum(counts.get((r, s), 0) for s in SEVERITY_ORDER)}</td></tr>"
            for r in sorted({rule for rule, _ in counts})]
    total = "".join(f"<td class=n>{sum(n for (_, s), n in counts.items() if s == sev)}</td>"
                    for sev in SEVERITY_ORDER)
    return ("<table class=counts><tr><th>rule</th><th>error</th><th>warning</th><th>info</th>"
            f"<th>all</th></tr>{''.join(rows)}<tr class=total><td>all open flags</td>{total}"
            f"<td class=n>{sum(counts.values())}</td></tr></table>")


def number_cell(value: float | None) -> str:
    return "" if value is None else plain(value, 2)


def flag_card(item: ReviewItem) -> str:
    f = item.flag
    decision = (f"<p class=decision>{html.escape(f.status)}: {html.escape(f.decision_reason)} "
                f"{html.escape(f.decision_note)}</p>" if f.decision_reason or f.decision_note else "")
    return f"""<section class="flag {html.escape(f.severity)}">
<h3><span class=sev>{html.escape(f.severity)}</span> {html.escape(item.rule_text)}</h3>
<p class=msg>{html.escape(f.message)}</p>
<table class=nums><tr><th>expected</th><th>observed</th><th>difference</th><th>tolerance</th></tr>
<tr><td>{number_cell(f.expected)}</td><td>{number_cell(f.observed)}</td>
<td>{number_cell(f.difference)}</td><td>{html.escape(f.tolerance)}</td></tr></table>
<p class=arith><code>{html.escape(f.arithmetic)}</code></p>
<blockquote>{highlighted(f.snippet, item.numbers)}<cite>page {f.page or '?'}</cite></blockquote>
{decision}<p class=meta>rule <code>{html.escape(f.rule_id)}</code> &middot; flag
<code>{html.escape(f.flag_id)}</code> &middot; {html.escape(f.status)}</p>
</section>"""


STYLE = """body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #ccc}h3{font-size:1.05em;margin:.2em 0}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}
.n{text-align:right}.total{font-weight:bold}.flag{border-left:6px solid #999;padding:.5em 1em;
margin:1em 0;background:#fafafa}.error{border-color:#c62828}.warning{border-color:#ef8f00}
.info{border-color:#1e88e5}.sev{text-transform:uppercase;font-size:.75em;padding:.1em .4em;
border-radius:3px;color:#fff;background:#999}.error .sev{background:#c62828}
.warning .sev{background:#ef8f00}.info .sev{background:#1e88e5}.msg{font-weight:600}
blockquote{margin:.5em 0;padding:.5em 1em;background:#fff;border:1px solid #e0e0e0}
cite{display:block;color:#777;font-size:.85em;margin-top:.3em}mark{background:#ffe066;
font-weight:bold}.meta{color:#777;font-size:.85em}.decision{color:#2e7d32}"""


def render_html(items: list[ReviewItem], title: str = "recount review") -> str:
    body = [f"<h1>{html.escape(title)}</h1>", counts_table(items)]
    for name in dict.fromkeys(i.file_name for i in items):
        mine = [i for i in items if i.file_name == name]
        todo = [i for i in mine if i.flag.status in OPEN]
        done = [i for i in mine if i.flag.status not in OPEN]
        body.append(f"<h2>{html.escape(name)} <small>{len(todo)} open, {len(done)} reviewed</small></h2>")
        body += [flag_card(i) for i in todo]
        if done:
            body.append("<details><summary>reviewed flags</summary>"
                        + "".join(flag_card(i) for i in done) + "</details>")
    if not items:
        body.append("<p>No flags: every checked figure agrees within its printed precision.</p>")
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style><body>{''.join(body)}</body></html>")


CSV_COLUMNS = ["file_name", "flag_id", "rule_id", "rule", "severity", "status", "page", "message",
               "expected", "observed", "difference", "tolerance", "arithmetic", "snippet",
               "decision_reason", "decision_note"]


def render_csv(items: list[ReviewItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for i in items:
        f = i.flag
        writer.writerow([i.file_name, f.flag_id, f.rule_id, i.rule_text, f.severity, f.status,
                         f.page, f.message, f.expected, f.observed, f.difference, f.tolerance,
                         f.arithmetic, f.snippet, f.decision_reason, f.decision_note])
    return out.getvalue()


def render_markdown(items: list[ReviewItem], title: str = "recount review") -> str:
    open_items = [i for i in items if i.flag.status in OPEN]
    lines = [f"# {title}", "", f"{len(open_items)} open flags of {len(items)}.", ""]
    for name in dict.fromkeys(i.file_name for i in open_items):
        lines += [f"## {name}", ""]
        for i in (i for i in open_items if i.file_name == name):
            f = i.flag
            lines += [f"- **{f.severity}** ({i.rule_text}) {f.message}  ",
                      f"  page {f.page or '?'}, tolerance: {f.tolerance}, flag `{f.flag_id}`  ",
                      f"  > {' '.join(f.snippet.split())}", ""]
    return "\n".join(lines)


def render_report(out_dir: str | Path, fmt: str = "html") -> tuple[str, int]:
    """The report's text and how many open flags it lists."""
    items = load_review(out_dir)
    renderers = {"html": render_html, "csv": render_csv, "md": render_markdown}
    if fmt not in renderers:
        raise ValueError(f"unknown report format {fmt!r}; available: {', '.join(renderers)}")
    return renderers[fmt](items), sum(i.flag.status in OPEN for i in items)


def write_report(out_dir: str | Path, target: str | Path, fmt: str = "html") -> int:
    """Write the report; returns how many open flags it lists."""
    text, count = render_report(out_dir, fmt)
    Path(target).write_text(text, encoding="utf-8")
    return count
