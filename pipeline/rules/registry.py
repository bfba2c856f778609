"""Every rule, by its stable id. Add a rule here to have it run."""
from __future__ import annotations

from pipeline.rules import changes, corpus, cross_reference, kpi_commentary, multipliers, parts, prose_changes, prose_levels, restated, shares, spend, spend_variance, table_arithmetic, table_relations, year_on_year
from pipeline.rules.rule import Rule

RULES: dict[str, Rule] = {rule.id: rule for rule in (
    spend.SPEND_SUM,  # 1
    spend.WITHIN_ALLOCATION,  # 2
    shares.PERCENT_COUNTS,  # 3
    changes.CHANGE_LEVELS,  # 4
    kpi_commentary.COMMENTARY,  # 5
    parts.PARTS,  # 6
    changes.DIRECTION,  # 7
    cross_reference.NARRATIVE_TABLE,  # 8
    cross_reference.RESTATED,  # 9
    shares.BOUNDS,  # 10
    multipliers.MULTIPLIER,
    spend_variance.VARIANCE,
    table_arithmetic.TABLE_TOTAL,
    table_arithmetic.YTD,
    table_relations.CHANGE_COLUMNS,
    table_relations.SHARE_COLUMNS,
    table_relations.RATE_COLUMNS,
    restated.RESTATED_IN_REPORT,
    prose_levels.PROSE_LEVELS,
    prose_changes.PROSE_CHANGES,
    corpus.ACROSS_REPORTS,
    year_on_year.YEAR_ON_YEAR,
)}
