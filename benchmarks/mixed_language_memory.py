"""Peak RSS of a process that cleans mixed-language text with the language detected per call.

The input is the rows of ``dev_multi_clean`` (de, fr, es, pt, ru, uk) and
``dev_en_clean``, interleaved one language after another, so every call may
need another language's table: the case issue 9's "peak RSS on mixed-language
input <= 200 MB" is about. It needs ``../shared/dev-data`` (or
``--data DIR``) and says so and exits 0 without it.

    python benchmarks/mixed_language_memory.py --data ../shared/dev-data --texts 3000

Prints the peak RSS (VmHWM) after English is loaded and after the mixed
texts, the languages detected, and the tables loaded at the end.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import itertools
import sys
from pathlib import Path

from realtext_memory import peak_mb  # (this folder is on sys.path when run as a script)

csv.field_size_limit(10**8)


def _rows_by_lang(path: Path, per_lang: int) -> dict[str, list[str]]:
    """The first ``per_lang`` texts of each language in ``path`` (the rest is not kept)."""
    out: dict[str, list[str]] = collections.defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("text"):
                texts = out[(row.get("lang") or "en").split("-")[0]]
                if len(texts) < per_lang:
                    texts.append(row["text"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "dev-data")
    ap.add_argument("--texts", type=int, default=3000, help="texts to clean, all languages together")
    args = ap.parse_args(argv)
    multi, english = args.data / "dev_multi_clean.tsv.gz", args.data / "dev_en_clean.tsv.gz"
    if not (multi.exists() and english.exists()):
        print(f"no dev data at {args.data}: nothing measured")
        return 0
    # Only the texts cleaned are kept (a pipeline streams its input), so
    # the peak is mtclean's, not the corpora's.
    per_lang = -(-args.texts // 7)
    by_lang = _rows_by_lang(multi, per_lang)
    by_lang["en"] = _rows_by_lang(english, per_lang)["en"]
    # One text of each language in turn: the worst order for a table cache.
    order = [t for group in itertools.zip_longest(*by_lang.values()) for t in group if t]
    texts = order[: args.texts]

    import mtclean
    from mtclean import lexicon

    mtclean.normalize("Warm up the English lexicon.", lang="en")
    before = peak_mb()
    detected: collections.Counter[str] = collections.Counter()
    for text in texts:
        detected[mtclean.detect_language(text)] += 1
        mtclean.normalize(text)
    loaded = [lang for lang in sorted(set(detected) | {"en"}) if lexicon.is_loaded(lang)]
    print(f"{len(texts)} texts in {len(by_lang)} languages, detected: {dict(detected.most_common())}")
    print(f"peak RSS {peak_mb():.0f} MB (with English loaded, before: {before:.0f} MB); tables loaded at the end: {loaded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
