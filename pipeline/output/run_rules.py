"""The rule configuration a run used, kept with its output (`<out>/rules.json`), so `check`
without options re-runs exactly the rules `ingest` ran and the two never disagree."""
from __future__ import annotations

from pathlib import Path

from pipeline.output.writer import atomic_path

RULES_FILE = "rules.json"


def write_run_rules(out_dir: str | Path, rules_json: str) -> None:
    with atomic_path(Path(out_dir) / RULES_FILE) as tmp:
        tmp.write_text(rules_json or "{}", encoding="utf-8")


def read_run_rules(out_dir: str | Path) -> str:
    """The recorded configuration ('' when the folder has none: the defaults)."""
    path = Path(out_dir) / RULES_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""
