"""The five single-file tables are one generation: a crash or a full disk mid-export never
leaves them out of step, and the next run finishes or redoes an export that did not end."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.batch.ingest import ingest
from pipeline.cli import main
from pipeline.output.manifest import locked
from pipeline.output.writer import DiskFull
from tests.corpus_factory import make_corpus, snapshot
from tests.faults import Killed

REPO = Path(__file__).resolve().parents[1]


def claimed_vs_present(out: Path) -> tuple[int, int]:
    """Facts the documents table claims against the facts the facts table has."""
    docs = pq.read_table(out / "documents.parquet", columns=["fact_count"])["fact_count"].to_pylist()
    return sum(docs), pq.ParquetFile(out / "facts.parquet").metadata.num_rows


def grow(folder: Path, first: int, count: int) -> None:
    for number in range(first, first + count):
        (folder / f"extra-{number}.txt").write_text(f"Annual report 2015-16: {number} cases closed, "
                                                   f"{number + 2} opened.\n")


def test_an_export_killed_between_its_renames_is_finished_by_the_next_run(tmp_path, inline, monkeypatch):
    make_corpus(tmp_path / "in", 4)
    ingest([tmp_path / "in"], tmp_path / "out")
    grow(tmp_path / "in", 0, 3)
    with monkeypatch.context() as patch:
        # the journal written and one table renamed: the kill lands mid-switch
        calls, real_replace = [0], os.replace

        def replace(source, target):
            if Path(target).parent == tmp_path / "out" and str(target).endswith(".parquet"):
                calls[0] += 1
                if calls[0] == 2:
                    raise Killed
            return real_replace(source, target)

        patch.setattr(os, "replace", replace)
        with pytest.raises(Killed):
            ingest([tmp_path / "in"], tmp_path / "out")
    claimed, present = claimed_vs_present(tmp_path / "out")
    assert claimed != present  # out of step, as a reader would see it now
    again = ingest([tmp_path / "in"], tmp_path / "out")
    assert (again.skipped, len(again.results)) == (7, 0)
    ingest([tmp_path / "in"], tmp_path / "clean")
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "clean")


def test_a_run_killed_after_its_commits_but_before_its_export_is_exported_next_time(tmp_path, inline, monkeypatch):
    make_corpus(tmp_path / "in", 3)
    ingest([tmp_path / "in"], tmp_path / "out")
    grow(tmp_path / "in", 0, 2)
    with monkeypatch.context() as patch:
        patch.setattr("pipeline.batch.ingest.export", lambda *a: (_ for _ in ()).throw(Killed()))
        with pytest.raises(Killed):
            ingest([tmp_path / "in"], tmp_path / "out")
    assert pq.ParquetFile(tmp_path / "out" / "documents.parquet").metadata.num_rows == 3  # old generation
    again = ingest([tmp_path / "in"], tmp_path / "out")
    assert len(again.results) == 0
    assert pq.ParquetFile(tmp_path / "out" / "documents.parquet").metadata.num_rows == 5
    assert claimed_vs_present(tmp_path / "out")[0] == claimed_vs_present(tmp_path / "out")[1]


def disk_full_after(patch, writes: int, where_name: str = "") -> None:
    """The device fills after `writes` Parquet files (those whose name holds `where_name`):
    every later such write fails with ENOSPC."""
    import pyarrow.parquet as parquet
    count, real_init = [0], parquet.ParquetWriter.__init__

    def init(self, where, *args, **kwargs):
        count[0] += where_name in str(where)
        if count[0] > writes:
            raise OSError(errno.ENOSPC, "No space left on device", str(where))
        real_init(self, where, *args, **kwargs)

    patch.setattr(parquet.ParquetWriter, "__init__", init)


def test_a_full_disk_during_export_leaves_the_previous_tables_whole(tmp_path, inline, monkeypatch):
    make_corpus(tmp_path / "in", 3)
    ingest([tmp_path / "in"], tmp_path / "out")
    before = snapshot(tmp_path / "out")
    grow(tmp_path / "in", 0, 2)
    with monkeypatch.context() as patch:
        disk_full_after(patch, 2, ".export.tmp")  # two tables exported, then the disk is full
        with pytest.raises(DiskFull, match="no space left on the device"):
            ingest([tmp_path / "in"], tmp_path / "out")
    assert snapshot(tmp_path / "out") == before
    assert not list((tmp_path / "out").glob(".*tmp"))
    ingest([tmp_path / "in"], tmp_path / "out")  # space again: the export is redone
    assert pq.ParquetFile(tmp_path / "out" / "documents.parquet").metadata.num_rows == 5


def test_a_full_disk_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    make_corpus(tmp_path / "in", 2)
    with monkeypatch.context() as patch:
        disk_full_after(patch, 0)
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                           "--jobs", "1", "--quiet"])
    assert result.exit_code == 1
    assert "no space left on the device" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [
    ["check", "{out}"],
    ["export", "-o", "{out}"],
    ["review", "flag_x", "-d", "{out}", "--dismiss"],
    ["ingest", "{in}", "-o", "{out}", "--jobs", "1"],
])
def test_every_writer_of_a_folder_takes_its_lock(tmp_path, command):
    make_corpus(tmp_path / "in", 1)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    args = [a.format(out=tmp_path / "out", **{"in": tmp_path / "in"}) for a in command]
    with locked(tmp_path / "out", "ingest"):
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "is in use by `recount ingest`" in result.output and "Traceback" not in result.output


def test_the_lock_names_the_command_holding_it_across_processes(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Referrals rose from 120 to 150 in 2019/20.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                     "--quiet", "--jobs", "1"]).exit_code == 0
    code = ("import sys, time; from pipeline.output.manifest import locked\n"
            "with locked(sys.argv[1], 'check'):\n print('held', flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "out")], cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "out")])
        assert f"`recount check` (pid {holder.pid})" in result.output
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert CliRunner().invoke(main, ["export", "-o", str(tmp_path / "out")]).exit_code == 0
