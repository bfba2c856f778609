import os

import pytest

from pipeline.loaders import load_document
from pipeline.loaders.markup import normalise_markup


def test_markup_is_cleaned_and_headings_kept():
    raw = ("## **3.0 Summary**\n<b>Progress to date</b>\n"
           "<ul><li>• First point</li><li>Second</li></ul>\n"
           "Membership of agencies<sup>1</sup> and **16 rough sleepers** helped^2.\n")
    text, headings = normalise_markup(raw)
    assert "<" not in text and "**" not in text
    assert "- First point" in text and "- Second" in text
    assert "agencies¹ and 16 rough sleepers helped²." in text
    assert [h.text for h in headings] == ["3.0 Summary", "Progress to date"]
    assert all(text[h.char_start:].startswith(h.text) for h in headings)


def test_html_and_pipe_tables_become_cells_with_spans(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("Budget\n\n<table><tr><td>Item</td><td>£</td></tr><tr><td>Youth</td>"
                    "<td>1,200</td></tr></table>\n\n| Area | Q1 2015/16 | Q2 2015/16 |\n"
                    "|---|---|---|\n| Burglary | 12 | 15 |\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.status == "ok"
    page = doc.pages[0].text
    grids = [[[c.text for c in row] for row in t.rows()] for t in doc.tables]
    assert [["Item", "£"], ["Youth", "1,200"]] in grids
    assert [["Area", "Q1 2015/16", "Q2 2015/16"], ["Burglary", "12", "15"]] in grids
    for table in doc.tables:
        for cell in table.cells:
            assert page[cell.char_start:cell.char_end] == cell.text


def test_windows_1252_is_decoded(tmp_path):
    path = tmp_path / "spend.txt"
    path.write_bytes("PCC Allocation\t\xa3492,495\n\x93quoted\x94\n".encode("latin-1"))
    doc = load_document(path)
    assert doc.status == "ok"
    assert "£492,495" in doc.pages[0].text and "“quoted”" in doc.pages[0].text


def test_form_feeds_make_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("first page\fsecond page\fthird", encoding="utf-8")
    assert [p.text for p in load_document(path).pages] == ["first page", "second page", "third"]


@pytest.mark.parametrize("content, status, reason", [
    (b"", "empty", "empty"),
    (b"   \n\n", "empty", "empty"),
    (bytes(range(256)) * 8, "error", "binary"),
])
def test_bad_text_inputs(tmp_path, content, status, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    doc = load_document(path)
    assert (doc.status, reason in doc.reason) == (status, True)


def test_unsupported_and_missing_files(tmp_path):
    other = tmp_path / "sheet.xlsx"
    other.write_bytes(b"PK\x03\x04")
    assert load_document(other).status == "unsupported"
    missing = load_document(tmp_path / "gone.txt")
    assert missing.status == "unreadable" and "cannot be read" in missing.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("x")
    path.chmod(0)
    assert load_document(path).status == "error"


def test_doc_id_is_content_hash(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Total\t£5\n"), b.write_text("Total\t£5\n")
    assert load_document(a).doc_id == load_document(b).doc_id


def test_sample_reports_load(shared):
    for path in sorted((shared / "corpus" / "text").glob("*.txt")):
        doc = load_document(path)
        assert doc.status == "ok" and doc.pages and doc.title, path.name
