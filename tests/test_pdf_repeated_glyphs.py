"""A glyph drawn twice within a point of itself (fake bold) is read once, and two real letters
side by side are both read: 'will' and 'Solihull' in a small font kept their double l."""
from __future__ import annotations

import pytest
from fpdf import FPDF

from pipeline.loaders import load_document


def _pdf(path, draw) -> None:
    pdf = FPDF(unit="pt", format=(400, 200))
    pdf.add_page()
    pdf.set_font("Helvetica", size=7)
    draw(pdf)
    pdf.output(str(path))


@pytest.mark.parametrize("size", [6, 7, 9])
def test_double_letters_in_small_type_are_both_read(tmp_path, size):
    path = tmp_path / "small.pdf"
    _pdf(path, lambda pdf: (pdf.set_font("Helvetica", size=size),
                            pdf.text(20, 40, "Solihull will fill all 3 roll calls.")))
    text = load_document(path).pages[0].text
    assert "Solihull will fill all 3 roll calls." in text


def test_a_line_drawn_twice_a_fraction_of_a_point_apart_is_read_once(tmp_path):
    path = tmp_path / "bold.pdf"
    _pdf(path, lambda pdf: [pdf.text(20 + dx, 40, "Referrals 1,204") for dx in (0, 0.3, 0.6)])
    text = load_document(path).pages[0].text
    assert text.count("Referrals") == 1 and "Referrals 1,204" in text


@pytest.mark.parametrize("x, y", [(19.55, 41.55), (20.05, 40.45), (20.55, 41.05), (21.95, 40.15)])
@pytest.mark.parametrize("dx, dy", [(0.9, 0), (0, 0.9), (0.9, 0.9), (-0.9, 0.9), (0.95, -0.95)])
def test_a_repeat_under_a_point_away_is_read_once_wherever_it_falls(tmp_path, x, y, dx, dy):
    """Whichever side of a whole or even point the two copies fall on (the look-up buckets).
    The copy is of the label only: PDFium itself drops a whole text object drawn again."""
    path = tmp_path / "shadow.pdf"
    _pdf(path, lambda pdf: (pdf.text(x, y, "Referrals 1,204"), pdf.text(x + dx, y + dy, "Referrals")))
    text = load_document(path).pages[0].text
    assert text.count("Referrals") == 1 and "Referrals 1,204" in text


def _brute_force(chars):
    """Each glyph against every glyph kept before it."""
    kept = []
    for c in chars:
        if not any(k.text == c.text and abs(k.x0 - c.x0) <= 1 and abs(k.baseline - c.baseline) <= 1 for k in kept):
            kept.append(c)
    return kept


@pytest.mark.parametrize("seed", range(5))
def test_the_bucketed_look_up_keeps_what_comparing_every_pair_keeps(seed):
    """Glyphs piled near the buckets' edges (multiples of 8 pt, and of 2 and 1) and in
    between, repeats at up to 1.5 pt: the look-up drops exactly the glyphs within a point of
    one kept before them."""
    import random
    from pipeline.loaders.pdf_chars import Char, _repeated
    rng = random.Random(seed)
    chars = []
    for _ in range(600):
        base = rng.choice([8.0 * rng.randint(0, 6), 2.0 * rng.randint(0, 24), rng.uniform(0, 50)])
        x, y = base + rng.uniform(-1.5, 1.5), rng.choice([8.0, 16.0, rng.uniform(0, 30)]) + rng.uniform(-1.5, 1.5)
        chars.append(Char(rng.choice("ab"), x, y - 7, x + 4, y + 1, 7.0, y, False))
    seen: dict = {}
    assert [c for c in chars if not _repeated(c, seen)] == _brute_force(chars)
