"""Run settings: small dataclasses that check themselves on construction."""
from __future__ import annotations

from dataclasses import dataclass, fields
from collections.abc import Mapping


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 200 * 1024 * 1024  # larger files are recorded as too_large, not read
    max_pages: int = 2000  # pages read from one document; the rest are skipped and noted
    # characters read from one PDF page: the densest of 165 real-world PDFs' pages has under
    # 35,000; a page of 200,000 glyphs is a bomb, not a report, and would take minutes
    max_page_chars: int = 50_000
    max_cells: int = 20_000  # table cells read from one document (whole tables first; the
    # largest of 165 real-world PDFs has 4,537); the cut is noted in the reason
    timeout_seconds: float = 300.0  # wall time allowed for one document
    # address space per worker process (RLIMIT_AS); two workers and the parent fit a 4 GB laptop
    max_memory_mb: int = 1536
    # the rule configuration as canonical JSON (pipeline/rules/settings.py writes and reads it):
    # part of the run, so ingest's flags, `check` and the run version all use the same rules
    rules: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.rules, str):
            raise ValueError(f"setting rules must be a JSON string, got {self.rules!r}")
        for f in fields(self):
            if f.name == "rules":
                continue
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"setting {f.name} must be a positive number, got {value!r}")

    @classmethod
    def resolve(cls, value: "Settings | dict | None") -> "Settings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"settings must be a {cls.__name__} or a dict, got {type(value).__name__}")
        unknown = set(value) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; known: {[f.name for f in fields(cls)]}")
        return cls(**value)
