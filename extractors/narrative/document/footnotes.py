"""Footnotes: a marker (¹, ², the loader's rendering of <sup>3</sup> and ^3, or '*') in a
sentence points at a footnote line starting with that marker; the footnote's facts join the
claim of the sentence carrying the marker, and that claim's facts keep the footnote text."""
from __future__ import annotations

import re
from typing import Optional

from extractors.narrative.drafts.reading import Draft, Proposal
from extractors.narrative.text.segments import ProseSegment


def _marker_at(segment: ProseSegment, marker: str) -> int:
    """Where the marker sits in a referencing segment's text, or -1."""
    if marker == "*":
        m = re.search(r"(?<=[\w.)%])\\?\*(?![\w*])", segment.text)
        return m.start() if m else -1
    m = re.search(rf"(?<=[^\s⁰¹²³⁴⁵⁶⁷⁸⁹]){re.escape(marker)}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", segment.text)
    return m.start() if m else -1


def _referrer(segments: list[ProseSegment], index: int) -> Optional[tuple[int, int]]:
    """The nearest segment before the footnote carrying its marker, and the marker's position."""
    note = segments[index]
    place = (note.page, note.pieces[0].page_start)
    best = None
    for i, segment in enumerate(segments):
        if segment.footnote or (segment.page, segment.pieces[0].page_start) >= place:
            continue
        position = _marker_at(segment, note.footnote)
        if position >= 0:
            best = (i, position)
    return best


def footnote_links(segments: list[ProseSegment], drafts: list[Draft]) -> list[Proposal]:
    """Each footnote's drafts take the claim of the statement that cites it, and that claim's
    drafts the footnote's text as their note."""
    found: list[Proposal] = []
    for index, segment in enumerate(segments):
        if not segment.footnote:
            continue
        referrer = _referrer(segments, index)
        if referrer is None:
            continue
        ref, position = referrer
        citing = [d for d in drafts if d.segment == ref and d.sentence[0] <= position <= d.sentence[1] + 2
                  and d.slot.m.end <= position]
        if not citing:
            continue
        claim = citing[-1].claim
        text = segment.text.lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹*\\ ")[:300]
        for i, d in enumerate(drafts):
            if d.segment == index:
                found.append(Proposal(i, "claim", claim, "footnote"))
            elif d.claim == claim:
                found.append(Proposal(i, "note", text, "footnote"))
    return found
