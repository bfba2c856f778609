"""How a run reports progress: a bar for people, JSON lines for schedulers, or nothing.

The library calls `start`, `update` per finished document and `close`; only the CLI
chooses which reporter, so `ingest()` stays silent when called from code.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from typing import Protocol, TextIO

from pipeline.model.names import printable
from pipeline.output.parts import DocumentOutput


class Progress(Protocol):
    def start(self, total: int, skipped: int) -> None: ...
    def update(self, output: DocumentOutput) -> None: ...
    def close(self) -> None: ...


class Silent:
    def start(self, total: int, skipped: int) -> None:
        pass

    def update(self, output: DocumentOutput) -> None:
        pass

    def close(self) -> None:
        pass


class Bar:
    """A tqdm bar counting documents, with pages and pages/s alongside; tqdm gives the ETA."""

    def __init__(self, stream: TextIO = sys.stderr):
        self.stream, self.bar, self.pages, self.began = stream, None, 0, 0.0

    def start(self, total: int, skipped: int) -> None:
        from tqdm import tqdm
        label = f"documents ({skipped} unchanged)" if skipped else "documents"
        self.bar = tqdm(total=total, desc=label, unit="doc", file=self.stream, dynamic_ncols=True)
        self.began = time.monotonic()

    def update(self, output: DocumentOutput) -> None:
        self.pages += output.pages
        rate = self.pages / max(time.monotonic() - self.began, 1e-9)
        if self.bar is not None:  # started
            self.bar.set_postfix_str(f"pages={self.pages} ({rate:.0f}/s)", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class JsonLines:
    """One JSON object per line: a `document` event per file, `progress` every `every` seconds."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 10.0, per_document: bool = True):
        self.stream, self.every, self.per_document = stream, every, per_document
        self.total = self.done = self.pages = 0
        self.began = self.last = 0.0

    def emit(self, event: str, **fields: object) -> None:
        self.stream.write(json.dumps({"time": round(time.time(), 3), "event": event, **fields}) + "\n")
        self.stream.flush()

    def start(self, total: int, skipped: int) -> None:
        self.total, self.began = total, time.monotonic()
        self.last = self.began
        self.emit("start", documents=total, unchanged=skipped)

    def update(self, output: DocumentOutput) -> None:
        self.done += 1
        self.pages += output.pages
        doc = output.document
        if self.per_document:
            self.emit("document", file=doc.path, doc_id=doc.doc_id, status=doc.status, reason=doc.reason,
                      pages=output.pages, facts=output.facts, seconds=round(output.seconds, 3))
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            elapsed = now - self.began
            self.emit("progress", done=self.done, total=self.total, pages=self.pages,
                      eta_seconds=round(elapsed / self.done * (self.total - self.done), 1))

    def close(self) -> None:
        self.emit("finished", done=self.done, total=self.total, pages=self.pages,
                  seconds=round(time.monotonic() - self.began, 3))


class JsonFormatter(logging.Formatter):
    """Log records as JSON lines, so warnings interleave cleanly with the progress events; a
    traceback only with `debug`, as a field of the same line."""

    def __init__(self, debug: bool = False):
        super().__init__()
        self.debug = debug

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": round(record.created, 3), "event": "log", "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        if self.debug and record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line)


class TextFormatter(logging.Formatter):
    """Plain log lines with what a file name could smuggle in (newlines, terminal escapes)
    shown escaped, so one line is one record; tracebacks only with `debug`."""

    def __init__(self, fmt: str, debug: bool = False):
        super().__init__(fmt)
        self.debug = debug

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord({**record.__dict__, "msg": printable(record.getMessage()), "args": None,
                                        "exc_info": record.exc_info if self.debug else None,
                                        "exc_text": None})
        return super().format(record)


def make_progress(quiet: bool, log_format: str, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr  # looked up now: a test runner may have swapped it
    if log_format == "json":  # --quiet keeps the start, progress and finished events only
        return JsonLines(stream, per_document=not quiet)
    if quiet or not stream.isatty():
        return Silent()
    return Bar(stream)
