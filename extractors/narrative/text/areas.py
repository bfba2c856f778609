"""Areas: in a report with one section per partnership (a title row or heading naming the area
in capitals, e.g. 'BIRMINGHAM'), every fact records the area whose section it sits in. A
repeated column-header row with no title before it starts a section whose area is unknown."""
from __future__ import annotations

import bisect
import re

from extractors.lexicon.prose import NOT_AREA_TITLES
from pipeline.model import Document

_TITLE = re.compile(r"^[A-Z][A-Z&'’ -]{3,40}$")
_NOT_AREAS = NOT_AREA_TITLES
_ORGANISATION = re.compile(r"\b(?:POLICE|CONSTABULARY|COUNCIL|COMMISSIONER|OFFICE|OPCC|PCC)$")
Marker = tuple[int, int, str]  # page, offset, area ('' = unknown)


def _is_title(text: str) -> bool:
    text = text.strip()
    return bool(_TITLE.match(text)) and text not in _NOT_AREAS and len(text.split()) <= 3 \
        and not _ORGANISATION.search(text)


def _table_markers(doc: Document) -> list[Marker]:
    markers: list[Marker] = []
    header_key = ""
    for table in doc.tables:
        last_title_row = -9
        for row in table.rows():
            filled = [c for c in row if c.text]
            if not filled or filled[0].char_start is None:
                continue
            if len(filled) == 1 and _is_title(filled[0].text):
                markers.append((filled[0].page, filled[0].char_start, filled[0].text.strip().title()))
                last_title_row = filled[0].row
            elif len(filled) >= 3 and len(" ".join(c.text for c in filled)) < 400:
                key = filled[0].text[:15].lower()
                if not header_key and last_title_row >= 0:
                    header_key = key
                if header_key and key == header_key and filled[0].row - last_title_row > 2:
                    markers.append((filled[0].page, filled[0].char_start, ""))
    return markers


_NAMED = re.compile(r"^(?:area:\s*)?(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|and|upon|on|under))*?)"
                    r"(?:\s+(?P<kind>Community\s+Safety\s+Partnership|CSP|District|Borough|Division|"
                    r"Local\s+Policing\s+Area|LPA|Policing\s+Area))?$", re.I)
_ENDS_AREAS = re.compile(r"^(?:summary|overall\s+summary|conclusions?|next\s+steps|recommendations?|appendix\b.*|"
                         r"annex\b.*|glossary|across\s+the\s+(?:area|partnerships?))$", re.I)


def heading_area(text: str) -> str | None:
    """The area a section heading names ('Ashvale Community Safety Partnership', 'North
    District', 'Area: Brookfield', 'BIRMINGHAM'); '' for a heading that closes the areas
    ('Summary', 'Appendix A'); None for any other heading."""
    text = text.strip(" #*\t")
    if _is_title(text):
        return text.title()
    m = _NAMED.match(text)
    if m and (m.group("kind") or text.lower().startswith("area:")) and len(text.split()) <= 7:
        return text if m.group("kind") and m.group("kind").lower() in ("district", "borough", "division") else m.group("name")
    return "" if _ENDS_AREAS.match(text) else None


def area_markers(doc: Document) -> list[Marker]:
    """Where each area's section starts; empty for a report about one area."""
    markers = _table_markers(doc)
    for page in doc.pages:
        named = [(page.number, h.char_start, heading_area(h.text)) for h in page.headings]
        markers += [(number, start, area) for number, start, area in named if area is not None]
    markers.sort()
    return markers if len({m[2] for m in markers if m[2]}) >= 2 else []


def area_at(markers: list[Marker], page: int, offset: int) -> str:
    i = bisect.bisect_right(markers, (page, offset, "\uffff")) - 1
    return markers[i][2] if i >= 0 else ""
