"""Edits of long documents read in blocks against the same documents read whole.

The documents are dev-data texts joined by blank lines (seeded shuffle, as
``reports``' long-document checks build them): English clean, genres and
real MT, and the first six languages of the real MT into other languages.
For each, ``explain`` runs twice, with blocks (the default) and with the
block threshold raised past the document's length, and the edits that only
one of the two applies are printed with some context to judge them::

    PYTHONPATH=src python benchmarks/compare_blocks.py ../shared/dev-data --size 1000000

The data is read in place, never copied; without it the script says so and
exits 0.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import read_tsv  # noqa: E402

csv.field_size_limit(10**9)


def _rows(path: Path, cond=lambda r: True) -> list[str]:
    return [r["text"] for r in read_tsv(path, gz=True) if r.get("text") and cond(r)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--size", type=int, default=1_000_000, help="characters a document")
    ap.add_argument("--show", type=int, default=50, help="edits shown per document and side")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"no dev data at {args.data}: nothing compared")
        return 0
    import mtclean
    from mtclean import pipeline

    sets = {
        "clean": ("en", _rows(args.data / "dev_en_clean.tsv.gz")),
        "genres": ("en", _rows(args.data / "dev_en_genres.tsv.gz")),
        "mt": ("en", _rows(args.data / "dev_en_real_mt_outputs.tsv.gz", lambda r: r.get("role") == "hyp")),
    }
    by_lang: dict[str, list[str]] = {}
    for r in read_tsv(args.data / "dev_xx_real_mt_outputs.tsv.gz", gz=True):
        if r.get("text") and r.get("role") == "hyp":
            by_lang.setdefault(r.get("lang") or "x", []).append(r["text"])
    for lang in list(by_lang)[:6]:
        sets["xx-" + lang] = (lang, by_lang[lang])
    blocks_from = pipeline._BLOCKS_FROM

    def key(e):
        return (e.start, e.end, e.before, e.after, e.rule)

    for name, (lang, texts) in sets.items():
        texts = texts[:]
        random.Random(7).shuffle(texts)
        out, n, i = [], 0, 0
        while n < args.size and i < len(texts):
            out.append(texts[i])
            n += len(texts[i]) + 2
            i += 1
        doc = "\n\n".join(out)
        try:
            pipeline._BLOCKS_FROM = len(doc) + 1
            whole = mtclean.explain(doc, lang=lang)
        finally:
            pipeline._BLOCKS_FROM = blocks_from
        blocked = mtclean.explain(doc, lang=lang)
        a, b = set(map(key, whole.edits)), set(map(key, blocked.edits))
        print(f"{name}: {len(doc)} characters, {len(a)} edits read whole; only whole {len(a - b)}, only in blocks {len(b - a)}")
        for tag, only in (("whole ", a - b), ("blocks", b - a)):
            for s, e, before, after, rule in sorted(only)[: args.show]:
                print(f"  {tag} {rule}: {doc[max(0, s - 40):s]!r} {before!r} -> {after!r} {doc[e:e + 25]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
