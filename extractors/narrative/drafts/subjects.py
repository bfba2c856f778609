"""The subject of a number: a short phrase naming the thing counted or changed ("perpetrators",
"Total Recorded Crime", "referrals to MARAC"), read from the words after the number, the
'of'/'in' phrase it governs, or the noun phrase before its verb; never empty."""
from __future__ import annotations

import re

from extractors.narrative.sentences.claims import Sentence, Slot
from extractors.lexicon.prose import DOWN_WORDS, FEWER_WORDS, MORE_WORDS, SUBJECT_STOP_WORDS, UP_WORDS

STOP = SUBJECT_STOP_WORDS
CUES = set(UP_WORDS + DOWN_WORDS + FEWER_WORDS + MORE_WORDS) | {"saw", "seen", "recorded", "showed",
                                                                   "experienced", "achieved", "noted"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&/-]*|\S")
_UNIT_WORDS = re.compile(r"^\s*\)?\s*(?:(?:hours?|hrs?|years?|pieces|items)\s+(?:of|to|on|in|for)\s+|"
                         r"(?:percentage\s+points?|pp)\s+)", re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _content(word: str) -> bool:
    return word[:1].isalpha() and word.lower() not in STOP


def noun_phrase(text: str, limit: int = 5) -> str:
    """The leading noun phrase of text: content words up to a function word or a verb."""
    words = _words(text)
    taken: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word.lower() == "and" and taken and taken[-1][:1].isupper() and nxt[:1].isupper():
            taken.append(word)
            continue
        if not _content(word) or len(taken) >= limit:
            break
        if word.lower().endswith(("ed", "ing", "en")) and taken and not _content(nxt):
            break
        taken.append(word)
    while taken and taken[-1].lower() == "and":
        taken.pop()
    return " ".join(taken)


def phrase_after_cue(text: str) -> str:
    """'increase in reported DV' -> 'reported DV'; 'fewer homes broken into' -> 'homes'."""
    words = _words(text)
    i = 0
    while i < len(words) and (words[i] in ")(" or words[i].lower() in CUES | {"a", "an", "slight", "small", "significant"}):
        i += 1
    rest = words[i:]
    if rest and rest[0].lower() in ("in", "of") and len(rest) > 1:
        j = 1
        while j < len(rest) and rest[j].lower() in ("the", "a", "an", "all", "those", "number", "of", "levels", "level"):
            j += 1
        return noun_phrase(" ".join(rest[j:]))
    return noun_phrase(" ".join(rest)) if i else ""


def phrase_before(text: str) -> str:
    """The noun phrase ending a clause: 'Serious Sexual offences increased by' -> 'Serious Sexual offences'."""
    clauses = re.split(r"[.;:,(–=]|\b(?:that|which|who|where|whilst|while|but)\b", text)
    clause = clauses[-1] if clauses[-1].strip() or len(clauses) < 2 else clauses[-2]  # '- Solved rate: 14.6%'
    counted = re.search(r"\b(?:number|numbers|levels?|rate|proportion|percentage|amount)\s+of\s+(?:the\s+)?", clause, re.I)
    if counted and noun_phrase(clause[counted.end():]):
        return noun_phrase(clause[counted.end():])
    words = _words(clause)
    while words and not _content(words[-1]) or words and words[-1].lower() in CUES:
        words.pop()
    taken = _last_phrase(words)
    head = words[:len(words) - len(taken)]
    if taken and len(head) >= 2 and head[-1].lower() in _PLACE_PREPOSITIONS and _content(head[-2]):
        return " ".join(_last_phrase(head[:-1]))  # 'total recorded crime in Northshire fell'
    return " ".join(taken)


_PLACE_PREPOSITIONS = {"in", "across", "within", "throughout"}


def _last_phrase(words: list[str]) -> list[str]:
    taken: list[str] = []
    for word in reversed(words):
        if len(taken) >= 4 or not (_content(word) or taken and word.lower() in ("total", "overall")):
            break
        taken.insert(0, word)
    return taken


def predicate(text: str, limit: int = 5) -> str:
    """'were closed after victim was satisfied, 130' -> 'closed after victim was satisfied'."""
    clause = re.split(r"[.;:,()]|\d", text, maxsplit=1)[0]
    words = [w for w in _words(clause) if w[:1].isalpha()]
    while words and words[0].lower() in ("were", "was", "have", "has", "had", "been", "are", "is", "be", "being"):
        words.pop(0)
    return " ".join(words[:limit])


AFTER_WINDOW = 400  # characters read beside a number for its subject: a phrase is a few words,
# and reading the whole sentence for every number made number-dense lines quadratic


def subject_for(s: Sentence, slot: Slot, fallback: str) -> tuple[str, bool]:
    """A short phrase naming what the number counts (never empty), and whether the sentence
    itself gave it (False when it came from a fallback)."""
    after = s.text[slot.m.end:min(s.s1, slot.m.end + AFTER_WINDOW)]
    if slot.m.unit == "count":
        after = re.sub(r"^\s+of\s+(?:them|these|those|whom)\b", "", after, flags=re.I)  # '198 of them did ...'
    unit = _UNIT_WORDS.match(after)
    if unit:
        after = after[unit.end():]
    phrase = ""
    if slot.kind == "spend_item":
        after = re.sub(r"^\s*(?:went\s+|was\s+spent\s+|was\s+used\s+)?(?:towards|on|for)\s+(?:the\s+|a\s+|an\s+)?", " ", after, flags=re.I)
    if slot.kind == "change" and slot.m.unit in ("count", "gbp"):
        phrase = noun_phrase(re.sub(r"^\s*\)?\s*(?:fewer|less|more|additional|extra)\b", "", after, flags=re.I))
    if slot.kind == "change" and not phrase:
        phrase = phrase_after_cue(after)
    elif slot.m.unit in ("percent", "percentage_points", "times"):
        m = re.match(r"^\s*of\s+(?:the\s+|all\s+)?(?P<those>(?:those|these|people)\s+)?", after)
        phrase = noun_phrase(after[m.end():]) if m else ""
        if phrase and m and m.group("those"):
            phrase = f"{m.group('those').strip()} {phrase}"
    else:
        phrase = noun_phrase(re.sub(r"^\s*\)\s*", "", after))
    if not phrase:
        phrase = phrase_before(s.text[max(s.s0, slot.m.start - AFTER_WINDOW):slot.m.start])
    if not phrase and slot.kind == "change":
        phrase = phrase_after_cue(re.sub(r"^\s*\([^()]*\)|^[^()]*\)", "", after))
    if not phrase and slot.m.unit in ("count", "percent") and slot.role in ("part", "share", "value", "whole"):
        phrase = predicate(after)
    if phrase:
        return phrase[:120], True
    return (fallback or noun_phrase(s.text[s.s0:min(s.s1, s.s0 + AFTER_WINDOW)]) or "unspecified")[:120], False
