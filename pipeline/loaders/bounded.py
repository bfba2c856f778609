"""Run a slow third-party step item by item in a forked child that can be killed at a deadline.

camelot and pdfplumber are pure Python over pdfminer-style parsers, OpenCV and PDFium: a
pathological page can keep them busy for minutes, raise from deep inside, or even crash the
interpreter. None of that may cost more than the page: so the calls run in a child process
(forked, so it shares the parent's imports and pages without copying them), each item's
result or error comes back as soon as it is done, and the parent stops waiting at the
deadline and kills the child. A child that dies takes only the item it was on; the rest are
run in a fresh child. Where `fork` is missing the calls run in-process, unbounded.

The child's log records come back over its own pipe and are logged again by the parent, a
few per logger and item: the child must not write to the parent's handlers (a batch worker's
handler is a pipe to the batch, and a lock some other thread held at the fork stays held in
the child for ever), and a parser that warns thousands of times with a 300 KB message each
(pdfminer rebuilding a broken xref: 1.4 GB in two minutes) must not be formatted past the
first few.
"""
from __future__ import annotations

import ctypes
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


def run_bounded(step: Callable[[Any], Any], items: Sequence[Any], deadline: float) -> Iterator[Outcome]:
    """`step(item)` for each item, in order, in a child process; raises Overrun at `deadline`
    (time.monotonic()) after killing the child. Results must pickle."""
    if not hasattr(os, "fork"):
        yield from (_attempt(step, item) for item in items)
        return
    todo = list(items)
    while todo:
        done = 0
        for outcome in _one_child(step, todo, deadline):
            done += 1
            yield outcome
        todo = todo[done:]


def _attempt(step: Callable[[Any], Any], item: Any) -> Outcome:
    try:
        return Outcome(item, step(item))
    except Exception as err:  # a library's failure on this item: it costs the item only
        log.debug("bounded step failed on %r", item, exc_info=True)
        return Outcome(item, error=f"{type(err).__name__}: {err}"[:300])


def _one_child(step: Callable[[Any], Any], items: list[Any], deadline: float) -> Iterator[Outcome]:
    """Outcomes from one child until it finishes the items or dies (the item it was on is
    then reported as crashed, and the caller goes on with the rest)."""
    reader, writer = mp.Pipe(duplex=False)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        reader.close()
        _child(step, items, writer, parent)
    writer.close()
    try:
        for item in items:
            outcome = _receive(reader, item, deadline, pid)
            yield outcome
            if outcome.error.startswith("crashed"):
                return
    finally:
        reader.close()
        _reap(pid)


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
            return Outcome(item, error="crashed: the table finder's process died on it")
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


def _child(step: Callable[[Any], Any], items: list[Any], writer: Connection, parent: int) -> None:
    code = 0
    try:
        _die_with(parent)
        handler = _own_logging(writer)
        for item in items:
            handler.sent.clear()
            writer.send(_attempt(step, item))
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
