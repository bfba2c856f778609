"""Joining structures that one sentence states together, after each was read on its own:
a change and the two levels it is computed from ("rose from 1,204 to 1,377, an increase of
14.4%", "fell by 12.5% (from 264 to 231)"), a level, its change and the base it is compared
with in brackets ("24,806, -4.2% compared with the same quarter last year (25,894)"), and
a level with the previous level in brackets ("38.2%, 4.6 points lower than the previous year
(42.8%)"). Rules can only recompute a change whose operands share its claim.

A multiplier word ("halved", "more than doubled") is not a number the page prints, so it
is not a fact of its own: its words and factor go into the `label` of the from/to levels it
describes ("more than doubled (x2)"), where a rule can compare the levels' ratio."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional

from extractors.narrative.sentences.sentence import Carry, Sentence, Slot, join_slots

_SEPARATE = re.compile(r";|\b(?:while|whilst|whereas|but|although|though|meanwhile)\b", re.I)
_BASE_OPENING = re.compile(r"\b(?:compared\s+(?:with|to)|against|than|on|from|versus|vs\.?)\b[^.;()]{0,60}\(\s*$", re.I)
CHANGE_ROLES = ("change_pct", "change_abs")
LEVEL_UNITS = ("count", "percent", "gbp", "hours")


def link_change_levels(s: Sentence, carry: Carry) -> None:
    """Put each change into the claim of the from/to pair (or level and base) it describes."""
    _read_bracketed_base(s, carry)
    _join_change_parts(s)
    _read_level_difference(s, carry)
    pairs = _pair_groups(s)
    for ratio in [x for x in s.slots if x.m.unit == "times"]:
        group = _nearest_pair(s, ratio, pairs)
        for level in pairs.get(group, []) if group is not None else []:
            level.label = multiplier_label(ratio)
    for change in [x for x in s.slots if x.role in CHANGE_ROLES]:
        if any(x.group == change.group and x.role in ("from", "to") for x in s.slots):
            continue
        group = _nearest_pair(s, change, pairs)
        if group is not None:
            for other in [x for x in s.slots if x.group == change.group]:
                other.group = group


def _pair_groups(s: Sentence) -> dict[int, list[Slot]]:
    groups: dict[int, list[Slot]] = {}
    for slot in s.slots:
        if slot.role in ("from", "to") and slot.group >= 0:
            groups.setdefault(slot.group, []).append(slot)
    return {g: members for g, members in groups.items()
            if {m.role for m in members} == {"from", "to"}}


def _nearest_pair(s: Sentence, change: Slot, pairs: dict[int, list[Slot]]) -> Optional[int]:
    """The one from/to pair in the change's stretch of the sentence (no 'while', 'but', ';'
    between them), if there is exactly one."""
    separators = _separators(s.text)
    near = []
    for group, members in pairs.items():
        lo = min(change.m.start, *(m.m.start for m in members))
        hi = max(change.m.end, *(m.m.end for m in members))
        i = bisect.bisect_left(separators, lo)
        if i == len(separators) or separators[i] >= hi:
            near.append(group)
            if len(near) > 1:
                return None
    return near[0] if near else None


@lru_cache(maxsize=4)
def _separators(text: str) -> list[int]:
    """Where the sentence's separators start: found once per sentence, not once per change
    and pair (a 50,000-character line of changes was quadratic). A separator never overlaps a
    number, so one starting inside a stretch lies inside it."""
    return [m.start() for m in _SEPARATE.finditer(text)]


def _read_bracketed_base(s: Sentence, carry: Carry) -> None:
    """'N, -4.2% compared with last year (M)' and 'P%, 2 points lower than last year (Q%)':
    the bracketed number is the earlier level, the lone level before the change the later."""
    for i, slot in enumerate(s.slots):
        if i < 1 or slot.kind or slot.role not in ("", "value"):
            continue
        change = s.slots[i - 1]
        if change.role not in CHANGE_ROLES or not _BASE_OPENING.search(s.between(change, slot)):
            continue
        level = next((x for x in reversed(s.slots[:i - 1]) if x.m.unit == slot.m.unit
                      and (x.role in ("", "value") or x.role == "to" and not _has_from(s, x))
                      and x.kind in ("", slot.kind)), None)
        if level is None or slot.m.unit not in LEVEL_UNITS:
            continue
        level.role, slot.role = "to", "from"
        if level.group >= 0:
            for x in s.slots:
                if x.group == change.group and x is not change:
                    x.group = level.group
            change.group = level.group
        else:
            join_slots(change, level, carry)
        slot.group = change.group


def _has_from(s: Sentence, level: Slot) -> bool:
    return level.group >= 0 and any(x.role == "from" and x.group == level.group for x in s.slots)


def multiplier_label(ratio: Slot) -> str:
    """'more than doubled (x2)': the words and the factor, kept on the levels they describe."""
    words = f"{ratio.m.qualifier} {ratio.m.text}".strip().lower()
    return f"{words} (x{ratio.m.value:g})"


def _join_change_parts(s: Sentence) -> None:
    """'402 offences, 58 fewer than in 2020/21, a decrease of 14.6%': the absolute and percent
    sizes of one change, and the level it reached, are one claim."""
    changes = [x for x in s.slots if x.role in CHANGE_ROLES]
    for a, b in zip(changes, changes[1:]):
        if a.group == b.group or a.direction != b.direction or {a.role, b.role} != set(CHANGE_ROLES):
            continue
        if _SEPARATE.search(s.text[a.m.end:b.m.start]):
            continue
        for x in s.slots:
            if x.group == b.group:
                x.group = a.group
    for change in [x for x in s.slots if x.role in CHANGE_ROLES]:
        i = s.slots.index(change)
        level = s.slots[i - 1] if i else None
        if level and level.role in ("", "value") and not level.kind and level.m.unit in ("count", "gbp") \
                and any(x.role == "change_abs" and x.m.unit == level.m.unit for x in s.slots if x.group == change.group) \
                and re.fullmatch(r"[^.;()\d]{0,40},\s*(?:an?\s+|by\s+)?[+−-]?", s.between(level, change)) \
                and not any(x.role in ("from", "to") for x in s.slots if x.group == change.group):
            level.role, level.group = "to", change.group


_DIFFERENCE_TO = re.compile(r"^\s*(?:higher|lower|above|below|more|less)\s+than\b[^.;\d]{0,60}$", re.I)


def _read_level_difference(s: Sentence, carry: Carry) -> None:
    """'91.2%, 3.1 percentage points higher than the national figure of 87.1%': a level, the
    comparison it is measured against, and the stated gap between them, as one claim."""
    for i in range(2, len(s.slots)):
        level, gap, other = s.slots[i - 2], s.slots[i - 1], s.slots[i]
        if gap.m.unit != "percentage_points" or gap.role not in CHANGE_ROLES or level.m.unit != "percent" \
                or other.m.unit != "percent" or level.role not in ("", "value") or other.role not in ("", "value"):
            continue
        if not _DIFFERENCE_TO.match(s.between(gap, other)) or not re.fullmatch(r"\s*,?\s*", s.between(level, gap)):
            continue
        level.role, other.role = "level", "comparison"
        join_slots(gap, level, carry)
        other.group = gap.group
