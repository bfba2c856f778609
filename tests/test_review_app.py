"""The review app driven in a real browser: Playwright with the system Chromium (Debian's
`chromium`; Playwright's own browser download is not used). No chromium is a failure, not a
skip: CI installs it (.ci/run)."""
from __future__ import annotations

import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from pipeline.batch.ingest import ingest
from pipeline.output.reader import read_pages
from pipeline.review.app import create_app
from pipeline.review.outputs import load
from pipeline.review.recheck import recheck
from tests.test_review import write_processed
from tests.test_review_report import HOSTILE_NAME, hostile_spend_text

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str:
    path = os.environ.get("RECOUNT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("no chromium for the browser tests: `apt-get install chromium` (.ci/run does)")
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context()
    opened = context.new_page()
    opened.on("dialog", lambda d: pytest.fail(f"the page ran a script: {d.message}"))
    yield opened
    context.close()


@contextmanager
def serving(out: Path):
    server = make_server("127.0.0.1", 0, create_app(out), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def status_of(page: Page, flag_id: str) -> str:
    return page.locator(f'li[data-flag="{flag_id}"] .status').inner_text()


def bump(text: str, printed: str) -> str:
    """The text with one printed figure's leading digits raised by one ('57.0%' -> '58.0%')."""
    digits = re.search(r"\d+", printed)
    changed = printed[:digits.start()] + str(int(digits.group()) + 1) + printed[digits.end():]
    return text.replace(printed, changed)


def edit_one_figure(outputs, flag_id: str) -> None:
    """Correct one figure of the flag in its report: one printed only once in the file."""
    flag = outputs.flag(flag_id)
    source = Path(outputs.documents[flag.doc_id]["path"])
    raw, pages = source.read_text(encoding="utf-8"), read_pages(outputs.out_dir)
    printed = [pages[(f.doc_id, f.page)][f.char_start:f.char_end] for f in outputs.facts_of(flag)]
    unique = next(p for p in printed if raw.count(p) == 1)
    source.write_text(bump(raw, unique), encoding="utf-8")


def test_keyboard_decisions_survive_a_corrected_report(tmp_path, page):
    reports, out = tmp_path / "reports", tmp_path / "out"
    shutil.copytree(REPO / "raw", reports)
    ingest([reports], out, jobs=1)
    outputs = load(out)
    doc_id = min((d["file_name"], i) for i, d in outputs.documents.items()
                 if sum(f.doc_id == i for f in outputs.flags) >= 2)[1]
    with serving(out) as url:
        page.goto(f"{url}/?doc={doc_id}")
        first = page.get_attribute("#current", "data-flag")
        with page.expect_navigation():
            page.keyboard.press("c")
        second = page.get_attribute("#current", "data-flag")
        assert second != first and status_of(page, first) == "confirmed"
        page.keyboard.press("d")
        page.keyboard.press("2")
        page.keyboard.type("counts of cases, not of people")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.reload()
        assert (status_of(page, first), status_of(page, second)) == ("confirmed", "dismissed")
        dismissed_headline = page.locator(f'li[data-flag="{second}"] .h').inner_text()

        edit_one_figure(outputs, first)
        ingest([reports], out, jobs=1)
        page.goto(f"{url}/?status=reopened")
        assert page.locator(".queue li").count() == 1
        assert "confirmed on" in page.locator(".decision").inner_text()
        page.goto(f"{url}/?status=dismissed")
        assert page.locator(".queue li .h").all_inner_texts() == [dismissed_headline]
        assert "counts of cases, not of people" in page.locator(".decision").inner_text()
        page.goto(f"{url}/?status=confirmed")
        assert page.locator(".queue li").count() == 0


def test_undo_and_next_previous_by_keyboard(tmp_path, page):
    out = write_processed(tmp_path / "out")
    recheck(out)
    with serving(out) as url:
        page.goto(url)
        first = page.get_attribute("#current", "data-flag")
        with page.expect_navigation():
            page.keyboard.press("j")
        assert page.get_attribute("#current", "data-flag") != first
        with page.expect_navigation():
            page.keyboard.press("k")
        assert page.get_attribute("#current", "data-flag") == first
        with page.expect_navigation():
            page.keyboard.press("c")
        page.goto(f"{url}/?flag={first}")
        with page.expect_navigation():
            page.keyboard.press("u")
        assert status_of(page, first) == "open"
        assert page.get_attribute("#current", "data-flag") == first


def test_document_content_is_shown_as_text_in_the_app(tmp_path, page):
    out = write_processed(tmp_path / "out", spend_name=HOSTILE_NAME, page_text=hostile_spend_text())
    recheck(out)
    doc_id = next(i for i, d in load(out).documents.items() if d["file_name"] == HOSTILE_NAME)
    with serving(out) as url:
        page.goto(f"{url}/?doc={doc_id}")
        assert HOSTILE_NAME in page.locator(".queue").inner_text()
        assert "<script>alert(1)</script>" in page.locator(".source pre").first.inner_text()
        page.goto(f"{url}/documents/{doc_id}")
        assert HOSTILE_NAME in page.locator("h1").inner_text()
        assert "<script>alert(1)</script>" in page.locator(".page-text").inner_text()
        assert page.locator("img[src=x]").count() == 0 and page.locator("main script").count() == 0


def test_document_view_marks_facts_and_unread_numbers(tmp_path, page):
    out = write_processed(tmp_path / "out")
    recheck(out)
    outputs = load(out)
    doc_id = next(i for i, d in outputs.documents.items() if d["file_name"] == "brave.txt")
    with serving(out) as url:
        page.goto(f"{url}/documents/{doc_id}")
        facts = page.locator(".page-text mark.fact")
        assert facts.all_inner_texts() == ["343", "304", "105", "130", "47", "10", "3"]
        assert facts.first.get_attribute("title").startswith("count")
        assert page.locator(".page-text mark.skipped").count() == 0


def test_pdf_flags_show_the_page_region(shared, tmp_path, page):
    out = tmp_path / "out"
    ingest([shared / "corpus" / "pdf" / "swp-pcc-end-of-year-report-2013-14.pdf"], out, jobs=1)
    with serving(out) as url:
        page.goto(url)
        image = page.locator(".source img").first
        image.wait_for()
        assert page.evaluate("(img) => img.complete && img.naturalWidth", image.element_handle()) > 500


def test_only_the_apps_own_pages_on_this_machine_can_decide(tmp_path):
    out = write_processed(tmp_path / "out")
    flag = recheck(out)[0]
    client = create_app(out).test_client()
    form = {"flag_id": flag.flag_id, "status": "confirmed"}
    assert client.post("/decide", data=form, headers={"Origin": "http://elsewhere.example"}).status_code == 403
    assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400
    assert client.post("/decide", data={**form, "status": "dismissed"}).status_code == 400  # no reason
    assert client.post("/decide", data=form, headers={"Origin": "http://localhost"}).status_code == 303
    assert load(out).flag(flag.flag_id).status == "confirmed"
    assert "Content-Security-Policy" in client.get("/").headers


def test_serving_a_folder_without_outputs_is_a_clear_error(tmp_path):
    from click.testing import CliRunner
    from pipeline.cli import main
    result = CliRunner().invoke(main, ["review", "serve", str(tmp_path)])
    assert result.exit_code == 1 and "run `recount ingest" in result.output
    result = CliRunner().invoke(main, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "run `recount ingest" in result.output
