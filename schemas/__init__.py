"""One pyarrow schema per output table, derived from the record each row is written from.

A field's Python type gives its Arrow type (`str` and `Literal[...]` string, `int` int32 unless
its metadata says int64, `float` float64, `bool`, a bbox a list of four float64, a tuple a
list); a field with no default is required (not null), one with a default may be null, and an
empty string default is written as NULL. So a new column is one field on its record.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union

import pyarrow as pa

from pipeline.model import Fact, Flag, SkippedNumber
from pipeline.model.rows import CellRow, DocumentRow, PageRow

SCHEMA_VERSION = "4"  # 4: facts.compared_to and precision; 3: bbox a list of four numbers, no longer a fixed-size list

# A bbox is x0, top, x1, bottom: four numbers, but a variable-size list in Parquet: pyarrow 25
# (the newest for Python 3.10) cannot read a fixed-size list with nulls back ("Expected all
# lists to be of size=4"), and most bboxes are null (text reports have none).
BBOX = pa.list_(pa.float64())
SCALARS: dict[Any, pa.DataType] = {str: pa.string(), int: pa.int32(), float: pa.float64(), bool: pa.bool_()}
WIDE = {"int64": pa.int64()}


def arrow_type(hint: Any, metadata: typing.Mapping[str, Any]) -> tuple[pa.DataType, bool]:
    """(Arrow type, nullable) for one field's type hint."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        return arrow_type(inner[0], metadata)[0], True
    if origin is Literal:
        return pa.string(), False
    if origin is tuple:
        if len(args) == 4 and all(a is float for a in args):
            return BBOX, False
        return pa.list_(SCALARS[args[0]]), False
    if hint is int and metadata.get("arrow") in WIDE:
        return WIDE[metadata["arrow"]], False
    return SCALARS[hint], False


def schema_of(record: type) -> pa.Schema:
    hints = typing.get_type_hints(record)
    columns = []
    for f in dataclasses.fields(record):
        kind, optional = arrow_type(hints[f.name], f.metadata)
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        columns.append(pa.field(f.name, kind, nullable=optional or has_default))
    return pa.schema(columns)


RECORDS: dict[str, type] = {
    "documents": DocumentRow,
    "pages": PageRow,
    "tables": CellRow,
    "facts": Fact,
    "flags": Flag,
    "skipped": SkippedNumber,
}
SCHEMAS: dict[str, pa.Schema] = {name: schema_of(record) for name, record in RECORDS.items()}
