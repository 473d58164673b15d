"""Peak RSS and per-byte time of ONE normalize call on a real English document.

The document is made of dev-data paragraphs (``bench_realtext.document``:
``dev_en_clean`` grouped three segments to a paragraph, then
``dev_en_genres``), so it needs ``../shared/dev-data`` (or
``$MTCLEAN_DEV_DATA``) and says so and exits 0 without it.

    PYTHONPATH=src python benchmarks/realtext_memory.py --bytes 10000000

Prints the size, the wall and CPU time per byte, and the process's peak RSS
(VmHWM) before and after the call.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bytes", type=int, default=10_000_000)
    ap.add_argument("--lang", default="en", help="language passed to normalize ('' to detect)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import bench_realtext

    if not (bench_realtext.DATA / "dev_en_clean.tsv.gz").exists():
        print(f"no dev data at {bench_realtext.DATA}: nothing measured")
        return 0
    doc = bench_realtext.document(args.bytes)
    import mtclean

    mtclean.normalize("Warm up the lexicon.", lang="en")
    before = peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    mtclean.normalize(doc, lang=args.lang or None)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(doc.encode("utf-8"))
    print(f"{n / 1e6:.1f} MB: {1e6 * wall / n:.2f} us/B wall, {1e6 * cpu / n:.2f} us/B CPU; "
          f"peak RSS {peak_mb():.0f} MB (before the call {before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
