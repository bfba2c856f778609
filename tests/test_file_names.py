"""Any file name a file system allows: the run goes on, the name is kept exactly, and what
people see shows control characters and undecodable bytes as escapes."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.batch.ingest import ingest
from pipeline.cli import main
from pipeline.model.names import printable
from tests.corpus_factory import report_text

HOSTILE = {
    b"caf\xe9-latin1.txt": "caf\\xe9-latin1.txt",  # not UTF-8
    b"two\nlines\nrecount: all ok.txt": "two\\nlines\\nrecount: all ok.txt",  # forges summary lines
    b"\x1b]0;pwned\x07\x1b[2Jtitle.txt": "\\x1b]0;pwned\\x07\\x1b[2Jtitle.txt",  # retitles, clears
    "right-to-left \u202etxt.exe".encode() + b".txt": "right-to-left \\u202etxt.exe.txt",
}


@pytest.mark.parametrize("name, shown", [
    ("plain report.txt", "plain report.txt"),
    ("Café — 2015/16.txt", "Café — 2015/16.txt"),  # printable non-ASCII stays as it is
    ("back\\slash.txt", "back\\\\slash.txt"),  # doubled, so no name can imitate an escape
    ("tab\there.txt", "tab\\there.txt"),
    *((os.fsdecode(raw), shown) for raw, shown in HOSTILE.items()),
])
def test_printable_shows_what_a_terminal_would_act_on(name, shown):
    assert printable(name) == shown


def make_hostile_corpus(folder: Path) -> None:
    folder.mkdir()
    for number, raw in enumerate(HOSTILE):
        with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as handle:
            handle.write(report_text(number))


def test_hostile_names_are_processed_and_kept_exactly(tmp_path):
    make_hostile_corpus(tmp_path / "in")
    summary = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert summary.failed == [] and len(docs) == len(HOSTILE)
    assert sorted(d["file_name"] for d in docs) == sorted(
        shown if raw == b"caf\xe9-latin1.txt" else raw.decode() for raw, shown in HOSTILE.items())
    manifest = [json.loads(line) for line in (tmp_path / "out" / "_state" / "manifest.jsonl").open()]
    kept = {os.fsencode(Path(d["path"]).name) for line in manifest for d in line.get("docs", ())}
    assert kept == set(HOSTILE)  # the exact bytes, undecodable ones included
    again = ingest([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert again.skipped == len(HOSTILE)


def test_the_summary_shows_hostile_names_escaped(tmp_path):
    make_hostile_corpus(tmp_path / "in")
    (tmp_path / "in" / "bad\x1b[31m.pdf").write_bytes(b"%PDF-1.4 not really")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--jobs", "1", "--quiet"])
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "bad\\x1b[31m.pdf" in result.output
    assert not any(line.startswith("recount: all ok") for line in result.output.splitlines())
