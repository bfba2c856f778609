"""Count breakdowns written as bullets under a lead-in line that states the whole:

    Of the 1,042 cases closed during the year:
    - 584 were closed with the risk reduced;
    - 219 were closed because the client chose not to engage further;

Each bullet is its own segment, so no sentence reader sees the whole and its parts together;
this pass proposes the role `whole` for the lead-in's count and `part` for each bullet's opening
count, in one claim, so parts-sum-to-whole can add them up. A bullet is a part only when it
opens with its number followed by a subject-less verb ('584 were ...') or the whole's own noun
('82 cases ...'): a list of unrelated achievements ('12 events held') is not a breakdown.
"""
from __future__ import annotations

import re

from extractors.lexicon.breakdowns import SUBJECTLESS_VERBS
from extractors.narrative.drafts.reading import Draft, Proposal
from extractors.narrative.sentences.sentence import QUALIFIER_PREFIX
from extractors.narrative.text.segments import ProseSegment
from pipeline.model import Document

_OPENS = re.compile(rf"^\s*(?:[-•▪·●◦*]|\(?[a-h]\)|\(?[ivx]{{1,4}}\))\s+{QUALIFIER_PREFIX}$", re.I)
_WORD_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?P<word>[A-Za-z]+)")
_ENDS_WITH_COLON = re.compile(r":\s*$")


def count_breakdowns(doc: Document, segments: list[ProseSegment], drafts: list[Draft]) -> list[Proposal]:
    """Each lead-in's whole and the bullet counts under it proposed as one claim."""
    by_segment: dict[int, list[Draft]] = {}
    position = {id(d): i for i, d in enumerate(drafts)}
    for d in drafts:
        by_segment.setdefault(d.segment, []).append(d)
    found: list[Proposal] = []
    for index, segment in enumerate(segments):
        whole = _lead_in_whole(segment, by_segment.get(index, []))
        if whole is None:
            continue
        parts = _bullet_parts(doc, segments, by_segment, index + 1, noun_after(segment.text, whole))
        if len(parts) < 2:
            continue
        claim = f"breakdown:{whole.claim}"
        for draft, role in [(whole, "whole")] + [(part, "part") for part in parts]:
            at = position[id(draft)]
            found += [Proposal(at, "role", role, "breakdown"), Proposal(at, "claim", claim, "breakdown")]
    return found


def _lead_in_whole(segment: ProseSegment, found: list[Draft]) -> Draft | None:
    """The one count of a segment ending in a colon, not yet part of a structure."""
    if not _ENDS_WITH_COLON.search(segment.text) or len(found) != 1:
        return None
    only = found[0]
    if only.slot.m.unit != "count" or only.slot.kind != "count" or only.slot.role not in ("value", "whole"):
        return None
    return only


def noun_after(text: str, draft: Draft) -> str:
    m = _WORD_AFTER.match(text, draft.slot.m.end)
    return m.group("word").lower() if m else ""


def _bullet_parts(doc: Document, segments: list[ProseSegment], by_segment: dict[int, list[Draft]],
                  start: int, noun: str) -> list[Draft]:
    """The opening counts of the bullets from `start` that follow the lead-in line by line."""
    parts: list[Draft] = []
    for i in range(start, len(segments)):
        segment, found = segments[i], by_segment.get(i, [])
        first = min(found, key=lambda d: d.slot.m.start) if found else None
        if first is None or not adjacent(doc, segments[i - 1], segment) \
                or not _opens_with_part(segment.text, first, noun):
            break
        parts.append(first)
    return parts


def adjacent(doc: Document, before: ProseSegment, after: ProseSegment) -> bool:
    """Only white space between the two segments on their page (no paragraph in between)."""
    last = before.pieces[-1]  # on the next page when `before` runs over a page break
    if (last.page or before.page) != after.page or before.table_id or after.table_id:
        return False
    page = next((p for p in doc.pages if p.number == after.page), None)
    end = last.page_start + last.length
    return page is not None and not page.text[end:after.pieces[0].page_start].strip()


def _opens_with_part(text: str, draft: Draft, noun: str) -> bool:
    slot = draft.slot
    if slot.m.unit != "count" or slot.kind != "count" or slot.role not in ("value", "") \
            or not _OPENS.match(text[:slot.m.start]):
        return False
    word = noun_after(text, draft)
    return word in SUBJECTLESS_VERBS or bool(noun) and word == noun
