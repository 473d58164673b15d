"""CLI checks too slow for CI (not collected: pyproject's addopts ignore tests/optional).

Run: ``PYTHONPATH=src python -m pytest -q tests/optional/test_cli_options.py``.
The fast CLI options and fault cases are in tests/test_cli.py; the scaling
figures come from benchmarks/cli_scale.py (docs/cli.md).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ENV = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))


def test_memory_stays_flat_on_20_mb(tmp_path):
    f = tmp_path / "big.txt"
    para = "The committee met on Tuesday and approved the budget for next year.\n\n"
    f.write_text(para * (20_000_000 // len(para)))
    # Clean text through the fast path: --disable all but one cheap rule keeps it quick.
    r = subprocess.run([sys.executable, "-m", "mtclean", "--lang", "en", "--disable",
                        "glue,casing,doubling,residue,markup,spacing", str(f)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, timeout=600)
    assert r.returncode == 0, r.stderr
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 200, peak_mb
