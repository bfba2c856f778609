"""Claim structure: numbers of one statement share a claim id, each with its role."""


def roles(facts):
    """(kind, role, value, direction) per fact, grouped by claim in reading order."""
    claims: dict[str, list] = {}
    for f in facts:
        claims.setdefault(f.claim_id, []).append((f.kind, f.role, f.value, f.direction))
    return list(claims.values())


def test_change_with_percent_and_absolute_parts(narrate):
    facts = narrate("Burglary fell by 12% (40 fewer offences) in 2016/17 compared to the previous year.")
    assert roles(facts) == [[("change", "change_pct", 12, "decrease"), ("change", "change_abs", 40, "decrease")]]
    assert {(f.period, f.compared_period) for f in facts} == {("2016-17", "2015-16")}


def test_change_absolute_then_percent(narrate):
    facts = narrate("Police recorded an additional 64 assaults (+9.1%) on last year.")
    assert roles(facts) == [[("change", "change_abs", 64, "increase"), ("change", "change_pct", 9.1, "increase")]]


def test_change_or_phrasing(narrate):
    facts = narrate("Thefts saw an increase of 7% or 31 offences on the previous year.")
    assert roles(facts) == [[("change", "change_pct", 7, "increase"), ("change", "change_abs", 31, "increase")]]


def test_coordinated_changes_are_separate_claims(narrate):
    facts = narrate("Car crime and arson decreased in 2017/18 by 14% and 6% respectively.")
    assert roles(facts) == [[("change", "change_pct", 14, "decrease")], [("change", "change_pct", 6, "decrease")]]


def test_from_to_levels(narrate):
    facts = narrate("Waiting times reduced from 45 to 12 days for assessments.")
    facts = narrate("The number of street drinkers has reduced from 40 to 9.")
    assert roles(facts) == [[("count", "from", 40, ""), ("count", "to", 9, "")]]


def test_fell_from_percent_to_percent_is_two_levels(narrate):
    facts = narrate("Repeat victimisation fell from 31.5% in 2016/17 to 28.2% in 2017/18.")
    assert [(f.kind, f.role, f.value, f.period) for f in facts] == [
        ("percent", "from", 31.5, "2016-17"), ("percent", "to", 28.2, "2017-18")]


def test_compared_with_orders_by_period(narrate):
    facts = narrate("412 cases were heard during 2016-2017 compared with 530 during 2017-2018.")
    assert [(f.role, f.value, f.period) for f in facts] == [("from", 412, "2016-17"), ("to", 530, "2017-18")]


def test_part_of_whole(narrate):
    facts = narrate("Of 88 young people referred, 61 completed the course.")
    assert roles(facts) == [[("count", "whole", 88, ""), ("count", "part", 61, "")]]


def test_n_of_m(narrate):
    facts = narrate("In total 41 of 50 trainees found a job.")
    assert roles(facts) == [[("count", "part", 41, ""), ("count", "whole", 50, "")]]


def test_part_and_share_with_whole(narrate):
    facts = narrate("An estimated 2,000 tenants are eligible and 150 took up the offer, or 7.5%.")
    assert roles(facts) == [[("count", "whole", 2000, ""), ("count", "part", 150, ""), ("percent", "share", 7.5, "")]]
    share = facts[-1]
    assert (share.numerator, share.denominator) == (150, 2000)


def test_list_after_a_whole_breaks_it_down(narrate):
    facts = narrate("Of 120 cases opened, the caseload became 110. 60 were resolved, 30 were withdrawn, 20 were referred on.")
    assert roles(facts) == [[("count", "from", 120, ""), ("count", "whole", 110, ""), ("count", "part", 60, ""),
                             ("count", "part", 30, ""), ("count", "part", 20, "")]]


def test_level_and_comparison(narrate):
    facts = narrate("Completion reached 52.4%, which is higher than the national average of 47.9%.")
    assert roles(facts) == [[("percent", "level", 52.4, ""), ("percent", "comparison", 47.9, "")]]


def test_target_and_baseline_mentions(narrate):
    facts = narrate("Attendance was 81% against a current target of 85%. It remains above the baseline of 70%.")
    assert [(f.kind, f.role, f.value) for f in facts] == [
        ("percent", "level", 81), ("kpi_target", "comparison", 85), ("kpi_baseline", "value", 70)]


def test_share_of(narrate):
    facts = narrate("Some 64% of those surveyed felt safe after dark.")
    assert [(f.kind, f.role, f.value, f.subject) for f in facts] == [("percent", "share", 64, "those surveyed")]


def test_fraction_gives_numerator_and_denominator(narrate):
    facts = narrate("A 45% success rate was achieved in 2016/17 (18/40).")
    assert [(f.value, f.numerator, f.denominator) for f in facts] == [(45, 18, 40)]


def test_additional_without_comparison_is_a_count(narrate):
    facts = narrate("The grant pays for 6 additional youth workers across the borough.")
    assert [(f.kind, f.value) for f in facts] == [("count", 6)]


def test_subjects_are_short_phrases(narrate):
    facts = narrate("Serious violence increased by 8% in 2018/19. 230 perpetrators were brought to justice.")
    assert [(f.value, f.subject) for f in facts] == [(8, "Serious violence"), (230, "perpetrators")]
