"""A change the prose states between two periods, held against the table's two values for the
same indicator: in a Markdown table, an HTML table with years over quarters, and a tab table."""
import pytest

from pipeline.process import process_document

MD = ("# Carrow CSP review 2021/22\n\n| Offence | 2020/21 | 2021/22 |\n|---|---:|---:|\n| Shoplifting | 245 | 260 |\n"
      "| Criminal damage | 352 | 319 |\n\n{sentence}\n")
HTML = ("<h1>Carrow CSP review 2021/22</h1><table><tr><th rowspan='2'>Offence</th><th colspan='2'>2020/21</th>"
        "<th colspan='2'>2021/22</th></tr><tr><th>Q1</th><th>Q2</th><th>Q1</th><th>Q2</th></tr>"
        "<tr><td>Shoplifting</td><td>210</td><td>245</td><td>198</td><td>260</td></tr>"
        "<tr><td>Criminal damage</td><td>330</td><td>352</td><td>301</td><td>319</td></tr></table><p>{sentence}</p>")
TAB = "Carrow CSP review 2021/22\n\nOffence\t2020/21\t2021/22\nShoplifting\t245\t260\nCriminal damage\t352\t319\n\n{sentence}\n"


@pytest.mark.parametrize("name, layout, sentence", [
    ("r.md", MD, "Shoplifting in 2021/22 was {pct}% higher than in 2020/21."),
    ("r.txt", TAB, "Recorded shoplifting rose by {pct}% in 2021/22 compared with 2020/21."),
    ("r.html", HTML, "Shoplifting in Q2 2021/22 was {pct}% higher than in Q2 2020/21."),
])
@pytest.mark.parametrize("pct, flagged", [("6.1", False), ("6", False), ("8.1", True)])
def test_a_prose_change_agrees_with_the_tables_two_periods(tmp_path, name, layout, sentence, pct, flagged):
    path = tmp_path / name
    path.write_text(layout.format(sentence=sentence.format(pct=pct)), encoding="utf-8")
    found = [(f.rule_id, f.observed) for f in process_document(path).flags]
    assert found == ([("prose-change-matches-table", float(pct))] if flagged else [])


def test_a_change_for_an_indicator_the_table_lacks_is_left_alone(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(MD.format(sentence="Burglary in 2021/22 was 30% higher than in 2020/21."), encoding="utf-8")
    assert process_document(path).flags == ()
