#!/usr/bin/env python3
"""Build ``src/mtclean/data/en/names.lex.gz`` from SCOWL's word lists.

    python scripts/build_names.py [/usr/share/dict/scowl] [--max-level 80]
    python scripts/build_names.py --from-text names.tsv.gz

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

The lines are then packed (``mtclean.rules.casing.ScowlLevels.pack``:
sorted CRC-32 arrays and a blob of the words, gzip), so that loading reads
arrays instead of making a dict of 99k strings. ``--from-text`` packs a
file of those lines (gzip; the format shipped before as ``names.tsv.gz``)
without SCOWL: the shipped table was made so from the SCOWL 2020.12.07 lines.
``--text`` writes the lines themselves instead.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "mtclean" / "data" / "en" / "names.lex.gz"
COMMENT = "word -> (name level, common level) from SCOWL 2020.12.07: see README.md and scripts/build_names.py"
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
    ap.add_argument("--from-text", type=Path, help="pack these lines (gzip) instead of reading SCOWL")
    ap.add_argument("--text", action="store_true", help="write the lines as text (gzip), not packed")
    args = ap.parse_args(argv)
    if args.from_text:
        lines = gzip.decompress(args.from_text.read_bytes()).decode("utf-8").split("\n")
        write(args.out, lines, args.text)
        return 0
    if not args.scowl.is_dir():
        print(f"skipping: no SCOWL word lists at {args.scowl}")
        return 0
    name, common = read_lists(args.scowl, args.max_level)
    lines = ["# word\tname level\tcommon level (SCOWL 2020.12.07, see README.md)"]
    for w in sorted(set(name) | {w for w, lv in common.items() if lv <= COMMON_ONLY_MAX_LEVEL}):
        n, c = name.get(w), common.get(w)
        lines.append(f"{w}\t{'' if n is None else n}\t{'' if c is None else c}")
    write(args.out, lines, args.text)
    print(f"{sum(1 for w in name if w in common)} words both name and common")
    return 0


def write(out: Path, lines: list[str], text: bool = False) -> None:
    from mtclean.rules.casing import ScowlLevels, scowl_rows

    if text:
        data = ("\n".join(lines) + "\n").encode("utf-8")
    else:
        data = ScowlLevels(scowl_rows(lines)).pack(COMMENT)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same lists give the same bytes.
    out.write_bytes(gzip.compress(data, mtime=0))
    print(f"wrote {out}: {sum(1 for line in lines if line and line[0] != '#')} words")


if __name__ == "__main__":
    sys.exit(main())
