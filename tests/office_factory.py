"""Word and Excel versions of a text report, made the way people make them: headings as
heading styles (bold rows in a sheet), bullets as a list style, tab-separated runs as real
tables, and in a sheet, numbers as typed values with a number format (so the loader must
print them back as the text did)."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.loaders import load_document

NUMBER = re.compile(r"(?P<pre>£?)(?P<num>\d[\d,]*(?:\.(?P<dec>\d+))?)(?P<pct>%?)")


def report_blocks(path: Path) -> list[tuple[str, object]]:
    """The text report as ("heading", (level, text)), ("item", text), ("para", text) and
    ("table", rows) blocks, read with the text loader's own headings."""
    page = load_document(path).pages[0]
    levels = {h.char_start: h.level for h in page.headings}
    blocks, offset, rows = [], 0, []
    for line in page.text.split("\n") + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
        else:
            if rows:
                blocks.append(("table", rows))
                rows = []
            if offset in levels and line.strip():
                blocks.append(("heading", (min(levels[offset], 9), line.strip())))
            elif line.startswith("- "):
                blocks.append(("item", line[2:]))
            elif line.strip():
                blocks.append(("para", line))
        offset += len(line) + 1
    return blocks


def typed(text: str) -> tuple[object, str]:
    """A cell's printed number as a value and the number format that prints it back."""
    m = NUMBER.fullmatch(text.strip())
    if not m:
        return text, "General"
    value = float(m["num"].replace(",", ""))
    decimals = "." + "0" * len(m["dec"]) if m["dec"] else ""
    digits = ("#,##0" if "," in m["num"] else "0") + decimals
    if m["pct"]:
        return value / 100, digits + "%"
    return (int(value) if not m["dec"] else value), m["pre"] + digits


def write_docx(path: Path, target: Path) -> Path:
    from docx import Document
    document = Document()
    for kind, content in report_blocks(path):
        if kind == "heading":
            document.add_heading(content[1], content[0])
        elif kind == "item":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "para":
            document.add_paragraph(content)
        else:
            width = max(len(r) for r in content)
            table = document.add_table(rows=len(content), cols=width)
            for r, row in enumerate(content):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    document.save(target)
    return target


def write_xlsx(path: Path, target: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    sheet = book.active
    sheet.title = "Report"
    for kind, content in report_blocks(path):
        if kind == "table":
            for row in content:
                sheet.append([typed(t)[0] if t else None for t in row])
                for c, text in enumerate(row, start=1):
                    sheet.cell(sheet.max_row, c).number_format = typed(text)[1]
        elif kind == "heading":
            sheet.append([content[1]])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        else:
            sheet.append([None])
            cell = sheet.cell(sheet.max_row, 1)
            cell.value, cell.data_type = ("- " if kind == "item" else "") + content, "s"  # "= x" is text
        sheet.append([])
    book.save(target)
    return target
