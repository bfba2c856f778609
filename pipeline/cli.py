"""The recount command line: thin wrappers over the library functions."""
from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline import PIPELINE_VERSION
from pipeline.run import Summary, discover, ingest as run_ingest
from pipeline.settings import Settings


@click.group()
@click.version_option(PIPELINE_VERSION, prog_name="recount")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
def main(verbose: int) -> None:
    """recount: every number in a report, as data, reconciled.

    Example:

        recount ingest raw/ -o processed/
    """
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def print_summary(summary: Summary) -> None:
    results = summary.results
    statuses = Counter(r.document.status for r in results)
    click.echo(f"documents: {len(results)} ({', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))})")
    click.echo(f"facts: {summary.facts}   flags: {summary.flags}")
    for result in summary.failed[:20]:
        doc = result.document
        click.echo(f"  {doc.status:<14} {doc.file_name}: {doc.reason}")
    if len(summary.failed) > 20:
        click.echo(f"  ... and {len(summary.failed) - 20} more (see documents.parquet)")
    for problem in summary.problems:
        click.echo(f"  {problem}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="processed", show_default=True, type=click.Path(),
              help="Folder for the Parquet tables.")
@click.option("--max-pages", default=Settings.max_pages, show_default=True, help="Pages read per document.")
@click.option("--timeout", default=Settings.timeout_seconds, show_default=True,
              help="Seconds allowed per document.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], output: str, max_pages: int, timeout: float, quiet: bool) -> None:
    """Read reports (files or folders, recursing) into Parquet tables, with flags.

    Exits 1 when any document failed, after writing everything else.

    Example:

        recount ingest raw/ ../archive/2016 -o processed/
    """
    settings = Settings(max_pages=max_pages, timeout_seconds=timeout)
    files, _ = discover(paths)
    show = not quiet and sys.stderr.isatty()
    with click.progressbar(length=len(files), label="documents", file=sys.stderr,
                           show_pos=True, hidden=not show) as bar:
        summary = run_ingest(paths, output, settings, on_done=lambda _r: bar.update(1))
    print_summary(summary)
    click.echo(f"written to {Path(output)}/")
    if summary.failed or summary.problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
