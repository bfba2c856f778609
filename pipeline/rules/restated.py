"""A quantity restated in the same report agrees: the executive summary's '1,186 referrals'
and section 3's '1,168 referrals' for the same year and area.

Reads facts by their measure key (extractors/measures.py: the subject through the lexicon,
a table's total line through its caption), period, area and unit, among the levels a report
states (roles value, to, whole, level, total; counts and money, not shares). The group must
come from two statements (claims) with one of them in the prose, and its two values must be
close enough to be one quantity restated (`max_relative_gap`). A key of `min_measure_words`
words or more holding exactly two figures is one quantity. A thinner key ('referrals' alone
names a different count in every section), or one holding more figures, is one quantity only
where the report corroborates it: one value stated by two statements (the summary and the
table's total), and exactly one other value close to it (within `max_thin_gap`: the thinner
the name, the closer two figures must be to be one quantity misprinted), stated once: that one
is the odd figure ('351 of these cases' beside two statements of 389 cases is another count). Tables against tables are same-quantity-agrees' and table-total-matches-lines' business.
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


def restated_groups(ctx: RuleContext, min_words: int, thin_gap: float) -> Iterator[list[Fact]]:
    """The report's levels by key, for keys that name one quantity: a specific key with two
    figures, or any key whose figures show one value corroborated and one outlier near it."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    values: dict[tuple, set[float]] = defaultdict(set)
    for fact in ctx.facts:
        if not fact.measure or not fact.period or fact.kind == "change":
            continue
        key = (fact.doc_id, fact.measure, fact.period, fact.area.lower(), fact.unit)
        values[key].add(fact.value)
        if fact.unit in UNITS and fact.role in LEVEL_ROLES and not fact.qualifier:
            groups[key].append(fact)
    for key, facts in groups.items():
        if len(key[1].split()) >= min_words and len(values[key]) == 2 and len({f.value for f in facts}) == 2:
            yield facts
        elif (found := corroborated(facts, values[key], thin_gap)) is not None:
            yield found


def statements(facts: list[Fact], value: float) -> set[str]:
    return {f.claim_id or f.fact_id for f in facts if f.value == value}


def statements_by_value(facts: list[Fact]) -> dict[float, set[str]]:
    said: dict[float, set[str]] = defaultdict(set)
    for f in facts:
        said[f.value].add(f.claim_id or f.fact_id)
    return said


def corroborated(facts: list[Fact], values: set[float], gap: float) -> list[Fact] | None:
    """The facts of the one value two statements give and of the one other value within
    `gap` of it, stated once (the key's far values are other quantities: a part, a base)."""
    said = statements_by_value(facts)  # once: asking per value was quadratic in a big table
    agreed = [v for v, claims in said.items() if len(claims) >= 2]
    if len(agreed) != 1:
        return None
    near = [v for v in values if v != agreed[0] and abs(v - agreed[0]) <= gap * abs(agreed[0])]
    if len(near) != 1 or len(said.get(near[0], ())) != 1:
        return None
    return [f for f in facts if f.value in (agreed[0], near[0])]


def restated_pair(ctx: RuleContext, facts: list[Fact], gap: float) -> tuple[Fact, Fact] | None:
    """The figure agreed by most statements and the odd one, unless they are one statement (a
    breakdown), one sentence setting them side by side ('2,466 against 2,375', where the
    sentence also states the other figure), or too far apart to be one quantity."""
    first, second = sorted({f.value for f in facts}, key=lambda v: (-len(statements(facts, v)), v))
    agreed, odd = (next(f for f in facts if f.value == v) for v in (first, second))
    if abs(agreed.value - odd.value) > gap * max(abs(agreed.value), abs(odd.value)) \
            or "narrative" not in (agreed.source, odd.source):
        return None
    if (agreed.claim_id or agreed.fact_id) == (odd.claim_id or odd.fact_id):
        return None
    sentences = {f.text: f for f in (agreed, odd) if f.source == "narrative"}
    compared = any(f.text in sentences and f.value in (agreed.value, odd.value) and f is not sentences[f.text]
                   for f in ctx.facts if f.source == "narrative")
    return None if compared else (agreed, odd)


def where(facts: list[Fact], value: float) -> str:
    pages = sorted({f.page for f in facts if f.value == value})
    times = len(statements(facts, value))
    said = f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}"
    return said + (f", {times} times" if times > 1 else "")


def check_restated(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for facts in restated_groups(ctx, p.min_measure_words, p.max_thin_gap):
        pair = restated_pair(ctx, facts, p.max_relative_gap)
        if pair is None or ctx.interval(pair[0]).meets(ctx.interval(pair[1])):
            continue
        agreed, odd = pair
        step = max(ctx.step(agreed), ctx.step(odd))
        others = [f for f in facts if f.value == agreed.value and f is not agreed]
        yield make_flag(
            ctx, RESTATED_IN_REPORT.id, grade(ctx.interval(agreed).distance(ctx.interval(odd)), step, True),
            [agreed, odd, *others], focus=odd, expected=agreed.value, observed=odd.value,
            arithmetic=f"{plain(odd.value)} - {plain(agreed.value)} = {plain(odd.value - agreed.value)}",
            tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(odd)),
            message=(f"'{odd.measure}' for {odd.period} is stated as {plain(agreed.value)} "
                     f"({where(facts, agreed.value)}) and as {plain(odd.value)} "
                     f"({where(facts, odd.value)}) in the same report"))


RESTATED_IN_REPORT = Rule(
    id="restated-figure-agrees", severity="warning",
    description="A quantity stated twice in one report (prose, table, key facts) has the same value.",
    check=check_restated, params={"max_relative_gap": 0.1, "min_measure_words": 2, "max_thin_gap": 0.05})
