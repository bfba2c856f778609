"""Rounding from printed precision, as XBRL Calculations 1.1 and statcheck do.

A printed number stands for every value that prints the same way: `81.0%` is anything in
[80.95, 81.05) if it was rounded, [81.0, 81.1) if it was truncated, so we accept the union
[80.95, 81.1). Sums and ratios of such numbers are intervals too, and two statements agree
when their intervals meet. Counts of things are exact unless a qualifier says otherwise.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.model import Fact
from pipeline.model.precision import step_from_value

LOWER_BOUND = {"over", "more than", "above", "at least", "in excess of", "exceeding"}
UPPER_BOUND = {"up to", "nearly", "almost", "under", "less than", "just under", "fewer than"}
ROUGH = {"approximately", "around", "about", "some", "roughly", "circa", "approx", "c."}
EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    """The closed range of true values a printed figure (or a computation on them) allows."""
    lo: float
    hi: float

    @classmethod
    def exact(cls, value: float) -> "Interval":
        return cls(value, value)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scaled(self, factor: float) -> "Interval":
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def divided_by(self, other: "Interval") -> "Interval | None":
        """self / other for a positive divisor; None when the divisor may be zero."""
        if other.lo <= 0:
            return None
        bounds = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(bounds), max(bounds))

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi + EPS * max(1.0, abs(other.hi)) and \
            other.lo <= self.hi + EPS * max(1.0, abs(self.hi))

    def distance(self, other: "Interval") -> float:
        """How far apart two intervals are; 0 when they meet."""
        return 0.0 if self.meets(other) else max(other.lo - self.hi, self.lo - other.hi)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def describe(self) -> str:
        lo = "-inf" if math.isinf(self.lo) else plain(self.lo, 4)
        hi = "inf" if math.isinf(self.hi) else plain(self.hi, 4)
        return f"[{lo}, {hi}]"


def plain(value: float, decimals: int = 1) -> str:
    """A number as reports print it: thousands separators, no trailing '.0' on whole numbers."""
    if math.isinf(value) or math.isnan(value):
        return str(value)
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}"
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fixed(value: float, decimals: int = 1) -> str:
    """A computed figure to a fixed number of decimals (1/3 -> '33.3')."""
    return f"{value:,.{decimals}f}"


def shown(fact: Fact, step: float) -> str:
    """The fact's number as printed, keeping its precision (57.0, not 57)."""
    decimals = max(0, -int(math.floor(math.log10(step) + 1e-9))) if 0 < step < 1 else 0
    return f"{fact.value:,.{decimals}f}"


def stated_interval(value: float, step: float, qualifier: str = "", truncation: bool = True,
                    exact: bool = False) -> Interval:
    """Every true value that could print as `value` at this precision, given its qualifier."""
    q = (qualifier or "").strip().lower()
    if q in LOWER_BOUND:
        return Interval(value, math.inf)
    if q in UPPER_BOUND:
        return Interval(-math.inf if q in {"under", "less than", "fewer than"} else 0.0, value)
    if q in ROUGH:
        step = max(step, significant_step(value))
    elif exact:
        return Interval.exact(value)
    return Interval(value - step / 2, value + (step if truncation else step / 2))


def significant_step(value: float) -> float:
    """The rounding unit a round number suggests: 300 -> 100, 1,250 -> 10, 7 -> 1."""
    if value == 0 or value != int(value):
        return step_from_value(value)
    n, step = int(abs(value)), 1
    while n % 10 == 0:
        n, step = n // 10, step * 10
    return float(step)


def tolerance_text(step: float, truncation: bool, qualifier: str = "", exact: bool = False) -> str:
    """The tolerance a flag records: what 'the same' meant for this comparison."""
    if qualifier:
        return f"'{qualifier}' read as a bound or range; printed step {plain(step, 6)}"
    if exact:
        return "counts taken as exact"
    how = "rounded or truncated" if truncation else "rounded"
    return f"printed to {plain(step, 6)} ({how}): +/-{plain(step / 2, 6)}"
