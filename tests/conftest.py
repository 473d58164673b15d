"""Shared test setup: a deterministic hypothesis profile and the seed article."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_PATH = ROOT / "examples" / "kursk_article.txt"
FIXES_PATH = ROOT / "tests" / "fixtures" / "kursk_expected_fixes.json"

# "ci": derandomized (the same examples on every run and machine, no
# replay of examples saved by earlier runs), no per-example deadline (the
# first call loads the lexicon), bounded size.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
# "dev": random, for hunting new failures locally (HYPOTHESIS_PROFILE=dev).
settings.register_profile("dev", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def read_article() -> str:
    # newline="" keeps the file's line breaks exactly as stored.
    with open(ARTICLE_PATH, encoding="utf-8", newline="") as f:
        return f.read()


def read_fixes() -> list[dict]:
    with open(FIXES_PATH, encoding="utf-8") as f:
        return json.load(f)["fixes"]


@pytest.fixture(scope="session")
def article() -> str:
    return read_article()


@pytest.fixture(scope="session")
def fixes() -> list[dict]:
    return read_fixes()
