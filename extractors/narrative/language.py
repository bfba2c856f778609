"""The spaCy pipeline the narrative extractor runs: `spacy.blank("en")` plus a sentencizer and a
token Matcher of cue phrases. No trained model is needed, so results are the same everywhere;
the pipeline is built once per process on first use (building it costs ~0.1 s)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import ORTH

from extractors.lexicon.prose import (ALLOCATION_WORDS, AVERAGE_PLACES, BASELINE_WORDS, COMPARE_WORDS, DOWN_WORDS,
                                     FEWER_WORDS, MORE_WORDS, MULTIPLIER_WORDS, PREVIOUS_WORDS, TARGET_WORDS,
                                     UP_WORDS)

log = logging.getLogger(__name__)

# Abbreviations whose full stop must not end a sentence ("approx. 50 organisations").
ABBREVIATIONS = ["approx.", "Approx.", "e.g.", "i.e.", "no.", "No.", "vs.", "c.", "incl.", "est.",
                 "etc.", "fig.", "Fig.", "avg.", "nos.", "Nos.", "St.", "Dr.", "Cllr.", "Mr.", "Mrs."]

PATTERNS: dict[str, list[list[dict]]] = {
    "UP": [[{"LOWER": {"IN": UP_WORDS}}]],
    "DOWN": [[{"LOWER": {"IN": DOWN_WORDS}}]],
    "MORE": [[{"LOWER": {"IN": MORE_WORDS}}]],
    "FEWER": [[{"LOWER": {"IN": FEWER_WORDS}}]],
    "TARGET": [[{"LOWER": {"IN": TARGET_WORDS}}]],
    "BASELINE": [[{"LOWER": {"IN": BASELINE_WORDS}}]],
    "AVERAGE": [[{"LOWER": {"IN": AVERAGE_PLACES}}]],
    "COMPARE": [[{"LOWER": {"IN": COMPARE_WORDS}}],
                [{"LOWER": {"IN": ["than"]}}]],
    "ALLOCATION": [[{"LOWER": {"IN": ALLOCATION_WORDS}}]],
    "MULTIPLIER": [[{"LOWER": {"IN": MULTIPLIER_WORDS}}]],
    "PREVIOUS": [[{"LOWER": {"IN": PREVIOUS_WORDS}},
                  {"LOWER": {"IN": ["year", "years", "quarter", "period", "month", "12"]}}],
                 [{"LOWER": "same"}, {"LOWER": {"IN": ["period", "quarter", "month", "time"]}},
                  {"LOWER": "last"}, {"LOWER": "year"}]],
}


@dataclass(frozen=True)
class Cue:
    label: str  # UP, DOWN, MORE, FEWER, TARGET, BASELINE, AVERAGE, COMPARE, ALLOCATION, ...
    start: int  # character span within the text the doc was made from
    end: int
    word: str


@lru_cache(maxsize=1)
def pipeline() -> tuple[Language, Matcher, float]:
    """The blank English pipeline with a sentencizer and the cue matcher, and its load seconds."""
    started = time.perf_counter()
    nlp = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])  # type: ignore[union-attr]  # a blank pipeline's tokenizer is a Tokenizer
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    for label, patterns in PATTERNS.items():
        matcher.add(label, patterns)
    seconds = time.perf_counter() - started
    log.debug("spaCy blank pipeline built in %.3fs", seconds)
    return nlp, matcher, seconds


def cues_of(doc) -> list[Cue]:
    """Every cue phrase in a parsed text, as character spans."""
    _, matcher, _ = pipeline()
    vocab = doc.vocab
    return [Cue(vocab.strings[label], doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text),
                doc[s:e].text.lower())
            for label, s, e in matcher(doc)]
