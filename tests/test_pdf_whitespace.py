"""recount's own reader of unruled PDF tables: columns from the aligned cells of the value
rows, heads and wrapped labels joined, and camelot asked only where the layout is unclear."""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from pipeline.loaders import load_document
from pipeline.model import Document


class Page:
    """An A4 page written line by line: cells at fixed x (mm), numbers right-aligned."""

    def __init__(self, size: float = 10):
        self.pdf = FPDF(format="A4")
        self.pdf.add_page()
        self.pdf.set_font("helvetica", size=size)
        self.y = 30.0

    def line(self, cells: list[tuple[float, str]], gap: float = 5.0, right: bool = False) -> None:
        for x, text in cells:
            at = x - self.pdf.get_string_width(text) if right and text[:1] in "-0123456789" else x
            self.pdf.text(at, self.y, text)
        self.y += gap

    def row(self, label: str, values: list[str], xs: list[float], gap: float = 5.0) -> None:
        """A label at the left margin and values right-aligned on the column edges `xs`."""
        self.line([(20, label)], gap=0)
        self.line(list(zip(xs, values)), gap=gap, right=True)

    def save(self, tmp_path: Path, name: str = "t.pdf") -> Document:
        path = tmp_path / name
        self.pdf.output(str(path))
        return load_document(path)


def _rows(doc: Document) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in t.rows()] for t in doc.tables if t.method == "whitespace"]


XS = [110.0, 140.0, 170.0]


def test_wrapped_heads_and_labels_are_joined_and_camelot_is_not_asked(tmp_path, finder_jobs):
    page = Page()
    page.line([(20, "Table 3: Recorded crime by type, Anyshire")], gap=9)
    page.line([(92, "Recorded"), (125, "Recorded"), (158, "Change")], gap=4)
    page.line([(92, "2022-23"), (125, "2023-24"), (158, "(%)")], gap=6)
    page.row("Burglary", ["1,204", "1,150", "-4.5"], XS)
    page.row("Theft from the person", ["980", "1,021", "4.2"], XS, gap=4)
    page.line([(20, "and robbery")], gap=6)
    page.row("Criminal damage", ["1,507", "1,498", "-0.6"], XS)
    page.row("Total", ["3,691", "3,669", "-0.6"], XS)
    doc = page.save(tmp_path)
    assert finder_jobs == []
    assert _rows(doc) == [[
        ["", "Recorded 2022-23", "Recorded 2023-24", "Change (%)"],
        ["Burglary", "1,204", "1,150", "-4.5"],
        ["Theft from the person and robbery", "980", "1,021", "4.2"],
        ["Criminal damage", "1,507", "1,498", "-0.6"],
        ["Total", "3,691", "3,669", "-0.6"]]]


def test_rows_go_on_past_a_section_label_set_off_by_a_wider_gap(tmp_path, finder_jobs):
    page = Page(size=9)
    page.line([(20, "Year"), (100, "Pupils"), (135, "Teachers")], gap=6)
    page.line([(20, "Actual")], gap=5)
    for year, pupils, teachers in [("2019", "51,544", "3,051"), ("2020", "52,071", "3,138"),
                                   ("2021", "52,526", "3,230")]:
        page.line([(20, year), (115, pupils), (150, teachers)], right=True)
    page.y += 4
    page.line([(20, "Projected")], gap=5)
    for year, pupils, teachers in [("2022", "52,875", "3,319"), ("2023", "53,373", "3,366")]:
        page.line([(20, year), (115, pupils), (150, teachers)], right=True)
    doc = page.save(tmp_path)
    assert finder_jobs == []
    [table] = _rows(doc)
    assert table[0] == ["Year", "Pupils", "Teachers"]
    assert [r[0] for r in table[1:]] == ["Actual", "2019", "2020", "2021", "Projected", "2022", "2023"]
    assert table[-1] == ["2023", "53,373", "3,366"]


def test_cells_that_run_together_leave_the_page_to_camelot(tmp_path, finder_jobs):
    page = Page()
    page.row("Burglary", ["1,204", "1,150", "-4.5"], XS)
    page.row("Vehicle crime", ["980", "1,021", "4.2"], XS)
    page.line([(20, "Criminal damage"), (101, "1,507 to 1,498 (-0.6)")])  # one run across the columns
    page.row("Arson", ["88", "91", "3.4"], XS)
    doc = page.save(tmp_path)
    assert _rows(doc) == []
    assert [(j.page, j.kind) for j in finder_jobs] == [(1, "vector")]


def test_a_page_of_two_prose_columns_is_no_table(tmp_path, finder_jobs):
    page = Page()
    left = ["The partnership met 12 times", "in the year and agreed 4 new", "priorities for the coming",
            "period, 2 of them on youth"]
    right = ["Spending rose by 3 per cent", "while the number of cases fell", "to 1,204 from 1,150 over",
             "the 12 months to March."]
    for a, b in zip(left, right):
        page.line([(20, a), (110, b)])
    doc = page.save(tmp_path)
    assert _rows(doc) == [] and finder_jobs == []
    assert "Spending rose by 3 per cent" in doc.pages[0].text


def test_a_contents_list_is_no_table(tmp_path, finder_jobs):
    page = Page()
    page.line([(20, "Contents")], gap=8)
    for title, number in [("Foreword by the Chair", "3"), ("Our priorities", "5"), ("Reducing reoffending", "7"),
                          ("Spending in the year", "11"), ("Appendix A: members", "14")]:
        page.line([(20, title), (150, number)], right=True)
    page.y += 8
    page.line([(20, "CPN"), (45, "Community Protection Notice"), (110, "PCC"), (135, "Police and Crime Commissioner")])
    page.line([(20, "CSP"), (45, "Community Safety Partnership"), (110, "TRC"), (135, "Total Recorded Crime")])
    page.line([(20, "DHR"), (45, "Domestic Homicide Review"), (110, "VOO"), (135, "Violent Offender Order")])
    doc = page.save(tmp_path)
    assert _rows(doc) == []
    assert "Spending in the year" in doc.pages[0].text
