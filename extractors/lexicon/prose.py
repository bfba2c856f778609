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
MULTIPLIER_WORDS = ["double", "doubled", "doubling", "twice", "treble", "trebled", "triple",
                    "tripled", "halved", "halving"]
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
