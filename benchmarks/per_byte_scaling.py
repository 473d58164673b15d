#!/usr/bin/env python3
"""Per-byte CPU cost of ``normalize`` by document size, each size over the SAME text.

    PYTHONPATH=src python benchmarks/per_byte_scaling.py ../shared/dev-data [--total BYTES] [--sizes 10000,100000,1000000,10000000] [--rounds 3]

The paragraphs of ``dev_en_clean`` then ``dev_en_genres`` (file order) are
cut into documents of each size until ``--total`` bytes (by default the
largest size, at least 2 MB) are covered, so every size reads the same text (a 10 MB document
repeats the paragraphs from the start once they run out, and says so).
Prints µs per byte (CPU time, ``lang="en"``, the minimum over ``--rounds``
rounds with the sizes interleaved) per size and the ratio to the first size: issue 7's bar is within ±25% from 10 kB to 10 MB. A single
document of one size is not enough: the first 10 kB of a file is not an
average 10 kB. Skips cleanly (exit 0) without the data.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
import time
from pathlib import Path

csv.field_size_limit(10**9)


def paragraphs(data: Path) -> list[str]:
    out: list[str] = []
    for name in ("dev_en_clean.tsv.gz", "dev_en_genres.tsv.gz"):
        with gzip.open(data / name, "rt", encoding="utf-8", newline="") as f:
            out += [r["text"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r.get("text")]
    return out


def documents(paras: list[str], size: int, total: int) -> tuple[list[str], bool]:
    """Documents of about ``size`` characters covering ``max(total, size)``; and whether the paragraphs wrapped."""
    docs, cur, n, done, i = [], [], 0, 0, 0
    goal = max(total, size)
    while done < goal:
        p = paras[i % len(paras)]
        i += 1
        cur.append(p)
        n += len(p) + 2
        if n >= size:
            docs.append("\n\n".join(cur))
            done += n
            cur, n = [], 0
    return docs, i > len(paras)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent.parent / "shared" / "dev-data")
    ap.add_argument("--total", type=int, default=None,
                    help="bytes each size covers (default: the largest size, at least 2 MB, so that every size reads the same text)")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--rounds", type=int, default=3, help="rounds, sizes interleaved in each; the minimum per size is reported")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"no dev data at {args.data}: skipped")
        return 0
    import mtclean

    paras = paragraphs(args.data)
    mtclean.normalize("\n\n".join(paras[:50]), lang="en")  # tables loaded, patterns compiled
    sizes = [int(s) for s in args.sizes.split(",")]
    total = args.total if args.total is not None else max(2_000_000, *sizes)
    built = {size: documents(paras, size, total) for size in sizes}
    best: dict[int, float] = {}
    for _ in range(args.rounds):
        # Interleaved: every size in every round, so that a busy spell of a
        # shared machine does not land on one size only.
        for size in sizes:
            docs, _wrapped = built[size]
            t0 = time.process_time()
            for d in docs:
                mtclean.normalize(d, lang="en")
            per_byte = (time.process_time() - t0) / sum(map(len, docs)) * 1e6
            best[size] = min(best.get(size, per_byte), per_byte)
    first = best[sizes[0]]
    for size in sizes:
        docs, wrapped = built[size]
        note = " (paragraphs repeated)" if wrapped else ""
        print(f"{size:>10,} B x {len(docs):5d}: {best[size]:.2f} us/B CPU (min of {args.rounds}), {best[size] / first:.2f}x the first size{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
