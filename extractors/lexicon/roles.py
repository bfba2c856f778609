"""Role words: what a column label, row label or caption says its numbers are.

`column_role` reads one label ('Budget £000s', '% change', 'Target 2019/20', 'Commentary');
the first role in `COLUMN_ROLES` whose pattern matches wins, so the more specific ones come
first. The same words type money in prose (`GIVEN` / `USED`) and rows of a spend table."""
from __future__ import annotations

import re
from functools import lru_cache

ALLOCATION = re.compile(r"\b(?:allocat\w*|grants?|award\w*|funding|income|budget allocation|contribution\w*)\b", re.I)
ALLOCATION_COLUMN = re.compile(r"\b(?:allocat\w*|budget\w*|grants?|award\w*|funding|agreed|approved|planned|"
                               r"income)\b", re.I)
SPEND = re.compile(r"\b(?:spend|spent|spending|expenditure|outturn|actuals?|costs?|paid|committed)\b", re.I)
FORECAST = re.compile(r"\b(?:forecast\w*|projected|projection|estimated? (?:outturn|spend)|predicted)\b", re.I)
VARIANCE = re.compile(r"\b(?:variance|under\s?-?spend|over\s?-?spend|"
                      r"\(?over\)?\s?/\s?\(?under\)?|\(?under\)?\s?/\s?\(?over\)?)", re.I)
TOTAL = re.compile(r"\b(?:total|sum|overall|grand total|all\s+(?:areas|districts|crime|offences))\b", re.I)
SUBTOTAL = re.compile(r"\bsub-?\s?totals?\b", re.I)
BASELINE = re.compile(r"\bbaseline\b", re.I)
TARGET = re.compile(r"\b(?:target|aim|goal|ambition)\b", re.I)
YEAR_TO_DATE = re.compile(r"\b(?:year to date|ytd|cumulative|to date)\b", re.I)
MONEY_WORDS = re.compile(r"\b(?:allocation|allocated|spend|spent|budget|grant|funding|award(?:ed)?|"
                         r"expenditure|cost|outturn|total|income)\b|£", re.I)
# A line above a table saying what its bracketed figures are: 'the bracket after the baseline
# gives the reduction achieved', 'figures in brackets show the increase on last year'.
BRACKET_NOTE = re.compile(r"\b(?:figures? in )?(?:brackets?|bracketed figures?|parenthes[ie]s)\b"
                          r"[^.]{0,120}?\b(?P<what>reductions?|decreases?|falls?|increases?|rises?)\b", re.I)
# A stated baseline or target inside an indicator's own cell: '... Baseline 25.6%', 'Target: 45'.
STATED_IN_LABEL = re.compile(r"\b(?P<what>baseline|target)\b\s*(?:of|is|=|:)?\s*(?=£?\d)", re.I)

_YEAR_WORD = r"(?:19|20)\d\d(?:\s?[/–-]\s?(?:19|20)?\d\d(?!\d))?"
COLUMN_ROLES: list[tuple[str, re.Pattern]] = [
    ("change_pct", re.compile(r"%\s*(?:change|difference|variance|var\b|increase|decrease|reduction)|"
                              r"(?:change|difference|variance|increase|decrease|reduction)\s*\(?%|"
                              r"\bper ?cent(?:age)? (?:change|difference|increase|decrease|reduction)\b", re.I)),
    ("change", re.compile(r"^\s*(?:change|difference|\+/-|\+/−|increase\s*/\s*decrease|"
                          r"(?:numeric|actual|absolute) (?:change|difference))(?:\s|$|\()|"
                          r"\b(?:change|difference) (?:on|from|since|against|vs\.?|compared)\b|"
                          # a span of years ('2015-16 to 2021-22', a header's lower line 'to
                          # 2008-09'): the change over it, not the first year's level; unless
                          # the label says it sums or averages the span
                          rf"^(?!.*\b(?:total|cumulative|sum|average|mean|ytd|to date)\b).*"
                          rf"(?:{_YEAR_WORD}\s+(?:to|until|through)\s+{_YEAR_WORD}|^\s*to\s+{_YEAR_WORD}\s*$)",
                          re.I)),
    ("status", re.compile(r"^\s*(?:rag|rag status|status|rating|direction of travel|dot)\s*$", re.I)),
    ("commentary", re.compile(r"\b(?:comment(?:ary|s)?|narrative|notes?|explanation|analysis|remarks|progress|"
                              r"update|description)\b", re.I)),
    ("owner", re.compile(r"\b(?:owner|lead officer|responsible|contact|lead agency)\b", re.I)),
    ("reference", re.compile(r"^\s*(?:ref(?:erence)?\.?|#|id|code|project (?:no|ref)\.?|"
                             r"kpi (?:no|ref)\.?|ref(?:erence)? no\.?)\s*$", re.I)),
    ("rank", re.compile(r"^\s*(?:rank(?:ing)?|position|order)\s*$", re.I)),
    ("page", re.compile(r"^\s*(?:page|pages|pp?\.?)\s*$", re.I)),
    ("baseline", BASELINE),
    ("target", TARGET),
    ("forecast", FORECAST),
    ("variance", VARIANCE),
    ("ytd", YEAR_TO_DATE),
    ("allocation", ALLOCATION_COLUMN),
    ("spend", SPEND),
    ("total", TOTAL),
    ("indicator", re.compile(r"\b(?:kpi|indicator|measure|metric|objective)\b|^\s*performance\b", re.I)),
    ("direction", re.compile(r"\b(?:polarity|good is|good performance|better (?:is|if))\b", re.I)),
]
# Columns whose numbers are not facts of the table (the ledger records them with the role).
NOT_FACT_ROLES = ("reference", "rank", "page")
# Columns whose text is prose for the narrative extractor.
PROSE_ROLES = ("commentary", "owner")


@lru_cache(maxsize=8192)
def column_role(label: str) -> str:
    """The role a column label states, '' for none (a period, a place, a plain quantity)."""
    if not label or len(label) >= 80:
        return ""
    return next((role for role, pattern in COLUMN_ROLES if pattern.search(label)), "")


def row_role(label: str) -> str:
    """'subtotal', 'total' or '' for a row label ('Sub-total', 'Total spend', 'All areas')."""
    if SUBTOTAL.search(label or ""):
        return "subtotal"
    return "total" if TOTAL.search(label or "") else ""


def is_allocation_text(text: str) -> bool:
    """A caption or label saying its money was given ('Grant allocations 2019/20')."""
    return bool(ALLOCATION.search(text or "")) and not SPEND.search(text or "")
