"""The streamed dataset: Hive partitions by year, readable by DuckDB, compacted to single files."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.output.dataset import DATASET_DIR
from pipeline.output.export import export
from pipeline.batch.ingest import ingest
from schemas import SCHEMAS
from tests.corpus_factory import make_corpus


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dataset")
    make_corpus(root / "in", 12)
    (root / "in" / "no-year.txt").write_text("A note with no reporting period and 12 numbers.\n")
    ingest([root / "in"], root / "out", jobs=2, flush_docs=5)
    return root / "out"


def test_partitions_are_reporting_years_not_documents(out):
    folders = sorted(p.name for p in (out / DATASET_DIR / "documents").iterdir())
    assert folders == ["year=2013", "year=2014", "year=2015", "year=2016", "year=unknown"]
    parts = list((out / DATASET_DIR / "documents").glob("*/*.parquet"))
    assert len(parts) < 13  # several documents share a part: 3 flushes x at most 5 years


def test_single_files_have_the_declared_schemas_and_every_row(out):
    for name, schema in SCHEMAS.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(schema, check_metadata=False), name
    assert pq.read_table(out / "documents.parquet").num_rows == 13
    assert pq.read_table(out / "tables.parquet").num_rows == 12 * 9  # a 3x3 table per report


def test_duckdb_reads_the_dataset_with_union_by_name(out):
    duckdb = pytest.importorskip("duckdb")
    query = (f"select year, count(*) from read_parquet('{out}/{DATASET_DIR}/tables/*/*.parquet', "
             "hive_partitioning=true, union_by_name=true) group by year order by year")
    assert duckdb.sql(query).fetchall() == [(2013, 27), (2014, 27), (2015, 27), (2016, 27)]
    documents = duckdb.sql(f"select count(distinct doc_id) from read_parquet("
                           f"'{out}/{DATASET_DIR}/documents/*/*.parquet', union_by_name=true)")
    assert documents.fetchall() == [(13,)]


def test_export_rebuilds_the_single_files_from_the_dataset(out):
    before = pq.read_table(out / "pages.parquet").sort_by("doc_id")
    (out / "pages.parquet").unlink()
    export(out)
    assert pq.read_table(out / "pages.parquet").sort_by("doc_id").equals(before)


def test_no_temporary_files_are_left(out):
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
