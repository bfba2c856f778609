"""A stated variance agrees with the two sums it is the difference of.

Reads, per table row, the allocated sum (kind `allocation`), the spent sum (`spend_item` or
`spend_total`) and the stated variance (role `variance`: a 'Variance', 'Underspend' or
'(Over)/under' column). Reports print the variance either way round (budget - actual or
actual - budget) and mark the sign in different ways, so the sizes are compared: the row is
consistent when |allocation - spend| and |variance| agree within printed precision.
"""
from __future__ import annotations

from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.changes import magnitude
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import plain, stated_interval, tolerance_text
from pipeline.rules.rule import Params, Rule


def variance_rows(ctx: RuleContext) -> Iterator[tuple[Fact, Fact, Fact]]:
    """(allocation, spend, variance) for every row stating exactly one of each."""
    for facts in ctx.table_rows.values():
        money = [f for f in facts if f.unit == "gbp" and f.source == "table"]
        allocated = [f for f in money if f.kind == "allocation"]
        spent = [f for f in money if f.kind in ("spend_item", "spend_total")]
        stated = [f for f in money if f.role == "variance"]
        if len(allocated) == len(spent) == len(stated) == 1:
            yield allocated[0], spent[0], stated[0]


def check_variance(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for allocated, spent, stated in variance_rows(ctx):
        computed = magnitude(ctx.interval(allocated) - ctx.interval(spent))
        step = max(ctx.step(f) for f in (allocated, spent, stated))
        claimed = stated_interval(abs(stated.value), ctx.step(stated), truncation=ctx.truncation)
        if computed.meets(claimed):
            continue
        difference = allocated.value - spent.value
        arithmetic = f"{plain(allocated.value)} - {plain(spent.value)} = {plain(difference)}"
        serious = abs(abs(difference) - abs(stated.value)) >= p.error_share * max(abs(allocated.value), 1)
        yield make_flag(
            ctx, VARIANCE.id, grade(computed.distance(claimed), step, serious),
            [allocated, spent, stated], focus=stated, expected=abs(difference),
            observed=abs(stated.value), arithmetic=arithmetic,
            tolerance=tolerance_text(step, ctx.truncation),
            message=(f"{stated.subject}: allocated {arithmetic}, but the stated variance is "
                     f"{plain(stated.value)}"))


VARIANCE = Rule(
    id="spend-variance-matches", severity="error",
    description="A stated variance or underspend equals the allocation (budget) less the spend.",
    check=check_variance, params={"error_share": 0.01})
