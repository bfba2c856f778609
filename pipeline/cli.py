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
    """
    from pipeline.review.report import write_report
    click.echo(f"{write_report(processed, output, fmt)} open flags written to {output}")


if __name__ == "__main__":
    main()
