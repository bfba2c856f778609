"""Claim structure within a sentence: which numbers state one claim together, and the role
each plays (change_pct/change_abs, from/to, whole/part/share, level/comparison, value).

Cue words come from the spaCy Matcher (language.PATTERNS); the short connective text between
two numbers ("(", ", or", "out of", "from .. to", "compared with") decides how they combine."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from extractors.narrative.language import DOWN_WORDS, FEWER_WORDS, MORE_WORDS, UP_WORDS, Cue
from extractors.narrative.mentions import Mention

_QUAL = r"(?:(?:just |well )?over|more than|nearly|almost|approximately|approx\.?|around|about|some|up to|at least|less than|fewer than|under)?\s*£?\s*"
_BETWEEN_CHANGE_ABS = re.compile(rf"^\s*(?:\(|,?\s*or\b|,|;|–|-)\s*(?:an?\s+|by\s+)?{_QUAL}$", re.I)
_BETWEEN_ABS_PCT = re.compile(r"^[^.;%]{0,90}\(\s*[+−-]?$|^\s*[a-z]*\s*,?\s*or\s*$|^\s*\w*\s*,\s*$", re.I)
_BETWEEN_OF = re.compile(rf"^\s*(?:[a-z]+\s+){{0,2}}?(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+)?{_QUAL}$", re.I)
_BETWEEN_FROM_TO = re.compile(rf"^\s*(?:\S+\s+){{0,4}}?to\s*{_QUAL}$", re.I)
_BETWEEN_OR_SHARE = re.compile(r"^[^.;%\d]{0,60}?,?\s+or\s*$", re.I)
_BETWEEN_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|or|,)\s*(?:by\s+)?(?:an?\s+)?$", re.I)
_ENDS_FROM = re.compile(rf"\bfrom\s*{_QUAL}$", re.I)
_ENDS_RISE_TO = re.compile(rf"\b(?:increased|decreased|rose|risen|fell|fallen|reduced|dropped|grown|grew|"
                           rf"declined|climbed|went\s+up|gone\s+up|went\s+down|up|down|this\s+to)\s+to\s*{_QUAL}$", re.I)
_ENDS_WITH = re.compile(rf"\bwith\s*{_QUAL}$", re.I)
_ENDS_OF_START = re.compile(rf"(?:^|[;:,(]\s*|\.\s+|\bthat\s+)(?:[-•]\s*)?[Oo]f\s+(?:the\s+|these\s+|those\s+)?{_QUAL}$")
_ENDS_ADDITIONAL = re.compile(rf"\b(?:an?\s+)?(?:additional|extra|further)\s*{_QUAL}$", re.I)
_ENDS_OF_BY = re.compile(rf"\b(?:of|by)\s*{_QUAL}$", re.I)
_TRANSITION = re.compile(r"\b(?:became|become|becomes|now|leaving|left|remained|remaining)\s*$", re.I)
_COMPARED = re.compile(r"\b(?:compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|compares\s+(?:to|with)|against|versus|vs\.?)\b", re.I)
_AVERAGE = re.compile(r"\b(?:national|nationally|regional|region|force|average|england|wales|county|similar areas|peers?)\b", re.I)
_THAN = re.compile(r"(?<!more )(?<!less )(?<!fewer )\bthan\b", re.I)
_FRACTION_AFTER = re.compile(r"\(\s*(\d[\d,]*)\s*/\s*(\d[\d,]*)\s*\)")
_CLAUSE_BREAK = re.compile(r"[.;]\s|[.;]$")
_TARGET_GAP_OK = {"is", "was", "of", "at", "set", "to", "the", "a", "an", "current", "be", "reduce",
                  "increase", "achieve", "reach", "reducing", "increasing", "rate", "level", "which",
                  "stood", "stands", "sits", "remains", "remained", "currently", "for", "annual",
                  "this", "year", "year's", "swp", "our", "its", "their", "=", ":", "-", "(", "by"}
_COMPARISON_CONTEXT = {"COMPARE", "PREVIOUS", "UP", "DOWN"}
UP_AFTER = set(UP_WORDS) - {"improved", "improvement", "gain"}
DOWN_AFTER = set(DOWN_WORDS + FEWER_WORDS) - {"reduce", "reducing", "cut"}
COMPARATIVES = {"fewer", "less", "more", "lower", "higher", "up", "down", "additional", "extra"}
UNIT_AFTER = re.compile(r"^\s*\)?\s*(?P<word>[A-Za-z]+)")


@dataclass
class Slot:
    """Working record for one number while a sentence's structure is read."""
    m: Mention
    kind: str = ""
    role: str = ""
    direction: str = ""
    group: int = -1
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    pair: bool = False  # from/to read from 'compared with': the periods may reorder them
    note: str = ""


@dataclass
class Carry:
    """What a sentence leaves for the next one in the same segment."""
    whole: Optional[Slot] = None  # a whole that a following list of counts breaks down
    level: Optional[Slot] = None  # the last lone level, for 'this is a reduction from 75.6%'
    groups: list = field(default_factory=lambda: [0])  # a shared counter of claim groups


def _new_group(carry: Carry) -> int:
    carry.groups[0] += 1
    return carry.groups[0]


def _join(a: Slot, b: Slot, carry: Carry) -> None:
    if a.group < 0:
        a.group = _new_group(carry)
    b.group = a.group


class Sentence:
    """One sentence: its text (segment offsets s0..s1), its numbers and its cues."""

    def __init__(self, text: str, s0: int, s1: int, mentions: list[Mention], cues: list[Cue]):
        self.text, self.s0, self.s1 = text, s0, s1
        self.slots = [Slot(m) for m in mentions]
        self.cues = cues
        self.labels = {c.label for c in cues}

    def between(self, a: Slot, b: Slot) -> str:
        return self.text[a.m.end:b.m.start]

    def before(self, slot: Slot, limit: int = 80) -> str:
        """Text before a number back to the previous number or the sentence start."""
        i = self.slots.index(slot)
        start = self.slots[i - 1].m.end if i else self.s0
        return self.text[max(start, slot.m.start - limit):slot.m.start]

    def after(self, slot: Slot, limit: int = 40) -> str:
        return self.text[slot.m.end:min(self.s1, slot.m.end + limit)]

    def cue_before(self, slot: Slot, labels: set[str], max_words: int) -> Optional[tuple[Cue, str]]:
        """The nearest cue of these labels before the number with no number or clause break between."""
        i = self.slots.index(slot)
        floor = self.slots[i - 1].m.end if i else self.s0
        for cue in sorted(self.cues, key=lambda c: -c.start):
            if cue.label in labels and floor <= cue.start and cue.end <= slot.m.start:
                gap = self.text[cue.end:slot.m.start]
                if len(gap.split()) <= max_words and not _CLAUSE_BREAK.search(gap):
                    return cue, gap
                return None
        return None

    def comparison_context(self) -> bool:
        return bool(self.labels & _COMPARISON_CONTEXT) or bool(_THAN.search(self.text[self.s0:self.s1]))


def _direction(label: str, word: str) -> str:
    if label in ("UP", "MORE") or word in ("+",):
        return "increase"
    return "decrease"


def _mark_change(slot: Slot, direction: str, carry: Carry) -> None:
    slot.kind, slot.direction = "change", direction
    slot.role = {"percent": "change_pct", "percentage_points": "change_pct", "times": "change_ratio"}.get(slot.m.unit, "change_abs")
    if slot.group < 0:
        slot.group = _new_group(carry)


def read_targets(s: Sentence) -> None:
    """'target of 40%', 'current SWP target 45%', 'below the baseline of 70%', 'a 45% target'."""
    for slot in s.slots:
        found = s.cue_before(slot, {"TARGET", "BASELINE"}, 7)
        kind = ""
        if found:
            cue, gap = found
            odd = [w for w in re.findall(r"[\w'=:(-]+", gap.lower()) if w not in _TARGET_GAP_OK]
            if len(odd) <= 1:
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
        if _ENDS_FROM.search(before):
            slot.role = "from"
            nxt = s.slots[i + 1] if i + 1 < len(s.slots) else None
            if nxt and not nxt.role and _BETWEEN_FROM_TO.match(s.between(slot, nxt)):
                nxt.role = "to"
                _join(slot, nxt, carry)
            elif not s.cue_before(slot, {"UP", "DOWN"}, 3):
                slot.role = ""  # 'women from 13 countries': an origin, not a level
            elif s.cue_before(slot, {"UP", "DOWN"}, 3):
                partner = _earlier_level(s, slot, carry)
                if partner:
                    partner.role = "to" if partner.role in ("", "value") else partner.role
                    _join(partner, slot, carry)
        elif _ENDS_RISE_TO.search(before):
            slot.role = "to"
            partner = _earlier_level(s, slot, carry)
            if partner:
                partner.role = "from"
                _join(partner, slot, carry)


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
    else:
        return False
    slot.group = prev.group
    return True


def _change_direction(s: Sentence, slot: Slot, prev: Optional[Slot]) -> str:
    if slot.m.sign:
        return "increase" if slot.m.sign == "+" else "decrease"
    after = s.after(slot)
    m = UNIT_AFTER.match(after)
    word = m.group("word").lower() if m else ""
    if word in ("up", "down") and re.match(r"^\s*\)?\s*(?:up|down)\s+to\b", after, re.I):
        word = ""
    if slot.m.unit in ("count", "gbp") and word not in COMPARATIVES:
        word = ""
    if word in UP_AFTER or word in DOWN_AFTER:
        return "increase" if word in UP_AFTER else "decrease"
    if word in MORE_WORDS and s.comparison_context():
        return "increase"
    before = s.before(slot)
    if _ENDS_ADDITIONAL.search(before):
        more = s.comparison_context() or any(x.m.unit == "percent" for x in s.slots)
        return "increase" if more else ""
    found = s.cue_before(slot, {"UP", "DOWN", "FEWER"}, 9)
    if found and (found[0].word in ("up", "down") or _THAN.search(found[1])):
        found = None
    if found and (_ENDS_OF_BY.search(before) or found[1].rstrip().endswith("(")):
        return _direction(found[0].label, found[0].word)
    return ""


def read_parts(s: Sentence, carry: Carry) -> None:
    """'109 of 142', 'Of 343 referred ... became 304', '374 ..., or 8%', '104 ... with 68% engaging'."""
    for i, slot in enumerate(s.slots):
        nxt = s.slots[i + 1] if i + 1 < len(s.slots) else None
        if slot.kind or slot.role:
            continue
        if nxt and not nxt.role and not nxt.kind and nxt.m.unit == "count" and _BETWEEN_OF.match(s.between(slot, nxt)):
            if slot.m.unit == "count" and slot.m.value <= nxt.m.value:
                slot.role, nxt.role = "part", "whole"
                _join(nxt, slot, carry)
            elif slot.m.unit == "percent":
                slot.role, slot.denominator, nxt.role = "share", nxt.m.value, "whole"
                _join(nxt, slot, carry)
        elif slot.m.unit == "count" and _ENDS_OF_START.search(s.before(slot)):
            _read_of_whole(s, slot, carry)
        elif slot.m.unit == "percent" and i and _BETWEEN_OR_SHARE.match(s.between(s.slots[i - 1], slot)):
            _read_or_share(s, i, carry)
        elif slot.m.unit == "percent" and i and _ENDS_WITH.search(s.before(slot)):
            whole = s.slots[i - 1]
            if whole.m.unit == "count" and not whole.kind and whole.role in ("", "whole"):
                whole.role, slot.role, slot.denominator = "whole", "share", whole.m.value
                _join(whole, slot, carry)


def _read_of_whole(s: Sentence, whole: Slot, carry: Carry) -> None:
    whole.role = "whole"
    whole.group = _new_group(carry)
    for other in s.slots[s.slots.index(whole) + 1:]:
        if other.kind or other.role:
            continue
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
    _join(part, share, carry)
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
        if prev.m.unit != slot.m.unit or _CLAUSE_BREAK.search(between):
            continue
        if slot.kind in ("kpi_target", "kpi_baseline") and not prev.kind and not prev.role:
            prev.role, slot.role = "level", "comparison"
            _join(prev, slot, carry)
        elif prev.kind in ("kpi_target", "kpi_baseline") and prev.role == "value" and not slot.kind and not slot.role:
            prev.role, slot.role = "comparison", "level"
            _join(prev, slot, carry)
        elif slot.kind or slot.role or prev.kind or prev.role not in ("",):
            continue
        elif _THAN.search(between) or (_COMPARED.search(between) and _AVERAGE.search(between)):
            prev.role, slot.role = "level", "comparison"
            _join(prev, slot, carry)
        elif _COMPARED.search(between):
            prev.role, slot.role, prev.pair, slot.pair = "to", "from", True, True
            _join(prev, slot, carry)
    _read_compared_opening(s, carry)


def _read_compared_opening(s: Sentence, carry: Carry) -> None:
    """'Compared to 30% for the region and 59% nationally.' after a sentence stating a level."""
    level = carry.level
    if level is None or not re.match(r"^\W*(?:compared|in comparison|this compares)", s.text[s.s0:s.s1], re.I):
        return
    for slot in s.slots:
        if slot.m.unit == level.m.unit and not slot.kind and not slot.role:
            level.role, slot.role = "level", "comparison"
            _join(level, slot, carry)


def read_fractions(s: Sentence) -> None:
    """'A 50% completion rate ... (28/56)': the fraction is the rate's numerator/denominator."""
    for m in _FRACTION_AFTER.finditer(s.text, s.s0, s.s1):
        rate = next((x for x in reversed(s.slots) if x.m.end <= m.start() and x.m.unit == "percent"), None)
        if rate is not None and rate.numerator is None:
            rate.numerator = float(m.group(1).replace(",", ""))
            rate.denominator = float(m.group(2).replace(",", ""))


_MONEY_WORDS = re.compile(r"\b(?:cost|costs|costing|saving|savings|saves|spend|spent|spending|expenditure|"
                          r"budget|funding|income|revenue|grant|allocation|allocated|awarded|worth|value)\b|£", re.I)
_MONEY_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+\.\d\d")
_NO_NOUN_AFTER = re.compile(r"^\s*(?:per\b|a\s+(?:year|month|week)|each|every|annually|[.,;)]|$)", re.I)


def read_money(s: Sentence) -> None:
    """'savings ... estimated at 3,117,635 per annum': a bare sum in a sentence about money."""
    for slot in s.slots:
        if slot.m.unit == "count" and not slot.m.is_word and slot.m.value >= 1000 \
                and _MONEY_DIGITS.fullmatch(slot.m.text.strip()) and _NO_NOUN_AFTER.match(s.after(slot)) \
                and _MONEY_WORDS.search(s.text[s.s0:slot.m.start]):
            slot.m = replace(slot.m, unit="gbp")


def finish(s: Sentence, carry: Carry) -> None:
    """Kinds from units for what no structure claimed; lone numbers are their own claim."""
    allocation = "ALLOCATION" in s.labels
    for slot in s.slots:
        if not slot.kind:
            if slot.m.unit in ("percent", "percentage_points"):
                slot.kind = "percent"
                if not slot.role and re.match(r"^\s*of\b", s.after(slot)):
                    slot.role = "share"
            elif slot.m.unit == "gbp":
                slot.kind = "allocation" if allocation else "amount"
            else:
                slot.kind = "count"
        slot.role = slot.role or "value"
        if slot.group < 0:
            slot.group = _new_group(carry)
    lone = [x for x in s.slots if x.role in ("value", "share") and x.m.unit in ("percent", "count")]
    carry.level = lone[-1] if lone else None
    if not any(x.role in ("whole",) for x in s.slots) and s.slots:
        carry.whole = carry.whole if not s.slots or all(x.role == "part" for x in s.slots) else None


def read_sentence(s: Sentence, carry: Carry) -> list[Slot]:
    """All structure readers in order of precedence; returns the sentence's slots."""
    read_fractions(s)
    read_money(s)
    read_targets(s)
    read_multipliers(s, carry)
    read_list_continuation(s, carry)
    read_from_to(s, carry)
    read_changes(s, carry)
    read_parts(s, carry)
    read_comparisons(s, carry)
    finish(s, carry)
    return s.slots
