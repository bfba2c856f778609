"""Review decisions, kept apart from the regenerated outputs so re-runs never lose them.

The store is an append-only JSON Lines file, by default `review/decisions.jsonl` beside the
output folder (`processed/` -> `review/decisions.jsonl`), since `processed/` is rewritten
on every run. The last line for a flag wins. A decision attaches to its flag by flag id,
which covers the rule, the facts and the numbers; when a re-run gives the same rule and
facts with other numbers, the flag is `reopened`, carrying the old decision for context.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from pipeline.model import Flag
from pipeline.rules.flags import flag_key
from pipeline.rules.rounding import plain

REASONS = ("rounding", "different-measure", "restated", "extraction-error", "other")
DECISIONS = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Decision:
    flag_id: str
    key: str  # the rule and facts without the numbers: finds a flag whose numbers changed
    status: str  # confirmed or dismissed
    reason: str = ""
    note: str = ""
    expected: float | None = None  # the numbers decided on, shown when a flag reopens
    observed: float | None = None
    decided_at: str = ""

    def __post_init__(self) -> None:
        if self.status not in DECISIONS:
            raise ValueError(f"decision must be one of {DECISIONS}, got {self.status!r}")
        if self.reason and self.reason not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}, got {self.reason!r}")
        if self.status == "dismissed" and not self.reason:
            raise ValueError(f"dismissing a flag needs a reason: one of {', '.join(REASONS)}")


def default_store(out_dir: str | Path) -> Path:
    return Path(out_dir).resolve().parent / "review" / "decisions.jsonl"


def load_decisions(path: str | Path) -> list[Decision]:
    """Every decision in the store, oldest first (a missing store is an empty one)."""
    path = Path(path)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Decision(**json.loads(line)) for line in lines if line.strip()]


def record_decision(path: str | Path, flag: Flag, status: str, reason: str = "",
                    note: str = "") -> Decision:
    """Append a decision on a flag to the store."""
    decision = Decision(flag.flag_id, flag_key(flag.rule_id, flag.fact_ids), status, reason, note,
                        flag.expected, flag.observed,
                        datetime.now(timezone.utc).isoformat(timespec="seconds"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(decision)) + "\n")
    return decision


def apply_decisions(flags: Iterable[Flag], decisions: list[Decision]) -> list[Flag]:
    """Flags with their review status: decided, reopened (numbers changed) or open."""
    by_id = {d.flag_id: d for d in decisions}
    by_key = {d.key: d for d in decisions}
    out = []
    for flag in flags:
        decision = by_id.get(flag.flag_id)
        if decision:
            out.append(replace(flag, status=decision.status, decision_reason=decision.reason,
                               decision_note=decision.note))
            continue
        earlier = by_key.get(flag_key(flag.rule_id, flag.fact_ids))
        out.append(reopened(flag, earlier) if earlier else replace(flag, status="open"))
    return out


def reopened(flag: Flag, earlier: Decision) -> Flag:
    was = f"expected {plain(earlier.expected or 0, 2)}, observed {plain(earlier.observed or 0, 2)}"
    return replace(flag, status="reopened", decision_reason=earlier.reason,
                   decision_note=f"{earlier.status} when the numbers were {was}; they changed. "
                                 f"{earlier.note}".strip())


def find_flag(flags: list[Flag], flag_id: str) -> Flag:
    """The flag with this id or unique id prefix."""
    exact = [f for f in flags if f.flag_id == flag_id]
    found = exact or [f for f in flags if f.flag_id.startswith(flag_id)]
    if len(found) != 1:
        raise KeyError(f"{'no' if not found else len(found)} flags match {flag_id!r}")
    return found[0]
