"""Workers keep to their limits and their parent: they die with it, stay under the memory cap,
and never write to the terminal themselves (so `--log-format json` is JSON on every line)."""
from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch.ingest import ingest
from pipeline.batch.tasks import POISON_ENV
from pipeline.model.settings import Settings
from tests.corpus_factory import make_corpus

REPO = Path(__file__).resolve().parents[1]


def recount(*args: str, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})}, timeout=300)


def test_json_logs_wrap_what_workers_and_libraries_write_to_stderr(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    run = recount("ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1",
                  "--log-format", "json", env={POISON_ENV: f"noise:{paths[1].name}"})
    lines = run.stderr.splitlines()
    events = [json.loads(line) for line in lines]  # every line is JSON
    logged = [e for e in events if e["event"] == "log"]
    messages = " ".join(e["message"] for e in logged)
    assert "raw C-level write \x1b[2J to fd 2" in messages and "a print to sys.stderr" in messages
    assert "a library warning" in messages and "a library log record" in messages
    assert "more log lines of that document not shown" in messages
    assert len(logged) < 60  # 500 repeated warnings are capped per document
    assert [e["status"] for e in events if e["event"] == "document"] == ["ok"] * 3


def test_text_logs_show_worker_output_escaped_one_record_a_line(tmp_path):
    paths = make_corpus(tmp_path / "in", 2)
    run = recount("ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet",
                  env={POISON_ENV: f"noise:{paths[0].name}"})
    assert "\x1b" not in run.stderr
    assert "WARNING recount.worker.stderr: raw C-level write \\x1b[2J to fd 2" in run.stderr
    # a library's own log records (pdfminer, playa on a broken PDF) are details: -v shows them
    assert "a library log record" not in run.stderr and "repeated warning" not in run.stderr
    assert "more log lines" not in run.stderr  # the lines it held back were a library's details too
    verbose = recount("-v", "ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--jobs", "1",
                      "--quiet", env={POISON_ENV: f"noise:{paths[0].name}"})
    assert "INFO pdfminer.noise: a library log record" in verbose.stderr
    assert re.search(r"INFO recount.worker: \d+ more log lines of that document not shown", verbose.stderr)


def test_an_unexpected_error_is_one_line_without_debug_and_a_traceback_with_it(tmp_path):
    make_corpus(tmp_path / "in", 2)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    part = next((tmp_path / "out" / "dataset" / "facts").rglob("part-*.parquet"))
    part.write_bytes(b"PAR1 this part was damaged by hand PAR1")
    plain = recount("export", "-o", str(tmp_path / "out"))
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert "recount stopped on an unexpected error" in plain.stderr and "--debug" in plain.stderr
    debug = recount("--debug", "export", "-o", str(tmp_path / "out"))
    assert "Traceback" in debug.stderr


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, IndexError):
                continue
    return found


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    paths = make_corpus(tmp_path / "in", 6)
    code = ("import sys; from pipeline.batch.ingest import ingest; "
            "ingest([sys.argv[1]], sys.argv[2], {'timeout_seconds': 600}, jobs=2)")
    parent = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "out")],
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO),
                                             POISON_ENV: f"hang:{paths[0].name},hang:{paths[1].name}"})
    deadline, workers = time.monotonic() + 60, set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {pid for pid in children(parent.pid)
                   if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        time.sleep(0.2)
    time.sleep(3)  # both are now stuck on a hanging document
    parent.send_signal(signal.SIGKILL)  # the parent only, not its process group
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    assert len(workers) >= 2 and not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_a_document_over_the_memory_cap_is_too_large_and_the_rest_go_on(tmp_path, monkeypatch):
    paths = make_corpus(tmp_path / "in", 3)
    monkeypatch.setenv(POISON_ENV, f"hog:{paths[1].name}")
    summary = ingest([tmp_path / "in"], tmp_path / "out", Settings(max_memory_mb=900), jobs=1)
    docs = {d["file_name"]: d for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert {name: d["status"] for name, d in docs.items()} == {
        paths[0].name: "ok", paths[1].name: "too_large", paths[2].name: "ok"}
    assert "900 MB memory limit" in docs[paths[1].name]["reason"]
    assert summary.to_retry == 1


def test_a_native_abort_under_the_memory_cap_is_too_large_not_a_crash(tmp_path, monkeypatch):
    """PDFium cannot allocate a stream bomb's 300 MB under the cap and aborts (SIGABRT)."""
    paths = make_corpus(tmp_path / "in", 3)
    monkeypatch.setenv(POISON_ENV, f"abort:{paths[1].name},crash:{paths[2].name}")
    summary = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    docs = {d["file_name"]: d for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert [docs[p.name]["status"] for p in paths] == ["ok", "too_large", "error"]
    assert "within the 1536 MB memory limit (max_memory_mb)" in docs[paths[1].name]["reason"]
    assert "exit code 13" in docs[paths[2].name]["reason"]  # any other death is still an error
    assert summary.to_retry == 2
