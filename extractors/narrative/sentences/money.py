"""Sums of money in prose: which are allocations and which are other amounts, and bare
figures that are money because of their sentence ("savings ... estimated at 3,117,635",
"its spend in £000s: staffing 112.0, projects 64.5").

The kind of a sum comes from the words next to it, not from the sentence: in "received a
grant of £1.2m from the Commissioner and spent £1,310,000" the first is an allocation and
the second an amount spent."""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.lexicon.prose import GIVEN, USED
from extractors.lexicon.scales import THOUSANDS
from extractors.narrative.sentences.sentence import Sentence, Slot

_MONEY_WORDS = re.compile(r"\b(?:cost|costs|costing|saving|savings|saves|spend|spent|spending|expenditure|"
                          r"budget|funding|income|revenue|grant|allocation|allocated|awarded|worth|value)\b|£", re.I)
_MONEY_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+\.\d\d")
_NO_NOUN_AFTER = re.compile(r"^\s*(?:per\b|a\s+(?:year|month|week)|each|every|annually|[.,;)]|$)", re.I)


_GOING_OUT = re.compile(r"^\s*(?:contributions?|payments?|donations?)\s+(?:to|towards)\b", re.I)
_SET_AT = re.compile(r"\b(?:share|allocation|grant|award|budget)\b[^.;£]{0,40}\b(?:set|fixed|confirmed|agreed)\s+at\s+(?:over\s+|about\s+|around\s+)?£?\s*$", re.I)
_USED_AFTER = re.compile(r"^\s*\)?\s*(?:was|were|has\s+been|had\s+been|is|are)\s+(?:\w+\s+)?(?:spent|used|paid|invested|committed)\b", re.I)
_CUE = re.compile(rf"\b(?:(?P<given>{GIVEN})|(?P<used>{USED}))\b", re.I)
_GIVEN_AFTER = re.compile(rf"^\s*(?:\([^()]*\)\s*)?(?:(?:is|was|as|were)\s+(?:the\s+)?(?:[\w']+\s+){{0,4}}?)?(?:{GIVEN})(?![a-z])|"
                          rf"^\s*from\s+(?:the\s+)?(?:PCC|OPCC|Police|Office|Home\s+Office|Commissioner|Council|Ministry|"
                          rf"Youth\s+Justice|Government|Department|Lottery)", re.I)


def money_kind(s: Sentence, slot: Slot, sentence_allocation: bool) -> str:
    """'allocation' or 'amount' by the nearest cue before the sum (back to the previous number)
    or an allocation noun right after it; the sentence's cues only when neither speaks."""
    i = s.slots.index(slot)
    floor = s.slots[i - 1].m.end if i else s.s0
    before = s.text[max(floor, slot.m.start - 80):slot.m.start]
    cues = list(_CUE.finditer(before))
    nxt = s.slots[i + 1].m.start if i + 1 < len(s.slots) else s.s1
    after = s.text[slot.m.end:min(nxt, slot.m.end + 60)]
    if _GOING_OUT.match(after):
        return "amount"  # 'a £1,500 contribution to the regional fund': money going out
    if _GIVEN_AFTER.match(after) or _SET_AT.search(before):
        return "allocation"
    if _USED_AFTER.match(after):
        return "amount"  # '70% of the budget (£590k) was spent on ...'
    if cues:
        return "allocation" if cues[-1].group("given") else "amount"
    return "allocation" if sentence_allocation else "amount"


def read_money(s: Sentence) -> None:
    """Bare figures that are money: after a '£000s' declaration in the sentence (read as
    pounds), or a large sum with pence or separators in a sentence about money."""
    declared = _thousands_declared(s)
    for slot in s.slots:
        if slot.m.unit != "count" or slot.m.is_word:
            continue
        if declared and slot.m.start > declared.end():
            slot.m = replace(slot.m, unit="gbp", value=slot.m.value * 1000)
        elif slot.m.value >= 1000 and _MONEY_DIGITS.fullmatch(slot.m.text.strip()) \
                and _NO_NOUN_AFTER.match(s.after(slot)) and _MONEY_WORDS.search(s.text[s.s0:slot.m.start]):
            slot.m = replace(slot.m, unit="gbp")


def _thousands_declared(s: Sentence):
    """'in £000s', "(£'000)", '£k': the figures after it are thousands of pounds. 'Thousands of
    pounds' in a sentence is an amount's size ('saved thousands of pounds'), not a declaration."""
    return next((m for m in THOUSANDS.finditer(s.text, s.s0, s.s1)
                 if not m.group(0).lower().startswith("thousands")), None)


_WHOLE_BEFORE = re.compile(r"\b(?:of|from)\s+(?:the|its|this|our|their)\s+$", re.I)
_WHOLE_AFTER = re.compile(r"^(?:\s*\w+){0,2}?\s*(?:was|were|is|are|has\s+been)?\s*(?:spent\s+as\s+follows|as\s+follows)?\s*[:,]", re.I)
_LABEL_AFTER = re.compile(r"^\s*(?:went\s+|was\s+spent\s+|were\s+spent\s+|was\s+used\s+)?(?:towards|on|for)\s+(?:the\s+|a\s+|an\s+)?[A-Za-z]", re.I)
_GIVEN_WORD = re.compile(rf"\b(?:{GIVEN})\b", re.I)
_PLANNED = re.compile(r"\b(?:planned|proposed|agreed)\s+use\b", re.I)
_SPEND_CONTEXT = re.compile(r"\b(?:spend|spending|spent|expenditure|costs|breakdown|outturn)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\btotal(?:led|ling|ing)?\s*(?:of\s*)?(?:£\s*)?$", re.I)
_ALLOCATION_BEFORE = re.compile(r"\b(?:grant|allocation|budget|award)\s+(?:of\s+)?(?:£\s*)?$", re.I)
_LABEL_BEFORE = re.compile(r"^[\s,;:]*(?:and\s+)?(?!(?:which|that|it|this|is|was|were|are|than|more|less|the|at)\b)(?P<label>[A-Za-z][A-Za-z&'/ -]{1,60}?)\s*[:=-]?\s*£?\s*$")


def read_breakdown(s: Sentence, group) -> None:
    """'its spend in £000s: staffing 112.0, projects 64.5 and evaluation 8.5, a total of 185.0
    against a grant of 180.0': labelled lines, their total and the allocation, as one spend
    claim (the contract's spend_item / spend_total / allocation) for the spend rules."""
    money = [x for x in s.slots if x.m.unit == "gbp" and not x.kind and not x.role]
    if len(money) < 3:
        return
    read = _labelled_before(s, money) if _SPEND_CONTEXT.search(s.text, s.s0, money[0].m.start) else []
    if sum(1 for _, kind, _ in read if kind == "spend_item") < 2:
        read = _labelled_after(s, money)
    if sum(1 for _, kind, _ in read if kind == "spend_item") < 2:
        return
    claim = group()
    for slot, kind, role in read:
        slot.kind, slot.role, slot.group = kind, role, claim


def _labelled_after(s: Sentence, money: list[Slot]) -> list[tuple[Slot, str, str]]:
    """'The planned use of the £107,400 was: £36,200 towards X; £31,900 towards Y' and 'Of the
    £48,000 budget, £20,500 went on X, £17,250 on Y': a sum, then lines labelled after it."""
    whole, lines = money[0], money[1:]
    if not _WHOLE_BEFORE.search(s.text, s.s0, whole.m.start) or not _WHOLE_AFTER.match(s.after(whole, 30)):
        return []
    items = [(x, "spend_item", "item") for x in lines if _LABEL_AFTER.match(s.after(x))]
    if len(items) < 2 or sum(x.m.value for x, _, _ in items) > whole.m.value * 1.05:
        return []
    kind = "allocation" if _GIVEN_WORD.search(s.text, max(s.s0, whole.m.start - 40), whole.m.end + 30) \
        or _PLANNED.search(s.text, s.s0, whole.m.start) else "spend_total"
    return [(whole, kind, "allocation" if kind == "allocation" else "total")] + items


def _labelled_before(s: Sentence, money: list[Slot]) -> list[tuple[Slot, str, str]]:
    read: list[tuple[Slot, str, str]] = []
    for slot in money:
        before = s.text[(s.slots[s.slots.index(slot) - 1].m.end if s.slots.index(slot) else s.s0):slot.m.start]
        if _TOTAL_BEFORE.search(before):
            read.append((slot, "spend_total", "total"))
        elif _ALLOCATION_BEFORE.search(before):
            read.append((slot, "allocation", "allocation"))
        elif _LABEL_BEFORE.match(before.split(":")[-1]) and len(before.split(":")[-1].split()) <= 6:
            read.append((slot, "spend_item", "item"))
    return read
