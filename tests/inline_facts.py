"""Build Fact records inline, pointing into a page of text, as the extractors would."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.comparisons import compare
from extractors.precision import with_precision
from pipeline.model import Document, Extraction, Fact, Page
from pipeline.model.numbers import find_numbers


@dataclass
class Page1:
    """One page of text; `fact("57.0%", ...)` makes a fact spanning that number."""
    text: str
    doc_id: str = "doc_a"
    made: list[Fact] = field(default_factory=list)

    def fact(self, printed: str, nth: int = 0, after: str = "", **fields) -> Fact:
        """A fact for the nth whole-number occurrence of `printed` (after the text `after`), with
        the fields the extractors' own steps add (printed precision, a change's scope)."""
        pattern = re.compile(r"(?<![\d.,])" + re.escape(printed) + r"(?!\d)")
        origin = self.text.index(after) + len(after) if after else 0
        start = [m.start() for m in pattern.finditer(self.text, origin)][nth]
        number = next(n for n in find_numbers(self.text[start:start + len(printed)], words=True))
        defaults = dict(kind="count", value=number.value, unit=number.unit, subject="",
                        source="narrative", extractor="test")
        defaults.update(fields)
        made = Fact(fact_id=f"fact_{len(self.made)}_{self.doc_id}", doc_id=self.doc_id, page=1,
                    char_start=start, char_end=start + len(printed), **{"text": printed, **defaults})
        made = compare(self.document, with_precision(self.document, Extraction((made,)))).facts[0]
        self.made.append(made)
        return made

    @property
    def document(self) -> Document:
        return Document(doc_id=self.doc_id, file_name=f"{self.doc_id}.txt", path="", sha256="",
                        format="txt", status="ok", pages=(Page(1, self.text),))


def projection(flags) -> list[tuple]:
    return sorted((f.rule_id, f.observed, f.expected) for f in flags)
