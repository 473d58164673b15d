#!/usr/bin/env python3
"""Build ``src/mtclean/data/<lang>/frequent_words.tsv.gz`` from wordfreq.

    python scripts/build_frequent_words.py [--min-zipf 3.0] [LANG ...]

For each language with a ``function_words.txt`` (the languages detection
tells apart), the words of wordfreq's ``best`` list for exactly that
language with a Zipf frequency of at least ``--min-zipf`` (3.0: once per
million words), one ``word<TAB>zipf x 10`` a line (``der<TAB>75``), most
frequent first. Only
words written in the language's script (letters, and apostrophes inside
them) are kept. Frequent English words that English usually writes with
a capital letter (Zipf >= ``--min-zipf`` and ``title_ratio >= 0.5`` in the
shipped English lexicon: ``london``, ``john``, ``browne``), unless SCOWL
(``data/en/names.lex.gz``) lists them as common words at least as often as
names (``fortunately``, capitalised for starting sentences), are names, which every language's news writes, so
they are left out of every list unless some language lists them as a
function word, or unless they are common (Zipf >= ``ENGLISH_COMMON``)
and English writes them at least ``ENGLISH_ONLY`` Zipf (10 times) more
often than any other language does: those are English words (``july``,
``saturday``, ``japanese``), not names shared across languages. Detection of short segments reads these files
(``mtclean.language``); rebuilding with the same wordfreq gives the same
files.
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / "src" / "mtclean" / "data"
NAME_RATIO = 0.5
ENGLISH_ONLY = 1.0
ENGLISH_COMMON = 4.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-zipf", type=float, default=3.0)
    ap.add_argument("langs", nargs="*")
    args = ap.parse_args(argv)
    import regex
    import wordfreq
    from importlib.metadata import version

    from mtclean.languages import facts, word_list_file
    from mtclean.lexicon import get_lexicon

    langs = args.langs or sorted(p.parent.name for p in DATA.glob("*/function_words.txt"))
    function_words = set().union(*(word_list_file(c, "function_words.txt") for c in langs))
    english = get_lexicon("en")
    # SCOWL (data/en/names.lex.gz): word -> (name level, common level), 99 where absent.
    from mtclean.rules.casing import _scowl_levels

    scowl = _scowl_levels()
    # Every language detection tells apart, whatever ``langs`` rebuilds.
    rivals = sorted(p.parent.name for p in DATA.glob("*/function_words.txt") if p.parent.name != "en")

    def is_name(w: str) -> bool:
        if english.zipf(w) < args.min_zipf or (english.title_ratio(w) or 0.0) < NAME_RATIO:
            return False
        name, common = scowl.get(w, (99, 99))
        # (a word SCOWL lists as a common word at least as often is no name:
        # "fortunately", "however" are capitalised for starting sentences)
        if not (common == 99 or name < common):
            return False
        # A name is written alike in every language, so other languages'
        # text holds it too (London, Chris). A common capitalised word
        # (Zipf >= ENGLISH_COMMON) that English writes ENGLISH_ONLY (Zipf)
        # more often than every other language is an English word (July,
        # Saturday, Japanese): it is kept. (Rarer ones are mostly places
        # that only English news names often: Kilmarnock, Croydon.)
        own = wordfreq.zipf_frequency(w, "en")
        if own < ENGLISH_COMMON:
            return True
        return own - max(wordfreq.zipf_frequency(w, r) for r in rivals) < ENGLISH_ONLY

    for lang in langs:
        f = facts(lang)
        assert f is not None, lang
        word = regex.compile(rf"\p{{{f.script}}}+(?:'\p{{{f.script}}}+)*")
        rows = []
        for w, freq in wordfreq.get_frequency_dict(lang, wordlist="best").items():
            z = round(math.log10(freq) + 9, 1)
            if z < args.min_zipf or not word.fullmatch(w):
                continue
            if w not in function_words and is_name(w):
                continue
            rows.append((-z, w))
        rows.sort()
        # mtclean.language reads the value as the line's last two characters.
        assert all(10 <= round(-z * 10) <= 99 for z, _ in rows), lang
        out = DATA / lang / "frequent_words.tsv.gz"
        head = (
            f"# {f.name}: words of wordfreq {version('wordfreq')} 'best' list with Zipf >= {args.min_zipf}"
            " (names English writes capitalised left out), word<TAB>zipf x 10.\n"
            "# Written by scripts/build_frequent_words.py; read by mtclean.language (short segments).\n"
        )
        body = "".join(f"{w}\t{round(-z * 10)}\n" for z, w in rows)
        # mtime=0: the same input gives the same bytes.
        out.write_bytes(gzip.compress((head + body).encode("utf-8"), mtime=0))
        print(f"{lang}: {len(rows)} words -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
