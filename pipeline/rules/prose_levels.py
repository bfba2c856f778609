"""A from/to level in the prose agrees with the table's value for that indicator, area and
period ('went up from 715 to 903' against the district table's 715 and 930).

Reads narrative facts with role `from` or `to` and table facts of the same report, paired by
measure key (the same key, or one containing the other with at least `min_shared_words`
words in common), period, area and unit. A level is consistent when any matching table
value agrees within printed precision; it is flagged only when the matching cells state one
value (several would be several quantities under one name).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import grade, make_flag
from pipeline.rules.rounding import plain, tolerance_text
from pipeline.rules.rule import Params, Rule


def same_measure(prose: str, table: str, min_shared: int) -> bool:
    a, b = set(prose.split()), set(table.split())
    return prose == table or ((a <= b or b <= a) and len(a & b) >= min_shared)


def table_cells(ctx: RuleContext) -> dict[tuple, list[Fact]]:
    out: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in ctx.facts:
        if fact.source == "table" and fact.measure and fact.period and fact.kind != "change":
            out[(fact.doc_id, fact.period, fact.area.lower(), fact.unit)].append(fact)
    return out


def check_prose_levels(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    cells = table_cells(ctx)
    for level in ctx.facts:
        if level.source != "narrative" or level.role not in ("from", "to") or not level.measure:
            continue
        found = [c for c in cells.get((level.doc_id, level.period, level.area.lower(), level.unit), [])
                 if same_measure(level.measure, c.measure, p.min_shared_words)]
        if not found or any(ctx.interval(level).meets(ctx.interval(c)) for c in found) \
                or len({c.value for c in found}) != 1:
            continue
        cell, step = found[0], max(ctx.step(level), ctx.step(found[0]))
        yield make_flag(
            ctx, PROSE_LEVELS.id, grade(ctx.interval(level).distance(ctx.interval(cell)), step, True, "warning"),
            [level, cell], focus=level, expected=cell.value, observed=level.value,
            arithmetic=f"{plain(level.value)} - {plain(cell.value)} = {plain(level.value - cell.value)}",
            tolerance=tolerance_text(step, ctx.truncation, exact=ctx.exact(level)),
            message=(f"The text gives '{level.measure}' {level.period}"
                     f"{' in ' + level.area if level.area else ''} as {plain(level.value)}, "
                     f"the table (page {cell.page}) as {plain(cell.value)}"))


PROSE_LEVELS = Rule(
    id="prose-level-matches-table", severity="warning",
    description="A from/to level in the text agrees with the table's value for that indicator, "
                "area and period.",
    check=check_prose_levels, params={"min_shared_words": 2})
