"""The recount command line: thin wrappers over the library functions.

Exit codes: 0 done; 1 some document failed (everything else was written); 2 a usage error
(a bad option, a path that is not there, a folder that is not recount output); 130
interrupted (Ctrl-C; what was finished is kept and the next run resumes). A user's mistake
is one line on stderr, never a traceback; `--debug` shows the traceback of any error.
"""
from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline import PIPELINE_VERSION
from pipeline.model.settings import Settings

# The batch, output and review modules are imported inside the commands: they load spaCy and
# Arrow (seconds), and a Ctrl-C during a module-level import could not be caught below.

EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


class UserError(click.ClickException):
    """A mistake in what the user asked for: one line, exit 2."""
    exit_code = EXIT_USAGE


def os_error_message(err: OSError) -> str:
    """'processed/facts.parquet: Not a directory' from any OSError."""
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"


class Recount(click.Group):
    """Turns expected errors into one-line messages and documented exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:
            if ctx.params.get("debug"):
                raise
            raise as_user_error(err) from err
        except KeyboardInterrupt:
            if ctx.params.get("debug"):
                raise
            click.echo("recount: interrupted; finished documents are kept, and the same command "
                       "resumes the run", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED)


def as_user_error(err: Exception) -> click.ClickException:
    """Expected errors as usage errors; anything else is a bug, reported in one line too."""
    from pipeline.batch.ingest import InputError
    from pipeline.output.reader import OutputMissing
    if isinstance(err, (OutputMissing, InputError)):
        return UserError(str(err))
    if isinstance(err, OSError):
        return UserError(os_error_message(err))
    return click.ClickException(f"internal error, {type(err).__name__}: {err} "
                                "(run with --debug for the traceback)")


@click.group(cls=Recount)
@click.version_option(PIPELINE_VERSION, prog_name="recount")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def main(verbose: int, debug: bool) -> None:
    """recount: every number in a report, as data, reconciled.

    Exit codes: 0 done, 1 some document failed, 2 usage error, 130 interrupted.

    Example:

        recount ingest raw/ -o processed/
    """
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose + 2 * debug, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def use_json_logging() -> None:
    """Log records as JSON lines on stderr, alongside the JSON progress events."""
    from pipeline.batch.progress import JsonFormatter
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(min(root.level, logging.INFO))


def output_folder(output: str) -> Path:
    """-o for ingest: a folder (made if missing), never a file or standard output."""
    if output == "-":
        raise UserError("-o -: ingest writes a folder of Parquet tables, not a stream; name a folder")
    path = Path(output)
    if path.exists() and not path.is_dir():
        raise UserError(f"-o {output}: is a file; name a folder for the Parquet tables")
    return path


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
@click.option("--prune", is_flag=True, help="Remove documents whose files are no longer among the inputs.")
@click.option("-v", "--verbose", is_flag=True, help="One summary line per document processed.")
def ingest(paths: tuple[str, ...], output: str, max_pages: int, timeout: float, jobs: int | None,
           executor: str, scheduler: str | None, force: bool, quiet: bool, log_format: str,
           prune: bool, verbose: bool) -> None:
    """Read reports (files or folders, recursing) into Parquet tables, with flags.

    Re-runs skip documents unchanged since the last run into the same folder, and an
    interrupted run resumes where it stopped. Files of other types (a README, images) are
    listed and skipped. Exits 1 when any document failed, after writing everything else.

    Example:

        recount ingest raw/ ../archive/2016 -o processed/ --jobs 4
    """
    if log_format == "json":
        use_json_logging()
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler tcp://host:8786")
    from pipeline.batch.ingest import ingest as run_ingest
    from pipeline.batch.progress import make_progress
    from pipeline.batch.summary import summary_lines
    settings, out = Settings(max_pages=max_pages, timeout_seconds=timeout), output_folder(output)
    try:
        summary = run_ingest(paths, out, settings, jobs=jobs, executor=executor, scheduler=scheduler,
                             force=force, prune=prune, progress=make_progress(quiet, log_format))
    except RuntimeError as err:
        raise click.ClickException(str(err)) from err
    for line in summary_lines(summary, out, verbose):
        click.echo(line)
    if summary.failed:
        sys.exit(EXIT_FAILED)


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
    from pipeline.output.dataset import DATASET_DIR, export as export_tables
    if not (Path(output) / DATASET_DIR).is_dir():
        raise UserError(f"{output}: not a recount output folder (no {DATASET_DIR}/); name the folder "
                        "`recount ingest ... -o FOLDER` wrote")
    for name, path in export_tables(Path(output)).items():
        click.echo(f"{name}: {path}")


# --- rules, re-checking, review and the report (issue 4) ---------------------------------

def rule_options(command):
    """--rules-config FILE, --enable/--disable RULE, --set RULE.SETTING=VALUE."""
    command = click.option("--set", "assignments", multiple=True, metavar="RULE.SETTING=VALUE",
                           help="Tune a rule, e.g. parts-sum-to-whole.min_parts_for_shortfall=4.")(command)
    command = click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule.")(command)
    command = click.option("--enable", multiple=True, metavar="RULE", help="Run only these rules.")(command)
    return click.option("--rules-config", type=click.Path(exists=True, dir_okay=False),
                        help="TOML or JSON rules config (see `recount rules`).")(command)


def rule_settings(rules_config, enable, disable, assignments):
    from pipeline.rules.settings import RuleSettings
    try:
        base = RuleSettings.from_file(rules_config) if rules_config else RuleSettings()
        return base.with_overrides(enable, disable, assignments)
    except ValueError as err:
        raise click.ClickException(str(err)) from err


store_option = click.option("--decisions", type=click.Path(dir_okay=False), default=None,
                            help="Review decisions file [default: review/decisions.jsonl beside the output folder].")


@main.command()
@rule_options
def rules(rules_config, enable, disable, assignments) -> None:
    """List the rules, their severity, description and tolerance settings.

    Example:

        recount rules --disable same-quantity-agrees
    """
    settings = rule_settings(rules_config, enable, disable, assignments)
    active = {r.id for r in settings.active()}
    from pipeline.rules.registry import RULES
    for rule in RULES.values():
        tuned = ", ".join(f"{k}={v}" for k, v in settings.params_for(rule).as_dict().items())
        click.echo(f"{'on ' if rule.id in active else 'off'} {rule.id:<30} {rule.severity:<8} {rule.description}")
        if tuned:
            click.echo(f"    {tuned}")


@main.command()
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@rule_options
@store_option
def check(processed, rules_config, enable, disable, assignments, decisions) -> None:
    """Re-run the rules over an output folder's facts, without re-extracting.

    Example:

        recount check processed/ --disable narrative-matches-table
    """
    from pipeline.review.recheck import recheck
    flags = recheck(processed, rule_settings(rules_config, enable, disable, assignments), decisions)
    counts = Counter(f.severity for f in flags if f.status in ("open", "reopened"))
    click.echo(f"flags: {len(flags)} ({', '.join(f'{n} {s} open' for s, n in sorted(counts.items())) or 'none open'})")


@main.command()
@click.argument("flag_id")
@click.option("-d", "--processed", default="processed", show_default=True, type=click.Path(exists=True))
@click.option("--dismiss", "status", flag_value="dismissed", help="Not a real inconsistency.")
@click.option("--confirm", "status", flag_value="confirmed", help="A real inconsistency.")
@click.option("--reason", type=click.Choice(["rounding", "different-measure", "restated",
                                             "extraction-error", "other"]), default=None,
              help="Why a flag is dismissed.")
@click.option("--note", default="", help="Free text kept with the decision.")
@store_option
def review(flag_id, processed, status, reason, note, decisions) -> None:
    """Record a review decision on a flag (an id or a unique id prefix).

    Example:

        recount review flag_3f2a --dismiss --reason different-measure --note "offences vs outcomes"
    """
    from pipeline.review.recheck import review as record
    if not status:
        raise click.UsageError("say --dismiss or --confirm")
    try:
        flag = record(processed, flag_id, status, reason or "", note, decisions)
    except (KeyError, ValueError) as err:
        raise click.ClickException(str(err).strip("'\"")) from err
    click.echo(f"{flag.flag_id} {flag.status} ({flag.rule_id}): {flag.message}")


@main.command()
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "md"]), default="html", show_default=True)
def report(processed, output, fmt) -> None:
    """Write the review report: open flags per document with their arithmetic and source.

    Example:

        recount report processed/ -o report.html
        recount report processed/ --format csv -o flags.csv
        recount report processed/ --format md -o -
    """
    from pipeline.review.report import render_report
    text, count = render_report(processed, fmt)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
    click.echo(f"{count} open {'flag' if count == 1 else 'flags'} written to "
               f"{'standard output' if output == '-' else output}", err=output == "-")


if __name__ == "__main__":
    main()
