"""The end-of-run summary as lines of text: what this run did, what the output now holds and
the command to run next. Kept apart from the CLI so it can be tested as data and so the
wording lives in one place.

An unchanged re-run did nothing, but the output still holds every document: the summary says
both ("5 unchanged; output: 5 documents, 508 facts, ..."), never `documents: 0` as if the
run had found nothing.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.batch.ingest import Summary
from pipeline.model.names import printable
from pipeline.output.reader import row_count, value_counts

SEVERITIES = ("error", "warning", "info")
SHOWN = 20  # failures and skipped files listed one by one; past that, a count
HINT = "convert to PDF, or save as .docx, .xlsx, .csv or .txt"


def plural(count: int, noun: str) -> str:
    """'1 flag', '2 flags', '1 duplicate'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def run_line(summary: Summary) -> str:
    """What this run did: documents processed by status, unchanged, duplicate, not read."""
    statuses = Counter(line.status for line in summary.lines)
    parts = []
    if summary.lines:
        by_status = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        parts.append(f"{len(summary.lines)} processed ({by_status})")
    if summary.skipped:
        parts.append(f"{summary.skipped} unchanged")
    if summary.retried:
        parts.append(f"{summary.retried} retried (stopped by a limit or a crash last time)")
    if summary.duplicates:
        parts.append(plural(len(summary.duplicates), "duplicate"))
    if summary.unsupported:
        parts.append(f"{len(summary.unsupported)} not read (unsupported type)")
    if summary.pruned:
        parts.append(f"{summary.pruned} pruned (no longer among the inputs)")
    return "; ".join(parts) or "nothing to do"


def output_line(out: Path) -> str:
    """What the output folder holds, earlier runs' documents included."""
    flags = row_count(out, "flags")
    severities = value_counts(out, "flags", "severity")
    breakdown = ", ".join(f"{severities[s]} {s}" for s in SEVERITIES if severities.get(s))
    return (f"output: {plural(row_count(out, 'documents'), 'document')}, "
            f"{plural(row_count(out, 'facts'), 'fact')}, {plural(flags, 'flag')}"
            + (f": {breakdown}" if breakdown else ""))


def detail_lines(summary: Summary, verbose: bool) -> list[str]:
    """Failed documents (every document with -v), duplicates and unsupported files."""
    lines = [f"  {d.status:<14} {printable(d.path)}: {plural(d.pages, 'page')}, {plural(d.facts, 'fact')}, "
             f"{plural(d.flags, 'flag')}" + (f" ({printable(d.reason)})" if d.reason else "")
             for d in summary.lines if verbose or d.status != "ok"]
    shown = lines if verbose else lines[:SHOWN]
    if len(lines) > len(shown):
        shown.append(f"  ... and {len(lines) - len(shown)} more (see documents.parquet)")
    if summary.to_retry:
        shown.append(f"  {plural(summary.to_retry, 'document')} stopped by a limit or a crash: the next run "
                     "tries them again (--no-retry keeps them as they are)")
    shown += [f"  duplicate      {printable(path)}: same content as {printable(original)}; its rows are under that file"
              for path, original in summary.duplicates]
    unsupported = summary.unsupported if verbose else summary.unsupported[:SHOWN]
    shown += [f"  not read       {printable(str(path))}: {printable(path.suffix) or 'no extension'}, "
              "not a type recount reads" for path in unsupported]
    if len(summary.unsupported) > len(unsupported):
        shown.append(f"  ... and {len(summary.unsupported) - len(unsupported)} more files not read")
    if summary.unsupported:
        shown.append(f"  (to include files like these: {HINT})")
    return shown


def summary_lines(summary: Summary, out: Path, verbose: bool = False) -> list[str]:
    """The whole summary, in the order a person reads it."""
    lines = [f"this run: {run_line(summary)}", *detail_lines(summary, verbose), output_line(out)]
    stale = summary.absent - summary.pruned
    if stale:
        lines.append(f"  {plural(stale, 'document')} in the output no longer among the inputs (stale): "
                     "--prune removes them")
    lines.append(f"next: recount report {printable(str(out))}")
    return lines
