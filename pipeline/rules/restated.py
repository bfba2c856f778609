"""A quantity restated in the same report agrees: the executive summary's '1,186 referrals'
and section 3's '1,168 referrals' for the same year and area.

Reads facts by their measure key (extractors/measures.py: the subject through the lexicon),
period, area and unit, among the levels a report states (roles value, to, whole, level,
total; counts and money, not shares). The group must come from two statements (claims) with
one of them in the prose, and hold exactly two values close enough to be one quantity
restated (`max_relative_gap`); a key of one word, or one the report uses for three or more
figures, is too thin a name to say the figures are one quantity. Tables against tables are
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


def restated_groups(ctx: RuleContext, min_words: int) -> Iterator[list[Fact]]:
    """The report's levels by key, for keys specific enough to name one quantity: at least
    `min_words` words ('referrals' alone, or 'offences', names a different count in every
    section), and no more than two figures under the key in any role."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    values: dict[tuple, set[float]] = defaultdict(set)
    for fact in ctx.facts:
        if len(fact.measure.split()) < min_words or not fact.period or fact.kind == "change":
            continue
        key = (fact.doc_id, fact.measure, fact.period, fact.area.lower(), fact.unit)
        values[key].add(fact.value)
        if fact.unit in UNITS and fact.role in LEVEL_ROLES and not fact.qualifier:
            groups[key].append(fact)
    yield from (facts for key, facts in groups.items()
                if len(values[key]) == 2 and len({f.value for f in facts}) == 2)


def restated_pair(ctx: RuleContext, facts: list[Fact], gap: float) -> tuple[Fact, Fact] | None:
    """The two figures, unless they are one statement (a breakdown), one sentence setting
    them side by side ('2,466 against 2,375', where the sentence also states the other
    figure), or too far apart to be one quantity."""
    low, high = (next(f for f in facts if f.value == v) for v in sorted({f.value for f in facts}))
    if high.value - low.value > gap * high.value or "narrative" not in (low.source, high.source):
        return None
    if (low.claim_id or low.fact_id) == (high.claim_id or high.fact_id):
        return None
    sentences = {f.text: f for f in (low, high) if f.source == "narrative"}
    compared = any(f.text in sentences and f.value in (low.value, high.value) and f is not sentences[f.text]
                   for f in ctx.facts if f.source == "narrative")
    return None if compared else (low, high)


def check_restated(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for facts in restated_groups(ctx, p.min_measure_words):
        pair = restated_pair(ctx, facts, p.max_relative_gap)
        if pair is None or ctx.interval(pair[0]).meets(ctx.interval(pair[1])):
            continue
        low, high = pair
        gap = high.value - low.value
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
    check=check_restated, params={"max_relative_gap": 0.1, "min_measure_words": 2})
