"""Numbers that are not facts yield no fact: one class per case, in sentences written here."""
import pytest


@pytest.mark.parametrize("sentence", [
    "The plan was agreed on 13 March 2014 by the board.",  # date
    "The review was published in 2017 after consultation.",  # year
    "Spending in 2015/16 was reviewed by the panel.",  # financial-year label
    "The Safer Streets Strategy 2016-2019 sets the priorities.",  # strategy name
    "Duties arise under the Crime and Disorder Act 1998 for councils.",  # legislation
    "2.1 To monitor the delivery of the plan.",  # paragraph number
    "3.4 Youth Justice",  # section heading number
    "See Sections 5 and 6 of the guidance for detail.",  # section references
    "Full details are on P.4 and page 12 of the appendix.",  # page references
    "Call the team on 01902 551341 for advice.",  # phone number
    "Read more at www.example.gov.uk/reports/2019 online.",  # web address
    "Email safer.city2020@example.org for copies.",  # email address
    "Workshops reached young people aged 10-17 across the city.",  # age band
    "Sessions for 8-16 year olds ran at the youth centre.",  # age band, other form
    "Support is offered to offenders aged under 18 in custody.",  # age limit
    "1. Comment on progress achieved to date.",  # list numbering
    "i) Impact of funding reductions on delivery.",  # roman list numbering
    "Our reoffending rate is currently the 6th best in the country.",  # ordinal ranking
    "The city is one of the top ten authorities for recycling.",  # ranking
    "Mentoring is delivered one-to-one by trained staff.",  # idiom
    "The provider was awarded a 3 year contract in April.",  # duration
    "Patrols run between 10pm and 4am each weekend.",  # times
    "The helpline is open 24/7 to victims.",  # round-the-clock
    "The strategy addresses five key themes and four work streams.",  # document structure
    "Pupils in year 7 received the assembly.",  # school year
])
def test_not_facts(narrate, sentence):
    assert [(f.value, f.kind) for f in narrate(sentence)] == []


def test_footnote_markers_are_not_numbers(narrate):
    facts = narrate("Reports rose by 12%³ on the previous year.")
    assert [(f.value, f.kind) for f in facts] == [(12, "change")]


@pytest.mark.parametrize("sentence", [
    "The file malformed-from-issue-932.pdf could not be opened.",
    "The spend table is saved in Windows-1252 encoding.",
    "Services changed during COVID-19 restrictions.",
])
def test_numbers_inside_names_are_not_facts(narrate, sentence):
    assert [f.value for f in narrate(sentence + "\n")] == []


@pytest.mark.parametrize("text, values", [
    ("Cases were closed for other reasons. 6.2 Among the 40 clients, 31 felt safer.", [40, 31]),
    ("The panel met twice! 4.10 Referrals rose by 12 this year.", [12]),
    ("Most were resolved. 2.3.1 The service took 90 calls.", [90]),
    ("The rate fell. 6.2 per cent of calls were repeats.", [6.2]),  # a value that opens a sentence
])
def test_a_paragraph_number_run_on_after_a_sentence_is_not_a_fact(narrate, text, values):
    assert [f.value for f in narrate(text)] == values
