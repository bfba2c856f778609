"""A from/to level in the prose agrees with the table's value for that indicator, area and
period ('went up from 715 to 903' against the district table's 715 and 930).

Reads narrative facts with role `from` or `to` and table facts of the same report, paired by
period, unit, place (the same area; where the prose names none, the same section) and
measure key (the same key, one containing the other with at least `min_shared_words` words
in common, or the one row of that place whose key holds all the level's words). A level is consistent when any matching table
value agrees within printed precision; it is flagged only when the matching cells state one
value (several would be several quantities under one name). Where the words find no row (the
prose names its figures 'offences', the table 'Violence with injury'), the claim's other level
does: 'from 715 to 903' whose 715 is the 2022/23 cell of exactly one row of that place is that
row's indicator, and its 2023/24 cell is held against the 903, within `max_anchored_gap`.
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
            out[(fact.doc_id, fact.period, fact.unit)].append(fact)
    return out


def same_place(level: Fact, cell: Fact) -> bool:
    """The cell is for the level's area: the same area, or, where the prose names none, a
    cell of the same section (a district's table under the district's heading)."""
    if level.area:
        return level.area.lower() == cell.area.lower()
    return level.theme == cell.theme if level.theme else not cell.area


def matching_cells(level: Fact, cells: list[Fact], min_shared: int) -> list[Fact]:
    """The cells of the level's indicator: the same measure key or one sharing enough words,
    else the one row whose key contains all the level's words ('violence' in a section
    whose table has 'violence with injury' and 'possession of weapons')."""
    here = [c for c in cells if same_place(level, c)]
    found = [c for c in here if same_measure(level.measure, c.measure, min_shared)]
    if found:
        return found
    words = set(level.measure.split())
    wider = [c for c in here if words <= set(c.measure.split())]
    return wider if len({c.measure for c in wider}) == 1 else []


def anchored_cells(ctx: RuleContext, level: Fact, cells: dict[tuple, list[Fact]], gap: float) -> list[Fact]:
    """The level's cell in the one row of its place holding the claim's other level (from for
    a to, to for a from) in that level's period, if it is close enough to be the same figure."""
    other_role = "from" if level.role == "to" else "to"
    other = next((f for f in ctx.claims.get(level.claim_id, []) if f.role == other_role
                  and f.unit == level.unit and f.period and f.period != level.period), None)
    if other is None:
        return []
    anchors = {(c.table_id, c.row) for c in cells.get((level.doc_id, other.period, level.unit), [])
               if same_place(level, c) and ctx.interval(other).meets(ctx.interval(c))}
    if len(anchors) != 1:
        return []
    row = anchors.pop()
    return [c for c in cells.get((level.doc_id, level.period, level.unit), [])
            if (c.table_id, c.row) == row and abs(c.value - level.value) <= gap * max(abs(c.value), 1.0)]


def level_cells(ctx: RuleContext, level: Fact, cells: dict[tuple, list[Fact]], p: Params) -> list[Fact]:
    found = matching_cells(level, cells.get((level.doc_id, level.period, level.unit), []), p.min_shared_words)
    return found or anchored_cells(ctx, level, cells, p.max_anchored_gap)


def check_prose_levels(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    cells = table_cells(ctx)
    for level in ctx.facts:
        if level.source != "narrative" or level.role not in ("from", "to") or not level.measure:
            continue
        found = level_cells(ctx, level, cells, p)
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
                     f"{' in ' + (level.area or cell.area) if level.area or cell.area else ''} as "
                     f"{plain(level.value)}, the table (page {cell.page}) as {plain(cell.value)}"))


PROSE_LEVELS = Rule(
    id="prose-level-matches-table", severity="warning",
    description="A from/to level in the text agrees with the table's value for that indicator, "
                "area and period.",
    check=check_prose_levels, params={"min_shared_words": 2, "max_anchored_gap": 0.25})
