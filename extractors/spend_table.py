"""Spend tables: allocation lines, spend lines and the stated total, in pounds.

A row is an allocation when its label says money was given (allocation, grant, award,
funding), a total when it says total or is a bare amount under the lines, and a spend line
otherwise. Amounts with or without '£' and separators, '£12.5k', '£1.2m', and tables
stated in '£000s' are all read to pounds."""
from __future__ import annotations

import re

from extractors.facts import cell_offset, make_fact
from extractors.table_roles import is_spend_table
from pipeline.ids import stable_id
from pipeline.model import Cell, Document, Fact, Table
from pipeline.numbers import NUMBER_RE, number_from_match
from pipeline.periods import find_periods, normalise_period

EXTRACTOR = "spend_table"
_ALLOCATION = re.compile(r"\b(?:allocat\w*|grant|award\w*|funding|budget allocation|income)\b", re.I)
_TOTAL = re.compile(r"\b(?:total|sum)\b", re.I)
_SUBTOTAL = re.compile(r"\bsub-?\s?total\b", re.I)
_THOUSANDS = re.compile(r"£\s?0{3}s?\b|£k\b|\(£000\)|in thousands", re.I)


def extract(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    for table in doc.tables:
        if is_spend_table(table):
            facts += table_facts(doc, table)
    return facts


def _scale(doc: Document, table: Table) -> float:
    labels = " ".join([table.heading] + [c.text for c in table.cells if not re.search(r"\d{3}", c.text)])
    return 1000.0 if _THOUSANDS.search(labels) else 1.0


def _period(doc: Document, table: Table) -> str:
    in_rows = [p.period for c in table.cells for p in find_periods(c.text) if "Q" not in p.period]
    return normalise_period(table.heading) or (in_rows[0] if in_rows else "") or doc.period


def row_kind(label: str, seen_items: bool) -> tuple[str, str]:
    if _SUBTOTAL.search(label):
        return "spend_total", "subtotal"
    if _TOTAL.search(label) or (not label and seen_items):
        return "spend_total", "total"
    if _ALLOCATION.search(label) and not seen_items:
        return "allocation", "allocation"
    return "spend_item", "item"


def table_facts(doc: Document, table: Table) -> list[Fact]:
    claim = stable_id("claim", doc.doc_id, table.table_id)
    period, scale = _period(doc, table), _scale(doc, table)
    facts, seen_items = [], False
    for row in table.rows():
        amount_cell = row[-1]
        label = " ".join(c.text for c in row[:-1] if c.text).strip()
        number = NUMBER_RE.fullmatch(amount_cell.text.replace(" ", "")) if amount_cell.text else None
        offset = cell_offset(doc, amount_cell)
        if not number or offset is None:
            continue
        kind, role = row_kind(label, seen_items)
        seen_items = seen_items or kind == "spend_item"
        facts.append(_fact(doc, table, amount_cell, offset, kind, role, label, period, scale, claim))
    return facts


def _fact(doc: Document, table: Table, cell: Cell, offset: int, kind: str, role: str,
          label: str, period: str, scale: float, claim: str) -> Fact:
    stripped = cell.text.strip()
    n = number_from_match(NUMBER_RE.search(stripped))
    lead = cell.text.find(stripped[:1]) if stripped else 0
    value = n.value * (scale if "k" not in n.text.lower() and "m" not in n.text.lower() else 1)
    return make_fact(
        doc, kind=kind, value=value, unit="gbp", subject=label or ("total" if kind == "spend_total" else kind),
        page=cell.page, start=offset + lead + n.start, end=offset + lead + n.end, source="table",
        extractor=EXTRACTOR, snippet=f"{label} {cell.text}".strip(), period=period,
        theme=table.heading, claim_id=claim, role=role, table_id=table.table_id, row=cell.row,
        col=cell.col, bbox=cell.bbox)
