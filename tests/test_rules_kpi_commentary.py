"""KPI commentary changes against the table's own quarters and baseline."""
from pipeline.rules import check_document
from tests.inline_facts import Page1, projection

# (indicator, baseline, quarters, commentary, [(printed change, role, direction)])
ROWS = [
    ("Knife crime (all ages) Baseline 140", "140", ["39", "44", "43", "56"],
     "The number of knife related offences increased each quarter and against last year's "
     "performance (an increase of 30% or 42 offences on the previous year)",
     [("30%", "change_pct", "increase"), ("42", "change_abs", "increase")]),
    ("Firearm offences (all ages) Baseline 29", "29", ["3", "4", "15", "12"],
     "Q3 and Q4 saw an increase in gun related offending which has led to an overall increase "
     "of 17.2% (5 offences) compared to 2014/15.",
     [("17.2%", "change_pct", "increase"), ("5", "change_abs", "increase")]),
    ("PPVWI where the victim is aged 10-17 Baseline 162", "162", ["62", "42", "57", "38"],
     "Whilst levels reduced in Q4, overall a 22.8% increase was recorded compared to the "
     "previous year. PPVWI offending overall saw an increase of 2.6% over the same period.",
     [("22.8%", "change_pct", "increase"), ("2.6%", "change_pct", "increase")]),
    ("Robbery where the victim is aged 10-17 Baseline 68", "68", ["12", "10", "11", "13"],
     "A 32.4% decrease in offences against young people was recorded compared to the previous year.",
     [("32.4%", "change_pct", "decrease")]),
    ("Robbery where the offender is aged 10-17 Baseline 37", "37", ["7", "8", "2", "2"],
     "Levels of robbery committed by young people reduced by 54% compared to the previous year.",
     [("54%", "change_pct", "decrease")]),
    ("Reducing first time entrants Baseline 128", "128", ["39", "35", "31", "36"],
     "Whilst a decrease for this indicator is preferred, a 10% increase was noted for the 2015/16 "
     "performance year. There has been a 20% increase in FTEs in this quarter against the "
     "previous quarter of this year and a 8% decrease against the same quarter last year.",
     [("10%", "change_pct", "increase"), ("20%", "change_pct", "increase"),
      ("8%", "change_pct", "decrease")]),
]


def kpi_page(rows) -> Page1:
    lines = [f"{name}\tTo reduce\t" + "\t".join(qs) + f"\t{comment}\tSWP Analyst"
             for name, _, qs, comment, _ in rows]
    page = Page1("KPI\tDirection\tQ1 2015/16\tQ2 2015/16\tQ3 2015/16\tQ4 2015/16\tCommentary\n"
                 + "\n".join(lines) + "\n")
    for r, (name, base, quarters, _comment, changes) in enumerate(rows, start=1):
        row = dict(table_id="t1", row=r, subject=name)
        page.fact(base, after=name[:-len(base) - 1], kind="kpi_baseline", source="table", col=0, **row)
        for q, printed in enumerate(quarters):
            page.fact(printed, after=name + "\tTo reduce\t" + "\t".join(quarters[:q]), kind="kpi_value",
                      source="table", col=2 + q, period=f"2015-16 Q{q + 1}", **row)
        for i, (printed, role, direction) in enumerate(changes):
            page.fact(printed, after=name + "\tTo reduce\t" + "\t".join(quarters), kind="change", role=role, direction=direction,
                      claim_id=f"r{r}c{i if role == 'change_pct' and i else 0}", col=6, **row)
    return page


def test_commentary_disagreeing_with_the_table_is_flagged():
    page = kpi_page(ROWS)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("kpi-commentary-matches-table", 20, 16.13),
                                 ("kpi-commentary-matches-table", 54, 48.65)]
    quarterly, annual = sorted(flags, key=lambda f: f.observed)
    assert quarterly.message == ("Stated 20% increase, but the table gives 2015-16 Q3 31 -> "
                                 "2015-16 Q4 36: (36 - 31) / 31 = 5 / 31 = +16.1%")
    assert annual.message == ("Stated 54% decrease, but the table's quarters 7 + 8 + 2 + 2 = 19 "
                              "against the baseline 37: (19 - 37) / 37 = -18 / 37 = -48.6%")
    assert {quarterly.severity, annual.severity} == {"error"}


def test_annual_claims_are_not_checked_when_the_baseline_is_not_last_year():
    # the same commentary against baselines that are clearly targets: no row agrees
    rows = [(n.replace(b, str(int(b) * 2)), str(int(b) * 2), q, c, ch) for n, b, q, c, ch in ROWS]
    page = kpi_page(rows)
    flags = check_document(page.document, page.made)
    assert projection(flags) == [("kpi-commentary-matches-table", 20, 16.13)]


def test_consistent_and_rounded_commentary_does_not_flag():
    rows = [row for row in ROWS if "Baseline 37" not in row[0] and "first time" not in row[0]]
    # 40 + 35 + 30 + 36 = 141 against 128 is +10.2%, printed as 10%; 30 -> 36 is exactly +20%
    fte = ("Reducing first time entrants Baseline 128", "128", ["40", "35", "30", "36"],
           "a 10% increase was noted for the 2015/16 performance year. There has been a 20% "
           "increase in FTEs in this quarter against the previous quarter of this year.",
           [("10%", "change_pct", "increase"), ("20%", "change_pct", "increase")])
    page = kpi_page(rows + [fte])
    assert check_document(page.document, page.made) == []


def against_baseline(printed: str) -> Page1:
    """One row whose commentary names the baseline itself: no other rows need to vouch for it."""
    return kpi_page([("Violence with injury Baseline 2400", "2400", ["610", "590", "575", "560"],
                      f"Violence with injury fell by {printed} against the baseline.",
                      [(printed, "change_pct", "decrease")])])


def test_a_change_stated_against_the_baseline_is_checked_on_its_own():
    # 610 + 590 + 575 + 560 = 2,335 against 2,400 is -2.7%
    page = against_baseline("4.5%")
    assert projection(check_document(page.document, page.made)) == [
        ("kpi-commentary-matches-table", 4.5, 2.71)]


def test_a_change_against_the_baseline_that_rounds_to_the_table_does_not_flag():
    for printed in ("2.7%", "3%"):
        page = against_baseline(printed)
        assert check_document(page.document, page.made) == [], printed


def previous_year_page(damage_change: str) -> Page1:
    """A table whose first column is last year's figure, not a 'baseline'."""
    rows = [("Burglary", "191", ["39", "34", "37", "33"], "Down 25.1% (48 offences) on 2015/16"),
            ("Theft", "200", ["50", "50", "50", "40"], "Down 5.0% (10 offences) on 2015/16"),
            ("Vehicle crime", "298", ["70", "70", "70", "72"], "Down 5.4% (16 offences) on 2015/16"),
            ("Criminal damage", "503", ["128", "119", "124", "114"], f"Down 3.6% ({damage_change} offences) on 2015/16")]
    page = Page1("Crime type\t2015/16\tQ1\tQ2\tQ3\tQ4\tCommentary\n"
                 + "".join(f"{n}\t{b}\t" + "\t".join(q) + f"\t{c}\n" for n, b, q, c in rows))
    for r, (name, base, quarters, comment) in enumerate(rows, start=1):
        row = dict(table_id="t1", row=r, subject=name, source="table")
        page.fact(base, after=name, kind="kpi_value", col=1, period="2015-16", **row)
        for q, printed in enumerate(quarters):
            page.fact(printed, after=name + "\t" + base + "\t" + "\t".join(quarters[:q]), kind="kpi_value",
                      col=2 + q, period=f"2016-17 Q{q + 1}", **row)
        pct, absolute = comment.split()[1], comment.split("(")[1].split()[0]
        for printed, role in ((pct, "change_pct"), (absolute, "change_abs")):
            page.fact(printed.rstrip("%") + ("%" if "%" in printed else ""), after=comment.split(printed)[0],
                      kind="change", role=role, direction="decrease", claim_id=f"r{r}", col=6,
                      compared_period="2015-16", period="2016-17", unit="percent" if "%" in printed else "count",
                      **{k: v for k, v in row.items() if k != "source"})
    return page


def test_last_years_column_serves_as_the_base_of_an_annual_change():
    page = previous_year_page("81")
    assert projection(check_document(page.document, page.made)) == [("kpi-commentary-matches-table", 81, 18)]
    page = previous_year_page("18")
    assert check_document(page.document, page.made) == []
