"""Finding-first headlines: what is wrong, in the report's own units, before how it was checked.

A rule's description states the invariant ("the total spent does not exceed the allocation"),
which reads as the opposite of the finding. The headline is built from the flag's fields
(expected, observed, difference) and the units of the facts involved, one phrase per rule;
a rule without one gets "Stated X; its own figures give Y", and a flag without both numbers
its message up to the first colon.
"""
from __future__ import annotations

import math
from typing import Callable, Iterable

from pipeline.model import Fact, Flag
from pipeline.rules.rounding import plain


def amount(value: float, unit: str) -> str:
    """A figure as a report would print it in its unit, halves rounded away from zero (the
    rules' messages print 80.85 as 80.9; a float's 80.8499... must not print 80.8)."""
    value += math.copysign(1e-9, value)
    if unit == "gbp":
        return f"-£{plain(-value, 2)}" if value < 0 else f"£{plain(value, 2)}"
    if unit == "percent":
        return f"{plain(value, 1)}%"
    if unit == "percentage_points":
        return f"{plain(value, 1)} points"
    if unit in ("hours", "years"):
        return f"{plain(value, 1)} {unit}"
    return plain(value, 2)


def unit_of(value: float | None, facts: Iterable[Fact], default: str = "count") -> str:
    """The unit of the fact stating this value, else the most common unit among the facts."""
    facts = list(facts)
    for fact in facts:
        if value is not None and abs(fact.value - value) < 1e-6:
            return fact.unit
    units = [f.unit for f in facts if f.unit]
    return max(set(units), key=units.count) if units else default


Phrase = Callable[[str, str, str, float], str]  # observed, expected, |difference|, difference

PHRASES: dict[str, Phrase] = {
    "spend-within-allocation": lambda o, e, d, diff: f"Spend {o} is {d} over the {e} allocation",
    "spend-lines-sum-to-total": lambda o, e, d, diff:
        f"Stated total {o} is {d} {'above' if diff > 0 else 'below'} its lines' sum of {e}",
    "spend-variance-matches": lambda o, e, d, diff:
        f"Stated variance {o} is {d} off allocation less spend ({e})",
    "percent-matches-counts": lambda o, e, d, diff: f"Stated {o} but its own counts give {e}",
    "change-matches-levels": lambda o, e, d, diff: f"Stated change of {o} but the levels give {e}",
    "kpi-commentary-matches-table": lambda o, e, d, diff:
        f"Commentary states {o} but the table gives {e}",
    "parts-sum-to-whole": lambda o, e, d, diff:
        f"Parts add up to {o}, {d} {'more' if diff > 0 else 'less'} than the whole of {e}",
    "narrative-matches-table": lambda o, e, d, diff: f"Text states {o} but the table gives {e}",
    "same-quantity-agrees": lambda o, e, d, diff: f"Stated as {o} here but as {e} elsewhere",
    "values-within-bounds": lambda o, e, d, diff: f"{o} is above its bound of {e}",
    "multiplier-matches-levels": lambda o, e, d, diff:
        f"Words say {o} but the levels give {e}",
}
RATIOS = {"multiplier-matches-levels"}  # expected and observed are factors, not the facts' units


def headline(flag: Flag, facts: Iterable[Fact]) -> str:
    """The finding in one line, e.g. 'Spend £571,024 is £78,529 over the £492,495 allocation'."""
    facts = list(facts)
    if flag.expected is None or flag.observed is None:
        return flag.message.split(":")[0].strip() or flag.rule_id
    difference = flag.observed - flag.expected
    if flag.rule_id in RATIOS:
        observed, expected, gap = (f"x{plain(v, 2)}" for v in
                                   (flag.observed, flag.expected, abs(difference)))
    else:
        unit = unit_of(flag.observed, facts, unit_of(flag.expected, facts))
        observed, expected = amount(flag.observed, unit), amount(flag.expected, unit)
        gap = amount(abs(difference), "percentage_points" if unit == "percent" else unit)
    phrase = PHRASES.get(flag.rule_id, lambda o, e, d, diff: f"Stated {o}; its own figures give {e}")
    return phrase(observed, expected, gap, difference)
