"""The document stage of the narrative reader: passes that propose, one resolver that decides.

After each sentence is read on its own, five passes look across the document: footnotes join
the claim that cites them, a bulleted spend list becomes one spend claim, a count introduced
by a lead-in line and broken down in the bullets under it becomes one whole-and-parts claim, a number whose own
words name nothing takes its claim's subject, and a number restating a table cell takes the
cell's typing. None of them changes a draft: each returns `Proposal`s, and `resolve` applies
them, choosing per field by the one precedence table below, so which pass wins is stated here
and not by the order the passes happen to run in.

Passes run in stages because a later one reads what an earlier one settled (a subject is shared
within a claim, so claims are settled first); passes of one stage see the same drafts.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from extractors.narrative.drafts.reading import Draft, Proposal

# For each field, the passes that may set it, strongest first.
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "claim": ("spend_list", "breakdown", "footnote"),  # a footnoted spend line is still a line of its list
    "kind": ("spend_list", "restated"),  # a list's sums are spend lines, whatever a table repeats
    "role": ("spend_list", "breakdown"),
    "subject": ("spend_list", "restated", "shared_subject"),  # a line's own label first
    "period": ("restated",),
    "unit": ("spend_list",),  # '9.6k' among a list's pounds is pounds
    "note": ("footnote",),
}

Pass = Callable[[list[Draft]], list[Proposal]]


Settled = dict[tuple[int, str], Proposal]  # (draft index, field) -> the proposal that set it


def resolve(drafts: list[Draft], proposals: Sequence[Proposal], settled: Settled | None = None) -> list[Draft]:
    """New drafts with, for each field, the value of its strongest proposal; `settled` holds
    what earlier stages decided (and is updated), so a weaker pass of a later stage does not
    undo a stronger one's word. Among one pass's proposals for a field the later wins."""
    settled = {} if settled is None else settled
    changed: dict[int, dict[str, str]] = {}
    for p in proposals:
        rank = PRECEDENCE[p.field].index(p.by)  # an unknown field or pass is a programming error
        held = settled.get((p.draft, p.field))
        if held is None or rank <= PRECEDENCE[p.field].index(held.by):
            settled[(p.draft, p.field)] = p
            changed.setdefault(p.draft, {})[p.field] = p.value
    return [_apply(d, changed[i]) if i in changed else d for i, d in enumerate(drafts)]


def _apply(draft: Draft, values: dict[str, str]) -> Draft:
    slot = draft.slot
    if "kind" in values or "role" in values:
        slot = replace(slot, kind=values.get("kind", slot.kind), role=values.get("role", slot.role))
    if "unit" in values:
        slot = replace(slot, m=replace(slot.m, unit=values["unit"]))
    return replace(draft, slot=slot, claim=values.get("claim", draft.claim), subject=values.get("subject", draft.subject),
                   period=values.get("period", draft.period), note=values.get("note", draft.note))


def run_stages(drafts: list[Draft], stages: Sequence[Sequence[Pass]]) -> list[Draft]:
    """Each stage's passes propose on the same drafts; the resolver settles them (against what
    earlier stages settled) before the next stage reads."""
    settled: Settled = {}
    for stage in stages:
        drafts = resolve(drafts, [p for read in stage for p in read(drafts)], settled)
    return drafts
