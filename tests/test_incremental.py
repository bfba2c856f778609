"""Re-runs skip what is unchanged, replace what changed, and resume what was interrupted."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch.ingest import ingest
from pipeline.batch.tasks import POISON_ENV
from tests.corpus_factory import make_corpus, snapshot

REPO = Path(__file__).resolve().parents[1]


def doc_ids(out: Path, table: str = "documents") -> list[str]:
    return sorted(pq.read_table(out / f"{table}.parquet", columns=["doc_id"])["doc_id"].to_pylist())


def test_unchanged_rerun_skips_everything_and_keeps_the_rows(tmp_path):
    make_corpus(tmp_path / "in", 6)
    first = ingest([tmp_path / "in"], tmp_path / "out", jobs=2)
    before = snapshot(tmp_path / "out")
    again = ingest([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (len(first.results), again.skipped, len(again.results)) == (6, 6, 0)
    assert snapshot(tmp_path / "out") == before


def test_a_changed_file_replaces_its_old_rows(tmp_path):
    paths = make_corpus(tmp_path / "in", 5)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    old_ids = set(doc_ids(tmp_path / "out"))
    paths[2].write_text(paths[2].read_text() + "A late addition: 99 more cases.\n")
    again = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    new_ids = set(doc_ids(tmp_path / "out"))
    assert (again.skipped, len(again.results)) == (4, 1)
    assert len(new_ids) == 5 and len(old_ids - new_ids) == 1
    assert set(doc_ids(tmp_path / "out", "pages")) == new_ids  # no page of the old version left
    assert "late addition" in " ".join(pq.read_table(tmp_path / "out" / "pages.parquet")["text"].to_pylist())


def test_force_redoes_every_document_without_doubling_rows(tmp_path):
    make_corpus(tmp_path / "in", 4)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    before = snapshot(tmp_path / "out")
    forced = ingest([tmp_path / "in"], tmp_path / "out", jobs=1, force=True)
    assert (forced.skipped, len(forced.results)) == (0, 4)
    assert snapshot(tmp_path / "out") == before


def test_the_same_content_under_two_names_gives_one_set_of_rows(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    copy = tmp_path / "in" / "zz-copy-of-report.txt"
    copy.write_bytes(paths[0].read_bytes())
    summary = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert summary.duplicates == [(str(copy), str(paths[0]))]
    assert len(doc_ids(tmp_path / "out")) == 3
    assert len(doc_ids(tmp_path / "out", "pages")) == 3


def test_leftovers_of_a_crash_are_swept_before_a_run(tmp_path):
    make_corpus(tmp_path / "in", 2)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    partition = next((tmp_path / "out" / "dataset" / "pages").iterdir())
    orphan, temp = partition / "part-never-committed.parquet", partition / ".part-x.parquet.123.tmp"
    orphan.write_bytes((next(partition.glob("part-*.parquet"))).read_bytes())
    temp.write_bytes(b"half a file")
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert not orphan.exists() and not temp.exists()
    assert len(doc_ids(tmp_path / "out", "pages")) == 2


def _start_ingest(corpus: Path, out: Path, env: dict) -> subprocess.Popen:
    code = ("import sys; from pipeline.batch.ingest import ingest; "
            "ingest([sys.argv[1]], sys.argv[2], {'timeout_seconds': 120}, jobs=1, flush_docs=2)")
    return subprocess.Popen([sys.executable, "-c", code, str(corpus), str(out)], cwd=REPO,
                            env={**os.environ, **env, "PYTHONPATH": str(REPO)}, start_new_session=True)


def _wait_for_commits(manifest: Path, count: int, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if manifest.exists() and manifest.read_text().count('"op": "commit"') >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the run never committed {count} flushes")


def test_a_killed_run_resumes_without_duplicate_or_lost_rows(tmp_path):
    paths = make_corpus(tmp_path / "in", 30)
    ingest([tmp_path / "in"], tmp_path / "clean", jobs=2)
    # The 21st file hangs, so the run is certainly mid-way when it is killed (with its worker).
    run = _start_ingest(tmp_path / "in", tmp_path / "out", {POISON_ENV: f"hang:{paths[20].name}"})
    try:
        _wait_for_commits(tmp_path / "out" / "_state" / "manifest.jsonl", 5)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert not (tmp_path / "out" / "documents.parquet").exists()  # it never reached the end
    resumed = ingest([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert resumed.skipped >= 10 and resumed.skipped + len(resumed.results) == 30
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "clean")


def test_changed_output_settings_redo_documents_but_a_changed_timeout_does_not(tmp_path):
    make_corpus(tmp_path / "in", 3)
    ingest([tmp_path / "in"], tmp_path / "out", {"max_pages": 50}, jobs=1)
    longer = ingest([tmp_path / "in"], tmp_path / "out", {"max_pages": 50, "timeout_seconds": 999}, jobs=1)
    fewer_pages = ingest([tmp_path / "in"], tmp_path / "out", {"max_pages": 10}, jobs=1)
    assert (longer.skipped, fewer_pages.skipped, len(fewer_pages.results)) == (3, 0, 3)
    assert len(doc_ids(tmp_path / "out")) == 3
