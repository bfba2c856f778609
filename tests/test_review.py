"""Re-checking existing output, the review decisions store and the report."""
import csv
import io
from dataclasses import replace

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.model import DocumentResult
from pipeline.output.reader import read_facts, read_flags
from pipeline.review.decisions import default_store, load_decisions
from pipeline.review.recheck import recheck, review
from pipeline.review.report import write_report
from pipeline.output.writer import fact_rows, rows_for, to_arrow, write_outputs, write_table_atomic
from tests.test_rules_parts import BRAVE, parts_page
from tests.test_rules_spend import ITEMS, TABLE, spend_page


@pytest.fixture
def processed(tmp_path):
    """An output folder as `recount ingest` writes it, from two documents' facts, no flags yet."""
    spend = spend_page(TABLE, ITEMS, "571,024", "£492,495")
    brave = parts_page(BRAVE, ["343", "304"], ["105", "130", "47", "10", "3"])
    brave.doc_id = "doc_b"
    brave.made = [replace(f, doc_id="doc_b", fact_id=f.fact_id + "b") for f in brave.made]
    results = [DocumentResult(spend.document, tuple(spend.made)),
               DocumentResult(replace(brave.document, doc_id="doc_b", file_name="brave.txt"),
                              tuple(brave.made))]
    out = tmp_path / "processed"
    write_outputs(out, rows_for(results))
    return out


def test_check_rewrites_flags_from_facts(processed):
    assert read_flags(processed) == []
    flags = recheck(processed)
    assert sorted((f.rule_id, f.status) for f in read_flags(processed)) == [
        ("parts-sum-to-whole", "open"), ("spend-within-allocation", "open")]
    assert read_flags(processed) == flags


def test_decisions_survive_reruns_and_reopen_when_numbers_change(processed):
    flags = {f.rule_id: f for f in recheck(processed)}
    review(processed, flags["parts-sum-to-whole"].flag_id[:12], "dismissed", "different-measure",
           "open cases not listed")
    store = default_store(processed)
    assert store == processed.parent / "review" / "decisions.jsonl" and len(load_decisions(store)) == 1
    again = {f.rule_id: f for f in recheck(processed)}
    assert (again["parts-sum-to-whole"].status, again["parts-sum-to-whole"].decision_reason) == \
        ("dismissed", "different-measure")
    assert again["spend-within-allocation"].status == "open"
    # a re-extraction reads the whole as 305: same rule and facts, new numbers -> reopened
    facts = [replace(f, value=305.0) if f.value == 304 else f for f in read_facts(processed)]
    write_table_atomic(to_arrow("facts", fact_rows(facts)), processed / "facts.parquet")
    changed = {f.rule_id: f for f in recheck(processed)}["parts-sum-to-whole"]
    assert changed.status == "reopened" and "dismissed when the numbers were" in changed.decision_note


def test_dismissing_needs_a_known_reason(processed):
    flag = recheck(processed)[0]
    with pytest.raises(ValueError, match="needs a reason"):
        review(processed, flag.flag_id, "dismissed")
    with pytest.raises(KeyError):
        review(processed, "flag_nope", "confirmed")


def test_report_in_three_formats(processed, tmp_path):
    recheck(processed)
    html_path = tmp_path / "r.html"
    assert write_report(processed, html_path) == 2
    page = html_path.read_text()
    assert "The total spent does not exceed the money allocated for it." in page
    assert "<mark>571,024</mark>" in page and "page 1" in page and "brave.txt" in page
    csv_path = tmp_path / "r.csv"
    write_report(processed, csv_path, "csv")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert sorted(r["observed"] for r in rows) == ["295.0", "571024.0"]
    md_path = tmp_path / "r.md"
    write_report(processed, md_path, "md")
    assert "Parts 105 + 130 + 47 + 10 + 3 = 295" in md_path.read_text()


def test_cli_commands(processed, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(processed), "--disable", "parts-sum-to-whole"])
    assert result.exit_code == 0 and "flags: 1 (1 error open)" in result.output
    flag = read_flags(processed)[0]
    result = runner.invoke(main, ["review", flag.flag_id, "-d", str(processed), "--confirm",
                                  "--note", "overspend"])
    assert result.exit_code == 0 and "confirmed" in result.output
    result = runner.invoke(main, ["report", str(processed), "-o", str(tmp_path / "r.md"), "--format", "md"])
    assert result.exit_code == 0 and "0 open flags" in result.output
    result = runner.invoke(main, ["check", str(processed), "--enable", "no-such-rule"])
    assert result.exit_code != 0 and "available: change-matches-levels" in result.output
    assert "spend-within-allocation" in runner.invoke(main, ["rules"]).output
