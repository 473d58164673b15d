#!/usr/bin/env python3
"""Build the compact lexicon tables shipped in ``src/mtclean/data/``.

usage: python scripts/build_lexicon.py [LANG ...]     (default: en)

Sources (both installed from PyPI; neither is needed at run time for the
shipped languages):

* word frequencies: ``wordfreq`` (Robyn Speer et al., code Apache-2.0, data
  CC BY-SA 4.0), the ``best`` word list, as Zipf values;
* letter case: ``spacy-lookups-data`` (Explosion, MIT), the cased
  ``{lang}_lexeme_prob`` table (log probabilities of ~1M case-sensitive
  word forms).

The tables are first made as UTF-8 text, one section a line:

* ``W<TAB>zipf*10<TAB>r*4<TAB>word word ...``: lower-case words with that
  Zipf value (0 when only the cased table knows them) and r = log10(P(Title
  form) / P(lower form)), clipped to [-6, 6] (empty when not known);
* ``F<TAB>r*4<TAB>Form Form ...``: the most probable written form of a word
  where it is neither lower nor Title case (``NATO``, ``iPhone``), with r =
  log10(P(form) / P(lower form)).

Output ``{lang}.lex.gz``: those tables packed by ``mtclean.lexicon.pack_table``
(gzip): the frequent words as text for a dict, the rest as sorted CRC-32
arrays and a blob of UTF-8 words, read at load time with no parsing (fast
cold start, about 12 MB less memory than a dict for English).

    python scripts/build_lexicon.py --from-text OLD.lex.gz [LANG]

packs a table already in the text form (the format shipped before:
gzip of the lines above) without the sources: the shipped ``en.lex.gz`` was
made so from the text table built from wordfreq 3.x and spacy-lookups-data.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import pathlib
import sys
from collections import defaultdict


OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "mtclean" / "data"
LN10 = math.log(10)
FLOOR = -21.0  # ln-prob given to a form the cased table lacks
MIN_ZIPF = 1.0


def build(lang: str) -> pathlib.Path:
    import spacy_lookups_data
    import wordfreq

    freqs = wordfreq.get_frequency_dict(lang, wordlist="best")
    zipf: dict[str, int] = {}
    for w, f in freqs.items():
        z = math.log10(f * 1e9) if f > 0 else 0.0
        if z >= MIN_ZIPF and " " not in w and "\t" not in w:
            zipf[w] = round(z * 10)

    data_dir = pathlib.Path(spacy_lookups_data.__file__).parent / "data"
    probs: dict[str, float] = json.load(gzip.open(data_dir / f"{lang}_lexeme_prob.json.gz", "rt", encoding="utf-8"))
    by_lower: dict[str, dict[str, float]] = defaultdict(dict)
    for form, lp in probs.items():
        if not form or not form[0].isalpha() or " " in form:
            continue
        low = form.lower()
        if low in zipf or form != low:
            by_lower[low][form] = lp

    title_ratio: dict[int, list[str]] = defaultdict(list)
    forms: dict[int, list[str]] = defaultdict(list)
    for low, fs in by_lower.items():
        # Keep the table to words that are known or frequent enough to matter.
        total = math.log(sum(math.exp(v) for v in fs.values()))
        if low not in zipf and total < -19.5:
            continue
        if low not in fs and zipf.get(low, 0) >= 35:
            # Common in running text but missing in lower case from the cased
            # table (its tokenizer split "cannot"): its case is unknown.
            continue
        if low in zipf and (zipf[low] / 10 - 9) * LN10 - total > 4.0:
            # wordfreq sees the word >50x more often than the cased table
            # does: the table's counts for it are tokenizer noise.
            continue
        lp_low = fs.get(low, FLOOR)
        title = low[:1].upper() + low[1:]
        lp_title = fs.get(title, FLOOR)
        if title != low and (title in fs or low in fs):
            r = max(-6.0, min(6.0, (lp_title - lp_low) / LN10))
            title_ratio[round(r * 4)].append(low)
        others = {f: v for f, v in fs.items() if f not in (low, title)}
        if others:
            best, lp_best = max(others.items(), key=lambda kv: kv[1])
            if lp_best > max(lp_low, lp_title):
                r = max(-6.0, min(6.0, (lp_best - lp_low) / LN10))
                forms[round(r * 4)].append(best)

    ratio_of = {w: r for r, ws in title_ratio.items() for w in ws}
    by_zr: dict[tuple[int, str], list[str]] = defaultdict(list)
    for w in set(zipf) | set(ratio_of):
        r = ratio_of.get(w)
        by_zr[zipf.get(w, 0), "" if r is None else str(r)].append(w)
    lines = [f"W\t{z}\t{r}\t{' '.join(sorted(ws))}" for (z, r), ws in sorted(by_zr.items(), reverse=True)]
    lines += [f"F\t{r}\t{' '.join(sorted(ws))}" for r, ws in sorted(forms.items())]
    return write(lang, lines)


def tables_of_lines(lines: list[str]) -> tuple[dict[str, int], dict[str, tuple[str, int]]]:
    """``(words, forms)`` of the text form: lower-case word -> value, and -> (usual form, 4 * ratio).

    A word's value is zipf*10 + 256 * (r*4 + 32), the high part 0 when r is
    not known. A word given twice keeps its later value.
    """
    words: dict[str, int] = {}
    forms: dict[str, tuple[str, int]] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        if line[0] == "W":
            _, z, r, ws = line.split("\t", 3)
            value = int(z) + (256 * (int(r) + 32) if r else 0)
            words.update(dict.fromkeys(ws.split(" "), value))
        elif line[0] == "F":
            _, r, ws = line.split("\t", 2)
            forms.update(zip(ws.lower().split(" "), zip(ws.split(" "), itertools.repeat(int(r)))))
    return words, forms


def write(lang: str, lines: list[str]) -> pathlib.Path:
    from mtclean.lexicon import pack_table

    words, forms = tables_of_lines(lines)
    data = pack_table(words, forms, f"mtclean lexicon for {lang}: see scripts/build_lexicon.py for sources and licences")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{lang}.lex.gz"
    # (mtime 0: the same tables give the same bytes)
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    n_ratios = sum(1 for v in words.values() if v >> 8)
    print(f"{path}: {len(words)} words, {n_ratios} case ratios, {len(forms)} special forms, "
          f"{path.stat().st_size / 1e6:.1f} MB")
    return path


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--from-text"]:
        text = gzip.decompress(pathlib.Path(args[1]).read_bytes()).decode("utf-8")
        write((args[2:] or ["en"])[0], text.split("\n"))
    else:
        for lang in args or ["en"]:
            build(lang)
