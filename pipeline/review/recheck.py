"""Re-run the rules over an existing output folder without re-extracting, and record reviews.

Facts and page text are read back from Parquet, every document's facts go through the
document rules and all facts through the corpus rules, decisions from the store are
attached, and flags.parquet is replaced atomically.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

from pipeline.model import Flag
from pipeline.output.reader import read_documents, read_facts, read_flags, read_pages
from pipeline.output.run_rules import read_run_rules
from pipeline.output.writer import flag_rows, to_arrow, write_table_atomic
from pipeline.review.decisions import DecisionStore
from pipeline.review.outputs import Outputs, load, open_store
from pipeline.review.transfer import import_legacy, legacy_path
from pipeline.rules import check_corpus, run_rules
from pipeline.rules.settings import RuleSettings

log = logging.getLogger(__name__)


def recheck(out_dir: str | Path, settings: RuleSettings | None = None,
            store: str | Path | None = None) -> list[Flag]:
    """New flags.parquet from facts.parquet; returns the flags written. Without settings, the
    rules the output was made with (rules.json), so `check` reproduces `ingest`."""
    settings = settings or RuleSettings.from_json(read_run_rules(out_dir))
    facts, pages = read_facts(out_dir), read_pages(out_dir)
    by_doc = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id].append(fact)
    flags = [flag for doc_facts in by_doc.values()
             for flag in run_rules(doc_facts, "document", settings, pages)]
    flags += check_corpus(facts, settings, pages, read_documents(out_dir))
    flags = attach_decisions(out_dir, store, flags)
    log.info("%d flags from %d facts in %d documents", len(flags), len(facts), len(by_doc))
    return flags


def attach_decisions(out_dir: str | Path, store: str | Path | None = None,
                     flags: list[Flag] | None = None) -> list[Flag]:
    """Write flags.parquet with the store's decisions (an old decisions.jsonl is imported
    the first time); returns the flags written."""
    decisions = open_store(out_dir, store)
    if not decisions.path.exists() and not legacy_path(Path(out_dir)).exists():
        if flags is not None:  # nothing decided yet: nothing to read
            write_flags(out_dir, flags)
        return flags if flags is not None else read_flags(out_dir)
    outputs = load(out_dir, decisions, flags)
    if import_legacy(outputs, decisions):
        outputs = load(out_dir, decisions, flags)
    write_flags(out_dir, outputs.flags)
    return outputs.flags


def write_flags(out_dir: str | Path, flags: list[Flag]) -> None:
    write_table_atomic(to_arrow("flags", flag_rows(flags)), Path(out_dir) / "flags.parquet")


def review(out_dir: str | Path, flag_id: str, status: str, reason: str = "", note: str = "",
           store: str | Path | None = None) -> Flag:
    """Record a decision on one flag (an id or unique prefix) and show it in flags.parquet."""
    decisions = open_store(out_dir, store)
    outputs = load(out_dir, decisions)
    flag = outputs.flag(flag_id)
    decisions.record(flag.flag_id, flag.rule_id, outputs.identities[flag.flag_id], status,
                     reason, note)
    return load_and_write(out_dir, decisions).flag(flag.flag_id)


def load_and_write(out_dir: str | Path, decisions: DecisionStore) -> Outputs:
    outputs = load(out_dir, decisions)
    write_flags(out_dir, outputs.flags)
    return outputs
