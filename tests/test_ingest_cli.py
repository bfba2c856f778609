"""The ingest command's batch options, run as a user would."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import main
from tests.corpus_factory import make_corpus


def test_json_log_format_gives_one_event_per_document_and_a_finish(tmp_path):
    make_corpus(tmp_path / "in", 3)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--jobs", "2", "--log-format", "json"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["event"] for e in events if e["event"] != "document"] == ["start", "finished"]
    documents = [e for e in events if e["event"] == "document"]
    assert sorted((e["file"].rsplit("/", 1)[1], e["status"], e["pages"]) for e in documents) == [
        ("report-000.txt", "ok", 1), ("report-001.txt", "ok", 1), ("report-002.txt", "ok", 1)]
    assert events[-1]["done"] == 3 and events[-1]["pages"] == 3


def test_quiet_rerun_reports_unchanged_documents(tmp_path):
    make_corpus(tmp_path / "in", 2)
    args = ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet"]
    CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout.splitlines()[0] == "this run: 2 unchanged"
    assert "output: 2 documents" in again.stdout
    forced = CliRunner().invoke(main, args + ["--force"])
    assert forced.stdout.splitlines()[0] == "this run: 2 processed (2 ok)"


def test_dask_without_a_scheduler_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--executor", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_export_writes_the_single_files(tmp_path):
    make_corpus(tmp_path / "in", 2)
    CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "--quiet"])
    (tmp_path / "out" / "facts.parquet").unlink()
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and (tmp_path / "out" / "facts.parquet").exists()
