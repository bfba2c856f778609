"""The recount command line: thin wrappers over the library functions."""
from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline import PIPELINE_VERSION
from pipeline.dataset import export as export_tables
from pipeline.progress import JsonFormatter, make_progress
from pipeline.run import Summary, ingest as run_ingest
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


def use_json_logging() -> None:
    """Log records as JSON lines on stderr, alongside the JSON progress events."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(min(root.level, logging.INFO))


def print_summary(summary: Summary) -> None:
    results = summary.results
    statuses = Counter(r.document.status for r in results)
    counts = f" ({', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))})" if results else ""
    click.echo(f"documents: {len(results)}{counts}")
    click.echo(f"facts: {summary.facts}   flags: {summary.flags}")
    for result in summary.failed[:20]:
        doc = result.document
        click.echo(f"  {doc.status:<14} {doc.file_name}: {doc.reason}")
    if len(summary.failed) > 20:
        click.echo(f"  ... and {len(summary.failed) - 20} more (see documents.parquet)")
    for problem in summary.problems:
        click.echo(f"  {problem}")
    if summary.skipped:
        click.echo(f"unchanged since the last run (skipped): {summary.skipped}")
    for path, original in summary.duplicates:
        click.echo(f"  duplicate   {path}: same content as {original}; its rows are under that file")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="processed", show_default=True, type=click.Path(),
              help="Folder for the Parquet tables.")
@click.option("--max-pages", default=Settings.max_pages, show_default=True, help="Pages read per document.")
@click.option("--timeout", default=Settings.timeout_seconds, show_default=True,
              help="Seconds allowed per document; a document over it is recorded as timeout.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for --executor local.  [default: one per core]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are processed: local worker processes or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address for --executor dask, e.g. tcp://host:8786.")
@click.option("--force", is_flag=True, help="Redo every document, even those unchanged since the last run.")
@click.option("--quiet", is_flag=True, help="No progress bar (with --log-format json: no per-document lines).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: progress and log records as JSON lines on stderr, for scheduled runs.")
def ingest(paths: tuple[str, ...], output: str, max_pages: int, timeout: float, jobs: int | None,
           executor: str, scheduler: str | None, force: bool, quiet: bool, log_format: str) -> None:
    """Read reports (files or folders, recursing) into Parquet tables, with flags.

    Re-runs skip documents unchanged since the last run into the same folder, and an
    interrupted run resumes where it stopped. Exits 1 when any document failed, after
    writing everything else.

    Example:

        recount ingest raw/ ../archive/2016 -o processed/ --jobs 4
    """
    if log_format == "json":
        use_json_logging()
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler tcp://host:8786")
    settings = Settings(max_pages=max_pages, timeout_seconds=timeout)
    try:
        summary = run_ingest(paths, output, settings, jobs=jobs, executor=executor, scheduler=scheduler,
                             force=force, progress=make_progress(quiet, log_format))
    except RuntimeError as err:
        raise click.ClickException(str(err)) from err
    print_summary(summary)
    click.echo(f"written to {Path(output)}/")
    if summary.failed or summary.problems:
        sys.exit(1)


@main.command()
@click.option("-o", "--output", default="processed", show_default=True, type=click.Path(exists=True),
              help="The folder an ingest wrote.")
def export(output: str) -> None:
    """Write the single-file tables (documents.parquet, facts.parquet, ...) from the dataset.

    ingest does this at its end; run it after copying dataset parts in by hand or to
    rebuild the files a reader deleted.

    Example:

        recount export -o processed/
    """
    for name, path in export_tables(Path(output)).items():
        click.echo(f"{name}: {path}")


if __name__ == "__main__":
    main()
