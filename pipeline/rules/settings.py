"""Which rules run and with what tolerances: a dataclass that checks itself, loadable from a
TOML or JSON file and adjustable from the command line.

    # recount-rules.toml
    disable = ["same-quantity-agrees"]
    truncation = true              # accept truncated as well as rounded printed figures (default: rounded)

    [rule.parts-sum-to-whole]
    min_parts_for_shortfall = 4
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from pipeline.rules.registry import RULES
from pipeline.rules.rule import Params, Rule


def unknown_rules(names: Iterable[str]) -> None:
    """Raise for rule ids that do not exist, listing the ones that do."""
    rules = RULES
    bad = sorted(set(names) - set(rules))
    if bad:
        raise ValueError(f"unknown rule(s) {bad}; available: {', '.join(sorted(rules))}")


@dataclass(frozen=True)
class RuleSettings:
    enable: tuple[str, ...] = ()  # when given, only these rules run
    disable: tuple[str, ...] = ()  # these rules do not run
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule id -> overrides
    truncation: bool = False  # True: a printed 81.0 may also be a truncated 81.09 (XBRL 1.1 rounds)
    exact_counts: bool = True  # counts of things are exact; money and rates are rounded
    exact_whole_money: bool = True  # unscaled whole-pound sums (11,450, not £11k) are exact amounts

    def __post_init__(self) -> None:
        object.__setattr__(self, "enable", tuple(self.enable))
        object.__setattr__(self, "disable", tuple(self.disable))
        unknown_rules([*self.enable, *self.disable, *self.params])
        rules = RULES
        for rule_id, overrides in self.params.items():
            _check_params(rules[rule_id], overrides)
        for name in ("truncation", "exact_counts", "exact_whole_money"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"setting {name} must be true or false, got {getattr(self, name)!r}")

    def active(self, scope: str | None = None) -> list[Rule]:
        """The rules to run, in registry order."""
        return [r for r in RULES.values()
                if (r.id in self.enable if self.enable else r.enabled)
                and r.id not in self.disable and (scope is None or r.scope == scope)]

    def params_for(self, rule: Rule) -> Params:
        return Params({**rule.params, **self.params.get(rule.id, {})})

    @classmethod
    def resolve(cls, value: "RuleSettings | Mapping | None") -> "RuleSettings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"rule settings must be a {cls.__name__} or a mapping, got {type(value).__name__}")
        return cls.from_dict(value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "RuleSettings":
        known = {f.name for f in fields(cls)} | {"rule"}
        bad = set(data) - known
        if bad:
            raise ValueError(f"unknown rule setting(s) {sorted(bad)}; known: {sorted(known)}")
        data = dict(data)
        params = {**data.pop("params", {}), **data.pop("rule", {})}
        return cls(params=params, **data)

    def to_json(self) -> str:
        """Canonical JSON (sorted, defaults included): recorded with the output and hashed
        into the run version, so a changed rule setting redoes the documents it affects."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["params"] = {k: dict(v) for k, v in sorted(self.params.items())}
        data["enable"], data["disable"] = list(self.enable), list(self.disable)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "RuleSettings":
        return cls.from_dict(json.loads(text)) if text else cls()

    @classmethod
    def from_file(cls, path: str | Path) -> "RuleSettings":
        """Read a .toml or .json rules config."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            return cls.from_dict(json.loads(text))
        try:
            import tomllib  # Python 3.11+
        except ModuleNotFoundError:  # Python 3.10: the same parser, as the tomli package
            import tomli as tomllib
        return cls.from_dict(tomllib.loads(text))

    def with_overrides(self, enable: Iterable[str] = (), disable: Iterable[str] = (),
                       assignments: Iterable[str] = ()) -> "RuleSettings":
        """Apply CLI switches: --enable ID, --disable ID, --set ID.param=value."""
        params = {k: dict(v) for k, v in self.params.items()}
        for text in assignments:
            rule_id, name, value = _parse_assignment(text)
            params.setdefault(rule_id, {})[name] = value
        enable = tuple(enable)
        return replace(self, enable=self.enable + enable if self.enable else enable,
                       disable=self.disable + tuple(disable), params=params)


def run_rule_settings(recorded: str = "", config: str | Path | None = None, enable: Iterable[str] = (),
                      disable: Iterable[str] = (), assignments: Iterable[str] = ()) -> RuleSettings:
    """The one place a run's rule settings are resolved, for `ingest`, its workers, its corpus
    rules and `check` alike: the options when any is given (a config file, then --enable,
    --disable and --set over it), else the configuration recorded with the run (canonical
    JSON: `Settings.rules` for ingest, the output's rules.json for check), else the defaults.
    Raises ValueError for an unknown rule or setting."""
    enable, disable, assignments = tuple(enable), tuple(disable), tuple(assignments)
    if config or enable or disable or assignments:
        base = RuleSettings.from_file(config) if config else RuleSettings()
        return base.with_overrides(enable, disable, assignments)
    return _recorded(recorded)


@lru_cache(maxsize=8)
def _recorded(text: str) -> RuleSettings:
    """A recorded configuration, parsed and checked once per process (not once per document)."""
    return RuleSettings.from_json(text)


def _check_params(rule: Rule, overrides: Mapping[str, Any]) -> None:
    for name, value in overrides.items():
        if name not in rule.params:
            raise ValueError(f"rule {rule.id} has no setting {name!r}; known: {sorted(rule.params)}")
        default = rule.params[name]
        ok = isinstance(value, bool) if isinstance(default, bool) else \
            isinstance(value, (int, float)) and not isinstance(value, bool) \
            if isinstance(default, (int, float)) else isinstance(value, type(default))
        if not ok:
            raise ValueError(f"rule {rule.id} setting {name} must be {type(default).__name__}, "
                             f"got {value!r}")


def _parse_assignment(text: str) -> tuple[str, str, Any]:
    """'parts-sum-to-whole.min_parts_for_shortfall=4' -> (rule, name, 4)."""
    key, sep, raw = text.partition("=")
    rule_id, dot, name = key.strip().rpartition(".")
    if not sep or not dot:
        raise ValueError(f"--set wants RULE.SETTING=VALUE, got {text!r}")
    try:
        value = json.loads(raw.strip().lower() if raw.strip().lower() in ("true", "false") else raw)
    except json.JSONDecodeError:
        value = raw.strip()
    return rule_id, name.strip(), value
