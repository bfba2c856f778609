"""What a review decision is about, in terms that outlive a corrected report.

A flag's id hashes its facts' ids and its numbers, and fact ids hash the document's content,
so correcting one figure renames every flag in the document. A decision is therefore keyed
by what a reviewer actually decided on:

- the document's identity: organisation, title, period and file name (what a person calls
  the report), not its content hash;
- the flag's meaning: the rule, and for each fact involved its measure (the `measure` column
  where the extractors fill it, else the subject), period, kind, role and area.

The numbers (expected, observed and the facts' values) are kept beside the key: a decision
whose numbers have changed since it was made comes back `reopened`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Mapping

from pipeline.model import Fact, Flag
from pipeline.model.ids import stable_id

DOC_FIELDS = ("organisation", "title", "period", "file_name")


@dataclass(frozen=True)
class FlagIdentity:
    doc_key: str
    meaning_key: str
    numbers: str  # the figures decided on; a change reopens the decision
    doc_label: str  # organisation, title, period and file name, for people reading the store
    meaning: str  # the rule and facts' measures and periods, as JSON


def doc_identity(document: Mapping) -> tuple[str, str]:
    """(key, label) of a documents.parquet row."""
    parts = [str(document.get(name) or "") for name in DOC_FIELDS]
    return stable_id("doc", *parts), " | ".join(parts)


def fact_meaning(fact: Fact) -> tuple[str, ...]:
    measure = fact.measure or fact.subject
    return (measure, fact.period, fact.kind, fact.role, fact.area)


def numbers_of(flag: Flag, facts: Iterable[Fact]) -> str:
    """The figures a decision was made on, readable: 'expected 304, observed 295; facts 3 10 ...'."""
    def text(value: float | None) -> str:
        return "-" if value is None else f"{value:.6g}"
    values = " ".join(text(f.value) for f in sorted(facts, key=lambda f: f.value))
    return f"expected {text(flag.expected)}, observed {text(flag.observed)}; facts {values}"


def identify(flags: Iterable[Flag], facts: Mapping[str, Fact],
             documents: Mapping[str, Mapping]) -> dict[str, FlagIdentity]:
    """Each flag's identity by flag id. Flags of one document that mean the same (the same
    rule over the same measures) are told apart by their order in the document."""
    seen: dict[tuple[str, str], int] = {}
    out = {}
    for flag in sorted(flags, key=flag_position(facts)):
        involved = [facts[i] for i in flag.fact_ids if i in facts]
        doc_key, label = doc_identity(documents.get(flag.doc_id, {"file_name": flag.doc_id}))
        meaning = json.dumps([flag.rule_id, sorted(fact_meaning(f) for f in involved)])
        nth = seen.get((doc_key, meaning), 0)
        seen[(doc_key, meaning)] = nth + 1
        out[flag.flag_id] = FlagIdentity(doc_key, stable_id("meaning", meaning, nth),
                                         numbers_of(flag, involved), label, meaning)
    return out


def flag_position(facts: Mapping[str, Fact]):
    """Sort key: document, then where the flag's first fact sits."""
    def key(flag: Flag) -> tuple:
        spans = [(facts[i].page, facts[i].char_start) for i in flag.fact_ids if i in facts]
        return (flag.doc_id, min(spans, default=(flag.page or 0, 0)), flag.rule_id, flag.flag_id)
    return key
