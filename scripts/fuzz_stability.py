#!/usr/bin/env python3
"""Stability properties of mtclean on many hostile inputs, or on the dev corpora.

usage:
    python scripts/fuzz_stability.py --n 100000 [--seed 0] [--langs en,none,de,fr]
    python scripts/fuzz_stability.py --data ../shared/dev-data [--limit N]

Checks, for every input and language (``none``: detected per call), what
``tests/test_hostile.py`` checks with hypothesis: no exception,
``normalize(normalize(x)) == normalize(x)``, ``apply_edits(x,
explain(x).edits) == normalize(x)``, and a non-blank text never comes back
blank. Generated inputs come from ``tests/hostile_text.py`` (seeded, so a
failure is reproduced by its seed). ``--data`` reads the text column of
every ``dev_*.tsv.gz`` file in that folder (it skips cleanly, exit 0, when
the folder is missing). Prints the failure count and the first failures
(with their seed or file and row); exit 1 when anything failed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
csv.field_size_limit(10**8)

from hostile_text import check, hostile_text  # noqa: E402


def _langs(spec: str) -> list[str | None]:
    return [None if x.strip().lower() in ("none", "auto") else x.strip() for x in spec.split(",") if x.strip()]


def generated(n: int, seed: int):
    for i in range(seed, seed + n):
        yield f"seed {i}", hostile_text(random.Random(i))


def corpora(folder: Path, limit: int | None):
    for path in sorted(folder.glob("dev_*.tsv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            for k, row in enumerate(csv.DictReader(f, delimiter="\t")):
                if limit is not None and k >= limit:
                    break
                yield f"{path.name} row {k}", row.get("text") or ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=0, help="generated inputs to check")
    ap.add_argument("--seed", type=int, default=0, help="first seed of the generated inputs")
    ap.add_argument("--data", type=Path, help="folder with the dev corpora (dev_*.tsv.gz)")
    ap.add_argument("--limit", type=int, help="rows per corpus file at most")
    ap.add_argument("--langs", default="en,none,de,fr", help="comma-separated; none = detect per call")
    ap.add_argument("--show", type=int, default=20, help="failures to print")
    args = ap.parse_args(argv)
    langs = _langs(args.langs)
    if args.data is not None and not args.data.is_dir():
        print(f"skipped: no corpus folder at {args.data}")
        return 0
    if not args.n and args.data is None:
        ap.error("give --n N and/or --data DIR")
    sources = []
    if args.n:
        sources.append(generated(args.n, args.seed))
    if args.data is not None:
        sources.append(corpora(args.data, args.limit))
    failures: list[tuple[str, str | None, str, str]] = []
    kinds: Counter[str] = Counter()
    inputs = checks = 0
    t0 = time.perf_counter()
    for source in sources:
        for where, text in source:
            inputs += 1
            for lang in langs:
                checks += 1
                for f in check(text, lang):
                    kinds[f] += 1
                    failures.append((where, lang, f, text))
                    if len(failures) <= args.show:
                        print(f"- {where} lang={lang}: {f}: {text[:200]!r}", flush=True)
            if inputs % 2000 == 0:
                print(f"... {inputs} inputs, {len(failures)} failures, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"{inputs} inputs x {len(langs)} languages = {checks} checks in {time.perf_counter() - t0:.0f} s: "
          f"{len(failures)} failures")
    for kind, count in kinds.most_common():
        print(f"  {count:6d}  {kind}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
