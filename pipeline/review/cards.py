"""What the app and the report show for each flag and each document, built once from the
outputs so that the two never disagree: the finding-first headline, the rule in words, the
facts involved and one source view per page the numbers sit on; and the coverage of every
document (its status, facts and flags by review status), flagged or not.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from pipeline.model import Fact, Flag
from pipeline.review.headline import headline
from pipeline.review.outputs import Outputs
from pipeline.review.locate import Spot
from pipeline.review.source import Segment, by_page, paragraph, spots
from pipeline.rules.registry import RULES

OPEN = ("open", "reopened")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
STATUS_ORDER = ("open", "reopened", "confirmed", "dismissed")


@dataclass(frozen=True)
class SourceView:
    doc_id: str
    page: int
    is_pdf: bool
    spots: tuple[Spot, ...]  # the numbers to box on a PDF page
    segments: tuple[Segment, ...]  # the paragraph, the numbers marked


@dataclass(frozen=True)
class Card:
    flag: Flag
    headline: str
    rule_text: str  # the rule's invariant in plain words
    file_name: str
    facts: tuple[Fact, ...]
    sources: tuple[SourceView, ...]

    @property
    def is_open(self) -> bool:
        return self.flag.status in OPEN


@dataclass(frozen=True)
class Coverage:
    doc_id: str
    file_name: str
    format: str
    status: str
    reason: str
    title: str
    facts: int
    flags: Mapping[str, int]  # review status -> flags

    @property
    def checked(self) -> bool:
        return self.status == "ok"


def card(outputs: Outputs, flag: Flag, pages: Mapping[tuple[str, int], str]) -> Card:
    doc = outputs.documents.get(flag.doc_id, {})
    facts = outputs.facts_of(flag)
    is_pdf = doc.get("format") == "pdf"
    sources = tuple(
        SourceView(flag.doc_id, page, is_pdf, spots(mine, pages.get((flag.doc_id, page), "")),
                   tuple(paragraph(pages.get((flag.doc_id, page), ""), mine)))
        for page, mine in by_page(facts).items())
    rule = RULES.get(flag.rule_id)
    return Card(flag, headline(flag, facts), rule.description if rule else flag.rule_id,
                doc.get("file_name", flag.doc_id), tuple(facts), sources)


def cards(outputs: Outputs, pages: Mapping[tuple[str, int], str]) -> list[Card]:
    """Every flag's card, by document, then most severe, then page."""
    made = [card(outputs, flag, pages) for flag in outputs.flags]
    return sorted(made, key=lambda c: (c.file_name, SEVERITY_ORDER.get(c.flag.severity, 3),
                                       c.flag.page or 0, c.flag.flag_id))


def coverage(outputs: Outputs) -> list[Coverage]:
    """Every document, unread ones first: none is implied clean by being left out."""
    flags: Counter[tuple[str, str]] = Counter((f.doc_id, f.status) for f in outputs.flags)
    rows = [Coverage(doc_id, str(d.get("file_name", "")), str(d.get("format", "")),
                     str(d.get("status", "")), str(d.get("reason") or ""), str(d.get("title") or ""),
                     int(d.get("fact_count") or 0),
                     {s: flags[(doc_id, s)] for s in STATUS_ORDER if flags[(doc_id, s)]})
            for doc_id, d in outputs.documents.items()]
    return sorted(rows, key=lambda c: (c.checked, c.file_name))


def counts(items: list[Card]) -> list[tuple[str, dict[str, int]]]:
    """Flags per rule by review status, confirmed and dismissed kept in: [(rule, {status: n})]."""
    table: Counter[tuple[str, str]] = Counter((c.flag.rule_id, c.flag.status) for c in items)
    rules = sorted({rule for rule, _ in table})
    return [(rule, {s: table[(rule, s)] for s in STATUS_ORDER}) for rule in rules]
