"""Mutated report files for fuzzing: small seed reports (text, Markdown, HTML, PDF) made here,
and byte-level mutations of them (or of any seed files) the way a damaged download, a bad
converter or a hostile sender would produce them. Shared by tests/test_fuzz.py and
benchmarks/fuzz.py."""
from __future__ import annotations

import random
from pathlib import Path

TEXT_SEED = """Ashvale Community Safety Partnership Annual Report 2015-16

Burglary rose from 1,204 to 1,377, an increase of 14.4%. Of these, 48 were commercial.

Indicator\tBaseline\tTarget\tActual
Repeat victims\t120\t100\t96
Referrals (%)\t45%\t50%\t52.5%

Spend\tAllocation\tSpend
Staffing\t£112,000\t£110,500
Total\t£180,000\t£185,000
\f
Summary

The grant of £1.2m was spent in full; 83% of 240 cases were closed.
"""

MARKDOWN_SEED = """# North District Performance 2016/17

| Measure | 2015/16 | 2016/17 |
|---|---|---|
| Anti-social behaviour | 2,310 | 2,150 |
| Hate crime | 84 | 97 |

Anti-social behaviour fell by 6.9% to 2,150 incidents.
"""

HTML_SEED = """<html><head><title>Quarter 3 2018/19</title><script src="http://example.invalid/x.js"></script></head>
<body><h1>Performance Summary: Quarter 3 2018/19</h1><img src="https://example.invalid/a.png">
<p>Violent crime was 1,021 offences (1,034 in 2017/18), down 1.3%.</p>
<table><tr><th>Area</th><th>Target</th><th>Actual</th></tr>
<tr><td>Brookfield</td><td>75%</td><td>81.0%</td></tr><tr><td>Eastmoor</td><td>75%</td><td>64.2%</td></tr></table>
</body></html>
"""


def pdf_seed() -> bytes:
    """A two-page PDF with prose, a ruled table and a link annotation (fpdf2)."""
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Westshire Police and Crime Plan 2014-15. Burglary fell by 12.5% (from 264 to 231).",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.link(10, 10, 50, 10, "http://example.invalid/track")
    with pdf.table(col_widths=(70, 40, 40)) as table:
        for row in (("Measure", "2013-14", "2014-15"), ("Burglary", "264", "231"), ("Robbery", "41", "38")):
            table.row(row)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Total spend was £185,000 against a grant of £180,000.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def seeds() -> dict[str, bytes]:
    return {"report.txt": TEXT_SEED.encode(), "report.md": MARKDOWN_SEED.encode(),
            "report.html": HTML_SEED.encode(), "report.pdf": pdf_seed()}


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flips, inserted junk or control bytes, deleted or repeated
    spans, a truncation, or a blown-up run (long lines, many form feeds, tab runs, open tags)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            out += b"x"
        at = rng.randrange(len(out))
        kind = rng.randrange(9)
        if kind == 0:
            for _ in range(rng.randint(1, 16)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif kind == 2:
            del out[at:at + rng.randint(1, 256)]
        elif kind == 3:
            span = out[at:at + rng.randint(1, 128)]
            out[at:at] = span * rng.randint(2, 50)
        elif kind == 4:
            del out[at:]
        elif kind == 5:
            runs = [b"\f", b"\t", b"\n", b"<table>", b"<td>", b"|", b"\x00", b"%", b"\xa3"]
            out[at:at] = rng.choice(runs) * rng.randint(10, 2000)
        elif kind == 6:
            out[at:at] = (str(rng.randint(0, 10 ** 9)).encode() + b", ") * rng.randint(10, 300)
        elif kind == 7:
            out[at:at] = rng.choice([b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc3", b"\r"])
        else:
            out[at:at] = rng.choice([b"obj << /Length 99999999 >> stream\n", b"endstream", b"xref\n0 1\n",
                                     b"/JavaScript (app.alert(1))", b"/URI (http://example.invalid/)", b"trailer"])
    return bytes(out)


def make_mutants(folder: Path, count: int, seed: int = 0, sources: dict[str, bytes] | None = None) -> list[Path]:
    """`count` mutated files in `folder`, round-robin over the seed files, reproducibly."""
    rng, sources = random.Random(seed), sources or seeds()
    names = sorted(sources)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        name = names[number % len(names)]
        stem, _, suffix = name.rpartition(".")
        path = folder / f"{number:05d}-{stem}.{suffix}"
        path.write_bytes(mutate(sources[name], rng))
        paths.append(path)
    return paths
