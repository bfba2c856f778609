"""Re-checking existing output, the review decisions store and the CLI over it."""
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from pipeline.batch.ingest import ingest
from pipeline.cli import main
from pipeline.model import DocumentResult
from pipeline.output.reader import read_facts, read_flags
from pipeline.output.writer import fact_rows, rows_for, to_arrow, write_outputs, write_table_atomic
from pipeline.review.decisions import DecisionStore, default_store
from pipeline.review.outputs import load
from pipeline.review.recheck import recheck, review
from pipeline.review.transfer import export_jsonl, import_jsonl, legacy_path
from pipeline.rules.flags import flag_key
from tests.test_rules_parts import BRAVE, parts_page
from tests.test_rules_spend import ITEMS, TABLE, spend_page


def write_processed(out, spend_name="spend.txt", brave_name="brave.txt", page_text=None):
    """An output folder as `recount ingest` writes it, from two documents' facts, no flags yet."""
    spend = spend_page(page_text or TABLE, ITEMS, "571,024", "£492,495")
    brave = parts_page(BRAVE, ["343", "304"], ["105", "130", "47", "10", "3"])
    brave.doc_id = "doc_b"
    brave.made = [replace(f, doc_id="doc_b", fact_id=f.fact_id + "b") for f in brave.made]
    results = [DocumentResult(replace(spend.document, file_name=spend_name), tuple(spend.made)),
               DocumentResult(replace(brave.document, doc_id="doc_b", file_name=brave_name),
                              tuple(brave.made))]
    write_outputs(out, rows_for(results))
    return out


@pytest.fixture
def processed(tmp_path):
    return write_processed(tmp_path / "processed")


def test_check_rewrites_flags_from_facts(processed):
    assert read_flags(processed) == []
    flags = recheck(processed)
    assert sorted((f.rule_id, f.status) for f in read_flags(processed)) == [
        ("parts-sum-to-whole", "open"), ("spend-within-allocation", "open")]
    assert read_flags(processed) == flags
    assert not default_store(processed).exists()  # nothing decided: no store made


def test_decisions_survive_reruns_and_reopen_when_numbers_change(processed):
    flags = {f.rule_id: f for f in recheck(processed)}
    review(processed, flags["parts-sum-to-whole"].flag_id[:12], "dismissed", "different-measure",
           "open cases not listed")
    store = default_store(processed)
    assert store == processed.parent / "processed.review.sqlite"
    assert [d.status for d in DecisionStore(store).history()] == ["dismissed"]
    again = {f.rule_id: f for f in recheck(processed)}
    assert (again["parts-sum-to-whole"].status, again["parts-sum-to-whole"].decision_reason) == \
        ("dismissed", "different-measure")
    assert again["spend-within-allocation"].status == "open"
    # a re-extraction reads the whole as 305: same rule and measures, new numbers -> reopened
    facts = [replace(f, value=305.0) if f.value == 304 else f for f in read_facts(processed)]
    write_table_atomic(to_arrow("facts", fact_rows(facts)), processed / "facts.parquet")
    changed = {f.rule_id: f for f in recheck(processed)}["parts-sum-to-whole"]
    assert changed.status == "reopened" and "dismissed on" in changed.decision_note
    assert "expected 304" in changed.decision_note and "expected 305" in changed.decision_note


def test_undo_returns_a_flag_to_open_and_keeps_the_history(processed):
    flag = next(f for f in recheck(processed) if f.rule_id == "spend-within-allocation")
    review(processed, flag.flag_id, "confirmed", note="overspend")
    assert review(processed, flag.flag_id, "open").status == "open"
    assert [d.status for d in DecisionStore(default_store(processed)).history()] == ["confirmed", "open"]


def test_two_output_folders_in_one_parent_keep_their_own_decisions(tmp_path):
    first, second = write_processed(tmp_path / "a"), write_processed(tmp_path / "b")
    flag = next(f for f in recheck(first) if f.rule_id == "spend-within-allocation")
    review(first, flag.flag_id, "confirmed")
    assert default_store(first) != default_store(second)
    assert {f.status for f in recheck(second)} == {"open"}


def test_dismissing_needs_a_known_reason(processed):
    flag = recheck(processed)[0]
    with pytest.raises(ValueError, match="needs a reason"):
        review(processed, flag.flag_id, "dismissed")
    with pytest.raises(ValueError, match="reason must be one of"):
        review(processed, flag.flag_id, "dismissed", "because")
    with pytest.raises(KeyError):
        review(processed, "flag_nope", "confirmed")


def test_old_decisions_jsonl_is_imported_once(processed):
    flags = {f.rule_id: f for f in recheck(processed)}
    spend, parts = flags["spend-within-allocation"], flags["parts-sum-to-whole"]
    old = [  # the old format: by flag id, and by rule + fact ids when the numbers had changed
        {"flag_id": spend.flag_id, "key": flag_key(spend.rule_id, spend.fact_ids),
         "status": "confirmed", "note": "overspend", "expected": 1.0, "observed": 2.0,
         "decided_at": "2026-01-01T00:00:00+00:00"},
        {"flag_id": "flag_gone", "key": flag_key(parts.rule_id, parts.fact_ids),
         "status": "dismissed", "reason": "rounding", "expected": 300, "observed": 290,
         "decided_at": "2026-01-02T00:00:00+00:00"},
        {"flag_id": "flag_other", "key": "flagkey_other", "status": "confirmed",
         "decided_at": "2026-01-03T00:00:00+00:00"}]
    path = legacy_path(processed)
    path.parent.mkdir()
    path.write_text("".join(json.dumps(row) + "\n" for row in old))
    after = {f.rule_id: f for f in recheck(processed)}
    assert (after["spend-within-allocation"].status, after["spend-within-allocation"].decision_note) == \
        ("confirmed", "overspend")
    assert after["parts-sum-to-whole"].status == "reopened"
    recheck(processed)
    assert len(DecisionStore(default_store(processed)).history()) == 2  # imported once, unmatched left
    assert path.exists()


def test_export_and_import_carry_decisions_to_another_folder(tmp_path, processed):
    flag = next(f for f in recheck(processed) if f.rule_id == "parts-sum-to-whole")
    review(processed, flag.flag_id, "dismissed", "rounding", "ok")
    exported = tmp_path / "decisions.jsonl"
    assert export_jsonl(DecisionStore(default_store(processed)), exported) == 1
    elsewhere = write_processed(tmp_path / "copy")
    recheck(elsewhere)
    store = DecisionStore(default_store(elsewhere))
    assert import_jsonl(store, exported) == 1 and import_jsonl(store, exported) == 0
    assert {f.rule_id: f.status for f in load(elsewhere, store).flags}["parts-sum-to-whole"] == "dismissed"
    exported.write_text('{"status": "confirmed"\n')
    with pytest.raises(ValueError, match="line 1"):
        import_jsonl(store, exported)


REPORT = """Northbridge Community Safety Partnership
Annual Funding Return 2016-17

Spend against the PCC grant

Item\tSpend
PCC Allocation\t£250,000
Youth diversion\t120,400
Domestic abuse advocacy\t98,000
Night-time economy\t61,250
Total\t279,650

Burglary fell from 412 to 380, a reduction of 12.5%.
"""


def test_decisions_survive_a_corrected_report(tmp_path):
    """The report is re-issued with one figure corrected: every fact and flag id changes (the
    document id is the content hash), but the decisions stay; the corrected flag reopens."""
    source, out = tmp_path / "in" / "northbridge-2016-17.txt", tmp_path / "out"
    source.parent.mkdir()
    source.write_text(REPORT)
    ingest([source.parent], out, jobs=1)
    flags = {f.rule_id: f for f in read_flags(out)}
    assert set(flags) == {"spend-within-allocation", "change-matches-levels"}
    review(out, flags["spend-within-allocation"].flag_id, "confirmed", note="overspent")
    review(out, flags["change-matches-levels"].flag_id, "dismissed", "other", "a typo")
    source.write_text(REPORT.replace("from 412 to 380", "from 412 to 390"))
    ingest([source.parent], out, jobs=1)
    after = {f.rule_id: f for f in read_flags(out)}
    assert after["spend-within-allocation"].flag_id != flags["spend-within-allocation"].flag_id
    assert [(r, after[r].status) for r in sorted(after)] == [
        ("change-matches-levels", "reopened"), ("spend-within-allocation", "confirmed")]
    assert "a typo" in after["change-matches-levels"].decision_note


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
    exported = tmp_path / "d.jsonl"
    result = runner.invoke(main, ["review", "export", str(processed), "-o", str(exported)])
    assert result.exit_code == 0 and "1 decisions written" in result.output
    result = runner.invoke(main, ["review", "import", str(processed), str(exported)])
    assert result.exit_code == 0 and "0 new decisions" in result.output
    result = runner.invoke(main, ["review", flag.flag_id, "-d", str(processed), "--reopen"])
    assert result.exit_code == 0 and " open " in result.output
    result = runner.invoke(main, ["review", "flag_nope", "-d", str(processed), "--confirm"])
    assert result.exit_code == 1 and "no flags match" in result.output
    result = runner.invoke(main, ["check", str(processed), "--enable", "no-such-rule"])
    assert result.exit_code != 0 and "available: change-matches-levels" in result.output
    assert "spend-within-allocation" in runner.invoke(main, ["rules"]).output
    assert "serve" in runner.invoke(main, ["review", "--help"]).output


def test_reading_decisions_makes_no_store(processed, tmp_path):
    recheck(processed)
    load(processed)
    assert not default_store(processed).exists()
    assert DecisionStore(tmp_path / "none.sqlite").latest() == {}
