"""Review decisions in SQLite, beside the output folder they are about, so re-runs never lose them.

`processed/` gets `processed.review.sqlite` in the same parent: a store per output folder (two
folders in one parent never share one), outside the folder so that regenerating or deleting
the tables leaves it alone. SQLite (stdlib, WAL) because the review app, `recount review`,
`check` and `ingest` may touch it at once, and a crash mid-write must not cost a decision.

The table is a history: every decision is a row and the latest row for a flag's identity
(`pipeline.review.identity`: the document's organisation, title, period and file name, and the
flag's rule and facts' measures and periods) wins; undoing one writes a row with status
`open`. A decision made on other numbers than the flag now shows comes back `reopened`.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from pipeline.review.identity import FlagIdentity

REASONS = ("rounding", "different-measure", "restated", "extraction-error", "other")
DECISIONS = ("confirmed", "dismissed")
STATUSES = DECISIONS + ("open",)  # open: a decision undone

SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key TEXT NOT NULL, meaning_key TEXT NOT NULL, status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
    numbers TEXT NOT NULL DEFAULT '', flag_id TEXT NOT NULL DEFAULT '',
    rule_id TEXT NOT NULL DEFAULT '', doc_label TEXT NOT NULL DEFAULT '',
    meaning TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL,
    UNIQUE (doc_key, meaning_key, decided_at, status, reason, note, numbers));
CREATE INDEX IF NOT EXISTS by_identity ON decisions (doc_key, meaning_key, seq);
CREATE TABLE IF NOT EXISTS imported (source TEXT PRIMARY KEY, imported_at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Decision:
    doc_key: str
    meaning_key: str
    status: str  # confirmed, dismissed, or open (undone)
    reason: str = ""
    note: str = ""
    numbers: str = ""  # the figures decided on (FlagIdentity.numbers)
    flag_id: str = ""  # the flag as it was when decided, for people reading the store
    rule_id: str = ""
    doc_label: str = ""
    meaning: str = ""
    decided_at: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"decision must be one of {', '.join(STATUSES)}, got {self.status!r}")
        if self.reason and self.reason not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}, got {self.reason!r}")
        if self.status == "dismissed" and not self.reason:
            raise ValueError(f"dismissing a flag needs a reason: one of {', '.join(REASONS)}")

    @property
    def identity(self) -> tuple[str, str]:
        return (self.doc_key, self.meaning_key)


COLUMNS = tuple(f.name for f in fields(Decision))


def default_store(out_dir: str | Path) -> Path:
    """`<parent>/<name>.review.sqlite` for the output folder `<parent>/<name>`."""
    out = Path(out_dir).resolve()
    return out.parent / f"{out.name}.review.sqlite"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class DecisionStore:
    """One output folder's decisions; every method opens, commits and closes its own
    connection, so an app thread, a CLI and an ingest can share the file. Reading a store
    that does not exist finds no decisions; the file is made by the first decision."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def connect(self) -> sqlite3.Connection:
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path)) as db, db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(SCHEMA)
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def add(self, decisions: list[Decision]) -> int:
        """Insert decisions (an exact repeat is ignored); returns how many were new."""
        sql = (f"INSERT OR IGNORE INTO decisions ({', '.join(COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(COLUMNS))})")
        with closing(self.connect()) as db, db:
            before = db.total_changes
            db.executemany(sql, [tuple(getattr(d, c) for c in COLUMNS) for d in decisions])
            return db.total_changes - before

    def record(self, flag_id: str, rule_id: str, who: FlagIdentity, status: str,
               reason: str = "", note: str = "") -> Decision:
        """Record a decision on a flag (status `open` undoes the last one)."""
        decision = Decision(who.doc_key, who.meaning_key, status, reason, note, who.numbers,
                            flag_id, rule_id, who.doc_label, who.meaning, now())
        self.add([decision])
        return decision

    def history(self) -> list[Decision]:
        """Every decision, oldest first."""
        if not self.path.exists():
            return []
        with closing(self.connect()) as db:
            rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM decisions ORDER BY seq").fetchall()
        return [Decision(**dict(row)) for row in rows]

    def latest(self) -> dict[tuple[str, str], Decision]:
        """The decision in force for each flag identity."""
        return {d.identity: d for d in self.history()}

    def mark_imported(self, source: str) -> bool:
        """Note a one-off import; False when it was done before."""
        with closing(self.connect()) as db, db:
            cursor = db.execute("INSERT OR IGNORE INTO imported VALUES (?, ?)", (source, now()))
            return cursor.rowcount == 1
