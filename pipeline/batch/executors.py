"""Run document tasks in long-lived worker processes that are replaced when they die or hang.

Why not concurrent.futures or multiprocessing.Pool: a worker that dies breaks a
ProcessPoolExecutor (every pending task fails) and hangs a Pool, and neither can stop one
task that runs too long. Here each worker has its own pipe and takes one task at a time, so
the parent knows which file a dead or stuck worker held, records that file as failed,
starts a fresh worker and carries on. Workers import the heavy modules once, at start,
and report ready before their first deadline begins.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator, Optional, Protocol

from pipeline.model.settings import Settings
from pipeline.model.vocab import DocumentStatus
from pipeline.batch.tasks import DocumentOutput, Task, failed_output, run_document, warm_up
from pipeline.batch.worker import LOG, Channel, set_up

log = logging.getLogger(__name__)

READY = "ready"


class Executor(Protocol):
    def map(self, tasks: Iterable[Task]) -> Iterator[DocumentOutput]:
        """Yield one output per task, in completion order."""


@contextmanager
def sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a child process is spawned: the child inherits the disposition,
    so it ignores Ctrl-C from its first instruction (the parent's handler is put back)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _worker_main(conn: Connection, settings: Settings, pdf: bool = True) -> None:
    """A worker's life: set up (worker.py), warm up, then answer tasks until told to stop or
    the parent goes. Ctrl-C reaches every process of the terminal's group; only the parent
    acts on it (it stops the workers), so a worker ignores SIGINT instead of printing a
    traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    channel = Channel(conn)
    set_up(channel, settings.max_memory_mb)
    warm_up(pdf)
    channel.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone: nothing left to do
            return
        if task is None:
            return
        channel.result(run_document(task, settings))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    queue: deque = field(default_factory=deque)  # tasks sent and not answered; the head is running
    started: float = 0.0  # when the head task started
    killed: bool = False  # stopped by us for a timeout: what is left in its queue never started

    @property
    def task(self) -> Optional[Task]:
        return self.queue[0] if self.queue else None


class LocalExecutor:
    """`jobs` worker processes on this machine; a task over `settings.timeout_seconds` is killed.

    Each worker gets `depth` tasks ahead so it never idles while the parent writes results;
    the deadline runs for the task at the head of its queue only, and tasks queued behind a
    task that hangs or crashes go back to the pending list, not to the failed ones.
    """

    def __init__(self, jobs: int | None = None, settings: Settings | None = None,
                 start_method: str = "spawn", depth: int = 2):
        self.jobs, self.depth = max(1, jobs or default_jobs()), depth
        self.settings = Settings.resolve(settings)
        self.context = mp.get_context(start_method)
        self.start_failures = 0
        self.pdf = True

    def map(self, tasks: Iterable[Task]) -> Iterator[DocumentOutput]:
        pending = deque(tasks)
        self.pdf = any(Path(t.path).suffix.lower() == ".pdf" for t in pending)  # workers warm the PDF finders
        workers = [self._start() for _ in range(min(self.jobs, len(pending)))]
        try:
            while pending or any(w.task for w in workers):
                self._dispatch(workers, pending)
                yield from self._collect(workers)
                yield from self._survivors(workers, pending)
        finally:
            for worker in workers:
                self._stop(worker)

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        # every concrete context has Process; BaseContext's stub does not declare it
        process = self.context.Process(target=_worker_main, args=(child, self.settings, self.pdf),  # type: ignore[attr-defined]
                                       daemon=True, name="recount-worker")
        with sigint_ignored():  # a Ctrl-C while the child starts up must not reach it either
            process.start()
        child.close()
        return _Worker(process, parent)

    def _dispatch(self, workers: list[_Worker], pending: deque) -> None:
        for worker in workers:
            while pending and worker.ready and len(worker.queue) < self.depth:
                if not worker.queue:
                    worker.started = time.monotonic()
                worker.queue.append(pending.popleft())
                try:
                    worker.conn.send(worker.queue[-1])
                except OSError:  # it just died: its queue is settled when the death is seen
                    break

    def _collect(self, workers: list[_Worker]) -> Iterator[DocumentOutput]:
        """Wait for a message, a death or the nearest deadline; take every result that came."""
        deadlines = [w.started + self.settings.timeout_seconds for w in workers if w.task]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout)
        for worker in workers:
            yield from self._drain(worker)
            if worker.task and time.monotonic() - worker.started >= self.settings.timeout_seconds:
                worker.process.kill()
                worker.process.join()
                worker.killed = True
                yield self._fail(worker, "timeout", f"no result within {self.settings.timeout_seconds:g}s;"
                                 " worker stopped and replaced")

    def _drain(self, worker: _Worker) -> Iterator[DocumentOutput]:
        """All messages waiting on a worker's pipe: its ready signal and finished documents."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == READY:
                    worker.ready = True
                    continue
                if isinstance(message, tuple) and message[0] == LOG:
                    _, level, name, text = message
                    logging.getLogger(name).log(level, "%s", text)
                    continue
                worker.queue.popleft()
                worker.started = time.monotonic()  # the next queued task starts now
                yield message
        except (EOFError, OSError):
            return  # the worker died: _survivors settles its tasks

    def _survivors(self, workers: list[_Worker], pending: deque) -> Iterator[DocumentOutput]:
        """Replace dead workers (while work remains): the task a dead worker was running is
        recorded as failed, the ones queued behind it go back to pending. Updates `workers`."""
        alive = []
        for worker in workers:
            if worker.process.is_alive():  # looked at once: a second look may disagree
                alive.append(worker)
                continue
            # it may have died after its pipe was last read: take the results it sent first,
            # or a finished document would be blamed for the one that killed it
            yield from self._drain(worker)
            if worker.task and not worker.killed:
                yield self._fail(worker, *self._death(worker.process.exitcode))
            pending.extendleft(reversed(worker.queue))
            fresh = self._replace(worker, bool(pending))
            if fresh is not None:
                alive.append(fresh)
        workers[:] = alive

    def _replace(self, worker: _Worker, needed: bool) -> _Worker | None:
        """A fresh worker for a dead one (if work remains); one that cannot start is a setup error."""
        self._stop(worker)
        if not needed:
            return None
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures > 3 * self.jobs:
                raise RuntimeError(f"recount workers keep dying before they are ready "
                                   f"(exit code {worker.process.exitcode}); see the log above")
        return self._start()

    def _death(self, code: int | None) -> tuple[DocumentStatus, str]:
        """What a worker's exit code says about the document it was on. Under the address-space
        cap, a native library (PDFium inflating a stream bomb) that cannot allocate aborts
        (SIGABRT) where Python would raise MemoryError: that is the memory limit, not a crash."""
        if code == -signal.SIGABRT:
            return "too_large", (f"a native library aborted (SIGABRT), as it does when it cannot allocate "
                                 f"within the {self.settings.max_memory_mb} MB memory limit (max_memory_mb)")
        return "error", f"worker process died (exit code {code})"

    def _fail(self, worker: _Worker, status: DocumentStatus, reason: str) -> DocumentOutput:
        """The running task's failed record; it is taken off the worker's queue."""
        elapsed = time.monotonic() - worker.started
        reason = f"{reason} after {elapsed:.1f}s" if status in ("error", "too_large") else reason
        task = worker.queue.popleft()
        log.warning("%s: %s", task.path, reason)
        return failed_output(task, status, reason, elapsed)

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        worker.conn.close()


def make_executor(kind: str, jobs: int | None, settings: Settings,
                  scheduler: str | None = None) -> Executor:
    """The executor named on the command line; dask is imported only when asked for."""
    if kind == "local":
        return LocalExecutor(jobs, settings)
    if kind == "dask":
        from pipeline.batch.dask_executor import DaskExecutor
        return DaskExecutor(scheduler, settings)
    raise ValueError(f"unknown executor {kind!r}; available: local, dask")
