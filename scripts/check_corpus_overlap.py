#!/usr/bin/env python3
"""List word sequences of the repository's text files that also occur in the dev corpora.

    python scripts/check_corpus_overlap.py ../shared/dev-data [--n 6]

Corpus text must never be copied into the repository (examples, tests, docs and
comments use invented text). This prints every tracked text file line that
shares an N-word sequence with a ``*.tsv.gz`` file of DATA, so a reviewer can
tell a common phrase ("in the first half of the") from a copied sentence.
Verdict files (hash keys only) are skipped. Exits 0 without DATA.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")


def repo_grams(n: int) -> dict[tuple[str, ...], tuple[str, int]]:
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    grams: dict[tuple[str, ...], tuple[str, int]] = {}
    for name in files:
        if name.endswith(".gz") or "verdicts/" in name:
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            words = WORD.findall(line.lower())
            for i in range(len(words) - n + 1):
                grams.setdefault(tuple(words[i : i + n]), (name, number))
    return grams


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--n", type=int, default=6)
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    grams = repo_grams(args.n)
    hits: dict[tuple[str, ...], tuple[tuple[str, int], str]] = {}
    for corpus in sorted(args.data.glob("*.tsv.gz")):
        with gzip.open(corpus, "rt", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                words = WORD.findall(line.lower())
                for i in range(len(words) - args.n + 1):
                    gram = tuple(words[i : i + args.n])
                    if gram in grams and gram not in hits:
                        hits[gram] = (grams[gram], corpus.name)
    for gram, ((name, number), corpus_name) in sorted(hits.items(), key=lambda h: h[1][0]):
        print(f"{name}:{number}: {' '.join(gram)}  [{corpus_name}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
