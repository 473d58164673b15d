#!/usr/bin/env python3
"""Per-byte CPU cost of ``normalize`` by document size, each size over the SAME text.

    PYTHONPATH=src python benchmarks/per_byte_scaling.py ../shared/dev-data [--total 2000000] [--sizes 10000,100000,1000000,10000000]

The paragraphs of ``dev_en_clean`` then ``dev_en_genres`` (file order) are
cut into documents of each size until ``--total`` bytes (or the size itself,
if larger) are covered, so every size reads the same text (a 10 MB document
repeats the paragraphs from the start once they run out, and says so).
Prints µs per byte (CPU time, ``lang="en"``) per size and the ratio to the
smallest size: issue 7's bar is within ±25% from 10 kB to 10 MB. A single
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
    ap.add_argument("--total", type=int, default=2_000_000)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"no dev data at {args.data}: skipped")
        return 0
    import mtclean

    paras = paragraphs(args.data)
    mtclean.normalize("\n\n".join(paras[:50]), lang="en")  # tables loaded, patterns compiled
    first = None
    for size in [int(s) for s in args.sizes.split(",")]:
        docs, wrapped = documents(paras, size, args.total)
        nbytes = sum(map(len, docs))
        t0 = time.process_time()
        for d in docs:
            mtclean.normalize(d, lang="en")
        per_byte = (time.process_time() - t0) / nbytes * 1e6
        first = first or per_byte
        note = " (paragraphs repeated)" if wrapped else ""
        print(f"{size:>10,} B x {len(docs):5d}: {per_byte:.2f} us/B CPU, {per_byte / first:.2f}x the first size{note}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
