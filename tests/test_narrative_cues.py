"""Cue words are found as whole words, with every label a word carries."""
import pytest

from extractors.narrative.language import cues_in


@pytest.mark.parametrize("text, expected", [
    ("Burglary rose by 12%.", [("UP", "rose")]),
    ("Thefts FELL, down 4 on the target.", [("DOWN", "fell"), ("DOWN", "down"), ("TARGET", "target")]),
    ("compared with the same period last year", [("COMPARE", "compared"), ("PREVIOUS", "same period last year"),
                                                  ("PREVIOUS", "last year")]),
    ("the steepest fall¹ was in March", []),  # a word glued to a footnote mark is not the word
    ("from the previous year³", []),
    ("an uprising and a downturn", []),  # inside other words
    ("up-to-date figures, 8 more than last\nyear", [("UP", "up"), ("MORE", "more"), ("COMPARE", "than")]),  # no phrase across lines
])
def test_cue_words(text, expected):
    assert [(c.label, c.word) for c in cues_in(text)] == expected


def test_cue_spans_point_at_the_words():
    text = "Spend was higher than budget."
    assert [text[c.start:c.end] for c in cues_in(text)] == ["higher", "than", "budget"]
