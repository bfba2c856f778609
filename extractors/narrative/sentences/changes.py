"""Changes and levels in a sentence: targets and baselines, multipliers, from/to levels, and
changes with their percent and absolute parts ("18% (76 fewer offences)")."""
from __future__ import annotations

import re
from typing import Optional

from extractors.lexicon.prose import MORE_WORDS
from extractors.narrative.sentences.sentence import (QUALIFIER_PREFIX, THAN_RE, COMPARATIVES, DOWN_AFTER, UNIT_AFTER, UP_AFTER, Carry,
                                          Sentence, Slot, direction_of, join_slots, new_group)
_BETWEEN_CHANGE_ABS = re.compile(rf"^\s*(?:\(|,?\s*or\b|,|;|–|-)\s*(?:an?\s+|by\s+)?{QUALIFIER_PREFIX}$", re.I)
_BETWEEN_ABS_PCT = re.compile(r"^[^.;%]{0,90}\(\s*[+−-]?$|^\s*(?:[a-z]+\s+){0,2}[a-z]*\s*,?\s*or\s*$|^\s*\w*\s*,\s*$", re.I)
_BETWEEN_FROM_TO = re.compile(rf"^\s*(?:\S+\s+){{0,4}}?to\s*{QUALIFIER_PREFIX}$", re.I)
_BETWEEN_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|or|,)\s*(?:by\s+)?(?:an?\s+)?$", re.I)
_ENDS_FROM = re.compile(rf"\bfrom\s*{QUALIFIER_PREFIX}$", re.I)
_BASE_IN_GAP = re.compile(r"\b(?:on|compared\s+(?:with|to)|against|than|versus|vs\.?)\s+[^()]*\(\s*$", re.I)
_RANGE_FROM = re.compile(rf"\b(?:rang(?:e|ed|es|ing)|var(?:y|ied|ies|ying))\s+(?:\w+\s+)?from\s*{QUALIFIER_PREFIX}$", re.I)
_ENDS_RISE_TO = re.compile(rf"\b(?:increased|decreased|rose|risen|fell|fallen|reduced|dropped|grown|grew|"
                           rf"declined|climbed|went\s+up|gone\s+up|went\s+down|this\s+to)\s+to\s*{QUALIFIER_PREFIX}$", re.I)
_ENDS_ADDITIONAL = re.compile(rf"\b(?:an?\s+)?(?:additional|extra|further)\s*{QUALIFIER_PREFIX}$", re.I)
_BRACKETED_AFTER = re.compile(r"^\s*\([^()]{1,30}\)")
_AGAINST_BASE = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?(?:offences\s+|incidents\s+|crimes\s+|points\s+)?(?P<side>above|below)\s+"
                           r"(?:the\s+|its\s+|their\s+|our\s+)?(?:\w+\s+)?(?:baseline|target|average|level)\b", re.I)
_BY_FURTHER = re.compile(r"\b(?:by|of)\s+(?:a\s+)?further\s+(?:over\s+|almost\s+|nearly\s+|around\s+|about\s+)?£?\s*$", re.I)
_CLAUSE_IN_GAP = re.compile(r"\)|,\s*(?:although|though|while|whilst|but|which|whereas)\b", re.I)
_MADE_UP = re.compile(r"\b(?:made|make|makes|making)\s+$", re.I)
_PHRASAL_BY = re.compile(r"^\s*by\s*(?:an?\s+)?(?:further\s+)?(?:over\s+|almost\s+|nearly\s+|around\s+|about\s+)?£?\s*$", re.I)
_ELLIPSIS = re.compile(r"^\s*(?:,|;)?\s*(?:and\s+|while\s+|whilst\s+)?(?:the\s+)?[A-Za-z][\w' -]{1,50}?\s+by\s+(?:an?\s+)?£?\s*$", re.I)
_ENDS_OF_BY = re.compile(rf"\b(?:of|by)\s*{QUALIFIER_PREFIX}$", re.I)
_TARGET_GAP_OK = {"is", "was", "of", "at", "set", "to", "the", "a", "an", "current", "be", "reduce",
                  "increase", "achieve", "reach", "reducing", "increasing", "rate", "level", "which",
                  "stood", "stands", "sits", "remains", "remained", "currently", "for", "annual",
                  "this", "year", "year's", "swp", "our", "its", "their", "=", ":", "-", "(", "by"}
_ON_TARGET = re.compile(r"\b(?:within|on|off|against|meeting|met|missed)\s+(?:the\s+)?$", re.I)


_TARGET_AIM = re.compile(r"^\s*(?:for\s+[\w/ ]{1,20}?\s+)?(?:is|was|will\s+be)\s+to\s+(?:reduce|increase|cut|raise|bring|get|keep|"
                         r"lower|improve|achieve|reach|maintain)\b[^.;:\d]{0,80}\b(?:to|below|under|above|by|at)\s*$", re.I)


_AIM_VERB = re.compile(r"(?:^|[:;•-]\s*|\b(?:to|will|must|should|aim\s+to|plan\s+to|we)\s+)(?:reduce|cut|bring|keep|hold|lower|limit|get)\b"
                       r"[^.;:\d£]{0,60}?\b(?:to|below|under|beneath)\s+(?:(?:fewer|less|no\s+more)\s+than\s+|below\s+|under\s+)?£?\s*$", re.I)


def _target_to(s: Sentence, slot: Slot):
    """'Our target is to reduce repeat referrals to MARAC to 25%': the aim's end value."""
    found = s.cue_before(slot, {"TARGET"}, 16)
    if found and _TARGET_AIM.match(found[1]):
        return found[0], ""
    return None


def _mark_change(slot: Slot, direction: str, carry: Carry) -> None:
    slot.kind, slot.direction = "change", direction
    slot.role = {"percent": "change_pct", "percentage_points": "change_pct", "times": "change_ratio"}.get(slot.m.unit, "change_abs")
    if slot.group < 0:
        slot.group = new_group(carry)


def read_targets(s: Sentence) -> None:
    """'target of 40%', 'current SWP target 45%', 'below the baseline of 70%', 'a 45% target'."""
    for slot in s.slots:
        found = s.cue_before(slot, {"TARGET", "BASELINE"}, 7)
        kind = ""
        if found and _ON_TARGET.search(s.text[max(s.s0, found[0].start - 12):found[0].start]):
            found = None  # 'answered within target: 88.5%' reports a level, not the target
        if found is None:
            found = _target_to(s, slot)
        if found is None and _AIM_VERB.search(s.before(slot, 120)):
            slot.kind, slot.role = "kpi_target", "value"  # 'keep theft below 400 offences'
            continue
        if found:
            cue, gap = found
            odd = [w for w in re.findall(r"[\w'=:(-]+", gap.lower()) if w not in _TARGET_GAP_OK]
            if len(odd) <= 1 and not re.search(r",\s", gap):
                kind = "kpi_target" if cue.label == "TARGET" else "kpi_baseline"
        else:
            m = UNIT_AFTER.match(s.after(slot))
            word = m.group("word").lower() if m else ""
            if word in ("target", "baseline"):
                kind = "kpi_" + word
        if kind:
            slot.kind, slot.role = kind, "value"


def read_multipliers(s: Sentence, carry: Carry) -> None:
    for slot in s.slots:
        if slot.m.unit == "times":
            _mark_change(slot, "decrease" if slot.m.value < 1 else "increase", carry)


def read_from_to(s: Sentence, carry: Carry) -> None:
    """'from 79 to 187', 'reduced from 15 to 2', 'a reduction from 75.6%', 'increased to 17.7%'."""
    for i, slot in enumerate(s.slots):
        if slot.kind or slot.role:
            continue
        before = s.before(slot)
        if _RANGE_FROM.search(before):
            continue  # 'caseloads ranged from 12 to 18': a spread, not a change
        if _ENDS_FROM.search(before):
            slot.role = "from"
            nxt = s.slots[i + 1] if i + 1 < len(s.slots) else None
            if nxt and not nxt.role and _BETWEEN_FROM_TO.match(s.between(slot, nxt)):
                nxt.role = "to"
                join_slots(slot, nxt, carry)
            elif not s.cue_before(slot, {"UP", "DOWN"}, 3) and not _after_change(s, i):
                slot.role = ""  # 'women from 13 countries': an origin, not a level
            else:
                partner = _earlier_level(s, slot, carry)
                if partner:
                    partner.role = "to" if partner.role in ("", "value") else partner.role
                    join_slots(partner, slot, carry)
        elif _ENDS_RISE_TO.search(before):
            slot.role = "to"
            partner = _earlier_level(s, slot, carry)
            if partner:
                partner.role = "from"
                join_slots(partner, slot, carry)


def _after_change(s: Sentence, i: int) -> bool:
    """'a rise of 5.3% from 581': 'from' straight after a stated percent change."""
    if i < 1 or s.slots[i - 1].m.unit not in ("percent", "percentage_points"):
        return False
    prev = s.slots[i - 1]
    return s.between(prev, s.slots[i]).strip().lower() == "from" and bool(
        s.cue_before(prev, {"UP", "DOWN"}, 4) or re.match(r"^\s*(?:up|down|higher|lower|increase|decrease|rise|fall|reduction)\b", s.after(prev), re.I))


def _earlier_level(s: Sentence, slot: Slot, carry: Carry) -> Optional[Slot]:
    for other in reversed(s.slots[:s.slots.index(slot)]):
        if other.m.unit == slot.m.unit and not other.role and not other.kind:
            return other
    level = carry.level
    if level is not None and level.m.unit == slot.m.unit and level.role in ("", "value", "share"):
        return level
    return None


def read_changes(s: Sentence, carry: Carry) -> None:
    """Changes: cue after ('4.7% increase', '33 fewer'), cue before ('increase of 3%',
    'increased by 24%'), a sign ('+16.8%'), 'an additional 107' with a comparison, and the
    absolute and percent parts of one change ('3% (509 offences)', '30% or 42 offences')."""
    for i, slot in enumerate(s.slots):
        prev = s.slots[i - 1] if i else None
        if slot.kind or slot.role:
            continue
        if prev and prev.kind == "change" and _link_parts(s, prev, slot, carry):
            continue
        direction = _change_direction(s, slot, prev)
        if direction:
            _mark_change(slot, direction, carry)
            if prev and prev.kind == "change" and prev.m.unit == slot.m.unit and _BETWEEN_COORD.match(s.between(prev, slot)):
                continue
            if prev and prev.kind == "change" and prev.m.unit != slot.m.unit and prev.direction == direction \
                    and _BETWEEN_ABS_PCT.match(s.between(prev, slot)):
                slot.group = prev.group


def _link_parts(s: Sentence, prev: Slot, slot: Slot, carry: Carry) -> bool:
    between = s.between(prev, slot)
    pct_units = ("percent", "percentage_points")
    if prev.m.unit in pct_units and slot.m.unit in ("count", "gbp") and _BETWEEN_CHANGE_ABS.match(between):
        _mark_change(slot, prev.direction, carry)
    elif prev.m.unit in ("count", "gbp") and slot.m.unit in pct_units and _BETWEEN_ABS_PCT.match(between):
        _mark_change(slot, prev.direction, carry)
    elif prev.m.unit == slot.m.unit and _BETWEEN_COORD.match(between) and prev.role != "change_ratio":
        _mark_change(slot, prev.direction, carry)
        return True
    elif prev.m.unit == slot.m.unit and _ELLIPSIS.match(between) and prev.role != "change_ratio":
        _mark_change(slot, prev.direction, carry)
        slot.group = new_group(carry)  # a change of another subject, its own claim
        return True
    else:
        return False
    slot.group = prev.group
    return True


def _change_direction(s: Sentence, slot: Slot, prev: Optional[Slot]) -> str:
    if slot.m.sign:
        return "increase" if slot.m.sign == "+" else "decrease"
    after = s.after(slot)
    if slot.m.unit in ("hours", "years"):
        after = re.sub(r"^\s*(?:hours?|hrs?|years?)\b", "", after, flags=re.I)
    m = UNIT_AFTER.match(_BRACKETED_AFTER.sub("", after, count=1))
    word = m.group("word").lower() if m else ""
    if word in ("up", "down") and re.match(r"^\s*\)?\s*(?:up|down)\s+to\b", after, re.I):
        word = ""
    if slot.m.unit in ("count", "gbp", "hours", "years") and word not in COMPARATIVES:
        word = ""
    against = _AGAINST_BASE.match(after)
    if against:  # '534 below the baseline', '1,169 (8.9%) above the target'
        return "increase" if against.group("side").lower() == "above" else "decrease"
    if word in UP_AFTER or word in DOWN_AFTER:
        return "increase" if word in UP_AFTER else "decrease"
    if word in MORE_WORDS and s.comparison_context():
        return "increase"
    before = s.before(slot)
    if _ENDS_ADDITIONAL.search(before) and not _BY_FURTHER.search(before):
        more = s.comparison_context() or any(x.m.unit == "percent" for x in s.slots)
        return "increase" if more else ""
    found = s.cue_before(slot, {"UP", "DOWN", "FEWER"}, 9)
    if found and found[0].word == "up" and _MADE_UP.search(s.text[max(s.s0, found[0].start - 8):found[0].start]):
        found = None  # 'made up 31 per cent of calls': a share, not a rise
    adjacent = found is not None and found[0].word in ("up", "down") and not found[1].strip()  # 'down 2.1pp'
    phrasal = found is not None and found[0].word in ("up", "down") and _PHRASAL_BY.match(found[1])  # 'went up by 22'
    if found and not adjacent and not phrasal and (found[0].word in ("up", "down") or THAN_RE.search(found[1])):
        found = None
    if found and _CLAUSE_IN_GAP.search(found[1]):
        found = None  # '(a 9.1% reduction), although this is still above the level of 3,115'
    if found and _BASE_IN_GAP.search(found[1]):
        found = None  # 'a 21.7% reduction on 2021/22 (60)': the bracketed figure is the base level
    if found and (adjacent or phrasal or _ENDS_OF_BY.search(before) or _BY_FURTHER.search(before) or found[1].rstrip().endswith("(")):
        return direction_of(found[0].label, found[0].word)
    return ""
