#!/usr/bin/env python3
"""Accuracy harness for mtclean: false edits on clean text, recall on injected artifacts, real MT output.

Run from the repository root:

    python benchmarks/accuracy.py                  # everything, about 2-3 minutes on 2 cores
    python benchmarks/accuracy.py --limit 1500 --per-kind 300 --skip realmt   # a quick look
    python benchmarks/accuracy.py --lang de,fr,es,pt,ru,uk --per-kind 300   # other languages (lang_accuracy.py)

Sections (see docs/accuracy.md for the definitions and the sampling rules):

1. False edits: ``normalize(p, lang="en")`` on clean paragraphs (original
   English and human references from ../shared/dev-data, grouped 3
   consecutive segments to a paragraph); every edit goes to
   ``REPORT_DIR/false_edits.jsonl``.
2. Recall: one artifact injected at a time (benchmarks/injections.py);
   exact restore = the output is the clean paragraph (or a listed
   alternative). Failures go to ``REPORT_DIR/recall_failures.jsonl``.
3. Dense paragraphs: 3-5 artifacts at once; error reduction and exact restore.
4. Real MT output (WMT22/23 uk/ru->en systems): edits per rule per 10,000
   words, a seeded sample of edits to read, and recall on the candidate
   artifacts the reference confirms.
5. Baselines: ftfy.fix_text (defaults) and a wordninja splitter with a
   wordfreq guard, on the same paragraphs and injections.
6. The seed article check (../shared/seed/check_seed.py), when present.

The data is read by path and never copied; where it is absent the script
prints "skipping: ..." and exits with status 0.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.injections import KINDS, Injection, changed_region, inject, inject_dense  # noqa: E402

DEFAULT_DATA_DIR = ROOT.parent / "shared" / "dev-data"
DEFAULT_SEED_CHECK = ROOT.parent / "shared" / "seed" / "check_seed.py"
csv.field_size_limit(10**8)

# The bar each figure is compared with: (direction, value).
TARGETS = {
    "clean_changed": ("<=", 0.002),
    "glued_words": (">=", 0.80),
    "glued_after_punct": (">=", 0.95),
    "doubled_names": (">=", 0.95),
    "doubled_words": (">=", 0.95),
    "repetition_loops": (">=", 0.95),
    "lowercased_names": (">=", 0.70),
    "midsentence_capitals": (">=", 0.60),
    "stray_openings": (">=", 0.95),
    "space_before_punct": (">=", 0.95),
    "mojibake": (">=", 0.95),
    "markup_residue": (">=", 0.95),
    "dense_error_reduction": (">=", 0.95),
}
KIND_LABELS = {
    "glued_words": "glued words",
    "glued_after_punct": "glued after punctuation / quotes",
    "doubled_names": "doubled glued names",
    "doubled_words": "doubled words",
    "repetition_loops": "repetition loops",
    "lowercased_names": "lowercased names",
    "midsentence_capitals": "capitals in mid-sentence",
    "stray_openings": "stray openings / preambles",
    "space_before_punct": "spaces before punctuation",
    "mojibake": "mojibake",
    "markup_residue": "MT markup residue",
}
# The uk->en references write these in lower case on purpose (dev-data README).
ALLOWED_LOWER = {"russia", "putin"}


# ------------------------------------------------------------------ edit distance
def levenshtein(a: str, b: str) -> int:
    """Character edit distance (insert, delete, substitute), bit-parallel (Myers/Hyyrö).

    The common prefix and suffix are stripped first, so near-identical
    paragraphs cost almost nothing.

    >>> levenshtein("kitten", "sitting"), levenshtein("", "abc"), levenshtein("same", "same")
    (3, 3, 0)
    """
    if a == b:
        return 0
    p, ea, eb = changed_region(a, b)
    a, b = a[p:ea], b[p:eb]
    if len(a) < len(b):
        a, b = b, a
    m = len(a)
    if not b:
        return m
    peq: dict[str, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


# ------------------------------------------------------------------ data
@dataclass
class Paragraph:
    pid: str
    corpus: str
    pair: str
    role: str
    doc_id: str
    seg_ids: list[str]
    text: str
    words: int = 0


_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


def join_segments(segs: list[str]) -> str:
    """Join segments into a paragraph: a space after a sentence end, a line break after a heading.

    A segment that does not end like a sentence (a headline, a byline, a
    list item) is its own line, as it would be in the article.
    """
    out = segs[0].strip()
    for s in segs[1:]:
        s = s.strip()
        out += (" " if _TERMINAL.search(out) else "\n") + s
    return out


def load_paragraphs(path: Path, size: int = 3, limit: int | None = None) -> list[Paragraph]:
    """Original-English and reference segments, grouped ``size`` consecutive segments to a paragraph.

    Groups never cross a document (corpus, pair, role, doc_id) where doc ids
    are given, nor a corpus/pair/role where they are not. The last group of
    a document may be shorter.
    """
    groups: dict[tuple, list[dict]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["role"] != "src-original" and not row["role"].startswith("ref"):
                continue
            if not row["text"].strip():
                continue
            key = (row["corpus"], row["pair"], row["role"], row["doc_id"])
            groups.setdefault(key, []).append(row)
    paras: list[Paragraph] = []
    for key, rows in groups.items():
        rows.sort(key=lambda r: (int(r["seg_id"]) if r["seg_id"].isdigit() else 0, r["seg_id"]))
        for i in range(0, len(rows), size):
            chunk = rows[i:i + size]
            text = join_segments([r["text"] for r in chunk])
            segs = [r["seg_id"] for r in chunk]
            pid = "|".join([*key, f"{segs[0]}-{segs[-1]}"])
            paras.append(Paragraph(pid, *key, segs, text, len(text.split())))
    if limit:
        paras = paras[:limit]
    return paras


def read_tsv(path: Path, gz: bool) -> list[dict]:
    opener = gzip.open if gz else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# ------------------------------------------------------------------ running the tool
EditT = tuple[str, int, int, str, str]  # rule, start, end, before, after


def _explain(text: str) -> tuple[str, list[EditT]]:
    import mtclean

    r = mtclean.explain(text, lang="en")
    return r.text, [(e.rule, e.start, e.end, e.before, e.after) for e in r.edits]


class Runner:
    """``mtclean.explain`` over many texts, in ``jobs`` processes."""

    def __init__(self, jobs: int):
        import mtclean

        mtclean.normalize("warm up the lexicon kyiv", lang="en")  # loaded once, shared by forked workers
        self.jobs = jobs
        self.pool = None
        if jobs > 1:
            self.pool = multiprocessing.get_context("fork").Pool(jobs)

    def run(self, texts: list[str]) -> list[tuple[str, list[EditT]]]:
        if self.pool is None or len(texts) < 200:
            return [_explain(t) for t in texts]
        return self.pool.map(_explain, texts, chunksize=64)

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


# ------------------------------------------------------------------ baselines
def ftfy_baseline(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text)


def ftfy_keep_quotes_baseline(text: str) -> str:
    """ftfy's defaults except ``uncurl_quotes`` (its only change to the clean dev text)."""
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False)


@functools.lru_cache(maxsize=500_000)
def _wf_zipf(tok: str) -> float:
    import wordfreq

    return wordfreq.zipf_frequency(tok, "en")


_ALPHA = re.compile(r"[A-Za-z]+")


def wordninja_baseline(text: str) -> str:
    """Split every letter run that wordfreq does not know (Zipf 0) with wordninja, rejoined by spaces."""
    import wordninja

    def repl(m: re.Match) -> str:
        tok = m.group()
        if _wf_zipf(tok) > 0:
            return tok
        return " ".join(wordninja.split(tok)) or tok

    return _ALPHA.sub(repl, text)


def _baseline_worker(args: tuple[str, str]) -> str:
    name, text = args
    return BASELINES[name](text)


BASELINES = {"ftfy": ftfy_baseline, "ftfy_keep_quotes": ftfy_keep_quotes_baseline, "wordninja": wordninja_baseline}
# Baselines measured on a kind: which ones.
BASELINE_KINDS = {"ftfy": ("mojibake", "markup_residue"), "ftfy_keep_quotes": ("mojibake", "markup_residue"),
                  "wordninja": ("glued_words",)}


# ------------------------------------------------------------------ formatting
def context(text: str, start: int, end: int, after: str | None = None, width: int = 50) -> str:
    """``…left[before→after]right…`` with line breaks shown as ⏎."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    mid = text[start:end] if after is None else f"{text[start:end]}→{after}"
    s = ("…" if start > width else "") + left + "[" + mid + "]" + right + ("…" if end + width < len(text) else "")
    return s.replace("\n", "⏎")


def diff_excerpt(a: str, b: str, width: int = 40, max_regions: int = 4) -> tuple[str, str]:
    """Each region where ``a`` and ``b`` differ (up to ``max_regions``), with context, joined by `` | ``."""
    import difflib

    p, ea, eb = changed_region(a, b)
    sm = difflib.SequenceMatcher(None, a[p:ea], b[p:eb], autojunk=False)
    regions: list[list[int]] = []
    for tag, a0, a1, b0, b1 in sm.get_opcodes():
        if tag == "equal":
            continue
        if regions and a0 + p - regions[-1][1] <= 12:
            regions[-1][1], regions[-1][3] = a1 + p, b1 + p
        else:
            regions.append([a0 + p, a1 + p, b0 + p, b1 + p])
    if not regions:
        return "", ""
    more = f" | (+{len(regions) - max_regions} more)" if len(regions) > max_regions else ""
    regions = regions[:max_regions]
    return (" | ".join(context(a, r[0], r[1], None, width) for r in regions) + more,
            " | ".join(context(b, r[2], r[3], None, width) for r in regions) + more)


def pct(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def meets(key: str, value: float | None) -> str:
    if value is None or key not in TARGETS:
        return ""
    op, bar = TARGETS[key]
    ok = value <= bar if op == "<=" else value >= bar
    return "yes" if ok else "**no**"


def target_str(key: str) -> str:
    if key not in TARGETS:
        return ""
    op, bar = TARGETS[key]
    return f"{'≤' if op == '<=' else '≥'} {100 * bar:g}%"


# ------------------------------------------------------------------ sections
def touches(e: EditT, a: int, b: int) -> bool:
    """Does edit ``e`` (in the damaged text's coordinates) touch the span [a, b)?"""
    _, s, t, _, _ = e
    if s == t or a == b:
        return s <= b and t >= a
    return s < b and t > a


def apply_edits(text: str, edits: list[EditT]) -> str:
    out, pos = [], 0
    for _, s, t, _, after in sorted(edits, key=lambda e: (e[1], e[2])):
        out.append(text[pos:s])
        out.append(after)
        pos = t
    out.append(text[pos:])
    return "".join(out)


def section_clean(paras, results, report_dir: Path, show: int, log) -> dict:
    words = sum(p.words for p in paras)
    changed = 0
    allowed_paras = 0
    char_edits = 0
    n_edits = 0
    by_rule: Counter = Counter()
    paras_by_rule: Counter = Counter()
    shown = 0
    lines = []
    for p, (out, edits) in zip(paras, results):
        if out == p.text:
            continue
        real = []
        for e in edits:
            allowed = p.pair == "uk-en" and "restore_name_case" in e[0] and e[3].lower() in ALLOWED_LOWER
            lines.append(json.dumps({
                "pid": p.pid, "corpus": p.corpus, "pair": p.pair, "role": p.role, "doc_id": p.doc_id,
                "rule": e[0], "start": e[1], "end": e[2], "before": e[3], "after": e[4],
                "allowed": allowed, "context": context(p.text, e[1], e[2], e[4], 80),
            }, ensure_ascii=False))
            if not allowed:
                real.append(e)
        if not real:
            allowed_paras += 1
            continue
        changed += 1
        char_edits += levenshtein(apply_edits(p.text, real), p.text)
        n_edits += len(real)
        for e in real:
            by_rule[e[0]] += 1
        for r in {e[0] for e in real}:
            paras_by_rule[r] += 1
        for e in real:
            if shown < show:
                log(f"  {e[0]:<28} {context(p.text, e[1], e[2], e[4], 45)}")
                shown += 1
    (report_dir / "false_edits.jsonl").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return {
        "paragraphs": len(paras),
        "words": words,
        "changed": changed,
        "changed_rate": changed / len(paras) if paras else 0.0,
        "allowed_only_paragraphs": allowed_paras,
        "edits": n_edits,
        "edits_per_10k_words": 1e4 * n_edits / words if words else 0.0,
        "char_edits_per_10k_words": 1e4 * char_edits / words if words else 0.0,
        "edits_by_rule": dict(by_rule.most_common()),
        "paragraphs_by_rule": dict(paras_by_rule.most_common()),
    }


def baseline_clean(name: str, paras, pool) -> dict:
    texts = [p.text for p in paras]
    args = [(name, t) for t in texts]
    outs = pool.map(_baseline_worker, args, chunksize=64) if pool else [_baseline_worker(a) for a in args]
    changed = sum(1 for o, t in zip(outs, texts) if o != t)
    words = sum(p.words for p in paras)
    chars = sum(levenshtein(o, t) for o, t in zip(outs, texts) if o != t)
    return {"changed": changed, "changed_rate": changed / len(texts) if texts else 0.0,
            "char_edits_per_10k_words": 1e4 * chars / words if words else 0.0}


def sample_injections(kind: str, paras, n: int, seed: int) -> list[tuple[Paragraph, Injection]]:
    """Up to ``n`` injections of ``kind``, one per paragraph, paragraphs in a seeded order.

    Each paragraph's injection uses its own generator (seeded by the run
    seed, the kind and the paragraph id), so a paragraph gets the same
    injection whatever ``--limit`` or the other kinds are.
    """
    order = list(range(len(paras)))
    random.Random(f"{seed}:{kind}:order").shuffle(order)
    out = []
    for i in order:
        p = paras[i]
        rng = random.Random(f"{seed}:{kind}:{p.pid}")
        inj = inject_dense(p.text, rng) if kind == "dense" else inject(kind, p.text, rng)
        if inj is not None:
            out.append((p, inj))
            if len(out) >= n:
                break
    return out


def classify_failure(inj: Injection, out: str, edits: list[EditT], clean_out: str | None = None) -> str:
    """Why an injected paragraph was not restored exactly.

    ``false edit on the clean text``: the output is what the tool makes of
    the clean paragraph (the artifact was repaired; the clean text itself
    draws an edit). ``missed``: no edit touched the damaged span. ``collateral
    edit elsewhere``: the edits touching the span restore it, another edit
    does harm. ``wrong repair``: the edits touching the span do not restore it.
    """
    if clean_out is not None and out == clean_out:
        return "false edit on the clean text"
    a, b = inj.span
    site = [e for e in edits if touches(e, a, b)]
    if not site:
        return "missed"
    if apply_edits(inj.text, site) in inj.accept:
        return "collateral edit elsewhere"
    return "wrong repair"


def section_recall(kind, samples, results, clean_out: dict, report_lines: list, pool, run_baselines: bool) -> dict:
    n = len(samples)
    exact = 0
    vs_clean = 0
    by_cls: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fail_cls: Counter = Counter()
    rule_in_fail: Counter = Counter()
    for (p, inj), (out, edits) in zip(samples, results):
        ok = out in inj.accept
        by_cls[inj.cls][1] += 1
        if ok:
            exact += 1
            vs_clean += 1
            by_cls[inj.cls][0] += 1
            continue
        if out == clean_out.get(p.pid):
            vs_clean += 1
        fc = classify_failure(inj, out, edits, clean_out.get(p.pid))
        fail_cls[fc] += 1
        for e in edits:
            rule_in_fail[e[0]] += 1
        a, b = inj.span
        site = [e for e in edits if touches(e, a, b)]
        elsewhere = [f"{e[0]}: {context(inj.text, e[1], e[2], e[4], 40)}" for e in edits if not touches(e, a, b)]
        local = apply_edits(inj.text, site)
        if local in inj.accept:
            exp_x = out_x = "(site restored; see elsewhere)"
        else:
            exp_x, out_x = diff_excerpt(inj.original, local)
        report_lines.append(json.dumps({
            "kind": kind, "cls": inj.cls, "failure": fc, "detail": inj.detail, "pid": p.pid,
            "injected": context(inj.text, a, b, None, 60), "expected": exp_x, "output": out_x,
            "site_rules": sorted({e[0] for e in site}), "elsewhere": elsewhere,
        }, ensure_ascii=False))
    res = {
        "n": n,
        "exact": exact / n if n else None,
        "exact_ignoring_clean_false_edits": vs_clean / n if n else None,
        "by_class": {c: {"n": t, "exact": k / t} for c, (k, t) in sorted(by_cls.items())},
        "failures": dict(fail_cls.most_common()),
        "rules_in_failures": dict(rule_in_fail.most_common()),
    }
    if run_baselines:
        for name, kinds in BASELINE_KINDS.items():
            if kind in kinds:
                args = [(name, inj.text) for _, inj in samples]
                outs = pool.map(_baseline_worker, args, chunksize=32) if pool else [_baseline_worker(x) for x in args]
                res[f"{name}_exact"] = sum(o in inj.accept for o, (_, inj) in zip(outs, samples)) / n if n else None
    return res


def section_dense(samples, results, report_lines: list) -> dict:
    before = after = 0
    exact = worse = 0
    for (p, inj), (out, _) in zip(samples, results):
        d0 = levenshtein(inj.text, inj.original)
        d1 = levenshtein(out, inj.original)
        before += d0
        after += d1
        if out in inj.accept:
            exact += 1
        else:
            if d1 > d0:
                worse += 1
            exp_x, out_x = diff_excerpt(inj.original, out)
            report_lines.append(json.dumps({
                "kind": "dense", "cls": inj.cls, "detail": inj.detail, "pid": p.pid,
                "distance_before": d0, "distance_after": d1, "expected": exp_x, "output": out_x,
            }, ensure_ascii=False))
    n = len(samples)
    return {
        "n": n,
        "error_reduction": 1 - after / before if before else None,
        "exact": exact / n if n else None,
        "made_worse": worse,
        "distance_before": before,
        "distance_after": after,
    }


# --- real MT candidates
def _bounded(s: str) -> str:
    left = r"(?<!\w)" if s[:1].isalnum() else ""
    right = r"(?!\w)" if s[-1:].isalnum() else ""
    return left + re.escape(s) + right


def _next_token(text: str) -> str:
    """What follows a span, up to the end of the next word (or a few punctuation marks)."""
    m = re.match(r"\s*(?:\w+|[^\w\s]{1,3})", text)
    return m.group() if m else ""


def candidate_expectation(row: dict) -> tuple[str, int, int, str] | tuple[str, str]:
    """How the reference writes a candidate's ``match``.

    Returns ("keep", start, end, match) when the reference writes the match
    itself; ("fix", start, end, fixed) when it writes the repaired form;
    ("unverifiable", reason) otherwise. See docs/accuracy.md.
    """
    typ, match, hyp, ref = row["type"], row["match"], row["hyp"], row["ref"]
    m = re.search(_bounded(match), hyp)
    if not m:
        return ("unverifiable", "match not in hyp")
    s, e = m.span()
    if re.search(_bounded(match), ref):
        return ("keep", s, e, match)
    nxt = _next_token(hyp[e:])
    if typ == "missing_space_after_punct":
        fix = re.sub(r"([.!?,;:])(?=\S)", r"\1 ", match, count=1)
        probe = fix
    elif typ == "lowercased_proper_noun":
        forms = [x.group() for x in re.finditer(_bounded(match), ref, re.I) if x.group() != match and not x.group().islower()]
        if not forms:
            return ("unverifiable", "reference has no capitalised form")
        fix = probe = Counter(forms).most_common(1)[0][0]
    elif typ == "repeated_word":
        fix = match.split()[0]
        probe = fix + nxt
    elif typ == "doubled_token":
        fix = match[: len(match) // 2]
        probe = fix + nxt
    elif typ == "midsentence_capital":
        w = re.search(r"(?<=\W)[A-Z][a-z]+", match)
        if not w:
            return ("unverifiable", "no capital in match")
        fix = match[:w.start()] + w.group().lower() + match[w.end():]
        nw = _next_token(match[w.end():])
        probe = w.group().lower() + nw
    else:
        return ("unverifiable", f"type {typ}")
    if not re.search(_bounded(probe), ref):
        return ("unverifiable", "reference has neither form")
    return ("fix", s, e, fix)


def candidate_outcome(hyp: str, edits: list[EditT], s: int, e: int, expect: str) -> tuple[bool, str]:
    """Apply only the edits touching [s, e) and compare that window with the expected form."""
    site = [x for x in edits if touches(x, s, e)]
    if not site:
        return expect == hyp[s:e], hyp[s:e]
    ws = min([s] + [x[1] for x in site])
    we = max([e] + [x[2] for x in site])
    shifted = [(r, a - ws, b - ws, bf, af) for r, a, b, bf, af in site]
    got = apply_edits(hyp[ws:we], shifted)
    want = hyp[ws:s] + expect + hyp[e:we]
    return got == want, got


def section_realmt(data_dir: Path, runner: Runner, seed: int, mt_limit: int | None, sample_n: int,
                   report_dir: Path, log) -> dict | None:
    path = data_dir / "dev_en_real_mt_outputs.tsv.gz"
    if not path.exists():
        log(f"skipping real MT: {path} not found")
        return None
    rows = [r for r in read_tsv(path, gz=True) if r["role"] == "hyp" and r["text"].strip()]
    if mt_limit:
        rows = rows[:mt_limit]
    t0 = time.time()
    results = runner.run([r["text"] for r in rows])
    words = sum(len(r["text"].split()) for r in rows)
    by_rule: Counter = Counter()
    all_edits = []
    changed = 0
    for i, (r, (out, edits)) in enumerate(zip(rows, results)):
        if out != r["text"]:
            changed += 1
        for j, e in enumerate(edits):
            by_rule[e[0]] += 1
            all_edits.append((i, j))
    rng = random.Random(f"{seed}:realmt-sample")
    picked = sorted(rng.sample(all_edits, min(sample_n, len(all_edits))))
    lines = []
    for i, j in picked:
        r = rows[i]
        e = results[i][1][j]
        lines.append(json.dumps({
            "corpus": r["corpus"], "pair": r["pair"], "system": r["system"], "doc_id": r["doc_id"],
            "seg_id": r["seg_id"], "rule": e[0], "before": e[3], "after": e[4],
            "context": context(r["text"], e[1], e[2], e[4], 80),
        }, ensure_ascii=False))
    (report_dir / "realmt_edit_sample.jsonl").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    res = {
        "rows": len(rows),
        "words": words,
        "changed_rate": changed / len(rows) if rows else 0.0,
        "edits": sum(by_rule.values()),
        "edits_per_10k_words": {k: 1e4 * v / words for k, v in by_rule.most_common()},
        "seconds": round(time.time() - t0, 1),
    }
    cpath = data_dir / "real_mt_artifact_candidates.tsv"
    if cpath.exists():
        res["candidates"] = section_candidates(read_tsv(cpath, gz=False), report_dir)
    return res


def section_candidates(rows: list[dict], report_dir: Path) -> dict:
    confirmed = [r for r in rows if r["confirmed_by_reference"] == "True"]
    outs = [_explain(r["hyp"]) for r in confirmed]
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    unverifiable: Counter = Counter()
    lines = []
    for r, (out, edits) in zip(confirmed, outs):
        exp = candidate_expectation(r)
        if exp[0] == "unverifiable":
            unverifiable[r["type"]] += 1
            verdict, ok, got = "unverifiable:" + exp[1], None, None
        else:
            verdict, s, e, want = exp
            ok, got = candidate_outcome(r["hyp"], edits, s, e, want)
            t = tally[verdict][r["type"]]
            t[1] += 1
            t[0] += int(ok)
        lines.append(json.dumps({
            "type": r["type"], "match": r["match"], "system": r["system"], "verdict": verdict,
            "ok": ok, "got": got, "expected": exp[3] if exp[0] != "unverifiable" else None,
        }, ensure_ascii=False))
    # Unconfirmed glued_words candidates: mostly brand names and compounds (negatives); how often we split them.
    neg = [r for r in rows if r["type"] == "glued_words" and r["confirmed_by_reference"] != "True"]
    touched = 0
    for r in neg:
        m = re.search(_bounded(r["match"]), r["hyp"])
        if m is None:
            continue
        _, edits = _explain(r["hyp"])
        if any(touches(e, m.start(), m.end()) for e in edits):
            touched += 1
    (report_dir / "realmt_candidates.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def total(v):
        k = sum(x[0] for x in tally[v].values())
        n = sum(x[1] for x in tally[v].values())
        return k, n

    fk, fn = total("fix")
    kk, kn = total("keep")
    return {
        "confirmed_rows": len(confirmed),
        "fix": {"ok": fk, "n": fn, "rate": fk / fn if fn else None,
                "by_type": {t: {"ok": a, "n": b} for t, (a, b) in sorted(tally["fix"].items())}},
        "keep": {"ok": kk, "n": kn, "rate": kk / kn if kn else None,
                 "by_type": {t: {"ok": a, "n": b} for t, (a, b) in sorted(tally["keep"].items())}},
        "unverifiable": dict(unverifiable),
        "unconfirmed_glued_words_touched": {"touched": touched, "n": len(neg)},
    }


def section_seed(path: Path, log) -> dict | None:
    if not path.exists():
        log(f"skipping seed check: {path} not found")
        return None
    p = subprocess.run([sys.executable, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = (p.stdout + p.stderr).strip()
    return {"passed": p.returncode == 0, "output": out}


# ------------------------------------------------------------------ the table
TABLE_HEADER = ("measure", "n", "mtclean", "target", "met", "ftfy (defaults)", "ftfy (quotes kept)", "wordninja splitter")


def markdown_table(summary: dict) -> str:
    """The summary as one Markdown table (what docs/accuracy.md shows)."""
    rows = ["| " + " | ".join(TABLE_HEADER) + " |", "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: |"]

    def row(*cells) -> None:
        cells = [str(c) for c in cells] + [""] * (len(TABLE_HEADER) - len(cells))
        rows.append("| " + " | ".join(cells) + " |")

    def base(d: dict | None, key: str, digits: int = 1, num: bool = False) -> str:
        if not d or d.get(key) is None:
            return ""
        return f"{d[key]:.1f}" if num else pct(d[key], digits)

    c = summary.get("clean")
    if c:
        b = summary.get("baselines", {})
        row("clean paragraphs changed", c["paragraphs"], pct(c["changed_rate"], 2), target_str("clean_changed"),
            meets("clean_changed", c["changed_rate"]), base(b.get("ftfy"), "changed_rate", 2),
            base(b.get("ftfy_keep_quotes"), "changed_rate", 2), base(b.get("wordninja"), "changed_rate", 1))
        row("clean: edits per 10k words", c["words"], f"{c['edits_per_10k_words']:.2f}")
        row("clean: character edits per 10k words", c["words"], f"{c['char_edits_per_10k_words']:.2f}", "", "",
            base(b.get("ftfy"), "char_edits_per_10k_words", num=True),
            base(b.get("ftfy_keep_quotes"), "char_edits_per_10k_words", num=True),
            base(b.get("wordninja"), "char_edits_per_10k_words", num=True))
    for kind, r in summary.get("recall", {}).items():
        row(f"{KIND_LABELS.get(kind, kind)}: exact restore", r["n"], pct(r["exact"]), target_str(kind),
            meets(kind, r["exact"]), base(r, "ftfy_exact"), base(r, "ftfy_keep_quotes_exact"), base(r, "wordninja_exact"))
    d = summary.get("dense")
    if d:
        row("dense paragraphs (3-5 artifacts): error reduction", d["n"], pct(d["error_reduction"]),
            target_str("dense_error_reduction"), meets("dense_error_reduction", d["error_reduction"]))
        row("dense paragraphs: exact restore", d["n"], pct(d["exact"]))
    m = summary.get("realmt")
    if m:
        row("real MT output: edits per 10k words (all rules)", m["words"], f"{sum(m['edits_per_10k_words'].values()):.1f}")
        cand = m.get("candidates")
        if cand:
            row("real MT candidates where the reference has the fix: fixed so", cand["fix"]["n"], pct(cand["fix"]["rate"]))
            row("real MT candidates where the reference keeps the match: kept", cand["keep"]["n"], pct(cand["keep"]["rate"]))
    s = summary.get("seed_article")
    if s is not None:
        row("seed article check", 1, "pass" if s["passed"] else "FAIL", "pass", "yes" if s["passed"] else "**no**")
    return "\n".join(rows)


DOC_START = "<!-- accuracy-table:start -->"
DOC_END = "<!-- accuracy-table:end -->"


def write_doc_table(doc: Path, table: str, header: str) -> bool:
    text = doc.read_text(encoding="utf-8")
    if DOC_START not in text or DOC_END not in text:
        return False
    a = text.index(DOC_START) + len(DOC_START)
    b = text.index(DOC_END)
    doc.write_text(text[:a] + "\n" + header + "\n\n" + table + "\n" + text[b:], encoding="utf-8")
    return True


# ------------------------------------------------------------------ main
def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description="Measure mtclean: false edits on clean text, recall per injected artifact kind, dense "
                    "paragraphs, real MT output, with ftfy and wordninja baselines.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                    help="directory holding dev_en_clean.tsv.gz etc. (skips cleanly where absent)")
    ap.add_argument("--report-dir", type=Path, default=ROOT / "reports",
                    help="where the JSONL files of every false edit, every failure and the MT edit sample go")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N clean paragraphs")
    ap.add_argument("--kinds", default="all",
                    help="comma-separated injection kinds to measure (%s, dense) or 'all'" % ", ".join(KINDS))
    ap.add_argument("--per-kind", type=int, default=1000, help="injected paragraphs per kind (and dense paragraphs)")
    ap.add_argument("--seed", type=int, default=13, help="seed of every random choice")
    ap.add_argument("--show", type=int, default=20, help="print the first N false edits on clean text")
    ap.add_argument("--show-failures", type=int, default=3, help="print N failures per kind")
    ap.add_argument("--skip", default="", help="comma-separated sections to skip: baselines, realmt, seed")
    ap.add_argument("--mt-limit", type=int, default=None, help="use only the first N real MT hypotheses")
    ap.add_argument("--mt-sample", type=int, default=100, help="real MT edits sampled to the report dir")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    ap.add_argument("--seed-check", type=Path, default=DEFAULT_SEED_CHECK, help="path of check_seed.py")
    ap.add_argument("--json", action="store_true", help="print only a machine-readable JSON summary")
    ap.add_argument("--write-doc", type=Path, default=None, metavar="MD",
                    help="replace the table between the accuracy-table markers in this Markdown file "
                         "(e.g. docs/accuracy.md)")
    return ap.parse_args(argv)


def figures_command(args) -> str:
    """The command line that reproduces the figures (without options that only change the printing)."""
    parts = ["python benchmarks/accuracy.py"]
    defaults = vars(parse_args([]))
    for opt in ("limit", "kinds", "per_kind", "seed", "skip", "mt_limit", "data_dir"):
        v = getattr(args, opt)
        if v != defaults[opt]:
            parts.append(f"--{opt.replace('_', '-')} {v}")
    return " ".join(parts)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if any(a == "--lang" or a.startswith("--lang=") for a in argv):
        # Languages other than English: benchmarks/lang_accuracy.py (same data
        # directory option, its own kinds and per-language table).
        from benchmarks import lang_accuracy

        return lang_accuracy.main(argv)
    args = parse_args(argv)
    out_stream = sys.stderr if args.json else sys.stdout

    def log(*a):
        print(*a, file=out_stream, flush=True)

    clean_path = args.data_dir / "dev_en_clean.tsv.gz"
    if not clean_path.exists():
        print(f"skipping: {clean_path} not found (the dev data lives outside the repository)")
        return 0
    kinds = list(KINDS) + ["dense"] if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS and k != "dense"]
    if unknown:
        print(f"unknown kind(s): {', '.join(unknown)}; kinds are {', '.join(KINDS)}, dense", file=sys.stderr)
        return 2
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    args.report_dir.mkdir(parents=True, exist_ok=True)
    t_start = time.time()

    import mtclean

    paras = load_paragraphs(clean_path, limit=args.limit)
    runner = Runner(args.jobs)
    summary: dict = {
        "command": figures_command(args),
        "random_seed": args.seed,
        "mtclean_version": getattr(mtclean, "__version__", "?"),
        "git_commit": _git_commit(),
    }
    try:
        # 1. false edits
        t0 = time.time()
        results = runner.run([p.text for p in paras])
        clean_out = {p.pid: r[0] for p, r in zip(paras, results)}
        log(f"== False edits on clean text: {len(paras)} paragraphs, {sum(p.words for p in paras)} words "
            f"({time.time() - t0:.0f}s)")
        log(f"   first {args.show} edits (rule, …context[before→after]context…):")
        summary["clean"] = c = section_clean(paras, results, args.report_dir, args.show, log)
        log(f"   changed {c['changed']}/{c['paragraphs']} = {pct(c['changed_rate'], 2)} (target ≤ 0.2%); "
            f"{c['edits_per_10k_words']:.2f} edits and {c['char_edits_per_10k_words']:.2f} character edits per 10k words; "
            f"{c['allowed_only_paragraphs']} more paragraphs changed only by the allowed russia/putin capitals")
        log("   edits by rule: " + (", ".join(f"{k} {v}" for k, v in c["edits_by_rule"].items()) or "none"))
        log(f"   all edits: {args.report_dir / 'false_edits.jsonl'}")

        if "baselines" not in skip:
            t0 = time.time()
            summary["baselines"] = {name: baseline_clean(name, paras, runner.pool) for name in BASELINES}
            b = summary["baselines"]
            log(f"   baselines on the same paragraphs: ftfy changed {pct(b['ftfy']['changed_rate'], 2)} "
                f"({pct(b['ftfy_keep_quotes']['changed_rate'], 2)} with uncurl_quotes=False), "
                f"wordninja splitter changed {pct(b['wordninja']['changed_rate'], 1)} ({time.time() - t0:.0f}s)")

        # 2. recall, 3. dense
        fail_lines: list[str] = []
        summary["recall"] = {}
        for kind in kinds:
            t0 = time.time()
            samples = sample_injections(kind, paras, args.per_kind, args.seed)
            res_k = runner.run([inj.text for _, inj in samples])
            if kind == "dense":
                n_before = len(fail_lines)
                summary["dense"] = d = section_dense(samples, res_k, fail_lines)
                log(f"== Dense paragraphs: {d['n']}: error reduction {pct(d['error_reduction'])} (target ≥ 90%), "
                    f"exact {pct(d['exact'])}, made worse {d['made_worse']} ({time.time() - t0:.0f}s)")
                for line in fail_lines[n_before:n_before + args.show_failures]:
                    x = json.loads(line)
                    log(f"   [{x['detail']}]\n      want {x['expected']}\n      got  {x['output']}")
                continue
            n_before = len(fail_lines)
            r = section_recall(kind, samples, res_k, clean_out, fail_lines, runner.pool, "baselines" not in skip)
            summary["recall"][kind] = r
            extra = "".join(f", {b} {pct(r[b + '_exact'])}" for b in BASELINES if b + "_exact" in r)
            log(f"== {KIND_LABELS[kind]}: exact {pct(r['exact'])} of {r['n']} (target {target_str(kind)}); "
                f"ignoring false edits elsewhere {pct(r['exact_ignoring_clean_false_edits'])}{extra} ({time.time() - t0:.0f}s)")
            log("   by class: " + ", ".join(f"{c_} {pct(v['exact'], 0)} of {v['n']}" for c_, v in r["by_class"].items()))
            if r["failures"]:
                log("   failures: " + ", ".join(f"{k} {v}" for k, v in r["failures"].items()))
            for line in fail_lines[n_before:n_before + args.show_failures]:
                x = json.loads(line)
                log(f"   [{x['cls']}; {x['failure']}] injected {x['injected']}\n      want {x['expected']}\n      got  {x['output']}"
                    + "".join(f"\n      elsewhere {e}" for e in x["elsewhere"]))
        (args.report_dir / "recall_failures.jsonl").write_text("\n".join(fail_lines) + ("\n" if fail_lines else ""),
                                                               encoding="utf-8")
        log(f"   all failures: {args.report_dir / 'recall_failures.jsonl'}")

        # 4. real MT
        if "realmt" not in skip:
            m = section_realmt(args.data_dir, runner, args.seed, args.mt_limit, args.mt_sample, args.report_dir, log)
            if m:
                summary["realmt"] = m
                log(f"== Real MT output: {m['rows']} hypotheses, {m['words']} words, {pct(m['changed_rate'], 2)} changed "
                    f"({m['seconds']}s)")
                log("   edits per 10k words: " + ", ".join(f"{k} {v:.2f}" for k, v in m["edits_per_10k_words"].items()))
                cand = m.get("candidates")
                if cand:
                    log(f"   confirmed candidates ({cand['confirmed_rows']}): reference has the fix: "
                        f"{cand['fix']['ok']}/{cand['fix']['n']} fixed so; reference keeps the match: "
                        f"{cand['keep']['ok']}/{cand['keep']['n']} kept; unverifiable {sum(cand['unverifiable'].values())}")
                    log("   fix by type: " + ", ".join(f"{t} {v['ok']}/{v['n']}" for t, v in cand["fix"]["by_type"].items()))
                    log("   keep by type: " + ", ".join(f"{t} {v['ok']}/{v['n']}" for t, v in cand["keep"]["by_type"].items()))
                    u = cand["unconfirmed_glued_words_touched"]
                    log(f"   unconfirmed glued_words candidates (mostly names/compounds) split: {u['touched']}/{u['n']}")
                log(f"   sample of edits: {args.report_dir / 'realmt_edit_sample.jsonl'}")
    finally:
        runner.close()

    # 5. seed
    if "seed" not in skip:
        s = section_seed(args.seed_check, log)
        if s is not None:
            summary["seed_article"] = s
            log("== Seed article: " + ("pass" if s["passed"] else "FAIL") + "\n   " + s["output"].replace("\n", "\n   "))

    summary["seconds"] = round(time.time() - t_start, 1)
    table = markdown_table(summary)
    (args.report_dir / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    header = (f"Measured {time.strftime('%Y-%m-%d')} at commit `{summary['git_commit']}` with "
              f"`{summary['command'].strip()}` ({summary['seconds']:.0f}s).")
    if args.write_doc:
        if write_doc_table(args.write_doc, table, header):
            log(f"table written to {args.write_doc}")
        else:
            log(f"no {DOC_START} … {DOC_END} markers in {args.write_doc}; table not written")
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        log("\n== Summary (Markdown)\n")
        log(header + "\n")
        log(table)
    return 0


def _git_commit() -> str:
    """HEAD's short hash, marked when src/ has uncommitted changes or mtclean is imported from elsewhere."""
    import mtclean

    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        where = Path(mtclean.__file__).resolve()
        if ROOT / "src" not in where.parents:
            return out.stdout.strip() + f" (mtclean imported from {where.parent})"
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True,
                               timeout=10).stdout.strip()
        return out.stdout.strip() + ("+dirty src" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
