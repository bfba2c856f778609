"""The output contract holds together: the README lists every column of every table, the
schemas come from the records, and the writer refuses a row that does not fit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.model import Fact
from pipeline.output.writer import fact_rows, to_arrow
from schemas import SCHEMAS

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_columns() -> dict[str, list[str]]:
    """Column names per table from the README's 'table | one row per | columns' table."""
    tables = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `(\w+)\.parquet` \| [^|]+ \| (.+) \|$", line)
        if m:
            cell = re.sub(r"\([^()]*\)", "", m.group(2))  # drop the explanations in brackets
            tables[m.group(1)] = re.findall(r"(?:^|, )`(\w+)`", cell)
    return tables


def test_readme_lists_exactly_the_schema_columns():
    listed = readme_columns()
    assert sorted(listed) == sorted(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert sorted(listed[name]) == sorted(schema.names), name


def fact(**changes) -> Fact:
    values = dict(fact_id="f1", doc_id="d1", kind="count", value=3.0, unit="count", subject="x",
                  page=1, char_start=0, char_end=1, text="3", source="narrative", extractor="test")
    return Fact(**{**values, **changes})


def test_empty_optional_strings_are_null_and_required_ones_are_not_nullable():
    table = to_arrow("facts", fact_rows([fact()]))
    assert table.column("period").to_pylist() == [None]
    assert table.column("numerator").to_pylist() == [None]
    assert not table.schema.field("fact_id").nullable
    assert table.schema.field("period").nullable


@pytest.mark.parametrize("change", [
    lambda row: row.pop("period"),  # a column missing from a row
    lambda row: row.update(not_a_column=1),  # a column the schema does not have
])
def test_writer_fails_on_a_row_that_does_not_fit(change):
    rows = fact_rows([fact()])
    change(rows[0])
    with pytest.raises(ValueError, match="differ from the schema"):
        to_arrow("facts", rows)
