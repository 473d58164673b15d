#!/usr/bin/env python3
"""Held-out technical prose: what mtclean changes in the documentation installed on this machine.

    python benchmarks/heldout_system_docs.py [DIR ...] [--limit N] [--show N] [--rule NAME]

Text that nobody here tuned to: the READMEs, NEWS files and manuals under
``/usr/share/doc`` (plain or gzipped) and the package descriptions of the
installed Python distributions (``*.dist-info/METADATA``), split into
paragraphs, keeping prose-like ones (12+ words, 70% letters). Changelog and
copyright files are left out (lists of names and licences, not prose).
The genre is technical: identifiers, paths, option lists, tables.

Prints how many paragraphs ``normalize`` changes (detected language, as a
user calls it) and the applied edits per rule; ``--show N`` prints N
applied edits (of ``--rule``, if given) in context, for reading. Nothing is
written: the text stays where it is installed. With no such files it prints
"skipping: ..." and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import site
import sys
from collections import Counter
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import mtclean  # noqa: E402

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _prose_paragraphs(text: str) -> list[str]:
    out = []
    for p in _PARAGRAPH_BREAK.split(text):
        p = p.strip()
        if not 80 <= len(p) <= 3000 or len(p.split()) < 12:
            continue
        if sum(c.isalpha() for c in p) / len(p) < 0.7:
            continue
        out.append(p)
    return out


def _read(path: str) -> str | None:
    name = os.path.basename(path).lower()
    if "copyright" in name or "changelog" in name:
        return None
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return f.read()
        if "." in name and not name.endswith((".txt", ".md", ".rst")):
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError, EOFError):
        return None


def collect(dirs: list[str]) -> list[str]:
    """Distinct prose paragraphs of the files under ``dirs`` and of the installed packages' descriptions."""
    paras: set[str] = set()
    for d in dirs:
        for path in glob(os.path.join(d, "**", "*"), recursive=True):
            if os.path.isfile(path):
                text = _read(path)
                if text:
                    paras.update(_prose_paragraphs(text))
    for sp in site.getsitepackages():
        for path in glob(os.path.join(sp, "*.dist-info", "METADATA")):
            with open(path, encoding="utf-8", errors="replace") as f:
                paras.update(_prose_paragraphs(f.read().split("\n\n", 1)[-1]))
    out = sorted(paras)
    random.Random(0).shuffle(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", default=["/usr/share/doc"])
    ap.add_argument("--limit", type=int, default=0, help="at most N paragraphs (seeded sample)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--rule", default="")
    args = ap.parse_args()
    paras = collect([d for d in args.dirs if os.path.isdir(d)])
    if not paras:
        print(f"skipping: no prose paragraphs under {', '.join(args.dirs)}")
        return 0
    if args.limit:
        paras = paras[: args.limit]
    changed = 0
    per_rule: Counter[str] = Counter()
    shown: list[str] = []
    for p in paras:
        result = mtclean.explain(p)
        if result.text == p:
            continue
        changed += 1
        for e in result.edits:
            per_rule[e.rule] += 1
            if len(shown) < args.show and (not args.rule or e.rule == args.rule):
                around = p[max(0, e.start - 40):e.end + 40].replace("\n", " ")
                shown.append(f"{e.rule}\t{e.before!r} -> {e.after!r}\t{e.confidence:.2f}\t{around!r}\t{e.evidence}")
    print(f"paragraphs changed: {changed} of {len(paras)} ({100 * changed / len(paras):.2f}%)")
    for rule, n in per_rule.most_common():
        print(f"  {rule:40s} {n}")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
