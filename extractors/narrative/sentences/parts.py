"""Parts and comparisons in a sentence: part-of-whole ("109 of 142", "Of 343 referred ...",
"374 ..., or 8%"), level against comparison ("45.2%, greater than the national average of
39.2%"), fractions, bare sums of money, and the kinds of whatever no structure claimed."""
from __future__ import annotations

import re

from extractors.narrative.sentences.money import money_kind
from extractors.narrative.sentences.shares import adopt
from extractors.narrative.sentences.sentence import (CLAUSE_BREAK, MONEY_UNITS, QUALIFIER_PREFIX, THAN_RE, Carry, Sentence, Slot, join_slots,
                                          new_group)
_BETWEEN_OF = re.compile(rf"^\s*(?:[a-z]+\s+){{0,2}}?(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?{QUALIFIER_PREFIX}$", re.I)
_BETWEEN_OR_SHARE = re.compile(r"^[^.;%\d]{0,60}?,?\s+or\s*$", re.I)
_ENDS_WITH = re.compile(rf"\bwith\s*{QUALIFIER_PREFIX}$", re.I)
_ENDS_OF_START = re.compile(rf"(?:^|[;:,(]\s*|\.[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s+|\bthat\s+)(?:[-•]\s*)?[Oo]f\s+(?:the\s+|these\s+|those\s+)?{QUALIFIER_PREFIX}$")
_OF_WHICH = re.compile(r"\s*of\s+(?:which|whom|these|those|them)\b", re.I)
_TRANSITION = re.compile(r"\b(?:became|become|becomes|now|leaving|left|remained|remaining)\s*$", re.I)
_COMPARED = re.compile(r"\b(?:compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|compares\s+(?:to|with)|against|versus|vs\.?)\b", re.I)
_AVERAGE = re.compile(r"\b(?:national|nationally|regional|region|force|average|england|wales|county|similar areas|peers?)\b", re.I)
_FRACTION_AFTER = re.compile(r"\(\s*(\d[\d,]*)\s*/\s*(\d[\d,]*)\s*\)")
def read_parts(s: Sentence, carry: Carry) -> None:
    """'109 of 142', 'Of 343 referred ... became 304', '374 ..., or 8%', '104 ... with 68% engaging'."""
    for i, slot in enumerate(s.slots):
        nxt = s.slots[i + 1] if i + 1 < len(s.slots) else None
        if slot.kind or slot.role:
            continue
        if nxt and not nxt.role and not nxt.kind and nxt.m.unit == "count" and _BETWEEN_OF.match(s.between(slot, nxt)):
            if slot.m.unit == "count" and slot.m.value <= nxt.m.value:
                slot.role, nxt.role = "part", "whole"
                join_slots(nxt, slot, carry)
            elif slot.m.unit == "percent":
                slot.role, slot.denominator, nxt.role = "share", nxt.m.value, "whole"
                join_slots(nxt, slot, carry)
        elif slot.m.unit == "count" and _ENDS_OF_START.search(s.before(slot)):
            _read_of_whole(s, slot, carry)
        elif slot.m.unit == "percent" and i and _BETWEEN_OR_SHARE.match(s.between(s.slots[i - 1], slot)):
            _read_or_share(s, i, carry)
        elif slot.m.unit == "percent" and i and _ENDS_WITH.search(s.before(slot)):
            whole = s.slots[i - 1]
            if whole.m.unit == "count" and not whole.kind and whole.role in ("", "whole"):
                whole.role, slot.role, slot.denominator = "whole", "share", whole.m.value
                join_slots(whole, slot, carry)


def _read_of_whole(s: Sentence, whole: Slot, carry: Carry) -> None:
    whole.role = "whole"
    whole.group = new_group(carry)
    for other in s.slots[s.slots.index(whole) + 1:]:
        if other.role == "part" and other.m.unit == "count" and not other.kind:
            adopt(s, other, whole)
            continue
        if other.kind or other.role or _OF_WHICH.match(s.after(other)):
            continue  # '80 occurred on campus (13 of which ...)': a part of the part, not of the whole
        if other.m.unit == "count" and _TRANSITION.search(s.before(other)) and whole.role == "whole" and other.m.value <= whole.m.value:
            whole.role, other.role = "from", "whole"
            other.group = whole.group
            whole = other
        elif other.m.unit == "count":
            other.role, other.group = "part", whole.group
        elif other.m.unit == "percent":
            other.role, other.denominator, other.group = "share", whole.m.value, whole.group
    carry.whole = whole


def _read_or_share(s: Sentence, i: int, carry: Carry) -> None:
    share, part = s.slots[i], s.slots[i - 1]
    if part.m.unit != "count" or part.kind:
        return
    share.role, share.numerator = "share", part.m.value
    whole = next((o for o in reversed(s.slots[:i - 1]) if o.m.unit == "count" and not o.kind
                  and not o.role and o.m.value > part.m.value), None)
    part.role = "part"
    join_slots(part, share, carry)
    if whole:
        whole.role, whole.group, share.denominator = "whole", part.group, whole.m.value


def read_list_continuation(s: Sentence, carry: Carry) -> None:
    """A sentence that lists counts straight after a whole ('105 were closed, 130 abandoned,
    47 ...') breaks that whole down."""
    whole = carry.whole
    counts = [x for x in s.slots if x.m.unit == "count"]
    if whole is None or not s.slots or len(counts) < 2 or len(counts) != len(s.slots):
        return
    lead = s.text[s.s0:s.slots[0].m.start].strip().lower()
    if lead not in ("", "over", "nearly", "almost", "approximately", "about", "around") or any(x.role or x.kind for x in counts):
        return
    for slot in counts:
        slot.role, slot.group = "part", whole.group


def read_comparisons(s: Sentence, carry: Carry) -> None:
    """'45.2%, greater than the national average of 39.2%', '543 ... compared with 460',
    '30.8%, below the national baseline of 40%', 'exceeding the target 75% at a level of 83%'."""
    for i, slot in enumerate(s.slots[1:], start=1):
        prev = s.slots[i - 1]
        between = s.between(prev, slot)
        if prev.m.unit != slot.m.unit or CLAUSE_BREAK.search(between):
            continue
        if slot.kind in ("kpi_target", "kpi_baseline") and not prev.kind and not prev.role:
            prev.role, slot.role = "level", "comparison"
            join_slots(prev, slot, carry)
        elif prev.kind in ("kpi_target", "kpi_baseline") and prev.role == "value" and not slot.kind and not slot.role:
            prev.role, slot.role = "comparison", "level"
            join_slots(prev, slot, carry)
        elif slot.kind or slot.role or prev.kind or prev.role not in ("",):
            continue
        elif THAN_RE.search(between) or (_COMPARED.search(between) and _AVERAGE.search(between)):
            prev.role, slot.role = "level", "comparison"
            join_slots(prev, slot, carry)
        elif _COMPARED.search(between):
            prev.role, slot.role, prev.pair, slot.pair = "to", "from", True, True
            join_slots(prev, slot, carry)
    _read_compared_opening(s, carry)


def _read_compared_opening(s: Sentence, carry: Carry) -> None:
    """'Compared to 30% for the region and 59% nationally.' after a sentence stating a level."""
    level = carry.level
    if level is None or not re.match(r"^\W*(?:compared|in comparison|this compares)", s.text[s.s0:s.s1], re.I):
        return
    for slot in s.slots:
        if slot.m.unit == level.m.unit and not slot.kind and not slot.role:
            level.role, slot.role = "level", "comparison"
            join_slots(level, slot, carry)


def read_fractions(s: Sentence) -> None:
    """'A 50% completion rate ... (28/56)': the fraction is the rate's numerator/denominator."""
    for m in _FRACTION_AFTER.finditer(s.text, s.s0, s.s1):
        rate = next((x for x in reversed(s.slots) if x.m.end <= m.start() and x.m.unit == "percent"), None)
        if rate is not None and rate.numerator is None:
            rate.numerator = float(m.group(1).replace(",", ""))
            rate.denominator = float(m.group(2).replace(",", ""))


_AGAINST_SUM = re.compile(r"^[^.;\d]{0,12}\b(?:against|compared\s+(?:with|to)|up\s+from|down\s+from|from)\s*£?\s*$", re.I)


def _compared_money(s: Sentence, slot: Slot) -> str:
    """'set at £107,400, against £90,327 in 2010/11': the sum compared with is the same kind
    of money as the one it is compared to."""
    i = s.slots.index(slot)
    prev = s.slots[i - 1] if i else None
    if prev is not None and prev.m.unit == slot.m.unit and prev.kind in ("allocation", "amount") \
            and _AGAINST_SUM.match(s.between(prev, slot)):
        return prev.kind
    return ""


def finish(s: Sentence, carry: Carry) -> None:
    """Kinds from units for what no structure claimed; lone numbers are their own claim."""
    allocation = "ALLOCATION" in s.labels
    for slot in s.slots:
        if not slot.kind:
            if slot.m.unit in ("percent", "percentage_points"):
                slot.kind = "percent"
                if not slot.role and re.match(r"^\s*of\b", s.after(slot)):
                    slot.role = "share"
            elif slot.m.unit in MONEY_UNITS:
                slot.kind = _compared_money(s, slot) or money_kind(s, slot, allocation)
            else:
                slot.kind = "count"
        slot.role = slot.role or "value"
        if slot.group < 0:
            slot.group = new_group(carry)
    lone = [x for x in s.slots if x.role in ("value", "share") and x.m.unit in ("percent", "count")]
    carry.level = lone[-1] if lone else None
    if not any(x.role in ("whole",) for x in s.slots) and s.slots:
        carry.whole = carry.whole if not s.slots or all(x.role == "part" for x in s.slots) else None
