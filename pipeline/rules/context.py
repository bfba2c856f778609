"""What a rule sees: one document's facts (or the corpus's), indexed the ways rules ask.

Built fresh for each check so rules stay plain functions of their inputs. Printed precision
and a change's comparison scope are the facts' own fields (the extractors read them). Page
text is optional: with it, a flag's snippet is the sentences around its numbers; without it,
the facts' own snippets.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, Sequence

from pipeline.model import Fact
from pipeline.model.clauses import clause_in, sentence_at, sentence_ends
from pipeline.model.precision import printed_step
from pipeline.rules.rounding import Interval, shown, stated_interval



class PrecisionSettings(Protocol):
    """The part of RuleSettings a context reads (kept a protocol: settings import the rules)."""
    @property
    def truncation(self) -> bool: ...
    @property
    def exact_counts(self) -> bool: ...
    @property
    def exact_whole_money(self) -> bool: ...

EXACT_UNITS = {"count"}
MONEY_UNITS = {"gbp", "usd", "eur"}


@dataclass
class RuleContext:
    facts: list[Fact]
    settings: PrecisionSettings
    pages: dict[tuple[str, int], str]  # (doc_id, page number) -> page text
    documents: dict[str, dict] = field(default_factory=dict)  # doc_id -> title block (corpus rules)
    _ends: dict[tuple[str, int], list[int]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def claims(self) -> dict[str, list[Fact]]:
        """Facts of one statement, in reading order (facts with no claim_id are left out)."""
        out: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            if fact.claim_id:
                out[fact.claim_id].append(fact)
        return {k: sorted(v, key=reading_order) for k, v in out.items()}

    @cached_property
    def table_rows(self) -> dict[tuple[str, str, int], list[Fact]]:
        """Facts of one table row (table and narrative facts alike), keyed (doc, table, row)."""
        out: dict[tuple[str, str, int], list[Fact]] = defaultdict(list)
        for fact in self.facts:
            if fact.table_id and fact.row is not None:
                out[(fact.doc_id, fact.table_id, fact.row)].append(fact)
        return dict(out)

    def page_text(self, fact: Fact) -> str | None:
        return self.pages.get((fact.doc_id, fact.page))

    def step(self, fact: Fact) -> float:
        """The fact's printed precision, as the extractors read it from the page (a fact made
        without it: what its own snippet shows)."""
        return fact.precision if fact.precision is not None else printed_step(fact)

    def shown(self, fact: Fact) -> str:
        """The number as the report printed it (81.0, 4.7, 236,533)."""
        return shown(fact, self.step(fact))

    def exact(self, fact: Fact) -> bool:
        """Counts of things, and money printed to the whole unit without a scale (a ledger's
        £11,450, not £11k or 11.4 in a £000s column), are exact amounts: XBRL Calculations
        1.1 gives a fact reported with decimals="INF" a zero-width interval, so a sum of ten
        such lines allows only the total's own rounding, never ten lines' worth of slack."""
        if self.settings.exact_counts and fact.unit in EXACT_UNITS:
            return True
        return self.settings.exact_whole_money and fact.unit in MONEY_UNITS and \
            fact.value == int(fact.value) and self.step(fact) == 1.0 and fact.claim_id not in self.claims_in_pence

    @cached_property
    def claims_in_pence(self) -> frozenset[str]:
        """Breakdowns with a line printed in pence: their whole-pound figures (a total of
        £79,251 over £48,250.50 + £31,000) are rounded to the pound, not exact."""
        return frozenset(f.claim_id for f in self.facts
                         if f.claim_id and f.unit in MONEY_UNITS and self.step(f) < 1.0)

    def interval(self, fact: Fact) -> Interval:
        """The values this fact's printed number allows."""
        return stated_interval(fact.value, self.step(fact), fact.qualifier,
                               self.truncates(fact), exact=self.exact(fact))

    @cached_property
    def truncating_docs(self) -> frozenset[str]:
        """Reports whose own percentages show they cut digits rather than round them: some
        share agrees with its counts only if truncated, and none only if rounded. Rounding
        is the default (XBRL Calculations 1.1); a report's own evidence, or the setting,
        allows truncation for that report."""
        only_cut: dict[str, int] = defaultdict(int)
        only_rounded: dict[str, int] = defaultdict(int)
        for fact in self.facts:
            if fact.unit != "percent" or fact.numerator is None or not fact.denominator:
                continue
            true, step = fact.numerator / fact.denominator * 100, self.step(fact)
            rounded = abs(true - fact.value) <= step / 2 * 1.0001
            cut = fact.value <= true < fact.value + step
            only_cut[fact.doc_id] += cut and not rounded
            only_rounded[fact.doc_id] += rounded and not cut
        return frozenset(d for d, n in only_cut.items() if n and not only_rounded[d])

    def truncates(self, fact: Fact) -> bool:
        return self.settings.truncation or fact.doc_id in self.truncating_docs

    @property
    def truncation(self) -> bool:
        """For a flag's tolerance text: whether truncated figures were accepted."""
        return self.settings.truncation or bool(self.truncating_docs)

    def sentence(self, fact: Fact) -> tuple[str, int]:
        """The sentence (or table cell) holding the fact, and the fact's offset inside it."""
        text = self.page_text(fact)
        if text is None or not (0 <= fact.char_start < fact.char_end <= len(text)):
            return fact.text, 0
        key = (fact.doc_id, fact.page)
        if key not in self._ends:  # once per page: a scan per fact made dense pages quadratic
            self._ends[key] = sentence_ends(text)
        return sentence_at(text, self._ends[key], fact.char_start, fact.char_end)

    def clause(self, fact: Fact) -> str:
        """The words around the fact's number up to the neighbouring numbers in its sentence."""
        sentence, offset = self.sentence(fact)
        return clause_in(sentence, offset, fact.char_end - fact.char_start)

    def snippet(self, fact: Fact, others: Sequence[Fact] = (), limit: int = 600) -> str:
        """The sentence holding the fact, with the sentences of the flag's other facts on the
        same page (a footnote, a list running over lines): one stretch if they are close,
        else joined with ' … '."""
        pieces: dict[int, str] = {}
        for f in [fact, *others]:
            if f.doc_id == fact.doc_id and f.page == fact.page:
                sentence, offset = self.sentence(f)
                pieces.setdefault(f.char_start - offset, sentence)
        text, first = self.page_text(fact), min(pieces)
        last = max(start + len(sentence) for start, sentence in pieces.items())
        if text is not None and last - first <= limit:
            return " ".join(text[first:last].split())
        joined = " … ".join(" ".join(pieces[k].split()) for k in sorted(pieces))
        focus, _ = self.sentence(fact)
        return joined if len(joined) <= limit else " ".join(focus.split()) or fact.text


def reading_order(fact: Fact) -> tuple:
    return (fact.page, fact.row if fact.row is not None else -1, fact.char_start)


def facts_of(facts: list[Fact], *, kind: str | None = None, role: str | None = None,
             unit: str | None = None) -> list[Fact]:
    return [f for f in facts if (kind is None or f.kind == kind) and
            (role is None or f.role == role) and (unit is None or f.unit == unit)]
