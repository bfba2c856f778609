"""Year on year: a later report's previous-year or baseline figure against the earlier
report's outturn for the same body, indicator and year.

Reports are known by their title block (`documents`: organisation and reporting period).
A figure for year Y in the report *for* year Y is that year's outturn; the same measure for
year Y in a report for a later year (its '2014/15' or 'baseline' column) restates it. The
two agree within printed precision, unless the later figure's note says the measure was
redefined (lexicon DEFINITION_CHANGE), when the difference is expected and the flag is info.
Grouped by key and streamed like every corpus rule (corpus.py).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from extractors.lexicon.measures import DEFINITION_CHANGE
from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.corpus import recipient, where
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import plain, tolerance_text
from pipeline.rules.rule import Params, Rule

KINDS = ("kpi_value", "kpi_baseline", "count")
REDEFINED = re.compile(DEFINITION_CHANGE, re.I)
FY = re.compile(r"^\d{4}-\d\d$")


def report_period(fact: Fact, documents: dict[str, dict]) -> str:
    return (documents.get(fact.doc_id) or {}).get("period") or ""


def outturn_key(fact: Fact, documents: dict[str, dict]) -> tuple | None:
    if fact.kind not in KINDS or not fact.measure or not FY.match(fact.period) or fact.qualifier \
            or fact.role not in ("", "value", "baseline", "from", "level", "comparison"):
        return None
    own, body = report_period(fact, documents), recipient(fact, documents)
    if not body or not FY.match(own[:7]) or own[:7] < fact.period:
        return None
    return (body, fact.measure, fact.period, fact.unit, fact.area.lower())


def pairs(ctx: RuleContext) -> Iterator[tuple[Fact, Fact]]:
    """(earlier report's outturn, later report's restatement) for every key."""
    groups: dict[tuple, list[Fact]] = {}
    for fact in ctx.facts:
        key = outturn_key(fact, ctx.documents)
        if key is not None:
            groups.setdefault(key, []).append(fact)
    for key, facts in groups.items():
        outturns = [f for f in facts if report_period(f, ctx.documents)[:7] == key[2]]
        later = [f for f in facts if report_period(f, ctx.documents)[:7] > key[2]]
        if len({f.value for f in outturns}) == 1:
            yield from ((outturns[0], f) for f in later)


def check_year_on_year(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for before, after in pairs(ctx):
        if ctx.interval(before).meets(ctx.interval(after)):
            continue
        step = max(ctx.step(before), ctx.step(after))
        gap = abs(after.value - before.value)
        redefined = bool(REDEFINED.search(after.note) or REDEFINED.search(before.note))
        severity = "info" if redefined else grade(gap, step, gap >= p.error_share * max(before.value, 1), "warning")
        flag = make_flag(
            ctx, YEAR_ON_YEAR.id, severity, [after, before], focus=after,
            expected=before.value, observed=after.value,
            arithmetic=f"{plain(after.value)} - {plain(before.value)} = {plain(after.value - before.value)}",
            tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(after)),
            message=(f"'{after.measure}' for {before.period}: {plain(before.value)} in {where(ctx, before)} "
                     f"(that year's report), {plain(after.value)} in {where(ctx, after)}"
                     + (" (a note says the measure was redefined)" if redefined else "")))
        yield replace(flag, snippet=f"{ctx.snippet(after)[:300]} … {ctx.snippet(before)[:300]}")


YEAR_ON_YEAR = Rule(
    id="previous-year-agrees", severity="warning",
    description="A later report's previous-year or baseline figure agrees with the earlier report's "
                "outturn for the same body, indicator and year.",
    check=check_year_on_year, scope="corpus", group=outturn_key, params={"error_share": 0.01})
