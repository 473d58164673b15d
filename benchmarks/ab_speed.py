"""Two source trees, timed in turns: the same paragraphs, one worker process each.

    git worktree add ../base <commit>   # or: git archive <commit> src | tar -x -C /tmp/base
    PYTHONPATH=src python benchmarks/ab_speed.py /tmp/base/src src --bytes 200000 --rounds 30

Each worker loads its tree, builds the same news paragraphs (``corpus``,
clean and with artifacts injected) and warms up; then every round times
(CPU, ``time.process_time``) one pass of each worker over the same set,
the order alternating. On a shared machine the median of the per-round
ratios (B/A) is the figure to read; the ratio of the minima is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

WORKER = r"""
import sys, time, json
sys.path.insert(0, HERE)
import corpus, mtclean
clean = corpus.news_paragraphs(NBYTES)
sets = {"clean": clean, "artifacts": corpus.with_artifacts(clean)}
for t in clean[:50] + sets["artifacts"][:50]:
    mtclean.normalize(t)
print("ready", flush=True)
for line in sys.stdin:
    texts = sets[line.strip()]
    c0 = time.process_time()
    for t in texts:
        mtclean.normalize(t)
    print(json.dumps(time.process_time() - c0), flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", help="source directory A (the one put on PYTHONPATH), e.g. the base")
    ap.add_argument("b", help="source directory B, e.g. the branch")
    ap.add_argument("--bytes", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args(argv)
    code = f"HERE = {str(HERE)!r}\nNBYTES = {args.bytes}\n" + WORKER
    procs = {
        k: subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(Path(src).resolve())))
        for k, src in (("a", args.a), ("b", args.b))
    }
    for p in procs.values():
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    times: dict[tuple[str, str], list[float]] = {}
    ratios: dict[str, list[float]] = {"clean": [], "artifacts": []}
    for r in range(args.rounds):
        for s in ratios:
            got = {}
            for k in ("a", "b") if r % 2 == 0 else ("b", "a"):
                p = procs[k]
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write(s + "\n")
                p.stdin.flush()
                got[k] = json.loads(p.stdout.readline())
                times.setdefault((k, s), []).append(got[k])
            ratios[s].append(got["b"] / got["a"])
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.close()
        p.wait()
    for s, rs in ratios.items():
        a, b = min(times["a", s]), min(times["b", s])
        print(f"{s}: B/A median of {len(rs)} paired rounds {statistics.median(rs):.3f}; "
              f"minima A {a:.3f} s, B {b:.3f} s (B/A {b / a:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
