"""recount's copy of camelot's header search returns what camelot's own does."""
from __future__ import annotations

import importlib.util
import random
from types import SimpleNamespace

import camelot
import pytest
from camelot.parsers import network

from pipeline.loaders import camelot_patches


def _shipped():
    """camelot's network module loaded afresh, whatever has been patched into the loaded one."""
    spec = importlib.util.spec_from_file_location("camelot.parsers._network_as_shipped", network.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _original():
    return _shipped().search_header_from_body_bbox


def _page(rng: random.Random) -> list[SimpleNamespace]:
    """Text lines in rows over a body: header-like rows close above it, strays further up."""
    lines = []
    for row in range(rng.randint(0, 12)):
        y0 = 300 + row * rng.uniform(8, 30)
        for _ in range(rng.randint(1, 6)):
            x0 = rng.uniform(20, 500)
            lines.append(SimpleNamespace(x0=x0, x1=x0 + rng.uniform(10, 160), y0=y0, y1=y0 + rng.uniform(6, 12)))
    for _ in range(rng.randint(0, 20)):  # the body's own lines and some below it
        y0 = rng.uniform(50, 299)
        x0 = rng.uniform(20, 500)
        lines.append(SimpleNamespace(x0=x0, x1=x0 + 40, y0=y0, y1=y0 + 9))
    rng.shuffle(lines)
    return lines


@pytest.mark.skipif(camelot.__version__ != camelot_patches.PATCHED_VERSION, reason="patch is for one camelot")
def test_header_search_matches_camelots_own_on_random_pages():
    original, rng = _original(), random.Random(7)
    grown = 0
    for _ in range(400):
        lines = _page(rng)
        body = (rng.uniform(20, 200), 100.0, rng.uniform(300, 560), 300.0)
        anchors = sorted(rng.uniform(body[0], body[2]) for _ in range(rng.randint(2, 8)))
        gap = rng.uniform(5, 40)
        expected = original(body, lines, anchors, gap)
        assert camelot_patches.search_header(body, lines, anchors, gap) == expected
        grown += expected != body
    assert grown > 50  # the pages exercise the search, not only its first test


def test_the_patch_goes_only_into_the_camelot_it_copies(monkeypatch):
    monkeypatch.setattr(network, "search_header_from_body_bbox", network.search_header_from_body_bbox)
    monkeypatch.setattr(camelot, "__version__", "9.9.9")
    before = network.search_header_from_body_bbox
    assert not camelot_patches.apply() and network.search_header_from_body_bbox is before
    monkeypatch.setattr(camelot, "__version__", camelot_patches.PATCHED_VERSION)
    assert camelot_patches.apply() and network.search_header_from_body_bbox is camelot_patches.search_header


@pytest.mark.skipif(camelot.__version__ != camelot_patches.PATCHED_VERSION, reason="patch is for one camelot")
def test_alignment_counts_match_camelots_own():
    shipped, rng = _shipped().AlignmentCounter, random.Random(11)
    camelot_patches.apply()
    for _ in range(300):
        ours, theirs = network.AlignmentCounter(), shipped()
        for key in ours.alignment_to_occurrences:
            lines = list(range(rng.randint(0, 6)))
            ours[key], theirs[key] = lines, lines
        assert (ours.max_h_count(), ours.max_v_count(), ours.alignment_score()) == \
            (theirs.max_h_count(), theirs.max_v_count(), theirs.alignment_score())


class _Line:
    """A text line as camelot's network reads one: a box and its text; hashed by identity."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str):
        self.x0, self.y0, self.x1, self.y1, self.text = x0, y0, x1, y1, text

    def get_text(self) -> str:
        return self.text


def _grid_page(rng: random.Random) -> list[_Line]:
    """Cells of a table (columns and rows with some gaps and jitter) and stray lines about it."""
    lines = []
    columns = sorted(rng.sample(range(40, 520, 12), rng.randint(1, 7)))
    for row in range(rng.randint(1, 15)):
        y0 = 100 + row * 14
        for x0 in columns:
            if rng.random() < 0.75:
                width = rng.choice([20, 30, 30.2, rng.uniform(10, 60)])
                shift = rng.choice([0, 0, 0.3, rng.uniform(-5, 5)])
                lines.append(_Line(x0 + shift, y0, x0 + shift + width, y0 + 9, rng.choice(["12", "Total", "", " 4.5"])))
    for _ in range(rng.randint(0, 10)):
        x0, y0 = rng.uniform(20, 500), rng.uniform(50, 400)
        lines.append(_Line(x0, y0, x0 + rng.uniform(5, 200), y0 + 9, "stray"))
    rng.shuffle(lines)
    return lines


def _network_state(networks) -> tuple[list, list]:
    alignments = [(align_id, [id(line) for line in alignment.textlines])
                  for align_id, found in networks._text_alignments.items() for alignment in found]
    counts = [(id(line), sorted((k, len(v)) for k, v in counter.alignment_to_occurrences.items()))
              for line, counter in networks._textline_to_alignments.items()]
    return alignments, counts


@pytest.mark.skipif(camelot.__version__ != camelot_patches.PATCHED_VERSION, reason="patch is for one camelot")
def test_unconnected_lines_dropped_as_camelot_drops_them():
    shipped, rng = _shipped(), random.Random(5)
    camelot_patches.apply()
    dropped = kept = 0
    for _ in range(300):
        lines = _grid_page(rng)
        ours, theirs = network.TextNetworks(), shipped.TextNetworks()
        ours.generate(lines)
        theirs.generate(lines)
        before = len(ours._textline_to_alignments)
        ours.remove_unconnected_edges()
        theirs.remove_unconnected_edges()
        assert _network_state(ours) == _network_state(theirs)
        kept += len(ours._textline_to_alignments)
        dropped += before - len(ours._textline_to_alignments)
    assert dropped > 100 and kept > 100  # the pages have lines of both kinds
