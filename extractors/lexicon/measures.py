"""Words for the measure key: what a number counts, written one way.

A report names one quantity several ways: 'Anti-social behaviour incidents reported' in a
table, 'ASB incidents' in the commentary, 'incidents of anti-social behaviour' in the
summary. The measure key lowercases, drops the words that do not change what is counted
(articles, 'number of', 'reported'), singularises, and writes every synonym as one
canonical phrase, so restatements group together (extractors/measures.py applies it).
"""
from __future__ import annotations

import re

# Canonical phrase -> the other ways reports write it (matched as whole words, longest first).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "anti social behaviour": ("asb", "antisocial behaviour", "anti social behavior", "antisocial behavior"),
    "domestic abuse": ("da", "domestic violence and abuse", "dva"),
    "violence with injury": ("vwi",),
    "violence without injury": ("vwoi",),
    "first time entrant": ("fte", "first time entrants"),
    "multi agency risk assessment conference": ("marac",),
    "independent domestic violence adviser": ("idva", "independent domestic violence advisor"),
    "community safety partnership": ("csp",),
    "police and crime commissioner": ("pcc",),
    "office of the police and crime commissioner": ("opcc",),
    "youth offending team": ("yot", "youth offending service", "yos"),
    "domestic homicide review": ("dhr",),
    "night time economy": ("nte",),
    "criminal damage and arson": ("cda",),
    "re offending": ("reoffending",),
    "year to date": ("ytd",),
    "grant": ("allocation", "funding", "award"),
}

# Words that do not change what is counted.
STOP_WORDS = frozenset("""
a an the of in on at to for by with from and or as is was were be been are this that these
those its their our which who whose into than per number numbers no total totals overall all
reported recorded count counts figure figures level levels amount value rate rates cent percent
percentage proportion share year years quarter quarters annual yearly quarterly month monthly
new current previous last this so far during over under about around approximately
""".split())

# A table caption's numbering ('Table 1:', 'Figure 3 -') and where its breakdown's dimension
# starts ('Referrals by source', 'Spend per ward'): the rest names what the table counts.
CAPTION_NUMBER = re.compile(r"^\W*(?:table|figure|chart|exhibit)\s+[\w.]+\s*[:.\-–]?\s*", re.I)
CAPTION_DIMENSION = re.compile(r"\s(?:by|per|across|for each|split by|broken down by)\s", re.I)

# Words ending in 's' that are not plurals (kept as written).
NOT_PLURAL = frozenset("""
analysis basis bus business chess class gas less loss press process series species status
this us yes across always its has was is plus thus campus census crisis diagnosis""".split())

# A note saying a measure was redefined: a figure restated under a new definition may differ.
DEFINITION_CHANGE = (r"\b(?:definition|defined|counting rules?|methodology|method of counting|re-?based|"
                     r"recalculated|revised|restated|not (?:directly )?comparable|new (?:measure|system|recording))\b")
