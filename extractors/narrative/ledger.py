"""The prose side of the number ledger: every numeric token the page text prints outside table
cells that did not become a fact is recorded as a `SkippedNumber` with the reason it is not one
(a date, a section number, a phone number, an age band ...), so an analyst can audit what was
left out and coverage can tell a reasoned skip from a number nobody read.

The reasons come from the same judgements the mention finder makes (`not_facts`), read line
by line over the page text, so what the ledger says is why the extractor dropped the number."""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from extractors.lexicon.prose import CJK_LIST_AFTER, CJK_ORDINAL_BEFORE, CJK_RANK, CJK_REFERENCE_BEFORE
from extractors.narrative.text.not_facts import masked_spans, reason_not_fact
from pipeline.loaders.contents import CONTENTS_TITLE
from pipeline.model import Document, Fact, Page, SkippedNumber
from pipeline.model.numbers import NUMERIC_TOKEN, find_numbers
from pipeline.model.spans import Spans

_LABEL_REASONS = (
    (re.compile(r"^(?:page|pages|pp?\.)", re.I), "page_number"),
    (re.compile(r"^(?:sections?|s\.|paragraphs?|para|chapter|part)", re.I), "section_number"),
    (re.compile(r"^(?:table|figure|fig|chart|appendix|appendices|annexe?|version|v\.|no\.|nos\.)", re.I), "reference"),
    (re.compile(r"^(?:article|clause|schedule|regulation)", re.I), "legislation"),
    (re.compile(r"^(?:item|recommendation|option|step|priority)", re.I), "item_number"),
    (re.compile(r"^(?:key stage|ks)", re.I), "school_year"),
)
# masked_spans / reason_not_fact reasons, in the ledger's vocabulary
_REASONS = {
    "url": "reference", "email": "reference", "identifier": "reference", "code": "reference",
    "phone": "phone", "service number": "phone", "date": "date", "time": "time_of_day",
    "year range": "period_label", "period": "period_label", "year": "year", "age": "age_band",
    "school year": "school_year", "legislation": "legislation", "rank": "rank", "ordinal": "rank",
    "idiom": "idiom", "money unit": "scale_label", "fraction": "fraction",
    "section number": "section_number", "list number": "list_index", "range or ratio": "range",
    "measure": "measure", "duration": "duration", "structure": "structure_count", "pronoun": "idiom",
}
_STAGE = re.compile(r"^(?:tier|phase|stage|level|wave)", re.I)
_FY_LABEL = re.compile(r"(?<![\d/])((?:19|20)\d\d)\s?[/-]\s?((?:19|20)?\d\d)(?![\d/])")
_NUMBERING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+|\d{1,2}(?=\.\s+[A-Z]))\.?\s+[A-Z]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_DECIMAL_COMMA = re.compile(r"[-−+]?\d{1,3},\d{1,2}|[-−+]?0,\d+")
_HEADING = re.compile(r"^\s*\d{1,2}[.)]\s+[A-Z][^.!?;:]{0,60}$")
_TABLE_LINE = re.compile(r"\t|\S {2,}\S")
# More numbers than this on one tab- or space-aligned line: the row of a table too big to
# read (cut by max_cells), told apart in bulk; reading each of 10,000 numbers as prose took
# longer than the whole rest of the document.
_BULK_TABLE_LINE = 500
_OWN_NUMBER = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S")  # matched at the number, not on a copy of the rest


def skipped_numbers(doc: Document, facts: Iterable[Fact]) -> tuple[SkippedNumber, ...]:
    """A ledger entry for each prose number of the document that no fact covers."""
    covered: dict[int, list[tuple[int, int]]] = {}
    for f in facts:
        if f.char_start is not None and f.char_end is not None:
            covered.setdefault(f.page, []).append((f.char_start, f.char_end))
    for table in doc.tables:
        for cell in table.cells:
            if cell.char_start is not None and cell.char_end is not None:
                covered.setdefault(cell.page or table.page, []).append((cell.char_start, cell.char_end))
    found: list[SkippedNumber] = []
    for page in doc.pages:
        found += _page_ledger(doc.doc_id, page, Spans(covered.get(page.number, [])))
    return tuple(found)


def _page_ledger(doc_id: str, page: Page, covered: Spans) -> list[SkippedNumber]:
    entries: list[SkippedNumber] = []
    offset = 0
    contents = _contents_spans(page)
    for line in page.text.split("\n"):
        tokens = [m for m in NUMERIC_TOKEN.finditer(line) if not covered.overlaps(offset + m.start(), offset + m.end())]
        if tokens:
            reasons = _line_ledger_reasons(line, tokens)
            if contents.overlaps(offset, offset + len(line)) and _ends_in_page_number(line, tokens[-1]):
                reasons[-1] = "page_number"  # 'Our priorities    5' under a Contents heading
            entries += [SkippedNumber(doc_id, page.number, offset + m.start(), offset + m.end(), m.group(0),
                                      reason, "narrative") for m, reason in zip(tokens, reasons)]
        offset += len(line) + 1
    return entries


def _ends_in_page_number(line: str, last: re.Match) -> bool:
    """A contents entry: words, then a number of at most three digits closing the line."""
    return len(last.group(0)) <= 3 and last.group(0).isdigit() and not line[last.end():].strip() \
        and bool(_WORD.search(line, 0, last.start()))


def _contents_spans(page: Page) -> Spans:
    """From each 'Contents' heading to the next heading: where lines end in page numbers."""
    heads = sorted(page.headings, key=lambda h: h.char_start)
    ends = [h.char_start for h in heads[1:]] + [len(page.text)]
    return Spans([(h.char_start, end) for h, end in zip(heads, ends) if CONTENTS_TITLE.search(h.text)])


def _line_ledger_reasons(line: str, tokens: list[re.Match]) -> list[str]:
    if len(tokens) > _BULK_TABLE_LINE and _TABLE_LINE.search(line):
        return ["table_line"] * len(tokens)  # a cut-off giant table's row: no sentence to read
    return line_reasons(line, [(m.start(), m.end()) for m in tokens])


def line_reasons(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Why each number at these spans of one line is not a fact. Financial-year labels
    ('2019/20', both halves) are the commonest skip and are told apart without the masks."""
    labels = {i for m in _FY_LABEL.finditer(line) for i in (m.start(1), m.start(2))}
    if all(start in labels for start, _ in spans):
        return ["period_label"] * len(spans)
    numbering = _NUMBERING.match(line)
    if len(spans) == 1 and numbering and numbering.end(1) == spans[0][1]:
        return ["section_number"]  # '3.1 The service ...', '4. Risk': the line's own number
    masks = _first_masks(masked_spans(line), [start for start, _ in spans])
    numbers = {n.start: n for n in find_numbers(line)}
    shape = _LineShape(line)
    return ["period_label" if start in labels else _reason(line, start, end, masks.get(start), numbers, shape)
            for start, end in spans]


def _first_masks(masks: list[tuple[int, int, str]], starts: list[int]) -> dict[int, tuple[int, int, str]]:
    """For each number start, the first mask (in `masked_spans` order) that covers it. Found
    by bisecting the sorted starts, so a line with thousands of numbers and masks stays linear."""
    ordered = sorted(set(starts))
    first: dict[int, tuple[int, int, str]] = {}
    for mask in masks:
        lo, hi = bisect.bisect_left(ordered, mask[0]), bisect.bisect_left(ordered, mask[1])
        for start in ordered[lo:hi]:
            first.setdefault(start, mask)
    return first


class _LineShape:
    """What `_structural_reason` asks of the whole line, worked out once per line (asking it
    per number made a line of 200,000 numbers quadratic)."""

    def __init__(self, line: str):
        self.indent = len(line) - len(line.lstrip())
        self.table_like = bool(_TABLE_LINE.search(line))
        self.prose = len(_WORD.findall(line)) >= 2


def _reason(line: str, start: int, end: int, mask: tuple[int, int, str] | None, numbers: dict,
            shape: _LineShape) -> str:
    if mask is not None:
        s, e, reason = mask
        if reason == "list number" and _HEADING.match(line):
            return "section_number"  # '7. Next steps': a numbered heading, not a list item
        return _label_reason(line[s:e]) if reason == "label" else _REASONS.get(reason, reason)
    number = _number_at(numbers, start, end)
    if number is not None:
        why = reason_not_fact(line, number.start, number.end, number.value, number.unit, number.is_word)
        if why:
            return _REASONS.get(why, why)
    return _structural_reason(line, start, end, shape)


def _number_at(numbers: dict, start: int, end: int):
    for s in (start, start - 1, start - 2):
        n = numbers.get(s)
        if n is not None and n.end >= end - 1:
            return n
    return None


def _label_reason(label: str) -> str:
    if _STAGE.match(label):
        return "stage_number"
    return next((reason for pattern, reason in _LABEL_REASONS if pattern.match(label)), "reference")


def _cjk_reason(before: str, after: str) -> str:
    """'第 7 条', '表 7.6', '前 10 名', '1、': numbering in Chinese or Japanese text."""
    if before.endswith(CJK_ORDINAL_BEFORE):
        return "section_number"
    if before[-1:] and before[-1] in CJK_REFERENCE_BEFORE:
        return "reference"
    if before.endswith(CJK_RANK[0]) and after.startswith(CJK_RANK[1]):
        return "rank"
    if after.startswith(CJK_LIST_AFTER):
        return "list_index"
    return ""


def _structural_reason(line: str, start: int, end: int, shape: _LineShape) -> str:
    """A number no sentence reading explains: where it sits says what it is."""
    if shape.indent >= start and _OWN_NUMBER.match(line, start):
        return "section_number"
    if line[start - 1:start] == "/" or line[end:end + 1] == "/":
        return "range"  # '93/03', '1/10,000', '737-7/8/9': a ratio, a fraction or a reference
    if _DECIMAL_COMMA.fullmatch(line[start:end]):
        return "decimal_comma"  # '0,6 m³', 'pH < 7,38': a continental decimal, not read as a figure
    cjk = _cjk_reason(line[max(0, start - 3):start].rstrip(), line[end:end + 3].lstrip())
    if cjk:
        return cjk
    if shape.table_like:
        return "table_line"
    if not shape.prose:
        return "bare_numbers"  # no sentence around it: chart or table text no table holds
    return "unclassified"  # a prose number no reading explains: coverage counts it as missed
