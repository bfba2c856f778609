"""Characters and ruling lines of a PDF page, read with PDFium (pypdfium2).

PDFium gives every character's box, font size and weight in microseconds, where building
pdfplumber's character objects costs most of its ~90 ms per page; so every page is read
here and only the pages that look like they hold tables go to the slower table finders.
Coordinates are turned to pdfplumber's convention: points from the page's top-left corner.
"""
from __future__ import annotations

import ctypes
import functools
import math
from typing import Any, Iterator, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_SKIP = {"\r", "\n", "\0"}  # line breaks PDFium adds; no character (code 0)
SOFT_HYPHENS = {"\x02", "\ufffe", "\u00ad"}
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM


class Char(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size in points
    baseline: float  # distance of the glyph origin from the page top
    bold: bool
    soft: bool = False  # PDFium's soft-hyphen code (also given for many line-end hyphens)
    upright: bool = True  # False for glyphs turned sideways or upside down (rotated headers)


class Ruling(NamedTuple):
    """A thin filled or stroked path: one ruling line of a table (or a rectangle's box)."""
    x0: float
    top: float
    x1: float
    bottom: float
    shade: bool = False  # an edge of a filled, unstroked box: a shaded band's, which may be no rule


class _CharReader:
    """PDFium's per-character calls, as few as a glyph allows: the page's text comes in one
    call (spaces and line breaks then cost no call at all), and the font size, weight and
    matrix, which PDFium keeps per text object, are read once per object. A glyph then costs
    three foreign calls (its object, box and origin), made through cffi (`_glyph_calls`);
    the calls' out parameters are allocated once per page."""

    def __init__(self, textpage: pdfium.PdfTextPage, height: float, count: int):
        self.raw, self.height = textpage.raw, height
        self.text = _page_text(self.raw, count)
        calls = _glyph_calls()
        self.box, self.origin, self.text_object = calls.box, calls.origin, calls.text_object
        self.handle = calls.ffi.cast("void *", ctypes.cast(self.raw, ctypes.c_void_p).value or 0)  # the text page, for cffi
        self.rect, self.xy = calls.ffi.new("FS_RECTF *"), calls.ffi.new("double[2]")
        self.y = self.xy + 1
        self.styles: dict[int, tuple[float, bool, bool]] = {}

    def char(self, index: int) -> Char | None:
        text = self.text[index] if self.text is not None else _unicode(self.raw, index)
        soft = text in SOFT_HYPHENS
        text = "-" if soft else text
        if text in _SKIP or not text.strip() or not self.box(self.handle, index, self.rect):
            return None
        self.origin(self.handle, index, self.xy, self.y)
        size, bold, upright = self.style(index)
        rect, height = self.rect, self.height
        return Char(text, rect.left, height - rect.top, rect.right, height - rect.bottom,
                    size, height - self.xy[1], bold, soft, upright)

    def style(self, index: int) -> tuple[float, bool, bool]:
        """Font size in points (a 1-pt font scaled up by its matrix), bold, upright: of the
        glyph's text object, read at its first glyph."""
        obj = self.text_object(self.handle, index)
        found = self.styles.get(obj) if obj else None
        if found is None:
            found = _style(self.raw, index)
            if obj:
                self.styles[obj] = found
        return found


class _GlyphCalls(NamedTuple):
    ffi: Any
    box: Any
    origin: Any
    text_object: Any


@functools.cache
def _glyph_calls() -> _GlyphCalls:
    """The three calls made for every glyph, through cffi: a cffi call costs about half a
    ctypes one, and these calls were half of reading a page's glyphs. They are pypdfium2's
    own functions (their addresses, so the very library it loaded), declared to cffi; the
    text object's address comes back as an integer (a dictionary key), as a pointer is
    returned on the platforms PDFium ships for."""
    from cffi import FFI
    ffi = FFI()
    ffi.cdef("typedef struct { float left; float top; float right; float bottom; } FS_RECTF;")

    def bound(function: Any, signature: str) -> Any:
        return ffi.cast(signature, ctypes.cast(function, ctypes.c_void_p).value)

    return _GlyphCalls(ffi, bound(pdfium_c.FPDFText_GetLooseCharBox, "int (*)(void *, int, FS_RECTF *)"),
                       bound(pdfium_c.FPDFText_GetCharOrigin, "int (*)(void *, int, double *, double *)"),
                       bound(pdfium_c.FPDFText_GetTextObject, "uintptr_t (*)(void *, int)"))


def _style(raw: Any, index: int) -> tuple[float, bool, bool]:
    matrix = pdfium_c.FS_MATRIX()
    has_matrix = pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    scale = math.hypot(matrix.c, matrix.d) if has_matrix else 1.0
    upright = not has_matrix or (matrix.a > 0 and abs(matrix.b) < matrix.a)
    size = pdfium_c.FPDFText_GetFontSize(raw, index) * (scale or 1.0)
    return round(size, 2), pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600, upright


def _unicode(raw: Any, index: int) -> str:
    code = pdfium_c.FPDFText_GetUnicode(raw, index)
    return chr(code) if code else ""


def _page_text(raw: Any, count: int) -> str | None:
    """The page's characters, one per index, from one call; None where that does not hold
    (a character outside the 16-bit plane takes two UTF-16 units, shifting the indices)."""
    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    units = buffer[:count]
    if written != count + 1 or any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return "".join(map(chr, units))


_REPEAT_TOLERANCE = 1.0  # points, as pdfplumber's dedupe_chars
_SQUARE = 8.0  # points: glyphs are bucketed by squares this wide


def _repeated(char: Char, seen: dict[tuple[str, int, int], list[tuple[float, float]]]) -> bool:
    """A glyph drawn again within a point of itself (fake bold, shadows) counts once. Glyphs
    are bucketed by squares of their text and position and compared by their real positions
    in their own square and in the neighbouring ones a point away (most glyphs are not that
    near an edge: one look-up), so the two l's of 'will' (2 pt apart) both stay."""
    t, x, y = char.text, char.x0, char.baseline
    bx, by = int(x // _SQUARE), int(y // _SQUARE)
    ex, ey = x - bx * _SQUARE, y - by * _SQUARE
    nx = bx - 1 if ex < _REPEAT_TOLERANCE else bx + 1 if ex > _SQUARE - _REPEAT_TOLERANCE else None
    ny = by - 1 if ey < _REPEAT_TOLERANCE else by + 1 if ey > _SQUARE - _REPEAT_TOLERANCE else None
    keys = [(t, bx, by)]
    if nx is not None:
        keys.append((t, nx, by))
    if ny is not None:
        keys.append((t, bx, ny))
        if nx is not None:
            keys.append((t, nx, ny))
    for key in keys:
        for ox, oy in seen.get(key, ()):
            if abs(ox - x) <= _REPEAT_TOLERANCE and abs(oy - y) <= _REPEAT_TOLERANCE:
                return True
    seen.setdefault(keys[0], []).append((x, y))
    return False


def page_chars(page: pdfium.PdfPage, limit: int) -> tuple[list[Char], int]:
    """Visible characters in content order (soft hyphens as '-' marked `soft`), at most
    `limit` of them, and how many PDFium counts on the page (more than were read when the
    limit cut it: a page of 200,000 glyphs is no report's page and would cost minutes)."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        reader = _CharReader(textpage, page.get_height(), count)
        chars: list[Char] = []
        seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
        text = reader.text
        for index in range(count):
            if text is not None and (text[index] in _SKIP or not text[index].strip()):
                continue  # a space or line break: no glyph, no call
            char = reader.char(index)
            if char is not None and char.x1 > char.x0 and not _repeated(char, seen):
                chars.append(char)
                if len(chars) >= limit:
                    break
        return chars, count
    finally:
        textpage.close()


MAX_PATH_SEGMENTS = 5000  # a path of more is a chart or a map, not a table's grid: not split
PAGE_SEGMENTS = 20_000  # segments split on one page at most (about 0.2 s): a page of drawings is no grid


def page_rules(page: pdfium.PdfPage, thickness: float = 3.0) -> list[Ruling]:
    """Boxes of path objects that are thin enough to be table rules, rectangles' edges, and
    the straight level or upright strokes of paths of many segments (a table's whole grid may
    be drawn as one path, as pdfplumber reads it). A path of very many segments, one past
    the page's budget of them, or one whose points PDFium cannot place, is no rule."""
    height = page.get_height()
    rules: list[Ruling] = []
    budget = PAGE_SEGMENTS
    for obj in _path_objects(page.raw):
        bounds = _bounds(obj)
        if bounds is None:
            continue
        left, bottom, right, top = bounds
        x0, y0, x1, y1 = left, height - top, right, height - bottom
        segments = pdfium_c.FPDFPath_CountSegments(obj)
        if x1 - x0 <= thickness or y1 - y0 <= thickness:
            rules.append(Ruling(x0, y0, x1, y1))
        elif segments <= 5:  # a rectangle: its four edges
            shade = not _stroked(obj)
            rules += [Ruling(x0, y0, x1, y0, shade), Ruling(x0, y1, x1, y1, shade),
                      Ruling(x0, y0, x0, y1, shade), Ruling(x1, y0, x1, y1, shade)]
        elif segments <= min(MAX_PATH_SEGMENTS, budget):
            budget -= segments
            rules += _strokes(obj, segments, bounds, height) or []
    return rules


def _stroked(obj: Any) -> bool:
    """Whether the path is drawn with a pen, not only filled."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or bool(stroke.value)


_LEVEL = 0.5  # points: a stroke this far off level (or upright) is still a rule
_SHORTEST = 2.0  # points: shorter strokes are glyph-like marks


def _strokes(obj: Any, count: int, bounds: tuple[float, float, float, float], height: float
             ) -> list[Ruling] | None:
    """The straight level and upright strokes of one path, in page coordinates from the top;
    None where its points, placed by the object's matrix, fall outside its own bounds (a
    path in a transformed form, which PDFium bounds in other coordinates)."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return None
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    left, bottom, right, top = bounds
    px, py = ctypes.c_float(), ctypes.c_float()
    strokes: list[Ruling] = []
    start = here = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, px, py):
            return None
        x, y = a * px.value + c * py.value + e, b * px.value + d * py.value + f
        if not (left - 2 <= x <= right + 2 and bottom - 2 <= y <= top + 2):
            return None
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and here is not None:
            strokes += _stroke(here, (x, y), height)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or start is None:
            start = (x, y)
        here = (x, y)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            strokes += _stroke(here, start, height)
            here = start
    return strokes


def _stroke(p: tuple[float, float], q: tuple[float, float], height: float) -> list[Ruling]:
    (xa, ya), (xb, yb) = p, q
    if abs(ya - yb) <= _LEVEL and abs(xa - xb) >= _SHORTEST:
        return [Ruling(min(xa, xb), height - max(ya, yb), max(xa, xb), height - min(ya, yb))]
    if abs(xa - xb) <= _LEVEL and abs(ya - yb) >= _SHORTEST:
        return [Ruling(min(xa, xb), height - max(ya, yb), max(xa, xb), height - min(ya, yb))]
    return []


def _path_objects(page: Any, form: Any = None, depth: int = 2) -> Iterator[Any]:
    """The raw path objects of the page and of the forms on it, `depth` levels down. PDFium's
    own calls, not pypdfium2's object wrappers: a page of 200,000 text objects took seconds
    to wrap only to be filtered out."""
    count = pdfium_c.FPDFFormObj_CountObjects(form) if form else pdfium_c.FPDFPage_CountObjects(page)
    for index in range(max(count, 0)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, index) if form else pdfium_c.FPDFPage_GetObject(page, index)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            yield obj
        elif kind == _FORM and depth > 1:
            yield from _path_objects(page, obj, depth - 1)


def _bounds(obj: Any) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None  # PDFium cannot place it: no rule
    return (left.value, bottom.value, right.value, top.value)
