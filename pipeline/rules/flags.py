"""Building flags: one place for ids, snippets and the tiering of how far off a figure is."""
from __future__ import annotations

from typing import Iterable, Optional

from pipeline.model.ids import stable_id
from pipeline.model import Fact, Flag
from pipeline.model.vocab import Severity
from pipeline.rules.context import RuleContext


def flag_key(rule_id: str, fact_ids: Iterable[str]) -> str:
    """Identity of a flag without its numbers: a decision on it is reopened if they change."""
    return stable_id("flagkey", rule_id, *sorted(fact_ids))


def flag_id(rule_id: str, fact_ids: Iterable[str], values: Iterable[Optional[float]]) -> str:
    """Stable over re-runs: the rule, the facts' stable ids and the numbers compared."""
    numbers = ["" if v is None else f"{v:.6g}" for v in values]
    return stable_id("flag", rule_id, *sorted(fact_ids), *numbers)


def make_flag(ctx: RuleContext, rule_id: str, severity: Severity, facts: list[Fact], *,
              message: str, expected: Optional[float], observed: Optional[float],
              tolerance: str, arithmetic: str = "", focus: Fact | None = None) -> Flag:
    """A flag on `facts`; `focus` (default the first) gives the page and snippet shown."""
    focus = focus or facts[0]
    ids = tuple(dict.fromkeys(f.fact_id for f in facts))
    values = [expected, observed] + [f.value for f in facts]
    difference = None if expected is None or observed is None else round(observed - expected, 6)
    return Flag(flag_id=flag_id(rule_id, ids, values), rule_id=rule_id, severity=severity,
                doc_id=focus.doc_id, message=message,
                expected=None if expected is None else round(expected, 2),
                observed=observed, difference=difference, tolerance=tolerance, fact_ids=ids,
                page=focus.page, snippet=ctx.snippet(focus, facts)[:600], arithmetic=arithmetic)


def grade(distance: float, step: float, serious: bool, default: Severity = "error") -> Severity:
    """Tier a disagreement: within one printed unit is info, a serious one is the rule's default."""
    if distance <= step * 1.0001:
        return "info"
    return default if serious else "warning"
