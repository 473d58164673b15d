#!/usr/bin/env python3
"""Build ``src/mtclean/data/en/letter_trigrams.tsv`` from the shipped English lexicon.

    python scripts/build_letter_trigrams.py [--min-zipf 2.5]

For every three-letter sequence, the number of distinct lower-case words
of the lexicon (Zipf frequency >= ``--min-zipf``) that contain it. The glue
splitter asks it whether the letters around a split point also occur
inside ordinary words ("sh|otto": ``ott`` and ``tto`` do; "not|knew":
``otk`` and ``tkn`` never do). Derived from ``en.lex.gz`` only, so it
carries that file's provenance; rebuilding gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "src" / "mtclean" / "data" / "en" / "letter_trigrams.tsv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=2.5)
    args = ap.parse_args(argv)
    from mtclean.lexicon import get_lexicon

    lex = get_lexicon("en")
    counts: Counter[str] = Counter()
    for w in lex.words:
        if w.isalpha() and w.islower() and lex.zipf(w) >= args.min_zipf:
            counts.update({w[i:i + 3] for i in range(len(w) - 2)})
    lines = [
        "# Letter trigram -> distinct lower-case words of en.lex.gz (Zipf >= %.1f) containing it." % args.min_zipf,
        "# Written by scripts/build_letter_trigrams.py; used by rules/glue.py (junction letters of a split).",
    ]
    lines += [f"{t}\t{n}" for t, n in sorted(counts.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} trigrams -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
