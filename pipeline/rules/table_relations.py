"""Columns computed from other columns of the same row, for any table.

- `table-change-matches-columns`: a change cell ('% change', 'Change', a signed '-4.2%')
  agrees with the row's two period columns: the latest two periods, or the one the change
  names as its comparison (compared_period) and the latest.
- `share-of-total-matches-counts`: a '% of total' (share, proportion) cell agrees with its
  row's count over the total row's count in the same column.
- `rate-matches-count-and-population`: a 'rate per N' cell agrees with its row's count over
  its row's population, times N.

Both read the facts' grid (grid.py): periods, units, roles and column labels, never prose.
"""
from __future__ import annotations

from typing import Iterator

from extractors.lexicon.arithmetic import PER_BASE, PERCENT_CHANGE, POPULATION, SHARE_OF_TOTAL
from pipeline.model import Fact, Flag
from pipeline.rules.changes import CHANGE_ROLES, agrees, change_flag, measures
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.grid import Grid, column_label, grids
from pipeline.rules.rounding import fixed, plain, tolerance_text
from pipeline.rules.rule import Params, Rule


def is_change(fact: Fact) -> bool:
    return fact.kind == "change" or fact.role in CHANGE_ROLES or bool(PERCENT_CHANGE.search(fact.column))


def change_rows(grid: Grid) -> Iterator[tuple[Fact, Fact, Fact]]:
    """(change, earlier level, later level) for each change cell with two period levels beside it."""
    for r in grid.rows:
        cells = list(grid.row(r).values())
        changes = [f for f in cells if is_change(f)]
        levels = [f for f in cells if not is_change(f) and f.period and f.kind not in ("kpi_target",)
                  and f.role not in ("target", "share")]
        by_period = {f.period: f for f in levels}
        if len(by_period) != len(levels) or len(levels) < 2:
            continue
        for change in changes:
            latest = max(by_period)
            earlier = by_period.get(change.compared_period) or by_period[sorted(by_period)[-2]]
            new = by_period[latest]
            if earlier is not new and earlier.unit == new.unit:
                yield change, earlier, new


def signed_agrees(ctx: RuleContext, change: Fact, found) -> bool:
    """A signed cell ('-4.2%') is compared with its sign; a bare size either way."""
    if change.value < 0 and not change.direction:
        return any(ctx.interval(change).meets(m.interval) for m in found)
    return any(agrees(ctx, change, m) for m in found)


def check_change_columns(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for grid in grids(ctx.facts):
        for change, old, new in change_rows(grid):
            if old.value <= 0 and change.unit == "percent":
                continue
            found = measures(change, old.value, new.value, old.unit, ctx.interval(old), ctx.interval(new))
            if found and not signed_agrees(ctx, change, found):
                words = f"the row gives {old.period} {plain(old.value)} -> {new.period} {plain(new.value)}: "
                yield change_flag(ctx, CHANGE_COLUMNS.id, p, change, found[0], [change, old, new], context=words)


def share_rows(grid: Grid) -> Iterator[tuple[Fact, Fact, Fact]]:
    """(share, the row's count, the total row's count in that column)."""
    totals = [r for r in grid.rows if grid.is_total_row(r)]
    if len(totals) != 1:
        return
    total_row = grid.row(totals[0])
    for r in grid.rows:
        cells = grid.row(r)
        shares = [f for f in cells.values() if f.unit == "percent" and SHARE_OF_TOTAL.search(column_label(f))]
        counts = [(c, f) for c, f in cells.items() if f.unit == "count" and c in total_row]
        if r != totals[0] and len(shares) == 1 and len(counts) == 1:
            yield shares[0], counts[0][1], total_row[counts[0][0]]


def check_shares(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for grid in grids(ctx.facts):
        for share, part, whole in share_rows(grid):
            ratio = ctx.interval(part).divided_by(ctx.interval(whole))
            if ratio is None or ratio.scaled(100).meets(ctx.interval(share)):
                continue
            computed = part.value / whole.value * 100
            step = ctx.step(share)
            yield make_flag(
                ctx, SHARE_COLUMNS.id, grade(ratio.scaled(100).distance(ctx.interval(share)), step,
                                            abs(computed - share.value) >= p.error_points),
                [share, part, whole], focus=share, expected=round(computed, 2), observed=share.value,
                arithmetic=f"{plain(part.value)} / {plain(whole.value)} = {fixed(computed)}%",
                tolerance=tolerance_text(step, ctx.truncation),
                message=(f"{share.subject[:80]}: stated {ctx.shown(share)}% of the total, but "
                         f"{plain(part.value)} / {plain(whole.value)} = {fixed(computed)}%"))


def per_base(label: str) -> float | None:
    m = PER_BASE.search(label or "")
    return float(m.group("n").replace(",", "")) * (1000 if m.group("k") else 1) if m else None


def rate_rows(grid: Grid) -> Iterator[tuple[Fact, Fact, Fact, float]]:
    """(rate, count, population, N) for each row stating one of each."""
    for r in grid.rows:
        cells = list(grid.row(r).values())
        rates = [f for f in cells if per_base(column_label(f)) and not POPULATION.match(column_label(f))]
        people = [f for f in cells if POPULATION.search(column_label(f)) and not per_base(column_label(f))]
        counts = [f for f in cells if f.unit == "count" and f not in rates and f not in people]
        base = per_base(column_label(rates[0])) if len(rates) == len(people) == len(counts) == 1 else None
        if base:  # always, for a rate kept above
            yield rates[0], counts[0], people[0], base


def check_rates(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for grid in grids(ctx.facts):
        for rate, count, population, base in rate_rows(grid):
            ratio = ctx.interval(count).divided_by(ctx.interval(population))
            if ratio is None or ratio.scaled(base).meets(ctx.interval(rate)):
                continue
            computed = count.value / population.value * base
            step = ctx.step(rate)
            yield make_flag(
                ctx, RATE_COLUMNS.id, grade(ratio.scaled(base).distance(ctx.interval(rate)), step,
                                           abs(computed - rate.value) >= p.error_share * computed),
                [rate, count, population], focus=rate, expected=round(computed, 2), observed=rate.value,
                arithmetic=f"{plain(count.value)} / {plain(population.value)} x {plain(base)} = {fixed(computed, 2)}",
                tolerance=tolerance_text(step, ctx.truncation),
                message=(f"{rate.subject[:80]}: stated rate {ctx.shown(rate)} per {plain(base)}, but "
                         f"{plain(count.value)} / {plain(population.value)} x {plain(base)} = {fixed(computed, 2)}"))


CHANGE_COLUMNS = Rule(
    id="table-change-matches-columns", severity="error",
    description="A table's change or % change cell agrees with the row's two period columns.",
    check=check_change_columns, params={"error_points": 1.0, "error_share": 0.1})
SHARE_COLUMNS = Rule(
    id="share-of-total-matches-counts", severity="error",
    description="A table's '% of total' cell agrees with its row's count over the total row's.",
    check=check_shares, params={"error_points": 1.0})
RATE_COLUMNS = Rule(
    id="rate-matches-count-and-population", severity="error",
    description="A table's rate per N agrees with its row's count and population.",
    check=check_rates, params={"error_share": 0.05})
