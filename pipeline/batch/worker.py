"""A worker process's setup: it dies with its parent, keeps to its memory limit, and sends
everything it would print to the parent instead of writing to the terminal.

Why each:
- A worker whose parent was killed would keep running (one on a hanging document for ever):
  Linux's PR_SET_PDEATHSIG kills it when the parent goes, and a watchdog thread polling the
  parent id covers other systems.
- A PDF stream bomb can take gigabytes: RLIMIT_AS bounds the worker's address space, so an
  allocation over it fails (MemoryError: the document is recorded as too_large) instead of
  the machine swapping.
- Libraries write warnings to stderr (pdfminer once wrote 2.9 GB for one 86 KB file) and C
  code writes to file descriptor 2 directly; either would break `--log-format json` and
  flood a terminal. The worker's stderr is a pipe read by a thread, its log records go to the
  same `Channel`, and both are capped per document; the parent logs them as its own records.
"""
from __future__ import annotations

import ctypes
import logging
import os
import resource
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Callable

LOG = "log"  # message kind: ("log", level, logger name, text)
LINES_PER_SOURCE = 50  # log lines one logger (or raw stderr) may send per document
LINES_PER_DOCUMENT = 200  # and all of them together; the rest are counted, not sent
PR_SET_PDEATHSIG = 1


class Channel:
    """The worker's pipe to the parent, shared by the task loop and the output threads."""

    def __init__(self, conn: Connection):
        self.conn, self.lock = conn, threading.Lock()
        self.sent: dict[str, int] = {}
        self.dropped, self.dropped_level = 0, logging.DEBUG

    def send(self, message: object) -> None:
        with self.lock:
            self.conn.send(message)

    def log(self, level: int, name: str, text: str | Callable[[], str]) -> None:
        """A log line for the parent, unless this document has sent its share; `text` may be
        a function, called only when the line is sent (a dropped record is never formatted:
        some parsers' messages are hundreds of kilobytes)."""
        with self.lock:
            if self.sent.get(name, 0) >= LINES_PER_SOURCE or sum(self.sent.values()) >= LINES_PER_DOCUMENT:
                self.dropped += 1
                self.dropped_level = max(self.dropped_level, level)
                return
            self.sent[name] = self.sent.get(name, 0) + 1
            line = text() if callable(text) else text
            self.conn.send((LOG, level, name, line[:2000]))

    def result(self, message: object) -> None:
        """A document's result, after a line saying how many of its log lines were not sent
        (at the level of the gravest of them: a library's dropped details are no warning);
        the next document starts with a fresh share."""
        sys.stderr.flush()
        with self.lock:
            if self.dropped:
                self.conn.send((LOG, self.dropped_level, "recount.worker",
                                f"{self.dropped} more log lines of that document not shown"))
            self.conn.send(message)
            self.sent, self.dropped, self.dropped_level = {}, 0, logging.DEBUG


OWN_LOGGERS = ("pipeline", "extractors", "schemas", "recount")  # the rest are libraries'


class ForwardHandler(logging.Handler):
    """Log records to the parent. A library's warnings (pdfminer, playa, camelot on a broken
    PDF: dozens per file) are details of how a document was read, not news for the person
    running the batch: they go at INFO, shown with -v and in JSON logs; recount's own keep
    their level."""

    def __init__(self, channel: Channel):
        super().__init__(logging.WARNING)
        self.channel = channel

    def emit(self, record: logging.LogRecord) -> None:
        level = record.levelno if record.name.split(".")[0] in OWN_LOGGERS else min(record.levelno, logging.INFO)
        try:
            self.channel.log(level, record.name, record.getMessage)
        except Exception:  # the parent is gone, or a library's record does not format: never the document's fault
            pass


def set_up(channel: Channel, max_memory_mb: int) -> None:
    """Everything a worker does before its first task."""
    die_with_parent()
    limit_memory(max_memory_mb)
    capture_output(channel)


def die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the signal was armed
        os._exit(1)
    threading.Thread(target=watch_parent, args=(parent,), daemon=True, name="recount-parent-watch").start()


def watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def limit_memory(max_memory_mb: int) -> None:
    """Address space limit for this process (RLIMIT_AS), never above a hard limit already set."""
    limit = max_memory_mb << 20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def capture_output(channel: Channel) -> None:
    """Log records, warnings and raw writes to fd 2 all go to the parent as log lines."""
    root = logging.getLogger()
    root.handlers[:] = [ForwardHandler(channel)]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    threading.Thread(target=pump, args=(read_end, channel), daemon=True, name="recount-stderr").start()


def pump(fd: int, channel: Channel) -> None:
    """Raw stderr lines to the parent; always reads on, so a chatty library never blocks."""
    with os.fdopen(fd, "rb") as stream:
        for line in stream:
            text = line.decode("utf-8", "backslashreplace").rstrip()
            if text:
                try:
                    channel.log(logging.WARNING, "recount.worker.stderr", text)
                except (OSError, ValueError):
                    return
