"""The Spark recipe of docs/scale.md, executed as written (opt-in: needs Java).

Run with ``pip install -e '.[test,spark]' && python -m pytest -o addopts= tests/optional``;
the default test run leaves this directory out (see pyproject.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from test_scale_recipes import EXPECTED, run_recipe  # noqa: E402


def test_spark_recipe():
    try:
        assert run_recipe("spark") == EXPECTED
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()
