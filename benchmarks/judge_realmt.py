#!/usr/bin/env python3
"""Precision on real MT output, judged by reading.

    python benchmarks/judge_realmt.py sample [--data DIR] [--per-rule 8] [--limit-hyps 20000] [--out FILE]
    python benchmarks/judge_realmt.py report [--data DIR] [--limit-hyps 20000]

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

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "benchmarks" / "verdicts" / "realmt_en.tsv"
csv.field_size_limit(10**8)


def edit_key(hyp: str, e) -> str:
    """16 hex of sha256(hypothesis NUL start:end:before:after): stable while the edit is the same."""
    raw = f"{hyp}\x00{e.start}:{e.end}:{e.before}:{e.after}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def load(data: Path, limit: int):
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


def applied_edits(hyps):
    import mtclean

    for k, system, hyp in hyps:
        for e in mtclean.explain(hyp, lang="en").edits:
            yield k, system, hyp, e


def read_verdicts() -> dict[str, tuple[str, str]]:
    out = {}
    if VERDICTS.exists():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("key\t"):
                continue
            key, rule, verdict, _reason = line.split("\t", 3)
            out[key] = (rule, verdict)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["sample", "report"])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--per-rule", type=int, default=8)
    ap.add_argument("--limit-hyps", type=int, default=20000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/judge/sample.jsonl"))
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_real_mt_outputs.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    hyps, ctx = load(args.data, args.limit_hyps)
    verdicts = read_verdicts()
    if args.command == "sample":
        strata: dict[str, list] = defaultdict(list)
        for k, system, hyp, e in applied_edits(hyps):
            key = edit_key(hyp, e)
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
    for _k, _system, hyp, e in applied_edits(hyps):
        v = verdicts.get(edit_key(hyp, e))
        tally[e.rule][v[1] if v else "unjudged"] += 1
    total: Counter = Counter()
    print(f"{'rule':45} {'right':>5} {'wrong':>5} {'uncl.':>5} {'unjudged':>8} {'precision':>9}")
    for rule in sorted(tally):
        c = tally[rule]
        total.update(c)
        judged = c["right"] + c["wrong"]
        prec = f"{c['right'] / judged:.0%}" if judged else "-"
        print(f"{rule:45} {c['right']:>5} {c['wrong']:>5} {c['unclear']:>5} {c['unjudged']:>8} {prec:>9}")
    judged = total["right"] + total["wrong"]
    print(f"{'all':45} {total['right']:>5} {total['wrong']:>5} {total['unclear']:>5} {total['unjudged']:>8} "
          f"{(total['right'] / judged if judged else 0):>9.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
