#!/usr/bin/env python3
"""Search for slow input shapes: every rule case, repeated, as one long line and as many lines.

    PYTHONPATH=src python benchmarks/case_shapes.py [--sizes 12000,96000] [--max-growth 2.5] [--rules a,b]
    PYTHONPATH=src python benchmarks/case_shapes.py --pairs 300 --seed 1   # two cases of one language, joined

The hand-made shapes of ``tests/hostile_shapes.py`` cover the kinds of
input we thought of; each rule's own cases (``data/rules/<rule>.tsv``:
the texts it repairs and the texts it must leave alone) are the inputs
that reach its candidate paths. Each case text is repeated to the two
sizes, joined by a space (one long line) and by a line break (many
lines), and ``normalize`` is timed on both sizes (CPU time, best of
``--rounds``). A per-character cost that grows from the small size to the
large one (``--max-growth``, the ratio of the two) marks work that grows
faster than the input: a candidate that searches its line or the whole
text again. The shapes found so far are in ``tests/hostile_shapes.py``.
Prints every shape over the limit (measured again before it is reported,
since a shared machine is noisy) and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import mtclean  # noqa: E402
from hostile_shapes import cpu_per_char, repeat_to  # noqa: E402
from mtclean.rule_data import rule_cases, rules_with_cases  # noqa: E402


def growth(unit: str, lang: str, small: int, large: int, rounds: int) -> tuple[float, float]:
    """(cost per character at ``large`` over that at ``small``, ns per character at ``large``)."""
    mtclean.normalize(repeat_to(unit, small), lang=lang)  # (warm: lexicon, patterns)
    a = cpu_per_char(repeat_to(unit, small), lang, rounds)
    b = cpu_per_char(repeat_to(unit, large), lang, rounds)
    return b / a, b * 1e9


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="12000,96000", help="small,large (characters)")
    ap.add_argument("--max-growth", type=float, default=2.5)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--rules", default="", help="only these rules' cases (comma-separated)")
    ap.add_argument("--pairs", type=int, default=0,
                    help="instead of each case: this many random pairs of cases of one language, joined")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    small, large = (int(x) for x in args.sizes.split(","))
    wanted = set(filter(None, args.rules.split(",")))
    over = 0
    checked = 0
    cases = [c for rule in rules_with_cases() if not wanted or rule in wanted for c in rule_cases(rule)]
    units: list[tuple[str, str, str, str]] = []  # (label, lang, text, sep)
    if args.pairs:
        rnd = random.Random(args.seed)
        for _ in range(args.pairs):
            a = rnd.choice(cases)
            b = rnd.choice([c for c in cases if c.lang == a.lang])
            units.append((f"{a.rule} + {b.rule}", a.lang, a.text + " " + b.text, rnd.choice(" \n")))
    else:
        units = [(f"{c.rule} {c.kind}", c.lang, c.text, sep) for c in cases for sep in (" ", "\n")]
    for label, lang, text, sep in units:
        unit = text + sep
        ratio, ns = growth(unit, lang, small, large, args.rounds)
        checked += 1
        if ratio > args.max_growth:
            # (again, longer: a burst of load from another job is not growth)
            ratio, ns = min((ratio, ns), growth(unit, lang, small, large, args.rounds + 2))
        if ratio > args.max_growth:
            over += 1
            print(f"x{ratio:4.1f} {ns:8.0f} ns/char  {label} {lang} sep={sep!r}  {text[:90]!r}", flush=True)
    print(f"{checked} shapes, {over} over x{args.max_growth} from {small:,} to {large:,} characters")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
