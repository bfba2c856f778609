"""The spaCy pipeline the narrative extractor runs (`spacy.blank("en")` plus a sentencizer), and
the cue words (rises, falls, targets, comparisons) found in a text by one pattern of the
lexicon's words. No trained model is needed, so results are the same everywhere; the pipeline
is built once per process on first use (building it costs ~0.1 s)."""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from extractors.lexicon.prose import (ABBREVIATIONS, ALLOCATION_WORDS, AVERAGE_PLACES, BASELINE_WORDS, COMPARE_WORDS, DOWN_WORDS,
                                     FEWER_WORDS, MORE_WORDS, MULTIPLIER_WORDS, PREVIOUS_WORDS, TARGET_WORDS,
                                     UP_WORDS)

log = logging.getLogger(__name__)

# Cue words by label; a word may carry several labels. Matched as whole words, the way spaCy's
# tokenizer splits them (a word glued to a footnote mark, 'year³', is not the word).
CUE_WORDS: dict[str, list[str]] = {
    "UP": UP_WORDS, "DOWN": DOWN_WORDS, "MORE": MORE_WORDS, "FEWER": FEWER_WORDS,
    "TARGET": TARGET_WORDS, "BASELINE": BASELINE_WORDS, "AVERAGE": AVERAGE_PLACES,
    "COMPARE": COMPARE_WORDS + ["than"], "ALLOCATION": ALLOCATION_WORDS, "MULTIPLIER": MULTIPLIER_WORDS,
}
_LABELS: dict[str, list[str]] = {}
for _label, _words in CUE_WORDS.items():
    for _word in _words:
        _LABELS.setdefault(_word, []).append(_label)
_WORD_CUE = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(_LABELS, key=len, reverse=True))
                       + r")(?!\w)", re.I)
# 'last year', 'previous quarter', 'same period last year' (which holds 'last year' too: two cues)
_PREVIOUS_CUES = (
    re.compile(r"(?<!\w)(?:" + "|".join(PREVIOUS_WORDS) + r") (?:year|years|quarter|period|month|12)(?!\w)", re.I),
    re.compile(r"(?<!\w)same (?:period|quarter|month|time) last year(?!\w)", re.I),
)


@dataclass(frozen=True)
class Cue:
    label: str  # UP, DOWN, MORE, FEWER, TARGET, BASELINE, AVERAGE, COMPARE, ALLOCATION, ...
    start: int  # character span within the text the doc was made from
    end: int
    word: str


@lru_cache(maxsize=1)
def pipeline() -> tuple[Language, float]:
    """The blank English pipeline with a sentencizer, and its load seconds."""
    started = time.perf_counter()
    nlp = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])  # type: ignore[union-attr]  # a blank pipeline's tokenizer is a Tokenizer
    nlp.add_pipe("sentencizer")
    seconds = time.perf_counter() - started
    log.debug("spaCy blank pipeline built in %.3fs", seconds)
    return nlp, seconds


def cues_in(text: str) -> list[Cue]:
    """Every cue word or phrase in a text, as character spans in order. One pattern search per
    text: spaCy's token Matcher did the same per token and was a fifth of the reader's time."""
    found = [Cue(label, m.start(), m.end(), m.group(0).lower())
             for m in _WORD_CUE.finditer(text) for label in _LABELS[m.group(0).lower()]]
    found += [Cue("PREVIOUS", m.start(), m.end(), m.group(0).lower())
              for pattern in _PREVIOUS_CUES for m in pattern.finditer(text)]
    return sorted(found, key=lambda c: (c.start, c.end))
