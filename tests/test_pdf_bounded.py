"""The slow table finders are bounded: paths never reach them as strings they could fetch,
one page's failure or crash costs that page, and a page that would run for minutes ends the
document as `timeout` within its limit while the rest of the batch goes on."""
from __future__ import annotations

import gc
import os
from functools import partial
import socket
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.batch.executors import LocalExecutor
from pipeline.batch.tasks import Task
from pipeline.loaders import load_document
from pipeline.loaders import pdf, pdf_finders
from pipeline.loaders.bounded import Overrun, run_bounded
from pipeline.loaders.pdf_whitespace import Reading
from pipeline.model.settings import Settings

SLOW_MARK = "slow-table-finder"  # in the title of a PDF whose finder call is made to hang


def _unruled_pdf(path: Path, title: str, tables: list[list[tuple[str, ...]]]) -> Path:
    """One page per table: a sentence, then rows of label and values at fixed x, no rules
    (so the page goes to camelot)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_font("helvetica", size=11)
    for rows in tables:
        pdf.add_page()
        pdf.text(20, 30, f"{title}: the figures for the year are set out below.")
        for i, row in enumerate(rows):
            pdf.text(20, 50 + 9 * i, row[0])
            for j, value in enumerate(row[1:]):
                pdf.text(110 + 28 * j, 50 + 9 * i, value)
    pdf.output(str(path))
    return path


CRIME = [("Crime type", "2014-15", "2015-16"), ("Burglary", "1,204", "1,150"),
         ("Vehicle crime", "980", "1,021"), ("Criminal damage", "1,507", "1,498")]
SPEND = [("Service", "Budget", "Spend", "Variance"), ("Youth offending", "66,392", "70,004", "3,612"),
         ("Substance misuse", "236,533", "230,100", "-6,433"), ("Domestic abuse", "69,000", "69,000", "0")]
CALLS = [("Month", "Calls", "Answered"), ("April", "4,310", "4,122"), ("May", "4,502", "4,390"),
         ("June", "4,118", "4,001"), ("July", "4,660", "4,498")]


def _rows(table) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row) for row in table.rows()]


@pytest.fixture(autouse=True)
def undecided(monkeypatch):
    """recount's own whitespace reader reads these simple tables itself; here it leaves
    them undecided so the pages go to camelot, whose bounds are under test."""
    monkeypatch.setattr(pdf, "whitespace_tables", lambda page, lines: Reading([], True))


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test loudly."""
    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", ["file:x.pdf", "http:x.pdf", "https:report.pdf", "file:///x.pdf"])
def test_a_path_that_looks_like_a_url_is_read_as_the_file(tmp_path, monkeypatch, no_network, name):
    """camelot fetches strings that parse as URLs; `file:x.pdf` once got x.pdf's tables."""
    monkeypatch.chdir(tmp_path)
    _unruled_pdf(tmp_path / "x.pdf", "Other report", [CALLS])
    target = Path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    _unruled_pdf(tmp_path / "own.pdf", "Crime report", [CRIME]).rename(target)
    doc = load_document(target)
    assert doc.status == "ok" and doc.reason == ""
    assert [_rows(t) for t in doc.tables] == [CRIME]
    assert "Crime report" in doc.pages[0].text and "Other report" not in doc.pages[0].text


def _three_pages(tmp_path: Path, title: str = "Partnership report") -> Path:
    return _unruled_pdf(tmp_path / "three.pdf", title, [CRIME, SPEND, CALLS])


def _failing_on_page(page: int, failure):
    real = pdf_finders.camelot_tables

    def finder(source, number, height, flavor, **options):
        if number == page:
            failure()
        return real(source, number, height, flavor, **options)
    return finder


def _raise() -> None:
    raise KeyError("/Widths")  # the kind of error a malformed font dictionary gives pdfminer


@pytest.mark.parametrize("failure,said", [(_raise, "KeyError: '/Widths'"),
                                          (lambda: os._exit(3), "crashed"),  # the interpreter dies
                                          ], ids=["raises", "crashes"])
def test_one_page_failing_costs_only_its_tables(tmp_path, monkeypatch, failure, said):
    monkeypatch.setattr(pdf_finders, "camelot_tables", _failing_on_page(2, failure))
    doc = load_document(_three_pages(tmp_path))
    assert doc.status == "ok"
    assert "tables not read on page 2" in doc.reason and said in doc.reason
    by_camelot = [(t.page, _rows(t)) for t in doc.tables if t.method.startswith("camelot")]
    assert by_camelot == [(1, CRIME), (3, CALLS)]
    assert "Youth offending\t66,392" in doc.pages[1].text  # the page's text is kept, and its aligned rows


def _hang_on_marked(real):
    def finder(source, number, height, flavor, **options):
        if SLOW_MARK.encode() in Path(source).read_bytes():
            time.sleep(600)
        return real(source, number, height, flavor, **options)
    return finder


def test_a_page_that_hangs_ends_the_document_as_timeout_within_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_finders, "camelot_tables", _hang_on_marked(pdf_finders.camelot_tables))
    path = _three_pages(tmp_path, SLOW_MARK)
    started = time.monotonic()
    doc = load_document(path, Settings(timeout_seconds=3))
    assert time.monotonic() - started < 3
    assert doc.status == "timeout"
    assert "finding tables on page 1" in doc.reason


# Loaded by every Python process started with its folder on PYTHONPATH, so by the batch's
# spawned workers: once the loader's modules are imported (by the worker, from the checkout
# under test), camelot hangs on the marked PDF and the whitespace reader sends every page to it.
HANG_HOOK = f"""
import importlib.abc, sys, time
from pathlib import Path

def _patch():
    from pipeline.loaders import pdf, pdf_finders
    from pipeline.loaders.pdf_whitespace import Reading
    real = pdf_finders.camelot_tables
    def finder(source, number, height, flavor, **options):
        if {SLOW_MARK!r}.encode() in Path(source).read_bytes():
            time.sleep(600)
        return real(source, number, height, flavor, **options)
    pdf_finders.camelot_tables = finder
    pdf.whitespace_tables = lambda page, lines: Reading([], True)

class _After(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pipeline.batch.executors":  # the worker's entry point, after sys.path is set
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            loader = spec.loader
            run = loader.exec_module
            def exec_module(module):
                run(module)
                _patch()
            loader.exec_module = exec_module
            return spec
        return None

import importlib.util
sys.meta_path.insert(0, _After())
"""


def test_a_hanging_page_leaves_the_rest_of_the_batch_alone(tmp_path, monkeypatch):
    """A spawned worker's finder child hangs on one PDF: the loader ends that document as
    `timeout` (its own word, not the batch killing the worker) and the other documents are read."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HANG_HOOK)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p))
    slow = _unruled_pdf(tmp_path / "slow.pdf", SLOW_MARK, [CRIME])
    fine = [_unruled_pdf(tmp_path / f"fine{i}.pdf", "Partnership report", [rows])
            for i, rows in enumerate([SPEND, CALLS])]
    executor = LocalExecutor(jobs=1, settings=Settings(timeout_seconds=8), start_method="spawn")
    outputs = {Path(o.document.path).name: o for o in executor.map([Task(str(p)) for p in [slow, *fine]])}
    assert outputs["slow.pdf"].document.status == "timeout"
    assert "finding tables on page 1" in outputs["slow.pdf"].document.reason  # the loader's word, not a kill
    assert [_arrow_rows(outputs[p.name].tables["tables"]) for p in fine] == [SPEND, CALLS]
    assert all(outputs[p.name].tables["tables"].to_pylist()[0]["method"].startswith("camelot") for p in fine)


def _arrow_rows(cells) -> list[tuple[str, ...]]:
    """The rows of the one table in a document's tables rows."""
    grid: dict[int, dict[int, str]] = {}
    for cell in cells.to_pylist():
        grid.setdefault(cell["row"], {})[cell["col"]] = cell["text"]
    return [tuple(row[c] for c in sorted(row)) for _, row in sorted(grid.items())]


def test_run_bounded_gives_each_item_its_result_or_its_error():
    outcomes = list(run_bounded(lambda n: 10 // n, [5, 0, 2], time.monotonic() + 30))
    assert [(o.item, o.result, o.error) for o in outcomes] == [
        (5, 2, ""), (0, None, "ZeroDivisionError: integer division or modulo by zero"), (2, 5, "")]


def test_run_bounded_stops_at_the_deadline_naming_the_item():
    started = time.monotonic()
    with pytest.raises(Overrun) as stopped:
        list(run_bounded(lambda s: time.sleep(s), [0, 60], time.monotonic() + 1))
    assert stopped.value.item == 60 and time.monotonic() - started < 5


def _pid_or(action: str) -> int:
    """This process's id, after doing what the item says."""
    if action == "die":
        os._exit(3)
    if action == "hang":
        time.sleep(60)
    return os.getpid()


def _pids(items: list[str], after=None) -> list[int | str]:
    return [o.result or o.error for o in run_bounded(_pid_or, items, time.monotonic() + 30, after=after)]


def test_the_child_is_kept_from_call_to_call_and_forked_afresh_after_a_crash_or_a_timeout():
    first = _pids(["ok", "ok"])
    assert len(set(first)) == 1 and first[0] != os.getpid()
    assert _pids(["ok"]) == first[:1]  # the next document's pages go to the same child
    crashed = _pids(["ok", "die", "ok"])
    assert crashed[0] == first[0] and str(crashed[1]).startswith("crashed") and crashed[2] not in first
    with pytest.raises(Overrun):
        list(run_bounded(_pid_or, ["hang"], time.monotonic() + 1))
    after_timeout = _pids(["ok"])
    assert after_timeout[0] not in (first[0], crashed[2])


def test_a_child_killed_while_idle_costs_no_item():
    pid = _pids(["ok"])[0]
    os.kill(pid, 9)
    again = _pids(["ok", "ok"])
    assert again[0] == again[1] and again[0] != pid


def test_after_runs_in_the_child_once_its_items_are_done(tmp_path):
    mark = tmp_path / "after"
    pids = _pids(["ok", "ok"], after=partial(_write_pid, mark))
    assert _pids(["ok"]) == pids[:1]  # the child takes the next items once `after` is done
    assert mark.read_text() == str(pids[0])


def _write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


def test_a_process_forked_from_the_owner_leaves_its_child_alone():
    pid = _pids(["ok"])[0]
    forked = os.fork()
    if forked == 0:  # another process (a batch worker, a benchmark's child): it gets a child of its own
        own = _pids(["ok"])[0]
        os._exit(0 if own != pid else 1)
    assert os.waitpid(forked, 0)[1] == 0
    assert _pids(["ok"]) == [pid]



def _unfrozen(_: object) -> int:
    return len(gc.get_objects())  # the objects a collection may walk (frozen ones are not listed)


def test_forking_the_child_leaves_what_the_owner_froze_frozen():
    """A worker freezes what warm-up built (pipeline.batch.tasks.warm_up); forking the finders'
    child must not unfreeze it, and the child freezes all it inherits (the owner's pages too)
    before any collection of its own."""
    forked = os.fork()
    if forked == 0:  # a process of its own: freezing the test process would outlive this test
        code = 1
        try:
            gc.freeze()
            frozen = gc.get_freeze_count()
            pages = [{"page": n} for n in range(100_000)]  # built after the freeze: not frozen here
            [outcome] = run_bounded(_unfrozen, ["child"], time.monotonic() + 30)
            code = 0 if gc.get_freeze_count() >= frozen and outcome.result < len(pages) / 10 else 2
        finally:
            os._exit(code)
    assert os.waitpid(forked, 0)[1] == 0
