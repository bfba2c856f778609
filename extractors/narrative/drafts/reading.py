"""One prose segment to draft facts: sentences from the spaCy sentencizer, numbers from
mentions, cue words from the lexicon, structure from claims, then subject and period per number."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.narrative.sentences.claims import Carry, Sentence, Slot, read_sentence
from extractors.narrative.language import cues_in
from extractors.narrative.text.mentions import find_mentions
from extractors.narrative.text.segments import ProseSegment
from extractors.narrative.drafts.subjects import STOP, subject_for
from extractors.narrative.drafts.timing import FY_RE, compared_for, context_period, period_for, stated_periods
from pipeline.model.periods import previous_period


@dataclass
class Draft:
    """A number read with its structure, before it becomes a Fact."""
    segment: int
    slot: Slot
    sentence: tuple[int, int]
    claim: str
    subject: str
    period: str
    strong: bool = True  # the subject was read from the sentence, not a fallback
    compared_period: str = ""
    stated_period: str = ""  # the period the sentence itself gives the number ('' if none)
    note: str = ""
    topic: str = ""  # the row's indicator, the paragraph's lead-in or what 'It' stands for, put before the subject
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    """One pass's proposed value for one field of one draft."""
    draft: int  # index into the document's drafts
    field: str  # claim, kind, role, subject, period or note
    value: str
    by: str  # the pass, a key of PRECEDENCE's lists


def read_segment(index: int, segment: ProseSegment, parsed, document_period: str, list_period: str = "") -> list[Draft]:
    """Draft facts of one segment; `parsed` is the spaCy Doc of segment.text; `list_period` is
    the period of the line introducing the bullet list the segment is in."""
    mentions = find_mentions(segment.text)
    if not mentions:
        return []
    cues = cues_in(segment.text)
    carry = Carry()
    context = list_period or context_period(segment.heading, document_period)
    lead = segment.row_label or lead_in(segment.text)
    drafts: list[Draft] = []
    previous = ""
    carried = context
    for s0, s1 in sentence_spans(parsed, segment.text):
        inside = [m for m in mentions if s0 <= m.start < s1]
        opening = _PRONOUN.match(segment.text, s0)
        if inside:
            sentence = Sentence(segment.text, s0, s1, inside, [c for c in cues if s0 <= c.start < s1])
            slots = read_sentence(sentence, carry)
            topic = " ".join(x for x in (lead, previous if opening else "") if x)
            stated = stated_periods(segment.text, s0, s1, carried)
            drafts += _drafts_of(index, segment, sentence, slots, carried, topic, stated)
            carried = _one_period(segment.text, stated) or context
        else:
            carry.whole = carry.level = None
            carried = sentence_period(segment.text, s0, s1, context) or context
        previous = previous if opening else _subject_phrase(segment.text[s0:s1])
    return drafts


def sentence_period(text: str, s0: int, s1: int, context: str) -> str:
    """The one period a sentence states (not a base, not 'last year'), which carries to the
    next sentence of the paragraph: 'The picture for 2012/13 was uncertain. The grant was
    expected to fall by 60%.'"""
    if not _DIGIT.search(text, s0, s1):
        return ""
    return _one_period(text, stated_periods(text, s0, s1, context))


def _one_period(text: str, stated: list) -> str:
    own = {p.period for p in stated if not p.base and not p.relative
           and not _FROM_LEVEL.search(text, max(0, p.start - 40), p.start)}
    return own.pop() if len(own) == 1 else ""


_BULLET = re.compile(r"^\s*(?:[-•▪·●◦*]|\d{1,2}[.)]|\(?[a-h]\))\s")
_INTRODUCES = re.compile(r":\s*$")


def list_periods(segments: list[ProseSegment], document_period: str) -> list[str]:
    """The period a line introducing a bullet list states ('The priorities for 2017/18 are:'),
    for each bullet under it ('' elsewhere): the bullets' unlabelled figures take it."""
    periods, lead = [], ""
    for segment in segments:
        if not _BULLET.match(segment.text):
            introduces = _INTRODUCES.search(segment.text)
            lead = sentence_period(segment.text, 0, len(segment.text), document_period) if introduces else ""
        periods.append(lead or "")
    return periods


_FROM_LEVEL = re.compile(r"\b(?:from|compared\s+with|against)\s+£?[\d,.]+[km]?\s+(?:\w+\s+)?(?:in|during|for)\s+$", re.I)
_DIGIT = re.compile(r"\d|\bquarters?\b|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b", re.I)


_PRONOUN = re.compile(r"\s*(?:(?:At|With)\s+£?[\d,.]+[km]?\s+)?(?:It|it|They|they|This|These)\b(?!\s+(?:is|was|were|are)\s+(?:expected|likely|important|hoped|clear|worth))")
_LEAD_IN = re.compile(r"^\s*(?P<lead>[A-Z][\w'’&-]*(?:\s+[\w'’&-]+){0,3})\.\s+[A-Z]")


def lead_in(text: str) -> str:
    """'Eastholm. Burglary ended at 412 ...': a short capitalised lead-in names the paragraph's
    topic or area; its words go in front of the subject of every number in the paragraph."""
    m = _LEAD_IN.match(text)
    return m.group("lead") if m and not any(c.isdigit() for c in m.group("lead")) else ""


def _subject_phrase(sentence: str) -> str:
    """The noun phrase a sentence opens with ('Youth offending remains ...'), what a following
    'It' or 'They' stands for."""
    words = re.sub(r"^\s*(?:\d+(?:\.\d+)*\s+)?(?:The\s+|Spend\s+on\s+)?", "", sentence).split()
    taken = []
    for word in words[:4]:
        if word.lower() in STOP or not word[:1].isalpha():
            break
        taken.append(word.strip(",;:"))
    return " ".join(taken)


def sentence_spans(parsed, text: str) -> list[tuple[int, int]]:
    """The sentencizer's sentences, a piece starting in lower case or with '=' joined back on."""
    spans: list[tuple[int, int]] = []
    for sent in parsed.sents:
        head = text[sent.start_char:sent.end_char].lstrip()[:1]
        if spans and head and (head.islower() or head in "=&+%)"):
            spans[-1] = (spans[-1][0], sent.end_char)
        else:
            spans.append((sent.start_char, sent.end_char))
    return spans


def _drafts_of(index: int, segment: ProseSegment, sentence: Sentence, slots: list[Slot], context: str,
               fallback: str, stated: list) -> list[Draft]:
    text = segment.text[sentence.s0:sentence.s1]
    drafts = []
    for slot in slots:
        own = period_for(segment.text, slot.m.start, slot.m.end, stated, "", slot.role not in ("from", "to"),
                         change=slot.kind == "change")
        period = own or context
        subject, strong = subject_for(sentence, slot, fallback)
        topic = fallback if fallback and strong and fallback.lower() not in subject.lower() else ""
        if topic:
            subject = f"{topic}: {subject}"[:120]  # the row's indicator, the paragraph's lead-in or 'It
        drafts.append(Draft(
            segment=index, slot=slot, sentence=(sentence.s0, sentence.s1),
            claim=f"{segment.page}:{segment.pieces[0].page_start}:{slot.group}",
            subject=subject, strong=strong, period=period, topic=topic,
            compared_period=compared_for(text, stated, period), stated_period=own))
    _order_pairs(drafts)
    _date_changes(drafts)
    return drafts


def _date_changes(drafts: list[Draft]) -> None:
    """A change with no period of its own is dated by the level it reached ('fell from 171 in
    2014/15 to 119 in 2015/16, a reduction of 30.4%'), and a level with none by its change's."""
    levels = {d.claim: d for d in drafts if d.slot.role in ("to", "level")}
    for d in drafts:
        if d.slot.role == "from" and not d.stated_period and d.claim not in levels and FY_RE.match(d.period):
            d.period = previous_period(d.period)  # 'easing by 0.8% from £571,758': last year's level
        level = levels.get(d.claim)
        if d.slot.kind != "change" or level is None:
            continue
        if not d.stated_period and level.stated_period:
            d.period = level.period
        elif d.stated_period and not level.stated_period:
            level.period = d.period


def _order_pairs(drafts: list[Draft]) -> None:
    """From/to read from 'X compared with Y' take their order from the periods stated; a 'from'
    level with no period of its own does not inherit the later one."""
    by_claim: dict[str, list[Draft]] = {}
    for d in drafts:
        if d.slot.role in ("from", "to"):
            by_claim.setdefault(d.claim, []).append(d)
    for pair in by_claim.values():
        first = next((d for d in pair if d.slot.role == "from"), None)
        second = next((d for d in pair if d.slot.role == "to"), None)
        if first is None or second is None:
            continue
        if first.slot.pair and first.stated_period and second.stated_period and first.stated_period > second.stated_period:
            first.slot.role, second.slot.role = "to", "from"
            first, second = second, first
        if not first.stated_period:
            earlier = previous_period(second.period) if FY_RE.match(second.period) else ""
            first.period = second.compared_period or earlier
        second.compared_period = second.compared_period or first.stated_period


ANCHORS = ("to", "level", "whole", "change_pct", "change_abs", "value", "from", "share", "part")


def shared_subjects(drafts: list[Draft]) -> list[Proposal]:
    """A number whose own words name nothing takes its claim's subject: 'from 75.6%' takes the
    subject of the level it fell to; '105 were closed ...' the subject of the whole it breaks
    down."""
    by_claim: dict[str, list[tuple[int, Draft]]] = {}
    for i, d in enumerate(drafts):
        by_claim.setdefault(d.claim, []).append((i, d))
    found: list[Proposal] = []
    for members in by_claim.values():
        anchor = next((d for role in ANCHORS for _, d in members if d.slot.role == role and d.strong), None)
        if anchor is None:
            continue
        for i, d in members:
            if d is anchor or d.strong and d.slot.role not in ("part", "share"):
                continue
            if d.slot.role in ("part", "share") and anchor.slot.role == "whole":
                found.append(Proposal(i, "subject", f"{anchor.subject}: {d.subject}" if d.strong else anchor.subject,
                                      "shared_subject"))
            elif not d.strong:
                found.append(Proposal(i, "subject", anchor.subject, "shared_subject"))
    return found
