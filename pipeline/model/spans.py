"""Sorted, merged character intervals: is a span covered by any of them, in a bisect (asked
for every number of every page, so never a scan of all the intervals)."""
from __future__ import annotations

import bisect
from typing import Iterable, Optional


class Spans:
    def __init__(self, intervals: Iterable[tuple[Optional[int], Optional[int]]]):
        merged: list[list[int]] = []
        for a, b in sorted((a, b) for a, b in intervals if a is not None and b is not None and b > a):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start
