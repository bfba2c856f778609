"""One output folder read back for review: documents, facts, flags, and each flag's identity
in the decisions store, with the decisions in force applied.

The app, the report, `recount review` and `recount check` all see flags through `load`, so a
decision shows the same everywhere the moment it is stored, whatever flags.parquet says.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast
from pathlib import Path

from pipeline.model import Fact, Flag
from pipeline.model.vocab import FlagStatus
from pipeline.output.reader import OutputMissing, read_documents, read_facts, read_flags, read_rows
from pipeline.review.decisions import Decision, DecisionStore, default_store
from pipeline.review.identity import FlagIdentity, identify


@dataclass(frozen=True)
class Outputs:
    out_dir: Path
    documents: dict[str, dict]  # doc_id -> documents.parquet row
    facts: dict[str, Fact]
    flags: list[Flag]  # with the store's decisions applied
    identities: dict[str, FlagIdentity]  # flag_id -> identity in the store

    def flag(self, flag_id: str) -> Flag:
        """The flag with this id or unique id prefix."""
        return find_flag(self.flags, flag_id)

    def facts_of(self, flag: Flag) -> list[Fact]:
        return [self.facts[i] for i in flag.fact_ids if i in self.facts]


def open_store(out_dir: str | Path, store: str | Path | None = None) -> DecisionStore:
    return DecisionStore(store or default_store(out_dir))


def load(out_dir: str | Path, store: DecisionStore | None = None,
         flags: list[Flag] | None = None) -> Outputs:
    """The folder's outputs with decisions applied (`flags` instead of flags.parquet's)."""
    out_dir = Path(out_dir)
    documents = read_documents(out_dir)
    facts = {f.fact_id: f for f in read_facts(out_dir)}
    flags = read_flags(out_dir) if flags is None else flags
    identities = identify(flags, facts, documents)
    latest = (store or open_store(out_dir)).latest()
    decided = [apply_decision(f, identities[f.flag_id], latest) for f in flags]
    return Outputs(out_dir, documents, facts, decided, identities)


def with_decisions(outputs: Outputs, store: DecisionStore) -> Outputs:
    """The same outputs with the decisions in force now (for a long-running app)."""
    latest = store.latest()
    flags = [apply_decision(f, outputs.identities[f.flag_id], latest) for f in outputs.flags]
    return replace(outputs, flags=flags)


def apply_decision(flag: Flag, who: FlagIdentity,
                   latest: dict[tuple[str, str], Decision]) -> Flag:
    """The flag with its review status: decided, reopened (numbers changed) or open."""
    decision = latest.get((who.doc_key, who.meaning_key))
    if decision is None or decision.status == "open":
        return replace(flag, status="open", decision_reason="", decision_note="")
    if decision.numbers == who.numbers:
        return replace(flag, status=cast(FlagStatus, decision.status), decision_reason=decision.reason,
                       decision_note=decision.note)
    note = (f"{decision.status} on {decision.decided_at[:10]} when the numbers were "
            f"{decision.numbers}; they are now {who.numbers}. {decision.note}")
    return replace(flag, status="reopened", decision_reason=decision.reason,
                   decision_note=note.strip())


def find_flag(flags: list[Flag], flag_id: str) -> Flag:
    exact = [f for f in flags if f.flag_id == flag_id]
    found = exact or [f for f in flags if f.flag_id.startswith(flag_id)]
    if len(found) != 1:
        raise KeyError(f"{'no' if not found else len(found)} flags match {flag_id!r}")
    return found[0]


def read_optional(out_dir: str | Path, name: str) -> list[dict]:
    """Rows of a table older runs may not have written (skipped numbers)."""
    try:
        return read_rows(out_dir, name)
    except OutputMissing:
        return []
