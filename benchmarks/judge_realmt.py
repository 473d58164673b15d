#!/usr/bin/env python3
"""Precision on real MT output, judged by reading.

    python benchmarks/judge_realmt.py sample [--lang en] [--data DIR] [--per-rule 8] [--limit-hyps 20000] [--out FILE]
    python benchmarks/judge_realmt.py report [--lang en] [--data DIR] [--limit-hyps 20000] [--markdown]

``sample`` runs ``mtclean.explain(hyp, lang="en")`` over a seeded subset of
the hypotheses in ``dev_en_real_mt_outputs.tsv.gz``, collects the APPLIED
edits and writes a sample stratified by rule, with the hypothesis around
the edit, the reference and the source, to a work file OUTSIDE the
repository (the corpus text is never committed). A reader decides each
edit right / wrong / unclear against source and reference and records it in
``benchmarks/verdicts/realmt_en.tsv`` keyed by a hash of the hypothesis and
the edit (never the text). ``report`` matches the applied edits of the
current code to the verdicts and prints precision per rule and the edits
still unjudged. Skips cleanly (exit 0) without the data.

``--lang de`` (fr, ru, uk, cs, ...; anything but ``en``) reads
``dev_xx_real_mt_outputs.tsv.gz`` instead, keeps the hypotheses whose
``lang`` column is that language (every pair into it, e.g. en-de and fr-de),
runs ``mtclean.explain(hyp, lang=LANG)`` and uses
``benchmarks/verdicts/realmt_<lang>.tsv``. Every reference of a segment is
shown (en-de and en-cs have two), and an edit that several systems share
(same hypothesis, same edit, same key) is sampled once. ``--lang en`` (the
default) behaves exactly as before. ``--markdown`` prints the report as a
Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "benchmarks" / "verdicts" / "realmt_en.tsv"
XX_FILE = "dev_xx_real_mt_outputs.tsv.gz"
csv.field_size_limit(10**8)


def edit_key(hyp: str, e) -> str:
    """16 hex of sha256(hypothesis NUL start:end:before:after): stable while the edit is the same."""
    raw = f"{hyp}\x00{e.start}:{e.end}:{e.before}:{e.after}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def verdicts_path(lang: str) -> Path:
    """benchmarks/verdicts/realmt_<lang>.tsv (realmt_en.tsv for English)."""
    return VERDICTS if lang == "en" else VERDICTS.with_name(f"realmt_{lang}.tsv")


def data_file(lang: str) -> str:
    return "dev_en_real_mt_outputs.tsv.gz" if lang == "en" else XX_FILE


def load_xx(data: Path, lang: str, limit: int):
    """Hypotheses into LANG from the non-English real-MT file, with source and every reference."""
    by_key: dict[tuple, dict] = defaultdict(dict)
    hyps = []
    with gzip.open(data / XX_FILE, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            k = (r["corpus"], r["pair"], r["doc_id"], r["seg_id"])
            if r["role"] == "src":
                by_key[k]["src"] = r["text"]
            elif r["lang"] != lang:
                continue
            elif r["role"] == "ref":
                by_key[k].setdefault("refs", []).append(r["text"])
            elif r["role"] == "hyp" and r["text"].strip():
                hyps.append((k, r["system"], r["text"]))
    hyps = [h for h in hyps if h[0] in by_key and "refs" in by_key[h[0]]]
    for v in by_key.values():
        v["ref"] = "\n".join(v.get("refs", []))
    random.Random(7).shuffle(hyps)
    return hyps[:limit], by_key


def load(data: Path, limit: int, lang: str = "en"):
    if lang != "en":
        return load_xx(data, lang, limit)
    rows = list(csv.DictReader(gzip.open(data / "dev_en_real_mt_outputs.tsv.gz", "rt", encoding="utf-8"), delimiter="\t"))
    by_key: dict[tuple, dict[str, str]] = defaultdict(dict)
    hyps = []
    for r in rows:
        k = (r["corpus"], r["pair"], r["doc_id"], r["seg_id"])
        if r["role"] in ("src", "ref"):
            by_key[k][r["role"]] = r["text"]
        elif r["role"] == "hyp" and r["text"].strip():
            hyps.append((k, r["system"], r["text"]))
    random.Random(7).shuffle(hyps)
    return hyps[:limit], by_key


def applied_edits(hyps, lang: str = "en"):
    import mtclean

    for k, system, hyp in hyps:
        for e in mtclean.explain(hyp, lang=lang).edits:
            yield k, system, hyp, e


def read_verdicts(lang: str = "en") -> dict[str, tuple[str, str]]:
    """key -> (rule, verdict) of the real-MT verdicts of ``lang``."""
    return read_verdict_file(verdicts_path(lang))


def read_verdict_file(path: Path) -> dict[str, tuple[str, str]]:
    """key -> (rule, verdict) from a verdicts file (comments and the header skipped; empty when absent)."""
    out: dict[str, tuple[str, str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("key\t"):
                continue
            key, rule, verdict, _reason = line.split("\t", 3)
            out[key] = (rule, verdict)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["sample", "report"])
    ap.add_argument("--lang", default="en", help="target language of the MT output (default en)")
    ap.add_argument("--markdown", action="store_true", help="report as a Markdown table")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--per-rule", type=int, default=8)
    ap.add_argument("--limit-hyps", type=int, default=20000)
    ap.add_argument("--out", type=Path, default=None,
                    help="work file (default /tmp/judge/sample.jsonl, /tmp/judge/sample_<lang>.jsonl for other languages)")
    args = ap.parse_args(argv)
    lang = args.lang
    if args.out is None:
        args.out = Path("/tmp/judge/sample.jsonl" if lang == "en" else f"/tmp/judge/sample_{lang}.jsonl")
    if not (args.data / data_file(lang)).exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    hyps, ctx = load(args.data, args.limit_hyps, lang)
    if not hyps:
        print(f"no real MT output into {lang!r} in {args.data / data_file(lang)}")
        return 0
    verdicts = read_verdicts(lang)
    if args.command == "sample":
        strata: dict[str, list] = defaultdict(list)
        seen: set[str] = set()
        for k, system, hyp, e in applied_edits(hyps, lang):
            key = edit_key(hyp, e)
            if lang != "en":  # one edit shared by several systems is read once
                if key in seen:
                    continue
                seen.add(key)
            if key not in verdicts:
                strata[e.rule].append((key, k, system, hyp, e))
        rng = random.Random(11)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            for rule, items in sorted(strata.items()):
                for key, k, system, hyp, e in rng.sample(items, min(args.per_rule, len(items))):
                    f.write(json.dumps({
                        "key": key, "rule": rule, "confidence": e.confidence, "evidence": e.evidence,
                        "before": e.before, "after": e.after,
                        "context": hyp[max(0, e.start - 80):e.end + 80],
                        "ref": ctx[k].get("ref", ""), "src": ctx[k].get("src", ""),
                    }, ensure_ascii=False) + "\n")
        print(f"wrote {args.out}: {sum(min(args.per_rule, len(v)) for v in strata.values())} unjudged edits")
        return 0
    tally: dict[str, Counter] = defaultdict(Counter)
    for _k, _system, hyp, e in applied_edits(hyps, lang):
        v = verdicts.get(edit_key(hyp, e))
        tally[e.rule][v[1] if v else "unjudged"] += 1
    if args.markdown:
        print_markdown(tally)
        return 0
    print(f"{'rule':45} {'right':>5} {'wrong':>5} {'uncl.':>5} {'unjudged':>8} {'precision':>9}")
    for rule, c, prec in precision_rows(tally):
        if rule == "all":
            prec = f"{c['right'] / (c['right'] + c['wrong']) if c['right'] + c['wrong'] else 0:.0%}"
        print(f"{rule:45} {c['right']:>5} {c['wrong']:>5} {c['unclear']:>5} {c['unjudged']:>8} {prec:>9}")
    return 0


def precision_rows(tally: dict[str, Counter]) -> Iterator[tuple[str, Counter, str]]:
    """(rule, counts, precision) per rule in name order, then ("all", the totals, precision)."""
    total: Counter = Counter()
    for rule in sorted(tally):
        c = tally[rule]
        total.update(c)
        yield rule, c, _precision(c)
    yield "all", total, _precision(total)


def _precision(c: Counter) -> str:
    judged = c["right"] + c["wrong"]
    return f"{c['right'] / judged:.0%}" if judged else "-"


def print_markdown(tally: dict[str, Counter]) -> None:
    """Precision per rule as a Markdown table (applied edits counted per hypothesis, not deduplicated)."""
    print("| rule | right | wrong | unclear | applied, not judged | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for rule, c, prec in precision_rows(tally):
        if rule == "all":
            print(f"| **all** | **{c['right']}** | **{c['wrong']}** | **{c['unclear']}** | {c['unjudged']} | **{prec}** |")
        else:
            print(f"| {rule} | {c['right']} | {c['wrong']} | {c['unclear']} | {c['unjudged']} | {prec} |")


if __name__ == "__main__":
    sys.exit(main())
