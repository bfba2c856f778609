"""Wordings the sample reports do not use: each case is a sentence written for this test."""
import pytest

from pipeline.rules import check_document
from tests.conftest import document_from_text


def claim(facts, value):
    """(role, value) of every fact sharing the claim of the fact with this value."""
    fact = next(f for f in facts if f.value == value)
    return sorted((f.role, f.value) for f in facts if f.claim_id == fact.claim_id)


@pytest.mark.parametrize("sentence, member, expected", [
    # a change after its from/to levels
    ("Cycle thefts went up from 400 to 460, an increase of 15%.", 15,
     [("change_pct", 15), ("from", 400), ("to", 460)]),
    # a change before levels in brackets
    ("Criminal damage fell by 10% (from 300 to 270 offences).", 10,
     [("change_pct", 10), ("from", 300), ("to", 270)]),
    # level, signed change, base in brackets after 'compared with'
    ("Robbery: 90 offences, -10% compared with last year (100).", 100,
     [("change_pct", 10), ("from", 100), ("to", 90)]),
    # the base year's level in brackets after 'on <year>'
    ("Thefts fell to 47, a 21.7% reduction on 2021/22 (60).", 60,
     [("change_pct", 21.7), ("from", 60), ("to", 47)]),
    # 'from N' straight after the change
    ("Arson: 44 incidents, a rise of 10% from 40.", 40,
     [("change_pct", 10), ("from", 40), ("to", 44)]),
    # 'down N pp from P%'
    ("Satisfaction: 71.5%, down 3.5pp from 75%.", 3.5,
     [("change_pct", 3.5), ("from", 75), ("to", 71.5)]),
])
def test_change_shares_a_claim_with_its_levels(narrate, sentence, member, expected):
    assert claim(narrate(sentence), member) == expected


def test_separate_clauses_keep_separate_claims(narrate):
    facts = narrate("Thefts went up from 400 to 460, while robbery fell by 5%.")
    assert claim(facts, 5) == [("change_pct", 5)]


@pytest.mark.parametrize("text, whole, parts, share", [
    ("The hub took 90 calls. Of these, 50 were advice, 25 referrals and the remaining 15 complaints.",
     90, [50, 25, 15], None),
    ("The project mentored 60 pupils; 45 of them (75%) improved attendance.", 60, [45], (75, 45, 60)),
    ("The fund was worth £80k, of which £20k (25%) paid for CCTV.", 80000, [20000], (25, 20000, 80000)),
    ("The scheme housed 80 people; 60 of them stayed a year or more (75%).", 80, [60], (75, 60, 80)),
])
def test_parts_and_shares_of_a_whole_stated_elsewhere(narrate, text, whole, parts, share):
    facts = narrate(text)
    members = [f for f in facts if f.claim_id == next(f.claim_id for f in facts if f.value == whole)]
    assert sorted(f.value for f in members if f.role == "part") == sorted(parts)
    shares = [(f.value, f.numerator, f.denominator) for f in members if f.role == "share"]
    assert shares == ([share] if share else [])


def test_share_of_previous_sentence_count_is_checked():
    doc = document_from_text("The project mentored 60 pupils. Of these, 40 (75%) improved attendance.")
    from extractors.narrative import extract
    flags = check_document(doc, list(extract(doc).facts))
    assert [(f.rule_id, f.observed, round(f.expected, 1)) for f in flags] == [("percent-matches-counts", 75, 66.7)]


@pytest.mark.parametrize("sentence, expected", [
    ("The council was awarded £50,000 by the Home Office and spent £48,500.",
     [("allocation", 50000), ("amount", 48500)]),
    ("The team used £12k of its grant to buy radios.", [("amount", 12000)]),
    ("The budget is £2m, of which £0.5m is the Lottery grant.", [("allocation", 2000000), ("allocation", 500000)]),
    ("Grants of up to £5,000 were offered to residents' groups.", [("allocation", 5000)]),
])
def test_money_kind_from_the_cue_next_to_each_sum(narrate, sentence, expected):
    assert [(f.kind, f.value) for f in narrate(sentence)] == expected


def test_thousands_declared_in_prose_make_a_spend_claim(narrate):
    facts = narrate("Spend in £000s was: salaries 40.5, training 9.5 and venues 5.0, a total of 55.0 "
                    "against a budget of 50.0.")
    assert sorted((f.kind, f.value) for f in facts) == [
        ("allocation", 50000), ("spend_item", 5000), ("spend_item", 9500), ("spend_item", 40500),
        ("spend_total", 55000)]
    assert len({f.claim_id for f in facts}) == 1


@pytest.mark.parametrize("sentence", [
    "Around one in four residents feel unsafe at night.",  # fractions are words, not printed numbers
    "Two thirds of the panel agreed.",
    "Call 101 or 999 in an emergency.",  # service numbers
    "Officers answered 999 calls promptly.",
    "Victims are contacted within 48 hours of a report.",  # a span of time
    "The desk is staffed 10 hours a day.",
])
def test_not_facts(narrate, sentence):
    assert narrate(sentence) == []


@pytest.mark.parametrize("sentence, value, unit, kind", [
    ("Cadets gave approximately 1,800 hours to the clean-up.", 1800, "hours", "count"),
    ("Mentors delivered 620 hours of support, 80 hours more than last year.", 80, "hours", "change"),
    ("Wardens patrolled on 75 nights.", 75, "count", "count"),
])
def test_hours_and_nights_that_are_facts(narrate, sentence, value, unit, kind):
    fact = next(f for f in narrate(sentence) if f.value == value)
    assert (fact.unit, fact.kind) == (unit, kind)


def test_paragraph_numbers_are_not_facts_and_do_not_join_a_heading(narrate):
    facts = narrate("2. Performance\n\n2.1 Referrals reached 310 in the year.\n\n2.2 Waiting lists fell.")
    assert [f.value for f in facts] == [310]


@pytest.mark.parametrize("text, value, period", [
    ("Quarterly Report: Quarter 2 2019/20\n\nSummary\n\nArrests: 410.", 410, "2019-20 Q2"),
    ("Annual Report 2018/19\n\nThefts fell from 500 to 450.", 500, "2017-18"),
    ("Annual Report 2018/19\n\nThefts reached 450 this year, up from 400 last year.", 400, "2017-18"),
    ("Annual Report 2018/19\n\nThefts reached 450 this year, up from 400 last year.", 450, "2018-19"),
    ("Quarterly Report: Quarter 2 2019/20\n\nArrests: 410, +2.5% on the same quarter last year (400).",
     400, "2018-19 Q2"),
])
def test_periods_from_title_and_relative_words(narrate, text, value, period):
    assert next(f for f in narrate(text) if f.value == value).period == period


def test_target_stated_as_an_aim(narrate):
    facts = narrate("Our target for next year is to cut repeat victimisation to 20%.")
    assert [(f.kind, f.value) for f in facts] == [("kpi_target", 20)]


def test_area_from_partnership_headings(narrate):
    text = ("Review 2019/20\n\nEastford Community Safety Partnership\n\nEastford recorded 120 thefts.\n\n"
            "Westford Community Safety Partnership\n\nWestford recorded 80 thefts.\n\nSummary\n\n"
            "Together they recorded 200 thefts.")
    assert [(f.value, f.area) for f in narrate(text)] == [(120, "Eastford"), (80, "Westford"), (200, "")]


def test_bulleted_spend_list_is_one_spend_claim_checked_by_the_spend_rule():
    text = ("Report 2018/19\n\nThe grant was spent as follows:\n\n- Mediation: £20,000\n- CCTV upkeep: £15,500\n"
            "- Total: £38,000\n\nPartners:\n\n- Fire service: £5,000\n- Housing: £7,000\n")
    doc = document_from_text(text)
    from extractors.narrative import extract
    facts = extract(doc).facts
    listed = [(f.kind, f.value) for f in facts if f.kind.startswith("spend")]
    assert listed == [("spend_item", 20000), ("spend_item", 15500), ("spend_total", 38000)]
    assert [f.kind for f in facts if f.value in (5000, 7000)] == ["amount", "amount"]  # no spend intro
    assert [(f.rule_id, f.expected, f.observed) for f in check_document(doc, facts)] == [
        ("spend-lines-sum-to-total", 35500, 38000)]  # the lines add to 35,500; the total says 38,000


def test_a_spread_is_not_a_change(narrate):
    facts = narrate("Annual Report 2018/19\n\nCaseloads ranged from 12 to 18 per worker.")
    assert [(f.role, f.period) for f in facts] == [("value", "2018-19"), ("value", "2018-19")]


@pytest.mark.parametrize("heading, lines", [
    ("PART B - EXPENDITURE", ["Reducing alcohol-related violence in the night-time", "economy (street pastors) £12.5k",
                              "Awareness training for front-line staff £8.4k", "Casework and community mediation 9.6k",
                              "Total expenditure 2013/14 £30.5k"]),
    ("Spend in 2013/14", ["Street pastors £12,500", "Training for staff £8,400",
                          "Casework and mediation £9,600", "Total spend £30,500"]),
])
def test_lines_ending_in_sums_under_a_spend_heading_are_one_spend_claim(heading, lines):
    body = "\n\n".join(lines)  # a PDF's text layer: each line its own paragraph
    text = f"Grant return 2013/14\n\n{heading}\n\n{body}\n\nPART C - BALANCE\n\nUnspent grant to be returned £1.2k\n"
    doc = document_from_text(text)
    from extractors.narrative import extract
    facts = extract(doc).facts
    listed = [(f.kind, f.value, f.unit) for f in facts if f.kind.startswith("spend")]
    assert listed == [("spend_item", 12500, "gbp"), ("spend_item", 8400, "gbp"), ("spend_item", 9600, "gbp"),
                      ("spend_total", 30500, "gbp")]
    assert len({f.claim_id for f in facts if f.kind.startswith("spend")}) == 1
    assert "street pastors" in next(f.subject for f in facts if f.value == 12500).lower()
    assert [f.kind for f in facts if f.value == 1200] == ["amount"]  # under another heading
    assert check_document(doc, facts) == []


def test_lines_ending_in_counts_under_another_heading_stay_counts():
    text = "Annual report 2019/20\n\nResults\n\nArrests made 120\n\nCautions given 45\n\nReferrals made 300\n"
    from extractors.narrative import extract
    facts = extract(document_from_text(text)).facts
    assert facts and not [f for f in facts if f.kind.startswith("spend") or f.unit == "gbp"]


@pytest.mark.parametrize("sentence, now, then", [
    ("In the first quarter (April to June 2019) there were 98 hate crime reports, compared with 71 in the same "
     "quarter last year.", "2019-20 Q1", "2018-19 Q1"),
    ("The October to December quarter saw 42 burglaries, against 55 in the same quarter of last year.",
     "2019-20 Q3", "2018-19 Q3"),
])
def test_the_same_quarter_last_year_is_the_named_quarter_a_year_earlier(narrate, sentence, now, then):
    facts = narrate(f"Annual Report 2019/20\n\n{sentence}")
    assert [f.period for f in sorted(facts, key=lambda f: f.char_start)] == [now, then]


@pytest.mark.parametrize("sentence", [
    "Emergency (999) calls were answered within 10 seconds on 91.2% of occasions.",
    "Non-emergency (101) calls were answered on 88.0% of occasions.",
])
def test_a_bracketed_service_number_is_no_count(narrate, sentence):
    assert [f.value for f in narrate(f"Quarterly report Q3 2020/21\n\n{sentence}")] in ([91.2], [88.0])


def test_last_years_period_belongs_to_the_figure_it_follows(narrate):
    facts = narrate("Quarterly report: Quarter 3 2020/21\n\nVictim satisfaction fell to 78.5% from 81.0% in the "
                    "same quarter last year.")
    assert {(f.value, f.period) for f in facts if f.unit == "percent"} == {(78.5, "2020-21 Q3"), (81.0, "2019-20 Q3")}


@pytest.mark.parametrize("sentence", [
    "Youth outreach workers engaged 312 young people, up from 240 in 2021/22, an increase of 30 per cent.",
    "The service supported 312 victims, compared with 240 in 2021/22.",
    "Outreach reached 312 people this year, more than the 240 during 2021/22.",
])
def test_the_period_after_a_from_level_dates_that_level_only(narrate, sentence):
    facts = narrate(f"End of year return 2022/23\n\nOutcomes\n\n{sentence}")
    assert {(f.value, f.period) for f in facts if f.value in (312, 240)} == {(312, "2022-23"), (240, "2021-22")}
    assert all(f.period == "2022-23" for f in facts if f.kind == "change")
