"""The paths the hard inputs found super-linear, each shown linear by counting the work it does
(not by timing it): a page of 200,000 numbers (the prose ledger asked whole-line questions per
number and scanned every mask per number), a 50,000-character line of changes (the change
linker searched the sentence for separators per change and pair), and a 10,000-column table
(the rules' grid scanned every cell per row, the year-to-date reader every cell per stated
figure, the plain-table reader rebuilt a set per cell). Inputs are written here."""
from __future__ import annotations

import re

from extractors.narrative import extract as narrative
from extractors.narrative import ledger
from extractors.narrative.sentences import linking
from extractors.tables import plain
from extractors.tables.layout import read_layout
from pipeline.loaders import load_document
from pipeline.model import Document, Fact, Page
from pipeline.rules import grid as grid_module
from pipeline.rules import restated
from pipeline.rules import table_arithmetic


class CountingPattern:
    """A compiled pattern that counts the calls made on it."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.calls = pattern, 0

    def __getattr__(self, name: str):
        method = getattr(self.pattern, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return method(*args, **kwargs)
        return counted


class CountingList(list):
    """A list that counts how often it is walked."""
    walks = 0

    def __iter__(self):
        CountingList.walks += 1
        return list.__iter__(self)


def _doc(text: str) -> Document:
    return Document(doc_id="d", file_name="d.txt", path="", sha256="", format="txt", status="ok",
                    pages=(Page(1, text),))


def test_the_ledger_asks_whole_line_questions_once_per_line(monkeypatch):
    words = CountingPattern(ledger._WORD)
    monkeypatch.setattr(ledger, "_WORD", words)
    bare = " ".join(str(n) for n in range(500, 900))  # chart text: numbers and no sentence
    spaced = "Area  " + "  ".join(str(n) for n in range(500, 900))  # aligned columns no table holds
    assert [s.reason for s in narrative(_doc(bare)).skipped] == ["bare_numbers"] * 400
    assert [s.reason for s in narrative(_doc(spaced)).skipped] == ["table_line"] * 400
    assert words.calls <= 2  # a line's words are counted once, not once per number (400 a line)


def test_the_ledger_finds_each_numbers_mask_without_walking_every_mask(monkeypatch):
    real = ledger.masked_spans
    monkeypatch.setattr(ledger, "masked_spans", lambda line: CountingList(real(line)))
    dates = "; ".join(f"{d} March then {d * 3 + 100} cases" for d in range(1, 29))
    CountingList.walks = 0
    skipped = narrative(_doc(f"Between dates: {dates}.")).skipped
    by_text = {s.text: s.reason for s in skipped}
    assert by_text["14"] == "date" and by_text["3"] == "date"  # each day is masked as a date
    assert CountingList.walks <= 2  # once per line, not once per number (56)


def test_the_change_linker_searches_a_sentence_for_separators_once(monkeypatch):
    separators = CountingPattern(linking._SEPARATE)
    monkeypatch.setattr(linking, "_SEPARATE", separators)
    if hasattr(linking, "_separators"):
        linking._separators.cache_clear()  # its own cache from other tests' sentences
    stretch = ", ".join(f"cases in ward {w} rose from {100 + w} to {150 + w}, an increase of {w}%"
                        for w in range(1, 41))
    facts = narrative(_doc(f"Across the district {stretch}.")).facts
    assert len(facts) >= 120
    assert separators.calls <= 2  # before: one search per change and pair, 40 x 40


def _row_facts(rows: int, cols: int) -> list[Fact]:
    return [Fact(fact_id=f"f{r}-{c}", doc_id="d", kind="count", value=float(r * c), unit="count",
                 subject=f"Ward {r}", page=1, char_start=None, char_end=None, text=str(r * c), source="table", extractor="test",
                 table_id="t1", row=r, col=c, period=f"2019-Q{c % 4 + 1}")
            for r in range(rows) for c in range(cols)]


class CountingDict(dict):
    walks = 0

    def items(self):
        CountingDict.walks += 1
        return dict.items(self)


def test_the_rules_grid_indexes_its_rows_once():
    grid = next(grid_module.grids(_row_facts(50, 40)))
    grid.cells = CountingDict(grid.cells)
    CountingDict.walks = 0
    rows = {r: grid.row(r) for r in grid.rows}
    assert [len(cells) for cells in rows.values()] == [40] * 50
    assert rows[7][3].value == 21.0 and grid.column(3)[7].value == 21.0
    assert grid.label(7) == "Ward 7"
    assert CountingDict.walks <= 1  # one pass builds the index; before, one pass per row (50)


def _cell(row: int, col: int, kind: str, value: float, period: str) -> Fact:
    return Fact(fact_id=f"f{row}-{col}", doc_id="d", kind=kind, value=value, unit="count", subject=f"Line {row}",
                page=1, char_start=None, char_end=None, text="", source="table", extractor="test",
                table_id="t1", row=row, col=col, period=period)


def test_year_to_date_reads_each_cells_period_once_per_row(monkeypatch):
    calls = []
    real = table_arithmetic.year_of
    monkeypatch.setattr(table_arithmetic, "year_of", lambda period: calls.append(period) or real(period))
    quarters = [_cell(r, q, "count", 10.0 * q, f"2019-20 Q{q}") for r in (1, 2) for q in range(1, 5)]
    stated = [_cell(1, 4 + n, "ytd", 100.0, "2019-20") for n in range(1, 61)]  # a row of sixty year figures
    grid = next(grid_module.grids(quarters + stated + [_cell(2, 5, "ytd", 100.0, "2019-20")]))
    found = [([f.value for f in parts], year.row) for parts, year in table_arithmetic.ytd_rows(grid)]
    assert found == [([10.0, 20.0, 30.0, 40.0], 2)]  # the row with one year figure and its quarters
    assert len(calls) <= 64 + 5  # once per cell; before, once per cell per stated figure (64 x 60)


class CountingSet(set):
    unions = 0

    def __or__(self, other):
        CountingSet.unions += 1
        return set.__or__(self, other)


def test_the_plain_table_reader_joins_its_taken_cells_once(tmp_path):
    header = "Indicator\t" + "\t".join(f"Ward {c}" for c in range(60))
    body = "\n".join(f"Measure {r}\t" + "\t".join(str(r * 100 + c) for c in range(60)) for r in range(1, 6))
    path = tmp_path / "wide.txt"
    path.write_text(f"Ward figures 2019-20\n\n{header}\n{body}\n", encoding="utf-8")
    doc = load_document(path)
    table = doc.tables[0]
    CountingSet.unions = 0
    result = plain.plain_facts(doc, table, read_layout(doc, table), CountingSet(), set())
    assert sorted(f.value for f in result.facts)[:3] == [100.0, 101.0, 102.0] and len(result.facts) == 300
    assert CountingSet.unions <= 1  # before: one union per cell (300)


def test_a_giant_table_row_no_table_holds_is_told_apart_in_bulk(monkeypatch):
    """The rows of a table cut by max_cells reach the ledger as prose lines of thousands of
    numbers; each is a table line, without a prose reading per number."""
    asked = []
    monkeypatch.setattr(ledger, "reason_not_fact", lambda *a: asked.append(a) or "")
    tabbed = "\t".join(str(n) for n in range(1000, 3000))
    spaced = "Total  " + "  ".join(f"{n:,}" for n in range(1000, 2000))
    for line in (tabbed, spaced):
        skipped = narrative(_doc(line)).skipped
        assert len(skipped) == len(re.findall(r"\d[\d,]*", line))
        assert {s.reason for s in skipped} == {"table_line"}
    assert asked == []
    short = "Total  " + "  ".join(str(n) for n in range(1000, 1010))  # an ordinary line is still read
    assert {s.reason for s in narrative(_doc(short)).skipped} == {"table_line"}
    assert asked



def test_restated_figures_count_each_keys_statements_once(monkeypatch):
    """One measure stated thousands of times (a huge table of one indicator): the statements of
    each value are counted in one pass, not by scanning every fact once per value."""
    calls = []
    real = restated.statements
    monkeypatch.setattr(restated, "statements", lambda facts, value: calls.append(value) or real(facts, value))
    facts = [Fact(fact_id=f"f{i}", doc_id="d", kind="count", value=float(1000 + i), unit="count", subject="Referrals",
                  page=1, char_start=None, char_end=None, text="", source="table", extractor="test", period="2019-20")
             for i in range(3000)]
    facts.append(Fact(fact_id="again", doc_id="d", kind="count", value=1000.0, unit="count", subject="Referrals",
                      page=1, char_start=None, char_end=None, text="", source="narrative", extractor="test", period="2019-20"))
    found = restated.corroborated(facts, {f.value for f in facts}, 0.05)
    assert found is None  # 1,000 is stated twice, but 150 other values lie within 5% of it
    assert len(calls) <= 2
