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
    assert len(RULES) == 22


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


def test_a_runs_settings_come_from_its_options_else_its_record_else_the_defaults(tmp_path):
    from pipeline.rules.settings import run_rule_settings
    recorded = RuleSettings(disable=("parts-sum-to-whole",), truncation=True).to_json()
    assert run_rule_settings() == RuleSettings()
    assert run_rule_settings(recorded) == RuleSettings.from_json(recorded)
    # options given: they are the configuration, not amendments to the recorded one
    assert run_rule_settings(recorded, disable=["same-quantity-agrees"]) == \
        RuleSettings(disable=("same-quantity-agrees",))
    config = tmp_path / "rules.toml"
    config.write_text('disable = ["parts-sum-to-whole"]\n', encoding="utf-8")
    assert run_rule_settings(recorded, config, assignments=["parts-sum-to-whole.min_parts_for_shortfall=4"]) == \
        RuleSettings(disable=("parts-sum-to-whole",), params={"parts-sum-to-whole": {"min_parts_for_shortfall": 4}})
    with pytest.raises(ValueError, match="unknown rule"):
        run_rule_settings('{"disable": ["no-such-rule"]}')


def test_an_ingest_with_a_bad_rules_record_fails_before_reading_anything(tmp_path):
    from pipeline.batch.ingest import ingest
    from pipeline.model.settings import Settings
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Referrals rose from 120 to 150.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown rule"):
        ingest([tmp_path / "in"], tmp_path / "out", Settings(rules='{"enable": ["no-such-rule"]}'), jobs=1)
    assert not (tmp_path / "out").exists()
