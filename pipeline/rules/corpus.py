"""Corpus-scope checks, streamed: figures of one body and year held against each other
across reports.

`reduce_corpus` reads the corpus's facts once, as an iterator, and keeps for each corpus
rule's key only the first fact of each distinct value (at most `MAX_VALUES` per key), so the
memory held grows with the number of distinct quantities, not with the number of reports
(a thousand reports restating one figure hold one fact). Each report is known by its title
block (`documents`: organisation, period, file name), so a grant letter to a partnership and
the partnership's own return are paired by recipient and year.

`same-allocation-across-reports`: the allocation each report states for a recipient and
year (the largest plain sum it gives for them: a grant letter's award, a return's 'grant
received') agrees between reports.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from extractors.lexicon.areas import body_name
from extractors.measures import measure_of
from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import plain, tolerance_text
from pipeline.rules.rule import Params, Rule
from pipeline.rules.spend import year_of

MAX_VALUES = 8


def reduce_corpus(facts: Iterable[Fact], rules: list[Rule], documents: dict[str, dict]) -> list[Fact]:
    """The few facts the corpus rules need, grouped by each rule's key, in one pass."""
    kept: dict[tuple, dict[tuple, Fact]] = {}
    for fact in facts:
        for rule in rules:
            key = rule.group(fact, documents) if rule.group else None
            if key is None:
                continue
            values = kept.setdefault((rule.id, key), {})
            if len(values) < MAX_VALUES:
                values.setdefault((fact.doc_id, round(fact.value, 6)), fact)
    unique = {f.fact_id: f for values in kept.values() for f in values.values()}
    return list(unique.values())


def recipient(fact: Fact, documents: dict[str, dict]) -> str:
    """Whom a sum is for: its section's area, else the body the report's title block names."""
    return measure_of(body_name(fact.area or (documents.get(fact.doc_id) or {}).get("organisation") or ""))


def allocation_key(fact: Fact, documents: dict[str, dict]) -> tuple | None:
    if fact.kind != "allocation" or fact.qualifier or fact.role not in ("", "value", "allocation", "total"):
        return None
    body = recipient(fact, documents)
    return (body, year_of(fact.period), fact.unit) if body and fact.period else None


def stated_allocations(ctx: RuleContext) -> dict[tuple, dict[str, Fact]]:
    """Per (recipient, year, unit): each report's allocation (its largest plain sum)."""
    out: dict[tuple, dict[str, Fact]] = {}
    for fact in ctx.facts:
        key = allocation_key(fact, ctx.documents)
        if key is not None:
            by_doc = out.setdefault(key, {})
            if fact.doc_id not in by_doc or fact.value > by_doc[fact.doc_id].value:
                by_doc[fact.doc_id] = fact
    return out


def where(ctx: RuleContext, fact: Fact) -> str:
    name = (ctx.documents.get(fact.doc_id) or {}).get("file_name") or fact.doc_id
    return f"{name}, page {fact.page}"


def check_allocations(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for (body, year, _), by_doc in stated_allocations(ctx).items():
        first, *others = sorted(by_doc.values(), key=lambda f: (f.doc_id, f.page, f.char_start))
        for other in others:
            if ctx.interval(first).meets(ctx.interval(other)):
                continue
            step = max(ctx.step(first), ctx.step(other))
            gap = abs(first.value - other.value)
            flag = make_flag(
                ctx, ACROSS_REPORTS.id, grade(gap, step, gap >= p.error_share * max(first.value, other.value)),
                [other, first], focus=other, expected=first.value, observed=other.value,
                arithmetic=f"{plain(other.value)} - {plain(first.value)} = {plain(other.value - first.value)}",
                tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(other)),
                message=(f"The allocation to {body} for {year} is {plain(first.value)} in "
                         f"{where(ctx, first)} but {plain(other.value)} in {where(ctx, other)}"))
            yield replace(flag, snippet=f"{ctx.snippet(other)[:300]} … {ctx.snippet(first)[:300]}")


ACROSS_REPORTS = Rule(
    id="same-allocation-across-reports", severity="error",
    description="The allocation two reports state for the same recipient and year agrees "
                "(a grant letter against the partnership's own return).",
    check=check_allocations, scope="corpus", group=allocation_key, params={"error_share": 0.01})
