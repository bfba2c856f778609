"""Stated changes against the two levels they are computed from, in size and in direction.

Reads claims holding one `from` and one `to` level (same unit) plus `change_pct` /
`change_abs` facts (kind `change`, value a positive magnitude, `direction` increase or
decrease), e.g. "a 4.7% increase" with its footnote "6858 ... compared to 6361".
A percent change between two percentages may be relative or in points: either agrees.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext, facts_of
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import Interval, fixed, plain, tolerance_text
from pipeline.rules.rule import Params, Rule

CHANGE_ROLES = ("change_pct", "change_abs")


@dataclass(frozen=True)
class Measure:
    """One way of computing a change from two levels, with its arithmetic written out."""
    value: float  # signed
    interval: Interval  # signed, from the levels' printed precision
    arithmetic: str
    unit: str  # percent, percentage_points or the levels' unit


def measures(change: Fact, old: float, new: float, unit: str, a: Interval,
             b: Interval) -> list[Measure]:
    """The computations a stated change may be, most likely first (levels old -> new in unit)."""
    diff = new - old
    sign = "+" if diff >= 0 else "-"
    abs_text = f"{plain(new)} - {plain(old)} = {sign}{plain(abs(diff))}"
    if change.unit == "percent" and old > 0:
        ratio = b.divided_by(a)
        pct = diff / old * 100
        found = [Measure(pct, Interval((ratio.lo - 1) * 100, (ratio.hi - 1) * 100),
                         f"({plain(new)} - {plain(old)}) / {plain(old)} = "
                         f"{plain(diff)} / {plain(old)} = {sign}{fixed(abs(pct))}%",
                         "percent")] if ratio else []
        if unit == "percent":
            found.append(Measure(diff, b - a, abs_text + " points", "percentage_points"))
        return found
    if change.unit == "percentage_points" and unit == "percent":
        return [Measure(diff, b - a, abs_text + " points", "percentage_points")]
    if change.unit == unit or (change.unit == "count" and unit != "percent"):
        return [Measure(diff, b - a, abs_text, unit)]
    return []


def signed_interval(ctx: RuleContext, change: Fact) -> Interval:
    magnitude = ctx.interval(change)
    return magnitude.scaled(-1) if change.direction == "decrease" else magnitude


def magnitude(interval: Interval) -> Interval:
    if interval.lo >= 0:
        return interval
    if interval.hi <= 0:
        return interval.scaled(-1)
    return Interval(0.0, max(-interval.lo, interval.hi))


def agrees(ctx: RuleContext, change: Fact, measure: Measure) -> bool:
    if change.direction in ("increase", "decrease"):
        return signed_interval(ctx, change).meets(measure.interval)
    return ctx.interval(change).meets(magnitude(measure.interval))


def opposite(direction: str, computed: Interval) -> bool:
    """The numbers move the other way from the stated direction, beyond rounding."""
    return (direction == "increase" and computed.hi < 0) or (direction == "decrease" and computed.lo > 0)


def stated_text(ctx: RuleContext, change: Fact) -> str:
    unit = {"percent": "%", "percentage_points": " points"}.get(change.unit, "")
    return f"{ctx.shown(change)}{unit} {change.direction or 'change'}".strip()


def level_pair(ctx: RuleContext, claim: list[Fact]) -> tuple[Fact, Fact] | None:
    """The two levels a claim's change is between: from/to, or for a gap in points between a
    level and its comparison ('91.2%, 3.1 points higher than the national 87.1%') those two."""
    froms, tos = facts_of(claim, role="from"), facts_of(claim, role="to")
    if len(froms) == 1 and len(tos) == 1 and froms[0].unit == tos[0].unit:
        return froms[0], tos[0]
    levels, others = facts_of(claim, role="level"), facts_of(claim, role="comparison")
    points = [f for f in claim if f.role in CHANGE_ROLES and f.unit == "percentage_points"]
    if points and len(levels) == 1 and len(others) == 1 and levels[0].unit == others[0].unit == "percent":
        return others[0], levels[0]
    return None


def implied_base(ctx: RuleContext, claim: list[Fact]) -> tuple[Fact, Fact, float, Interval] | None:
    """'402 offences, 58 fewer than last year, a decrease of 14.6%': the level before is the
    level reached less the absolute change (460); returns the percent change, the level, and
    that earlier value with its interval."""
    tos, absolute = facts_of(claim, role="to"), facts_of(claim, role="change_abs")
    pcts = [f for f in facts_of(claim, role="change_pct") if f.unit == "percent"]
    if facts_of(claim, role="from") or len(tos) != 1 or len(absolute) != 1 or len(pcts) != 1:
        return None
    new, step = tos[0], absolute[0]
    if new.unit != step.unit or step.direction not in ("increase", "decrease"):
        return None
    moved = signed_interval(ctx, step)
    old = new.value - (step.value if step.direction == "increase" else -step.value)
    return pcts[0], new, old, ctx.interval(new) - moved


def check_change_levels(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for claim in ctx.claims.values():
        pair = level_pair(ctx, claim)
        changes = [f for f in claim if f.role in CHANGE_ROLES]
        if not pair or not changes:
            continue
        old, new = pair
        a, b = ctx.interval(old), ctx.interval(new)
        for change in changes:
            found = measures(change, old.value, new.value, old.unit, a, b)
            if not found or opposite(change.direction, b - a) or any(agrees(ctx, change, m) for m in found):
                continue
            yield change_flag(ctx, CHANGE_LEVELS.id, p, change, found[0], [change, old, new],
                              hint=ratio_hint(change, old, new))
    yield from check_implied_base(ctx, p)


def check_implied_base(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    """A percent change against the level reached and the absolute change stated with it."""
    for claim in ctx.claims.values():
        found = implied_base(ctx, claim)
        if found is None:
            continue
        change, new, old, a = found
        if old <= 0:
            continue
        measured = measures(change, old, new.value, new.unit, a, ctx.interval(new))
        if measured and not any(agrees(ctx, change, m) for m in measured):
            others = [f for f in claim if f.role == "change_abs"]
            yield change_flag(ctx, CHANGE_LEVELS.id, p, change, measured[0], [change, new, *others],
                              hint=f" (the earlier level is {plain(new.value)} {'-' if others[0].direction == 'increase' else '+'} "
                                   f"{plain(others[0].value)} = {plain(old)})")


def change_flag(ctx: RuleContext, rule_id: str, p: Params, change: Fact, measure: Measure,
                facts: list[Fact], hint: str = "", context: str = "") -> Flag:
    """A flag for a stated change that its levels do not support."""
    computed = abs(measure.value)
    gap = magnitude(measure.interval).distance(ctx.interval(change))
    serious = abs(change.value - computed) >= max(p.error_points, p.error_share * computed)
    step = ctx.step(change)
    return make_flag(
        ctx, rule_id, grade(gap, step, serious), facts, focus=change,
        expected=round(computed, 4), observed=change.value, arithmetic=measure.arithmetic,
        tolerance=tolerance_text(step, ctx.truncation, change.qualifier),
        message=f"Stated {stated_text(ctx, change)}, but {context}{measure.arithmetic}{hint}")


def ratio_hint(change: Fact, old: Fact, new: Fact) -> str:
    """Name the common slip where the stated figure is the ratio of the levels."""
    if change.unit != "percent" or not old.value or not new.value:
        return ""
    for top, bottom in ((old, new), (new, old)):
        if abs(top.value / bottom.value * 100 - change.value) < 0.1:
            return (f" ({plain(change.value, 3)}% is {plain(top.value)} / {plain(bottom.value)}, "
                    f"the ratio of the two levels, not the change)")
    return ""


def check_direction(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for claim in ctx.claims.values():
        pair = level_pair(ctx, claim)
        stated = [f for f in claim if f.direction in ("increase", "decrease")]
        if not pair or not stated:
            continue
        old, new = pair
        moved = ctx.interval(new) - ctx.interval(old)
        if not opposite(stated[0].direction, moved):
            continue
        went = "rose" if new.value > old.value else "fell"
        yield make_flag(
            ctx, DIRECTION.id, "error", [stated[0], old, new], focus=stated[0],
            expected=new.value - old.value, observed=None,
            arithmetic=f"{plain(old.value)} -> {plain(new.value)} ({plain(new.value - old.value)})",
            tolerance=tolerance_text(ctx.step(new), ctx.truncation),
            message=(f"Stated {'an' if stated[0].direction == 'increase' else 'a'} {stated[0].direction}, but the levels {went}: {plain(old.value)} -> "
                     f"{plain(new.value)} ({'+' if new.value > old.value else ''}{plain(new.value - old.value)})"))


CHANGE_LEVELS = Rule(
    id="change-matches-levels", severity="error",
    description="A stated change agrees with the two levels it is computed from.",
    check=check_change_levels, params={"error_points": 1.0, "error_share": 0.1})
DIRECTION = Rule(
    id="direction-matches-numbers", severity="error",
    description="Direction words (rose, fell, increase, decrease) agree with the numbers.",
    check=check_direction)
