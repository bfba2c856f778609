"""Spend tables: lines add up to the stated total, and the total stays within the allocation.

Reads facts of kind `spend_item` / `spend_total` / `allocation` (unit gbp) that share a
claim_id (one per table, or one per money column). Within a column, role `item` facts are the
lines and `subtotal` / `total` facts the stated sums (a column of allocations, role `item`,
adds up like a column of spend); a subtotal covers the lines since the previous subtotal, a
total every line above it, and a line equal to the sum of the lines just above it is treated
as a subtotal rather than counted twice. A spend column is held against the allocation stated
beside it: a line with role `allocation`, or the total of the table's allocation column, or
else an allocation the report states elsewhere for the same body and year.
The stated variance of a row (role `variance`) is checked in spend_variance.py.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.model.periods import financial_year_of_month
from pipeline.rules.context import RuleContext, facts_of, reading_order
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import Interval, plain, tolerance_text
from pipeline.rules.rule import Params, Rule

SPEND_KINDS = ("allocation", "spend_item", "spend_total")


def spend_claims(ctx: RuleContext) -> Iterator[list[Fact]]:
    """Each spend table's facts; a table with several money columns is one claim per column."""
    for facts in ctx.claims.values():
        spend = [f for f in facts if f.kind in SPEND_KINDS]
        if not spend:
            continue
        by_col: dict[int | None, list[Fact]] = defaultdict(list)
        for fact in spend:
            by_col[fact.col if fact.role != "allocation" else None].append(fact)
        allocations = by_col.pop(None, [])
        for column in by_col.values() or [[]]:
            yield sorted(allocations + column, key=reading_order)


def without_subtotals(ctx: RuleContext, items: list[Fact]) -> list[Fact]:
    """Drop lines that restate the sum of two or more lines directly above them."""
    kept: list[Fact] = []
    run = Interval.exact(0.0)
    run_len = 0
    for item in items:
        if run_len >= 2 and ctx.interval(item).meets(run):
            run, run_len = Interval.exact(0.0), 0
            continue
        kept.append(item)
        run, run_len = run + ctx.interval(item), run_len + 1
    return kept


def sum_text(facts: list[Fact]) -> str:
    return " + ".join(plain(f.value) for f in facts)


def lines_of(claim: list[Fact], total: Fact) -> list[Fact]:
    """The lines a stated sum covers: since the previous subtotal for a subtotal, else all
    lines above it (all lines where it is stated first)."""
    items = [f for f in claim if f.role == "item"]
    before = [i for i in items if reading_order(i) < reading_order(total)]
    if total.role == "subtotal":
        sums = [f for f in claim if f.role in ("subtotal", "total")
                and reading_order(f) < reading_order(total)]
        since = reading_order(sums[-1]) if sums else (-1,)
        return [i for i in before if reading_order(i) > since]
    return before or items


def check_lines_sum(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for claim in spend_claims(ctx):
        for total in [f for f in claim if f.role in ("subtotal", "total")]:
            lines = lines_of(claim, total)
            if len(lines) < 2:
                continue
            whole = ctx.interval(total)
            sums = [sum((ctx.interval(i) for i in ls), Interval.exact(0.0))
                    for ls in (lines, without_subtotals(ctx, lines))]
            if any(s.meets(whole) for s in sums):
                continue
            step = max(ctx.step(i) for i in lines + [total])
            added = sum(i.value for i in lines)
            diff = added - total.value
            yield make_flag(
                ctx, SPEND_SUM.id, grade(sums[0].distance(whole), step,
                                         abs(diff) >= p.error_share * total.value),
                lines + [total], focus=total, expected=added, observed=total.value,
                arithmetic=f"{sum_text(lines)} = {plain(added)}",
                tolerance=tolerance_text(step, ctx.truncation) + " per line",
                message=(f"Spend lines {sum_text(lines)} = {plain(added)}, but the stated total is "
                         f"{plain(total.value)} ({'over' if diff > 0 else 'short'} by {plain(abs(diff))})"))


def column_allocations(ctx: RuleContext) -> dict[str, list[Fact]]:
    """Per table, the allocation a column of allocations states: its total, else its lines."""
    out: dict[str, list[Fact]] = {}
    for claim in spend_claims(ctx):
        column = [f for f in claim if f.kind == "allocation" and f.role != "allocation" and f.table_id]
        if column:
            totals = [f for f in column if f.role == "total"]
            out[column[0].table_id] = totals[-1:] or [f for f in column if f.role == "item"]
    return out


def allocations_elsewhere(ctx: RuleContext, claim: list[Fact]) -> list[Fact]:
    """The allocation for a spend table stated anywhere else in the report (a label line above
    it, a sentence, another table) for the same body and year: the largest such sum, so spend
    is flagged only when it exceeds every allocation the report states. Bounds ('just under
    £800,000') and parts of a breakdown are not the allocation."""
    spent = [f for f in claim if f.kind in ("spend_item", "spend_total")]
    if not spent:
        return []
    years = {year_of(f.period) for f in spent if f.period}
    ids = {f.fact_id for f in claim}
    found = [f for f in ctx.facts if f.kind == "allocation" and f.fact_id not in ids
             and f.doc_id == spent[0].doc_id and f.unit == spent[0].unit and not f.qualifier
             and f.role in ("", "value", "allocation", "total") and f.area == spent[0].area
             and (not years or not f.period or year_of(f.period) in years)]
    return [max(found, key=lambda f: f.value)] if found else []


def year_of(period: str) -> str:
    """A month's financial year (a payment table dated 'May 2014' is of 2014-15)."""
    month = re.fullmatch(r"(\d{4})-(\d\d)", period)
    if month and int(month.group(2)) != (int(month.group(1)) + 1) % 100:
        return financial_year_of_month(int(month.group(1)), int(month.group(2)))
    return period.split(" ")[0]


def check_within_allocation(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    beside = column_allocations(ctx)
    for claim in spend_claims(ctx):
        allocations = facts_of(claim, role="allocation")
        if not allocations and any(f.kind == "spend_item" for f in claim):
            allocations = beside.get(claim[0].table_id, []) or allocations_elsewhere(ctx, claim)
        totals = [f for f in claim if f.kind == "spend_total" and f.role == "total"] or facts_of(claim, kind="spend_total")
        items = facts_of(claim, kind="spend_item")
        spent = [max(totals, key=lambda f: f.value)] if totals else items
        if not allocations or not spent or not same_period(allocations + spent):
            continue
        limit = sum((ctx.interval(a) for a in allocations), Interval.exact(0.0))
        used = sum((ctx.interval(s) for s in spent), Interval.exact(0.0))
        if used.lo <= limit.hi:
            continue
        allocated, total = sum(a.value for a in allocations), sum(s.value for s in spent)
        over = total - allocated
        how = (f"{sum_text(items)} = {plain(sum(i.value for i in items))}; stated total "
               if totals and len(items) > 1 else "")
        shown = f"{how}{plain(total)}" if totals else f"{sum_text(items)} = {plain(total)}"
        step = max(ctx.step(f) for f in allocations + spent)
        yield make_flag(
            ctx, WITHIN_ALLOCATION.id, grade(used.lo - limit.hi, step, over >= p.error_share * allocated),
            allocations + items + totals, focus=spent[-1], expected=allocated, observed=total,
            arithmetic=f"{shown} > {plain(allocated)}",
            tolerance=tolerance_text(step, ctx.truncation),
            message=(f"Spend {shown} > allocation {plain(allocated)} (over by {plain(over)}, "
                     f"{over / allocated * 100:.1f}% of the allocation)"))


def same_period(facts: list[Fact]) -> bool:
    return len({year_of(f.period) for f in facts if f.period}) <= 1


SPEND_SUM = Rule(
    id="spend-lines-sum-to-total", severity="error",
    description="The lines of a spend table add up to its stated total (subtotals allowed).",
    check=check_lines_sum, params={"error_share": 0.01})
WITHIN_ALLOCATION = Rule(
    id="spend-within-allocation", severity="error",
    description="The total spent does not exceed the money allocated for it.",
    check=check_within_allocation, params={"error_share": 0.01})
