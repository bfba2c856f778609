"""Re-run the rules over an existing output folder without re-extracting, and record reviews.

Facts and page text are read back from Parquet, every document's facts go through the
document rules and all facts through the corpus rules; the flags go into the dataset and
flags.parquet comes out of the export, as after ingest (one producer); decisions from the
store are attached.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

from pipeline.model import Flag
from pipeline.output.reader import read_documents, read_facts, read_flags, read_pages
from pipeline.output.export import export
from pipeline.output.manifest import Manifest
from pipeline.output.run_rules import read_run_rules, replace_flags, write_run_rules
from pipeline.output.writer import flag_rows, to_arrow, write_table_atomic
from pipeline.review.decisions import DecisionStore
from pipeline.review.outputs import Outputs, load, open_store
from pipeline.review.transfer import import_legacy, legacy_path
from pipeline.rules import check_corpus, run_rules
from pipeline.rules.settings import RuleSettings, run_rule_settings

log = logging.getLogger(__name__)


def recheck(out_dir: str | Path, settings: RuleSettings | None = None,
            store: str | Path | None = None) -> list[Flag]:
    """New flags from the facts; returns the flags written. Without settings, the rules the
    output was made with (rules.json), so `check` reproduces `ingest`. In a folder ingest
    made, the flags go into its dataset and out through the export, as ingest's do, and the
    settings are recorded; a folder of single files only has its flags.parquet replaced."""
    settings = settings or run_rule_settings(read_run_rules(out_dir))
    facts, pages = read_facts(out_dir), read_pages(out_dir)
    by_doc = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id].append(fact)
    flags = [flag for doc_facts in by_doc.values()
             for flag in run_rules(doc_facts, "document", settings, pages)]
    corpus = check_corpus(facts, settings, pages, read_documents(out_dir))
    log.info("%d flags from %d facts in %d documents", len(flags) + len(corpus), len(facts), len(by_doc))
    manifest = Manifest(Path(out_dir))
    if not manifest.docs:
        return attach_decisions(out_dir, store, flags + corpus)
    replace_flags(out_dir, manifest, flags, corpus)
    write_run_rules(out_dir, settings.to_json())
    export(Path(out_dir), manifest)
    return attach_decisions(out_dir, store)


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
