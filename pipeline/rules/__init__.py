"""Reconciliation rules: typed facts in, flags out, nothing that is merely rounding.

`check_document` runs the document-scope rules over one report's facts; `check_corpus` runs
the corpus-scope ones (a figure restated across reports) over every report's facts. Which
rules run, and their tolerances, come from `RuleSettings` (see settings.py); the rules
themselves are listed in registry.py.
"""
from __future__ import annotations

import logging
from typing import Iterable, Mapping

from pipeline.model import Document, Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.corpus import reduce_corpus
from pipeline.rules.settings import RuleSettings

log = logging.getLogger(__name__)

__all__ = ["check_document", "check_corpus", "run_rules", "RuleSettings"]


def pages_of(doc: Document | None) -> dict[tuple[str, int], str]:
    return {(doc.doc_id, p.number): p.text for p in doc.pages} if doc else {}


def run_rules(facts: list[Fact], scope: str, settings: RuleSettings | Mapping | None = None,
              pages: dict[tuple[str, int], str] | None = None,
              documents: dict[str, dict] | None = None) -> list[Flag]:
    """Every active rule of one scope over the facts; one flag per id, in rule order."""
    settings = RuleSettings.resolve(settings)
    ctx = RuleContext(list(facts), settings, pages or {}, documents=documents or {})
    flags: dict[str, Flag] = {}
    for rule in settings.active(scope):
        for flag in rule.check(ctx, settings.params_for(rule)):
            flags.setdefault(flag.flag_id, flag)
    log.debug("%d flags from %d facts (%s scope)", len(flags), len(facts), scope)
    return list(flags.values())


def check_document(doc: Document, facts: list[Fact],
                   settings: RuleSettings | Mapping | None = None) -> list[Flag]:
    return run_rules(facts, "document", settings, pages_of(doc))


def check_corpus(facts: Iterable[Fact], settings: RuleSettings | Mapping | None = None,
                 pages: dict[tuple[str, int], str] | None = None,
                 documents: dict[str, dict] | None = None) -> list[Flag]:
    """The corpus rules over a stream of every report's facts: only the facts each rule's key
    groups are kept (corpus.py), so memory does not grow with the number of reports."""
    settings, documents = RuleSettings.resolve(settings), documents or {}
    kept = reduce_corpus(facts, settings.active("corpus"), documents)
    return run_rules(kept, "corpus", settings, pages, documents)
