#!/usr/bin/env python3
"""Language detection accuracy per language and segment length, on the dev data.

Run from the repository root (PYTHONPATH=src picks the working copy):

    PYTHONPATH=src python benchmarks/language_detection.py [DATA_DIR] --per-bucket 200

Segments: English clean prose (``dev_en_clean.tsv.gz``), English MT
hypotheses (``dev_en_real_mt_outputs.tsv.gz``, role ``hyp``) and the other
languages of ``dev_multi_clean.tsv.gz`` (de es fr pt ru uk). The clean files
hold whole sentences (12+ words), so the short buckets are word prefixes of
them: for each sampled segment, its first k words with k drawn (seeded) in
the bucket's range. Buckets: 1-5 words, 6-15, 16+ (whole segments).

For each (source, bucket) the table gives: right (detected == true language),
und (undetermined: only language-independent rules would run), wrong (another
language, including "en" on non-English text: English rules on foreign
text), and the share detected as English. The data is read by path, never
copied; without it the script prints "skipping: ..." and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT.parent / "shared" / "dev-data"
BUCKETS = (("1-5", 1, 5), ("6-15", 6, 15), ("16+", 16, None))
MULTI = ("de", "es", "fr", "pt", "ru", "uk")
csv.field_size_limit(10**8)


def _rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t")


SOURCES = {
    "news": ("dev_en_clean.tsv.gz", "dev_en_real_mt_outputs.tsv.gz", "dev_multi_clean.tsv.gz"),
    "genres": ("dev_en_genres.tsv.gz", "dev_multi_genres.tsv.gz", "dev_xx_real_mt_outputs.tsv.gz"),
}


def load_sources(data: Path, pool: int, seed: int, source: str = "news") -> dict[str, tuple[str, list[str]]]:
    """source name -> (true language, a seeded sample of up to ``pool`` texts)."""
    texts: dict[str, list[str]] = defaultdict(list)
    if source == "genres":
        for r in _rows(data / "dev_en_genres.tsv.gz"):
            texts["en-genres"].append(r["text"])
        for r in _rows(data / "dev_multi_genres.tsv.gz"):
            lang = r["lang"].split("-")[0]
            if lang in MULTI:
                texts[lang].append(r["text"])
        for r in _rows(data / "dev_xx_real_mt_outputs.tsv.gz"):
            if r["pair"] == "en-uk" and r["role"] == "ref" and r["domain"] in ("conversation", "ecommerce", "social"):
                if r["text"].strip():
                    texts["uk"].append(r["text"])
    else:
        for r in _rows(data / "dev_en_clean.tsv.gz"):
            texts["en-clean"].append(r["text"])
        for r in _rows(data / "dev_en_real_mt_outputs.tsv.gz"):
            if r["role"] == "hyp" and r["text"].strip():
                texts["en-hyp"].append(r["text"])
        for r in _rows(data / "dev_multi_clean.tsv.gz"):
            lang = r["lang"].split("-")[0]
            if lang in MULTI:
                texts[lang].append(r["text"])
    rng = random.Random(seed)
    out = {}
    for name, items in texts.items():
        rng.shuffle(items)
        out[name] = ("en" if name.startswith("en-") else name, items[:pool])
    return out


def bucket_samples(items: list[str], lo: int, hi: int | None, n: int, seed: int) -> list[str]:
    """Up to ``n`` texts of ``lo``..``hi`` words: prefixes, or whole texts for the open bucket."""
    rng = random.Random(seed)
    out = []
    for t in items:
        words = t.split()
        if hi is None:
            if len(words) >= lo:
                out.append(t)
        elif len(words) >= lo:
            out.append(" ".join(words[: rng.randint(lo, min(hi, len(words)))]))
        if len(out) >= n:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA_DIR), help="the dev-data folder")
    ap.add_argument("--per-bucket", type=int, default=200, help="segments per source and bucket")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", choices=sorted(SOURCES), default="news",
                    help="news: the dev news prose (default); genres: other genres, held back from tuning")
    ap.add_argument("--buckets", default="", help="comma-separated bucket labels to run (default: all)")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N wrong and N und 1-5-word segments per source")
    args = ap.parse_args(argv)
    data = Path(args.data)
    needed = SOURCES[args.source]
    missing = [f for f in needed if not (data / f).is_file()]
    if missing:
        print(f"skipping: {', '.join(missing)} not found in {data}")
        return 0
    import mtclean.language as language

    sources = load_sources(data, args.per_bucket * 4, args.seed, args.source)
    wanted = set(filter(None, args.buckets.split(",")))
    print(f"mtclean.language from {language.__file__}")
    print(f"{'source':9} {'bucket':6} {'n':>5} {'right':>7} {'und':>7} {'wrong':>7} {'as en':>7} {'ms/seg':>7}  top wrong")
    for name, (truth, items) in sources.items():
        for label, lo, hi in BUCKETS:
            if wanted and label not in wanted:
                continue
            sample = bucket_samples(items, lo, hi, args.per_bucket, args.seed)
            if not sample:
                continue
            t0 = time.perf_counter()
            got = [language.detect_language(t) for t in sample]
            ms = (time.perf_counter() - t0) * 1000 / len(sample)
            n = len(sample)
            right = sum(g == truth for g in got)
            und = sum(g == "und" for g in got)
            wrong = n - right - und
            as_en = sum(g == "en" for g in got)
            errors: dict[str, int] = defaultdict(int)
            for g in got:
                if g not in (truth, "und"):
                    errors[g] += 1
            top = ", ".join(f"{k}:{v}" for k, v in sorted(errors.items(), key=lambda kv: -kv[1])[:4])
            print(
                f"{name:9} {label:6} {n:5d} {right / n:7.1%} {und / n:7.1%} {wrong / n:7.1%} "
                f"{as_en / n:7.1%} {ms:7.2f}  {top}"
            )
            if args.show_errors and label == "1-5":
                bad = [(g, t) for g, t in zip(got, sample) if g != truth]
                for kind in ("wrong", "und"):
                    shown = [(g, t) for g, t in bad if (g == "und") == (kind == "und")][: args.show_errors]
                    for g, t in shown:
                        print(f"    {kind:5} {g:3} {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
