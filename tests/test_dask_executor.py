"""The same tasks on a Dask cluster give the same tables as local worker processes."""
from __future__ import annotations

import pytest

from pipeline.batch.ingest import ingest
from tests.corpus_factory import make_corpus, snapshot

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def test_dask_run_equals_local_run(tmp_path, cluster):
    make_corpus(tmp_path / "in", 10)
    ingest([tmp_path / "in"], tmp_path / "local", jobs=2)
    summary = ingest([tmp_path / "in"], tmp_path / "dask", executor="dask",
                     scheduler=cluster.scheduler_address)
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert len(summary.results) == 10 and not summary.failed
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")
    layout = sorted(p.relative_to(tmp_path / "dask").parent.as_posix()
                    for p in (tmp_path / "dask" / "dataset").rglob("*.parquet"))
    assert layout == sorted(p.relative_to(tmp_path / "local").parent.as_posix()
                            for p in (tmp_path / "local" / "dataset").rglob("*.parquet"))


def test_dask_rerun_is_incremental_too(tmp_path, cluster):
    make_corpus(tmp_path / "in", 4)
    ingest([tmp_path / "in"], tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address)
    again = ingest([tmp_path / "in"], tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address)
    assert (again.skipped, len(again.results)) == (4, 0)


def test_dask_needs_a_scheduler(tmp_path):
    make_corpus(tmp_path / "in", 1)
    with pytest.raises(ValueError, match="--scheduler"):
        ingest([tmp_path / "in"], tmp_path / "out", executor="dask")
