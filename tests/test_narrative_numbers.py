"""Numbers as people write them, read from sentences written for these tests."""
import pytest


def one(facts, value):
    found = [f for f in facts if f.value == value]
    assert len(found) == 1, [(f.value, f.kind) for f in facts]
    return found[0]


@pytest.mark.parametrize("sentence, value, unit, kind, qualifier", [
    ("The project supported 1,245 households last spring.", 1245, "count", "count", ""),  # separators
    ("Satisfaction stood at 87.5% among tenants.", 87.5, "percent", "percent", ""),  # decimals
    ("Some 62 per cent of callers were repeat callers.", 62, "percent", "percent", "approximately"),
    ("Around 40 percent of patrols were at night.", 40, "percent", "percent", "approximately"),
    ("The council spent £2.5m on street lighting.", 2_500_000, "gbp", "amount", ""),  # £ with m
    ("Volunteers raised £12k for the shelter.", 12_000, "gbp", "amount", ""),  # £ with k
    ("The board was awarded £1.2 million by the trust.", 1_200_000, "gbp", "allocation", ""),
    ("Forty seven volunteers joined the scheme.", 47, "count", "count", ""),  # number words
    ("Three hundred and six calls were answered.", 306, "count", "count", ""),
    ("Nineteen percent of bikes were recovered.", 19, "percent", "percent", ""),
    ("Nearly 300 residents attended the meetings.", 300, "count", "count", "nearly"),  # qualifiers
    ("Over ninety street marshals were trained.", 90, "count", "count", "over"),
    ("More than 20 families received support.", 20, "count", "count", "more than"),
    ("Almost 15% of referrals were withdrawn.", 15, "percent", "percent", "almost"),
    ("Completion rates are now up to 76%.", 76, "percent", "percent", "up to"),
    ("Mentors gave 240 hours of support to young carers.", 240, "hours", "count", ""),
    ("Offenders received sentences totalling over 30 years.", 30, "years", "count", "over"),
])
def test_number_forms(narrate, sentence, value, unit, kind, qualifier):
    fact = one(narrate(sentence), value)
    assert (fact.unit, fact.kind, fact.qualifier) == (unit, kind, qualifier)


@pytest.mark.parametrize("sentence, label", [
    ("Calls to the helpline have more than doubled, from 310 to 655.", "more than doubled (x2)"),
    ("Street drinking incidents halved after the order, from 82 to 39.", "halved (x0.5)"),
    ("Reports almost trebled over the year, from 40 to 115.", "almost trebled (x3)"),
])
def test_multipliers_label_their_levels_and_are_not_facts(narrate, sentence, label):
    """A multiplier word is not a printed number (no unit in the contract, nothing to ground):
    its words and factor go on the from/to levels it describes, for the multiplier rule."""
    facts = narrate(sentence)
    assert sorted((f.role, f.label) for f in facts) == [("from", label), ("to", label)]
    assert len({f.claim_id for f in facts}) == 1


def test_a_multiplier_without_levels_gives_no_fact(narrate):
    assert narrate("Street drinking incidents halved after the order was made.") == []


def test_span_points_at_the_number_in_the_page(narrate):
    text = "Intro line.\n\nThe team visited 418 homes in total."
    fact = one(narrate(text), 418)
    assert text[fact.char_start:fact.char_end] == "418"
    assert fact.source == "narrative" and fact.page == 1


def test_bullets_are_prose(narrate):
    facts = narrate("Highlights\n\n- 35 mentors recruited\n- 12 schools engaged\n")
    assert sorted((f.value, f.subject) for f in facts) == [(12, "schools"), (35, "mentors")]
