"""Small made-up reports for batch tests, and a comparable snapshot of an output folder."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from schemas import SCHEMAS

# Columns that differ between two correct runs: wall times and where the file sat.
VOLATILE = {"seconds", "path"}


def report_text(number: int) -> str:
    """A short report with a period (for the year partition), prose and a tab table."""
    year = 2013 + number % 4
    return (f"Community Safety Partnership Annual Report {year}-{(year + 1) % 100:02d}\n\n"
            f"Report number {number}: 4{number} victims were supported, up from 3{number}.\n\n"
            "Indicator\tBaseline\tTarget\n"
            f"Repeat victims\t{number}\t{number + 5}\n"
            f"Referrals\t{2 * number}\t{3 * number}\n")


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"report-{number:03d}.txt"
        path.write_text(report_text(number), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(out: Path) -> dict[str, list[tuple]]:
    """Every single-file table as sorted rows without volatile columns: equal runs compare equal."""
    tables = {}
    for name in SCHEMAS:
        table = pq.read_table(out / f"{name}.parquet")
        keep = [c for c in table.column_names if c not in VOLATILE]
        rows = table.select(keep).to_pylist()
        tables[name] = sorted(tuple(str(row[c]) for c in keep) for row in rows)
    return tables
