"""The recount command line: thin wrappers over the library functions.

Exit codes: 0 done; 1 some document failed (everything else was written); 2 a usage error
(a bad option, a path that is not there, a folder that is not recount output) or an
unexpected error; 130 interrupted (Ctrl-C: what was finished is kept, and the same command
resumes). A mistake is one line on stderr, never a traceback; `--debug` shows tracebacks.
"""
from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from pipeline import PIPELINE_VERSION
from pipeline.model.settings import Settings

# The batch, output and review modules are imported inside the commands: they load spaCy and
# Arrow (seconds), and a Ctrl-C during a module-level import could not be caught below.

EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


class UserError(click.ClickException):
    """A mistake in what the user asked for: one line, exit 2."""
    exit_code = EXIT_USAGE


class Recount(click.Group):
    """Turns the errors a user can cause into one-line messages and documented exit codes;
    anything else reaches `report_crash`."""

    def invoke(self, ctx: click.Context):
        from pipeline.batch.ingest import InputError
        from pipeline.output.reader import OutputMissing
        try:
            return super().invoke(ctx)
        except (OutputMissing, InputError) as err:
            if ctx.params.get("debug"):
                raise
            raise UserError(str(err)) from err
        except BrokenPipeError:  # `recount ... | head`: the reader left; nothing to say to it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(EXIT_FAILED) from None
        except OSError as err:  # a folder or file of the user's: not there, not writable, a file
            if ctx.params.get("debug"):
                raise
            where = f"{err.filename}: " if err.filename else ""
            raise UserError(f"{where}{err.strerror or err}") from err
        except KeyboardInterrupt:
            if ctx.params.get("debug"):
                raise
            click.echo("recount: interrupted; finished documents are kept, and the same command "
                       "resumes the run", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None


@click.group(cls=Recount)
@click.version_option(PIPELINE_VERSION, prog_name="recount")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for reporting a bug in recount).")
def main(verbose: int, debug: bool) -> None:
    """recount: every number in a report, as data, reconciled.

    Exit codes: 0 done, 1 some document failed, 2 usage error, 130 interrupted.

    Example:

        recount ingest raw/ -o processed/
    """
    from pipeline.batch.progress import TextFormatter
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(TextFormatter("%(levelname)s %(name)s: %(message)s", debug=debug))
    logging.basicConfig(level=level, handlers=[handler])  # a no-op where logging is set up (tests)
    logging.captureWarnings(True)  # library warnings become log records (JSON with --log-format json)
    if not debug:
        sys.excepthook = report_crash


def report_crash(kind: type, error: BaseException, trace: object) -> None:
    """An unexpected error, in one line (a log record, so JSON under --log-format json)."""
    logging.getLogger("recount").critical("recount stopped on an unexpected error: %s: %s "
                                          "(run with --debug for the traceback)", kind.__name__, error)
    sys.exit(2 if not isinstance(error, KeyboardInterrupt) else 130)


def use_json_logging() -> None:
    """Log records as JSON lines on stderr, alongside the JSON progress events."""
    from pipeline.batch.progress import JsonFormatter
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(debug=click.get_current_context().find_root().params.get("debug", False)))
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


def rule_options(command):
    """--rules-config FILE, --enable/--disable RULE, --set RULE.SETTING=VALUE."""
    command = click.option("--set", "assignments", multiple=True, metavar="RULE.SETTING=VALUE",
                           help="Tune a rule, e.g. parts-sum-to-whole.min_parts_for_shortfall=4.")(command)
    command = click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule.")(command)
    command = click.option("--enable", multiple=True, metavar="RULE", help="Run only these rules.")(command)
    return click.option("--rules-config", type=click.Path(exists=True, dir_okay=False),
                        help="TOML or JSON rules config (see `recount rules`).")(command)


def rule_settings(rules_config, enable, disable, assignments, recorded: str = ""):
    """The run's rule settings (`run_rule_settings`); a bad config or switch is a message."""
    from pipeline.rules.settings import run_rule_settings
    try:
        return run_rule_settings(recorded, rules_config, enable, disable, assignments)
    except ValueError as err:
        raise click.ClickException(str(err)) from err


@main.command()
@rule_options
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="processed", show_default=True, type=click.Path(),
              help="Folder for the Parquet tables.")
@click.option("--max-pages", default=Settings.max_pages, show_default=True, help="Pages read per document.")
@click.option("--timeout", default=Settings.timeout_seconds, show_default=True,
              help="Seconds allowed per document; a document over it is recorded as timeout.")
@click.option("--max-memory", default=Settings.max_memory_mb, show_default=True, type=click.IntRange(min=64),
              help="Memory (MB of address space) per worker; a document needing more is recorded as too_large.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for --executor local.  [default: one per core]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are processed: local worker processes or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address for --executor dask, e.g. tcp://host:8786.")
@click.option("--force", is_flag=True, help="Redo every document, even those unchanged since the last run.")
@click.option("--no-retry", is_flag=True,
              help="Do not redo documents that timed out or crashed last time (they are by default).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that lead out of the input folders (skipped by default).")
@click.option("--quiet", is_flag=True, help="No progress bar (with --log-format json: no per-document lines).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: progress and log records as JSON lines on stderr, for scheduled runs.")
@click.option("--prune", is_flag=True, help="Remove documents whose files are no longer among the inputs.")
@click.option("-v", "--verbose", is_flag=True, help="One summary line per document processed.")
def ingest(paths: tuple[str, ...], output: str, max_pages: int, timeout: float, max_memory: int, jobs: int | None,
           executor: str, scheduler: str | None, force: bool, no_retry: bool, follow_symlinks: bool,
           quiet: bool, log_format: str, prune: bool, verbose: bool, rules_config, enable, disable,
           assignments) -> None:
    """Read reports (files or folders, recursing) into Parquet tables, with flags.

    Re-runs skip documents unchanged since the last run into the same folder, and an
    interrupted run resumes where it stopped. Files of other types (a README, images) are
    listed and skipped. Exits 1 when any document failed, after writing everything else.
    The rule options are those of `check`; the configuration is recorded with the output
    (rules.json) and in the run version.

    Example:

        recount ingest raw/ ../archive/2016 -o processed/ --jobs 4 --disable same-quantity-agrees
    """
    if log_format == "json":
        use_json_logging()
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler tcp://host:8786")
    from pipeline.batch.ingest import ingest as run_ingest
    from pipeline.batch.progress import make_progress
    from pipeline.batch.summary import summary_lines
    rules = rule_settings(rules_config, enable, disable, assignments).to_json()
    settings = Settings(max_pages=max_pages, timeout_seconds=timeout, max_memory_mb=max_memory, rules=rules)
    out = output_folder(output)
    try:
        summary = run_ingest(paths, out, settings, jobs=jobs, executor=executor, scheduler=scheduler,
                             force=force, retry=not no_retry, follow_symlinks=follow_symlinks,
                             prune=prune, progress=make_progress(quiet, log_format))
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
    from pipeline.output.export import export as export_tables
    with writing(output, "export"):
        paths = export_tables(Path(output))
    for name, path in paths.items():
        click.echo(f"{name}: {path}")


def require_output(folder: str | Path) -> None:
    """A folder an ingest wrote (its dataset or its tables), else a usage error naming the
    mistake; checked before anything (a lock, the review store) is created in or beside it."""
    from pipeline.output.dataset import DATASET_DIR
    if not ((Path(folder) / DATASET_DIR).is_dir() or (Path(folder) / "documents.parquet").is_file()):
        raise UserError(f"{folder}: not a recount output folder (no {DATASET_DIR}/ or documents.parquet); "
                        f"name the folder an ingest wrote, or run `recount ingest REPORTS -o {folder}` first")


@contextmanager
def writing(output: str | Path, command: str) -> Iterator[None]:
    """Hold the output folder's lock (one writer at a time) after repairing what a killed
    command left; a held lock or a full disk is a message, not a traceback."""
    from pipeline.batch.ingest import recover
    from pipeline.output.manifest import locked
    require_output(output)  # first: taking the lock would make a folder in it
    try:
        with locked(Path(output), command):
            recover(Path(output))
            yield
    except RuntimeError as err:  # FolderLocked, DiskFull
        raise click.ClickException(str(err)) from err


# --- rules, re-checking, review and the report (issue 4) ---------------------------------

store_option = click.option("--decisions", type=click.Path(dir_okay=False), default=None,
                            help="Review decisions store [default: OUT.review.sqlite beside the output folder OUT].")


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
    from pipeline.output.run_rules import read_run_rules
    from pipeline.review.recheck import recheck
    with writing(processed, "check"):
        settings = rule_settings(rules_config, enable, disable, assignments, read_run_rules(processed))
        flags = recheck(processed, settings, decisions)
    counts = Counter(f.severity for f in flags if f.status in ("open", "reopened"))
    click.echo(f"flags: {len(flags)} ({', '.join(f'{n} {s} open' for s, n in sorted(counts.items())) or 'none open'})")


class ReviewGroup(click.Group):
    """`recount review FLAG_ID --confirm` (the decide command) beside `review serve/export/import`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["decide", *args]
        return super().parse_args(ctx, args)


@main.group(cls=ReviewGroup)
def review() -> None:
    """Review flags: the app, one decision at a time, or decisions as JSON Lines.

    Example:

        recount review serve processed/
        recount review flag_3f2a -d processed/ --confirm
    """


@review.command("decide")
@click.argument("flag_id")
@click.option("-d", "--processed", default="processed", show_default=True, type=click.Path(exists=True))
@click.option("--dismiss", "status", flag_value="dismissed", help="Not a real inconsistency.")
@click.option("--confirm", "status", flag_value="confirmed", help="A real inconsistency.")
@click.option("--reopen", "status", flag_value="open", help="Undo the last decision.")
@click.option("--reason", type=click.Choice(["rounding", "different-measure", "restated",
                                             "extraction-error", "other"]), default=None,
              help="Why a flag is dismissed.")
@click.option("--note", default="", help="Free text kept with the decision.")
@store_option
def decide(flag_id, processed, status, reason, note, decisions) -> None:
    """Record a review decision on a flag (an id or a unique id prefix).

    Example:

        recount review flag_3f2a --dismiss --reason different-measure --note "offences vs outcomes"
    """
    from pipeline.review.recheck import review as record
    if not status:
        raise click.UsageError("say --dismiss, --confirm or --reopen")
    try:
        with writing(processed, "review"):
            flag = record(processed, flag_id, status, reason or "", note, decisions)
    except (KeyError, ValueError) as err:
        raise click.ClickException(str(err).strip("'\"")) from err
    click.echo(f"{flag.flag_id} {flag.status} ({flag.rule_id}): {flag.message}")


@review.command("serve")
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@click.option("--port", default=8765, show_default=True, help="Port on 127.0.0.1.")
@store_option
def serve(processed, port, decisions) -> None:
    """Open the review app: the flags, their source pages and the decision keys.

    Example:

        recount review serve processed/ --port 8765
    """
    from pipeline.review.app import create_app, run
    require_output(processed)
    app = create_app(processed, decisions)  # OutputMissing: a usage error (Recount.invoke)
    click.echo(f"reviewing {processed} at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    run(app, port=port)


@review.command("export")
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON Lines file.")
@store_option
def export_decisions(processed, output, decisions) -> None:
    """Write every decision (the history, oldest first) as JSON Lines.

    Example:

        recount review export processed/ -o decisions.jsonl
    """
    from pipeline.review.outputs import open_store
    from pipeline.review.transfer import export_jsonl
    click.echo(f"{export_jsonl(open_store(processed, decisions), output)} decisions written to {output}")


@review.command("import")
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@store_option
def import_decisions(processed, source, decisions) -> None:
    """Add decisions from a JSON Lines export (or an old decisions.jsonl) to the folder's store.

    Example:

        recount review import processed/ decisions.jsonl
    """
    from pipeline.review.outputs import load, open_store
    from pipeline.review.recheck import attach_decisions
    from pipeline.review.transfer import import_jsonl
    store = open_store(processed, decisions)
    try:
        with writing(processed, "review"):
            added = import_jsonl(store, source, load(processed, store))
            attach_decisions(processed, store.path)
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{added} new decisions imported into {store.path}")


@main.command()
@click.argument("processed", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "md"]), default="html", show_default=True)
@store_option
def report(processed, output, fmt, decisions) -> None:
    """Write the review report: every document's coverage and every flag with its source.

    Example:

        recount report processed/ -o report.html
        recount report processed/ --format csv -o flags.csv
        recount report processed/ --format md -o -
    """
    from pipeline.review.report import render_report, write_report
    require_output(processed)
    if output == "-":
        text, count = render_report(processed, fmt, decisions)
        click.echo(text, nl=False)
    else:
        count = write_report(processed, output, fmt, decisions)
    click.echo(f"{count} open {'flag' if count == 1 else 'flags'} written to "
               f"{'standard output' if output == '-' else output}", err=output == "-")


if __name__ == "__main__":
    main()
