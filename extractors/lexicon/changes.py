"""Words that give a stated change its direction: '12,589 (4.3% reduction)', 'down 3',
'+7', 'an increase of 12%'."""
from __future__ import annotations

import re

UP = re.compile(r"\b(?:increase[sd]?|increasing|rise|rises|risen|rose|up|higher|more|growth|grew|"
                r"improve(?:d|ment)?)\b|▲|↑", re.I)
DOWN = re.compile(r"\b(?:decrease[sd]?|decreasing|reduction|reduced|reduce|fall|falls|fell|fallen|down|"
                  r"lower|fewer|less|decline[sd]?|drop(?:ped)?)\b|▼|↓", re.I)
CHANGE_WORD = re.compile(rf"{UP.pattern}|{DOWN.pattern}|\bchange\b|\bdifference\b", re.I)


def direction_of(text: str, sign: str = "") -> str:
    """'increase' or 'decrease' from a sign ('-', '−', '(' for accounts negatives, '+') or
    from the words beside the number; '' where neither says."""
    if sign:
        return "increase" if sign == "+" else "decrease"
    down, up = DOWN.search(text or ""), UP.search(text or "")
    if down and (not up or down.start() < up.start()):
        return "decrease"
    return "increase" if up else ""
