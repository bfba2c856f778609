"""A multiplier word agrees with the levels it describes ("halved, from 820 to 390").

The narrative extractor keeps "halved", "more than doubled", "almost trebled" as the `label`
of the claim's from/to levels ("more than doubled (x2)") rather than as a fact of its own:
a word is not a printed number. Words are loose, so the tolerance is a share of the factor
(`slack`, default 20%); "more than"/"over" make the factor a floor and "almost"/"nearly" a
ceiling, each still allowing that slack on the other side.
"""
from __future__ import annotations

import re
from typing import Iterator

from pipeline.model import Flag
from pipeline.rules.changes import level_pair
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import make_flag
from pipeline.rules.rounding import LOWER_BOUND, UPPER_BOUND, plain
from pipeline.rules.rule import Params, Rule

_FACTOR = re.compile(r"^(?P<words>.*)\(x(?P<factor>\d+(?:\.\d+)?)\)\s*$")


def allowed(words: str, factor: float, slack: float) -> tuple[float, float]:
    """The ratios of new to old level the words allow."""
    lo, hi = factor * (1 - slack), factor * (1 + slack)
    qualifier = next((q for q in sorted(LOWER_BOUND | UPPER_BOUND, key=len, reverse=True)
                      if words.startswith(q + " ")), "")
    if qualifier in LOWER_BOUND:
        lo, hi = factor * (1 - slack / 4), float("inf")
    elif qualifier in UPPER_BOUND:
        lo, hi = factor * (1 - slack), factor * (1 + slack / 4)
    return (lo, hi) if factor >= 1 else (min(lo, hi), max(lo, hi))


def check_multipliers(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for claim in ctx.claims.values():
        pair = level_pair(ctx, claim)
        if not pair or not pair[1].label or pair[0].value <= 0:
            continue
        old, new = pair
        m = _FACTOR.match(new.label)
        if not m:
            continue
        words, factor = m.group("words").strip(), float(m.group("factor"))
        lo, hi = allowed(words, factor, p.slack)
        ratio = new.value / old.value
        if lo <= ratio <= hi:
            continue
        yield make_flag(
            ctx, MULTIPLIER.id, "warning", [old, new], focus=new, expected=round(ratio, 2),
            observed=factor, arithmetic=f"{plain(new.value)} / {plain(old.value)} = x{ratio:.2f}",
            tolerance=f"'{words}' read as x{plain(lo, 3)} to x{plain(hi, 3)}",
            message=(f"Stated '{words}' (x{factor:g}), but {plain(new.value)} / {plain(old.value)} "
                     f"= x{ratio:.2f}"))


MULTIPLIER = Rule(
    id="multiplier-matches-levels", severity="warning",
    description="A multiplier word (halved, doubled, trebled) agrees with the two levels it describes.",
    check=check_multipliers, params={"slack": 0.2})
