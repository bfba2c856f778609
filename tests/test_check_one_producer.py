"""`recount check` publishes its flags the way ingest does: into the dataset, then out to
flags.parquet through the one-generation export, with the settings recorded; a kill at any
step of a check leaves the old flags or the new ones, and the next check ends the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch.ingest import ingest
from pipeline.model.settings import Settings
from pipeline.output.dataset import batches
from pipeline.output.manifest import Manifest
from pipeline.output.reader import read_flags
from pipeline.output.run_rules import read_run_rules
from pipeline.review.recheck import recheck
from pipeline.rules.settings import RuleSettings
from tests.corpus_factory import snapshot
from tests.faults import Killed, kill_at

REPORTS = {
    "outcomes-2017-18.md": ("# Outcomes report 2017/18\n\n6.1 Of the 1,042 cases closed during the year:\n\n"
                            "- 584 were closed with the risk reduced;\n- 219 were closed at the client's request;\n"
                            "- 141 were transferred to another area; and\n- 82 were closed for other reasons.\n"),
    "hub-2015-16.md": ("# Hub report 2015/16\n\nOf 50 referrals in 2015/16, 30 were accepted and 25 declined.\n"),
    "quiet-2016-17.md": "# Quiet report 2016/17\n\nThe team has 9 staff in 2016/17.\n",
}


@pytest.fixture
def out(tmp_path, inline) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text)
    ingest([folder], tmp_path / "out")
    return tmp_path / "out"


def dataset_flags(out: Path) -> list[str]:
    return sorted(row["flag_id"] for batch in batches(out, "flags", Manifest(out)) for row in batch.to_pylist())


def test_check_with_a_rule_off_rewrites_the_dataset_and_the_single_file_alike(out):
    before = read_flags(out)
    assert sorted(f.rule_id for f in before) == ["parts-sum-to-whole", "parts-sum-to-whole"]
    flags = recheck(out, RuleSettings().with_overrides(disable=["parts-sum-to-whole"]))
    assert flags == [] and read_flags(out) == [] and dataset_flags(out) == []
    assert "parts-sum-to-whole" in read_run_rules(out)  # recorded: a bare check keeps it off
    assert recheck(out) == []
    recheck(out, RuleSettings())
    assert sorted(f.flag_id for f in read_flags(out)) == dataset_flags(out) == sorted(f.flag_id for f in before)


def test_ingest_with_the_rules_a_check_recorded_makes_the_same_flags(out, tmp_path):
    recheck(out, RuleSettings().with_overrides(assignments=["parts-sum-to-whole.min_parts_for_shortfall=5"]))
    checked = sorted((f.flag_id, f.message) for f in read_flags(out))
    assert len(checked) == 1  # the four short bullets no longer count as a breakdown to flag
    ingest([tmp_path / "in"], tmp_path / "again", Settings(rules=read_run_rules(out)))
    assert sorted((f.flag_id, f.message) for f in read_flags(tmp_path / "again")) == checked


def test_a_check_killed_at_any_step_is_finished_by_the_next(out):
    off = RuleSettings().with_overrides(disable=["parts-sum-to-whole"])
    recheck(out, off)
    done = snapshot(out)
    recheck(out, RuleSettings())
    step, finished = 0, False
    while not finished:
        step += 1
        with pytest.MonkeyPatch.context() as patch:
            calls = kill_at(patch, step)
            try:
                recheck(out, off)
                finished = calls[0] < step
            except Killed:
                pass
        recheck(out, off)
        assert snapshot(out) == done, f"killed before step {step}"
        assert dataset_flags(out) == []
        recheck(out, RuleSettings())
    assert step > 5  # the parts, the manifest line, the corpus flags and every export rename
