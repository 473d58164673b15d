#!/usr/bin/env python3
"""Calibrate the evidence weights of the glue, doubling and spacing rules.

    python scripts/calibrate_glue.py [DATA_DIR] [--limit N] [--per-kind N] [--fit] [--write]

Candidates (applied and suggested) with their evidence are collected on
clean paragraphs (negatives: dev_en_clean and dev_en_genres, loaded as
benchmarks/damage_by_genre.py does) and on injected artifacts (positives:
the candidates of the rule that touch the injected span, from
benchmarks/injections.py; the others are negatives too). Prints, per rule,
a markdown precision/recall table over thresholds of the current weights.
``--fit`` fits an L2 logistic model on the signals (pure Python) and prints
its table; ``--write`` also stores it in src/mtclean/data/en/glue_weights.json.

Skips cleanly (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

RULES = (
    "split_glued_words dedupe_glued_names remove_doubled_words remove_repetition_loops "
    "fix_space_after_punctuation fix_space_before_punctuation fix_stray_period"
).split()
KIND_RULES = {
    "glued_words": "split_glued_words",
    "glued_after_punct": "fix_space_after_punctuation",
    "doubled_names": "dedupe_glued_names",
    "doubled_words": "remove_doubled_words",
    "repetition_loops": "remove_repetition_loops",
    "space_before_punct": "fix_space_before_punctuation",
}
WEIGHTS = ROOT / "src" / "mtclean" / "data" / "en" / "glue_weights.json"


def candidates(text: str):
    """Every candidate of our rules on ``text`` (applied and suggested)."""
    import mtclean

    r = mtclean.explain(text, lang="en", suggestions=True)
    return [e for e in list(r.edits) + list(r.suggestions) if e.rule in RULES]


def collect(data: Path, limit: int, per_kind: int, seed: int = 13):
    """(rule, evidence, label) rows."""
    from benchmarks.damage_by_genre import load_genres
    from benchmarks.injections import inject

    rows: list[tuple[str, tuple[str, ...], int]] = []
    genres = load_genres(data, limit)
    clean: list[str] = []
    for paras in genres.values():
        clean += paras
    for text in clean:
        rows += [(e.rule, e.evidence, 0) for e in candidates(text)]
    rng = random.Random(seed)
    pool = [t for k, v in genres.items() if k.startswith("clean:") for t in v]
    for kind, rule in KIND_RULES.items():
        done = 0
        for text in rng.sample(pool, min(len(pool), per_kind * 3)):
            inj = inject(kind, text, rng)
            if inj is None:
                continue
            s0, s1 = inj.span
            for e in candidates(inj.text):
                hit = e.rule == rule and e.start <= s1 and e.end >= s0
                rows.append((e.rule, e.evidence, int(hit)))
            done += 1
            if done >= per_kind:
                break
    return rows


def confidence(model: dict, evidence) -> float:
    z = model.get("bias", 0.0) + sum(model.get("weights", {}).get(e, 0.0) for e in evidence)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def fit(rows, l2: float = 0.1, steps: int = 400, lr: float = 0.5) -> dict:
    """L2-regularised logistic regression on the signals (batch gradient descent)."""
    feats = sorted({e for _, ev, _ in rows for e in ev})
    w = {e: 0.0 for e in feats}
    b = 0.0
    n = max(1, len(rows))
    for _ in range(steps):
        gb, gw = 0.0, defaultdict(float)
        for _, ev, y in rows:
            p = confidence({"bias": b, "weights": w}, ev)
            gb += p - y
            for e in ev:
                gw[e] += p - y
        b -= lr * gb / n
        for e in feats:
            w[e] -= lr * (gw[e] / n + l2 * w[e] / n)
    return {"bias": round(b, 3), "weights": {e: round(v, 3) for e, v in w.items()}}


def table(rule: str, rows, model: dict) -> str:
    pos = sum(y for _, _, y in rows)
    lines = [f"### {rule} ({len(rows)} candidates, {pos} right)", "", "| threshold | applied | precision | recall |", "|---|---|---|---|"]
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        sel = [y for _, ev, y in rows if confidence(model, ev) >= t]
        prec = sum(sel) / len(sel) if sel else float("nan")
        rec = sum(sel) / pos if pos else float("nan")
        lines.append(f"| {t:.1f} | {len(sel)} | {prec:.3f} | {rec:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--limit", type=int, default=300, help="clean paragraphs per genre")
    ap.add_argument("--per-kind", type=int, default=200, help="injected paragraphs per kind")
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    rows = collect(args.data, args.limit, args.per_kind)
    doc = json.loads(WEIGHTS.read_text("utf-8"))
    by_rule = defaultdict(list)
    for row in rows:
        by_rule[row[0]].append(row)
    for rule in RULES:
        rr = by_rule.get(rule, [])
        if not rr:
            continue
        print(table(rule, rr, doc["rules"].get(rule, {})))
        if args.fit:
            model = fit(rr)
            print("fitted:", json.dumps(model))
            print(table(rule + " (fitted)", rr, model))
            if args.write:
                doc["rules"][rule] = model
    if args.write:
        WEIGHTS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
