"""Shares written in brackets after their count ("41 (77%)", "£96k (40%)") and breakdowns of a
whole stated in the sentence before ("... working with 127 young people. Of these, 48 were
..., 52 ... and the remaining 11 ..."). Both give the share-of-counts and parts-sum rules
their operands: the bracketed percent gets the count as numerator and, where the count is
part of a whole, the whole as denominator."""
from __future__ import annotations

import re

from extractors.narrative.sentences.sentence import Carry, Sentence, Slot, join_slots, new_group

_BRACKET = re.compile(r"^\s*\(\s*$")
_OF_THESE = re.compile(r"^\W*(?:of\s+(?:these|those|them|which|whom)|among\s+(?:these|them|those))\b", re.I)
_SHARE_UNITS = ("count", "gbp", "usd", "eur")
_CHANGE_AFTER = re.compile(r"^\s*\)\s*(?:higher|lower|more|fewer|less|up|down|above|below|increase|decrease|rise|fall|reduction)\b", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:increase|decrease|rise|fall|reduction|drop|growth|increased|decreased|rose|fell|"
                            r"reduced|dropped|grew|up|down)\s+(?:of\s+|by\s+)?(?:an?\s+)?(?:further\s+)?$", re.I)


def read_bracketed_shares(s: Sentence, carry: Carry) -> None:
    """'612 (59%)': the percent is the share the count is of some whole."""
    for i, slot in enumerate(s.slots[1:], start=1):
        part = s.slots[i - 1]
        if slot.m.unit != "percent" or slot.kind or slot.role or part.kind or part.role:
            continue
        if _CHANGE_AFTER.match(s.after(slot)) or _CHANGE_BEFORE.search(s.before(part)):
            continue  # '£1,764 (6.4%) higher', 'an increase of 3 (17.6%)': one change, two sizes
        if part.m.unit in _SHARE_UNITS and _BRACKET.match(s.between(part, slot)):
            part.role, slot.role, slot.numerator = "part", "share", part.m.value
            join_slots(part, slot, carry)


def read_of_these(s: Sentence, carry: Carry) -> None:
    """'Of these, 48 were ...': counts (and their shares) break down the previous sentence's
    last lone count."""
    whole = carry.level
    if whole is None or whole.m.unit != "count" or not _OF_THESE.match(s.text[s.s0:s.s1]):
        return
    if whole.role not in ("value", "whole"):
        return
    whole.role = "whole"
    for slot in s.slots:
        if slot.m.unit == "count" and not slot.kind and slot.role in ("", "part", "value"):
            adopt(s, slot, whole)
    carry.whole = whole


_OF_WHICH = re.compile(r",?\s*(?:of\s+which|of\s+whom|including)\s*(?:£\s*)?$", re.I)


def read_of_which(s: Sentence, carry: Carry) -> None:
    """'£240k, of which £96k (40%) funded ...': the earlier figure is the whole."""
    for i, slot in enumerate(s.slots[1:], start=1):
        whole = s.slots[i - 1]
        if whole.m.unit != slot.m.unit or slot.m.unit not in _SHARE_UNITS or not _OF_WHICH.search(s.between(whole, slot)):
            continue
        if whole.role in ("", "value", "whole") and slot.role in ("", "part") and slot.m.value <= whole.m.value:
            whole.role = "whole"
            if whole.group < 0:
                whole.group = new_group(carry)
            adopt(s, slot, whole)


_OF_THEM_AFTER = re.compile(r"^\s+(?:of\s+(?:them|these|those|whom)|of\s+the\s+\w+)\b", re.I)
_CLAUSE_END_SHARE = re.compile(r"^[^.;\d]{0,120}\(\s*$")


def read_of_them(s: Sentence, carry: Carry) -> None:
    """'worked with 240 young people; 198 of them did not reoffend (83%)': the count before
    is the whole, and a bracketed percent closing the clause is the part's share of it."""
    for i, part in enumerate(s.slots):
        if part.m.unit != "count" or part.kind or part.role or not _OF_THEM_AFTER.match(s.after(part)):
            continue
        earlier = [x for x in s.slots[:i] if x.m.unit == "count" and not x.kind and x.role in ("", "value", "whole")]
        whole = earlier[-1] if earlier else carry.level
        if whole is None or whole.m.unit != "count" or whole.m.value < part.m.value:
            continue
        whole.role = "whole"
        if whole.group < 0:
            whole.group = new_group(carry)
        adopt(s, part, whole)
        share = s.slots[i + 1] if i + 1 < len(s.slots) else None
        if share and share.m.unit == "percent" and not share.role and _CLAUSE_END_SHARE.match(s.between(part, share)):
            share.role, share.numerator, share.denominator = "share", part.m.value, whole.m.value
            share.group = whole.group


def adopt(s: Sentence, part: Slot, whole: Slot) -> None:
    """Make `part` (and the share bracketed with it) a part of `whole`'s claim."""
    old = part.group
    for slot in s.slots:
        if slot is part or (old >= 0 and slot.group == old):
            slot.group = whole.group
            if slot.role == "share" and slot.denominator is None:
                slot.denominator = whole.m.value
    part.role = "part"
