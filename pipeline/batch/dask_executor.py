"""Run the same document tasks on a Dask distributed cluster (`--executor dask`).

The cluster only runs `run_document`; results (Arrow tables) come back to this process,
which writes the same dataset layout as a local run, so workers need to see the input
files at the same paths but never the output folder. At most one task per worker thread
is in flight, which bounds memory here and makes the submit time a fair start for the
per-document deadline.

Limits Dask sets: a task cannot be stopped inside a worker thread, so a document over the
deadline is recorded as `timeout` and its future cancelled, but that thread stays busy
until the document finishes. A task that kills its worker process is retried by Dask on
other workers up to `distributed.scheduler.allowed-failures` times and then recorded as
`error` (KilledWorker).
"""
from __future__ import annotations

import logging
import time
from collections import deque
from typing import Iterable, Iterator

from distributed import Client, Future, wait

from pipeline.model.settings import Settings
from pipeline.batch.tasks import DocumentOutput, Task, failed_output, run_document, warm_up

log = logging.getLogger(__name__)


class DaskExecutor:
    def __init__(self, scheduler: str | Client | None, settings: Settings | None = None):
        if scheduler is None:
            raise ValueError("--executor dask needs --scheduler tcp://host:8786 (the cluster's scheduler)")
        self.owns_client = not isinstance(scheduler, Client)
        self.client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
        self.settings = Settings.resolve(settings)

    def map(self, tasks: Iterable[Task]) -> Iterator[DocumentOutput]:
        pending = deque(tasks)
        running: dict[Future, tuple[Task, float]] = {}
        try:
            if pending:
                self.client.run(warm_up)  # heavy imports once per worker, before any deadline
            window = max(1, sum(self.client.nthreads().values()))
            while pending or running:
                while pending and len(running) < window:
                    task = pending.popleft()
                    future = self.client.submit(run_document, task, self.settings, pure=False)
                    running[future] = (task, time.monotonic())
                yield from self._settle(running)
        finally:
            for future in running:
                future.cancel()
            if self.owns_client:
                self.client.close()

    def _settle(self, running: dict[Future, tuple[Task, float]]) -> Iterator[DocumentOutput]:
        """Wait for the first result or the nearest deadline; yield what finished or overran."""
        limit = self.settings.timeout_seconds
        nearest = min(started for _, started in running.values()) + limit
        try:
            done, _ = wait(list(running), timeout=max(0.05, nearest - time.monotonic()),
                           return_when="FIRST_COMPLETED")
        except TimeoutError:
            done = set()
        for future in done:
            task, started = running.pop(future)
            yield self._outcome(future, task, started)
        for future, (task, started) in list(running.items()):
            if time.monotonic() - started >= limit:
                running.pop(future)
                future.cancel()
                reason = f"no result within {limit:g}s on the Dask cluster; task cancelled"
                log.warning("%s: %s", task.path, reason)
                yield failed_output(task, "timeout", reason, time.monotonic() - started)

    def _outcome(self, future: Future, task: Task, started: float) -> DocumentOutput:
        if future.status == "finished":
            return future.result()
        error = future.exception()
        reason = f"task failed on the Dask cluster: {type(error).__name__}: {error}"
        log.warning("%s: %s", task.path, reason)
        return failed_output(task, "error", reason, time.monotonic() - started)
