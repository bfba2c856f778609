"""Which ruled grids are read straight from their rules, and which are left to camelot."""
from __future__ import annotations

from pipeline.loaders.pdf_chars import Char, Ruling
from pipeline.loaders.pdf_grid import grid_reading
from pipeline.loaders.pdf_layout import build_lines
from pipeline.loaders.pdf_tables import NUMERIC_CELL_RE, table_flavor

XS = (100.0, 200.0, 260.0, 320.0)  # column rules
YS = (100.0, 120.0, 140.0, 160.0)  # row rules
ROWS = [["Indicator", "2019", "2020"], ["Burglary", "12", "15"], ["Robbery", "7", "9"]]


def _grid_tables(page, chars, rules, vocab):
    return grid_reading(page, chars, rules, vocab)[0]


def _word(text: str, x: float, top: float, upright: bool = True) -> list[Char]:
    return [Char(ch, x + 5 * i, top, x + 5 * i + 5, top + 8, 8.0, top + 7, False, False, upright)
            for i, ch in enumerate(text) if ch != " "]


def _cells(upright: bool = True) -> list[Char]:
    return [c for i, row in enumerate(ROWS) for j, text in enumerate(row)
            for c in _word(text, XS[j] + 3, YS[i] + 6, upright or i > 0)]


def _rules(skip_label_rule: bool = False, triple: bool = False) -> list[Ruling]:
    rules = [Ruling(x, YS[0], x + 0.5, YS[-1]) for x in XS]
    for k, y in enumerate(YS):
        start = XS[1] if skip_label_rule and k == 2 else XS[0]
        rules.append(Ruling(start, y, XS[-1], y + 0.5))
        if triple and 0 < k < len(YS) - 1:
            rules += [Ruling(start, y + d, XS[-1], y + d + 0.5) for d in (3, 6)]  # triple rules: empty bands
    return rules


def test_closed_grid_is_read_cell_by_cell():
    tables = _grid_tables(1, _cells(), _rules(), set())
    assert [t.rows for t in tables] == [ROWS]


def test_grid_with_row_labels_left_of_its_rules_is_left_to_camelot():
    """Labels on the data rows (not the header) beside triple-ruled rows: most rows with text."""
    cells = [c for c in _cells() if c.top > YS[0] + 10] + _word("Year", XS[1] + 3, YS[0] + 6)
    labels = [c for i, text in enumerate(["Home", "Street"], 1) for c in _word(text, 40, YS[i] + 8)]
    assert len(_grid_tables(1, cells, _rules(triple=True), set())) == 1
    assert _grid_tables(1, cells + labels, _rules(triple=True), set()) == []


def test_grid_with_a_row_rule_missing_from_a_column_keeps_each_label_in_its_own_row():
    """The label column lacks one row rule (a rowspan's look): each line still sits in the row
    it is printed in, as camelot's lattice places it, so two labels are not run together."""
    assert [t.rows for t in _grid_tables(1, _cells(), _rules(skip_label_rule=True), set())] == [ROWS]


def test_rowspan_label_is_read_in_the_row_it_is_printed_in():
    """'Violence' printed once across its two rows, a little above their middle (no rule
    between them in its column)."""
    rows = [["Indicator", "Quarter", "Count"], ["", "Q1", "12"], ["", "Q2", "15"]]
    cells = [c for i, row in enumerate(rows) for j, text in enumerate(row)
             for c in _word(text, XS[j] + 3, YS[i] + 6)] + _word("Violence", XS[0] + 3, YS[2] - 7)
    tables = _grid_tables(1, cells, _rules(skip_label_rule=True), set())
    assert [t.rows for t in tables] == [[["Indicator", "Quarter", "Count"], ["Violence", "Q1", "12"], ["", "Q2", "15"]]]


def test_a_wrapped_label_over_a_missing_row_rule_is_one_cell():
    """'Cycle Name' wraps over the line of a group header's underline ('Savings' over '2019'
    and '2020'), its two lines as close as a paragraph's: one cell, not 'Cycle' and 'Name'."""
    cells = (_word("Cycle", XS[0] + 3, YS[1] - 9) + _word("Name", XS[0] + 3, YS[1] + 1)
             + _word("Savings", XS[1] + 3, YS[0] + 6) + _word("2019", XS[1] + 3, YS[1] + 6)
             + _word("2020", XS[2] + 3, YS[1] + 6) + _word("Burglary", XS[0] + 3, YS[2] + 6)
             + _word("12", XS[1] + 3, YS[2] + 6) + _word("15", XS[2] + 3, YS[2] + 6))
    rules = [Ruling(x, YS[0], x + 0.5, YS[-1]) for x in XS] + [Ruling(XS[1], YS[1], XS[-1], YS[1] + 0.5)]
    rules += [Ruling(XS[0], y, XS[-1], y + 0.5) for y in (YS[0], YS[2], YS[3])]
    assert [t.rows for t in _grid_tables(1, cells, rules, set())] == [
        [["Cycle\nName", "Savings", ""], ["", "2019", "2020"], ["Burglary", "12", "15"]]]


def test_labels_of_value_rows_stay_apart_without_row_rules_in_their_column():
    """A budget whose label column is ruled only at its top and bottom, its labels set as
    tight as a paragraph's lines: each is still its own row's, beside that row's amount."""
    labels, amounts = ["Salaries", "Fringe benefits", "Staff travel"], ["1,314,000", "352,000", "98,250"]
    ys = [100.0, 110.0, 120.0, 130.0]
    cells = [c for i, (label, amount) in enumerate(zip(labels, amounts))
             for c in _word(label, XS[0] + 3, ys[i] + 1) + _word(amount, XS[1] + 3, ys[i] + 1)]
    rules = [Ruling(x, ys[0], x + 0.5, ys[-1]) for x in XS[:3]]
    rules += [Ruling(XS[0], y, XS[2], y + 0.5) for y in (ys[0], ys[-1])]
    rules += [Ruling(XS[1], y, XS[2], y + 0.5) for y in ys[1:-1]]  # the amounts' rows only
    assert [t.rows for t in _grid_tables(1, cells, rules, set())] == [[list(p) for p in zip(labels, amounts)]]


def test_grid_with_turned_header_text_is_left_to_camelot():
    assert _grid_tables(1, _cells(upright=False), _rules(), set()) == []


def test_ruled_page_without_a_grid_goes_to_camelot_unless_it_is_contents():
    rules = [Ruling(50, y, 500, y + 0.5) for y in (100, 200, 300)] + [Ruling(x, 100, x + 0.5, 300) for x in (50, 500)]
    prose = build_lines([c for k in range(4) for c in _word("Tuition varies from school to school", 60, 120 + 20 * k)])
    contents = build_lines([c for k in range(4) for c in _word(f"Chapter {k} ........ {k + 3}", 60, 120 + 20 * k)])
    assert table_flavor(prose, rules) == "ruled"
    assert table_flavor(contents, rules) is None
    assert table_flavor(prose, []) is None


def test_amounts_with_a_unit_suffix_are_numbers():
    assert all(NUMERIC_CELL_RE.match(s) for s in ["$8M", "£1.2m", "2bn", "(3.4%)", "5k"])
    assert not any(NUMERIC_CELL_RE.match(s) for s in ["Mar", "12 Mar", "M4"])
