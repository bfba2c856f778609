"""Score the pipeline on the hand-written reports in tests/fixtures/unseen.

Each fixture `NAME` has `NAME.json` beside it: the facts a careful analyst would take from its
prose and the inconsistencies a reviewer would flag, in the gold format of the shared
evaluation (kind, subject keywords, period, value, unit, direction; flags as numbers). The
reports were written before looking at the extractor, so these figures measure how it does
on wording it was not tuned on.

Run `python tests/unseen_scoring.py [FOLDER [narrative|table]]` to print the scores and every
miss (precision is measured over the facts of that source).
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import DocumentResult, Fact, Flag
from pipeline.process import process_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "unseen"
_FIGURE_RE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


@dataclass
class Score:
    """Counts over one or more reports; ratios are properties so scores can be added."""
    facts: int = 0
    facts_found: int = 0
    emitted: int = 0
    emitted_true: int = 0
    flags: int = 0
    flags_found: int = 0
    raised: int = 0
    raised_true: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def fact_recall(self) -> float:
        return self.facts_found / self.facts if self.facts else 1.0

    @property
    def fact_precision(self) -> float:
        return self.emitted_true / self.emitted if self.emitted else 1.0

    @property
    def flag_recall(self) -> float:
        return self.flags_found / self.flags if self.flags else 1.0

    @property
    def flag_precision(self) -> float:
        return self.raised_true / self.raised if self.raised else 1.0

    def add(self, other: "Score") -> None:
        for name in ("facts", "facts_found", "emitted", "emitted_true", "flags", "flags_found",
                     "raised", "raised_true"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def same_value(a: float, b: float) -> bool:
    """Equal as stated; a third may be written 33.3 or computed 33.33."""
    return abs(a - b) <= 0.051


def fact_matches(gold: dict, fact: Fact) -> bool:
    """The shared scorer's rule: kind, unit, value, period and direction where given, keywords."""
    if (fact.kind, fact.unit) != (gold["kind"], gold["unit"]) or not same_value(fact.value, gold["value"]):
        return False
    if gold.get("period") and fact.period != gold["period"]:
        return False
    if gold.get("direction") and fact.direction != gold["direction"]:
        return False
    haystack = f"{fact.subject} {fact.text}".lower()
    return all(word.lower() in haystack for word in gold.get("subject", []))


def flag_matches(gold: dict, flag: Flag) -> bool:
    found = [float(m.replace(",", "")) for m in _FIGURE_RE.findall(flag.message)]
    found += [abs(v) for v in (flag.expected, flag.observed) if v is not None]
    return all(any(abs(n - g) <= max(0.051, 1e-4 * abs(g)) for n in found) for g in gold["numbers"])


def score_result(result: DocumentResult, gold: dict, source: str = "narrative") -> Score:
    """Fact recall on the gold facts; fact precision as the share of facts from `source`
    (prose or table) whose value is one the gold states (a date, a section number or a phone
    number read as a fact is not)."""
    name = result.document.file_name
    prose = [f for f in result.facts if f.source == source]
    score = Score(facts=len(gold["facts"]), emitted=len(prose))
    for g in gold["facts"]:
        if any(fact_matches(g, f) for f in result.facts):
            score.facts_found += 1
        else:
            score.misses.append(f"{name} fact {json.dumps({k: g[k] for k in g if k not in ('id', 'source')})}")
    values = [g["value"] for g in gold["facts"]]
    for fact in prose:
        if any(same_value(fact.value, v) for v in values):
            score.emitted_true += 1
        else:
            score.misses.append(f"{name} false fact {fact.kind} {fact.value:g} {fact.unit} "
                                f"'{fact.subject}' in '{fact.text[:80]}'")
    required = [g for g in gold["flags"] if not g.get("optional")]
    score.flags = len(required)
    for g in required:
        if any(flag_matches(g, f) for f in result.flags):
            score.flags_found += 1
        else:
            score.misses.append(f"{name} missed flag {g['category']} {g['numbers']}")
    score.raised = len(result.flags)
    for flag in result.flags:
        if any(flag_matches(g, flag) for g in gold["flags"]):
            score.raised_true += 1
        else:
            score.misses.append(f"{name} false flag {flag.rule_id}: {flag.message}")
    return score


def fixture_reports(folder: Path = FIXTURES) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix != ".json")


def score_all(folder: Path = FIXTURES, source: str = "narrative") -> tuple[Score, dict[str, DocumentResult]]:
    total, results = Score(), {}
    for path in fixture_reports(folder):
        gold = json.loads(path.with_name(path.name + ".json").read_text())
        result = process_document(path)
        results[path.name] = result
        total.add(score_result(result, gold, source))
    return total, results


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    total, _ = score_all(folder, sys.argv[2] if len(sys.argv) > 2 else "narrative")
    for miss in total.misses:
        print("  " + miss)
    print(f"fact_recall={total.fact_recall:.3f} ({total.facts_found}/{total.facts}) "
          f"fact_precision={total.fact_precision:.3f} ({total.emitted_true}/{total.emitted}) "
          f"flag_recall={total.flag_recall:.3f} ({total.flags_found}/{total.flags}) "
          f"flag_precision={total.flag_precision:.3f} ({total.raised_true}/{total.raised})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
