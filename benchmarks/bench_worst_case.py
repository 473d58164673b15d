"""Worst-case inputs at 10 kB, 100 kB and 1 MB, against real clean prose of the same size.

Every shape of ``tests/hostile_shapes.py`` (the adversarial inputs: mojibake
without spaces, ``Ab.Cd.``, nested entities, punctuation-separated words,
full-width marks, control and zero-width characters, ...) is timed with
``normalize(text, lang="en")``; the base is real English prose: the
segments of ``dev_en_clean.tsv.gz`` joined into paragraphs (read from
``--dev-data DIR``, ``$MTCLEAN_DEV_DATA`` or ``../shared/dev-data``; those
benchmarks skip cleanly without it). The bar: per-byte cost of any shape
<= 3x real prose of the same size, and no growth with size.

As pytest-benchmark (part of the benchmark suite)::

    python -m pytest benchmarks/bench_worst_case.py --benchmark-columns=min,rounds

As a script, the table of per-byte costs and ratios (what docs/performance.md shows)::

    python benchmarks/bench_worst_case.py --dev-data ../shared/dev-data [--sizes 10000,100000,1000000] [--shapes a,b]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(HERE), str(ROOT / "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

import corpus  # noqa: E402
from hostile_shapes import SHAPES  # noqa: E402

import mtclean  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("MTCLEAN_DEV_DATA", ROOT.parent / "shared" / "dev-data"))
SIZES = [2_000] if corpus.SMALL else [10_000, 100_000, 1_000_000]
BAR = 3.0


def real_prose(n: int, data: Path = DEFAULT_DATA) -> str | None:
    """About ``n`` characters of real clean English prose (paragraphs of one document each), or None without the data."""
    path = data / "dev_en_clean.tsv.gz"
    if not path.is_file():
        return None
    paragraphs: list[str] = []
    current: list[str] = []
    key = None
    size = 0
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            k = (row["corpus"], row["pair"], row["doc_id"] or row["seg_id"])
            if k != key and current:
                paragraphs.append(" ".join(current))
                current = []
            key = k
            current.append(row["text"])
            size += len(row["text"]) + 1
            if size >= n:
                break
    if current:
        paragraphs.append(" ".join(current))
    text = "\n\n".join(paragraphs)
    if len(text) < n:
        text = (text + "\n\n") * (n // (len(text) + 2) + 1)
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > n // 2 else n]


def nbytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- pytest-benchmark
def _bench(benchmark, text: str, **info) -> None:
    benchmark.group = f"worst case {info['size']}"
    benchmark.extra_info.update(kind="worst_case", bytes=nbytes(text), **info)
    rounds = 1 if corpus.SMALL or info["size"] >= 1_000_000 else 3
    benchmark.pedantic(mtclean.normalize, args=(text,), kwargs={"lang": "en"}, rounds=rounds, iterations=1)


@pytest.mark.parametrize("size", SIZES)
def test_real_prose(benchmark, size):
    text = real_prose(size)
    if text is None:
        pytest.skip(f"no dev data at {DEFAULT_DATA}")
    _bench(benchmark, text, inputs="real-prose", size=size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape(benchmark, name, size):
    _bench(benchmark, SHAPES[name](size), inputs=name, size=size)


# ---------------------------------------------------------------- script: the table
def _cpu(text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        mtclean.normalize(text, lang="en")
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="per-byte cost of each worst-case shape against real prose")
    ap.add_argument("--dev-data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [s for s in args.shapes.split(",") if s] or sorted(SHAPES)
    mtclean.normalize("warm up the the cafÃ© &amp; lexicon", lang="en")
    prose: dict[int, str] = {}
    for n in sizes:
        text = real_prose(n, args.dev_data)
        if text is None:
            print(f"skipped: no dev data at {args.dev_data}")
            return 0
        prose[n] = text
    # On a shared machine the load changes from minute to minute: each
    # shape is timed in turn with the prose of its size, and the ratio is
    # the median of the rounds' ratios (the prose measured once for all
    # shapes was off by up to 2x).
    print(f"CPU time per byte, ns (best of {args.rounds}); x = median ratio to real prose of the same size, "
          "timed in turns with it")
    print(f"{'shape':24s}" + "".join(f"{n:>20,d}" for n in sizes), flush=True)
    over = []
    for name in names:
        cells = []
        for n in sizes:
            text = SHAPES[name](n)
            ratios, best = [], float("inf")
            for r in range(args.rounds):
                order = (prose[n], text) if r % 2 == 0 else (text, prose[n])
                spent = {id(t): _cpu(t, 1) / nbytes(t) for t in order}
                ratios.append(spent[id(text)] / spent[id(prose[n])])
                best = min(best, spent[id(text)])
            ratio = statistics.median(ratios)
            if ratio > BAR:
                over.append((name, n, ratio))
            cells.append(f"{best * 1e9:>8.0f} ns/B x{ratio:5.1f}")
        print(f"{name:24s}" + "".join(f"{c:>20s}" for c in cells), flush=True)
    print(f"over the bar (x > {BAR}): " + (", ".join(f"{a} at {b:,d} (x{c:.1f})" for a, b, c in over) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
