"""What a stated change is measured against, in the words that say so: 'against the baseline',
'on the same quarter last year', 'on the previous quarter', 'on the previous year'. The scope
decides which of a table's values the change can be tested with (a change against the same
quarter last year cannot be tested from one year's columns)."""
from __future__ import annotations

# In the order they are tried: the first that a change's clause says is its scope.
COMPARISONS: tuple[tuple[str, str], ...] = (
    ("baseline", r"\b(?:against|compared (?:to|with)|on|versus|vs\.?|from) (?:the |its |this )?baseline\b"),
    ("same_period_last_year", r"same (?:quarter|period|month)s? (?:of |in )?(?:the )?"
                              r"(?:last|previous|prior|preceding) year"),
    ("previous_period", r"\b(?:previous|last|preceding|prior) quarter\b|\bquarter[- ]on[- ]quarter\b"),
    ("previous_year", r"\b(?:previous|last|prior|preceding) (?:year|financial year|12[- ]months?)\b|"
                      r"\byear before\b|\blast year'?s?\b|\bperformance year\b|"
                      r"\byear[- ]on[- ]year\b|\bcompared (?:to|with) (?:19|20)\d\d\b|"
                      r"\b(?:previous|last) 12[- ]month"),
)
