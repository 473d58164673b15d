"""The verdict files are well formed: keyed by hashes, one short reason each, no corpus text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FILES = sorted((Path(__file__).resolve().parent.parent / "benchmarks" / "verdicts").glob("*.tsv"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_verdict_file_format(path):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    assert lines[0] == "key\trule\tverdict\treason"
    keys = set()
    for line in lines[1:]:
        key, rule, verdict, reason = line.split("\t")
        assert re.fullmatch(r"[0-9a-f]{16}", key), key
        assert key not in keys, f"duplicate {key}"
        keys.add(key)
        assert re.fullmatch(r"[a-z_+]+", rule)
        assert verdict in {"right", "wrong", "unclear"}
        assert 0 < len(reason) <= 120


def test_there_are_verdicts():
    assert FILES and sum(len(p.read_text().splitlines()) for p in FILES) > 50
