"""Prose that restates a table's figure: 'Referrals from GP practices almost trebled, up from 33
to 96' under a table whose GP practices row holds 33 for 2016/17 and 96 for 2017/18.

The sentence names no period of its own, so the only thing that says which period (and which
kind of figure: a KPI value, its baseline, its target, a spend line) the number is, is the
table cell it repeats. Such a number takes the cell's kind and period. A number whose sentence
dates it ('2,216 in 2015/16') is a statement in its own right and keeps its own typing, and so
does a number in a table's commentary cell (its row's own figures are what it is read against).

A cell matches when it is of the same document, value and unit, its indicator shares a word
with the sentence, and its area (where both have one) is the number's; several matching cells
must agree on kind and period, else the number keeps its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from extractors.lexicon.prose import FEWER_WORDS, GENERIC_COUNT_NOUNS, MORE_WORDS
from extractors.measures import measure_of
from extractors.narrative.text.areas import area_at
from extractors.narrative.drafts.reading import Draft, Proposal
from extractors.narrative.text.segments import ProseSegment
from extractors.narrative.drafts.subjects import STOP
from pipeline.model import Fact

TABLE_KINDS = ("kpi_value", "kpi_baseline", "kpi_target", "spend_item", "spend_total")
LEVEL_ROLES = ("", "value", "from", "to", "level", "comparison", "whole")
DIFFERENCE_WORDS = frozenset(MORE_WORDS + FEWER_WORDS)
PROSE_KINDS = ("count", "percent", "amount", "kpi_value", "kpi_baseline", "kpi_target", "")


@dataclass(frozen=True)
class Typing:
    """The kind, period and indicator a restated number takes from its table cell."""
    kind: str
    period: str
    subject: str


class TableFigures:
    """The document's table figures by (value, unit), with their indicator words."""

    def __init__(self, facts: Iterable[Fact]):
        self._by_value: dict[tuple[float, str], list[tuple[Fact, frozenset[str]]]] = {}
        for fact in facts:
            if fact.source == "table" and fact.kind in TABLE_KINDS and fact.period:
                words = frozenset(measure_of(fact.subject).split())
                self._by_value.setdefault((fact.value, fact.unit), []).append((fact, words))

    def __bool__(self) -> bool:
        return bool(self._by_value)

    def typing(self, value: float, unit: str, sentence: str, after: str, area: str) -> Optional[Typing]:
        """The one kind and period of the cells this number restates, if they agree."""
        cells = self._by_value.get((value, unit))
        if not cells:
            return None
        first = after.split(maxsplit=1)[:1]
        if first and first[0].lower() in DIFFERENCE_WORDS:
            return None  # '15 additional individuals': a difference, not the level a cell holds
        words = set(measure_of(sentence).split())
        noun = set(measure_of(noun_after(after)).split()) - GENERIC_COUNT_NOUNS
        found = {Typing(f.kind, f.period, f.subject) for f, key in cells
                 if key & words and (not noun or noun & key)
                 and (not area or not f.area or f.area.lower() == area.lower())}
        return found.pop() if len({(t.kind, t.period) for t in found}) == 1 else None


_NOUN_RUN = re.compile(r"\s+([A-Za-z][\w'-]*(?:[ ][A-Za-z][\w'-]*){0,2})")


def noun_after(text: str) -> str:
    """The words right after a number up to the first small word or mark ('talks' of '11 talks
    on fraud', '' of '96, after ...'): what the sentence itself says the number counts."""
    m = _NOUN_RUN.match(text)
    taken = []
    for word in m.group(1).split() if m else ():
        if word.lower() in STOP:
            break
        taken.append(word)
    return " ".join(taken)


def restated_typing(figures: TableFigures, *, kind: str, role: str, value: float, unit: str,
                    stated_period: str, in_table: bool, sentence: str, after: str, area: str) -> Optional[Typing]:
    """The table typing a prose number takes, or None where it keeps its own."""
    if not figures or in_table or stated_period or kind not in PROSE_KINDS or role not in LEVEL_ROLES:
        return None
    return figures.typing(value, unit, sentence, after, area)


def restated_typings(segments: list[ProseSegment], markers: list, figures: TableFigures,
                     drafts: list[Draft]) -> list[Proposal]:
    """The pass: each prose number restating a table cell proposes the cell's kind, period and
    indicator (after the paragraph's topic, where the number had one)."""
    if not figures:
        return []
    found: list[Proposal] = []
    for i, d in enumerate(drafts):
        segment, slot = segments[d.segment], d.slot
        located = segment.figure_span(slot.m.start, slot.m.end, slot.m.text)
        if located is None:
            continue
        area = area_at(markers, located[2].page or segment.page, located[0])
        typing = restated_typing(
            figures, kind=slot.kind, role=slot.role, value=slot.m.value, unit=slot.m.unit,
            stated_period=d.stated_period, in_table=bool(segment.table_id),
            sentence=segment.text[d.sentence[0]:d.sentence[1]], after=segment.text[slot.m.end:slot.m.end + 40],
            area=area)
        if typing is not None:
            subject = f"{d.topic}: {typing.subject}" if d.topic else typing.subject
            found += [Proposal(i, "kind", typing.kind, "restated"), Proposal(i, "period", typing.period, "restated"),
                      Proposal(i, "subject", subject, "restated")]
    return found
