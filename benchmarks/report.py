#!/usr/bin/env python3
"""The mtclean performance table: throughput ratios to ftfy, scaling, the bar.

usage: python benchmarks/report.py bench.json [more.json ...]

``bench.json`` comes from ``python -m pytest benchmarks/ --benchmark-json=bench.json``;
the same table is printed at the end of that run. Times are the MINIMUM
over rounds (the least disturbed by other work on a shared machine); all
ratios compare figures measured in the same run.
"""

from __future__ import annotations

import json
import statistics
import sys
from typing import Iterable

BAR = {
    "clean_vs_ftfy": 1.5,
    "artifacts_vs_ftfy": 1.0,
    "linearity": 0.25,
    "adversarial_vs_clean": 3.0,
    "cold_start_s": 0.5,
    "peak_rss_mb": 200.0,
    "two_process_speedup": 1.7,
}


def _seconds(b: dict) -> float:
    return b["stats"]["min"]


def _mbps(b: dict) -> float:
    return b["extra_info"]["bytes"] / _seconds(b) / 1e6


def _ns_per_byte(b: dict) -> float:
    return _seconds(b) / b["extra_info"]["bytes"] * 1e9


def _ok(good: bool) -> str:
    return "PASS" if good else "FAIL"


def figures(results: Iterable[dict]) -> dict:
    """The headline figures (a dict) from pytest-benchmark results."""
    by_kind: dict[str, list[dict]] = {}
    for b in results:
        if b.get("stats") and b.get("extra_info", {}).get("kind"):
            by_kind.setdefault(b["extra_info"]["kind"], []).append(b)
    out: dict = {}

    tp = {(b["extra_info"]["inputs"], b["extra_info"]["contender"]): b for b in by_kind.get("throughput", [])}
    out["throughput_mbps"] = {f"{i} / {c}": round(_mbps(b), 2) for (i, c), b in tp.items()}
    for inputs in sorted({i for i, _ in tp}):
        ftfy = tp.get((inputs, "ftfy"))
        for contender in ("mtclean", "mtclean-en", "wordninja"):
            ours = tp.get((inputs, contender))
            if ftfy and ours:
                out.setdefault("ratio_to_ftfy", {})[f"{inputs} / {contender}"] = round(_mbps(ours) / _mbps(ftfy), 2)

    for b in by_kind.get("ratio", []):
        out.setdefault("interleaved_ratio_to_ftfy", {})[b["extra_info"]["inputs"]] = round(b["extra_info"]["ratio"], 2)

    sc = {b["extra_info"]["inputs"]: b for b in by_kind.get("scaling", [])}
    if sc:
        per_byte = {k: _ns_per_byte(b) for k, b in sc.items()}
        mid = statistics.median(per_byte.values())
        out["scaling_ns_per_byte"] = {k: round(v, 1) for k, v in per_byte.items()}
        out["scaling_max_deviation"] = round(max(abs(v / mid - 1) for v in per_byte.values()), 3)
        clean = per_byte.get("1MB", mid)
        adv = {b["extra_info"]["inputs"]: _ns_per_byte(b) for b in by_kind.get("adversarial", [])}
        if adv:
            out["adversarial_ns_per_byte"] = {k: round(v, 1) for k, v in adv.items()}
            out["adversarial_vs_clean"] = {k: round(v / clean, 2) for k, v in adv.items()}

    for kind in ("rule", "rule-adversarial"):
        rules = by_kind.get(kind, [])
        if rules:
            table: dict[str, dict[str, float]] = {}
            for b in rules:
                table.setdefault(b["extra_info"]["inputs"], {})[b["extra_info"]["rule"]] = round(_ns_per_byte(b), 2)
            out[f"{kind}_ns_per_byte"] = {k: dict(sorted(v.items(), key=lambda kv: -kv[1])) for k, v in table.items()}

    cold = by_kind.get("cold_start")
    if cold:
        info = cold[0]["extra_info"]
        out["cold_start_s"] = {k: round(info[k], 3) for k in ("import_s", "first_call_s", "total_min_s", "total_median_s",
                                                               "cpu_min_s") if k in info}
    rss = by_kind.get("peak_rss")
    if rss:
        out["peak_rss_mb"] = round(rss[0]["extra_info"]["rss_mb"], 1)
        if "rss_after_document_mb" in rss[0]["extra_info"]:
            out["peak_rss_after_1mb_document_mb"] = round(rss[0]["extra_info"]["rss_after_document_mb"], 1)
    batch = {b["extra_info"]["processes"]: b for b in by_kind.get("batch", [])}
    if 1 in batch and 2 in batch:
        out["two_process_speedup"] = round(_seconds(batch[1]) / _seconds(batch[2]), 2)
        out["normalize_many_mbps"] = {f"processes={k}": round(_mbps(b), 2) for k, b in sorted(batch.items())}
    return out


def render(results: Iterable[dict]) -> str:
    """The figures as a plain-text table, with each one checked against the bar."""
    f = figures(list(results))
    lines: list[str] = []
    if f.get("throughput_mbps"):
        lines.append("throughput, MB/s (min over rounds):")
        inputs = sorted({k.split(" / ")[0] for k in f["throughput_mbps"]})
        contenders = ["mtclean", "mtclean-en", "ftfy", "wordninja"]
        lines.append(f"  {'input':22s}" + "".join(f"{c:>12s}" for c in contenders) + f"{'ours/ftfy':>11s}{'en/ftfy':>9s}")
        for i in inputs:
            row = [f["throughput_mbps"].get(f"{i} / {c}") for c in contenders]
            r1 = f.get("ratio_to_ftfy", {}).get(f"{i} / mtclean")
            r2 = f.get("ratio_to_ftfy", {}).get(f"{i} / mtclean-en")
            lines.append(f"  {i:22s}" + "".join(f"{'-' if v is None else v:>12}" for v in row)
                         + f"{'-' if r1 is None else r1:>11}{'-' if r2 is None else r2:>9}")
    checks: list[tuple[str, object, str, bool]] = []
    # The interleaved ratios (both contenders timed in alternation) are the
    # ones checked against the bar when present.
    r = dict(f.get("ratio_to_ftfy", {}))
    for inputs, v in f.get("interleaved_ratio_to_ftfy", {}).items():
        lines.append(f"interleaved with ftfy, {inputs}: ours / ftfy = {v}")
        r[f"{inputs} / mtclean"] = v
    if "clean-paragraphs / mtclean" in r:
        v = r["clean-paragraphs / mtclean"]
        checks.append(("clean paragraphs, ours / ftfy", v, f">= {BAR['clean_vs_ftfy']}", v >= BAR["clean_vs_ftfy"]))
    if "artifact-paragraphs / mtclean" in r:
        v = r["artifact-paragraphs / mtclean"]
        checks.append(("artifact paragraphs, ours / ftfy", v, f">= {BAR['artifacts_vs_ftfy']}", v >= BAR["artifacts_vs_ftfy"]))
    if "scaling_ns_per_byte" in f:
        lines.append("scaling, ns per byte: " + ", ".join(f"{k} {v}" for k, v in f["scaling_ns_per_byte"].items()))
        v = f["scaling_max_deviation"]
        checks.append(("per-byte cost 10 kB..10 MB, max deviation from median", f"{v:.0%}", "<= 25%", v <= BAR["linearity"]))
    for shape, v in f.get("adversarial_vs_clean", {}).items():
        checks.append((f"adversarial {shape}, per byte / clean", v, f"<= {BAR['adversarial_vs_clean']}",
                       v <= BAR["adversarial_vs_clean"]))
    if "cold_start_s" in f:
        c = f["cold_start_s"]
        lines.append(f"cold start: import {c['import_s']} s + first 1 kB call {c['first_call_s']} s (fastest of each); "
                     f"total: min {c['total_min_s']} s, median {c['total_median_s']} s, CPU min {c.get('cpu_min_s', '-')} s")
        checks.append(("cold start (import + first 1 kB call), min", c["total_min_s"], f"<= {BAR['cold_start_s']} s",
                       c["total_min_s"] <= BAR["cold_start_s"]))
    if "peak_rss_mb" in f:
        v = f["peak_rss_mb"]
        checks.append(("peak RSS, English loaded, 1+1 MB of paragraphs, MB", v, f"<= {BAR['peak_rss_mb']:.0f}",
                       v <= BAR["peak_rss_mb"]))
        if "peak_rss_after_1mb_document_mb" in f:
            lines.append(f"peak RSS after one 1 MB document in a single call: {f['peak_rss_after_1mb_document_mb']} MB")
    if "two_process_speedup" in f:
        v = f["two_process_speedup"]
        checks.append(("normalize_many, processes=2 / processes=1", v, f">= {BAR['two_process_speedup']}",
                       v >= BAR["two_process_speedup"]))
    for kind, title in (("rule_ns_per_byte", "per rule, alone, ns per byte"),
                        ("rule-adversarial_ns_per_byte", "per rule on adversarial shapes, ns per byte")):
        for inputs, costs in f.get(kind, {}).items():
            top = list(costs.items())[:5]
            lines.append(f"{title} [{inputs}]: " + ", ".join(f"{k} {v}" for k, v in top))
    if checks:
        lines.append("the bar:")
        for name, value, bar, good in checks:
            lines.append(f"  {_ok(good)}  {name:58s} {str(value):>8s}  (bar {bar})")
    return "\n".join(lines)


def main(paths: list[str]) -> None:
    results: list[dict] = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            results += json.load(fh)["benchmarks"]
    print(render(results))
    print()
    print(json.dumps(figures(results), indent=1))


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 else 2)
    main(sys.argv[1:])
