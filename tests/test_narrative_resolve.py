"""The document passes propose; one resolver applies the precedence table, whatever order the
proposals come in and whichever stage makes them."""
import pytest

from extractors.narrative.text.mentions import Mention
from extractors.narrative.drafts.reading import Draft, Proposal
from extractors.narrative.document.resolve import resolve, run_stages
from extractors.narrative.sentences.sentence import Slot


def _draft(subject: str = "sessions", kind: str = "count") -> Draft:
    slot = Slot(Mention(120, "gbp", 0, 4, "£120"), kind=kind, role="value")
    return Draft(segment=0, slot=slot, sentence=(0, 10), claim="c1", subject=subject, period="2021-22")


@pytest.mark.parametrize("proposals, subject", [
    ([Proposal(0, "subject", "shared", "shared_subject"), Proposal(0, "subject", "line label", "spend_list")],
     "line label"),
    ([Proposal(0, "subject", "line label", "spend_list"), Proposal(0, "subject", "shared", "shared_subject")],
     "line label"),  # the order they come in does not matter
    ([Proposal(0, "subject", "first", "shared_subject"), Proposal(0, "subject", "second", "shared_subject")],
     "second"),  # one pass's later word wins
])
def test_the_strongest_proposal_wins(proposals, subject):
    assert resolve([_draft()], proposals)[0].subject == subject


def test_resolving_changes_no_draft():
    draft = _draft()
    resolved = resolve([draft], [Proposal(0, "kind", "spend_item", "spend_list"), Proposal(0, "note", "n", "footnote")])
    assert (draft.slot.kind, draft.note) == ("count", "")
    assert (resolved[0].slot.kind, resolved[0].slot.role, resolved[0].note) == ("spend_item", "value", "n")


def test_a_later_stage_does_not_undo_a_stronger_pass():
    stages = [[lambda ds: [Proposal(0, "kind", "spend_item", "spend_list")]],
              [lambda ds: [Proposal(0, "kind", "kpi_value", "restated"), Proposal(0, "period", "2020-21", "restated")]]]
    resolved = run_stages([_draft()], stages)[0]
    assert (resolved.slot.kind, resolved.period) == ("spend_item", "2020-21")


def test_a_later_stage_reads_what_the_earlier_settled():
    seen = []
    stages = [[lambda ds: [Proposal(0, "claim", "list:1", "spend_list")]],
              [lambda ds: seen.append(ds[0].claim) or []]]
    run_stages([_draft()], stages)
    assert seen == ["list:1"]


def test_a_pass_with_no_precedence_is_a_programming_error():
    with pytest.raises(ValueError):
        resolve([_draft()], [Proposal(0, "kind", "count", "unregistered")])
