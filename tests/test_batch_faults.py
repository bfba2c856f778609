"""A worker that crashes or hangs on one file costs that file only; the batch goes on."""
from __future__ import annotations

import pyarrow.parquet as pq

from pipeline.batch.executors import LocalExecutor
from pipeline.batch.ingest import ingest
from pipeline.model.settings import Settings
from pipeline.batch.tasks import POISON_ENV, Task
from tests.corpus_factory import make_corpus


def test_poisoned_files_are_recorded_and_the_rest_are_processed(tmp_path, monkeypatch):
    paths = make_corpus(tmp_path / "in", 8)
    monkeypatch.setenv(POISON_ENV, f"crash:{paths[1].name},hang:{paths[4].name}")
    summary = ingest([tmp_path / "in"], tmp_path / "out", Settings(timeout_seconds=3), jobs=2)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    statuses = {d["file_name"]: d["status"] for d in docs}
    assert statuses == {p.name: {1: "error", 4: "timeout"}.get(i, "ok") for i, p in enumerate(paths)}
    reasons = {d["file_name"]: d["reason"] for d in docs}
    assert "worker process died (exit code 13)" in reasons[paths[1].name]
    assert "no result within 3s" in reasons[paths[4].name]
    assert len(summary.failed) == 2
    pages = pq.read_table(tmp_path / "out" / "pages.parquet")
    assert pages.num_rows == 6  # one page for each of the six healthy reports


def test_a_crashing_worker_is_replaced_while_a_single_worker_runs(tmp_path, monkeypatch):
    """With one job, every file after the poisoned one needs the replacement worker."""
    paths = make_corpus(tmp_path, 4)
    monkeypatch.setenv(POISON_ENV, f"crash:{paths[0].name},crash:{paths[2].name}")
    executor = LocalExecutor(jobs=1, settings=Settings(timeout_seconds=20))
    outputs = list(executor.map([Task(str(p)) for p in paths]))
    assert sorted((o.document.file_name, o.document.status) for o in outputs) == [
        (paths[0].name, "error"), (paths[1].name, "ok"), (paths[2].name, "error"), (paths[3].name, "ok")]


def test_failed_documents_keep_their_content_hash_as_doc_id(tmp_path, monkeypatch):
    """So a re-run knows it already recorded them and does not add a second row."""
    paths = make_corpus(tmp_path / "in", 3)
    monkeypatch.setenv(POISON_ENV, f"crash:{paths[0].name}")
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    again = ingest([tmp_path / "in"], tmp_path / "out", jobs=1, retry=False)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert (again.skipped, again.retried) == (3, 0)
    assert len(docs) == 3 and all(len(d["doc_id"]) == 64 for d in docs)


def test_timed_out_and_crashed_documents_are_retried_on_the_next_run(tmp_path, monkeypatch):
    """A larger timeout or a quieter machine may do: failures are not cached as done."""
    paths = make_corpus(tmp_path / "in", 4)
    monkeypatch.setenv(POISON_ENV, f"crash:{paths[0].name},hang:{paths[1].name}")
    first = ingest([tmp_path / "in"], tmp_path / "out", Settings(timeout_seconds=10), jobs=1)
    monkeypatch.delenv(POISON_ENV)
    again = ingest([tmp_path / "in"], tmp_path / "out", Settings(timeout_seconds=10), jobs=1)
    statuses = {d["file_name"]: d["status"] for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert (first.to_retry, again.skipped, again.retried, again.to_retry) == (2, 2, 2, 0)
    assert statuses == {p.name: "ok" for p in paths}
    assert pq.read_table(tmp_path / "out" / "pages.parquet").num_rows == 4  # no stale row doubled


def test_files_queued_behind_a_hanging_one_are_not_blamed_for_it(tmp_path, monkeypatch):
    paths = make_corpus(tmp_path, 4)
    monkeypatch.setenv(POISON_ENV, f"hang:{paths[0].name}")
    executor = LocalExecutor(jobs=1, settings=Settings(timeout_seconds=2), depth=3)
    outputs = list(executor.map([Task(str(p)) for p in paths]))
    assert sorted((o.document.file_name, o.document.status) for o in outputs) == [
        (paths[0].name, "timeout"), (paths[1].name, "ok"), (paths[2].name, "ok"), (paths[3].name, "ok")]
