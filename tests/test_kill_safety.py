"""A kill at any point of a re-run (`--force`, compaction, export, `check`) leaves the previous
state or the new one, never neither: the next run ends with every row, none doubled.

Two ways of killing: a real SIGKILL of a running `--force` at random moments, and an
exhaustive sweep that stops the run in-process before each of its atomic steps in turn
(every rename and every manifest line), with an in-process executor so it stays fast.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import ingest as ingest_module
from pipeline.batch.ingest import ingest
from pipeline.batch.tasks import run_document
from pipeline.output.manifest import Manifest
from pipeline.review.recheck import recheck
from tests.corpus_factory import make_corpus, snapshot

REPO = Path(__file__).resolve().parents[1]


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even `except Exception` handlers."""


class InlineExecutor:
    def __init__(self, settings):
        self.settings = settings

    def map(self, tasks):
        for task in tasks:
            yield run_document(task, self.settings)


@pytest.fixture
def inline(monkeypatch):
    monkeypatch.setattr(ingest_module, "make_executor", lambda kind, jobs, settings, scheduler: InlineExecutor(settings))


def kill_at(monkeypatch, step: int) -> list[int]:
    """Raise Killed at the `step`-th rename or manifest line (counting both)."""
    calls = [0]
    real_replace, real_append = os.replace, Manifest._append

    def tick():
        calls[0] += 1
        if calls[0] == step:
            raise Killed(step)

    def replace(*args, **kwargs):
        tick()
        return real_replace(*args, **kwargs)

    def append(self, record):
        tick()
        return real_append(self, record)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(Manifest, "_append", append)
    return calls


def test_a_forced_rerun_killed_before_any_of_its_steps_loses_nothing(tmp_path, inline, monkeypatch):
    paths = make_corpus(tmp_path / "in", 6)
    ingest([tmp_path / "in"], tmp_path / "clean", flush_docs=2)
    clean = snapshot(tmp_path / "clean")
    ingest([tmp_path / "in"], tmp_path / "out", flush_docs=2)
    paths[3].write_text(paths[3].read_text() + "One more: 7 cases.\n")  # a changed file too
    ingest([tmp_path / "in"], tmp_path / "clean", flush_docs=2)
    changed = snapshot(tmp_path / "clean")
    step, finished = 0, False
    while not finished:
        step += 1
        with monkeypatch.context() as patch:
            calls = kill_at(patch, step)
            try:
                ingest([tmp_path / "in"], tmp_path / "out", force=True, flush_docs=2)
                finished = calls[0] < step
            except Killed:
                pass
        ingest([tmp_path / "in"], tmp_path / "out", flush_docs=2)
        assert snapshot(tmp_path / "out") == changed, f"killed before step {step}"
        paths[3].write_text(paths[3].read_text())  # touch: the next forced run sees the same files
    assert step > 10  # every commit, compaction rewrite and export rename was a kill point
    assert clean != changed


def test_check_killed_before_it_replaces_the_flags_leaves_them_as_they_were(tmp_path, inline, monkeypatch):
    make_corpus(tmp_path / "in", 3)
    ingest([tmp_path / "in"], tmp_path / "out")
    before = snapshot(tmp_path / "out")
    with monkeypatch.context() as patch:
        kill_at(patch, 1)
        with pytest.raises(Killed):
            recheck(tmp_path / "out")
    assert snapshot(tmp_path / "out") == before
    assert not list((tmp_path / "out").glob(".*tmp"))


def _forced_run(corpus: Path, out: Path) -> subprocess.Popen:
    code = ("import sys; from pipeline.batch.ingest import ingest; "
            "ingest([sys.argv[1]], sys.argv[2], jobs=1, force=True, flush_docs=2)")
    return subprocess.Popen([sys.executable, "-c", code, str(corpus), str(out)], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
                            stderr=subprocess.DEVNULL)


def test_a_forced_rerun_sigkilled_at_random_moments_resumes_to_the_same_rows(tmp_path):
    make_corpus(tmp_path / "in", 10)
    ingest([tmp_path / "in"], tmp_path / "out", jobs=1, flush_docs=2)
    clean = snapshot(tmp_path / "out")
    started = time.monotonic()
    _forced_run(tmp_path / "in", tmp_path / "out").wait()
    length = time.monotonic() - started
    moments = random.Random(16).sample(range(10, 95), 3)  # percent of a whole forced run
    for percent in moments:
        run = _forced_run(tmp_path / "in", tmp_path / "out")
        time.sleep(length * percent / 100)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        ingest([tmp_path / "in"], tmp_path / "out", jobs=1, flush_docs=2)
        assert snapshot(tmp_path / "out") == clean, f"killed at {percent}% of a forced run"
