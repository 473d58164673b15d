#!/usr/bin/env python3
"""Build ``src/mtclean/data/<lang>/letter_ngrams.tsv.gz`` from wordfreq.

    python scripts/build_letter_ngrams.py [--min-zipf 2.0] [--min-count 2] [LANG ...]

For each language with a ``frequent_words.tsv.gz`` (the languages whose
short segments are told apart by word frequencies), the letter trigrams of
the words of wordfreq's ``best`` list for that language with a Zipf
frequency of at least ``--min-zipf`` (2.0: once per 100 million words),
each word counted once (a type, not a token: the words detection has no
frequency for are rare ones, and a rare word's letters are like those of
other rare words, not like ``the``'s). A word is padded with ``^`` and
``$`` (``^de``, ``er$``) and split at apostrophes; only words written in
the language's script are read. One ``trigram<TAB>count`` a line, for the
trigrams counted at least ``--min-count`` times, most frequent first; the
first line after the comments is ``#total<TAB>N``, the count of all
trigrams read (pruned ones included).

``mtclean.language`` reads them for the words of a short segment that a
language does not list (``Flugzeugabsturz``, ``ознаменування``): how
likely their letters are in each language. Rebuilding with the same
wordfreq gives the same files.
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / "src" / "mtclean" / "data"


def trigrams(word: str) -> list[str]:
    """The letter trigrams of ``word``, padded, split at apostrophes (as ``mtclean.language`` reads them)."""
    out = []
    for part in word.split("'"):
        if part:
            padded = f"^{part}$"
            out += [padded[i:i + 3] for i in range(len(padded) - 2)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=2.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("langs", nargs="*")
    args = ap.parse_args(argv)
    import regex
    import wordfreq
    from importlib.metadata import version

    from mtclean.languages import facts

    langs = args.langs or sorted(p.parent.name for p in DATA.glob("*/frequent_words.tsv.gz"))
    for lang in langs:
        f = facts(lang)
        assert f is not None, lang
        word = regex.compile(rf"\p{{{f.script}}}+(?:'\p{{{f.script}}}+)*")
        counts: Counter[str] = Counter()
        n_words = 0
        for w, freq in wordfreq.get_frequency_dict(lang, wordlist="best").items():
            if math.log10(freq) + 9 < args.min_zipf or not word.fullmatch(w):
                continue
            n_words += 1
            counts.update(trigrams(w))
        total = sum(counts.values())
        kept = sorted(((-n, t) for t, n in counts.items() if n >= args.min_count))
        head = (
            f"# {f.name}: letter trigrams of the {n_words} words of wordfreq {version('wordfreq')} 'best' list"
            f" with Zipf >= {args.min_zipf}, each word once, padded ^word$; trigram<TAB>count, counts >= {args.min_count}.\n"
            "# Written by scripts/build_letter_ngrams.py; read by mtclean.language (short segments).\n"
            f"#total\t{total}\n"
        )
        body = "".join(f"{t}\t{-n}\n" for n, t in kept)
        out = DATA / lang / "letter_ngrams.tsv.gz"
        out.write_bytes(gzip.compress((head + body).encode("utf-8"), mtime=0))
        print(f"{lang}: {n_words} words, {len(kept)} trigrams -> {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
