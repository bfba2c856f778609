"""The review report (HTML, CSV, Markdown), the headlines and the source views it shows."""
import csv
import io
from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image

from pipeline.batch.ingest import ingest
from pipeline.model import DocumentResult, Fact, Flag, SkippedNumber
from pipeline.output.writer import rows_for, write_outputs
from pipeline.review.headline import headline
from pipeline.review.outputs import load
from pipeline.review.pages import page_view
from pipeline.review.recheck import recheck, review
from pipeline.review.report import md, write_report
from pipeline.review.locate import Spot, locate
from pipeline.review.source import page_crop, paragraph
from tests.inline_facts import Page1
from tests.test_review import write_processed
from tests.test_rules_spend import ITEMS

HOSTILE_NAME = '"><img src=x onerror=alert(1)>.txt'


@pytest.fixture
def processed(tmp_path):
    out = write_processed(tmp_path / "processed")
    recheck(out)
    return out


def test_html_report_lists_every_flag_with_its_finding_and_source(processed, tmp_path):
    target = tmp_path / "r.html"
    assert write_report(processed, target) == 2
    page = target.read_text()
    assert "Spend £571,024 is £78,529 over the £492,495 allocation" in page
    assert "Parts add up to 295, 9 less than the whole of 304" in page
    assert '<mark class="hit" title="spend_total · 2013-14">571,024</mark>' in page
    assert "brave.txt, page 1" in page and "Coverage: every document" in page
    assert "recount review serve" in page  # how to record decisions


def test_confirmed_flags_stay_in_the_counts(processed, tmp_path):
    flag = next(f for f in recheck(processed) if f.rule_id == "spend-within-allocation")
    review(processed, flag.flag_id, "confirmed", note="overspend")
    target = tmp_path / "r.html"
    assert write_report(processed, target) == 1
    page = target.read_text()
    assert "flags: 1 open, 1 confirmed" in page
    cells = "".join(f'<td class="n">{n}</td>' for n in (1, 0, 1, 0, 2))  # open .. dismissed, all
    assert cells in page


def test_documents_not_read_are_listed_not_implied_clean(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fine.txt").write_text("Burglary fell from 412 to 380 in 2016-17, a fall of 7.8%.\n")
    (folder / "empty.txt").write_text("")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    out = tmp_path / "out"
    ingest([folder], out, jobs=1)
    target = tmp_path / "r.html"
    write_report(out, target)
    page = target.read_text()
    assert "2 of 3 documents were not read" in page
    assert "broken.pdf" in page and "empty.txt" in page and "fine.txt" in page
    assert page.count(": not checked") == 2
    assert "No flags in the 1 documents read" in page
    write_report(out, tmp_path / "r.md", "md")
    markdown = (tmp_path / "r.md").read_text()
    assert "broken.pdf: error (not checked)" in markdown and "fine.txt: ok, " in markdown


def hostile_spend_text() -> str:
    """A spend table (the figures spend_page marks) under a line of markup."""
    lines = [f"Line {i}\t{v}" for i, v in enumerate(ITEMS)]
    return "\n".join(["<script>alert(1)</script>", "PCC Allocation\t£492,495", *lines, "\t571,024"]) + "\n"


def test_document_content_is_shown_as_text_in_the_report(tmp_path):
    out = write_processed(tmp_path / "out", spend_name=HOSTILE_NAME, page_text=hostile_spend_text())
    recheck(out)
    page_path = tmp_path / "r.html"
    write_report(out, page_path)
    page = page_path.read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_csv_cells_are_never_formulas(tmp_path):
    out = write_processed(tmp_path / "out", spend_name='=HYPERLINK("http://x","y").txt',
                          brave_name="@SUM(A1).txt")
    recheck(out)
    write_report(out, tmp_path / "r.csv", "csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text())))
    assert sorted(r["file_name"] for r in rows) == ["'=HYPERLINK(\"http://x\",\"y\").txt", "'@SUM(A1).txt"]
    assert sorted(r["difference"] for r in rows) == ["-9.0", "78529.0"]  # numbers stay numbers


@pytest.mark.parametrize("text, expected", [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("[click](http://x) **bold** `code`", r"\[click\](http://x) \*\*bold\*\* \`code\`"),
    ("a | table | row\nnew line", r"a \| table \| row new line"),  # one line: no new block
])
def test_markdown_neutralises_markup(text, expected):
    assert md(text) == expected


def flag(rule_id, expected, observed, message="m: x"):
    difference = None if expected is None or observed is None else observed - expected
    return Flag("flag_1", rule_id, "error", "doc", message, expected, observed, difference, "", ())


def fact(value, unit):
    return Fact("f", "doc", "count", value, unit, "", 1, 0, 1, "", "table", "t")


@pytest.mark.parametrize("rule_id, expected, observed, units, line", [
    ("spend-within-allocation", 492495, 571024, ["gbp"], "Spend £571,024 is £78,529 over the £492,495 allocation"),
    ("spend-lines-sum-to-total", 350000, 360000, ["gbp"],
     "Stated total £360,000 is £10,000 above its lines' sum of £350,000"),
    ("percent-matches-counts", 55.56, 57.0, ["percent", "count"], "Stated 57% but its own counts give 55.6%"),
    ("percent-matches-counts", 80.85, 81.0, ["percent", "count"], "Stated 81% but its own counts give 80.9%"),
    ("parts-sum-to-whole", 304, 295, ["count"], "Parts add up to 295, 9 less than the whole of 304"),
    ("change-matches-levels", 7.81, 4.7, ["percent", "count"], "Stated change of 4.7% but the levels give 7.8%"),
    ("multiplier-matches-levels", 1.5, 2.0, ["count"], "Words say x2 but the levels give x1.5"),
    ("a-rule-without-a-phrase", 10, 12, ["hours"], "Stated 12 hours; its own figures give 10 hours"),
])
def test_headlines_state_the_finding(rule_id, expected, observed, units, line):
    facts = [fact(observed if i == 0 else 1.0, u) for i, u in enumerate(units)]
    assert headline(flag(rule_id, expected, observed), facts) == line


def test_a_flag_without_numbers_is_headed_by_its_message():
    assert headline(flag("direction-matches-numbers", None, None,
                         "Stated an increase, but the levels fell: 10 -> 8 (-2)"), []) == \
        "Stated an increase, but the levels fell"


def test_paragraph_marks_the_numbers_in_their_own_paragraph():
    text = "Intro 12 words.\n\nBurglary fell from 412 to 380.\nIt was 7.8%.\n\nOther 99."
    facts = [replace(fact(412, "count"), char_start=text.index("412"), char_end=text.index("412") + 3),
             replace(fact(380, "count"), char_start=text.index("380"), char_end=text.index("380") + 3)]
    shown = paragraph(text, facts)
    assert "".join(s.text for s in shown) == "Burglary fell from 412 to 380.\nIt was 7.8%."
    assert [s.text for s in shown if s.kind == "hit"] == ["412", "380"]


def test_page_crop_draws_the_box_on_the_band_of_the_page(tmp_path):
    pdf = FPDF(unit="pt", format=(400, 600))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(100, 300, "Total 571,024")
    path = tmp_path / "one.pdf"
    pdf.output(str(path))
    box = (140.0, 290.0, 190.0, 302.0)
    image = Image.open(io.BytesIO(page_crop(path, 1, [Spot(box)], scale=2.0)))
    assert image.size == (800, int((302 + 40) * 2) - int((290 - 40) * 2))
    inside = image.getpixel((int(165 * 2), int((291 - 250) * 2)))
    assert inside[2] < 200 and inside[0] > 200  # yellow wash over white
    assert page_crop(tmp_path / "missing.pdf", 1, [Spot(box)]) is None
    assert page_crop(path, 2, [Spot(box)]) is None


def test_document_view_tells_facts_skipped_and_unread_numbers_apart(tmp_path):
    text = "Section 4. Burglary fell from 412 to 380 (call 0800 555 123), and 17 other things."
    page = Page1(text)
    page.fact("412", role="from", subject="burglary")
    page.fact("380", role="to", subject="burglary")
    start = text.index("0800")
    skipped = (SkippedNumber("doc_a", 1, start, start + 12, "0800 555 123", "phone", "narrative"),)
    results = [DocumentResult(page.document, tuple(page.made), skipped=skipped)]
    write_outputs(tmp_path / "out", rows_for(results))
    outputs = load(tmp_path / "out")
    view = page_view(outputs, {("doc_a", 1): text}, "doc_a", 1)
    assert [(s.text, s.kind, s.title) for s in view["segments"] if s.kind] == [
        ("4", "unread", "not read, and no reason recorded"),
        ("412", "fact", "count · burglary"), ("380", "fact", "count · burglary"),
        ("0800", "skipped", "skipped: phone"), ("555", "skipped", "skipped: phone"),
        ("123", "skipped", "skipped: phone"), ("17", "unread", "not read, and no reason recorded")]


def test_a_number_without_a_bbox_is_found_by_the_words_before_it(tmp_path):
    pdf = FPDF(unit="pt", format=(400, 600))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(50, 100, "Referrals rose to 304 in the year.")
    pdf.text(50, 400, "After review the caseload became 304 cases.")
    path = tmp_path / "two.pdf"
    pdf.output(str(path))
    document = pdfium.PdfDocument(str(path))
    try:
        (x0, top, x1, bottom), = locate(document[0], [Spot(None, "304", "review the caseload became ")])
        (_, first_top, _, _), = locate(document[0], [Spot(None, "304", "Referrals rose to ")])
        assert locate(document[0], [Spot(None, "999", "nowhere ")]) == []
    finally:
        document.close()
    assert 385 < top < bottom < 405 and x1 - x0 < 25  # the second 304, on its line
    assert 85 < first_top < 100


def test_the_html_report_embeds_the_pdf_page_region(shared, tmp_path):
    out = tmp_path / "out"
    ingest([shared / "corpus" / "pdf" / "swp-pcc-end-of-year-report-2013-14.pdf"], out, jobs=1)
    write_report(out, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert page.count('<img src="data:image/png;base64,') == 1 and "http" not in page.split("<body>")[0]
