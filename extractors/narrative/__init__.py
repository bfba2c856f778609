"""Narrative extractor: typed claims from report prose (issue 3).

    segments (page prose + prose table cells, offsets mapped to pages)
      -> sentences (spaCy blank pipeline) and cue words (one lexicon pattern)
      -> numbers (mentions, minus not-facts) -> claim structure and roles, subject and period
         (reading: one sentence at a time)
      -> document passes that propose (footnotes, spend lists, shared subjects, restated table
         cells) and one resolver that applies their precedence (resolve.py)
      -> area -> Facts
"""
from __future__ import annotations

from functools import partial
from typing import cast

from extractors.facts import make_fact
from extractors.lexicon.areas import body_name, recipient_named
from extractors.measures import measure_of
from extractors.narrative.text.areas import area_at, area_markers
from extractors.narrative.document.breakdowns import count_breakdowns
from extractors.narrative.document.footnotes import footnote_links
from extractors.narrative.language import pipeline
from extractors.narrative.ledger import skipped_numbers
from extractors.narrative.document.lists import spend_lists
from extractors.narrative.drafts.reading import Draft, list_periods, read_segment, shared_subjects
from extractors.narrative.document.resolve import run_stages
from extractors.narrative.document.restated import TableFigures, restated_typings
from extractors.narrative.text.segments import ProseSegment, document_segments
from extractors.narrative.drafts.timing import opening_period
from pipeline.model.ids import stable_id
from pipeline.model import Document, Extraction, Fact
from pipeline.model.vocab import Kind, Unit

SNIPPET_LIMIT = 500


def extract(doc: Document, table_facts: tuple[Fact, ...] = ()) -> Extraction:
    """Every number stated in the document's prose, as typed facts sharing claim ids; a number
    restating one of `table_facts` (the table extractor's) takes that cell's kind and period."""
    if doc.status != "ok" or not doc.pages:
        return Extraction()
    segments = document_segments(doc)
    nlp, _ = pipeline()
    context = opening_period([ln for ln in doc.pages[0].text.split("\n") if ln.strip()], doc.period)
    drafts: list[Draft] = []
    parsed = nlp.pipe((s.text for s in segments), batch_size=256)
    contexts = list_periods(segments, context)
    for index, (segment, sdoc) in enumerate(zip(segments, parsed)):
        drafts += read_segment(index, segment, sdoc, context, contexts[index])
    markers = area_markers(doc)
    drafts = run_stages(drafts, [
        [partial(footnote_links, segments), partial(spend_lists, doc, segments),
         partial(count_breakdowns, doc, segments)],  # claims
        [shared_subjects],  # subjects shared within the settled claims
        [partial(restated_typings, segments, markers, TableFigures(table_facts))],
    ])
    facts = tuple(f for f in (to_fact(doc, segments[d.segment], d, markers) for d in drafts) if f is not None)
    return Extraction(facts, skipped_numbers(doc, facts))


def _recipient(doc: Document, segment: ProseSegment, draft: Draft) -> str:
    """An allocation's recipient, where its sentence names a body other than the report's own
    ('awarded Riverside CSP a grant' in the Commissioner's letter): the letter is paired with the
    partnership's own return by it. A report naming itself keeps its sums unplaced, as its
    spend lines are."""
    if draft.slot.kind != "allocation":
        return ""
    named = recipient_named(segment.text[draft.sentence[0]:draft.sentence[1]])
    return "" if measure_of(body_name(named)) == measure_of(body_name(doc.organisation)) else named


def _snippet(segment: ProseSegment, draft: Draft) -> str:
    if segment.whole_cell:
        return segment.text[:3 * SNIPPET_LIMIT]
    s0, s1 = draft.sentence
    if s1 - s0 > SNIPPET_LIMIT:
        mid = draft.slot.m.start
        s0, s1 = max(s0, mid - SNIPPET_LIMIT // 2), min(s1, mid + SNIPPET_LIMIT // 2)
    return segment.text[s0:s1].strip()


def to_fact(doc: Document, segment: ProseSegment, draft: Draft, markers: list) -> Fact | None:
    """The Fact for one draft, its span mapped back to the page; None if it cannot be placed."""
    slot = draft.slot
    located = segment.figure_span(slot.m.start, slot.m.end, slot.m.text)
    if located is None:
        return None
    start, end, piece = located
    page = piece.page or segment.page
    return make_fact(
        doc, kind=cast(Kind, slot.kind), value=slot.m.value, unit=cast(Unit, slot.m.unit),  # typed by the readers
        subject=draft.subject,
        page=page, start=start, end=end, source="narrative", extractor="narrative",
        snippet=_snippet(segment, draft), period=draft.period, direction=slot.direction,
        theme=segment.heading, label=slot.label, qualifier=slot.m.qualifier, numerator=slot.numerator,
        denominator=slot.denominator, claim_id=stable_id("claim", doc.doc_id, draft.claim),
        role=slot.role, compared_period=draft.compared_period,
        area=area_at(markers, page, start) or _recipient(doc, segment, draft), table_id=segment.table_id,
        row=piece.row, col=piece.col,
        note=draft.note)
