"""Words that say how a table's numbers relate to each other: a total or subtotal row or
column, a year-to-date or annual column, running (cumulative) figures, a % change and a
share of the total. The table-arithmetic rules read them from the facts' row and column
labels, so a report's own wording decides which cells are sums of which."""
from __future__ import annotations

import re

TOTAL = re.compile(r"\b(?:total|totals|sum|overall|grand total|all (?:areas|districts|partnerships|"
                   r"boroughs|councils|crime|offences)|county|force(?:wide| area| total)|countywide)\b", re.I)
SUBTOTAL = re.compile(r"\bsub-?\s?totals?\b", re.I)
YEAR_TO_DATE = re.compile(r"\b(?:year to date|ytd|full year|annual|whole year|year total|"
                          r"year end|total)\b", re.I)
# A column of these is not added up, whatever its total row says: 'Average cost', 'Rate',
# 'Median days', 'Index', '% of', 'Share'.
NOT_SUMMED = re.compile(r"\b(?:average|avg|mean|median|rate|ratio|index|score|per|percent|percentage|proportion|"
                        r"share)\b|%", re.I)
# What a share may exceed 100% of: a level to compare with, not a whole its part lies in
# ('112% of target', '104% of the budget', '110% of the maximum rated power').
BEYOND_WHOLE = re.compile(r"\b(?:target|targets|budget|allocation|baseline|capacity|average|forecast|plan|planned|"
                          r"limit|maximum|minimum|rated|level|standard|expected|estimate|profile|cost|price|value|"
                          r"power|output|benchmark|previous|last year|the year before)\b", re.I)
RUNNING = re.compile(r"\b(?:cumulative|running totals?)\b", re.I)
PERCENT_CHANGE = re.compile(r"%\s*(?:change|difference|increase|decrease|reduction)|"
                            r"(?:change|difference|increase|decrease|reduction)\s*\(?%|"
                            r"\bper ?cent(?:age)? (?:change|difference)\b", re.I)
SHARE_OF_TOTAL = re.compile(r"%\s*of\s*(?:the\s*)?(?:total|all)|\bshare\b|\bproportion\b", re.I)
# 'Rate per 1,000 population', 'per 100k': the base a rate is stated per.
PER_BASE = re.compile(r"\bper\s+(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<k>k\b|thousand\b)?", re.I)
POPULATION = re.compile(r"\b(?:population|residents|households|head ?count)\b", re.I)
