#!/usr/bin/env python3
"""Which clean paragraphs does mtclean change, genre by genre?

    python benchmarks/damage_by_genre.py [--data ../shared/dev-data] [--limit N] [--dump DIR [--unjudged]] [--rules a,b]

Clean English text (``dev_en_clean``: references and original sources,
3 consecutive segments to a paragraph, grouped by domain; ``dev_en_genres``:
one paragraph a row, by genre) goes through ``mtclean.explain(p, lang="en")``.
Prints, per genre, the share of paragraphs that get any edit, and per rule
the number of edits. ``--dump DIR`` writes every edit with its context to
``DIR/changed_<genre>.jsonl`` for reading (outside the repository: the
corpus text must not be committed). A changed paragraph is not always
damage (the references have real typos); reading the dump decides, and
the verdicts are kept in ``benchmarks/verdicts/clean_en.tsv`` (key = hash
of the paragraph and the edit, as ``judge_realmt.edit_key``; rule; verdict
``damage`` / ``repair`` / ``unclear``; a one-line reason; never corpus
text). Per genre the report gives the paragraphs changed, those with a
judged DAMAGE edit (the figure the bar is about: <= 0.3% in every genre),
and those with an edit still unjudged. ``--unjudged`` dumps only the
paragraphs' unjudged edits, with their keys, for the next round of reading.

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
from benchmarks.judge_realmt import edit_key, read_verdict_file  # noqa: E402

VERDICTS = ROOT / "benchmarks" / "verdicts" / "clean_en.tsv"
DAMAGE_BAR = 0.003

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


def read_verdicts(path: Path = VERDICTS) -> dict[str, tuple[str, str]]:
    """key -> (rule, verdict) of the clean-text verdicts."""
    return read_verdict_file(path)


DOC_START = "<!-- damage-table:start -->"
DOC_END = "<!-- damage-table:end -->"


def write_doc(doc: Path, table: list[str], limit: int | None) -> None:
    """Replace the lines between the damage-table markers of ``doc`` with ``table`` and how it was made."""
    import datetime
    import subprocess

    text = doc.read_text(encoding="utf-8")
    if DOC_START not in text or DOC_END not in text:
        print(f"no {DOC_START} ... {DOC_END} markers in {doc}; table not written")
        return
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    cmd = "python benchmarks/damage_by_genre.py --write-doc docs/accuracy.md" + (f" --limit {limit}" if limit else "")
    head = f"Measured {datetime.date.today()} at commit `{commit}` with `{cmd}`; verdicts: `benchmarks/verdicts/clean_en.tsv`."
    a = text.index(DOC_START) + len(DOC_START)
    b = text.index(DOC_END)
    doc.write_text(text[:a] + "\n" + head + "\n\n" + "\n".join(table) + "\n" + text[b:], encoding="utf-8")
    print(f"table written to {doc}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--limit", type=int, default=None, help="paragraphs per genre (seeded sample)")
    ap.add_argument("--dump", type=Path, default=None, help="write changed paragraphs' edits here")
    ap.add_argument("--rules", default="", help="count only these rules (comma-separated)")
    ap.add_argument("--unjudged", action="store_true", help="dump only edits with no verdict")
    ap.add_argument("--write-doc", type=Path, default=None, metavar="MD",
                    help="replace the table between the damage-table markers of MD (docs/accuracy.md)")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_clean.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    import mtclean

    only = {r for r in args.rules.split(",") if r}
    genres = load_genres(args.data, args.limit)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    verdicts = read_verdicts()
    total_rules: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    worst = 0.0
    table = ["| genre | paragraphs | changed | judged damage | damage share | unjudged | met (<= 0.3%) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    print(f"{'genre':28} {'paras':>6} {'changed':>8} {'share':>7} {'damage':>7} {'share':>7} {'unjudged':>8}  top rules")
    for genre in sorted(genres):
        paras = genres[genre]
        changed = damaged = unjudged = 0
        rules: Counter[str] = Counter()
        dump = open(args.dump / f"changed_{genre.replace(':', '_')}.jsonl", "w") if args.dump else None
        for text in paras:
            r = mtclean.explain(text, lang="en")
            edits = [e for e in r.edits if not only or set(e.rule.split("+")) & only]
            if not edits:
                continue
            changed += 1
            keys = [edit_key(text, e) for e in edits]
            judged = [verdicts.get(k, ("", ""))[1] for k in keys]
            damaged += "damage" in judged
            unjudged += "" in judged
            for e, key, v in zip(edits, keys, judged):
                rules[e.rule] += 1
                if dump and (not args.unjudged or not v):
                    ctx = text[max(0, e.start - 60):e.end + 60]
                    word = text[max(0, e.start - 20):e.end + 20]
                    dump.write(json.dumps({**e.to_dict(), "key": key, "verdict": v, "near": word, "context": ctx},
                                          ensure_ascii=False) + "\n")
        if dump:
            dump.close()
        total_rules.update(rules)
        n = max(1, len(paras))
        totals.update(paragraphs=len(paras), changed=changed, damaged=damaged, unjudged=unjudged)
        worst = max(worst, damaged / n)
        top = ", ".join(f"{k} {v}" for k, v in rules.most_common(4))
        met = "yes" if damaged / n <= DAMAGE_BAR else "**no**"
        table.append(f"| {genre} | {len(paras)} | {changed} ({changed / n:.2%}) | {damaged} | {damaged / n:.2%} | "
                     f"{unjudged} | {met} |")
        print(f"{genre:28} {len(paras):>6} {changed:>8} {changed / n:>7.2%} {damaged:>7} {damaged / n:>7.2%} "
              f"{unjudged:>8}  {top}")
    n = max(1, totals["paragraphs"])
    print(f"{'all':28} {totals['paragraphs']:>6} {totals['changed']:>8} {totals['changed'] / n:>7.2%} "
          f"{totals['damaged']:>7} {totals['damaged'] / n:>7.2%} {totals['unjudged']:>8}")
    print(f"worst genre judged damage {worst:.2%} (bar {DAMAGE_BAR:.1%}); unjudged paragraphs count as not damaged")
    print("edits per rule:", dict(total_rules.most_common()))
    if args.write_doc:
        n = max(1, totals["paragraphs"])
        table.append(f"| all | {totals['paragraphs']} | {totals['changed']} ({totals['changed'] / n:.2%}) | "
                     f"{totals['damaged']} | {totals['damaged'] / n:.2%} | {totals['unjudged']} | |")
        write_doc(args.write_doc, table, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
