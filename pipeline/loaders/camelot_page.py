"""camelot's parsers on one page of a PDF, with the page image for the ruling detector
rendered by recount at a resolution it chooses.

`camelot.read_pdf` builds its parser itself and hybrid's lattice half always renders at
300 dpi (its `resolution` option reaches no renderer) through a PIL round trip: on a ruled
page that image work was over half of camelot's time. Here the parser is built by us, its
lattice half given `PageImage`, and the page's layout read the way `read_pdf` reads it
(PDFMiner-style layout by playa, turned upright when the text is rotated), so the tables are
camelot's own. A camelot without these parts (another version) is called through
`read_pdf` as before.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

DEFAULT_DPI = 300  # camelot's own rendering resolution


class PageImage:
    """A page rendered by PDFium straight to the BGR array OpenCV reads (camelot's image
    backend interface: `to_array`, and `convert` to a PNG file where a caller wants one)."""

    def __init__(self, dpi: int = DEFAULT_DPI):
        self.dpi = dpi

    def to_array(self, pdf_path: str, page: int = 1) -> Any:
        pdf = pdfium.PdfDocument(pdf_path)
        try:
            pdf.init_forms()  # form fields drawn, as camelot's renderer draws them
            return pdf[page - 1].render(scale=self.dpi / 72).to_numpy().copy()  # PDFium's BGR
        finally:
            pdf.close()

    def convert(self, pdf_path: str, png_path: str, page: int = 1) -> None:
        import cv2
        cv2.imwrite(png_path, self.to_array(pdf_path, page))


def read_page(path: Path, page: int, flavor: str, dpi: int = DEFAULT_DPI, **options) -> list[Any]:
    """camelot's tables (its Table objects) on page `page` (1-based) of the file at `path`."""
    import camelot
    from camelot.backends.image_conversion import ImageConversionBackend
    from camelot.parsers import Hybrid, Lattice, Network

    from pipeline.loaders import camelot_patches
    camelot_patches.apply()
    parser = {"hybrid": Hybrid, "network": Network, "lattice": Lattice}[flavor](**options)
    lattice = parser if isinstance(parser, Lattice) else getattr(parser, "lattice_parser", None)
    if lattice is None or not hasattr(lattice, "icb"):  # not the camelot this was written for
        return list(camelot.read_pdf(path, pages=str(page), flavor=flavor, suppress_stdout=True, **options))
    image = PageImage(dpi)
    lattice.icb = ImageConversionBackend(backend=image, use_fallback=False)
    return sorted(_parse(parser, path, page, image))


def _parse(parser: Any, path: Path, page: int, image: PageImage) -> list[Any]:
    """What `read_pdf` does for one page once it has its parser. A turned page's image is
    drawn at camelot's own resolution: below it, camelot's turning the image upright lost
    the grid of a rotated table (one cell for 38 x 17 at 200 dpi).

    The layout is pdfminer's without its ordering of text boxes (`boxes_flow=None`): camelot
    reads text lines, not boxes, and that ordering compares every box with every other, 5.6
    of the 6.9 s camelot spent on one dense page. On the 250 corpus pages that go to camelot
    the tables came out the same on all but one (ICDAR us-027's header cells, read as lines)."""
    from camelot.utils import get_image_char_and_text_objects, get_page_layout, get_rotation
    from playa.exceptions import PDFTextExtractionNotAllowed
    pdf = _document(path)
    if not pdf.is_extractable:
        raise PDFTextExtractionNotAllowed(f"Text extraction is not allowed: {path}")
    one = pdf.pages[page - 1]
    layout, dimensions = get_page_layout(one, boxes_flow=None)
    images, chars, horizontal, vertical = get_image_char_and_text_objects(layout)
    rotation = get_rotation(chars, horizontal, vertical)
    if rotation:  # de-rotated and laid out again, as camelot's handler does
        image.dpi = max(image.dpi, DEFAULT_DPI)
        one.set_initial_ctm(one.space, one.rotate + (-90 if rotation == "clockwise" else 90))
        layout, dimensions = get_page_layout(one, boxes_flow=None)
        images, chars, horizontal, vertical = get_image_char_and_text_objects(layout)
    parser.prepare_page_parse(str(path), layout, dimensions, page, images, horizontal, vertical,
                              rotation, layout_kwargs={})
    return list(parser.extract_tables())


_OPEN: dict[tuple[str, int, int], Any] = {}  # the document camelot is reading, by path, size and time


def _document(path: Path) -> Any:
    """playa's document for the file, kept open from page to page: its cross-reference
    table, page tree and fonts are parsed once a document, not once a page."""
    import playa
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _OPEN:
        close_document()
        _OPEN[key] = playa.open(path, space="page")
    return _OPEN[key]


def close_document() -> None:
    """Close the document `read_page` keeps open (the table finders call this when done with it)."""
    for pdf in _OPEN.values():
        pdf.close()
    _OPEN.clear()
