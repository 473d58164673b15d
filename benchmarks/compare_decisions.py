"""Did a change alter any decision? A hash of ``explain`` output per text, compared.

Reads the dev corpora (a directory such as ``../shared/dev-data``, or one
``.tsv.gz`` file; every row with a ``text`` column), runs
``mtclean.explain(text, lang=..., suggestions=True)`` on each text and
writes one line per text: a key (file, row number, language mode) and a
SHA-1 of everything ``explain`` returned (text, language, edits with their
spans, confidence and evidence, suggestions, findings). No corpus text is
written, only hashes, so the dump can be kept anywhere.

    PYTHONPATH=src python benchmarks/compare_decisions.py ../shared/dev-data --out before.tsv
    # ... change the code ...
    PYTHONPATH=src python benchmarks/compare_decisions.py ../shared/dev-data --against before.tsv

``--against`` lists every key whose hash changed (and, with ``--show``, the
edits before and after for the first few, read from the corpus in place).
Both language modes run by default: ``lang=None`` (detection) and the
row's own language (``lang`` column; English for the English files).
``--per-file N`` keeps about N rows of each file, evenly spread (the
real-MT files hold 460k rows); ``--stride K`` every K-th row instead. Exits 1 when anything changed,
0 otherwise, and 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import sys
import time
from pathlib import Path
from typing import Iterator

csv.field_size_limit(10**8)

FILES = (
    "dev_en_clean.tsv.gz",
    "dev_en_genres.tsv.gz",
    "dev_en_real_mt_outputs.tsv.gz",
    "dev_multi_clean.tsv.gz",
    "dev_multi_genres.tsv.gz",
    "dev_xx_real_mt_outputs.tsv.gz",
)


def count_rows(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f, delimiter="\t"))


def rows(path: Path, stride: int, max_rows: int | None = None) -> Iterator[tuple[int, str, str]]:
    """(row number, language, text) of every ``stride``-th non-empty row of ``path``."""
    kept = 0
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f, delimiter="\t")):
            if i % stride:
                continue
            text = row.get("text") or ""
            if not text.strip():
                continue
            yield i, (row.get("lang") or "en"), text
            kept += 1
            if max_rows and kept >= max_rows:
                return


def fingerprint(result) -> str:
    """SHA-1 of an Explanation: text, language, and every edit in full."""
    def edits(es):
        return [(e.rule, e.category, e.start, e.end, e.before, e.after, round(e.confidence, 6), tuple(e.evidence))
                for e in es]

    blob = repr((result.text, result.lang, edits(result.edits), edits(result.suggestions), edits(result.findings)))
    return hashlib.sha1(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def dump(paths: list[Path], modes: list[str], stride: int, per_file: int | None) -> dict[str, str]:
    import mtclean

    out: dict[str, str] = {}
    for path in paths:
        t0 = time.perf_counter()
        n = 0
        step = max(1, count_rows(path) // per_file) if per_file else stride
        for i, lang, text in rows(path, step):
            for mode in modes:
                chosen = None if mode == "detect" else lang
                out[f"{path.name}\t{i}\t{mode}"] = fingerprint(mtclean.explain(text, lang=chosen, suggestions=True))
            n += 1
        print(f"{path.name}: {n} texts x {len(modes)} modes in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="dev-data directory or one .tsv.gz file")
    ap.add_argument("--out", type=Path, help="write the hashes here (TSV: file, row, mode, hash)")
    ap.add_argument("--against", type=Path, help="compare with an earlier --out file")
    ap.add_argument("--modes", default="detect,row", help="detect (lang=None), row (the row's language), or both")
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=None, help="about N rows of each file, evenly spread")
    ap.add_argument("--show", type=int, default=0, help="print the edits of the first N changed texts")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no dev data at {args.data}: nothing compared", file=sys.stderr)
        return 0
    paths = [args.data] if args.data.is_file() else [args.data / f for f in FILES if (args.data / f).exists()]
    modes = [m for m in args.modes.split(",") if m]
    now = dump(paths, modes, max(1, args.stride), args.per_file)
    if args.out:
        args.out.write_text("".join(f"{k}\t{v}\n" for k, v in now.items()), encoding="utf-8")
    if not args.against:
        print(f"{len(now)} hashes", file=sys.stderr)
        return 0
    before = {}
    for line in args.against.read_text(encoding="utf-8").splitlines():
        *key, h = line.split("\t")
        before["\t".join(key)] = h
    common = [k for k in now if k in before]
    changed = [k for k in common if now[k] != before[k]]
    print(f"{len(common)} texts compared, {len(changed)} changed, {len(now) - len(common)} not in the earlier dump")
    for k in changed:
        print("changed\t" + k)
    if args.show and changed:
        import mtclean

        texts = {}
        for path in paths:
            want = {int(k.split("\t")[1]) for k in changed[: args.show] if k.startswith(path.name + "\t")}
            for i, lang, text in rows(path, 1, None):
                if i in want:
                    texts[(path.name, i)] = (lang, text)
        for k in changed[: args.show]:
            name, i, mode = k.split("\t")
            lang, text = texts[(name, int(i))]
            r = mtclean.explain(text, lang=None if mode == "detect" else lang, suggestions=True)
            print(f"--- {k}: lang={r.lang}")
            for e in r.edits:
                print(f"    {e.rule} {e.start}-{e.end} {e.before!r} -> {e.after!r} {e.confidence:.2f}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
