"""The closed vocabularies of the output contract, as types: extractors and rules pass these
strings, mypy checks every literal against them, and the README's lists mirror them."""
from __future__ import annotations

from typing import Literal, get_args

Kind = Literal[
    "kpi_value", "kpi_baseline", "kpi_target",  # performance tables
    "allocation", "spend_item", "spend_total",  # money given, its lines, their stated total
    "change",  # a stated difference, with a direction
    "count", "percent", "amount",  # any other stated count, share or rate, sum of money
]
Unit = Literal["count", "percent", "percentage_points", "gbp", "usd", "eur", "hours", "days", "years", "rate"]
Role = Literal[
    "", "value", "share", "from", "to", "level", "comparison", "baseline", "target", "period",
    "part", "whole", "change", "change_pct", "change_abs", "allocation", "item", "subtotal",
    "total", "variance", "lower", "upper",
]
Direction = Literal["", "increase", "decrease"]
# what a stated change is measured against, as its words say (extractors/lexicon/comparisons.py)
ComparedTo = Literal["", "baseline", "same_period_last_year", "previous_period", "previous_year"]
Source = Literal["table", "narrative"]
Severity = Literal["error", "warning", "info"]
FlagStatus = Literal["open", "reopened", "confirmed", "dismissed"]
DocumentStatus = Literal[
    "ok", "error", "unsupported", "empty", "too_large", "encrypted", "no_text_layer", "timeout",
    "unreadable", "skipped",
]

ROLES: tuple[str, ...] = get_args(Role)
KINDS: tuple[str, ...] = get_args(Kind)
UNITS: tuple[str, ...] = get_args(Unit)
SEVERITIES: tuple[str, ...] = get_args(Severity)
FLAG_STATUSES: tuple[str, ...] = get_args(FlagStatus)
DOCUMENT_STATUSES: tuple[str, ...] = get_args(DocumentStatus)
