"""The narrative extractor's folders are its stages, in flow order: a stage imports only the
stages before it (text < sentences < drafts < document)."""
import ast
from pathlib import Path

import pytest

STAGES = ["text", "sentences", "drafts", "document"]
ROOT = Path(__file__).resolve().parents[1] / "extractors" / "narrative"


def _imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
            [a.name for a in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["extractors", "narrative"] and len(parts) > 2 and parts[2] in STAGES:
                found.add(parts[2])
    return found


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_earlier_stages(stage):
    allowed = set(STAGES[:STAGES.index(stage) + 1])
    for path in (ROOT / stage).glob("*.py"):
        assert _imported_stages(path) <= allowed, path.name
