"""Run a slow third-party step item by item in a forked child that can be killed at a deadline.

camelot and pdfplumber are pure Python over pdfminer-style parsers, OpenCV and PDFium: a
pathological page can keep them busy for minutes, raise from deep inside, or even crash the
interpreter. None of that may cost more than the page: so the calls run in a child process
(forked, so it shares the parent's imports and pages without copying them), each item's
result or error comes back as soon as it is done, and the parent stops waiting at the
deadline and kills the child. A child that dies takes only the item it was on; the rest are
run in a fresh child. Where `fork` is missing the calls run in-process, unbounded.

The child is kept for the next call with the same step (the next document's pages): a child
forked afresh for every document cost it ~60 ms of copied pages and cold parser caches, a
tenth of the PDF path's time. It is forked from the process as it is at its first call, so
what the step reads of the parent's state is that state (tests that patch a finder stop it:
`stop_worker`); after MAX_ITEMS items, a crash or a timeout the next call forks a new one.

The child's log records come back over its own pipe and are logged again by the parent, a
few per logger and item: the child must not write to the parent's handlers (a batch worker's
handler is a pipe to the batch, and a lock some other thread held at the fork stays held in
the child for ever), and a parser that warns thousands of times with a 300 KB message each
(pdfminer rebuilding a broken xref: 1.4 GB in two minutes) must not be formatted past the
first few.
"""
from __future__ import annotations

import atexit
import ctypes
import gc
import logging
import multiprocessing as mp
import os
import pickle
import signal
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Callable, Iterator, Sequence

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for the child when its parent dies
CRASHED = "crashed: the table finder's process died on it"
_READY = "ready"  # a child's word that it took a batch of items
MAX_ITEMS = 500  # items one child runs before a fresh one is forked
RECORDS_PER_LOGGER = 20  # log records one logger may send back per item; the rest are dropped unformatted


class Overrun(Exception):
    """The deadline passed with `item` still running."""

    def __init__(self, item: Any):
        super().__init__(f"still running at the deadline: {item!r}")
        self.item = item


@dataclass(frozen=True)
class Outcome:
    """One item's result, or why it has none (`error` is a one-line reason)."""
    item: Any
    result: Any = None
    error: str = ""


def run_bounded(step: Callable[[Any], Any], items: Sequence[Any], deadline: float,
                after: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """`step(item)` for each item, in order, in a child process; raises Overrun at `deadline`
    (time.monotonic()) after killing the child. Items, results and `after` must pickle;
    `after()` runs where the items ran once they are done (to let go of what they opened)."""
    if not hasattr(os, "fork"):
        yield from (_attempt(step, item) for item in items)
        if after is not None:
            after()
        return
    todo = list(items)
    while todo:
        worker = _Worker.for_step(step)
        done = 0
        try:
            for outcome in worker.run(todo, deadline, after):
                done += 1
                yield outcome
        except BaseException:
            worker.stop()  # an Overrun, or the caller gone mid-run: the child may be busy
            raise
        todo = todo[done:]


def _attempt(step: Callable[[Any], Any], item: Any) -> Outcome:
    try:
        return Outcome(item, step(item))
    except Exception as err:  # a library's failure on this item: it costs the item only
        log.debug("bounded step failed on %r", item, exc_info=True)
        return Outcome(item, error=f"{type(err).__name__}: {err}"[:300])


class _Worker:
    """One forked child running `step` on the batches of items sent to it, until it dies, is
    stopped, or has run MAX_ITEMS (a parser's caches and leaks do not grow for ever)."""

    current: _Worker | None = None

    def __init__(self, step: Callable[[Any], Any]):
        self.step, self.ran = step, 0
        jobs_out, jobs_in = mp.Pipe(duplex=False)
        results_out, results_in = mp.Pipe(duplex=False)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            gc.freeze()  # before any collection: the child's then leave the parent's objects (and their pages) alone
            jobs_in.close()
            results_out.close()
            _child(step, jobs_out, results_in, parent)
        jobs_out.close()
        results_in.close()
        self.pid, self.jobs, self.results = pid, jobs_in, results_out

    @classmethod
    def for_step(cls, step: Callable[[Any], Any]) -> _Worker:
        worker = cls.current
        if worker is None or worker.step is not step or worker.ran >= MAX_ITEMS or not worker.alive():
            if worker is not None:
                worker.stop()
            worker = cls.current = cls(step)
        return worker

    def alive(self) -> bool:
        try:
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        except ChildProcessError:
            return False

    def run(self, items: list[Any], deadline: float, after: Callable[[], None] | None) -> Iterator[Outcome]:
        """Outcomes until the items are done or the child dies (the item it was on is then
        reported as crashed, and the child discarded). A kept child found dead before it took
        the items (killed while idle) costs no item: nothing is yielded, and the caller forks
        a fresh one."""
        kept = self.ran > 0
        try:
            self.jobs.send((items, after))
            answer = _receive(self.results, items[0], deadline, self.pid)
        except OSError:  # the pipe broken: the child is gone
            answer = Outcome(items[0], error=CRASHED)
        if answer != _READY:
            self.stop()
            if not kept:
                yield answer
            return
        for item in items:
            outcome = _receive(self.results, item, deadline, self.pid)
            self.ran += 1
            yield outcome
            if outcome.error.startswith(CRASHED):
                self.stop()
                return

    def stop(self) -> None:
        if _Worker.current is self:
            _Worker.current = None
        self.jobs.close()
        self.results.close()
        _reap(self.pid)


def stop_worker() -> None:
    """Stop the kept child, if any (the next call forks afresh from this process as it is now)."""
    if _Worker.current is not None:
        _Worker.current.stop()


def _forget_in_child() -> None:
    """In a process forked from one that keeps a child: that child is not this process's to
    use or stop; only the copies of its pipes are closed."""
    worker, _Worker.current = _Worker.current, None
    if worker is not None:
        worker.jobs.close()
        worker.results.close()


atexit.register(stop_worker)
os.register_at_fork(after_in_child=_forget_in_child)


@dataclass(frozen=True)
class _Record:
    """A child's log record, formatted and cut to size, for the parent to log again."""
    level: int
    name: str
    text: str


def _receive(reader: Connection, item: Any, deadline: float, pid: int) -> Outcome:
    while True:
        if not reader.poll(max(0.0, deadline - time.monotonic())):
            os.kill(pid, signal.SIGKILL)
            raise Overrun(item)
        try:
            message = reader.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            return Outcome(item, error=CRASHED)
        if not isinstance(message, _Record):
            return message
        logging.getLogger(message.name).log(message.level, "%s", message.text)


class _PipeHandler(logging.Handler):
    """The child's one log handler: each logger's first few records per item, over the pipe."""

    def __init__(self, writer: Connection):
        super().__init__(logging.WARNING)
        self.writer, self.sent = writer, Counter[str]()

    def emit(self, record: logging.LogRecord) -> None:
        if self.sent[record.name] >= RECORDS_PER_LOGGER:
            return  # dropped before formatting: the message may be megabytes
        self.sent[record.name] += 1
        try:
            self.writer.send(_Record(record.levelno, record.name, record.getMessage()[:2000]))
        except Exception:  # an unformattable record or a closed pipe: the item goes on without it
            pass


def _child(step: Callable[[Any], Any], jobs: Connection, writer: Connection, parent: int) -> None:
    code = 0
    try:
        _die_with(parent)
        handler = _own_logging(writer)
        while True:
            try:
                items, after = jobs.recv()
            except EOFError:  # the parent is done with this child
                break
            writer.send(_READY)
            for item in items:
                handler.sent.clear()
                writer.send(_attempt(step, item))
            if after is not None:
                after()
    except BaseException:  # an unpicklable result or a broken pipe: the parent sees EOF
        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing the parent's buffers twice


def _own_logging(writer: Connection) -> _PipeHandler:
    """Fresh logging for the forked child: its records go to the parent over `writer` only."""
    handler = _PipeHandler(writer)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        logger.handlers[:] = [] if logger.propagate else [handler]
    logging.captureWarnings(True)
    return handler


def _die_with(parent: int) -> None:
    """Ask Linux to kill this child if the parent dies, so no orphan keeps parsing."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the deadline still bounds the parent
        pass
    if os.getppid() != parent:
        os._exit(0)


def _reap(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
