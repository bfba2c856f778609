"""Spend breakdowns written as lists: bullets under an introducing line, or lines that each
end in a sum under a spend heading (a grant return's 'PART B - EXPENDITURE'), a line's label
perhaps wrapped onto the line above:

    Spending by priority was:              PART B - EXPENDITURE
    - Domestic abuse services: £176,500    Domestic abuse awareness raising and training for
    - Youth diversion: £121,000            front-line staff £8.4k
    - Total: £297,500                      Community engagement events £3.9k
                                           Total expenditure 2013/14 £12.3k

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
# A line ending in its one sum ('front-line staff £8.4k', 'Research 4.0k'), and a short heading
# that says spending ('PART B - EXPENDITURE', 'Spend in 2013/14').
_ENDS_IN_SUM = re.compile(r"^\s*(?P<label>[^\W\d_][^£\n]{1,120}?)\s*[:–-]?\s+£?\d[\d,]*(?:\.\d+)?\s?[km]?\s*$", re.I)
_SPEND_HEADING = re.compile(r"^[^.!?:]{0,60}\b(?:expenditure|spend|spending|costs)\b[^.!?:]{0,30}$", re.I)
_WRAPS = 2  # label lines a wrapped item may have above its sum
_SCALED = re.compile(r"\d\s?[km]\s*$", re.I)  # '9.6k': a sum in thousands, pounds in a list of pounds


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
        if len(run) < 2:
            lines = _line_run(doc, segments, by_segment, index)
            if len(lines) >= 3:
                found += _proposals(segments, by_segment, position, lines, pounds=True)
                index += len(lines)
                continue
        if len(run) >= 2 and _INTRO.search(_line_before(doc, segments[run[0]])):
            labelled = [(i, line.group("label").strip() if (line := _LINE.match(segments[i].text)) else "")
                        for i in run]
            found += _proposals(segments, by_segment, position, labelled, pounds=False)
        index += max(len(run), 1)
    return found


def _line_before(doc: Document, segment: ProseSegment) -> str:
    """The last non-empty page line above the segment (an introducing line has no numbers,
    so it is not a segment of its own)."""
    lines = _lines_before(doc, segment, 1)
    return lines[0] if lines else ""


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


def _lines_before(doc: Document, segment: ProseSegment, count: int) -> list[str]:
    """The last `count` non-empty page lines above the segment, read backwards from it (not
    by splitting the page up to it, which is quadratic over a page of list lines)."""
    page = next((p for p in doc.pages if p.number == segment.page), None)
    if page is None:
        return []
    text, end = page.text, segment.pieces[0].page_start
    lines: list[str] = []
    while end > 0 and len(lines) < count:
        cut = text.rfind("\n", 0, end)
        line = text[cut + 1:end]
        if line.strip():
            lines.insert(0, line)
        end = max(cut, 0)
    return lines


def _wrapped_label(doc: Document, segment: ProseSegment, previous: str) -> list[str]:
    """The number-free lines just above a line (its label's start), back to `previous` or the
    spend heading."""
    above: list[str] = []
    for line in reversed(_lines_before(doc, segment, _WRAPS + 1)):
        if line.strip() == previous.strip() or re.search(r"\d", line) or len(above) == _WRAPS \
                or _SPEND_HEADING.match(line.strip()):
            break
        above.insert(0, line)
    return above


def _line_run(doc: Document, segments: list[ProseSegment], by_segment: dict[int, list[Draft]],
              start: int) -> list[tuple[int, str]]:
    """(segment, label) for consecutive one-line segments from `start` that each end in their
    one sum, at least one in pounds, under a spend heading, up to a total line; a wrapped
    label's lines may sit above its sum."""
    run: list[tuple[int, str]] = []
    for i in range(start, len(segments)):
        found, text = by_segment.get(i, []), segments[i].text
        line = _ENDS_IN_SUM.match(text)
        if "\n" in text.strip() or line is None or len(found) != 1 or found[0].slot.m.unit not in ("gbp", "count") \
                or (run and segments[i].page != segments[run[-1][0]].page):
            break
        previous = segments[run[-1][0]].text if run else ""
        above = _wrapped_label(doc, segments[i], previous)
        before = _lines_before(doc, segments[i], len(above) + 1)
        if run and (len(before) <= len(above) or before[0].strip() != previous.strip()):
            break
        if not run and not (before and len(before) > len(above) and _SPEND_HEADING.match(before[0].strip())):
            return []
        run.append((i, " ".join([*above, line.group("label")]).strip()))
        if _TOTAL.match(text):
            break  # a list ends at its total
    units = [by_segment[i][0].slot.m.unit for i, _ in run]
    scaled = all(u == "gbp" or _SCALED.search(segments[i].text) for (i, _), u in zip(run, units))
    return run if "gbp" in units and scaled else []



def _proposals(segments: list[ProseSegment], by_segment: dict[int, list[Draft]], position: dict,
               run: list[tuple[int, str]], pounds: bool) -> list[Proposal]:
    """One spend claim for a list's (segment, label) lines: spend kinds and roles, each line's
    label as subject, and (`pounds`) pounds for a bare '9.6k' among them."""
    claim = f"list:{by_segment[run[0][0]][0].claim}"
    found: list[Proposal] = []
    for i, label in run:
        at = position[id(by_segment[i][0])]
        total = bool(_TOTAL.match(segments[i].text))
        found += [Proposal(at, "kind", "spend_total" if total else "spend_item", "spend_list"),
                  Proposal(at, "role", "total" if total else "item", "spend_list"),
                  Proposal(at, "claim", claim, "spend_list")]
        found += [Proposal(at, "unit", "gbp", "spend_list")] if pounds else []
        found += [Proposal(at, "subject", label, "spend_list")] if label else []
    return found
