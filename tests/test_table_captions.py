"""A table's title line is decided once, by the loader, and written to tables.parquet beside
its cells; the readers type cells from the same caption."""
import pytest

from extractors import tables
from pipeline.loaders import load_document
from pipeline.output.writer import table_rows


@pytest.mark.parametrize("name, text, caption", [
    ("a.txt", "Intro paragraph.\n\nTable 3: Calls answered by team\n\nTeam\tCalls\nNorth\t120\nSouth\t98\n",
     "Table 3: Calls answered by team"),
    ("b.md", "Some prose.\n\nGrants awarded (£000s)\n\n| Scheme | Award |\n|---|---:|\n| Lighting | 12 |\n"
             "| Patrols | 30 |\n", "Grants awarded (£000s)"),
    ("c.html", "<p>Text.</p><table><caption>Referrals by source</caption><tr><th>Source</th><th>2021</th></tr>"
               "<tr><td>GP</td><td>14</td></tr><tr><td>School</td><td>9</td></tr></table>", "Referrals by source"),
])
def test_every_cell_row_carries_its_table_caption(tmp_path, name, text, caption):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert [t.caption for t in doc.tables] == [caption]
    assert {r["caption"] for r in table_rows(doc)} == {caption}


def test_a_table_with_no_title_line_has_no_caption(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("The figures below are for the year, as the board asked.\n\nTeam\tCalls\nNorth\t120\n"
                    "South\t98\n", encoding="utf-8")
    doc = load_document(path)
    assert [t.caption for t in doc.tables] == [""]
    assert {r["caption"] for r in table_rows(doc)} == {None}  # an empty string is written as NULL


def test_the_reader_scales_money_by_the_written_caption(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Budget by service (£m)\n\nService\tBudget\nPatrols\t1.5\nCCTV\t0.25\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.tables[0].caption == "Budget by service (£m)"
    values = {(f.subject, f.value, f.unit) for f in tables.extract(doc).facts}
    assert values == {("Patrols", 1_500_000, "gbp"), ("CCTV", 250_000, "gbp")}
