"""A page turned as a whole (a landscape table printed sideways on a portrait page): its
characters and rules turned upright, so the ruled-grid reader reads it as it reads any
page, and the tables found turned back to the page's coordinates.

Turned glyphs run down the page (turned clockwise) or up it (anticlockwise); which way is
read from the order of the glyphs of each line. Upright, x runs along the text and y down
its lines, with each glyph's baseline on the side its foot points to.
"""
from __future__ import annotations

from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf_grid import grid_reading
from pipeline.loaders.pdf_tables import FoundTable
from pipeline.model import BBox

DESCENT = 0.2  # of the font size: a turned glyph's baseline from its box's foot
MIN_STEPS = 5  # glyph-to-glyph steps along turned lines needed to tell which way they run


def turned_grids(number: int, width: float, height: float, chars: list[Char], rules: list[Ruling],
                 vocab: set[str]) -> list[FoundTable]:
    """The ruled grids of a page turned as a whole, read upright, in the page's coordinates."""
    down = runs_down(chars)
    if down is None:
        return []
    turn = Turn(down, width, height)
    tables, _ = grid_reading(number, [turn.char(c) for c in chars], [turn.rule(r) for r in rules], vocab)
    return [FoundTable(t.page, turn.back(t.bbox), t.rows,
                       [[turn.back(b) if b else None for b in row] for row in t.boxes], t.method) for t in tables]


def runs_down(chars: list[Char]) -> bool | None:
    """Whether the page's turned glyphs run down the page (else up): glyph after glyph of one
    turned line (the same left edge), most steps go down. None where too few glyphs follow
    each other so (text upside down, or turned glyphs set one by one)."""
    steps = [b.top - a.top for a, b in zip(chars, chars[1:])
             if not a.upright and not b.upright and abs(b.x0 - a.x0) < 1 and abs(b.top - a.top) < 3 * max(a.size, 1.0)]
    if len(steps) < MIN_STEPS:
        return None
    return sum(1 for s in steps if s > 0) > len(steps) / 2


class Turn:
    """The page's coordinates to upright ones and back, for text running down (`down`) or
    up a page `width` x `height` points."""

    def __init__(self, down: bool, width: float, height: float):
        self.down, self.width, self.height = down, width, height

    def char(self, c: Char) -> Char:
        """The glyph upright; one that was upright on the page (a page number) is now turned."""
        x0, top, x1, bottom = self.box((c.x0, c.top, c.x1, c.bottom))
        return c._replace(x0=x0, top=top, x1=x1, bottom=bottom, baseline=bottom - DESCENT * c.size,
                          upright=not c.upright)

    def rule(self, r: Ruling) -> Ruling:
        x0, top, x1, bottom = self.box((r.x0, r.top, r.x1, r.bottom))
        return r._replace(x0=x0, top=top, x1=x1, bottom=bottom)

    def box(self, box: BBox) -> BBox:
        """A page box, upright: running down, x' = y and y' = width - x (the glyphs' feet
        point left, to the lines that follow); running up, x' = height - y and y' = x."""
        x0, top, x1, bottom = box
        if self.down:
            return (top, self.width - x1, bottom, self.width - x0)
        return (self.height - bottom, x0, self.height - top, x1)

    def back(self, box: BBox) -> BBox:
        """An upright box, on the page."""
        x0, top, x1, bottom = box
        if self.down:
            return (self.width - bottom, x0, self.width - top, x1)
        return (top, self.height - x1, bottom, self.height - x0)
