"""What a run reads: never its own output, never a link out of the tree (unless asked), and
every entry it cannot read is a row with a status and a reason, not a silent gap."""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.batch.discover import discover
from pipeline.batch.ingest import ingest
from tests.corpus_factory import make_corpus


def documents(out: Path) -> dict[str, dict]:
    return {Path(d["path"]).name: d for d in pq.read_table(out / "documents.parquet").to_pylist()}


def test_an_output_folder_inside_the_input_folder_is_never_ingested(tmp_path):
    make_corpus(tmp_path / "in", 3)
    out = tmp_path / "in" / "processed"
    ingest([tmp_path / "in"], out, jobs=1)
    again = ingest([tmp_path / "in"], out, jobs=1)
    assert (len(again.results), again.skipped, again.failed) == (0, 3, [])
    assert sorted(documents(out)) == ["report-000.txt", "report-001.txt", "report-002.txt"]


def test_another_recount_output_folder_in_the_tree_is_left_out(tmp_path):
    make_corpus(tmp_path / "in" / "reports", 2)
    ingest([tmp_path / "in" / "reports"], tmp_path / "in" / "old-run", jobs=1)
    found = discover([tmp_path / "in"], tmp_path / "elsewhere")
    assert [p.name for p in found.files] == ["report-000.txt", "report-001.txt"]


def test_naming_the_output_folder_as_input_is_a_problem_not_a_document(tmp_path):
    (tmp_path / "out").mkdir()
    found = discover([tmp_path / "out"], tmp_path / "out")
    assert found.files == [] and "inside the output folder" in found.problems[0]


def test_a_link_out_of_the_input_tree_is_recorded_as_skipped_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Password list: 1234 and 5678 and 91011.\n")
    make_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / "innocent.txt").symlink_to(secret)
    (tmp_path / "in" / "etc").symlink_to(tmp_path, target_is_directory=True)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    docs = documents(tmp_path / "out")
    assert (docs["innocent.txt"]["status"], docs["etc"]["status"]) == ("skipped", "skipped")
    assert "outside the input folder" in docs["innocent.txt"]["reason"]
    assert "--follow-symlinks" in docs["innocent.txt"]["reason"]
    pages = " ".join(pq.read_table(tmp_path / "out" / "pages.parquet")["text"].to_pylist())
    assert "Password" not in pages


def test_follow_symlinks_reads_them(tmp_path):
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("Annual report 2015-16: 41 cases were closed.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked.txt").symlink_to(secret)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1, follow_symlinks=True)
    assert documents(tmp_path / "out")["linked.txt"]["status"] == "ok"


def test_a_link_inside_the_tree_gives_no_second_row(tmp_path):
    paths = make_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "alias.txt").symlink_to(paths[0])
    (tmp_path / "in" / "sub").symlink_to(tmp_path / "in", target_is_directory=True)
    found = discover([tmp_path / "in"], tmp_path / "out")
    assert [p.name for p in found.files] == ["alias.txt", "report-000.txt", "report-001.txt"]
    assert found.notes == []  # the alias is a duplicate by content; the folder link is not walked


def test_a_folder_that_cannot_be_listed_is_recorded_as_unreadable(tmp_path, monkeypatch):
    make_corpus(tmp_path / "in", 2)
    make_corpus(tmp_path / "in" / "locked", 2)
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (the suite may run as root)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    docs = documents(tmp_path / "out")
    assert docs["locked"]["status"] == "unreadable"
    assert docs["locked"]["reason"] == "folder cannot be listed: Permission denied"
    assert [r.document.status for r in summary.failed] == ["unreadable"]


def test_a_named_pipe_is_skipped_instead_of_blocking_the_run(tmp_path):
    make_corpus(tmp_path / "in", 1)
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert documents(tmp_path / "out")["pipe.txt"]["status"] == "skipped"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_an_unreadable_file_is_recorded_as_unreadable(tmp_path):
    make_corpus(tmp_path / "in", 1)
    locked = tmp_path / "in" / "locked.txt"
    locked.write_text("Annual report: 12 cases.\n")
    locked.chmod(0)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert documents(tmp_path / "out")["locked.txt"]["status"] == "unreadable"
