"""Spend tables by shape: a label column and one or more columns of sums of money.

A money cell is an amount and nothing else: '£66,392', '35892', '420', '12.5k', and negatives
as accounts print them, '(1,200)', '(£8,200)', '-4.5'. A table is a spend table when some
column (other than the first) is mostly such cells, no cell in it is a percentage, and pounds
are named somewhere: a '£' in a cell, '£000s'/'£k' in a header, or the title line above."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Optional

from extractors.lexicon.roles import MONEY_WORDS, NOT_FACT_ROLES, column_role
from extractors.lexicon.scales import names_pounds
from pipeline.model import Table
from pipeline.model.numbers import NUMBER_RE, Number, number_from_match

_PERCENT_SIGN = re.compile(r"%|per ?cent", re.I)
_AMOUNT = re.compile(r"^(?P<neg>[-−–(]\s?)?\(?£?\s?\d[\d,]*(?:\.\d+)?\s?[km]?\)?$", re.I)


@dataclass(frozen=True)
class Amount:
    value: float  # signed, as printed (not yet scaled by '£000s')
    start: int  # span in the cell text, brackets or minus included
    end: int
    number: Number


@lru_cache(maxsize=8192)  # every cell is asked by several readers
def amount_of(text: str) -> Optional[Amount]:
    """The signed amount a money cell states; None unless the cell is just an amount."""
    squeezed = text.replace(" ", "")
    m = _AMOUNT.match(squeezed)
    if not text.strip() or not m:
        return None
    found = NUMBER_RE.search(text)
    if not found:
        return None
    number = number_from_match(found)
    negative = bool(m.group("neg")) or (squeezed.startswith("(") and squeezed.endswith(")"))
    lead = len(text) - len(text.lstrip())
    close = text.rfind(")") + 1 if negative and ")" in text else number.end
    return Amount(-number.value if negative else number.value, lead if negative else number.start,
                  max(close, number.end), number)


def body_rows(table: Table) -> list[list]:
    return [row for row in table.rows() if any(amount_of(c.text) for c in row[1:])]


def money_columns(table: Table) -> list[int]:
    """Columns after the first whose filled body cells are (almost) all amounts, and whose
    label does not call them page numbers, references or ranks."""
    return list(_money_columns(table))


@lru_cache(maxsize=64)  # by table: asked by the spend reader and by every prose-cell test
def _money_columns(table: Table) -> tuple[int, ...]:
    rows, head = body_rows(table), _head_rows(table)
    found = []
    for col in range(1, table.n_cols):
        if column_role(" ".join(row[col].text for row in head)) in NOT_FACT_ROLES:
            continue
        filled = [row[col].text for row in rows if row[col].text]
        amounts = [t for t in filled if amount_of(t)]
        if filled and len(amounts) >= 0.8 * len(filled) and len(amounts) >= 2 and \
                not any(_PERCENT_SIGN.search(t) for t in filled):
            found.append(col)
    return tuple(found)


def _head_rows(table: Table) -> list[list]:
    """The rows above the first row of amounts (the column labels)."""
    rows = table.rows()
    first = next((i for i, row in enumerate(rows) if any(amount_of(c.text) for c in row[1:])), len(rows))
    return rows[:first]


def header_text(table: Table) -> str:
    """Text of the rows above the first row of amounts (the column labels)."""
    return " ".join(c.text for row in _head_rows(table) for c in row)


def is_spend_table(table: Table, context: str = "") -> bool:
    """Money columns, 3+ rows of amounts, money words and pounds named (in cells, headers,
    the heading or `context`, the title line above the table when the caller knows it)."""
    columns = money_columns(table)
    if not columns or len(body_rows(table)) < 3:
        return False
    texts = [table.heading, context] + [c.text for c in table.cells]
    return any(MONEY_WORDS.search(t) for t in texts) and any(names_pounds(t) for t in texts)
