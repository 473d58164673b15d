"""Throughput on REAL text, interleaved with what users would otherwise run.

Reads ``../shared/dev-data`` (or ``$MTCLEAN_DEV_DATA``) and skips cleanly
when it is absent. Inputs: clean English news paragraphs (``dev_en_clean``,
3 segments to a paragraph), clean paragraphs of other genres
(``dev_en_genres``), real MT hypotheses (``dev_en_real_mt_outputs``), and
documents of 10 kB, 1 MB and 10 MB made of those paragraphs (per-byte cost).

Each round runs every contender over the same inputs one after the other
(ftfy.fix_text with defaults, sacremoses' punctuation normalizer, a
wordninja splitter, mtclean.normalize with and without ``lang``); the ratio
of the minima over rounds is the figure: the machines are shared and noisy.

    python -m pytest benchmarks/bench_realtext.py --benchmark-disable -s

``MTCLEAN_BENCH_CLOCK=cpu`` times with ``time.process_time`` instead of the
wall clock: on a machine shared with other jobs (load above the core count)
the wall clock mostly measures waiting for a core.
"""

from __future__ import annotations

import gzip
import csv
import os
import random
import time
from functools import lru_cache
from pathlib import Path

import ftfy
import pytest

import mtclean
from conftest import SMALL, nbytes

DATA = Path(os.environ.get("MTCLEAN_DEV_DATA", Path(__file__).resolve().parent.parent.parent / "shared" / "dev-data"))
pytestmark = pytest.mark.skipif(not (DATA / "dev_en_clean.tsv.gz").exists(), reason=f"no dev data at {DATA}")
csv.field_size_limit(10**8)
N = 60 if SMALL else 1500
CLOCK = time.process_time if os.environ.get("MTCLEAN_BENCH_CLOCK") == "cpu" else time.perf_counter


@lru_cache(maxsize=None)
def inputs(name: str) -> tuple[str, ...]:
    rng = random.Random(0)
    if name == "clean-news":
        from accuracy import load_paragraphs

        texts = [p.text for p in load_paragraphs(DATA / "dev_en_clean.tsv.gz")]
    elif name == "genres":
        with gzip.open(DATA / "dev_en_genres.tsv.gz", "rt", encoding="utf-8", newline="") as f:
            texts = [r["text"] for r in csv.DictReader(f, delimiter="\t") if r["text"].strip()]
    elif name == "real-mt":
        with gzip.open(DATA / "dev_en_real_mt_outputs.tsv.gz", "rt", encoding="utf-8", newline="") as f:
            texts = [r["text"] for r in csv.DictReader(f, delimiter="\t") if r["role"] == "hyp" and r["text"].strip()]
    else:
        raise KeyError(name)
    return tuple(rng.sample(texts, min(N, len(texts))))


def document(size: int) -> str:
    paras = list(inputs("clean-news")) + list(inputs("genres"))
    out, total, i = [], 0, 0
    while total < size:
        p = paras[i % len(paras)]
        out.append(p)
        total += len(p.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


@lru_cache(maxsize=1)
def _moses():
    from sacremoses import MosesPunctNormalizer

    return MosesPunctNormalizer(lang="en").normalize


@lru_cache(maxsize=1)
def _ninja():
    import re

    import wordninja

    long_word = re.compile(r"[A-Za-z]{8,}")
    return lambda t: long_word.sub(lambda m: " ".join(wordninja.split(m.group())), t)


CONTENDERS = {
    "ftfy": lambda: ftfy.fix_text,
    "sacremoses": _moses,
    "wordninja": _ninja,
    "mtclean": lambda: mtclean.normalize,
    "mtclean-en": lambda: (lambda t: mtclean.normalize(t, lang="en")),
}


def interleaved(benchmark, texts, rounds: int, **info) -> None:
    fns = {}
    for name, make in CONTENDERS.items():
        try:
            fns[name] = make()
        except ImportError:
            continue
    times: dict[str, list[float]] = {n: [] for n in fns}

    def one_round():
        for name, fn in fns.items():
            t0 = CLOCK()
            for t in texts:
                fn(t)
            times[name].append(CLOCK() - t0)

    benchmark.group = "real text, interleaved"
    benchmark.pedantic(one_round, rounds=1 if SMALL else rounds, iterations=1)
    best = {n: min(v) for n, v in times.items()}
    ratios = {f"{n}/ftfy": round(best["ftfy"] / best[n], 3) for n in best}
    benchmark.extra_info.update(kind="realtext", bytes=nbytes(texts), seconds=best, ratio_to_ftfy=ratios, **info)
    print(f"\n{info}: bytes={nbytes(texts)} " + " ".join(f"{k}={v}" for k, v in ratios.items()))


@pytest.mark.parametrize("name", ["clean-news", "genres", "real-mt"])
def test_paragraphs(benchmark, name):
    interleaved(benchmark, inputs(name), rounds=5, inputs=name)


@pytest.mark.parametrize("size", [10_000, 1_000_000] + ([] if SMALL else [10_000_000]))
def test_document_per_byte(benchmark, size):
    doc = document(size if not SMALL else min(size, 20_000))
    t0 = time.perf_counter()
    benchmark.group = "real documents"
    benchmark.pedantic(lambda: mtclean.normalize(doc, lang="en"), rounds=1 if SMALL or size > 1_000_000 else 3,
                       iterations=1)
    seconds = time.perf_counter() - t0
    benchmark.extra_info.update(kind="realdoc", bytes=len(doc.encode("utf-8")), us_per_byte=1e6 * seconds
                                / max(1, len(doc.encode("utf-8"))))
    print(f"\ndocument {size}: {benchmark.extra_info['us_per_byte']:.2f} us/B")
