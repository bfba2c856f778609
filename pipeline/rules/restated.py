"""A quantity restated in the same report agrees: the executive summary's '1,186 referrals'
and section 3's '1,168 referrals' for the same year and area.

Reads facts by their measure key (extractors/measures.py: the subject through the lexicon),
period, area and unit, among the levels a report states (roles value, to, whole, level,
total; counts and money, not shares). The group must come from two statements (claims) with
one of them in the prose, and hold exactly two values close enough to be one quantity
restated (`max_relative_gap`): three values, or two far apart, are different quantities that
share a thin name ('cases' opened, closed and heard). Tables against tables are
same-quantity-agrees' and table-total-matches-lines' business.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import plain, tolerance_text
from pipeline.rules.rule import Params, Rule

LEVEL_ROLES = ("", "value", "to", "whole", "level", "total")
UNITS = ("count", "gbp", "usd", "eur")


def restated_groups(ctx: RuleContext) -> Iterator[list[Fact]]:
    """Levels by key, leaving out keys the report uses for three or more figures in any role
    (a name that thin covers several quantities: 'offences' of each crime type)."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    values: dict[tuple, set[float]] = defaultdict(set)
    for fact in ctx.facts:
        if not fact.measure or not fact.period or fact.kind == "change":
            continue
        key = (fact.doc_id, fact.measure, fact.period, fact.area.lower(), fact.unit)
        values[key].add(fact.value)
        if fact.unit in UNITS and fact.role in LEVEL_ROLES and not fact.qualifier:
            groups[key].append(fact)
    yield from (facts for key, facts in groups.items() if len(values[key]) <= 2)


def check_restated(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for facts in restated_groups(ctx):
        values = sorted({f.value for f in facts})
        claims = {f.claim_id or f.fact_id for f in facts}
        if len(values) != 2 or len(claims) < 2 or not any(f.source == "narrative" for f in facts):
            continue
        low = next(f for f in facts if f.value == values[0])
        high = next(f for f in facts if f.value == values[1])
        if low.source == high.source == "narrative" and low.text == high.text:
            continue  # one sentence setting two figures side by side ('2,466 against 2,375')
        gap = high.value - low.value
        if gap > p.max_relative_gap * high.value or ctx.interval(low).meets(ctx.interval(high)):
            continue
        step = max(ctx.step(low), ctx.step(high))
        yield make_flag(
            ctx, RESTATED_IN_REPORT.id, grade(ctx.interval(low).distance(ctx.interval(high)), step, True),
            [low, high], focus=high, expected=low.value, observed=high.value,
            arithmetic=f"{plain(high.value)} - {plain(low.value)} = {plain(gap)}",
            tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(high)),
            message=(f"'{low.measure}' for {low.period} is stated as {plain(low.value)} (page {low.page}) "
                     f"and as {plain(high.value)} (page {high.page}) in the same report"))


RESTATED_IN_REPORT = Rule(
    id="restated-figure-agrees", severity="warning",
    description="A quantity stated twice in one report (prose, table, key facts) has the same value.",
    check=check_restated, params={"max_relative_gap": 0.1})
