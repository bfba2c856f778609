"""Table arithmetic from the table's own structure, for any table.

- `table-total-matches-lines`: a total (or subtotal) row equals the sum of the lines it
  covers, column by column: a subtotal the lines since the previous total row, a total every
  line since the previous grand total (or, stated first like a 'County total' above its
  districts, the lines below it). Only additive units (counts, money, hours, days): never
  percentages or rates, nor a column its label calls an average, rate, median or share,
  nor a "total" smaller than one of its own non-negative lines (an overall rate or mean
  printed on the total row). Spend tables are left to spend-lines-sum-to-total.
- `year-to-date-matches-quarters`: a row's annual or year-to-date figure equals the sum of its
  quarters (or months) of that year, for count rows only. Running totals are not summed: a
  table whose labels say 'cumulative' / 'running total', or quarters that only rise and end
  at the annual figure, are read as running totals.

Both read only the facts' grid (grid.py) and the lexicon's words for totals and year to date.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from extractors.lexicon.arithmetic import NOT_SUMMED, RUNNING, SUBTOTAL, TOTAL, YEAR_TO_DATE
from pipeline.model import Fact, Flag
from pipeline.model.periods import financial_year_of_month
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.grid import Grid, column_label, grids
from pipeline.rules.rounding import Interval, plain, tolerance_text
from pipeline.rules.rule import Params, Rule

ADDITIVE_UNITS = ("count", "gbp", "usd", "eur", "hours", "days")
SPEND_KINDS = ("allocation", "spend_item", "spend_total")
QUARTER = re.compile(r"^(\d{4}-\d\d) Q([1-4])$")
MONTH = re.compile(r"^(\d{4})-(\d\d)$")


def covered_rows(grid: Grid, total: int) -> list[list[int]]:
    """The candidate sets of line rows a total row sums, most likely first."""
    rows = grid.rows
    totals = [r for r in rows if grid.is_total_row(r)]
    grand = [r for r in totals if r < total and not grid.is_subtotal_row(r)]
    since_any = [r for r in rows if r < total and not grid.is_total_row(r)
                 and r > max([t for t in totals if t < total], default=-1)]
    since_grand = [r for r in rows if max(grand, default=-1) < r < total and not grid.is_total_row(r)]
    subtotals = [r for r in totals if max(grand, default=-1) < r < total and grid.is_subtotal_row(r)]
    below = [r for r in rows if r > total and r < min([t for t in totals if t > total], default=10 ** 9)]
    named = named_lines(grid, total)
    if grid.is_subtotal_row(total):
        return named + [since_any]
    if not since_grand:
        return named + [below]
    return named + [since_grand, since_any, subtotals + since_any]


def named_lines(grid: Grid, total: int) -> list[list[int]]:
    """The lines named like the total, on either side of it ('Total beans' over 'Beans 1st
    crop', 'Beans 2nd crop'), as a candidate of their own."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]{3,}", SUBTOTAL.sub(" ", TOTAL.sub(" ", grid.label(total))))]
    if not words:
        return []
    rows = [r for r in grid.rows if r != total and not grid.is_total_row(r)
            and all(w in grid.label(r).lower() for w in words)]
    return [rows] if len(rows) >= 2 else []


def summed(ctx: RuleContext, facts: list[Fact]) -> Interval:
    return sum((ctx.interval(f) for f in facts), Interval.exact(0.0))


def sum_flag(ctx: RuleContext, rule: Rule, p: Params, lines: list[Fact], stated: Fact,
             what: str) -> Flag:
    added = sum(f.value for f in lines)
    expr = " + ".join(plain(f.value) for f in lines)
    step = max(ctx.step(f) for f in [*lines, stated])
    gap = summed(ctx, lines).distance(ctx.interval(stated))
    diff = stated.value - added
    return make_flag(
        ctx, rule.id, grade(gap, step, abs(diff) >= p.error_share * max(abs(added), 1)),
        [*lines, stated], focus=stated, expected=added, observed=stated.value,
        arithmetic=f"{expr} = {plain(added)}",
        tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(stated)),
        message=(f"{stated.subject[:80] or 'Total'}: {what} {expr} = {plain(added)}, but the table states "
                 f"{plain(stated.value)} ({'over' if diff > 0 else 'short'} by {plain(abs(diff))})"))


def pure_total(label: str) -> bool:
    """'Total', 'Grand total', 'County total', 'West Sussex total': a label that only says
    'the sum', perhaps of a named place. 'Total recorded crime' names an indicator that may
    not be the sum of the rows beside it."""
    rest = SUBTOTAL.sub(" ", TOTAL.sub(" ", label)).replace("(", " ").replace(")", " ").split()
    return len(rest) <= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in rest)


def total_checks(ctx: RuleContext, grid: Grid, total_row: int) -> list[tuple[list[Fact], Fact, bool]]:
    """(lines, stated total, whether they agree) for each additive column of a total row."""
    found = []
    for col, stated in grid.row(total_row).items():
        stated = signed(stated)
        if stated.unit not in ADDITIVE_UNITS or stated.kind in SPEND_KINDS or NOT_SUMMED.search(column_label(stated)):
            continue
        column = grid.column(col)
        options = [[signed(column[r]) for r in rows if r in column and column[r].unit == stated.unit]
                   for rows in covered_rows(grid, total_row)]
        options = [o for o in options if len(o) >= 2 and not below_a_line(o, stated)]
        if options:
            found.append((options[0], stated, any(summed(ctx, o).meets(ctx.interval(stated)) for o in options)))
    return found


def signed(fact: Fact) -> Fact:
    """A change as the signed amount it adds: its value is a magnitude, its direction the sign
    ('-1,269' is stored as 1,269, decrease), so a column of changes sums with its signs."""
    return replace(fact, value=-abs(fact.value)) if fact.kind == "change" and fact.direction == "decrease" else fact


def below_a_line(lines: list[Fact], stated: Fact) -> bool:
    """A total smaller than one of its own non-negative lines sums none of them."""
    return all(f.value >= 0 for f in lines) and stated.value < max(f.value for f in lines)


# Three or more columns of one total row that do not add up, against fewer that do: the row
# was not read with its lines (a page's rows lost, a section's lines taken for another's),
# and its sums say nothing of the report. A report's own slip shows in a column or two.
UNREAD_FAILS = 3


def check_totals(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    """A pure total label is trusted unless most of its columns fail to add up; any other
    total row must add up in one column first. A column of zeros agrees with anything, so
    proves nothing either way."""
    for grid in grids(ctx.facts):
        for total_row in [r for r in grid.rows if grid.is_total_row(r)]:
            checks = total_checks(ctx, grid, total_row)
            agree = sum(1 for lines, stated, ok in checks if ok and stated.value and any(f.value for f in lines))
            fail = sum(1 for _, _, ok in checks if not ok)
            if (not agree and not pure_total(grid.label(total_row))) or (fail >= UNREAD_FAILS and agree < fail):
                continue
            for lines, stated, ok in checks:
                if not ok:
                    yield sum_flag(ctx, TABLE_TOTAL, p, lines, stated, "the lines add up to")


def year_of(period: str) -> tuple[str, int] | None:
    """(financial year, position in it) for a quarter or month period."""
    q, m = QUARTER.match(period or ""), MONTH.match(period or "")
    if q:
        return q.group(1), int(q.group(2))
    if m:
        month = int(m.group(2))
        return financial_year_of_month(int(m.group(1)), month), (month - 4) % 12 + 1
    return None


def running(grid: Grid) -> bool:
    return any(RUNNING.search(column_label(f)) or RUNNING.search(f.note) for f in grid.cells.values())


def ytd_rows(grid: Grid) -> Iterator[tuple[list[Fact], Fact]]:
    """(the year's parts in order, the stated year figure) for every count row that has both."""
    for r in grid.rows:
        cells = list(grid.row(r).values())
        by_year = _dated_by_year(cells)  # once per row: per stated figure it was quadratic in a wide row
        for stated in cells:
            if stated.unit != "count" or stated.kind in ("kpi_target", "kpi_baseline") \
                    or stated.role in ("target", "baseline") or not (stated.kind == "ytd" or YEAR_TO_DATE.search(stated.column)
                                              or re.fullmatch(r"\d{4}-\d\d", stated.period)):
                continue
            dated = [(y, f) for y, f in by_year.get(stated.period, []) if f is not stated]
            parts, positions = [f for _, f in dated], [y[1] for y, _ in dated]
            if len(parts) >= 2 and positions == list(range(1, len(parts) + 1)) \
                    and all(f.unit == "count" for f in parts):
                yield parts, stated


def _dated_by_year(cells: list[Fact]) -> dict[str, list[tuple[tuple[str, int], Fact]]]:
    """The row's quarter and month cells by financial year, in order within the year."""
    by_year: dict[str, list[tuple[tuple[str, int], Fact]]] = {}
    for f in cells:
        y = year_of(f.period)
        if y:
            by_year.setdefault(y[0], []).append((y, f))
    return {year: sorted(dated, key=lambda yf: yf[0][1]) for year, dated in by_year.items()}


def check_ytd(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for grid in grids(ctx.facts):
        if running(grid):
            continue
        for parts, stated in ytd_rows(grid):
            values = [f.value for f in parts]
            if values == sorted(values) and ctx.interval(parts[-1]).meets(ctx.interval(stated)):
                continue  # quarters that only rise to the year figure are running totals
            if not summed(ctx, parts).meets(ctx.interval(stated)):
                yield sum_flag(ctx, YTD, p, parts, stated, "the year's periods add up to")


TABLE_TOTAL = Rule(
    id="table-total-matches-lines", severity="error",
    description="A table's total or subtotal row equals the sum of the lines it covers, per column.",
    check=check_totals, params={"error_share": 0.01})
YTD = Rule(
    id="year-to-date-matches-quarters", severity="error",
    description="An annual or year-to-date count equals the sum of its quarters or months.",
    check=check_ytd, params={"error_share": 0.01})
