"""Speed fixes to camelot 2.0's text-alignment parser, applied when that version is loaded.

- `network.search_header_from_body_bbox` looks for header rows above a table body. For every
  text line above the body it filters all the page's text lines again, keeping only the
  last filtering: quadratic in the page's lines, 3 of camelot's 26 s on a profile of 58
  PDFs. `search_header` is the same function with that scan done once per row searched.
- `AlignmentCounter.max_h_count` / `max_v_count` (half a million calls on those PDFs, from
  the loop that drops singly aligned lines) built the largest alignment's (id, lines) pair
  through a map and a lambda to take its length; `_max_count` takes the largest length.
- `TextNetworks.remove_unconnected_edges` drops the text lines aligned with no other line
  across or down, pass after pass over every alignment, recounting them all after each pass,
  until a pass drops nothing (2.3 of 18 s in camelot on those PDFs). `drop_unconnected` drops
  each such line once and looks again only at the lines of the alignments it left with one
  line. Both end with the same lines: the largest set in which every line has a partner
  both ways (dropping a line only lowers other lines' counts, so no order of dropping can
  reach another).
All return what camelot's own do (the tests hold them to the shipped code).
"""
from __future__ import annotations

import math
from typing import Any

PATCHED_VERSION = "2.0.0"


def search_header(body_bbox: tuple[float, float, float, float], textlines: list[Any],
                  col_anchors: list[float], max_v_gap: float) -> tuple[float, float, float, float]:
    """camelot's `search_header_from_body_bbox`, its scan for lines above the box done once."""
    from camelot.parsers.network import (MAX_COL_SPREAD_IN_HEADER, _extract_zones, _merge_zones,
                                         column_spread)
    new_bbox = body_bbox
    left, bottom, right, top = body_bbox
    while True:
        all_above = [tl for tl in textlines if tl.y0 > top and left < 0.5 * (tl.x0 + tl.x1) < right]
        closest_above = min(all_above, key=lambda tl: tl.y0) if all_above else None
        if not (closest_above and closest_above.y0 < top + max_v_gap):
            return new_bbox
        zones, top = _extract_zones(all_above, max_v_gap, closest_above.y1)
        max_spread = max((column_spread(zone[0], zone[1], col_anchors) for zone in _merge_zones(zones)),
                         default=0)
        if max_spread > min(MAX_COL_SPREAD_IN_HEADER, math.ceil(len(col_anchors) / 2)):
            return new_bbox
        new_bbox = (left, bottom, right, top)


def _max_count(alignments: Any, ids: list[str]) -> int:
    occurrences = alignments.alignment_to_occurrences
    return max(len(occurrences[i]) for i in ids)


def drop_unconnected(network: Any) -> None:
    """camelot's `remove_unconnected_edges`, each line looked at again only when it may have
    lost its last partner; the alignments keep their lines in order, and the counts are
    made afresh at the end as camelot makes them."""
    from camelot.core import HORIZONTAL_ALIGNMENTS
    alignments_of: dict[Any, list[tuple[bool, Any]]] = {}  # a line -> (across?, alignment) of each of its six
    members: dict[Any, int] = {}  # an alignment -> its lines not dropped
    for align_id, alignments in network._text_alignments.items():
        across = align_id in HORIZONTAL_ALIGNMENTS
        for alignment in alignments:
            members[alignment] = len(alignment.textlines)
            for line in alignment.textlines:
                alignments_of.setdefault(line, []).append((across, alignment))

    def unconnected(line: Any) -> bool:
        counts = {True: 0, False: 0}
        for across, alignment in alignments_of[line]:
            counts[across] = max(counts[across], members[alignment])
        return counts[True] <= 1 or counts[False] <= 1

    dropped: set[Any] = set()
    waiting = [line for line in alignments_of if unconnected(line)]
    while waiting:
        line = waiting.pop()
        if line in dropped:
            continue
        dropped.add(line)
        for _, alignment in alignments_of[line]:
            members[alignment] -= 1
            if members[alignment] <= 1:
                waiting += [other for other in alignment.textlines if other not in dropped and unconnected(other)]
    for alignments in network._text_alignments.values():
        for alignment in alignments:
            alignment.textlines[:] = [line for line in alignment.textlines if line not in dropped]
    network._textline_to_alignments = {}
    network._compute_alignment_counts()


def apply() -> bool:
    """Put these in camelot's network parser if camelot is the version they copy; whether
    it did."""
    import camelot
    from camelot.core import HORIZONTAL_ALIGNMENTS, VERTICAL_ALIGNMENTS
    from camelot.parsers import network
    if camelot.__version__ != PATCHED_VERSION:
        return False
    network.search_header_from_body_bbox = search_header
    counter: Any = network.AlignmentCounter
    counter.max_v_count = lambda self: _max_count(self, HORIZONTAL_ALIGNMENTS)
    counter.max_h_count = lambda self: _max_count(self, VERTICAL_ALIGNMENTS)
    network.TextNetworks.remove_unconnected_edges = drop_unconnected  # type: ignore[method-assign]
    return True
