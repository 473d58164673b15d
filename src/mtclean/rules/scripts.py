"""Letters of the wrong script: Latin look-alikes in Cyrillic words (and back), Russian letters in Ukrainian."""

from __future__ import annotations

import re
from typing import Iterator

import regex

from ..languages import codes_where, facts, fold
from ..lexicon import Lexicon, get_lexicon
from ..rule import Candidate, Context, Rule
from ._common import protected, run_rule

__all__ = [
    "fix_lookalike_letters",
    "fix_russian_letters",
    "FIX_LOOKALIKE_LETTERS",
    "FIX_RUSSIAN_LETTERS",
]

# ---------------------------------------------------------------- look-alikes
# Latin letters drawn like Cyrillic ones, and back. "i" is Ukrainian "і"
# (Russian has no such letter: only Ukrainian maps it).
_LAT_TO_CYR = dict(zip("aceopxyABCEHKMOPTXYk", "асеорхуАВСЕНКМОРТХУк"))
_LAT_TO_CYR_UK = {**_LAT_TO_CYR, "i": "і", "I": "І"}
_CYR_TO_LAT = {c: lat for lat, c in _LAT_TO_CYR_UK.items()}
# A word holding letters of both scripts (apostrophes inside, as Ukrainian writes them).
_MIXED_WORD = regex.compile(r"(?<![\p{L}\p{M}])[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*(?![\p{L}\p{M}])")
_SCREEN_MIXED = regex.compile(r"\p{Cyrillic}\p{Latin}|\p{Latin}\p{Cyrillic}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
# Languages written in Cyrillic that have a word list to check against.
CYRILLIC_LANGUAGES = codes_where(lambda f: f.script == "Cyrillic")
# Zipf frequency the mapped word needs (once in ten million words and more).
_KNOWN = 2.0
# A lone Latin letter between Cyrillic words ("вік i досвід"): the Cyrillic
# function words these letters stand for must be this frequent.
_LONE_KNOWN = 4.5
_LONE_WORD = regex.compile(r"(?<=\p{Cyrillic}[ \t]+)[aocyi](?=[ \t]+\p{Cyrillic})")


def _known(lex: Lexicon, word: str) -> float:
    """Zipf frequency of ``word`` (apostrophes as the lists write them, ё folded when needed)."""
    w = word.replace("’", "'").replace("ʼ", "'")
    z = lex.zipf(w)
    if z == 0 and ("ё" in w.lower() or "е" in w.lower()):
        z = max(lex.zipf(fold(w)), lex.zipf(w.lower().replace("е", "ё")) if w.lower().count("е") == 1 else 0.0)
    return z


# (Searched backwards: the last character no word holds.)
_WORD_BOUNDARY_BEFORE = regex.compile(r"(?r)[^\p{L}\p{M}'’ʼ]")


def _mixed_words(text: str, start: int = 0) -> Iterator[regex.Match]:
    """The ``_MIXED_WORD`` matches of ``text`` that hold both scripts, in order.

    Read only around each place where the scripts meet (a long document
    with one mixed word is not walked word by word): each word is found by
    scanning from the last character before it that no word can hold.

    >>> [m.group() for m in _mixed_words("сoн and cон, дом, xyz")]
    ['сoн', 'cон']

    ``start``: where the scripts first meet, if known (no word before it holds both).
    """
    done = 0
    for hit in _SCREEN_MIXED.finditer(text, start):
        p = hit.start()
        if p < done:
            continue  # inside the word just read
        b = _WORD_BOUNDARY_BEFORE.search(text, done, p)
        for m in _MIXED_WORD.finditer(text, b.end() if b else done):
            if m.end() > p:
                # (Two letters side by side are always in one word: this
                # is the word that holds the hit.)
                yield m
                done = m.end()
                break


# The Cyrillic script's characters as one class of the standard library
# (a test checks it against ``\p{Cyrillic}`` for every code point): text
# without one cannot mix Cyrillic and Latin, and this search is several
# times cheaper than the screen's pair of script properties.
_ANY_CYRILLIC = re.compile(
    "[\u0400-\u0484\u0487-\u052f\u1c80-\u1c8a\u1d2b\u1d78\u2de0-\u2dff\ua640-\ua69f"
    "\ufe2e\ufe2f\U0001e030-\U0001e06d\U0001e08f]"
)


def _find_lookalikes(text: str, ctx: Context) -> Iterator[Candidate]:
    if text.isascii() or not _ANY_CYRILLIC.search(text):
        return
    first = _SCREEN_MIXED.search(text)
    if not first and not (ctx.lang in CYRILLIC_LANGUAGES and _LONE_WORD.search(text)):
        return
    f = facts(ctx.lang)
    cyrillic_lang = f is not None and f.script == "Cyrillic"
    to_cyr = _LAT_TO_CYR_UK if ctx.lang in ("uk", "be") else _LAT_TO_CYR
    prot = protected(text, ctx)
    # (the scan goes on from the first meeting of the scripts: one read of the text)
    for m in _mixed_words(text, first.start() if first else len(text)):
        word = m.group()
        cyr = len(_CYRILLIC.findall(word))
        lat = len(_LATIN.findall(word))
        ev: list[str] = []
        # Which script the word belongs to: the language's, unless nearly all
        # its letters are the other script's.
        if cyrillic_lang and cyr >= lat:
            target = "".join(to_cyr.get(c, c) for c in word)
            lex = ctx.lexicon
        elif not cyrillic_lang and lat >= cyr:
            target = "".join(_CYR_TO_LAT.get(c, c) for c in word)
            lex = ctx.lexicon if f is not None and f.script == "Latin" else get_lexicon("en")
        else:
            continue
        if target == word or _SCREEN_MIXED.search(target) or prot.covers(m.start(), m.end()):
            continue  # a letter with no look-alike: not this artifact
        z = _known(lex, target)
        if z < _KNOWN or z < _known(lex, word) + 2.0:
            continue  # (word lists hold some mixed spellings, rarely: "тhe" is 1.3 against 7.7)
        ev.append("mapped word known")
        if z >= 3.5:
            ev.append("mapped word frequent")
        conf = 0.97 if len(ev) == 2 else 0.9
        yield Candidate(m.start(), m.end(), target, conf, tuple(ev))
    if cyrillic_lang:
        # A lone Latin letter for a Cyrillic one-letter word ("і", "с", "а", "о", "у").
        lex = ctx.lexicon
        if regex.search(r"(?<![\p{L}])[bdf-hj-nq-wzB-Z](?![\p{L}])", text):
            return  # other lone Latin letters: variables or a list, not look-alikes
        for m in _LONE_WORD.finditer(text):
            letter = to_cyr.get(m.group())
            if letter and _known(lex, letter) >= _LONE_KNOWN and not prot.covers(m.start()):
                if letter == "а":
                    # The conjunction "а" follows a comma; right after a word
                    # a lone "a" is more often a label ("model a") kept from the source.
                    yield Candidate(m.start(), m.end(), letter, 0.4, ("lone Latin letter between Cyrillic words", "no comma before 'а'"))
                    continue
                yield Candidate(m.start(), m.end(), letter, 0.9, ("lone Latin letter between Cyrillic words",))


FIX_LOOKALIKE_LETTERS = Rule(
    "fix_lookalike_letters",
    _find_lookalikes,
    None,
    "Write Latin look-alike letters inside Cyrillic words in Cyrillic (and back) when that gives a known word.",
    category="encoding",
)


def fix_lookalike_letters(text: str, *, lang: str = "ru") -> str:
    """Map Latin letters that look Cyrillic back inside Cyrillic words (and Cyrillic ones inside Latin words).

    Only when the mapped word is a known word of the language and the mixed
    one is not: a word with a letter that has no look-alike stays as it is.

    >>> fix_lookalike_letters("Прeзидент сказал")
    'Президент сказал'
    >>> fix_lookalike_letters("вік i досвід", lang="uk")
    'вік і досвід'
    >>> fix_lookalike_letters("Тhe office of Microsоft", lang="en")
    'The office of Microsoft'
    """
    return run_rule(FIX_LOOKALIKE_LETTERS, text, lang)


# ---------------------------------------------------------------- Russian letters in Ukrainian
# Letters Russian writes and Ukrainian does not, and what Ukrainian writes
# for them in the same word (ё: "йо" at a word start or after a vowel, else "ьо").
_RUSSIAN_ONLY = regex.compile(r"[ыэъёЫЭЪЁ]")
_UK_WORD = regex.compile(r"(?<![\p{L}\p{M}'’ʼ])\p{Cyrillic}+(?:['’ʼ]\p{Cyrillic}+)*(?![\p{L}\p{M}])")
_VOWELS = frozenset("аеєиіїоуюяАЕЄИІЇОУЮЯ")


def _ukrainian_forms(word: str, apostrophe: str) -> list[str]:
    out = []
    for yo in ("ьо", "йо"):
        chars = []
        for i, c in enumerate(word):
            low = c.lower()
            if low == "ы":
                r = "и"
            elif low == "э":
                r = "е"
            elif low == "ъ":
                r = apostrophe
            elif low == "ё":
                r = "йо" if i == 0 or word[i - 1] in _VOWELS else yo
            else:
                chars.append(c)
                continue
            chars.append(r.upper() if c.isupper() and r != apostrophe else r if not c.isupper() else r[0].upper() + r[1:])
        out.append("".join(chars))
    return list(dict.fromkeys(out))


def _find_russian_letters(text: str, ctx: Context) -> Iterator[Candidate]:
    if not _RUSSIAN_ONLY.search(text):
        return
    lex = ctx.lexicon
    apostrophes = [a for a in ("’", "ʼ", "'") if regex.search(rf"\p{{Cyrillic}}{a}\p{{Cyrillic}}", text)]
    apostrophe = apostrophes[0] if apostrophes else "’"
    words = list(_UK_WORD.finditer(text))
    russian = [i for i, m in enumerate(words) if _RUSSIAN_ONLY.search(m.group())]
    for k, i in enumerate(russian):
        # Two Russian words close together: a Russian quotation, not a slip.
        if (k > 0 and i - russian[k - 1] <= 4) or (k + 1 < len(russian) and russian[k + 1] - i <= 4):
            continue
        m = words[i]
        word = m.group()
        here = _known(lex, word)
        for form in _ukrainian_forms(word, apostrophe):
            z = _known(lex, form)
            if z >= 3.0 and z >= here + 1.0:
                ev = ("Ukrainian form known", "Russian letter in a Ukrainian text")
                yield Candidate(m.start(), m.end(), form, 0.9 if here == 0 else 0.8, ev)
                break


FIX_RUSSIAN_LETTERS = Rule(
    "fix_russian_letters",
    _find_russian_letters,
    frozenset({"uk"}),
    "In Ukrainian, replace the Russian-only letters ы э ъ ё in a word whose Ukrainian form is a known word.",
    category="encoding",
)


def fix_russian_letters(text: str, *, lang: str = "uk") -> str:
    """Replace Russian letters an MT system put into Ukrainian words.

    Only where the Ukrainian form is a known word, far more frequent than the
    word as written; two Russian words close together are a quotation and stay.

    >>> fix_russian_letters("Він виграв выбори у місті.")
    'Він виграв вибори у місті.'
    """
    return run_rule(FIX_RUSSIAN_LETTERS, text, lang)
