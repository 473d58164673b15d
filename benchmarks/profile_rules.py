#!/usr/bin/env python3
"""Where the time goes: the cost of each rule of the default pipeline.

usage: python benchmarks/profile_rules.py [--repeat N] [--json]

Runs the default pipeline the way ``Pipeline.explain`` does (each rule on the
text the rules before it left), timing language detection, every rule's
``edits`` and the edit bookkeeping separately, on the benchmark corpus:
clean news paragraphs, the same with artifacts, and the adversarial shapes.
Prints MB/s per stage and each stage's share of the total. The lexicon is
loaded before timing starts (cold start is measured on its own).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus  # noqa: E402

import mtclean  # noqa: E402
from mtclean.edits import apply_edits, compose_edits  # noqa: E402
from mtclean.rule import Context  # noqa: E402


def profile(texts: list[str], repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` seconds per stage over ``texts`` (each text one call)."""
    pipeline = mtclean.default_pipeline()
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent: dict[str, float] = {"detect_language": 0.0, "edit_bookkeeping": 0.0}
        for r in pipeline.rules:
            spent[r.name] = 0.0
        for text in texts:
            t0 = time.perf_counter()
            lang = pipeline.resolve_language(text)
            spent["detect_language"] += time.perf_counter() - t0
            ctx = Context(lang)
            applied: list = []
            current = text
            # As Pipeline.explain: passes until nothing changes.
            for _ in range(max(1, getattr(pipeline, "passes", 1))):
                before_pass = current
                for rule in pipeline.rules:
                    if not rule.applies_to(lang):
                        continue
                    t0 = time.perf_counter()
                    new = rule.edits(current, ctx)
                    t1 = time.perf_counter()
                    spent[rule.name] += t1 - t0
                    if new:
                        applied = compose_edits(text, applied, current, new)
                        current = apply_edits(current, new)
                        spent["edit_bookkeeping"] += time.perf_counter() - t1
                if current == before_pass:
                    break
        for k, v in spent.items():
            best[k] = min(best.get(k, float("inf")), v)
    return best


def inputs(n: int) -> dict[str, list[str]]:
    paras = corpus.news_paragraphs(n)
    return {
        "clean paragraphs": paras,
        "artifact paragraphs": corpus.with_artifacts(paras),
        "1 MB document": [corpus.news_text(n)],
        **{f"adversarial: {k}": [fn(n)] for k, fn in corpus.ADVERSARIAL.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--bytes", type=int, default=corpus.size(1_000_000, 20_000), help="size of each input")
    args = ap.parse_args()
    mtclean.get_lexicon("en")
    mtclean.normalize("warm up the the regex caches, kyiv said.")
    mtclean.detect_language("xx yy zz")  # loads langdetect's profiles
    # The reference point: ftfy.fix_text on the clean paragraphs, same run.
    import ftfy

    paras = inputs(args.bytes)["clean paragraphs"]
    t0 = time.perf_counter()
    for p in paras:
        ftfy.fix_text(p)
    ftfy_s = time.perf_counter() - t0
    print(f"ftfy.fix_text on clean paragraphs: {sum(len(p.encode()) for p in paras) / ftfy_s / 1e6:.2f} MB/s")
    report = {}
    for name, texts in inputs(args.bytes).items():
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        spent = profile(texts, args.repeat)
        report[name] = {"bytes": nbytes, "seconds": spent}
        if args.json:
            continue
        total = sum(spent.values())
        print(f"\n== {name}: {nbytes / 1e6:.2f} MB in {len(texts)} call(s), {nbytes / total / 1e6:.2f} MB/s overall")
        for k, v in sorted(spent.items(), key=lambda kv: -kv[1]):
            mbs = nbytes / v / 1e6 if v > 0 else float("inf")
            print(f"  {k:32s} {v * 1e3:9.1f} ms  {100 * v / total:5.1f}%  {mbs:9.1f} MB/s")
    if args.json:
        json.dump(report, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
