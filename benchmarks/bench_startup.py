"""Cold start (import + first 1 kB call, fresh process), peak RSS, and normalize_many on 2 processes."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

import pytest

import corpus
from conftest import SMALL, nbytes
from mtclean.batch import normalize_many

# What the child process runs: the clock starts before ``import mtclean``.
COLD_START = r"""
import time
t0 = time.perf_counter()
c0 = time.process_time()
import mtclean
t1 = time.perf_counter()
mtclean.normalize(TEXT)
t2 = time.perf_counter()
c2 = time.process_time()
import json
print(json.dumps({"import": t1 - t0, "first_call": t2 - t1, "total": t2 - t0, "cpu": c2 - c0, "rss_mb": PEAK()}))
"""

# Peak RSS of a process that has English loaded and has cleaned NBYTES of
# paragraphs (clean and damaged, one call each): the pipeline use case. Then,
# for the record, the peak after one NBYTES document in a single call.
PEAK_RSS = r"""
import json, sys
sys.path.insert(0, HERE)
import corpus, mtclean
paragraphs = corpus.news_paragraphs(NBYTES)
damaged = corpus.with_artifacts(paragraphs)
document = corpus.news_text(NBYTES)
for p in paragraphs + damaged:
    mtclean.normalize(p)
peak = PEAK()
mtclean.normalize(document)
print(json.dumps({"rss_mb": peak, "rss_after_document_mb": PEAK()}))
"""

# Peak RSS of THIS process image: VmHWM (getrusage's ru_maxrss would carry
# the parent's peak across fork and exec on Linux).
PEAK_FN = r"""
def PEAK():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource, sys
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * (1024 if sys.platform == "darwin" else 1))
"""


def run_child(code: str, **consts) -> dict:
    prelude = PEAK_FN + "".join(f"{k} = {v!r}\n" for k, v in consts.items())
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    out = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cold_start(benchmark):
    benchmark.group = "cold start"
    text = corpus.paragraph(1000)
    runs: list[dict] = []
    benchmark.pedantic(lambda: runs.append(run_child(COLD_START, TEXT=text)), rounds=1 if SMALL else 7, iterations=1)
    benchmark.extra_info.update(
        kind="cold_start",
        bytes=len(text.encode("utf-8")),
        import_s=min(r["import"] for r in runs),
        first_call_s=min(r["first_call"] for r in runs),
        total_min_s=min(r["total"] for r in runs),
        total_median_s=statistics.median(r["total"] for r in runs),
        cpu_min_s=min(r["cpu"] for r in runs),
        rss_mb=max(r["rss_mb"] for r in runs),
    )


def test_peak_rss(benchmark):
    benchmark.group = "peak RSS"
    n = corpus.size(1_000_000, 20_000)
    here = os.path.dirname(os.path.abspath(__file__))
    result: dict = {}
    benchmark.pedantic(lambda: result.update(run_child(PEAK_RSS, HERE=here, NBYTES=n)), rounds=1, iterations=1)
    benchmark.extra_info.update(kind="peak_rss", bytes=n, rss_mb=result["rss_mb"],
                                rss_after_document_mb=result["rss_after_document_mb"])


@pytest.fixture(scope="module")
def batch_texts(clean_paragraphs, artifact_paragraphs) -> list[str]:
    return (clean_paragraphs + artifact_paragraphs) * (1 if SMALL else 2)


@pytest.mark.parametrize("processes", [1, 2])
def test_normalize_many(benchmark, batch_texts, processes):
    benchmark.group = "normalize_many"
    benchmark.extra_info.update(kind="batch", processes=processes, bytes=nbytes(batch_texts), docs=len(batch_texts))

    def run():
        for _ in normalize_many(iter(batch_texts), processes=processes, chunksize=64):
            pass

    benchmark.pedantic(run, rounds=1 if SMALL else 3, iterations=1)
