#!/usr/bin/env python3
"""How the ``mtclean`` command scales: peak memory, time to first output line, ``-j`` speed-up.

Run from the repository root (the figures in docs/cli.md come from these commands):

    python benchmarks/cli_scale.py --sizes 1M,100M                  # text and JSONL, -j 1
    python benchmarks/cli_scale.py --sizes 100M --kinds jsonl --jobs 1,2   # the -j 2 speed-up
    nice python benchmarks/cli_scale.py --sizes 1G                  # once: about 30 min of one core

For each size and kind it writes a synthetic input into a temporary
directory (invented sentences with invented artifacts, from a seeded
generator: no corpus text), runs ``python -m mtclean FILE`` in a fresh
process with stdout read through a pipe, and prints one line per run:

    kind size jobs  peak_rss_mb  first_line_s  total_s  mb_per_s

``peak_rss_mb`` is the largest resident set of the command or any of its
worker processes (``ru_maxrss`` of the children, measured in a fresh
wrapper process per run). ``first_line_s`` is the time from start to the
first byte of output, which includes start-up; a named FILE is spooled
(its output is written once the whole file has been read, so a failing
file writes nothing), so the time to the first line is measured with the
file on standard input, where output is streamed. The total time of that
same run is the throughput figure; ``--input file`` names the file instead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Invented material: sentences assembled from these, some with an artifact.
_SUBJECTS = ["The council", "A spokesperson", "The new bridge", "Our neighbours", "The research team",
             "The orchestra", "A local bakery", "The harbour authority", "The school board", "Farmers in the valley"]
_VERBS = ["announced", "postponed", "welcomed", "questioned", "described", "approved", "rejected", "reviewed"]
_OBJECTS = ["the plan for the river walk", "a proposal to extend the tram line", "the results of the survey",
            "the budget for the coming season", "a new schedule for the ferries", "the design of the square",
            "plans to restore the old mill", "the findings of the inspection"]
_TAILS = ["on Tuesday", "after a long debate", "in a short statement", "without giving a reason",
          "at the end of the meeting", "earlier this week", "despite the rain", "for the second time"]
_NAMES = ["Marta Lindqvist", "Tomas Herrera", "Ines Okafor", "Pavel Dvorak", "Lena Brandt"]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
    r = rng.random()
    if r < 0.04:
        s = s.replace(" the ", " the the ", 1)
    elif r < 0.07:
        first, last = rng.choice(_NAMES).split()
        s = f"{first} {last}{last} said that " + s[0].lower() + s[1:]
    elif r < 0.09:
        s = s.replace(".", " &apos;today&apos; .", 1)
    elif r < 0.10:
        s = s.replace("a ", "a cafÃ© ", 1) if "a " in s else s
    return s


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def make_input(path: Path, kind: str, size: int, seed: int = 1) -> None:
    """Write about ``size`` bytes of text (paragraphs, blank-line separated) or JSONL to ``path``."""
    rng = random.Random(seed)
    written = 0
    i = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        while written < size:
            if kind == "text":
                chunk = _paragraph(rng) + "\n\n"
            else:
                chunk = json.dumps({"id": i, "score": 0.5, "text": _paragraph(rng), "src": "invented"}) + "\n"
            i += 1
            f.write(chunk)
            written += len(chunk.encode("utf-8"))


_WRAPPER = r"""
import resource, subprocess, sys, time, json
argv = json.loads(sys.argv[1])
t0 = time.perf_counter()
as_file = sys.argv[3] == "file"
with open(sys.argv[2], "rb") as stdin:
    p = subprocess.Popen(argv + ([sys.argv[2]] if as_file else []), stdin=subprocess.DEVNULL if as_file else stdin,
                         stdout=subprocess.PIPE)
    first = None
    while True:
        block = p.stdout.read1(1 << 16)
        if not block:
            break
        if first is None:
            first = time.perf_counter() - t0
    rc = p.wait()
total = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": rc, "first": first, "total": total, "peak_mb": peak}))
"""


def measure(path: Path, kind: str, jobs: int, extra: list[str], mode: str = "stdin") -> dict:
    argv = [sys.executable, "-m", "mtclean", *extra]
    if kind == "jsonl":
        argv += ["--jsonl", "--field", "text"]
    if jobs != 1:
        argv += ["-j", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", _WRAPPER, json.dumps(argv), str(path), mode],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _size(s: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    s = s.strip().upper()
    return int(float(s[:-1]) * units[s[-1]]) if s[-1] in units else int(s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1M,100M", help="comma-separated input sizes (K, M, G suffixes)")
    ap.add_argument("--kinds", default="text,jsonl", help="text, jsonl or both")
    ap.add_argument("--jobs", default="1", help="comma-separated -j values, e.g. 1,2")
    ap.add_argument("--extra", default="", help="more mtclean options, e.g. '--lang en'")
    ap.add_argument("--input", choices=("stdin", "file"), default="stdin",
                    help="feed the input on stdin (streamed) or name it as FILE (spooled)")
    ap.add_argument("--dir", help="where to write the inputs (default: a temporary directory, removed after)")
    args = ap.parse_args(argv)
    extra = args.extra.split()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print(f"{'kind':5} {'size':>6} {'jobs':>4} {'peak_rss_mb':>11} {'first_line_s':>12} {'total_s':>8} {'mb_per_s':>8}",
              flush=True)
        for kind in args.kinds.split(","):
            for size_s in args.sizes.split(","):
                size = _size(size_s)
                path = Path(tmp) / f"input.{kind}"
                make_input(path, kind, size)
                real = path.stat().st_size
                for jobs in (int(j) for j in args.jobs.split(",")):
                    r = measure(path, kind, jobs, extra, args.input)
                    if r["rc"] != 0:
                        print(f"mtclean exited with {r['rc']}", file=sys.stderr)
                        return 1
                    print(f"{kind:5} {size_s:>6} {jobs:>4} {r['peak_mb']:>11.0f} {r['first']:>12.2f} "
                          f"{r['total']:>8.1f} {real / 1e6 / r['total']:>8.2f}", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
