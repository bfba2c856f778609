"""Written tables match their declared schemas; the CLI runs end to end; writes are atomic."""
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.batch.ingest import ingest
from pipeline.output.writer import write_outputs
from schemas import SCHEMA_VERSION, SCHEMAS

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    ingest([REPO / "raw"], out)
    return out


def test_every_table_has_its_declared_schema(processed):
    for name, schema in SCHEMAS.items():
        table = pq.read_table(processed / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema, name
        assert table.schema.metadata[b"recount.schema_version"] == SCHEMA_VERSION.encode()


def test_facts_are_grounded_in_page_text(processed):
    pages = {(r["doc_id"], r["page"]): r["text"] for r in pq.read_table(processed / "pages.parquet").to_pylist()}
    facts = pq.read_table(processed / "facts.parquet").to_pylist()
    assert facts
    for fact in facts:
        span = pages[(fact["doc_id"], fact["page"])][fact["char_start"]:fact["char_end"]]
        assert any(ch.isdigit() for ch in span) or span.strip(), fact


def test_fact_ids_are_stable_across_runs(processed, tmp_path):
    ingest([REPO / "raw"], tmp_path)
    first = pq.read_table(processed / "facts.parquet").column("fact_id").to_pylist()
    again = pq.read_table(tmp_path / "facts.parquet").column("fact_id").to_pylist()
    assert sorted(first) == sorted(again) and len(set(first)) == len(first)  # workers finish in any order


def test_failed_write_keeps_previous_output(processed, tmp_path):
    shutil.copytree(processed, tmp_path / "out")
    before = (tmp_path / "out" / "facts.parquet").read_bytes()
    with pytest.raises(ValueError):
        write_outputs(tmp_path / "out", {"facts": [{"fact_id": "x", "not_a_column": 1}]})
    assert (tmp_path / "out" / "facts.parquet").read_bytes() == before
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_cli_ingest_reports_bad_files_and_keeps_the_rest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(REPO / "raw" / "swp-pcc-end-of-year-report-2013-14.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (src / "notes.docx").write_bytes(b"PK")
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(src), "-o",
                             str(tmp_path / "out")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1, result.stderr
    docs = {r["file_name"]: r["status"] for r in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert docs == {"swp-pcc-end-of-year-report-2013-14.txt": "ok", "empty.txt": "empty",
                    "garbage.txt": "error", "notes.docx": "unsupported"}
    assert "empty.txt" in result.stdout and "garbage.txt" in result.stdout
    facts = pq.read_table(tmp_path / "out" / "facts.parquet").to_pylist()
    assert {f["kind"] for f in facts} >= {"allocation", "spend_item", "spend_total"}


def test_cli_folder_without_reports_is_a_clear_problem(tmp_path):
    (tmp_path / "nothing").mkdir()
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(tmp_path / "nothing"),
                             "-o", str(tmp_path / "out")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1 and "no reports found" in result.stdout


def test_help_has_examples():
    from click.testing import CliRunner
    from pipeline.cli import main
    runner = CliRunner()
    assert "Example" in runner.invoke(main, ["--help"]).output
    for name in main.commands:
        assert "Example" in runner.invoke(main, [name, "--help"]).output, name


def test_a_file_that_vanishes_mid_run_is_recorded(tmp_path):
    from pipeline.process import process_document
    path = tmp_path / "gone.txt"
    path.write_text("Total\t£5\n")
    path.unlink()  # listed by discovery, gone by the time its turn comes
    result = process_document(path)
    assert result.document.status == "unreadable" and "No such file" in result.document.reason


def test_two_empty_files_are_two_documents(tmp_path):
    """Empty files share a content hash but are not copies of one report: each keeps its row."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"")
    (src / "b.pdf").write_bytes(b"")
    ingest([src], tmp_path / "out")
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert sorted((d["file_name"], d["status"]) for d in docs) == [("a.txt", "empty"), ("b.pdf", "empty")]
    assert len({d["doc_id"] for d in docs}) == 2
