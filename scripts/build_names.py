#!/usr/bin/env python3
"""Build ``src/mtclean/data/en/names.tsv.gz`` from SCOWL's word lists.

    python scripts/build_names.py [/usr/share/dict/scowl] [--max-level 80]

SCOWL (Kevin Atkinson, http://wordlist.aspell.net/, permissive licence:
see ``src/mtclean/data/en/README.md``) splits English into lists by size
level (10 = the commonest words ... 95 = the rarest) and kind: ``words``
(lower-case common words), ``upper`` and ``proper-names`` (capitalised
words: names, nationalities, titles), ``abbreviations``. Debian installs
them as ``/usr/share/dict/scowl/<spelling>-<kind>.<level>``.

For each word that SCOWL writes capitalised at a level <= ``--max-level``
one line: ``word<TAB>name level<TAB>common level`` where the word is lower
case, ``name level`` the smallest level of a capitalised entry and ``common
level`` the smallest level of a lower-case entry (empty: never a common
word). Words SCOWL knows only in lower case are one more file's worth of
lines (``word<TAB><TAB>common level``) for levels <= 50, so that "a common
word with no capitalised use" is known too.
Skips cleanly (exit 0) when the directory is absent.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "mtclean" / "data" / "en" / "names.tsv.gz"
SPELLINGS = ("english", "american", "british", "british_z", "canadian", "australian")
CAPITAL_KINDS = ("upper", "proper-names", "abbreviations")
COMMON_ONLY_MAX_LEVEL = 50


def read_lists(scowl: Path, max_level: int) -> tuple[dict[str, int], dict[str, int]]:
    """(lower-case word -> smallest capitalised level, -> smallest lower-case level)."""
    name: dict[str, int] = {}
    common: dict[str, int] = {}
    for path in sorted(scowl.iterdir()):
        spelling, _, rest = path.name.partition("-")
        kind, _, level_s = rest.rpartition(".")
        if spelling not in SPELLINGS or not level_s.isdigit():
            continue
        level = int(level_s)
        if level > max_level or kind not in CAPITAL_KINDS + ("words",):
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            w = line.strip()
            if not w or "'" in w or not w.isalpha():
                continue
            if w.islower():
                if kind == "words":
                    common[w] = min(level, common.get(w, 99))
            elif w[0].isupper() and (w[1:].islower() or w.isupper()) and len(w) > 1:
                low = w.lower()
                name[low] = min(level, name.get(low, 99))
    return name, common


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scowl", nargs="?", type=Path, default=Path("/usr/share/dict/scowl"))
    ap.add_argument("--max-level", type=int, default=80)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not args.scowl.is_dir():
        print(f"skipping: no SCOWL word lists at {args.scowl}")
        return 0
    name, common = read_lists(args.scowl, args.max_level)
    lines = ["# word\tname level\tcommon level (SCOWL 2020.12.07, see README.md)"]
    for w in sorted(set(name) | {w for w, lv in common.items() if lv <= COMMON_ONLY_MAX_LEVEL}):
        n, c = name.get(w), common.get(w)
        lines.append(f"{w}\t{'' if n is None else n}\t{'' if c is None else c}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same lists give the same bytes.
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {args.out}: {len(lines) - 1} words ({sum(1 for w in name if w in common)} both name and common)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
