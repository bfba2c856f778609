"""Numbers that are not facts: dates and years, period labels, strategy spans ("2016-2019"),
legislation years, section/paragraph/page/list numbers, phone numbers, web and email addresses,
times, age bands, durations, ordinal rankings, ranges and idioms ("one-to-one", "one of the").

`masked_spans` marks whole stretches of text; `reason_not_fact` judges one number in context.
Both return reasons so tests (and debugging) can say why a number was dropped."""
from __future__ import annotations

import re

from extractors.lexicon.periods import MONTH_NAME
from pipeline.model.periods import find_periods

_MONTH = MONTH_NAME
_ORD = r"(?:st|nd|rd|th)?"
SPAN_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("url", re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:gov|org|co|com|net|ac|nhs|police)(?:\.uk)?(?:/\S*)?\b", re.I)),
    ("email", re.compile(r"\S+@\S+")),
    # names that carry digits: file names, 'COVID-19', 'Windows-1252', 'issue-932'
    ("identifier", re.compile(r"\b[\w-]+\.(?:pdf|txt|csv|xlsx?|docx?|html?|md|json|zip)\b|"
                              r"\b[A-Za-z]{2,}[-_]\d[\w-]*|\b[A-Za-z]{1,5}/\d{3,}(?:/\w+)?", re.I)),
    ("phone", re.compile(r"(?:\+44\s?\(?0?\)?|\(?\b0)\d{3,4}\)?[\s-]?\d{2,4}[\s-]?\(?\d{3,4}\)?(?!\s*%)")),
    ("date", re.compile(rf"\b\d{{1,2}}{_ORD}\s*(?:[-–]\s*\d{{1,2}}{_ORD}\s*)?(?:of\s+)?{_MONTH}\b\.?", re.I)),
    ("date", re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}{_ORD}\b(?!\s*(?:%|per\s?cent))(?=\s*(?:,|\s(?:19|20)\d\d|$))", re.I)),
    ("date", re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b")),
    ("time", re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d\d\b|\b24/7\b|\b24\s?hours?\s+a\s+day\b", re.I)),
    ("year range", re.compile(r"\b(?:19|20)\d\d\s?[-–/]\s?(?:(?:19|20)\d\d|\d\d?)\b")),
    ("age", re.compile(r"\baged?\s+(?:(?:under|over|between)\s+)?\d{1,2}(?:\s*(?:-|–|to|and)\s*\d{1,2})?(?:\s*(?:years?|yrs?))?(?:\s*old)?\b"
                       r"|\b\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\s*(?:-\s*)?(?:year|yr)s?(?:\s*|-)olds?\b"
                       r"|\b(?:children|child|babies|infants|pupils|people|those|anyone|victims)\s+(?:aged\s+)?(?:under|over)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|twenty|twenty-five|sixty|sixty-five)\b(?!\s*(?:%|per\s?cent))"
                       r"|\b(?:under|over)[\s-]\d{1,2}(?:'s|’s|s)(?!\w)|\b\d{1,2}\+?\s*(?:year|yr)s?(?:\s*|-)olds?\b", re.I)),
    ("label", re.compile(r"\b(?:sections?|s\.|appendix|appendices|annex|annexe|page|pages|pp?\.|paragraphs?|para\.?|"
                         r"chapter|part|table|figure|fig\.|chart|tier|phase|stage|level|wave|priority|"
                         r"article|clause|schedule|regulation|step|option|recommendation|item|"
                         r"key stage|ks|no\.|nos\.|version|v\.)\s?\d+(?:\.\d+)*(?:\s*(?:,|and|&|-|–|to)\s*\d+(?:\.\d+)*)*\b", re.I)),
    ("school year", re.compile(r"\byear\s(?:[1-9]|1[0-3]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b(?!\s*%)", re.I)),
    ("legislation", re.compile(r"\b(?:Act|Order|Regulations?|Bill|Directive)\s+(?:of\s+)?(?:19|20)\d\d\b")),
    ("rank", re.compile(r"\b(?:top|bottom)\s(?:\d{1,3}|ten|five|three|twenty)\b(?!\s*%)", re.I)),
    ("idiom", re.compile(r"\b(?:one|1)(?:\s|-)(?:to|2)(?:\s|-)(?:one|1)\b|\b1-1\b|\bone[\s-]stop\b|\bone[\s-]off\b|"
                         r"\bone\s(?:of|another|or\s+more|way|day\b(?!s))|\b(?:no|any|every|each|the|this|that)\sone\b|"
                         r"\bone\s(?:year|month|week|day|hour)\b", re.I)),
    ("money unit", re.compile(r"£\s?'?0{3}s?\b|\(£k\)")),
    ("fraction", re.compile(r"\b(?:one|two|three|four|\d{1,2})\s+in\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|"
                            r"ten|twenty|hundred|\d{1,3})\b|\b(?:a|one|two)[\s-](?:thirds?|fifths?)\b|"
                            r"\b(?:a|one|three)[\s-]quarters?\s+of\b", re.I)),
    ("service number", re.compile(r"\b(?:999|101|111)\)?(?=\s+(?:and\s+(?:999|101|111)\s+)?(?:emergency\s+|non-emergency\s+)?"
                                  r"(?:calls?|call-|service|line|number|contacts?)\b)|\b(?:dial(?:led|ling)?|ring|call)\s+(?:999|101|111)(?:\s+(?:or|and)\s+(?:999|101|111))?\b", re.I)),
    ("section number", re.compile(r"^\s*(?:[-•]\s*)?\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-Z(])")),
    ("list number", re.compile(r"^\s*(?:[-•]\s*)?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)](?=\s)|(?<![\w£])\(\d{1,2}\)(?=\s+[a-z])", re.I)),
    ("section number", re.compile(r"^\s*\d{1,2}(?=\s+[A-Z][A-Za-z'’,&() -]{2,60}$)")),  # '4 What the grant is for'
    # '... could not be contacted. 6.2 Among the 584 clients': a paragraph number that a PDF's
    # text layer ran onto the end of the previous paragraph's line
    ("section number", re.compile(r"(?<=[.!?] )\d{1,2}\.\d{1,2}(?:\.\d{1,2})*(?=\s+[A-Z][a-z])")),
]
_DURATION = re.compile(r"^\s?(?:-\s?)?(?:and\s+a\s+half\s+)?(?:(?:full|working|half|whole|calendar|school|financial|consecutive)\s+)?(?P<unit>years?|yrs?|months?|weeks?|days?|quarters?|"
                       r"hours?|hrs?|minutes?|mins?|seconds?|decades?)(?![a-z])", re.I)
_SCHOOL_YEAR_AFTER = re.compile(r"^\s?year\s(?:[1-9]|1[0-3])\s+(?:pupils|students|children|classes|groups)\b", re.I)
_HOURS_OK_AFTER = re.compile(r"^\s?(?:hours?|hrs?)\s+(?:of|delivered|completed|volunteered|worked|given)\b", re.I)
_YEARS_OK_BEFORE = re.compile(r"\b(?:totall?ing|total(?:\s+of)?|combined|aggregate)\s+(?:over\s+|more\s+than\s+|almost\s+|nearly\s+)?$", re.I)
_MEASURE = re.compile(r"^\s?(?:mph|kph|km|kms|miles?|metres?|meters?|kg|cm|mm|ft|feet|°|degrees?|x\b|st\b|nd\b|rd\b|th\b)", re.I)
_ONE_BAD_AFTER = re.compile(r"^[\s-]+(?:to|of|another|stop|off|way|side|hand|such|more|less|thing|"
                            r"time|point|day|year|month|week|hour|approach|size|single|aspect|area)\b", re.I)
_PLURAL_NOUN = re.compile(r"^\s(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)(?!(?:has|was|this|its|his|as|does|goes|plus|thus|less|across|towards|always|perhaps|unless|whereas|is)\b)[a-z][a-z-]{2,}s\b")
# Head nouns of a document's own structure ("five key themes", "four work streams"): not performance.
_STRUCTURE = re.compile(r"^\s(?:[A-Za-z-]+\s){0,2}?(?:strands?|themes?|streams?|objectives?|pillars?|principles?|priorities|aims?|P's|Ps|strategies|elements|components|stages|steps|phases|tiers|categories|sections|chapters|parts)\b")


def masked_spans(text: str) -> list[tuple[int, int, str]]:
    """Stretches of text whose digits are never facts, with the reason."""
    spans = [(m.start(), m.end(), reason) for reason, pattern in SPAN_PATTERNS
             for m in pattern.finditer(text)]
    spans += [(p.start, p.end, "period") for p in find_periods(text)]
    return spans


def reason_not_fact(text: str, start: int, end: int, value: float, unit: str, is_word: bool) -> str:
    """Why the number at text[start:end] is not a fact, or '' when it may be one."""
    after, before = text[end:end + 40], text[max(0, start - 40):start]
    if unit == "count" and not is_word:
        if re.match(r"^(?:st|nd|rd|th)\b", after, re.I):
            return "ordinal"
        if re.match(r"^[-–/]\d", after) or re.search(r"\d[-–/]$", before):
            return "range or ratio"
        digits = text[start:end]
        if re.fullmatch(r"(?:19|20)\d\d", digits.strip()) and not _PLURAL_NOUN.match(after):
            return "year"
        if re.match(r"^0\d", digits):
            return "code"
    if unit in ("count",) and _MEASURE.match(after):
        return "measure"
    duration = _DURATION.match(after)
    if duration and _SCHOOL_YEAR_AFTER.match(after):
        duration = None  # '312 Year 9 pupils': a count of pupils in a school year
    if unit == "count" and duration:
        kind = duration.group("unit").lower()
        if kind.startswith(("hour", "hr")) and effort_hours(before, after):
            return ""
        if kind.startswith(("year", "yr")) and _YEARS_OK_BEFORE.search(before):
            return ""
        return "duration"
    if unit == "count" and _STRUCTURE.match(after):
        return "structure"
    if is_word and value == 1 and re.match(r"^\s*(?:[.,;:!?)]|$)", after):
        return "pronoun"
    if is_word and value == 1 and (_ONE_BAD_AFTER.match(after) or re.match(r"^\s[A-Z]", after) and text[start].isupper() and start > 0):
        return "idiom"
    return ""


_HOURS_SPAN_BEFORE = re.compile(r"\b(?:within|in|after|under|every|each|per|for|than|last|next|first|past|aged?|"
                                r"up\s+to|around\s+the|over\s+the|of|at|by)\s+(?:(?:over|approximately|about|around|"
                                r"nearly|almost|just|some|up\s+to|at\s+least|less\s+than)\s+)?$", re.I)
_HOURS_SPAN_AFTER = re.compile(r"^\s?(?:hours?|hrs?)(?:\s+(?:a|per|each|every)\s+(?:day|week|month|shift)|-|\s+(?:before|after|of\s+(?:the|a)\b))", re.I)


def effort_hours(before: str, after: str) -> bool:
    """'gave 3,200 hours to patrols', '2,450 hours of intervention': hours given or delivered
    are a measure of work; 'within 24 hours', '8 hours a day', '48-hour' are spans of time."""
    if _HOURS_SPAN_BEFORE.search(before):
        return False
    return bool(_HOURS_OK_AFTER.match(after)) or not _HOURS_SPAN_AFTER.match(after)


def duration_unit(text: str, end: int) -> str:
    """'hours' or 'years' when the number counts them (a kept duration), else ''."""
    m = _DURATION.match(text[end:end + 40])
    if not m or _SCHOOL_YEAR_AFTER.match(text[end:end + 40]):
        return ""
    return "hours" if m.group("unit").lower().startswith(("hour", "hr")) else "years"
