"""Word reports (.docx, read with python-docx): paragraphs, headings, lists, tables and
footnotes into one page of the document model, written the way the text loader writes a
text report (pipeline/loaders/page_builder.py), so the same extractors read both.

- Headings come from the paragraph styles ("Heading 2" is level 2, "Title" level 1), not
  from guessing at short lines: Word says which lines are headings.
- List items (a list style or numbering) become "- " lines, as converted text has them.
- A table is read through its grid: a cell merged across columns or rows appears at every
  grid position it covers (python-docx returns the same cell there); it is printed once and
  resolved by page_builder.
- Footnote references become superscript markers (¹, ², ...) numbered in reading order, and
  the footnotes follow the body as "¹ text" paragraphs, where the narrative reader links
  them to the sentence citing them.
Word has no fixed pages (they depend on the printer), so a document is one page. Running
heads and feet (the header and footer parts) are left out, as the PDF loader leaves them out.
"""
from __future__ import annotations

import io
import zipfile
from typing import Iterator

from pipeline.loaders.errors import LoadError
from pipeline.loaders.markup import SUPERSCRIPTS
from pipeline.loaders.page_builder import GridCell, PageBuilder
from pipeline.model import Page, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_pages(doc_id: str, data: bytes) -> tuple[list[Page], list[Table]]:
    """The document's body as one page and its tables."""
    from docx import Document as open_docx  # heavy: only for Word files
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise LoadError("error", f"not a readable Word (.docx) file: {err}") from err
    notes = Footnotes(footnote_texts(document))
    builder = PageBuilder(doc_id, 1, "docx")
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            builder.table(table_grid(block, notes))
            builder.line()
        else:
            add_paragraph(builder, block, notes)
    for marker, text in notes.cited():
        builder.paragraph(f"{marker} {text}")
    page, tables = builder.build()
    return [page], tables


class Footnotes:
    """Footnote texts by id, and the marker each gets in the order the body cites them."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.order: list[str] = []

    def marker(self, note_id: str) -> str:
        if note_id not in self.order:
            self.order.append(note_id)
        return str(self.order.index(note_id) + 1).translate(SUPERSCRIPTS)

    def cited(self) -> Iterator[tuple[str, str]]:
        for number, note_id in enumerate(self.order, start=1):
            if self.texts.get(note_id):
                yield str(number).translate(SUPERSCRIPTS), self.texts[note_id]


def footnote_texts(document) -> dict[str, str]:
    """Each footnote's text by its id, from the package's footnotes part (if any)."""
    from docx.oxml import parse_xml
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/footnotes") and not rel.is_external), None)
    if part is None:
        return {}
    root = parse_xml(part.blob)
    return {note.get(f"{W}id"): " ".join("".join(t.text or "" for t in p.iter(f"{W}t"))
                                         for p in note.iter(f"{W}p")).strip()
            for note in root.iter(f"{W}footnote") if note.get(f"{W}type") is None}


def run_text(element, notes: Footnotes) -> str:
    """A paragraph's text as printed: runs, tabs and breaks as spaces, footnote markers."""
    parts = []
    for node in element.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif node.tag == f"{W}footnoteReference":
            parts.append(notes.marker(node.get(f"{W}id")))
    return "".join(parts)


def heading_level(paragraph) -> int:
    """1-9 for a heading style ("Heading 2", "Title"), 0 for body text."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading"):
        tail = name.removeprefix("Heading").strip()
        return int(tail) if tail.isdigit() else 1
    return 0


def is_list_item(paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    p_pr = paragraph._p.pPr
    return name.startswith("List") or (p_pr is not None and p_pr.numPr is not None)


def add_paragraph(builder: PageBuilder, paragraph, notes: Footnotes) -> None:
    """A heading, a list item (consecutive items without blank lines between) or a paragraph."""
    text = run_text(paragraph._p, notes).strip()
    if not text:
        return
    level = heading_level(paragraph)
    if level:
        builder.heading(text, level)
    elif is_list_item(paragraph):
        builder.list_item(text)
    else:
        builder.paragraph(text)


def table_grid(table, notes: Footnotes) -> list[list[GridCell]]:
    """The table's grid: a merged cell's later positions point at its first (its anchor)."""
    grid: list[list[GridCell]] = []
    first_seen: dict[object, tuple[int, int]] = {}  # a cell's XML element -> its anchor
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            anchor = first_seen.setdefault(cell._tc, (r, c))
            text = " ".join(run_text(p._p, notes) for p in cell.paragraphs)
            cells.append(GridCell(text, anchor=None if anchor == (r, c) else anchor))
        grid.append(cells)
    return grid
