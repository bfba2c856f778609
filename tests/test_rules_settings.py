"""Rule settings: validated, loadable from TOML/JSON, adjustable like the CLI does."""
import json

import pytest

from pipeline.rules import check_document
from pipeline.rules.registry import RULES
from pipeline.rules.settings import RuleSettings
from tests.test_rules_parts import BRAVE, parts_page


def test_every_rule_has_a_kebab_id_a_severity_and_a_description():
    for rule_id, rule in RULES.items():
        assert rule_id == rule.id and rule_id.replace("-", "").isalpha() and rule_id.islower()
        assert rule.severity in ("error", "warning", "info") and rule.description.endswith(".")
    assert len(RULES) == 21


def test_unknown_rule_names_fail_listing_the_available_ones():
    with pytest.raises(ValueError, match="unknown rule.*'no-such-rule'.*available: change-matches-levels"):
        RuleSettings(disable=("no-such-rule",))
    with pytest.raises(ValueError, match="has no setting 'tolerance'.*min_parts_for_shortfall"):
        RuleSettings(params={"parts-sum-to-whole": {"tolerance": 1}})
    with pytest.raises(ValueError, match="must be int"):
        RuleSettings(params={"parts-sum-to-whole": {"min_parts_for_shortfall": "three"}})


def test_disabled_and_tuned_rules_from_a_toml_file(tmp_path):
    page = parts_page(BRAVE, ["343", "304"], ["105", "130", "47", "10", "3"])
    assert len(check_document(page.document, page.made)) == 1
    config = tmp_path / "rules.toml"
    config.write_text('[rule.parts-sum-to-whole]\nmin_parts_for_shortfall = 6\n')
    assert check_document(page.document, page.made, RuleSettings.from_file(config)) == []
    config = tmp_path / "rules.json"
    config.write_text(json.dumps({"disable": ["parts-sum-to-whole"], "truncation": False}))
    settings = RuleSettings.from_file(config)
    assert settings.truncation is False and check_document(page.document, page.made, settings) == []


def test_cli_style_overrides():
    settings = RuleSettings().with_overrides(enable=["parts-sum-to-whole"],
                                             assignments=["parts-sum-to-whole.min_parts_for_shortfall=6"])
    assert [r.id for r in settings.active()] == ["parts-sum-to-whole"]
    assert settings.params_for(RULES["parts-sum-to-whole"]).min_parts_for_shortfall == 6
    with pytest.raises(ValueError, match="RULE.SETTING=VALUE"):
        RuleSettings().with_overrides(assignments=["min_parts=3"])
