#!/usr/bin/env python3
"""Recall against damage as a rule's confidence threshold moves: the curve behind issue 8's short recall figures.

For each rule and kind (``split_glued_words`` / glued words,
``lower_midsentence_capitals`` / mid-sentence capitals, ``restore_name_case``
/ lowercased names) and each threshold, the default pipeline runs with that
rule's threshold changed (``Pipeline.configured(thresholds=...)``) and gives:

- exact restore on ``--per-kind`` injected paragraphs of the kind (the
  accuracy harness's injections, same seed), and
- on every clean paragraph of ``dev_en_clean`` and ``dev_en_genres`` (the
  damage harness's genres): the paragraphs the rule changes, how many of
  them hold an edit judged damage in ``benchmarks/verdicts/clean_en.tsv``,
  and how many hold an edit nobody has judged (below the default threshold
  most are unjudged: "changed" is then the upper bound on damage).

    python benchmarks/recall_curve.py --data ../shared/dev-data [--per-kind 300] [--jobs 2]

Needs ``../shared/dev-data`` (read in place, never copied); skips cleanly
(exit 0) without it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import load_paragraphs, sample_injections  # noqa: E402
from benchmarks.damage_by_genre import load_genres, read_verdicts  # noqa: E402
from benchmarks.judge_realmt import edit_key  # noqa: E402

CURVES = (
    ("split_glued_words", "glued_words"),
    ("lower_midsentence_capitals", "midsentence_capitals"),
    ("restore_name_case", "lowercased_names"),
)
THRESHOLDS = (0.25, 0.35, 0.45, 0.5, 0.7, 0.85, 0.95)


def _pipeline(rule: str, threshold: float):
    import mtclean

    return mtclean.default_pipeline().configured(thresholds={rule: threshold})


def _restored(job: tuple[str, float, list[tuple[str, tuple[str, ...]]]]) -> int:
    rule, threshold, samples = job
    pipe = _pipeline(rule, threshold)
    return sum(pipe(text, lang="en") in accept for text, accept in samples)


def _clean(job: tuple[str, float, list[tuple[str, str]], dict]) -> Counter:
    rule, threshold, texts, verdicts = job
    pipe = _pipeline(rule, threshold)
    out: Counter = Counter()
    for genre, text in texts:
        edits = [e for e in pipe.explain(text, lang="en").edits if rule in e.rule.split("+")]
        if not edits:
            continue
        judged = [verdicts.get(edit_key(text, e), ("", ""))[1] for e in edits]
        out["changed"] += 1
        out[f"changed:{genre}"] += 1
        out["damage"] += "damage" in judged
        out["unjudged"] += "" in judged
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--thresholds", default=",".join(map(str, THRESHOLDS)))
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    thresholds = [float(t) for t in args.thresholds.split(",")]
    paras = load_paragraphs(args.data / "dev_en_clean.tsv.gz")
    genres = load_genres(args.data, None)
    texts = [(g, t) for g, ts in sorted(genres.items()) for t in ts]
    sizes = Counter(g for g, _ in texts)
    verdicts = read_verdicts()
    chunks = [texts[i::args.jobs] for i in range(args.jobs)]
    print(f"{len(texts)} clean paragraphs in {len(sizes)} genres; {args.per_kind} injected paragraphs a kind")
    with ProcessPoolExecutor(args.jobs) as pool:
        for rule, kind in CURVES:
            samples = [(inj.text, inj.accept) for _, inj in sample_injections(kind, paras, args.per_kind, args.seed)]
            print(f"\n{rule} ({kind}, {len(samples)} injected)")
            print("| threshold | exact restore | clean paragraphs changed by the rule | judged damage | holding unjudged edits | most changed genre |")
            print("| ---: | ---: | ---: | ---: | ---: | --- |")
            for t in thresholds:
                halves = [samples[i::args.jobs] for i in range(args.jobs)]
                restored = sum(pool.map(_restored, [(rule, t, h) for h in halves]))
                clean: Counter = sum(pool.map(_clean, [(rule, t, c, verdicts) for c in chunks]), Counter())
                genre_share = {g: clean[f"changed:{g}"] / sizes[g] for g in sizes}
                worst = max(genre_share, key=genre_share.__getitem__)
                n = len(texts)
                print(f"| {t:.2f} | {restored / max(1, len(samples)):.1%} | {clean['changed']} ({clean['changed'] / n:.2%}) | "
                      f"{clean['damage']} ({clean['damage'] / n:.2%}) | {clean['unjudged']} | "
                      f"{worst} {genre_share[worst]:.2%} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
