#!/usr/bin/env python3
"""Held-out technical prose: what mtclean changes in the documentation installed on this machine.

    python benchmarks/heldout_system_docs.py [DIR ...] [--limit N] [--show N] [--rule NAME]

Text that nobody here tuned to: the READMEs, NEWS files and manuals under
``/usr/share/doc`` (plain or gzipped) and the package descriptions of the
installed Python distributions (``*.dist-info/METADATA``), split into
paragraphs, keeping prose-like ones (12+ words, 70% letters). Changelog and
copyright files are left out (lists of names and licences, not prose).
The genre is technical: identifiers, paths, option lists, tables.

Prints how many paragraphs ``normalize`` changes (detected language, as a
user calls it), the applied edits per rule, and the judged damage: the
verdicts read in context are kept in ``benchmarks/verdicts/heldout_docs_en.tsv``
(key = ``judge_realmt.edit_key`` of the paragraph and the edit; verdict
damage | repair | unclear; no text). A changed paragraph with a damage
verdict counts as damaged; one with unjudged edits is counted apart.
``--show N`` prints N applied edits (of ``--rule``, if given) in context;
``--dump FILE`` writes the unjudged ones as JSON lines (key, rule, edit,
context) for reading. Nothing of the text is written to the repository.
With no such files it prints "skipping: ..." and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import site
import sys
from collections import Counter
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import mtclean  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.judge_realmt import edit_key, read_verdict_file  # noqa: E402

VERDICTS = ROOT / "benchmarks" / "verdicts" / "heldout_docs_en.tsv"

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _prose_paragraphs(text: str) -> list[str]:
    out = []
    for p in _PARAGRAPH_BREAK.split(text):
        p = p.strip()
        if not 80 <= len(p) <= 3000 or len(p.split()) < 12:
            continue
        if sum(c.isalpha() for c in p) / len(p) < 0.7:
            continue
        out.append(p)
    return out


def _read(path: str) -> str | None:
    name = os.path.basename(path).lower()
    if "copyright" in name or "changelog" in name:
        return None
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return f.read()
        if "." in name and not name.endswith((".txt", ".md", ".rst")):
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError, EOFError):
        return None


def collect(dirs: list[str]) -> list[str]:
    """Distinct prose paragraphs of the files under ``dirs`` and of the installed packages' descriptions."""
    paras: set[str] = set()
    for d in dirs:
        for path in glob(os.path.join(d, "**", "*"), recursive=True):
            if os.path.isfile(path):
                text = _read(path)
                if text:
                    paras.update(_prose_paragraphs(text))
    for sp in site.getsitepackages():
        for path in glob(os.path.join(sp, "*.dist-info", "METADATA")):
            with open(path, encoding="utf-8", errors="replace") as f:
                paras.update(_prose_paragraphs(f.read().split("\n\n", 1)[-1]))
    out = sorted(paras)
    random.Random(0).shuffle(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", default=["/usr/share/doc"])
    ap.add_argument("--limit", type=int, default=0, help="at most N paragraphs (seeded sample)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--rule", default="")
    ap.add_argument("--dump", type=Path, help="write the unjudged applied edits here (JSON lines)")
    args = ap.parse_args()
    verdicts = read_verdict_file(VERDICTS)
    paras = collect([d for d in args.dirs if os.path.isdir(d)])
    if not paras:
        print(f"skipping: no prose paragraphs under {', '.join(args.dirs)}")
        return 0
    if args.limit:
        paras = paras[: args.limit]
    changed = damaged = unjudged = 0
    per_rule: Counter[str] = Counter()
    judged: Counter[tuple[str, str]] = Counter()
    shown: list[str] = []
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for p in paras:
        result = mtclean.explain(p)
        if result.text == p:
            continue
        changed += 1
        said = [verdicts.get(edit_key(p, e), ("", ""))[1] for e in result.edits]
        damaged += "damage" in said
        unjudged += "damage" not in said and "" in said
        for e, v in zip(result.edits, said):
            per_rule[e.rule] += 1
            judged[(e.rule, v or "unjudged")] += 1
            if dump is not None and not v:
                dump.write(json.dumps({**e.to_dict(), "key": edit_key(p, e), "paragraph": changed,
                                       "context": p[max(0, e.start - 200):e.end + 200]}, ensure_ascii=False) + "\n")
            if len(shown) < args.show and (not args.rule or e.rule == args.rule):
                around = p[max(0, e.start - 40):e.end + 40].replace("\n", " ")
                shown.append(f"{e.rule}\t{e.before!r} -> {e.after!r}\t{e.confidence:.2f}\t{around!r}\t{e.evidence}")
    n = len(paras)
    print(f"paragraphs changed: {changed} of {n} ({100 * changed / n:.2f}%); judged damaged: {damaged} "
          f"({100 * damaged / n:.2f}%); changed with unjudged edits and no damage verdict: {unjudged}")
    for rule, k in per_rule.most_common():
        verdict_counts = ", ".join(f"{v} {judged[(rule, v)]}" for v in ("repair", "damage", "unclear", "unjudged")
                                   if judged[(rule, v)])
        print(f"  {rule:40s} {k:6d}  ({verdict_counts})")
    if dump is not None:
        dump.close()
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
