"""Stand-ins for a kill in tests: an exception nothing catches, a way to raise it before the
n-th atomic step of a run, and an in-process executor so a run takes a fraction of a second."""
from __future__ import annotations

import os

from pipeline.batch.tasks import run_document
from pipeline.output.manifest import Manifest


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even `except Exception` handlers."""


class InlineExecutor:
    """Runs each task in this process, in order (no worker start-up)."""

    def __init__(self, settings):
        self.settings = settings

    def map(self, tasks):
        for task in tasks:
            yield run_document(task, self.settings)


def kill_at(patch, step: int) -> list[int]:
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

    patch.setattr(os, "replace", replace)
    patch.setattr(Manifest, "_append", append)
    return calls
