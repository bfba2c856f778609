"""Which files a run reads: folders walked, and what is deliberately not read, with why.

An input tree can hold things that must never become documents: the output folder itself (or
another recount output folder: its parts and manifest would be ingested as reports, rows
piling up on every run), symbolic links leading out of the tree (a link to /etc/passwd would
end up in pages.parquet), pipes and devices (reading one blocks for ever), and folders that
cannot be listed (their reports would vanish without a word). Each such entry is returned as
a `Note` that the run records as a document row with a status and reason, or, for the output
folder, simply left out. Names are kept as the OS gives them (undecodable bytes as surrogate
escapes), so any file name reaches the loaders intact.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pipeline.loaders import SUPPORTED
from pipeline.model.names import printable
from pipeline.model.vocab import DocumentStatus
from pipeline.output.manifest import STATE_DIR

MANIFEST = os.path.join(STATE_DIR, "manifest.jsonl")


@dataclass(frozen=True)
class Note:
    """An entry that is recorded but not read: status `unreadable` or `skipped`, and why."""
    path: Path
    status: DocumentStatus
    reason: str


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def discover(paths: Iterable[str | Path], out_dir: str | Path | None = None,
             follow_symlinks: bool = False) -> Found:
    """Files to ingest (folders recursed, hidden entries skipped), notes and path problems."""
    found, out = Found(), os.path.realpath(out_dir) if out_dir is not None else None
    for raw in paths:
        path = Path(raw)
        if out and within(os.path.realpath(path), out):
            found.problems.append(f"{printable(str(path))}: is inside the output folder; not read")
        elif path.is_dir():
            before = len(found.files)
            walk(path, out, follow_symlinks, found)
            if not any(p.suffix.lower() in SUPPORTED for p in found.files[before:]):
                found.problems.append(f"{printable(str(path))}: no reports found "
                                      f"(looked for {', '.join(sorted(SUPPORTED))})")
        elif path.exists():
            found.files.append(path)
        else:
            found.problems.append(f"{printable(str(path))}: no such file or folder")
    return found


def within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def is_output_folder(path: str, out: str | None) -> bool:
    return bool(out and within(os.path.realpath(path), out)) or os.path.exists(os.path.join(path, MANIFEST))


def walk(root: Path, out: str | None, follow: bool, found: Found) -> None:
    """One folder tree, sorted; links are judged by where they lead, not followed blindly."""
    top, seen, files = os.path.realpath(root), set(), []

    def unreadable(err: OSError) -> None:
        found.notes.append(Note(Path(err.filename), "unreadable",
                                f"folder cannot be listed: {err.strerror or err}"))

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=follow):
        seen.add(os.path.realpath(folder))
        dirs[:] = sorted(d for d in dirs if keep_folder(Path(folder) / d, top, out, follow, seen, found))
        for name in names:
            if not name.startswith("."):
                entry = judge(Path(folder) / name, top, out, follow)
                if isinstance(entry, Note):
                    found.notes.append(entry)
                elif entry is not None:
                    files.append(entry)
    found.files += sorted(files)


def keep_folder(path: Path, top: str, out: str | None, follow: bool, seen: set[str], found: Found) -> bool:
    if path.name.startswith(".") or is_output_folder(str(path), out):
        return False
    if not path.is_symlink():
        return True
    target = os.path.realpath(path)
    if not follow:
        if not within(target, top):
            found.notes.append(Note(path, "skipped", outside_reason("folder", target)))
        return False  # a link inside the tree: its files are reached by their own path
    return target not in seen  # a followed link loop would walk for ever


def judge(path: Path, top: str, out: str | None, follow: bool) -> Path | Note | None:
    """The file to read, a note on why not, or None for what is silently left out."""
    target = os.path.realpath(path)
    if out and within(target, out):
        return None
    if path.is_symlink() and not follow and not within(target, top):
        return Note(path, "skipped", outside_reason("file", target))
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return Note(path, "unreadable", f"cannot be opened: {err.strerror or err}")
    if not stat.S_ISREG(mode):
        return Note(path, "skipped", "not a regular file (a pipe, socket or device); not read")
    return path


def outside_reason(kind: str, target: str) -> str:
    return (f"symbolic link to a {kind} outside the input folder ({printable(target)}); "
            "not followed (--follow-symlinks reads it)")
