"""Which documents' rows an output folder holds: an append-only, fsynced log.

State lives in `<out>/_state/manifest.jsonl`: a `commit` line is written (and fsynced) only
after every part file of a flush is in place, and a `remove` line after a document's rows
were filtered out of its parts. Replaying the log gives the documents whose rows are
complete; a line cut short by a crash is ignored, and part files no line refers to are
leftovers of a crash and are swept. So an interrupted run keeps what it committed and the
next run resumes from there.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

STATE_DIR = "_state"


@dataclass(frozen=True)
class DocEntry:
    doc_id: str
    path: str  # absolute
    size: int
    mtime_ns: int
    version: str
    status: str
    year: str
    parts: tuple[str, ...]  # part files (relative to the dataset folder) holding its rows


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / STATE_DIR / "manifest.jsonl"
        self.docs: dict[str, DocEntry] = {}
        if self.path.exists():
            self._replay()

    def _replay(self) -> None:
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s line %d is cut short (an interrupted run); ignored", self.path, number)
                continue
            if record["op"] == "commit":
                for doc in record["docs"]:
                    self.docs[doc["doc_id"]] = DocEntry(**{**doc, "parts": tuple(doc["parts"])})
            elif record["op"] == "remove":
                for doc_id in record["docs"]:
                    self.docs.pop(doc_id, None)

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def commit(self, entries: list[DocEntry]) -> None:
        self._append({"op": "commit", "docs": [asdict(e) for e in entries]})
        self.docs.update({e.doc_id: e for e in entries})

    def remove(self, doc_ids: set[str]) -> None:
        if doc_ids:
            self._append({"op": "remove", "docs": sorted(doc_ids)})
            for doc_id in doc_ids:
                self.docs.pop(doc_id, None)

    def parts(self) -> set[str]:
        return {part for entry in self.docs.values() for part in entry.parts}


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One run per output folder at a time: a second one fails fast instead of interleaving."""
    lock = Path(out_dir) / STATE_DIR / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise RuntimeError(f"another recount run is writing to {out_dir}") from err
        yield
