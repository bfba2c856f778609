"""Claim structure within a sentence: which numbers state one claim together, and the role
each plays (change_pct/change_abs, from/to, whole/part/share, level/comparison, value).

Cue words come from language.cues_in (the lexicon's words); the short connective text between
two numbers ("(", ", or", "out of", "from .. to", "compared with") decides how they combine."""
from __future__ import annotations

from extractors.narrative.sentences.changes import read_changes, read_from_to, read_multipliers, read_targets
from extractors.narrative.sentences.linking import link_change_levels
from extractors.narrative.sentences.parts import (finish, read_comparisons, read_fractions, read_list_continuation,
                                       read_parts)
from extractors.narrative.sentences.money import read_breakdown, read_money
from extractors.narrative.sentences.shares import read_bracketed_shares, read_of_them, read_of_these, read_of_which
from extractors.narrative.sentences.sentence import Carry, Sentence, Slot, new_group

__all__ = ["Carry", "Sentence", "Slot", "read_sentence"]


def read_sentence(s: Sentence, carry: Carry) -> list[Slot]:
    """All structure readers in order of precedence; returns the sentence's slots."""
    read_fractions(s)
    read_money(s)
    read_breakdown(s, lambda: new_group(carry))
    read_targets(s)
    read_multipliers(s, carry)
    read_list_continuation(s, carry)
    read_from_to(s, carry)
    read_bracketed_shares(s, carry)
    read_of_which(s, carry)
    read_changes(s, carry)
    read_of_them(s, carry)
    read_of_these(s, carry)
    read_parts(s, carry)
    read_comparisons(s, carry)
    link_change_levels(s, carry)
    finish(s, carry)
    return [x for x in s.slots if x.m.unit != "times"]  # multipliers live on as level labels
