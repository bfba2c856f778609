"""Prose-only words: the cue words the narrative reader matches in sentences (rises and falls,
targets, comparisons, money given and used, multipliers). Table labels have their own patterns
in roles, scales and changes; these are the forms a sentence inflects ("rose", "fallen")."""
from __future__ import annotations

UP_WORDS = ["increase", "increased", "increases", "increasing", "rise", "rises", "rose", "risen",
            "rising", "growth", "grew", "grown", "up", "higher", "improvement", "improved", "gain"]
DOWN_WORDS = ["decrease", "decreased", "decreases", "decreasing", "reduction", "reductions",
              "reduced", "reduce", "reducing", "fall", "fell", "fallen", "falls", "falling", "drop",
              "dropped", "drops", "down", "decline", "declined", "declines", "lower", "cut", "cuts",
              "easing", "eased", "eases"]
MORE_WORDS = ["more", "additional", "extra", "further"]
FEWER_WORDS = ["fewer", "less"]
TARGET_WORDS = ["target", "targets", "aim", "ambition", "standard", "goal", "objective"]
BASELINE_WORDS = ["baseline", "baselines"]
COMPARE_WORDS = ["compared", "comparison", "compares", "against", "versus", "vs", "vs."]
ALLOCATION_WORDS = ["allocated", "allocation", "allocations", "awarded", "award", "grant",
                    "grants", "granted", "received", "receives", "budget", "funding", "funded",
                    "income", "ringfenced", "ring-fenced"]
# a multiplier word and the factor it states ('halved' a level: x0.5)
MULTIPLIERS: dict[str, float] = {"double": 2, "doubled": 2, "doubling": 2, "twice": 2, "treble": 3, "trebled": 3,
                                 "triple": 3, "tripled": 3, "halved": 0.5, "halving": 0.5}
MULTIPLIER_WORDS = list(MULTIPLIERS)
AVERAGE_PLACES = ["national", "regional", "region", "force", "nationally", "england", "wales", "county"]
PREVIOUS_WORDS = ["previous", "last", "preceding", "prior"]

# money given to a body, and money used by it: the kind of a sum in a sentence
GIVEN = (r"allocated|allocation|allocations|awarded|award|awards|grant|grants|granted|received|receives|"
         r"receiving|budget|budgets|funding|income|contribution|contributions|ring-?fenced|given")
USED = (r"spent|spend|spending|expenditure|cost|costs|costing|used|using|invested|paid|pay|saving|savings|"
        r"saved|worth|returned|underspend|underspent|unspent|overspend|overspent|leaving|left|"
        r"funded|funds|bought|purchased|of\s+which")

# what any indicator counts: a number followed by one of these may restate any table row's figure
# ('from 1,333 offences to 1,381' under a 'Violence with injury' row); another noun names its own
# quantity ('11 talks on fraud' is not the fraud row's 11)
GENERIC_COUNT_NOUNS = frozenset("""offence crime incident case report referral people person victim
individual client household figure total number record recorded reported""".split())

# Numbering words of Chinese and Japanese text: '第 7 条' (article 7), '表 7.6' (table 7.6),
# '前 10 名' (the top 10), '1、' (list item 1): labels, references and ranks, not quantities
CJK_ORDINAL_BEFORE = "第"
CJK_REFERENCE_BEFORE = "表图圖"
CJK_RANK = ("前", "名")
CJK_LIST_AFTER = "、"

# small words a number's subject phrase stops at or skips ('the', 'of', 'rose', 'during', 'total')
SUBJECT_STOP_WORDS = frozenset("""a an the and or but of in on at to for from with by as into onto over under across during
within between than who whom whose which that where when while were was is are be been being have has
had will would could should may might can do did does not no this these those it its their his her
our they we you he she per each every since including involving following regarding against via
whilst although though because so such there here then also only just still now all both either
neither any some most more less other another same very well up down out off about around approx
approx. nearly almost over s found sits stands stood remains stays slight small significant overall large marked sharp said felt saw made took gave got went
came became led met kept held sold paid won ran began brought thought taught spent sent left told
shows show see sees get gets make makes remain remains continue continues include includes use uses
need needs take takes went go goes equating equates reaching reached total totalling totaling
respectively pp approximately roughly estimated around some overall year years month months week weeks day days quarter quarters period time times
compared comparison previous last first second hours hour a.""".split())

# Abbreviations whose full stop must not end a sentence ("approx. 50 organisations").
ABBREVIATIONS = ["approx.", "Approx.", "e.g.", "i.e.", "no.", "No.", "vs.", "c.", "incl.", "est.",
                 "etc.", "fig.", "Fig.", "avg.", "nos.", "Nos.", "St.", "Dr.", "Cllr.", "Mr.", "Mrs."]

# capitalised section titles that are not the name of an area ('SUMMARY', 'ACTION PLAN')
NOT_AREA_TITLES = frozenset({
    "CONTENTS", "INTRODUCTION", "APPENDIX", "ANNEX", "KEY", "SUMMARY", "GLOSSARY", "FOREWORD",
    "BACKGROUND", "PURPOSE", "RECOMMENDATIONS", "TOTAL", "KPI", "NOTES",
    "COMMENTARY", "PERFORMANCE", "OVERVIEW", "CONCLUSION", "CONCLUSIONS", "REFERENCES",
    "EXECUTIVE SUMMARY", "ACTION PLAN", "FINANCE", "BUDGET", "SPEND", "OUTCOMES"})
