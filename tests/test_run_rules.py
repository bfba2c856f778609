"""Rule configuration is part of the run: ingest takes the rule options, records them, and
`check` without options reproduces ingest's flags."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from pipeline.cli import main

REPORT = ("Partnership Return 2014/15\n\nGrant allocated to the partnership for 2014/15: £20,000\n\n"
          "Project\tSpend 2014/15 (£)\nYouth work\t11,450\nPatrols\t12,000\nTotal expenditure\t23,450\n")


def flags_of(out) -> list[str]:
    return sorted(pq.read_table(out / "flags.parquet").column("rule_id").to_pylist())


def test_ingest_takes_the_rule_options_and_check_reproduces_them(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "return.txt").write_text(REPORT, encoding="utf-8")
    run = CliRunner()
    default, tuned = tmp_path / "default", tmp_path / "tuned"
    assert run.invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(default), "--quiet"]).exit_code == 0
    result = run.invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tuned), "--quiet",
                               "--disable", "spend-within-allocation", "--set", "parts-sum-to-whole.min_parts_for_shortfall=4"])
    assert result.exit_code == 0, result.output
    assert "spend-within-allocation" in flags_of(default)
    assert "spend-within-allocation" not in flags_of(tuned)
    recorded = json.loads((tuned / "rules.json").read_text())
    assert recorded["disable"] == ["spend-within-allocation"]
    assert recorded["params"] == {"parts-sum-to-whole": {"min_parts_for_shortfall": 4}}
    # the run version includes the rules: re-ingesting with other rules redoes the document
    again = run.invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(default), "--quiet",
                              "--disable", "spend-within-allocation"])
    assert "unchanged since the last run" not in again.output
    assert "spend-within-allocation" not in flags_of(default)
    before = flags_of(tuned)
    assert run.invoke(main, ["check", str(tuned)]).exit_code == 0
    assert flags_of(tuned) == before  # check with no options: the recorded rules
    assert run.invoke(main, ["check", str(tuned), "--enable", "spend-within-allocation"]).exit_code == 0
    assert flags_of(tuned) == ["spend-within-allocation"]


def test_a_bad_rule_option_on_ingest_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "-o", str(tmp_path / "out"), "--disable", "no-such"])
    assert result.exit_code != 0 and "unknown rule(s) ['no-such']" in result.output
