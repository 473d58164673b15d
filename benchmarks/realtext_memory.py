"""Peak RSS and per-byte time of ONE normalize call on a real English document.

The document is made of dev-data paragraphs (``bench_realtext.document``:
``dev_en_clean`` grouped three segments to a paragraph, then
``dev_en_genres``), so it needs ``../shared/dev-data`` (or
``$MTCLEAN_DEV_DATA``) and says so and exits 0 without it.

    PYTHONPATH=src python benchmarks/realtext_memory.py --bytes 10000000

Prints the size, the wall and CPU time per byte, and the process's peak RSS
(VmHWM) before and after the call. This process also holds the dev corpora
the document is built from; ``--fresh`` measures as a user's program would:
the document is written to a temporary file, and a new process reads it,
warms up on its first 200 kB (every lazy English table loaded), and
normalizes it whole::

    PYTHONPATH=src python benchmarks/realtext_memory.py --bytes 10000000 --fresh
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
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
    ap.add_argument("--fresh", action="store_true", help="measure in a new process that reads the document from a file")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import bench_realtext

    if not (bench_realtext.DATA / "dev_en_clean.tsv.gz").exists():
        print(f"no dev data at {bench_realtext.DATA}: nothing measured")
        return 0
    doc = bench_realtext.document(args.bytes)
    if args.fresh:
        return _fresh(doc, args.lang)
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


_FRESH = """
import sys, time, mtclean
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
text = open(sys.argv[1], encoding="utf-8").read()
lang = sys.argv[2] or None
mtclean.normalize(text[:200000], lang=lang)
before = peak()
c0 = time.process_time()
mtclean.normalize(text, lang=lang)
cpu = time.process_time() - c0
n = len(text.encode("utf-8"))
print(f"{n / 1e6:.1f} MB, fresh process: {1e6 * cpu / n:.2f} us/B CPU; peak RSS {peak():.0f} MB "
      f"(after reading the file and a 200 kB warm-up call {before:.0f} MB; "
      f"the text takes {sys.getsizeof(text) / 1e6:.0f} MB as a str)")
"""


def _fresh(doc: str, lang: str) -> int:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        fh.write(doc)
    try:
        return subprocess.call([sys.executable, "-c", _FRESH, fh.name, lang], env=os.environ.copy())
    finally:
        os.unlink(fh.name)


if __name__ == "__main__":
    sys.exit(main())
