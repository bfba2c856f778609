"""Spend tables: allocations, spend lines and stated totals, in pounds.

One money column ('Item | £'): a row is an allocation when its label says money was given
(allocation, grant, award, funding), a total when it says total or is a bare amount under
the lines, and a spend line otherwise. Several money columns ('Budget | Actual | Variance',
'2016/17 | 2017/18', 'Allocation | Spend | Underspend'): each column is its own claim, read
by its header as allocated money, spent money (with the column's period) or a stated
variance. Rows holding only a label are section titles. Amounts with or without '£' and
separators, '£12.5k', '£1.2m', accounts-style negatives '(1,200)', and tables stated in
'£000s' / '£k' are all read to pounds."""
from __future__ import annotations


from extractors.facts import cell_offset, make_fact
from extractors.lexicon.roles import ALLOCATION, ALLOCATION_COLUMN, SPEND, SUBTOTAL, TOTAL, VARIANCE, is_allocation_text
from extractors.lexicon.scales import money_scale
from extractors.tables.context import notes
from extractors.tables.money import Amount, amount_of, header_text, is_spend_table, money_columns
from pipeline.model.ids import stable_id
from pipeline.model import Cell, Document, Fact, Table
from pipeline.model.periods import find_periods, is_financial_period, normalise_period
from pipeline.model.vocab import Kind

EXTRACTOR = "tables"


def spend_facts(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    for table in doc.tables:
        context = table.caption
        if is_spend_table(table, context):
            facts += table_facts(doc, table, context)
    return facts


def _period(doc: Document, table: Table, context: str) -> str:
    in_rows = [p.period for c in table.cells for p in find_periods(c.text)
               if is_financial_period(p.period) and "Q" not in p.period]  # not a date a line was paid
    return (normalise_period(context) or normalise_period(table.heading) or (in_rows[0] if in_rows else "")
            or doc.period)


def column_labels(table: Table) -> dict[int, str]:
    """Each column's header text: the cells above the first row of amounts."""
    rows = table.rows()
    first = next((i for i, row in enumerate(rows) if any(amount_of(c.text) for c in row[1:])), 0)
    return {col: " ".join(row[col].text for row in rows[:first] if row[col].text)
            for col in range(table.n_cols)}


def row_kind(label: str, seen_items: bool, given: bool = False) -> tuple[Kind, str]:
    """(kind, role) of a row of a one-money-column table; in a table of money given (titled
    'Grant allocations', a column headed 'Allocation') every line is an allocation and the
    stated total the total of the breakdown."""
    role = "subtotal" if SUBTOTAL.search(label) else \
        "total" if TOTAL.search(label) or (not label and seen_items) else ""
    if given and not role:
        return "allocation", "item"
    if role:
        return "spend_total", role
    if ALLOCATION.search(label) and not seen_items:
        return "allocation", "allocation"
    return "spend_item", "item"


def column_kind(header: str, row_role: str, given: bool = False) -> tuple[Kind, str]:
    """(kind, role) of a cell in a table of several money columns, from its column's header,
    its row's role (item, subtotal, total) and whether the table's title says the money was
    given ('Fund allocations (£)': its '2019/20' and '2020/21' columns are allocations)."""
    if VARIANCE.search(header):
        return "amount", "variance"
    if ALLOCATION_COLUMN.search(header) or (given and row_role == "item" and not SPEND.search(header)):
        return "allocation", row_role
    return ("spend_item" if row_role == "item" else "spend_total"), row_role


def table_facts(doc: Document, table: Table, context: str = "") -> list[Fact]:
    columns, labels = money_columns(table), column_labels(table)
    period = _period(doc, table, context)
    scale = money_scale(table.heading, context, header_text(table), notes(table))
    only = labels.get(columns[0], "") if len(columns) == 1 else ""
    # a lone money column headed 'Spend' is spent money whatever the line above says was given
    given = not SPEND.search(only) and (is_allocation_text(context) or is_allocation_text(only))
    facts, seen_items = [], False
    for row in table.rows():
        label = " ".join(c.text for c in row if c.col not in columns and c.text).strip()
        cells = [(row[col], amount_of(row[col].text)) for col in columns]
        if not any(a for _, a in cells):
            continue
        kind, role = row_kind(label, seen_items, given)
        seen_items = seen_items or kind == "spend_item"
        for cell, amount in cells:
            if amount is None:
                continue
            header = labels.get(cell.col, "")
            if len(columns) > 1:
                kind, role = column_kind(header, "item" if role in ("item", "allocation") else role, given)
            col_scale = money_scale(header) if money_scale(header) != 1.0 else scale
            claim = stable_id("claim", doc.doc_id, table.table_id, *([cell.col] if len(columns) > 1 else []))
            facts += _fact(doc, table, cell, amount, kind, role, label,
                           normalise_period(header) or period, col_scale, claim, header)
    return facts


def _fact(doc: Document, table: Table, cell: Cell, amount: Amount, kind: Kind, role: str,
          label: str, period: str, scale: float, claim: str, column: str = "") -> list[Fact]:
    offset = cell_offset(doc, cell)
    if offset is None:
        return []
    scaled = "k" not in amount.number.text.lower() and "m" not in amount.number.text.lower()
    return [make_fact(
        doc, kind=kind, value=amount.value * (scale if scaled else 1), unit="gbp",
        subject=label or ("total" if kind == "spend_total" else kind),
        page=cell.page, start=offset + amount.start, end=offset + amount.end, source="table",
        extractor=EXTRACTOR, snippet=f"{label} {cell.text}".strip(), period=period,
        theme=table.heading, claim_id=claim, role=role, table_id=table.table_id, row=cell.row,
        col=cell.col, bbox=cell.bbox, column=column)]
