"""Parts add up to their whole ("Of 343 referred, caseload became 304. 105 were closed, 130
abandoned, 47 ...").

Reads claims with `whole` and `part` facts of the same (non-percent) unit. Parts above the
whole are an error (a lone part above it, "Of the 389 cases heard, 412 were repeat referrals",
is values-within-bounds' finding). Parts short of the whole are a warning, and only for a breakdown of several parts: a
sentence naming one or two parts of a whole rarely claims to be complete. Where a claim has
two wholes (referred, then accepted), parts agreeing with either are fine. A footnote joined
to its sentence's claim that restates the sentence's figures ('⁴ 53 of the 66 people') adds
no parts of its own.
"""
from __future__ import annotations

from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext, facts_of
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import Interval, plain, tolerance_text
from pipeline.rules.rule import Params, Rule


def distinct_parts(claim: list[Fact], unit: str) -> list[Fact]:
    """The claim's parts of `unit`, without those of a statement (sentence, footnote) whose
    every figure an earlier statement of the claim already gave: a restatement, not more parts."""
    seen: set[float] = set()
    parts: list[Fact] = []
    for text in dict.fromkeys(f.text for f in claim):
        stated = [f for f in claim if f.text == text]
        values = {f.value for f in stated}
        if not (seen and values <= seen):
            parts += facts_of(stated, role="part", unit=unit)
        seen |= values
    return parts


def check_parts(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for claim in ctx.claims.values():
        wholes = [w for w in facts_of(claim, role="whole") if w.unit != "percent"]
        if not wholes:
            continue
        parts = distinct_parts(claim, wholes[0].unit)
        if len(parts) < 2:  # a lone part above its whole is values-within-bounds' finding
            continue
        added = sum((ctx.interval(f) for f in parts), Interval.exact(0.0))
        if any(added.meets(ctx.interval(w)) for w in wholes):
            continue
        whole = min(wholes, key=lambda w: added.distance(ctx.interval(w)))
        total = sum(f.value for f in parts)
        over = total > whole.value
        if not over and len(parts) < p.min_parts_for_shortfall:
            continue
        yield parts_flag(ctx, parts, whole, added, over)


def parts_flag(ctx: RuleContext, parts: list[Fact], whole: Fact, added: Interval, over: bool) -> Flag:
    total = sum(f.value for f in parts)
    expr = " + ".join(plain(f.value) for f in parts)
    gap = abs(total - whole.value)
    step = max(ctx.step(f) for f in parts + [whole])
    return make_flag(
        ctx, PARTS.id, "error" if over else grade(added.distance(ctx.interval(whole)), step, False),
        parts + [whole], focus=whole, expected=whole.value, observed=total,
        arithmetic=f"{expr} = {plain(total)}",
        tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(whole)),
        message=(f"Parts {expr} = {plain(total)}, " + (
            f"more than the whole {plain(whole.value)} (over by {plain(gap)})" if over else
            f"but the whole is {plain(whole.value)} ({plain(gap)} unaccounted for)")))


PARTS = Rule(
    id="parts-sum-to-whole", severity="error",
    description="The parts of a stated whole add up to it (more is an error, less a warning).",
    check=check_parts, params={"min_parts_for_shortfall": 3})
