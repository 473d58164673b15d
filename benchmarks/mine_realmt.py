#!/usr/bin/env python3
"""Artifacts of real MT output that the human reference confirms, and how many mtclean restores.

    python benchmarks/mine_realmt.py [--data ../shared/dev-data] [--kinds a,b] [--show N] [--limit N]

For each kind of issue 10 a candidate pattern (independent of the rules)
finds the artifact in the English hypotheses of
``dev_en_real_mt_outputs.tsv.gz``. A candidate is CONFIRMED when the
reference of the same segment has the repaired form (the words around the
artifact written the repaired way, see each kind's ``confirm``). It is
RESTORED when ``mtclean.normalize(hyp, lang="en")`` holds the repaired form
at that place (more occurrences of the repaired local form than the
hypothesis had, and the artifact gone from it). Prints, per kind:
candidates, confirmed, restored, share. ``--show N`` prints N confirmed
but unrestored cases per kind for reading (on the terminal only: never
commit corpus text).

Skips cleanly (exit 0) without the data.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
csv.field_size_limit(10**8)


@dataclass(frozen=True)
class Cand:
    kind: str
    start: int
    end: int
    fixed: str          # what the artifact should read
    local_before: str   # the artifact with its neighbouring tokens
    local_after: str    # the same, repaired


def _tok_left(t: str, i: int) -> int:
    j = i
    while j > 0 and t[j - 1].isspace():
        j -= 1
    while j > 0 and not t[j - 1].isspace():
        j -= 1
    return j


def _tok_right(t: str, i: int) -> int:
    j = i
    while j < len(t) and t[j].isspace():
        j += 1
    while j < len(t) and not t[j].isspace():
        j += 1
    return j


def _local(kind: str, t: str, s: int, e: int, fixed: str, left: bool = True, right: bool = True) -> Cand:
    ls = _tok_left(t, s) if left else s
    re_ = _tok_right(t, e) if right else e
    return Cand(kind, s, e, fixed, t[ls:re_], t[ls:s] + fixed + t[e:re_])


# ------------------------------------------------------------------ candidate finders (rule-independent)
_SEG_START = re.compile(r"^[\"“«(]?([a-z])[a-z']*\b")
_AFTER_END = re.compile(r"(?<=[a-z0-9)\]][.!?] )[\"“]?([a-z])[a-z']*\b")
_LIST_NUM = re.compile(r"(?:^|(?<=[.!?:] ))\d{1,2}\. ([a-z])[a-z']*\b")


def _lowercase_starts(t: str, kind: str, pats: tuple[re.Pattern[str], ...]) -> Iterator[Cand]:
    for pat in pats:
        for m in pat.finditer(t):
            if m.group(0) == "i" or t[m.start(1):m.start(1) + 2] in ("i ", "i'"):
                continue
            s = m.start(1)
            yield _local(kind, t, s, s + 1, t[s].upper(), left=pat is not _SEG_START)


def find_segment_start(t: str) -> Iterator[Cand]:
    return _lowercase_starts(t, "lowercase_segment_start", (_SEG_START,))


def find_lowercase_start(t: str) -> Iterator[Cand]:
    return _lowercase_starts(t, "lowercase_start", (_AFTER_END, _LIST_NUM))


def confirm_lowercase_start(c: Cand, ref: str) -> bool:
    word = c.local_after.split()[-1].strip(".,;:!?\"”“")
    if not word:
        return False
    return re.search(r"(?:^|[.!?][\"”’)]*\s+|\d\.\s+)[\"“«(]?" + re.escape(word) + r"(?!\w)", ref) is not None


def find_unk(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"<unk>", t, re.I):
        yield _local("unk", t, m.start(), m.end(), "")


def confirm_unk(c: Cand, ref: str) -> bool:
    return "<unk>" not in ref.lower()


_FW = re.compile(r"[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e\u3001\u3002]")


def find_fullwidth(t: str) -> Iterator[Cand]:
    for m in _FW.finditer(t):
        ch = m.group()
        fixed = {"\u3002": ".", "\u3001": ","}.get(ch, chr(ord(ch) - 0xFEE0))
        yield _local("fullwidth", t, m.start(), m.end(), fixed)


def confirm_plain(c: Cand, ref: str) -> bool:
    """The reference holds the repaired local form (neighbouring tokens included)."""
    return c.local_after.strip() in ref and c.local_before.strip() not in ref


def find_double_space(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<=\S)  +(?=\S)", t):
        yield _local("double_space", t, m.start(), m.end(), " ")


def find_pronoun_i(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<![\w.'’(\[-])i(?=['’](?:m|ve|d|ll)\b| [a-z])", t):
        yield _local("pronoun_i", t, m.start(), m.end(), "I", left=False)


def confirm_pronoun_i(c: Cand, ref: str) -> bool:
    """The reference has the capital pronoun (with the same contraction, if any)."""
    contraction = c.local_after[1:c.local_after.find(" ")] if c.local_after[1:2] in ("'", "’") else ""
    return re.search(r"(?<![\w])I" + re.escape(contraction) + r"(?!\w)", ref) is not None


def find_spaced_hyphen(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<=\w) - (?=\w)", t):
        yield _local("spaced_hyphen", t, m.start(), m.end(), "-")


def confirm_joined(c: Cand, ref: str) -> bool:
    """The reference writes the two sides joined (hyphen or unit) exactly."""
    return c.local_after.strip().strip(".,;:!?\"”“()") in ref


def find_number_unit(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<![\w.,])(\d+(?:[.,]\d+)?)([a-zA-Z]{2,})(?!\w)", t):
        if re.fullmatch(r"(?:st|nd|rd|th|s)", m.group(2)):
            continue  # ordinals and decades
        yield _local("number_unit", t, m.start(2), m.start(2), " ")


def find_doubled_punct(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<=\w)(,,|,\.|;;|::|\.\.(?!\.))(?=\s|$)", t):
        yield _local("doubled_punct", t, m.start(), m.end(), m.group()[1])


def find_capitalised_double(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<!\w)([A-Z][\w'’-]+) (\1|(?i:\1))(?!\w)", t):
        if m.group(1).lower() != m.group(2).lower():
            continue
        yield _local("capitalised_double", t, m.start(2) - 1, m.end(2), "")


def confirm_single(c: Cand, ref: str) -> bool:
    """The reference has the word once where the hypothesis doubles it."""
    w = c.local_before.split()
    doubled = " ".join(w[:3]) if len(w) >= 3 else c.local_before
    return c.local_after.strip() in ref and doubled not in ref


def find_word_run(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<!\w)(\w+)((?: \1){2,})(?!\w)", t, re.I):
        yield _local("word_run", t, m.end(1), m.end(), "")


def find_camel_glue(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<![\w@#./])([A-Z][a-z]{2,})([A-Z][a-z]{2,})(?![\w.])", t):
        yield _local("camel_glue", t, m.end(1), m.end(1), " ")


def find_long_repeat(t: str) -> Iterator[Cand]:
    for m in re.finditer(r"(?<!\w)((?:\w+[,;]? ){8,40}?\w+)[,.;]? (\1)(?!\w)", t):
        yield _local("long_repeat", t, m.end(1), m.end(2), "", left=False, right=False)


def confirm_long_repeat(c: Cand, ref: str) -> bool:
    return True  # no reference repeats a 9+ word phrase back to back; checked by the finder on the hypothesis


KINDS: dict[str, tuple[Callable[[str], Iterator[Cand]], Callable[[Cand, str], bool]]] = {
    "lowercase_segment_start": (find_segment_start, confirm_lowercase_start),
    "lowercase_start": (find_lowercase_start, confirm_lowercase_start),
    "unk": (find_unk, confirm_unk),
    "fullwidth": (find_fullwidth, confirm_plain),
    "double_space": (find_double_space, confirm_plain),
    "pronoun_i": (find_pronoun_i, confirm_pronoun_i),
    "spaced_hyphen": (find_spaced_hyphen, confirm_joined),
    "number_unit": (find_number_unit, confirm_joined),
    "doubled_punct": (find_doubled_punct, confirm_plain),
    "capitalised_double": (find_capitalised_double, confirm_single),
    "word_run": (find_word_run, confirm_single),
    "camel_glue": (find_camel_glue, confirm_plain),
    "long_repeat": (find_long_repeat, confirm_long_repeat),
}


def restored(c: Cand, hyp: str, out: str) -> bool:
    """The output has the repaired local form at (about) the artifact's place."""
    if c.kind == "unk":
        # Spaced punctuation counts only when the output has more than the
        # hypothesis: what the removal left ("said <unk>." -> "said ."), not
        # what the MT output already had ("<unk>. , I" -> ". , I").
        spaced = re.compile(r" [,.;:!?]")
        return "<unk>" not in out.lower() and "  " not in out and len(spaced.findall(out)) <= len(spaced.findall(hyp))
    if c.kind == "long_repeat":
        return out.count(c.local_before) < hyp.count(c.local_before) or c.local_before not in out
    after = c.local_after.strip()
    if c.kind in ("capitalised_double", "word_run"):
        before = c.local_before.strip()
        return out.count(before) < hyp.count(before)
    if c.kind.startswith("lowercase_"):
        word = after.split()[-1] if after.split() else after
        lower_word = c.local_before.strip().split()[-1] if c.local_before.split() else word
        return len(re.findall(r"(?<!\w)" + re.escape(word), out)) > len(re.findall(r"(?<!\w)" + re.escape(word), hyp)) and out.count(lower_word) < hyp.count(lower_word) + (1 if lower_word == word else 0)
    return out.count(after) > hyp.count(after)


def load(data: Path, limit: int | None) -> list[tuple[str, str]]:
    """(hypothesis, reference) pairs."""
    refs: dict[tuple, str] = {}
    hyps: list[tuple[tuple, str]] = []
    with gzip.open(data / "dev_en_real_mt_outputs.tsv.gz", "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            key = (r["corpus"], r["pair"], r["doc_id"], r["seg_id"])
            if r["role"] == "ref":
                refs[key] = r["text"]
            elif r["role"] == "hyp":
                hyps.append((key, r["text"]))
    out = [(h, refs[k]) for k, h in hyps if k in refs]
    return out[:limit] if limit else out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--kinds", default="", help="only these kinds (comma-separated)")
    ap.add_argument("--show", type=int, default=0, help="print N confirmed, unrestored cases per kind")
    ap.add_argument("--limit", type=int, default=None, help="first N hypotheses only")
    args = ap.parse_args(argv)
    if not (args.data / "dev_en_real_mt_outputs.tsv.gz").exists():
        print(f"skipping: no real MT data at {args.data}")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    import mtclean

    kinds = {k: v for k, v in KINDS.items() if not args.kinds or k in args.kinds.split(",")}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for hyp, ref in load(args.data, args.limit):
        found = [(k, c) for k, (finder, _confirm) in kinds.items() for c in finder(hyp)]
        if not found:
            continue
        out = None
        for k, c in found:
            counts[k][0] += 1
            if not kinds[k][1](c, ref):
                continue
            counts[k][1] += 1
            if out is None:
                out = mtclean.normalize(hyp, lang="en")
            if restored(c, hyp, out):
                counts[k][2] += 1
            elif len(misses[k]) < args.show:
                misses[k].append(f"  {c.local_before!r} -> {c.local_after!r}\n    out: {out[max(0, c.start - 60):c.end + 60]!r}")
    print(f"{'kind':20} {'candidates':>10} {'confirmed':>9} {'restored':>8} {'share':>7}")
    for k in kinds:
        n, conf, rest = counts[k]
        share = f"{rest / conf:.1%}" if conf else "-"
        print(f"{k:20} {n:>10} {conf:>9} {rest:>8} {share:>7}")
    for k, lines in misses.items():
        if lines:
            print(f"\n# {k}: confirmed, not restored")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
