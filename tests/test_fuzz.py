"""Fuzzing: the parsers never raise on any text, the loaders never raise on any bytes, and a
batch of mutated report files ends with one row and a status per file, JSON on every stderr
line and no traceback. (benchmarks/fuzz.py runs thousands of mutants and reports figures.)"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.tables.cells import parse_cell
from pipeline.loaders import load_document
from pipeline.model.numbers import find_numbers
from pipeline.model.periods import find_periods
from pipeline.model.vocab import DOCUMENT_STATUSES
from tests.fuzz_inputs import HTML_SEED, MARKDOWN_SEED, TEXT_SEED, make_mutants, mutate

REPO = Path(__file__).resolve().parents[1]
NUMBERISH = st.lists(st.sampled_from(list("0123456789.,%£$()-+ /\t\nkmbnKMQH") + ["per cent", " 2015/16", "Q3 "]),
                     max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), NUMBERISH)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_numbers_are_found_inside_the_text_they_come_from(text):
    for number in find_numbers(text):
        assert 0 <= number.start < number.end <= len(text)
        assert number.value == number.value  # never NaN


@FAST
@given(ANY_TEXT)
def test_cells_parse_to_spans_inside_the_cell(text):
    for value in parse_cell(text):
        assert 0 <= value.start <= value.end <= len(text)


@FAST
@given(ANY_TEXT)
def test_periods_are_spans_that_do_not_overlap(text):
    found = find_periods(text)
    for earlier, later in zip(found, found[1:]):
        assert earlier.end <= later.start
    assert all(0 <= p.start < p.end <= len(text) for p in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from([TEXT_SEED, MARKDOWN_SEED, HTML_SEED]), salt=st.integers(0, 2 ** 32),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_the_text_loaders_give_a_status_for_any_mutation(tmp_path, seed, salt, suffix):
    import random
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(mutate(seed.encode(), random.Random(salt)))
    doc = load_document(path)
    assert doc.status in DOCUMENT_STATUSES and (doc.status == "ok" or doc.reason)
    for page in doc.pages:
        assert all(0 <= h.char_start <= len(page.text) for h in page.headings)
    for table in doc.tables:
        text = {p.number: p.text for p in doc.pages}
        for cell in table.cells:
            if cell.char_start is not None:
                assert text[cell.page][cell.char_start:cell.char_end] == cell.text


def test_a_batch_of_mutated_files_ends_with_a_row_each_and_clean_stderr(tmp_path):
    paths = make_mutants(tmp_path / "in", 60, seed=16)
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(tmp_path / "in"), "-o",
                          str(tmp_path / "out"), "--jobs", "2", "--timeout", "30", "--log-format", "json"],
                         cwd=REPO, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    events = [json.loads(line) for line in run.stderr.splitlines()]  # every line is JSON
    assert "Traceback" not in run.stderr and run.returncode in (0, 1)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert sorted(Path(d["path"]).name for d in docs) == sorted(p.name for p in paths)
    assert all(d["status"] in DOCUMENT_STATUSES and (d["status"] == "ok" or d["reason"]) for d in docs)
    assert not [d for d in docs if d["status"] == "timeout"]
    assert [e["event"] for e in events][-1] == "finished"
