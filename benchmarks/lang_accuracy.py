#!/usr/bin/env python3
"""Accuracy per language other than English: damage on clean text, exact restore of injected artifacts.

    python benchmarks/lang_accuracy.py [--data ../shared/dev-data] [--lang de,fr] [--per-kind 300]
    python benchmarks/accuracy.py --lang de,fr        # the same, from the main harness

For each language (de fr es pt ru uk by default; it nl pl cs have no clean
dev paragraphs and are left out unless data is given):

1. Damage: ``mtclean.explain(p, lang=L)`` on clean paragraphs of
   ``dev_multi_clean.tsv.gz`` (3 consecutive segments of one document, as
   in benchmarks/accuracy.py) and on ``dev_multi_genres.tsv.gz`` (one
   paragraph a row). Share of paragraphs that get any edit.
2. Exact restore: one artifact injected into a clean paragraph at a time
   (the kinds below); the output must be the clean paragraph exactly.

Kinds: ``doubled_words`` (a lower-case word written twice, not one the
language doubles on its own), ``repetition_loops`` (2-4 words repeated 2-3
times), ``doubled_names`` (a mid-sentence capitalised word glued to itself),
``space_before_punct`` (a tokenizer space before ``, .`` and, outside
French, ``; : ! ?``), ``space_after_punct`` (the space after a sentence end
or a comma lost), ``entities`` (characters written as HTML named entities:
one sentence's or the whole text's), ``mojibake_cp1252`` / ``mojibake_cp1251``
(UTF-8 read as Windows-1252 / Windows-1251, a sentence or the whole text),
``stray_openings`` (an upper-case conjunction of the language glued to the
first word, or an LLM preamble), ``lookalikes`` (ru/uk: a Cyrillic letter in
a word written with its Latin look-alike).

Edits on clean text and failures go to ``--report-dir`` (outside the
repository by default: the corpus text must not be committed). Skips cleanly
(exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html.entities
import json
import multiprocessing
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import join_segments  # noqa: E402
from benchmarks.injections import (  # noqa: E402
    Injection,
    changed_region,
    inject_repetition_loops,
    mojibake,
)

csv.field_size_limit(10**8)
LANGS = ("de", "fr", "es", "pt", "ru", "uk")
TARGETS = {"clean_changed": 0.003, "lookalikes": 0.85}
DEFAULT_TARGET = 0.90

# Lower-case words a language writes twice on its own (never injected as a
# doubled word): the measurement must not count a legitimate double.
_INJECT_SKIP = {
    "de": "die der das sie",
    "fr": "nous vous",
    "pt": "se",
    "es": "",
    "ru": "что",
    "uk": "що",
}
# Upper-case conjunctions a stray token of the language would be.
STRAY = {
    "de": ("UND", "ABER", "ODER"),
    "fr": ("ET", "MAIS", "OU"),
    "es": ("Y", "PERO"),
    "pt": ("E", "MAS"),
    "it": ("E", "MA"),
    "nl": ("EN", "MAAR"),
    "pl": ("I", "ALE"),
    "cs": ("A", "ALE"),
    "ru": ("И", "НО", "А"),
    "uk": ("І", "АЛЕ", "А"),
}
PREAMBLES = (
    "Here is the translation:\n\n",
    "Sure! Here's the translation:\n\n",
    "Translation: ",
)
# Latin letters that look like Cyrillic ones (the lower-case ones MT and OCR mix in).
LOOKALIKE = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
             "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
             "Х": "X"}


def base(code: str) -> str:
    return code.split("-")[0].lower()


# ------------------------------------------------------------------ data
def load_clean(data: Path, langs: set[str], size: int = 3) -> dict[str, list[tuple[str, str]]]:
    """lang -> [(pid, paragraph)] from dev_multi_clean (3 segments a paragraph, never across documents)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    with gzip.open(data / "dev_multi_clean.tsv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            lang = base(row["lang"])
            if lang in langs and row["text"].strip():
                groups[(lang, row["lang"], row["corpus"], row["role"], row["doc_id"])].append(row)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, rows in groups.items():
        rows.sort(key=lambda r: (int(r["seg_id"]) if r["seg_id"].isdigit() else 0, r["seg_id"]))
        for i in range(0, len(rows), size):
            chunk = rows[i:i + size]
            out[key[0]].append(("|".join([*key[1:], chunk[0]["seg_id"]]), join_segments([r["text"] for r in chunk])))
    return dict(out)


def load_genres(data: Path, langs: set[str]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    path = data / "dev_multi_genres.tsv.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            lang = base(row["lang"])
            if lang in langs and row["text"].strip():
                out[lang].append((f"genres|{row['doc_id']}|{row['seg_id']}", row["text"]))
    return dict(out)


# ------------------------------------------------------------------ injections
_W_L = r"(?<![\p{L}\p{N}\p{M}'’ʼ_@#./\\&-])"
_W_R = r"(?![\p{L}\p{N}\p{M}_@-])(?!['’ʼ]\p{L})"
_LOWER = regex.compile(_W_L + r"\p{Ll}+" + _W_R)
_TITLE = regex.compile(_W_L + r"\p{Lu}\p{Ll}{3,}" + _W_R)
_SENT = regex.compile(r"[^\n]+?(?:[.!?…][\"”’»)]*(?= |\n|\Z)|\Z|(?=\n))")


def _rep(kind: str, cls: str, text: str, start: int, end: int, repl: str, detail: str = "") -> Injection:
    new = text[:start] + repl + text[end:]
    return Injection(kind, cls, new, (text,), (start, start + len(repl)), detail or repl[:40])


def inj_doubled_words(text, rng, lang):
    skip = set(_INJECT_SKIP.get(lang, "").split())
    sites = [m for m in _LOWER.finditer(text) if m.group() not in skip
             and text[m.end():m.end() + 1] in (" ", ",", ".", ";", ":", "!", "?", "")
             and text[max(0, m.start() - 1):m.start()] in ("", " ")]
    if not sites:
        return None
    m = rng.choice(sites)
    return _rep("doubled_words", "word", text, m.start(), m.end(), m.group() + " " + m.group())


def inj_loops(text, rng, lang):
    return inject_repetition_loops(text, rng)


def inj_doubled_names(text, rng, lang):
    sites = [m for m in _TITLE.finditer(text) if m.start() >= 2 and text[m.start() - 1] == " "
             and (text[m.start() - 2].islower() or text[m.start() - 2] == ",")]
    if not sites:
        return None
    m = rng.choice(sites)
    return _rep("doubled_names", "capitalised word", text, m.start(), m.end(), m.group() * 2)


_PUNCT_SITE = regex.compile(r"(?<=[\p{L}\p{N}”\"’)\]»])[,.;:?!](?=\s|\Z)")
_ABBR = regex.compile(r"(?:^|\s)\S*\.\S*$|(?:^|\s)\p{Lu}$|(?:^|\s)(?:bzw|z\.B|ca|Nr|Dr|St|Mr|Sr|Sra|Dra|etc|usw|vs|т|г|др|пр|им)$")


def inj_space_before(text, rng, lang):
    french = lang == "fr"
    sites = []
    for m in _PUNCT_SITE.finditer(text):
        ch = m.group()
        if french and ch in ";:!?":
            continue
        if ch == "." and _ABBR.search(text[max(0, m.start() - 12):m.start()]):
            continue
        sites.append(m.start())
    if not sites:
        return None
    if rng.random() < 0.5:
        i = rng.choice(sites)
        return _rep("space_before_punct", "one site", text, i, i, " ")
    new = []
    pos = 0
    for i in sites:
        new.append(text[pos:i] + " ")
        pos = i
    new.append(text[pos:])
    s = "".join(new)
    p, _, e = changed_region(text, s)
    return Injection("space_before_punct", "every site", s, (text,), (p, e), f"{len(sites)} sites")


_SENT_END = regex.compile(r"(?<![\p{L}\p{N}.'’&-])(\p{L}{3,})([.!?]) (?=\p{Lu}\p{Ll})")
_COMMA = regex.compile(r"(?<=\p{L}{2}), (?=\p{L}{2})")


def inj_space_after(text, rng, lang):
    sites = {"sentence end": [m.end() - 1 for m in _SENT_END.finditer(text) if not m.group(1).isupper()
                              and m.group(1)[-1].islower()],
             "comma": [m.end() - 1 for m in _COMMA.finditer(text)]}
    sites = {k: v for k, v in sites.items() if v}
    if not sites:
        return None
    cls = rng.choice(sorted(sites))
    i = rng.choice(sites[cls])
    return _rep("space_after_punct", cls, text, i, i + 1, "")


# HTML 4 names (the ones every exporter writes) for the non-ASCII characters.
_ENT = {cp: f"&{name};" for name, cp in html.entities.name2codepoint.items() if cp > 127}
_ENT.update({ord("'"): "&apos;", ord('"'): "&quot;", ord("&"): "&amp;"})


def inj_entities(text, rng, lang):
    """Characters written as entities, as some MT pipelines and CMS exports do: one sentence or the whole text."""
    sents = [m for m in _SENT.finditer(text) if any(ord(c) in _ENT for c in m.group())]
    if not sents:
        return None
    cls = rng.choice(("one sentence", "whole"))
    if cls == "whole":
        new = text.translate(_ENT)
    else:
        m = rng.choice(sents)
        new = text[:m.start()] + m.group().translate(_ENT) + text[m.end():]
    p, _, e = changed_region(text, new)
    return Injection("entities", cls, new, (text,), (p, e), new[p:p + 30])


def _moji(codec: str):
    def inj(text, rng, lang):
        if text.isascii():
            return None
        if rng.random() < 0.5:
            new, cls = _decode(text, codec), "whole"
        else:
            sents = [m for m in _SENT.finditer(text) if not m.group().isascii()]
            if not sents:
                return None
            m = rng.choice(sents)
            new, cls = text[:m.start()] + _decode(m.group(), codec) + text[m.end():], "part"
        p, _, e = changed_region(text, new)
        return Injection(f"mojibake_{codec}", cls, new, (text,), (p, e), new[p:p + 30])
    return inj


def _decode(s: str, codec: str) -> str:
    if codec == "cp1252":
        return mojibake(s, "cp1252")
    data = s.encode("utf-8")
    if codec == "cp1251":
        import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1251)
        return data.decode("sloppy-windows-1251")
    return data.decode(codec, errors="replace")


def inj_stray(text, rng, lang):
    first = regex.match(r"\A\p{Lu}\p{Ll}+\b", text)
    if first and rng.random() < 0.6 and lang in STRAY:
        tok = rng.choice(STRAY[lang])
        return _rep("stray_openings", "stray token", text, 0, 0, tok, tok + first.group())
    pre = rng.choice(PREAMBLES)
    return _rep("stray_openings", "preamble", text, 0, 0, pre, pre.strip())


_CYR_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Cyrillic}{4,}(?![\p{L}\p{N}])")


def inj_lookalikes(text, rng, lang):
    sites = [m for m in _CYR_WORD.finditer(text) if any(c in LOOKALIKE for c in m.group())]
    if not sites:
        return None
    m = rng.choice(sites)
    w = m.group()
    idx = [i for i, c in enumerate(w) if c in LOOKALIKE]
    k = 1 if rng.random() < 0.7 else min(2, len(idx))
    chosen = set(rng.sample(idx, k))
    new = "".join(LOOKALIKE[c] if i in chosen else c for i, c in enumerate(w))
    return _rep("lookalikes", f"{k} letter(s)", text, m.start(), m.end(), new)


KINDS = {
    "doubled_words": inj_doubled_words,
    "repetition_loops": inj_loops,
    "doubled_names": inj_doubled_names,
    "space_before_punct": inj_space_before,
    "space_after_punct": inj_space_after,
    "entities": inj_entities,
    "mojibake_cp1252": _moji("cp1252"),
    "mojibake_cp1251": _moji("cp1251"),
    "stray_openings": inj_stray,
    "lookalikes": inj_lookalikes,
}
CYRILLIC_ONLY = {"lookalikes"}


# ------------------------------------------------------------------ running
_LANG = "en"


def _init(lang: str) -> None:
    global _LANG
    _LANG = lang


def _explain(text: str):
    import mtclean

    r = mtclean.explain(text, lang=_LANG)
    return r.text, [(e.rule, e.start, e.end, e.before, e.after) for e in r.edits]


def run_all(texts: list[str], lang: str, jobs: int):
    _init(lang)
    if jobs <= 1 or len(texts) < 200:
        return [_explain(t) for t in texts]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init, initargs=(lang,)) as pool:
        return pool.map(_explain, texts, chunksize=32)


def measure(lang: str, clean: list[tuple[str, str]], genres: list[tuple[str, str]], per_kind: int, seed: int,
            jobs: int, report: Path | None, kinds: list[str]) -> dict:
    res: dict = {"lang": lang}
    lines: list[str] = []
    for name, paras in (("clean", clean), ("genres", genres)):
        if not paras:
            continue
        outs = run_all([t for _, t in paras], lang, jobs)
        changed = 0
        by_rule: Counter = Counter()
        for (pid, t), (out, edits) in zip(paras, outs):
            if out != t:
                changed += 1
                for e in edits:
                    by_rule[e[0]] += 1
                    lines.append(json.dumps({"set": name, "pid": pid, "rule": e[0], "before": e[3], "after": e[4],
                                             "context": t[max(0, e[1] - 50):e[2] + 50]}, ensure_ascii=False))
        res[name] = {"n": len(paras), "changed": changed, "rate": changed / len(paras), "by_rule": dict(by_rule)}
    pool = clean + genres
    fails: list[str] = []
    res["recall"] = {}
    for kind in kinds:
        if kind in CYRILLIC_ONLY and lang not in ("ru", "uk"):
            continue
        order = list(range(len(pool)))
        random.Random(f"{seed}:{lang}:{kind}").shuffle(order)
        samples = []
        for i in order:
            pid, t = pool[i]
            inj = KINDS[kind](t, random.Random(f"{seed}:{lang}:{kind}:{pid}"), lang)
            if inj is not None:
                samples.append(inj)
                if len(samples) >= per_kind:
                    break
        outs = run_all([s.text for s in samples], lang, jobs)
        ok = 0
        by_cls: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for inj, (out, edits) in zip(samples, outs):
            good = out in inj.accept
            ok += good
            by_cls[inj.cls][0] += good
            by_cls[inj.cls][1] += 1
            if not good:
                a, b = inj.span
                fails.append(json.dumps({"kind": kind, "cls": inj.cls, "injected": inj.text[max(0, a - 40):b + 40],
                                         "edits": [e[:1] + e[3:] for e in edits][:6],
                                         "expected_region": inj.original[max(0, a - 40):b + 40]}, ensure_ascii=False))
        res["recall"][kind] = {"n": len(samples), "exact": ok / len(samples) if samples else None,
                               "by_class": {c: f"{k}/{n}" for c, (k, n) in sorted(by_cls.items())}}
    if report:
        report.mkdir(parents=True, exist_ok=True)
        (report / f"lang_{lang}_clean_edits.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (report / f"lang_{lang}_failures.jsonl").write_text("\n".join(fails) + "\n", encoding="utf-8")
    return res


def table(results: list[dict]) -> str:
    kinds = [k for k in KINDS if any(k in r["recall"] for r in results)]
    head = ["measure", *[r["lang"] for r in results], "target"]
    rows = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * len(results) + " --- |"]

    def cell(d: dict | None, key: str = "rate", digits: int = 2) -> str:
        if not d or d.get(key) is None:
            return "–"
        return f"{100 * d[key]:.{digits}f}% ({d['n']})"

    rows.append("| clean paragraphs changed (dev_multi_clean) | " + " | ".join(cell(r.get("clean")) for r in results)
                + " | ≤ 0.3% |")
    rows.append("| clean paragraphs changed (dev_multi_genres) | " + " | ".join(cell(r.get("genres")) for r in results)
                + " | ≤ 0.3% |")
    for k in kinds:
        bar = TARGETS.get(k, DEFAULT_TARGET)
        rows.append(f"| {k.replace('_', ' ')}: exact restore | "
                    + " | ".join(cell(r["recall"].get(k), "exact", 1) for r in results) + f" | ≥ {100 * bar:g}% |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", "--data-dir", dest="data", type=Path, default=ROOT.parent / "shared" / "dev-data")
    ap.add_argument("--lang", default=",".join(LANGS), help="comma-separated language codes")
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--kinds", default="all")
    ap.add_argument("--limit", type=int, default=None, help="clean paragraphs per language and set (seeded sample)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--report-dir", type=Path, default=None, help="write clean-text edits and failures here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "dev_multi_clean.tsv.gz").exists():
        print(f"skipping: no dev data at {args.data}")
        return 0
    langs = [base(x) for x in args.lang.split(",") if x.strip()]
    kinds = list(KINDS) if args.kinds == "all" else [k for k in args.kinds.split(",") if k]
    clean = load_clean(args.data, set(langs))
    genres = load_genres(args.data, set(langs))
    results = []
    t0 = time.time()
    for lang in langs:
        c, g = clean.get(lang, []), genres.get(lang, [])
        if args.limit:
            rng = random.Random(args.seed)
            c = rng.sample(c, min(args.limit, len(c)))
            g = rng.sample(g, min(args.limit, len(g)))
        r = measure(lang, c, g, args.per_kind, args.seed, args.jobs, args.report_dir, kinds)
        results.append(r)
        print(f"{lang}: done at {time.time() - t0:.0f}s", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
    else:
        print(table(results))
        for r in results:
            for name in ("clean", "genres"):
                if r.get(name) and r[name]["by_rule"]:
                    print(f"{r['lang']} {name} edits by rule: {r[name]['by_rule']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
