"""The same quantity stated in two places agrees: prose against the table for the same
indicator and year, and a figure restated in another table or another report.

Both rules are built to stay quiet when unsure: a prose count is compared only with the one
KPI row its words clearly name, and a restated figure only with facts of the same kind,
unit, period, subject, label, theme and area.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from pipeline.model import Fact, Flag
from pipeline.rules.context import RuleContext
from pipeline.rules.flags import make_flag
from pipeline.rules.kpi_commentary import row_values, year_total
from pipeline.rules.rounding import Interval, plain, tolerance_text
from pipeline.rules.rule import Params, Rule

FY = re.compile(r"^\d{4}-\d\d$")
GENERIC = set("""the of a an and or in on to for by with from at as is was were be been are this
that which who whose their its into than number numbers no total totals level levels rate rates
per cent percent year years quarter quarters baseline reduce reducing increase increasing
decrease all overall including incl new""".split())
NARRATIVE_ROLES = ("value", "whole", "part", "level", "")


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", (text or "").lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if w not in GENERIC and len(w) > 1}


def words_of(ctx: RuleContext, fact: Fact) -> set[str]:
    """What a prose count is about: its subject, or where that is thin, its clause."""
    words = content_words(fact.subject)
    return words if len(words) >= 2 else words | content_words(ctx.clause(fact))


def row_candidates(ctx: RuleContext, fact: Fact, p: Params) -> list[tuple[float, dict, list[Fact]]]:
    """(how well the words cover the row's indicator, row values, the year's parts)."""
    found = []
    words = words_of(ctx, fact)
    for (doc_id, _, _), facts in ctx.table_rows.items():
        values = row_values(facts) if doc_id == fact.doc_id else None
        year = year_total(values, fact.period) if values else None
        if not year or values is None:
            continue
        indicator = content_words(year[1][0].subject)
        shared = words & indicator
        if len(shared) >= p.min_shared_words and len(shared) >= p.min_coverage * len(indicator):
            found.append((len(shared) / len(indicator), values, year[1]))
    return found


def check_narrative_table(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    for fact in ctx.facts:
        if fact.source != "narrative" or fact.table_id or fact.kind != "count" \
                or fact.unit != "count" or fact.role not in NARRATIVE_ROLES or not FY.match(fact.period):
            continue
        candidates = row_candidates(ctx, fact, p)
        stated = ctx.interval(fact)
        if not candidates or any(stated.meets(ctx.interval(v)) for _, values, _ in candidates
                                 for v in values.values()) or any(
                stated.meets(Interval.exact(sum(f.value for f in parts))) for _, _, parts in candidates):
            continue
        best = max(c[0] for c in candidates)
        top = [c for c in candidates if c[0] == best]
        if len(top) != 1:
            continue
        parts = top[0][2]
        total = sum(f.value for f in parts)
        expr = " + ".join(plain(f.value) for f in parts)
        yield make_flag(
            ctx, NARRATIVE_TABLE.id, "warning", [fact, *parts], focus=fact, expected=total,
            observed=fact.value, arithmetic=f"{expr} = {plain(total)}",
            tolerance=tolerance_text(ctx.step(fact), ctx.truncation, fact.qualifier,
                                     exact=ctx.exact(fact)),
            message=(f"The text says {plain(fact.value)} for {fact.period}, but the table row "
                     f"'{parts[0].subject[:80]}' gives {expr} = {plain(total)} "
                     f"(difference {plain(fact.value - total)})"))


RESTATED_KINDS = ("allocation", "spend_total", "kpi_value", "kpi_baseline", "kpi_target")


def restatement_key(fact: Fact) -> tuple | None:
    if fact.kind not in RESTATED_KINDS or not fact.period or not fact.subject.strip():
        return None
    subject = " ".join(sorted(content_words(fact.subject)))
    return (fact.kind, fact.unit, fact.period, subject, fact.label.lower(), fact.theme.lower(),
            fact.area.lower(), fact.role == "share")


PAIRED_ELSEWHERE = ("allocation", "kpi_value", "kpi_baseline")


def loose_key(fact: Fact) -> tuple | None:
    """The restatement key without the label and section: what corpus streaming groups by,
    and what tells a thin name (one report giving it three or more figures, one per
    district table) from one quantity."""
    key = restatement_key(fact)
    return None if key is None else key[:4] + key[6:]


def thin_names(facts: list[Fact]) -> set[tuple]:
    values: dict[tuple, set[float]] = defaultdict(set)
    for fact in facts:
        key = loose_key(fact)
        if key is not None:
            values[(fact.doc_id, key)].add(fact.value)
    return {k for k, v in values.items() if len(v) >= 3}


def check_restated(ctx: RuleContext, p: Params) -> Iterator[Flag]:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in ctx.facts:
        key = restatement_key(fact)
        if key:
            groups[key].append(fact)
    thin = thin_names(ctx.facts)
    for key, facts in groups.items():
        places = {(f.doc_id, f.table_id) for f in facts}
        across_docs = len({f.doc_id for f in facts}) > 1
        values = sorted({f.value for f in facts})
        if any((f.doc_id, loose_key(f)) in thin for f in facts):
            continue
        if len(places) < 2 or len(values) != 2 or (across_docs and (not key[6] or key[0] in PAIRED_ELSEWHERE)):
            continue  # one place, 3+ values (a different quantity), two bodies we cannot tell
            # apart, or figures across reports that same-allocation-across-reports and
            # previous-year-agrees pair by recipient and year
        low = next(f for f in facts if f.value == values[0])
        high = next(f for f in facts if f.value == values[1])
        if ctx.interval(low).meets(ctx.interval(high)):
            continue
        yield make_flag(
            ctx, RESTATED.id, "warning", [low, high], focus=high, expected=low.value, observed=high.value,
            arithmetic=f"{plain(high.value)} - {plain(low.value)} = {plain(high.value - low.value)}",
            tolerance=tolerance_text(ctx.step(high), ctx.truncation, exact=ctx.exact(high)),
            message=(f"'{high.subject[:80]}' for {high.period} is stated as {plain(low.value)} "
                     f"(page {low.page}) and as {plain(high.value)} (page {high.page})"
                     + (" in another report" if across_docs else "")))


NARRATIVE_TABLE = Rule(
    id="narrative-matches-table", severity="warning",
    description="A count in the text agrees with the table row for the same indicator and year.",
    check=check_narrative_table, params={"min_shared_words": 2, "min_coverage": 0.6})
RESTATED = Rule(
    id="same-quantity-agrees", severity="warning",
    description="The same quantity stated twice (in one report, or in two for the same body "
                "and year) has the same value.",
    check=check_restated, scope="corpus", group=lambda fact, documents: loose_key(fact))
