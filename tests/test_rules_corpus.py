"""Across reports: a grant letter against the partnership's own return, paired by recipient
and year from the title block; the corpus is streamed and only a few facts per key kept."""
import pytest

from pipeline.rules import check_corpus
from pipeline.rules.corpus import ACROSS_REPORTS, reduce_corpus
from tests.inline_facts import Page1

LETTER = "The Commissioner has approved a grant of £29,324 to the partnership for 2014/15."
RETURN = "Grant allocated to the partnership for 2014/15: £{value}\nOur £3,000 contribution is not shown."


def reports(returned: str, org_b: str = "Dacorum Community Safety Partnership", period_b: str = "2014-15"):
    letter, ret = Page1(LETTER, doc_id="letter"), Page1(RETURN.format(value=returned), doc_id="return")
    letter.fact("£29,324", kind="allocation", role="value", period="2014-15")
    ret.fact(f"£{returned}", kind="allocation", role="value", period=period_b)
    ret.fact("£3,000", kind="allocation", role="value", period=period_b)
    documents = {"letter": {"file_name": "letter.txt", "organisation": "Dacorum Community Safety Partnership"},
                 "return": {"file_name": "return.txt", "organisation": org_b}}
    pages = {("letter", 1): letter.text, ("return", 1): ret.text}
    return letter.made + ret.made, pages, documents


def flags_of(facts, pages, documents):
    return [(f.rule_id, f.expected, f.observed) for f in check_corpus(iter(facts), pages=pages, documents=documents)
            if f.rule_id == ACROSS_REPORTS.id]


def test_a_return_stating_another_grant_than_the_letter_is_flagged_naming_both():
    facts, pages, documents = reports("23,924")
    flags = check_corpus(iter(facts), pages=pages, documents=documents)
    assert [(f.rule_id, f.expected, f.observed) for f in flags] == [(ACROSS_REPORTS.id, 29324, 23924)]
    assert "letter.txt, page 1" in flags[0].message and "return.txt, page 1" in flags[0].message
    assert "£29,324" in flags[0].snippet and "£23,924" in flags[0].snippet


def test_the_same_grant_in_both_reports_agrees():
    assert flags_of(*reports("29,324")) == []


def test_another_recipient_or_year_is_not_compared():
    assert flags_of(*reports("23,924", org_b="Watford Community Safety Partnership")) == []
    assert flags_of(*reports("23,924", period_b="2015-16")) == []


def test_abbreviated_recipient_names_pair_up():
    assert flags_of(*reports("23,924", org_b="Dacorum CSP")) == [(ACROSS_REPORTS.id, 29324, 23924)]


def test_a_thousand_reports_restating_one_grant_keep_one_fact():
    facts, _, documents = reports("29,324")
    copies = [f.__class__(**{**f.__dict__, "doc_id": f"copy{i}", "fact_id": f"{f.fact_id}_{i}"})
              for i in range(1000) for f in facts]
    documents.update({f"copy{i}": documents["return"] for i in range(1000)})
    kept = reduce_corpus(iter(copies), [ACROSS_REPORTS], documents)
    assert len(kept) <= 8


NAMED_LETTER = ("Office of the Police and Crime Commissioner for Denholm\n\nGrant offer letter 2022/23\n\n"
          "I am pleased to confirm that the Commissioner has {verb} a grant of £48,250 for 2022/23.\n")
OWN_RETURN = ("Riverside Community Safety Partnership\nEnd of year return 2022/23\n\n"
          "Grant received from the Commissioner in 2022/23: £{received}\n")


@pytest.mark.parametrize("verb", ["awarded Riverside Community Safety Partnership", "awarded Riverside CSP"])
@pytest.mark.parametrize("received, flagged", [("46,250", True), ("48,250", False)])
def test_a_letter_naming_its_recipient_in_the_sentence_pairs_with_the_recipients_return(
        tmp_path, verb, received, flagged):
    from pipeline.process import process_document
    (tmp_path / "letter.txt").write_text(NAMED_LETTER.format(verb=verb), encoding="utf-8")
    (tmp_path / "return.txt").write_text(OWN_RETURN.format(received=received), encoding="utf-8")
    results = [process_document(tmp_path / name) for name in ("letter.txt", "return.txt")]
    facts = [f for r in results for f in r.facts]
    documents = {r.document.doc_id: {"organisation": r.document.organisation, "period": r.document.period,
                                     "file_name": r.document.file_name} for r in results}
    pages = {(r.document.doc_id, p.number): p.text for r in results for p in r.document.pages}
    assert [sorted((e, o)) for _, e, o in flags_of(facts, pages, documents)] == (
        [sorted((float(received.replace(",", "")), 48250.0))] if flagged else [])
