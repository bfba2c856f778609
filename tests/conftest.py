from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
