"""One sentence being read: its numbers as working slots, its cues, and what it leaves
for the next sentence of the segment (a whole being broken down, the last level)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.lexicon.prose import DOWN_WORDS, FEWER_WORDS, UP_WORDS
from extractors.narrative.language import Cue
from extractors.narrative.text.mentions import Mention
QUALIFIER_PREFIX = r"(?:(?:just |well )?over|more than|nearly|almost|approximately|approx\.?|around|about|some|up to|at least|less than|fewer than|under)?\s*£?\s*"
THAN_RE = re.compile(r"(?<!more )(?<!less )(?<!fewer )\bthan\b", re.I)
CLAUSE_BREAK = re.compile(r"[.;]\s|[.;]$")
_COMPARISON_CONTEXT = {"COMPARE", "PREVIOUS", "UP", "DOWN"}
UP_AFTER = set(UP_WORDS) - {"improved", "improvement", "gain"}
DOWN_AFTER = set(DOWN_WORDS + FEWER_WORDS) - {"reduce", "reducing", "cut"}
COMPARATIVES = {"fewer", "less", "more", "lower", "higher", "up", "down", "additional", "extra"}
MONEY_UNITS = ("gbp", "usd", "eur")
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
    label: str = ""  # a multiplier stated of a from/to pair: 'halved (x0.5)'
    pair: bool = False  # from/to read from 'compared with': the periods may reorder them
    note: str = ""


@dataclass
class Carry:
    """What a sentence leaves for the next one in the same segment."""
    whole: Optional[Slot] = None  # a whole that a following list of counts breaks down
    level: Optional[Slot] = None  # the last lone level, for 'this is a reduction from 75.6%'
    groups: list = field(default_factory=lambda: [0])  # a shared counter of claim groups


def new_group(carry: Carry) -> int:
    carry.groups[0] += 1
    return carry.groups[0]


def join_slots(a: Slot, b: Slot, carry: Carry) -> None:
    if a.group < 0:
        a.group = new_group(carry)
    b.group = a.group


class Sentence:
    """One sentence: its text (segment offsets s0..s1), its numbers and its cues."""

    def __init__(self, text: str, s0: int, s1: int, mentions: list[Mention], cues: list[Cue]):
        self.text, self.s0, self.s1 = text, s0, s1
        self.slots = [Slot(m) for m in mentions]
        self.cues = cues
        self.labels = {c.label for c in cues}
        # looked up per number: a list search and a sort per call made number-dense lines quadratic
        self._position = {id(slot): i for i, slot in enumerate(self.slots)}
        self._cues_from_end = sorted(cues, key=lambda c: -c.start)
        self._cue_starts = [-c.start for c in self._cues_from_end]

    def _floor(self, slot: Slot) -> int:
        """Where the text before a number starts: the previous number's end, or the sentence's."""
        i = self._position[id(slot)]
        return self.slots[i - 1].m.end if i else self.s0

    def between(self, a: Slot, b: Slot) -> str:
        return self.text[a.m.end:b.m.start]

    def before(self, slot: Slot, limit: int = 80) -> str:
        """Text before a number back to the previous number or the sentence start."""
        return self.text[max(self._floor(slot), slot.m.start - limit):slot.m.start]

    def after(self, slot: Slot, limit: int = 40) -> str:
        return self.text[slot.m.end:min(self.s1, slot.m.end + limit)]

    def cue_before(self, slot: Slot, labels: set[str], max_words: int) -> Optional[tuple[Cue, str]]:
        """The nearest cue of these labels before the number with no number or clause break between."""
        floor = self._floor(slot)
        start = bisect.bisect_left(self._cue_starts, -slot.m.start)  # cues starting at or before it
        for cue in self._cues_from_end[start:]:
            if cue.start < floor:  # every later cue starts earlier still
                return None
            if cue.label in labels and floor <= cue.start and cue.end <= slot.m.start:
                gap = self.text[cue.end:slot.m.start]
                if len(gap.split()) <= max_words and not CLAUSE_BREAK.search(gap):
                    return cue, gap
                return None
        return None

    def comparison_context(self) -> bool:
        return bool(self.labels & _COMPARISON_CONTEXT) or bool(THAN_RE.search(self.text[self.s0:self.s1]))


def direction_of(label: str, word: str) -> str:
    if label in ("UP", "MORE") or word in ("+",):
        return "increase"
    return "decrease"
