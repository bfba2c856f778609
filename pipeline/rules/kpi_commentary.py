"""A change stated in a KPI table's commentary against the table's own values.

Reads, per table row (`table_id` + `row`): `kpi_value` facts by period (quarters `YYYY-YY Qn`
or months `YYYY-MM`), the `kpi_baseline`, and narrative `change` facts (roles `change_pct` /
`change_abs`) read from that row's commentary cell. Two kinds of claim are checked:

- annual ("a 10% increase for the performance year", "on the previous year"): the sum of the
  year's quarters against the baseline, for count indicators only, and only when the report's
  other rows show that the baseline is the previous year (most of their annual changes agree
  with sum-of-quarters vs baseline). Without that evidence a baseline may be a target, a
  three-year average or a rate, and a mismatch would be a different measure, not an error.
- quarter on quarter ("this quarter against the previous quarter"): the last quarter with a
  value (or the one the claim names) against the one before it.
Changes against "the same quarter last year" are not checkable from the table and are skipped.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.model.periods import financial_year_of_month, previous_period
from pipeline.rules.changes import CHANGE_ROLES, agrees, change_flag, measures, opposite
from pipeline.rules.context import RuleContext
from pipeline.rules.rounding import Interval, plain
from pipeline.rules.rule import Params, Rule

QUARTER_PERIOD = re.compile(r"^(\d{4}-\d\d) Q([1-4])$")
MONTH_PERIOD = re.compile(r"^(\d{4})-(\d\d)$")


@dataclass(frozen=True)
class KpiRow:
    values: dict[str, Fact]  # period -> the row's single kpi_value for it
    baseline: Fact | None
    claims: list[list[Fact]]  # commentary change facts, grouped by claim


def row_values(facts: list[Fact]) -> dict[str, Fact] | None:
    """A table row's kpi_values by period; None where a period has several (sub-labels), since
    which one a statement means is then unclear."""
    values = [f for f in facts if f.kind == "kpi_value" and f.period and f.role != "share"]
    periods = [f.period for f in values]
    return {f.period: f for f in values} if len(set(periods)) == len(periods) else None


def kpi_rows(ctx: RuleContext) -> Iterator[KpiRow]:
    for facts in ctx.table_rows.values():
        values = row_values(facts)
        baselines = [f for f in facts if f.kind == "kpi_baseline"]
        changes = [f for f in facts if f.kind == "change" and f.role in CHANGE_ROLES]
        if not changes or values is None:
            continue
        claims: dict[str, list[Fact]] = defaultdict(list)
        for change in changes:
            claims[change.claim_id or change.fact_id].append(change)
        yield KpiRow(values, baselines[0] if len(baselines) == 1 else None, list(claims.values()))


def claim_scope(claim: list[Fact]) -> str | None:
    """'baseline', 'annual', 'quarter' or None (not checkable) for a commentary claim, from its
    changes' comparison scopes (`compared_to`, read by the extractors) and compared periods."""
    scopes = {f.compared_to for f in claim}
    if "baseline" in scopes:
        return "baseline"
    for fact in claim:
        if QUARTER_PERIOD.match(fact.compared_period) and QUARTER_PERIOD.match(fact.period):
            return "quarter" if previous_period(fact.period) == fact.compared_period else None
    if "same_period_last_year" in scopes:
        return None
    if "previous_period" in scopes:
        return "quarter"
    if "previous_year" in scopes or any(f.compared_period and not QUARTER_PERIOD.match(f.compared_period)
                                        for f in claim):
        return "annual"
    return None


def year_total(values: dict[str, Fact], only: str = "") -> tuple[str, list[Fact]] | None:
    """The latest financial year (or the one named) whose every quarter (or month) the row
    states, as counts."""
    by_year: dict[str, list[Fact]] = defaultdict(list)
    for period, fact in values.items():
        q, m = QUARTER_PERIOD.match(period), MONTH_PERIOD.match(period)
        year = q.group(1) if q else (financial_year_of_month(int(m.group(1)), int(m.group(2))) if m else None)
        if year:
            by_year[year].append(fact)
    for year in sorted(by_year, reverse=True):
        if only and year != only:
            continue
        parts = sorted(by_year[year], key=lambda f: f.period)
        if len(parts) in (4, 12) and all(f.unit == "count" for f in parts):
            return year, parts
    return None




def annual_checks(ctx: RuleContext, rows: list[KpiRow]) -> Iterator[tuple[list[Fact], list, str, list[Fact]]]:
    """(claim, measures per change, context words, facts) for every claim about the year
    against the baseline, whether it says 'on the previous year' or 'against the baseline'."""
    for row in rows:
        year = year_total(row.values)
        # a baseline column, else the row's own figure for the year before (a '2015/16' column)
        base = row.baseline or (row.values.get(previous_period(year[0])) if year else None)
        if not year or base is None or base.unit != "count":
            continue
        parts = year[1]
        total = sum(f.value for f in parts)
        total_iv = sum((ctx.interval(f) for f in parts), Interval.exact(0.0))
        words = (f"the table's quarters {' + '.join(plain(f.value) for f in parts)} = {plain(total)} "
                 f"against the baseline {plain(base.value)}: ")
        for claim in row.claims:
            if claim_scope(claim) in ("annual", "baseline") and not any(
                    f.compared_period and f.compared_period != previous_period(year[0]) for f in claim):
                found = [measures(c, base.value, total, "count", ctx.interval(base), total_iv) for c in claim]
                if any(found):
                    yield claim, found, words, [base, *parts]


def check_commentary(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    rows = list(kpi_rows(ctx))
    annual = list(annual_checks(ctx, rows))
    verdicts = [all(any(agrees(ctx, c, m) for m in ms) for c, ms in zip(claim, found) if ms)
                for claim, found, _, _ in annual]
    # "on the previous year" is checkable against the baseline only when the report's other
    # rows show the baseline is the previous year; "against the baseline" always is.
    trusted = sum(verdicts) >= p.min_agreeing_rows and sum(verdicts) >= p.min_agreeing_share * len(verdicts)
    for (claim, found, words, facts), ok in zip(annual, verdicts):
        if not ok and (trusted or claim_scope(claim) == "baseline"):
            yield from disagreeing(ctx, p, claim, found, words, facts)
    for row in rows:
        yield from quarter_checks(ctx, p, row)


def disagreeing(ctx: RuleContext, p: Params, claim: list[Fact], found: list, words: str,
                facts: list[Fact]) -> Iterator[Flag]:
    for change, ms in zip(claim, found):
        if ms and not any(agrees(ctx, change, m) for m in ms):
            turn = " (the opposite direction)" if opposite(change.direction, ms[0].interval) else ""
            yield change_flag(ctx, COMMENTARY.id, p, change, ms[0], [change, *facts],
                              context=words, hint=turn)


def quarter_checks(ctx: RuleContext, p: Params, row: KpiRow) -> Iterator[Flag]:
    for claim in row.claims:
        if claim_scope(claim) != "quarter":
            continue
        named = [f.period for f in claim if f.period in row.values]
        quarters = sorted(q for q in row.values if QUARTER_PERIOD.match(q))
        this = named[0] if named else (quarters[-1] if quarters else None)
        before = row.values.get(previous_period(this)) if this else None
        if before is None or this is None:
            continue
        now = row.values[this]
        found = [measures(c, before.value, now.value, now.unit, ctx.interval(before),
                          ctx.interval(now)) for c in claim]
        words = f"the table gives {before.period} {plain(before.value)} -> {this} {plain(now.value)}: "
        yield from disagreeing(ctx, p, claim, found, words, [before, now])


COMMENTARY = Rule(
    id="kpi-commentary-matches-table", severity="error",
    description="A change stated in a KPI commentary agrees with the table's own values "
                "(annual: quarters vs baseline; quarter on quarter: the two quarters).",
    check=check_commentary,
    params={"error_points": 1.0, "error_share": 0.1, "min_agreeing_rows": 3,
            "min_agreeing_share": 0.6})
