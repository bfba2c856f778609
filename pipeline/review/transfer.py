"""Decisions in and out of the store as JSON Lines: export for safekeeping or another machine,
import from an export, and a one-off import of the old `review/decisions.jsonl`.

The old file (one per parent folder, shared by every output folder in it) keyed decisions
by flag id and by the rule and fact ids, both of which change with the document's content.
Its decisions are matched once against the folder's current flags and stored under the new
identity; a decision whose flag matches only without its numbers comes in `reopened`, and
one matching no flag stays in the old file (nothing is deleted) and is counted in the log.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

from pipeline.review.decisions import Decision, DecisionStore
from pipeline.review.outputs import Outputs
from pipeline.rules.flags import flag_key

log = logging.getLogger(__name__)


def legacy_path(out_dir: Path) -> Path:
    return Path(out_dir).resolve().parent / "review" / "decisions.jsonl"


def export_jsonl(store: DecisionStore, target: str | Path) -> int:
    """Every decision, oldest first, one JSON object a line; returns how many."""
    history = store.history()
    text = "".join(json.dumps(asdict(d), ensure_ascii=False) + "\n" for d in history)
    Path(target).write_text(text, encoding="utf-8")
    return len(history)


def import_jsonl(store: DecisionStore, source: str | Path, outputs: Outputs | None = None) -> int:
    """Add an export's decisions (repeats ignored); old-format lines need `outputs` to be
    matched to flags. Returns how many were new. A malformed line raises ValueError naming it."""
    new, legacy = [], []
    for number, line in enumerate(Path(source).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if "doc_key" in row:
                new.append(Decision(**row))
            else:
                legacy.append(row)
        except (ValueError, TypeError) as err:
            raise ValueError(f"{source}, line {number}: not a decision ({err})") from err
    if legacy and outputs is not None:
        new += from_legacy(legacy, outputs)
    return store.add(new)


def import_legacy(outputs: Outputs, store: DecisionStore) -> int:
    """Import `review/decisions.jsonl` beside the folder once, when there are flags to match."""
    path = legacy_path(outputs.out_dir)
    if not path.exists() or not outputs.flags or not store.mark_imported(str(path)):
        return 0
    added = import_jsonl(store, path, outputs)
    log.info("imported %d decisions from %s into %s", added, path, store.path)
    return added


def from_legacy(rows: list[dict], outputs: Outputs) -> list[Decision]:
    by_id = {f.flag_id: f for f in outputs.flags}
    by_key = {flag_key(f.rule_id, f.fact_ids): f for f in outputs.flags}
    out = []
    for row in rows:
        flag = by_id.get(row.get("flag_id", ""))
        same_numbers = flag is not None
        flag = flag or by_key.get(row.get("key", ""))
        if flag is None:
            continue
        who = outputs.identities[flag.flag_id]
        numbers = who.numbers if same_numbers else (
            f"expected {row.get('expected')}, observed {row.get('observed')} (before the migration)")
        out.append(Decision(who.doc_key, who.meaning_key, row["status"], row.get("reason", ""),
                            row.get("note", ""), numbers, flag.flag_id, flag.rule_id,
                            who.doc_label, who.meaning, row.get("decided_at", "")))
    log.info("%d of %d old decisions match a flag of %s", len(out), len(rows), outputs.out_dir)
    return out
