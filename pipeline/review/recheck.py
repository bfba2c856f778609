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
from pipeline.review.decisions import (apply_decisions, default_store, find_flag,
                                       load_decisions, record_decision)
from pipeline.rules import check_corpus, run_rules
from pipeline.rules.settings import RuleSettings
from pipeline.output.writer import flag_rows, to_arrow, write_table_atomic

log = logging.getLogger(__name__)


def recheck(out_dir: str | Path, settings: RuleSettings | None = None,
            store: str | Path | None = None) -> list[Flag]:
    """New flags.parquet from facts.parquet; returns the flags written."""
    facts, pages = read_facts(out_dir), read_pages(out_dir)
    by_doc = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id].append(fact)
    flags = [flag for doc_facts in by_doc.values()
             for flag in run_rules(doc_facts, "document", settings, pages)]
    flags += check_corpus(facts, settings, pages, read_documents(out_dir))
    flags = apply_decisions(flags, load_decisions(store or default_store(out_dir)))
    write_flags(out_dir, flags)
    log.info("%d flags from %d facts in %d documents", len(flags), len(facts), len(by_doc))
    return flags


def write_flags(out_dir: str | Path, flags: list[Flag]) -> None:
    write_table_atomic(to_arrow("flags", flag_rows(flags)), Path(out_dir) / "flags.parquet")


def review(out_dir: str | Path, flag_id: str, status: str, reason: str = "", note: str = "",
           store: str | Path | None = None) -> Flag:
    """Record a decision on one flag and show it in flags.parquet straight away."""
    store = store or default_store(out_dir)
    flags = read_flags(out_dir)
    record_decision(store, find_flag(flags, flag_id), status, reason, note)
    flags = apply_decisions(flags, load_decisions(store))
    write_flags(out_dir, flags)
    return find_flag(flags, flag_id)
