"""Which documents' rows an output folder holds: an append-only, fsynced log.

State lives in `<out>/_state/manifest.jsonl`. Part files are immutable once written; what
makes a row count is the log. A `commit` line (written and fsynced only after every part
file of a flush is in place) lists the documents done and, in the same line, the documents
it supersedes: a redone document's new entry replaces its old one, so its old rows stop
counting at the very moment its new rows start (readers keep a row only when the document's
current entry names the part it sits in: `live_docs`). Nothing is removed before its
replacement is committed, so a kill at any point leaves the previous state or the new one.

Dead rows are dropped physically later by compaction (`dataset.compact`): a filtered copy of
the part is written under a new name and a `rewrite` line switches the entries to it; the old
part is then unreferenced and swept. A line cut short by a crash is ignored, and part files
no line refers to are leftovers of a crash and are swept.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Iterable, Iterator

log = logging.getLogger(__name__)

STATE_DIR = "_state"


@dataclass(frozen=True)
class DocEntry:
    doc_id: str
    path: str  # absolute; undecodable bytes of a file name kept as surrogate escapes
    size: int
    mtime_ns: int
    version: str
    status: str
    year: str
    parts: tuple[str, ...]  # part files (relative to the dataset folder) holding its rows
    retry: bool = False  # failed for a reason that may not recur (timeout, crashed worker)


ENTRY_FIELDS = {f.name for f in fields(DocEntry)}


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / STATE_DIR / "manifest.jsonl"
        self.docs: dict[str, DocEntry] = {}
        self.touched: set[str] = set()  # parts that may hold rows of superseded entries
        if self.path.exists():
            self._replay()

    def _replay(self) -> None:
        text = self.path.read_bytes().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s line %d is cut short (an interrupted run); ignored", self.path, number)
                continue
            self._apply(record)

    def _apply(self, record: dict) -> None:
        if record["op"] in ("commit", "remove"):
            self._drop(record.get("remove", ()) if record["op"] == "commit" else record["docs"])
        if record["op"] == "commit":
            for doc in record["docs"]:
                entry = DocEntry(**{k: v for k, v in doc.items() if k in ENTRY_FIELDS})
                self._drop([entry.doc_id])
                self.docs[entry.doc_id] = replace(entry, parts=tuple(entry.parts))
        elif record["op"] == "rewrite":
            old, new = record["from"], record["to"]
            self.touched.discard(old)
            for doc_id, entry in self.docs.items():
                if old in entry.parts:
                    parts = tuple(new if p == old else p for p in entry.parts if new or p != old)
                    self.docs[doc_id] = replace(entry, parts=parts)

    def _drop(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            entry = self.docs.pop(doc_id, None)
            if entry:
                self.touched.update(entry.parts)

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self._apply(record)

    def commit(self, entries: list[DocEntry], supersedes: Iterable[str] = ()) -> None:
        """Entries done, and the documents they replace, in one atomic line."""
        gone = sorted(set(supersedes) - {e.doc_id for e in entries})
        self._append({"op": "commit", "docs": [asdict(e) for e in entries], "remove": gone})

    def remove(self, doc_ids: set[str]) -> None:
        if doc_ids & set(self.docs):
            self._append({"op": "commit", "docs": [], "remove": sorted(doc_ids)})

    def rewrite(self, old: str, new: str | None) -> None:
        """Point every entry holding part `old` at its compacted copy `new` (None: no rows left)."""
        self._append({"op": "rewrite", "from": old, "to": new})

    def parts(self) -> set[str]:
        return {part for entry in self.docs.values() for part in entry.parts}

    def live_docs(self) -> dict[str, set[str]]:
        """Part -> the documents whose current rows it holds; any other row in it is dead."""
        live: dict[str, set[str]] = {}
        for entry in self.docs.values():
            for part in entry.parts:
                live.setdefault(part, set()).add(entry.doc_id)
        return live

    def dirty_parts(self) -> set[str]:
        """Parts still in use that hold rows of superseded entries: compaction's work."""
        return self.touched & self.parts()


class FolderLocked(RuntimeError):
    """Another recount command is writing to the output folder."""


@contextmanager
def locked(out_dir: Path, command: str = "ingest") -> Iterator[None]:
    """One writer per output folder at a time (ingest, check, review, export): a second one
    fails fast, naming the command that holds the folder, instead of interleaving."""
    lock = Path(out_dir) / STATE_DIR / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            handle.seek(0)
            holder = handle.read().strip() or "another recount command"
            raise FolderLocked(f"{out_dir} is in use by {holder}; wait for it to finish "
                               f"(only one recount command may write to a folder at a time)") from err
        handle.seek(0)
        handle.truncate()
        handle.write(f"`recount {command}` (pid {os.getpid()})")
        handle.flush()
        yield
