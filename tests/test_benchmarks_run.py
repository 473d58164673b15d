"""The benchmark suite still runs: every benchmark executed once, on tiny inputs, untimed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pytest_benchmark")
pytest.importorskip("wordninja")


def test_benchmarks_execute_once():
    env = dict(os.environ, MTCLEAN_BENCH_SMALL="1")
    env.pop("PYTEST_ADDOPTS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "benchmarks/", "--benchmark-disable", "-q", "-p", "no:cacheprovider",
         "-x", "--no-header"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, tail
    assert " passed" in proc.stdout and "failed" not in proc.stdout.splitlines()[-1], tail


def test_case_shape_search_reports_each_shape(capsys):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import case_shapes
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert case_shapes.main(["--sizes", "200,400", "--rules", "remove_doubled_words", "--max-growth", "1000"]) == 0
    cases = [c for c in __import__("mtclean.rule_data").rule_data.rule_cases("remove_doubled_words")]
    assert f"{2 * len(cases)} shapes, 0 over" in capsys.readouterr().out
    assert case_shapes.main(["--sizes", "200,400", "--rules", "remove_doubled_words", "--max-growth", "0"]) == 1


def test_report_renders_a_table():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import report
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))

    def bench(kind, seconds, nbytes, **info):
        return {"stats": {"min": seconds}, "extra_info": {"kind": kind, "bytes": nbytes, **info}}

    results = [
        bench("throughput", 0.1, 1_000_000, inputs="clean-paragraphs", contender="mtclean"),
        bench("throughput", 0.2, 1_000_000, inputs="clean-paragraphs", contender="ftfy"),
        bench("scaling", 0.001, 10_000, inputs="10kB"),
        bench("scaling", 0.1, 1_000_000, inputs="1MB"),
        bench("adversarial", 0.2, 1_000_000, inputs="dotted"),
        bench("batch", 2.0, 1_000_000, processes=1),
        bench("batch", 1.1, 1_000_000, processes=2),
    ]
    f = report.figures(results)
    assert f["ratio_to_ftfy"]["clean-paragraphs / mtclean"] == 2.0
    assert f["adversarial_vs_clean"]["dotted"] == 2.0
    assert f["two_process_speedup"] == 1.82
    text = report.render(results)
    assert "PASS  clean paragraphs, ours / ftfy" in text


def test_recall_curve_skips_without_the_dev_data(tmp_path):
    proc = subprocess.run(
        [sys.executable, "benchmarks/recall_curve.py", "--data", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0 and "skipping" in proc.stdout, proc.stdout + proc.stderr
