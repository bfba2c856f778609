"""A multiplier word kept on a claim's levels against the levels' own ratio."""
import pytest

from pipeline.rules import check_document
from tests.inline_facts import Page1, projection


def levels(text: str, old: str, new: str, label: str) -> Page1:
    page = Page1(text)
    page.fact(old, role="from", claim_id="c1", label=label)
    page.fact(new, role="to", claim_id="c1", label=label)
    return page


@pytest.mark.parametrize("text, old, new, label", [
    ("Fly-tipping halved, from 820 to 410.", "820", "410", "halved (x0.5)"),  # exact
    ("Fly-tipping halved, from 820 to 390.", "820", "390", "halved (x0.5)"),  # x0.48: a word is loose
    ("Shoplifting more than doubled, from 310 to 655.", "310", "655", "more than doubled (x2)"),
    ("Referrals almost trebled, from 40 to 115.", "40", "115", "almost trebled (x3)"),
])
def test_multiplier_agreeing_with_its_levels_is_not_flagged(text, old, new, label):
    page = levels(text, old, new, label)
    assert check_document(page.document, page.made) == []


@pytest.mark.parametrize("text, old, new, label, factor, ratio", [
    ("Graffiti halved, from 820 to 600.", "820", "600", "halved (x0.5)", 0.5, 0.73),
    ("Thefts more than doubled, from 310 to 560.", "310", "560", "more than doubled (x2)", 2.0, 1.81),
])
def test_multiplier_the_levels_do_not_bear_out_is_flagged(text, old, new, label, factor, ratio):
    page = levels(text, old, new, label)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("multiplier-matches-levels", factor, ratio)]
    assert f"{new} / {old} = x{ratio:.2f}" in flags[0].message
