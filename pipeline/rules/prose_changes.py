"""A change the prose states between two periods agrees with the table's two values for that
indicator and place ('Shoplifting in Q2 2021/22 was 8.1% higher than in Q2 2020/21' against
the table's 245 and 260, +6.1%).

Reads narrative changes (`change_pct` / `change_abs`) with a period and a compared period
whose own claim states no levels (those are `change-matches-levels`' to check). The table
cells are found as `prose-level-matches-table` finds a level's: same place, same measure key
or one sharing enough words; both periods must lie in one row, each one value."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.model.vocab import Unit
from pipeline.rules.changes import CHANGE_ROLES, agrees, change_flag, level_pair, measures, opposite
from pipeline.rules.context import RuleContext
from pipeline.rules.prose_levels import matching_cells, table_cells
from pipeline.rules.rule import Params, Rule

LEVEL_UNITS: dict[str, tuple[Unit, ...]] = {"percent": ("count", "gbp", "percent"), "percentage_points": ("percent",)}


def row_levels(change: Fact, cells: dict, min_shared: int) -> tuple[Fact, Fact] | None:
    """The one table row holding the change's indicator at both its periods: (then, now); a
    change naming no place is looked for in its own section first, then in any table of the
    report without places."""
    for unit in LEVEL_UNITS.get(change.unit, (change.unit,)):  # a change's own unit is a Unit too
        for theme in dict.fromkeys((change.theme, "")):
            found = _row(replace(change, unit=unit, theme=theme), cells, min_shared)
            if found:
                return found
    return None


def _row(probe: Fact, cells: dict, min_shared: int) -> tuple[Fact, Fact] | None:
    def found(period: str) -> list[Fact]:
        return matching_cells(replace(probe, period=period), cells.get((probe.doc_id, period, probe.unit), []),
                              min_shared)

    then, now = found(probe.compared_period), found(probe.period)
    rows = {(c.table_id, c.row) for c in now} & {(c.table_id, c.row) for c in then}
    if len(rows) != 1:
        return None
    row = rows.pop()
    old, new = (next(c for c in cells if (c.table_id, c.row) == row) for cells in (then, now))
    return old, new


def check_prose_changes(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    cells = table_cells(ctx)
    for change in ctx.facts:
        if change.source != "narrative" or change.kind != "change" or change.role not in CHANGE_ROLES \
                or not change.period or not change.compared_period or change.period == change.compared_period \
                or not change.measure or level_pair(ctx, ctx.claims.get(change.claim_id, [])):
            continue
        levels = row_levels(change, cells, p.min_shared_words)
        if levels is None:
            continue
        old, new = levels
        a, b = ctx.interval(old), ctx.interval(new)
        found = measures(change, old.value, new.value, old.unit, a, b)
        if not found or opposite(change.direction, b - a) or any(agrees(ctx, change, m) for m in found):
            continue  # a change the other way is direction-matches-numbers' finding
        yield change_flag(ctx, PROSE_CHANGES.id, p, change, found[0], [change, old, new],
                          context=f"the table (page {new.page}) gives {old.period} {old.value:,g} and "
                                  f"{new.period} {new.value:,g}: ")


PROSE_CHANGES = Rule(
    id="prose-change-matches-table", severity="error",
    description="A change the text states between two periods agrees with the table's values for that "
                "indicator, place and periods.",
    check=check_prose_changes, params={"min_shared_words": 2, "error_points": 1.0, "error_share": 0.1})
