"""Whole statements, their periods and their subjects, on sentences written here (issue 12).
Each case is a short report: a title line naming its period, then the statement."""
import pytest


def _facts(narrate, sentence: str, title: str = "Partnership Annual Report 2022/23"):
    return narrate(f"{title}\n\n{sentence}\n")


def _by_value(facts):
    return {f.value: f for f in facts}


@pytest.mark.parametrize("sentence, change, pct", [
    ("Shoplifting rose by 14 (9.2%) to 166 offences.", 14, 9.2),  # change, its percent, the level
    ("Cycle theft went up by 31, or 7.4%, over the year.", 31, 7.4),  # phrasal verb, ', or'
    ("Criminal damage went down by 12 (4.1%).", 12, 4.1),
    ("This year's award is £2,310 (5.5%) higher.", 2310, 5.5),  # bracketed percent before the change word
    ("Arson rose from 40 to 52 offences, an increase of 12 (30%).", 12, 30),  # increase of N (P%)
])
def test_a_change_and_its_percent_are_one_claim(narrate, sentence, change, pct):
    facts = _by_value(_facts(narrate, sentence))
    a, p = facts[change], facts[pct]
    assert (a.kind, p.kind, p.unit) == ("change", "change", "percent")
    assert a.direction == p.direction and a.claim_id == p.claim_id


@pytest.mark.parametrize("sentence, values, direction", [
    ("Theft fell by 3.1%, arson by 6.6% and robbery by 1.2%.", [3.1, 6.6, 1.2], "decrease"),
    ("Assaults rose by 5%, harassment by 2% and stalking by 11%.", [5, 2, 11], "increase"),
    ("Calls went up by 40, complaints by 12 and visits by 7.", [40, 12, 7], "increase"),
])
def test_elliptical_change_lists(narrate, sentence, values, direction):
    facts = _by_value(_facts(narrate, sentence))
    assert [(facts[v].kind, facts[v].direction) for v in values] == [("change", direction)] * len(values)


@pytest.mark.parametrize("sentence, value", [
    ("Young men made up 31 per cent of those referred.", 31),
    ("Repeat callers make up 12% of the total.", 12),
    ("Lone parents, making up 18% of households, were offered support.", 18),
])
def test_made_up_is_a_share_not_a_rise(narrate, sentence, value):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert (fact.kind, fact.direction) == ("percent", "")


@pytest.mark.parametrize("sentence, value, direction", [
    ("The detection rate was 41%, up 0.8 points on last year.", 0.8, "increase"),
    ("Satisfaction, at 77%, was down 2.5 points.", 2.5, "decrease"),
    ("The repeat rate fell by 1.9 pts to 26%.", 1.9, "decrease"),
])
def test_points_beside_a_rate_are_percentage_points(narrate, sentence, value, direction):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert (fact.kind, fact.unit, fact.direction) == ("change", "percentage_points", direction)


@pytest.mark.parametrize("sentence, value, direction", [
    ("Burglary ended the year at 611, which is 48 below the baseline.", 48, "decrease"),
    ("Total crime finished 1,220 (6.0%) above the target.", 1220, "increase"),
    ("The count was 93 below its baseline.", 93, "decrease"),
])
def test_against_the_baseline_is_a_change(narrate, sentence, value, direction):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert (fact.kind, fact.direction) == ("change", direction)


@pytest.mark.parametrize("sentence, value, period", [
    ("In the July to September quarter 212 thefts were recorded.", 212, "2022-23 Q2"),
    ("The January to March quarter saw 95 arrests.", 95, "2022-23 Q4"),
    ("Reports fell by 4.0% between the first and second quarters.", 4.0, "2022-23 Q2"),
    ("The third quarter brought 388 calls.", 388, "2022-23 Q3"),
    ("There were 57 incidents in November alone.", 57, "2022-11"),
])
def test_month_named_and_ordinal_quarters(narrate, sentence, value, period):
    assert _by_value(_facts(narrate, sentence))[value].period == period


@pytest.mark.parametrize("sentence, value, period", [
    # a change names no period of its own: the report's, not the comparison's
    ("Spend was £40,120, which is £1,300 more than the £38,820 spent in 2021/22.", 1300, "2022-23"),
    ("Vandalism fell by 21 (8.0%), as the 2021/22 figure included one large incident.", 21, "2022-23"),
    # a change takes the period of the level it reached
    ("Thefts had gone from 300 in 2019/20 to 255 in 2020/21, a fall of 15%.", 15, "2020-21"),
    # a from-level with no year is the year before
    ("Fraud was broadly flat, easing by 0.5% from 1,004.", 1004, "2021-22"),
])
def test_periods_of_changes_and_levels(narrate, sentence, value, period):
    assert _by_value(_facts(narrate, sentence))[value].period == period


@pytest.mark.parametrize("title, period", [
    ("Annual Report 2019/20", "2019-20"),
    ("Performance Summary: Quarter 2 2021/22", "2021-22 Q2"),
    ("Meeting of 4 December 2014", "2014-15"),
])
def test_document_period_from_the_title_block(narrate, title, period):
    text = (f"{title}\n\nThe partnership was formed in 2008/09.\n\nSince then 640 volunteers have "
            f"been trained.")
    assert _by_value(narrate(text + "\n"))[640].period == period


@pytest.mark.parametrize("text, value, period", [
    ("The outlook for 2023/24 is uncertain. The grant may fall by 25%.", 25, "2023-24"),
    ("Demand grew in the October to December quarter. Officers attended 711 calls.", 711, "2022-23 Q3"),
])
def test_a_period_carries_to_the_next_sentence(narrate, text, value, period):
    assert _by_value(_facts(narrate, text))[value].period == period


@pytest.mark.parametrize("sentence, value, words", [
    ("Eastholm. Burglary ended at 412 offences.", 412, "Eastholm"),
    ("Northgate. The quarter added 1,030 crimes.", 1030, "Northgate"),
    ("Street drinking remains the main concern. It rose by 22 reports.", 22, "Street drinking"),
    ("Victim referrals grew again. They reached 913 in the year.", 913, "Victim referrals"),
])
def test_subjects_from_lead_ins_and_pronouns(narrate, sentence, value, words):
    assert words in _by_value(_facts(narrate, sentence))[value].subject


@pytest.mark.parametrize("sentence, value", [
    ("Children under five were present in 38% of households.", 5),
    ("Pupils under 16 took part in 14 workshops.", 16),
])
def test_age_limits_are_not_counts(narrate, sentence, value):
    assert value not in _by_value(_facts(narrate, sentence))


@pytest.mark.parametrize("sentence, value", [
    ("Our priority is to keep theft below 400 offences.", 400),
    ("- reduce burglary to fewer than 125 offences;", 125),
    ("We will cut arson to 30 deliberate fires.", 30),
])
def test_targets_in_prose(narrate, sentence, value):
    assert _by_value(_facts(narrate, sentence))[value].kind == "kpi_target"


def test_a_past_reduction_is_not_a_target(narrate):
    fact = _by_value(_facts(narrate, "Officers reduced burglary to 120 offences in the year."))[120]
    assert fact.kind != "kpi_target"


def test_a_line_introducing_bullets_dates_them(narrate):
    text = ("The panel agreed these aims for 2023/24:\n\n- reduce shoplifting to fewer than 90 offences;\n"
            "- hold 12 community meetings.\n\nOther work continued with 45 volunteers.")
    facts = _by_value(_facts(narrate, text))
    assert (facts[90].period, facts[12].period, facts[45].period) == ("2023-24", "2023-24", "2022-23")


@pytest.mark.parametrize("sentence, value, kind", [
    ("The council paid a £1,500 contribution to the regional fund.", 1500, "amount"),
    ("Each district made a £2,250 contribution towards the helpline.", 2250, "amount"),
    ("Its share for the year was set at £71,500 by the board.", 71500, "allocation"),
    ("The grant from the county's prevention fund, at just over £40,000, was the largest.", 40000, "allocation"),
])
def test_money_kinds(narrate, sentence, value, kind):
    assert _by_value(_facts(narrate, sentence))[value].kind == kind


@pytest.mark.parametrize("sentence, value", [
    ("The assembly reached 312 Year 9 pupils in four schools.", 312),
    ("Talks were given to 148 Year 11 students.", 148),
])
def test_pupils_in_a_school_year_are_a_count(narrate, sentence, value):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert (fact.kind, fact.unit) == ("count", "count")


@pytest.mark.parametrize("sentence, value, period", [
    ("Spend on mediation rose by 9.0%, from £20,400 in 2021/22 to £22,236.", 22236, "2022-23"),
    ("Spend on mediation rose by 9.0%, from £20,400 in 2021/22 to £22,236.", 20400, "2021-22"),
    ("The fund was expected to fall by a further 40 per cent.", 40, "2022-23"),
])
def test_from_to_periods_and_further_falls(narrate, sentence, value, period):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert fact.period == period
    if value == 40:
        assert (fact.kind, fact.direction) == ("change", "decrease")


def test_year_to_date_is_the_year_not_the_quarter_before(narrate):
    text = "Thefts peaked in Q3. Year to date, thefts show a rise of 4.4% on last year."
    assert _by_value(_facts(narrate, text))[4.4].period == "2022-23"


@pytest.mark.parametrize("text, number", [
    ("5 How the money is spent\n\nThe details follow.", "5"),  # a numbered heading with no full stop
    ("It was agreed that (1) the report be noted and (2) officers report back.", "1"),  # minute items
])
def test_numbered_headings_and_minute_items_are_ledger_entries(narrate, text, number):
    from extractors.narrative import extract
    from tests.conftest import document_from_text
    result = extract(document_from_text(f"Panel Minutes 2022/23\n\n{text}\n"))
    assert float(number) not in {f.value for f in result.facts}
    assert (number, "section_number" if text[0].isdigit() else "list_index") in \
        {(s.text, s.reason) for s in result.skipped}


def test_a_sum_compared_with_an_allocation_is_an_allocation(narrate):
    facts = _by_value(_facts(narrate, "The award for 2022/23 was set at £52,000, against £48,500 in 2021/22."))
    assert (facts[52000].kind, facts[48500].kind, facts[48500].period) == ("allocation", "allocation", "2021-22")


def test_a_month_carried_from_the_sentence_before_still_dates_a_named_quarter(narrate):
    text = "Calls peaked in May 2022. The July to September quarter brought 340 calls."
    assert _by_value(_facts(narrate, text))[340].period == "2022-23 Q2"


@pytest.mark.parametrize("sentence, whole, items", [
    ("Of the £48,000 budget, £20,500 went on patrols, £17,250 on lighting and £10,250 on mediation.",
     48000, [20500, 17250, 10250]),
    ("The planned use of the £90,000 was: £50,000 towards a caseworker post; £25,000 for training; "
     "and £15,000 for small grants.", 90000, [50000, 25000, 15000]),
])
def test_breakdowns_labelled_after_their_sums(narrate, sentence, whole, items):
    facts = _by_value(_facts(narrate, sentence))
    assert facts[whole].kind == "allocation"
    assert [facts[v].kind for v in items] == ["spend_item"] * len(items)
    assert len({facts[v].claim_id for v in [whole] + items}) == 1


def test_a_from_level_period_does_not_carry(narrate):
    text = "Advice spend rose from £30,100 in 2021/22 to £31,000. Mediation spend eased by 1.5% from £9,000."
    assert _by_value(_facts(narrate, text))[1.5].period == "2022-23"


@pytest.mark.parametrize("sentence, value, unit, kind", [
    ("The charity received a grant of $250,000 from the foundation.", 250000, "usd", "allocation"),
    ("The project spent €1.2m on outreach.", 1.2e6, "eur", "amount"),
    ("Costs reached US$ 40,500 in the year.", 40500, "usd", "amount"),
])
def test_dollars_and_euros_are_money_in_their_own_units(narrate, sentence, value, unit, kind):
    fact = _by_value(_facts(narrate, sentence))[value]
    assert (fact.unit, fact.kind) == (unit, kind)


@pytest.mark.parametrize("sentence, value", [
    ("Thefts ended at 410 (a 6.0% reduction), although this is still above the level of 380 agreed.", 380),
    ("Arson rose by 4%, while the number of hoax calls was 61.", 61),
])
def test_a_change_word_does_not_reach_across_a_clause(narrate, sentence, value):
    assert _by_value(_facts(narrate, sentence))[value].kind != "change"
