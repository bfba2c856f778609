"""The CLI as a new user meets it: natural mistakes give one line and a documented exit code
(0 done, 1 a document failed, 2 usage error, 130 interrupted), never a traceback; Ctrl-C;
unsupported files; --prune; file permissions; the summary; NULLs in the written tables."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.batch.tasks import POISON_ENV
from pipeline.cli import main
from tests.corpus_factory import make_corpus

REPO = Path(__file__).resolve().parents[1]
SPEND_REPORT = REPO / "raw" / "swp-pcc-end-of-year-report-2013-14.txt"  # one flag: spend over allocation


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    (root / "in").mkdir()
    shutil.copy(SPEND_REPORT, root / "in")
    result = run("ingest", root / "in", "-o", root / "out", "-j", "1", "--quiet")
    assert result.exit_code == 0, result.output
    return root / "out"


@pytest.mark.parametrize("args, message", [
    # a folder of reports named where an output folder belongs
    (lambda t: ["report", t / "reports"], "not a recount output folder (no dataset/ or documents.parquet)"),
    (lambda t: ["check", t / "empty"], "not a recount output folder"),
    (lambda t: ["review", "flag_1", "--confirm", "-d", t / "empty"], "not a recount output folder"),
    (lambda t: ["review", "serve", t / "empty"], "not a recount output folder"),
    (lambda t: ["export", "-o", t / "empty"], "not a recount output folder"),
    # -o naming a file, or standard output, for a command that writes a folder
    (lambda t: ["ingest", SPEND_REPORT, "-o", t / "afile.txt"], "is a file; name a folder"),
    (lambda t: ["ingest", SPEND_REPORT, "-o", "-"], "not a stream; name a folder"),
    # inputs that are not there, or hold no report
    (lambda t: ["ingest", t / "nowhere", "-o", t / "out"], "no such file or folder"),
    (lambda t: ["ingest", t / "empty", "-o", t / "out"], "no reports found"),
    (lambda t: ["ingest", SPEND_REPORT, "--executor", "dask"], "--scheduler"),
])
def test_a_mistake_is_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "reports").mkdir()
    shutil.copy(SPEND_REPORT, tmp_path / "reports")
    (tmp_path / "afile.txt").write_text("x")
    result = run(*args(tmp_path))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len([ln for ln in result.output.splitlines() if ln.startswith("Error")]) == 1
    assert not (tmp_path / "out").exists()  # nothing written before the mistake was found
    assert list((tmp_path / "empty").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile.txt", "empty", "reports"]  # no store beside


def test_a_mistake_from_the_shell_has_no_traceback(tmp_path):
    shutil.copy(SPEND_REPORT, tmp_path)
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "out" / "dataset").mkdir(parents=True)  # an output folder whose tables were deleted
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "--debug", "report", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1 and "Traceback" in result.stderr and "OutputMissing" in result.stderr


def test_report_to_standard_output(processed):
    result = run("report", processed, "--format", "csv", "-o", "-")
    assert result.exit_code == 0
    assert "spend-within-allocation" in result.stdout and "1 open flag written to standard output" in result.stderr


def test_ctrl_c_exits_130_with_one_line_and_the_next_run_resumes(tmp_path):
    make_corpus(tmp_path / "in", 6)
    env = {**os.environ, POISON_ENV: "hang:report-005.txt", "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "pipeline.cli", "ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
            "-j", "2", "--log-format", "json", "--timeout", "600"]
    # a new session: the signal goes to the whole process group, as a terminal's Ctrl-C does;
    # SIGINT handled as in a terminal's foreground job, even where the tests run in a
    # background job (which starts with SIGINT ignored, and so would the ingest)
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env, cwd=REPO, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    done = 0
    for line in child.stderr:  # wait until documents are finishing and one worker hangs
        done += json.loads(line).get("event") == "document"
        if done >= 3:
            break
    os.killpg(child.pid, signal.SIGINT)
    stdout, rest = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest
    assert "recount: interrupted" in rest and stdout == ""
    again = subprocess.run(args[:-4] + ["--quiet"], capture_output=True, text=True, cwd=REPO,
                           env={**os.environ, "PYTHONPATH": str(REPO)})
    assert again.returncode == 0, again.stderr
    first = again.stdout.splitlines()[0]  # "this run: 3 processed (3 ok); 3 unchanged", or so
    assert "unchanged" in first and "processed" in first


def test_unsupported_files_are_listed_with_a_hint_not_failures(tmp_path):
    make_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / "README").write_text("How these files were collected.")
    (tmp_path / "in" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run("ingest", tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "this run: 1 processed (1 ok); 2 not read (unsupported type)"
    assert any("logo.png: .png, not a type recount reads" in ln for ln in lines)
    assert any("README: no extension" in ln for ln in lines)
    assert any("convert to PDF, or save as .docx, .xlsx, .csv or .txt" in ln for ln in lines)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").column("file_name").to_pylist()
    assert docs == ["report-000.txt"]


def test_prune_removes_documents_no_longer_among_the_inputs(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    args = ["ingest", tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "--quiet"]
    run(*args)
    paths[0].unlink()
    paths[1].rename(tmp_path / "in" / "renamed.txt")  # the same content under a new name: not stale
    kept = run(*args)
    assert "1 document in the output no longer among the inputs (stale): --prune removes them" in kept.output
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == 3
    pruned = run(*args, "--prune")
    assert pruned.output.splitlines()[0] == "this run: 2 unchanged; 1 pruned (no longer among the inputs)"
    assert "stale" not in pruned.output
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert sorted(d["file_name"] for d in docs) == ["report-001.txt", "report-002.txt"]  # rows keep the old name
    facts = pq.read_table(tmp_path / "out" / "facts.parquet").column("doc_id").to_pylist()
    assert set(facts) == {d["doc_id"] for d in docs}


@pytest.mark.parametrize("umask, mode", [(0o002, 0o664), (0o077, 0o600)])
def test_output_files_follow_the_umask(tmp_path, umask, mode):
    make_corpus(tmp_path / "in", 1)
    previous = os.umask(umask)
    try:
        assert run("ingest", tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "--quiet").exit_code == 0
    finally:
        os.umask(previous)
    files = [p for p in (tmp_path / "out").rglob("*.parquet")]
    assert {p.name for p in files if p.parent == tmp_path / "out"} == {
        f"{name}.parquet" for name in ("documents", "pages", "tables", "facts", "flags", "skipped")}
    assert any("dataset" in p.parts for p in files)  # the parts are written the same way
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {oct(mode)}


def test_summary_says_what_the_run_did_and_what_the_output_holds(processed, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SPEND_REPORT, src)
    first = run("ingest", src, "-o", tmp_path / "out", "-j", "1", "--quiet")
    assert first.output.splitlines() == [
        "this run: 1 processed (1 ok)",
        "output: 1 document, 22 facts, 1 flag: 1 error",
        f"next: recount report {tmp_path / 'out'}"]
    again = run("ingest", src, "-o", tmp_path / "out", "-j", "1", "--quiet", "-v")
    assert again.output.splitlines()[:2] == ["this run: 1 unchanged", "output: 1 document, 22 facts, 1 flag: 1 error"]
    forced = run("ingest", src, "-o", tmp_path / "out", "-j", "1", "--quiet", "-v", "--force")
    assert forced.output.splitlines()[1] == f"  ok             {src / SPEND_REPORT.name}: 1 page, 22 facts, 1 flag"


def test_a_failed_document_exits_1_and_is_listed(tmp_path):
    make_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = run("ingest", tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "--quiet")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "this run: 2 processed (1 error, 1 ok)"
    assert any(ln.startswith("  error") and "scan.pdf" in ln for ln in result.output.splitlines())


def test_missing_values_are_null_in_the_written_tables(processed):
    sql = duckdb.connect()

    def count(table: str, where: str) -> int:
        path = processed / f"{table}.parquet"
        return sql.execute(f"select count(*) from read_parquet('{path}') where {where}").fetchone()[0]
    assert count("facts", "direction is null") > 0
    for column in ("period", "direction", "label", "area", "table_id", "note", "claim_id"):
        assert count("facts", f"{column} = ''") == 0, column
    assert count("documents", "reason is null") == 1
    assert count("tables", "ref is null") > 0  # a text report has no cell addresses
