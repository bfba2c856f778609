"""Spend breakdowns written as bullet lists under an introducing line:

    Spending by priority was:
    - Domestic abuse services: £176,500
    - Youth diversion: £121,000
    - Total: £297,500

Each bullet is its own segment, so no sentence reader sees the list whole; this pass turns
the bullets' sums into one spend claim (`spend_item` lines, a `spend_total` for a line
labelled total) so the spend rules can add them up."""
from __future__ import annotations

import re

from extractors.narrative.drafts.reading import Draft, Proposal
from extractors.narrative.text.segments import ProseSegment
from pipeline.model import Document

_INTRO = re.compile(r"\b(?:spend|spending|spent|expenditure|costs?|breakdown|used\s+(?:as\s+follows|for|on)|"
                    r"allocated\s+(?:as\s+follows|to|between|across))\b[^.]*:\s*$", re.I)
_LINE = re.compile(r"^\s*(?:[-•▪·●◦*]|\d{1,2}[.)])\s+(?P<label>[^:£\d]{2,80}?)\s*[:–-]\s*£")
_TOTAL = re.compile(r"^\s*(?:[-•▪·●◦*]\s+)?total\b", re.I)


def spend_lists(doc: Document, segments: list[ProseSegment], drafts: list[Draft]) -> list[Proposal]:
    """The sums of each bulleted spend list take one claim, the
    spend kinds and roles, and their line's label as subject."""
    by_segment: dict[int, list[Draft]] = {}
    position = {id(d): i for i, d in enumerate(drafts)}
    for d in drafts:
        by_segment.setdefault(d.segment, []).append(d)
    found: list[Proposal] = []
    index = 0
    while index < len(segments):
        run = _bullet_run(doc, segments, by_segment, index)
        if len(run) >= 2 and _INTRO.search(_line_before(doc, segments[run[0]])):
            claim = f"list:{by_segment[run[0]][0].claim}"
            for i in run:
                at = position[id(by_segment[i][0])]
                total = bool(_TOTAL.match(segments[i].text))
                found += [Proposal(at, "kind", "spend_total" if total else "spend_item", "spend_list"),
                          Proposal(at, "role", "total" if total else "item", "spend_list"),
                          Proposal(at, "claim", claim, "spend_list")]
                line = _LINE.match(segments[i].text)  # a bullet run's lines all match
                if line is not None:
                    found.append(Proposal(at, "subject", line.group("label").strip(), "spend_list"))
        index += max(len(run), 1)
    return found


def _line_before(doc: Document, segment: ProseSegment) -> str:
    """The last non-empty page line above the segment (an introducing line has no numbers,
    so it is not a segment of its own)."""
    page = next((p for p in doc.pages if p.number == segment.page), None)
    if page is None:
        return ""
    lines = [ln for ln in page.text[:segment.pieces[0].page_start].split("\n") if ln.strip()]
    return lines[-1] if lines else ""


def _bullet_run(doc: Document, segments: list[ProseSegment], by_segment: dict[int, list[Draft]], start: int) -> list[int]:
    """Consecutive bullet segments from `start`, nothing but blank lines between them, each
    stating one sum of money after a label."""
    run: list[int] = []
    for i in range(start, len(segments)):
        found = by_segment.get(i, [])
        if not _LINE.match(segments[i].text) or len(found) != 1 or found[0].slot.m.unit != "gbp":
            break
        if run and (segments[i].page != segments[run[-1]].page or _line_before(doc, segments[i]).strip() != segments[run[-1]].text.strip()):
            break
        run.append(i)
    return run
