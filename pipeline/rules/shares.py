"""Percentages against their own counts (GRIM-style), and values outside their possible range.

Reads any fact with unit `percent` whose `numerator`/`denominator` are filled (KPI cells like
"76.7% 142 cases closed; 109 completed successfully", narrative "374 ... or 8%"), and claims
with one `share` plus one `part` and one `whole` where the share carries no counts itself.
"""
from __future__ import annotations

from typing import Iterator

from extractors.lexicon.arithmetic import BEYOND_WHOLE
from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext, facts_of
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import Interval, fixed, plain, tolerance_text
from pipeline.rules.rule import Params, Rule


def share_with_counts(ctx: RuleContext) -> Iterator[tuple[Fact, float, float, list[Fact]]]:
    """(percent fact, numerator, denominator, facts involved) for every checkable share."""
    seen = set()
    for fact in ctx.facts:
        if fact.unit == "percent" and fact.kind != "change" and fact.numerator is not None \
                and fact.denominator is not None:
            seen.add(fact.fact_id)
            yield fact, fact.numerator, fact.denominator, [fact]
    for claim in ctx.claims.values():
        shares = [f for f in facts_of(claim, role="share", unit="percent") if f.fact_id not in seen]
        parts, wholes = facts_of(claim, role="part"), facts_of(claim, role="whole")
        if len(shares) == 1 and len(parts) == 1 and len(wholes) == 1 \
                and parts[0].unit == wholes[0].unit != "percent":
            yield shares[0], parts[0].value, wholes[0].value, [shares[0], parts[0], wholes[0]]


def check_percent_counts(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for share, num, den, involved in share_with_counts(ctx):
        if den <= 0 or num < 0 or num > den:
            continue  # impossible counts are the bounds rule's business
        step = ctx.step(share)
        stated = ctx.interval(share)
        computed = num / den * 100
        if stated.meets(Interval.exact(computed)):
            continue
        gap = stated.distance(Interval.exact(computed))
        yield make_flag(
            ctx, PERCENT_COUNTS.id, grade(gap, step, abs(share.value - computed) >= p.error_points),
            involved, expected=round(computed, 2), observed=share.value,
            arithmetic=f"{plain(num)} / {plain(den)} = {fixed(computed)}%",
            tolerance=tolerance_text(step, ctx.truncation, share.qualifier)
            + f"; accepted {stated.describe()}",
            message=(f"Stated {ctx.shown(share)}% but {plain(num)} / {plain(den)} = "
                     f"{fixed(computed)}% (off by {fixed(abs(share.value - computed))} points)"))


def check_bounds(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for fact in ctx.facts:
        problem = out_of_bounds(ctx, fact, p)
        if problem:
            message, expected, observed, arithmetic = problem
            yield make_flag(ctx, BOUNDS.id, "error", [fact], message=message, expected=expected,
                            observed=observed, arithmetic=arithmetic,
                            tolerance=tolerance_text(ctx.step(fact), ctx.truncation))
    for claim in ctx.claims.values():
        wholes = [w for w in facts_of(claim, role="whole") if w.unit != "percent"]
        if not wholes:
            continue
        whole = max(wholes, key=lambda w: w.value)
        for part in facts_of(claim, role="part", unit=whole.unit):
            if ctx.interval(part).lo > ctx.interval(whole).hi:
                yield make_flag(
                    ctx, BOUNDS.id, "error", [part, whole], focus=part, expected=whole.value,
                    observed=part.value, arithmetic=f"{plain(part.value)} > {plain(whole.value)}",
                    tolerance=tolerance_text(ctx.step(part), ctx.truncation),
                    message=f"A part ({plain(part.value)}) is larger than its whole ({plain(whole.value)})")


def out_of_bounds(ctx: RuleContext, fact: Fact, p: Params) -> tuple[str, float, float, str] | None:
    """Why a single fact's value is impossible (message, limit, value, arithmetic), or None."""
    if fact.numerator is not None and fact.denominator is not None \
            and fact.numerator > fact.denominator:
        return (f"Numerator {plain(fact.numerator)} is larger than its denominator "
                f"{plain(fact.denominator)}", fact.denominator, fact.numerator,
                f"{plain(fact.numerator)} > {plain(fact.denominator)}")
    is_share = fact.numerator is not None or (fact.role == "share" and not BEYOND_WHOLE.search(fact.subject))
    if fact.unit == "percent" and fact.kind != "change" and is_share \
            and ctx.interval(fact).lo > p.max_percent:
        return (f"A share of {plain(fact.value, 3)}% is above {plain(p.max_percent)}%",
                p.max_percent, fact.value, f"{plain(fact.value, 3)} > {plain(p.max_percent)}")
    if fact.unit == "count" and fact.kind != "change" and fact.value < 0:
        return f"A negative count ({plain(fact.value)})", 0.0, fact.value, f"{plain(fact.value)} < 0"
    return None


PERCENT_COUNTS = Rule(
    id="percent-matches-counts", severity="error",
    description="A stated percentage agrees with the counts it is computed from (x of y).",
    check=check_percent_counts, params={"error_points": 1.0})
BOUNDS = Rule(
    id="values-within-bounds", severity="error",
    description="No share above 100%, numerator above its denominator, part above its whole "
                "or negative count.",
    check=check_bounds, params={"max_percent": 100.0})
