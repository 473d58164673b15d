#!/usr/bin/env python3
"""Which clean paragraphs does mtclean change, genre by genre?

    python benchmarks/damage_by_genre.py [--data ../shared/dev-data] [--limit N] [--dump DIR] [--rules a,b]

Clean English text (``dev_en_clean``: references and original sources,
3 consecutive segments to a paragraph, grouped by domain; ``dev_en_genres``:
one paragraph a row, by genre) goes through ``mtclean.explain(p, lang="en")``.
Prints, per genre, the share of paragraphs that get any edit, and per rule
the number of edits. ``--dump DIR`` writes every edit with its context to
``DIR/changed_<genre>.jsonl`` for reading (outside the repository: the
corpus text must not be committed). A changed paragraph is not always
damage (the references have real typos); reading the dump decides.

Skips cleanly (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import load_paragraphs  # noqa: E402

csv.field_size_limit(10**8)


def load_genres(data: Path, limit: int | None, seed: int = 0) -> dict[str, list[str]]:
    """Genre -> clean paragraphs (a seeded sample of ``limit`` per genre)."""
    out: dict[str, list[str]] = defaultdict(list)
    for p in load_paragraphs(data / "dev_en_clean.tsv.gz"):
        out[f"clean:{p.corpus}"].append(p.text)
    path = data / "dev_en_genres.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["text"].strip():
                    out[f"genres:{row['genre']}"].append(row["text"])
    if limit:
        rng = random.Random(seed)
        for k, v in out.items():
            if len(v) > limit:
                out[k] = rng.sample(v, limit)
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--limit", type=int, default=None, help="paragraphs per genre (seeded sample)")
    ap.add_argument("--dump", type=Path, default=None, help="write changed paragraphs' edits here")
    ap.add_argument("--rules", default="", help="count only these rules (comma-separated)")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    import mtclean

    only = {r for r in args.rules.split(",") if r}
    genres = load_genres(args.data, args.limit)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    total_rules: Counter[str] = Counter()
    print(f"{'genre':28} {'paragraphs':>10} {'changed':>8} {'share':>7}  top rules")
    for genre in sorted(genres):
        paras = genres[genre]
        changed = 0
        rules: Counter[str] = Counter()
        dump = open(args.dump / f"changed_{genre.replace(':', '_')}.jsonl", "w") if args.dump else None
        for text in paras:
            r = mtclean.explain(text, lang="en")
            edits = [e for e in r.edits if not only or set(e.rule.split("+")) & only]
            if not edits:
                continue
            changed += 1
            for e in edits:
                rules[e.rule] += 1
                if dump:
                    ctx = text[max(0, e.start - 60):e.end + 60]
                    dump.write(json.dumps({**e.to_dict(), "context": ctx}, ensure_ascii=False) + "\n")
        if dump:
            dump.close()
        total_rules.update(rules)
        top = ", ".join(f"{k} {v}" for k, v in rules.most_common(4))
        print(f"{genre:28} {len(paras):>10} {changed:>8} {changed / max(1, len(paras)):>7.2%}  {top}")
    print("edits per rule:", dict(total_rules.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
