"""What a rule is: a stable id, a severity, a one-line description, tolerance settings with
defaults, and a small function that yields flags."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from pipeline.model import Flag
from pipeline.model.vocab import Severity

SEVERITIES = ("error", "warning", "info")
SCOPES = ("document", "corpus")


class Params:
    """A rule's tolerance settings, read as attributes (`p.error_points`)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = MappingProxyType(dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no rule setting {name!r}; known: {sorted(self._values)}") from None

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


@dataclass(frozen=True)
class Rule:
    id: str  # stable kebab-case; flags and config name rules by it
    severity: Severity  # the tier of a clear disagreement; small ones are graded down
    description: str  # one line, plain words: shown in `recount rules` and the report
    check: Callable[..., Iterable[Flag]]  # check(ctx, params) -> flags
    params: Mapping[str, Any] = field(default_factory=dict)  # tolerance settings and defaults
    scope: str = "document"  # document: one report's facts; corpus: all reports' facts
    enabled: bool = True  # on unless the config turns it off
    # corpus rules: the key facts are grouped by (facts with None are not kept), so the corpus
    # is streamed and only a few facts per key are held, never every fact of every report
    group: Callable[..., Any] | None = None  # group(fact, documents) -> hashable key or None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: severity {self.severity!r} not in {SEVERITIES}")
        if self.scope not in SCOPES:
            raise ValueError(f"rule {self.id}: scope {self.scope!r} not in {SCOPES}")
