"""Doubled names, doubled words and repetition loops."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

import regex

from ..rule import Context, Rule, Span, diff_spans
from ._common import EN, Protected, lower_word_list, protected, run_rule, unknown_words, window_words, word_counts

__all__ = [
    "dedupe_glued_names",
    "remove_doubled_words",
    "remove_repetition_loops",
    "DEDUPE_GLUED_NAMES",
    "REMOVE_DOUBLED_WORDS",
    "REMOVE_REPETITION_LOOPS",
]

# ---------------------------------------------------------------- glued names
# "PutinPutin": a capitalised word written twice with no space (link text
# repeated by an extractor, or an MT decoding loop).
_GLUED_TWICE = regex.compile(r"(?<![\p{L}\p{N}'’_@#-])((\p{Lu}\p{Ll}{2,})\2)(?![\p{L}\p{N}'’_@-])")


def _is_doubled(w: str) -> bool:
    half = len(w) // 2
    return len(w) >= 6 and len(w) % 2 == 0 and w[:half] == w[half:]


def _find_glued_names(text: str, ctx: Context) -> Iterator[Span]:
    # "PutinPutin" is neither lower, upper nor title case, and no lexicon
    # knows it: a handful of candidates from the shared unknown-word set.
    if not any(_is_doubled(w) for w in unknown_words(text, ctx) if not w.istitle()):
        return
    lex = ctx.lexicon
    for m in _GLUED_TWICE.finditer(text):
        whole, half = m.group(1), m.group(2)
        if lex.zipf(whole) >= 1.5 or lex.usual_form(whole) == whole:
            continue  # a real word or name that happens to repeat (Bonbon)
        yield m.start(1) + len(half), m.end(1), ""


DEDUPE_GLUED_NAMES = Rule(
    "dedupe_glued_names",
    _find_glued_names,
    None,
    "Collapse a capitalised word written twice without a space ('PutinPutin' -> 'Putin').",
    category="doubling",
)


def dedupe_glued_names(text: str, *, lang: str = "en") -> str:
    """Collapse a name glued to a copy of itself.

    >>> dedupe_glued_names("Russian President Vladimir PutinPutin vowed")
    'Russian President Vladimir Putin vowed'
    >>> dedupe_glued_names("LYALYA and Bora Bora stay")
    'LYALYA and Bora Bora stay'
    """
    return run_rule(DEDUPE_GLUED_NAMES, text, lang)


# ---------------------------------------------------------------- doubled words
# English words that are correctly written twice in a row.
_LEGIT_DOUBLES = frozenset(
    """had that is do does did very so no bye ha haha blah yeah yes well really far many much more
    knock tsk chop hush cha la na bla boo now long come there tut hear please never her in on up off
    out go ho hey oh ah ooh wow hip ding rah pooh tom bang boom bla choo beep tick tock night
    again round over bit by little way""".split()
)
# Names that are a word written twice (Bora Bora, Lang Lang, The The).
_LEGIT_NAME_DOUBLES = frozenset(
    """bora lang duran walla pago sirhan baden talk mahi humbert tora dum mau sing ylang can cous bam
    yo chi wagga the mo ba bye dee nyam kwa""".split()
)
_DOUBLED = regex.compile(r"(?<![\p{L}\p{N}'’_@#-])(\p{L}+)((?:[ \t]+\1)+)(?![\p{L}\p{N}'’_@-])", regex.I)


def _find_doubled_words(text: str, ctx: Context) -> Iterator[Span]:
    # Pre-screen: two equal letter runs in a row (ignoring case), compared
    # pairwise at C speed; then the pattern, on the pieces that have one.
    words = lower_word_list(text, ctx)
    if not any(map(str.__eq__, words, words[1:])):
        return
    if len(text) <= _WINDOW:
        yield from _doubled_in(text, 0, text, ctx)
        return
    for offset, piece, pw in window_words(text, ctx, _WINDOW):
        if any(map(str.__eq__, pw, pw[1:])):
            yield from _doubled_in(piece, offset, text, ctx)


_WINDOW = 8192


def _doubled_in(piece: str, offset: int, text: str, ctx: Context) -> Iterator[Span]:
    prot: Protected | None = None
    for m in _DOUBLED.finditer(piece):
        first = m.group(1)
        low = first.lower()
        if low in _LEGIT_DOUBLES or first.isdigit():
            continue
        repeats = regex.split(r"[ \t]+", m.group(2).strip(" \t"))
        # Exact repeats only, up to the case of the first letter ("The the").
        if any(r[1:] != first[1:] or (r[0] != first[0] and r[0].lower() != first[0].lower()) for r in repeats):
            continue
        if first[0].isupper() and repeats[0][0].isupper():
            if low in _LEGIT_NAME_DOUBLES or first.isupper() or len(first) <= 4:
                continue  # Bora Bora, Lang Lang, THE THE; short names (Yang Yang, Ni Ni)
            # "Yang Yang", "Adamu Adamu", "Roa Roa Hotel" are names: remove a
            # capitalised double only where the document also writes the
            # word alone, or where it is a common lower-case word.
            ratio = ctx.lexicon.title_ratio(low)
            alone = word_counts(text, ctx)[first] > 1 + len(repeats)
            if not alone and (ratio is None or ratio > -0.5):
                continue
        prot = prot or protected(text, ctx)
        if prot.covers(offset + m.start(), offset + m.end()):
            continue
        yield offset + m.end(1), offset + m.end(), ""


REMOVE_DOUBLED_WORDS = Rule(
    "remove_doubled_words",
    _find_doubled_words,
    EN,
    "Remove a word repeated right after itself ('the the'), except legitimate doubles.",
    category="doubling",
)


def remove_doubled_words(text: str, *, lang: str = "en") -> str:
    """Remove an accidental repetition of a word.

    ``had had``, ``that that``, ``Bora Bora`` and ``Lang Lang`` are English
    and stay.

    >>> remove_doubled_words("the the region where you you want")
    'the region where you want'
    >>> remove_doubled_words("She had had enough of that that day in Bora Bora")
    'She had had enough of that that day in Bora Bora'
    """
    return run_rule(REMOVE_DOUBLED_WORDS, text, lang)


# ---------------------------------------------------------------- loops
# A phrase of two to eight words repeated right after itself, one or more
# times ("in the region in the region in the region"). Possessive
# quantifiers keep the scan linear.
_LOOP = regex.compile(
    r"(?<![\p{L}\p{N}'’_-])((?:\p{L}++[\p{L}'’-]*+[ \t]++){1,7}?\p{L}++[\p{L}'’-]*+)((?:[ \t]++\1)++)(?![\p{L}\p{N}'’_-])",
    regex.I,
)


def _pair_repeats(pairs: list[tuple[str, str]]) -> Iterator[tuple[int, int]]:
    """(i, j) for each pair that occurs at i and next at j: one linear pass."""
    if len(set(pairs)) == len(pairs):  # the common case, decided in C
        return
    counts = Counter(pairs)
    last: dict[tuple[str, str], int] = {}
    for j, pair in enumerate(pairs):
        if counts[pair] > 1:
            i = last.get(pair)
            if i is not None:
                yield i, j
            last[pair] = j


def _has_near_repeat(words: list[str], span: int = 8) -> bool:
    """Are some ``k`` words (2 <= k <= ``span``) followed by the same ``k`` words?"""
    # A loop of k words repeats a word pair k words later.
    for i, j in _pair_repeats(list(zip(words, words[1:]))):
        if 2 <= j - i <= span and words[i:j] == words[j:j + j - i]:
            return True
    return False


_PUNCT = "\"'“”‘’()[]{}«».,;:!?…"


def _has_loop_between_spaces(piece: str, span: int = 8) -> bool:
    """Like :func:`_has_near_repeat`, but the copies must be separated by
    whitespace only ("the central bank. The central bank" is no loop), as
    the loop pattern requires: a cheap check that saves its scan."""
    tokens = piece.lower().split()
    cores = [t.strip(_PUNCT) for t in tokens]
    for i, j in _pair_repeats(list(zip(cores, cores[1:]))):
        k = j - i
        if 2 <= k <= span and cores[i:j] == cores[j:j + k]:
            inner = tokens[i:j + k]
            # No punctuation between the copies' words (an opening mark on
            # the first word and a closing one on the last are fine).
            if all(t == t.rstrip(_PUNCT) for t in inner[:-1]) and all(t == t.lstrip(_PUNCT) for t in inner[1:]):
                return True
    return False


def _collapse_loops(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _LOOP.finditer(text):
        words = m.group(1).split()
        rest = m.group(2).split()
        n = len(words)
        # The match ignored case; keep only exact repeats (the first letter
        # may differ in case, as at a sentence start).
        chunks = [rest[i:i + n] for i in range(0, len(rest), n)]
        if not all(_same_words(words, c) for c in chunks):
            continue
        if n == 2 and len(chunks) == 1 and words[1].lower() == "to" and _before(text, m.start()).endswith("from"):
            continue  # "from time to time to discuss": an idiom, not a loop
        out.append(text[pos:m.end(1)])
        pos = m.end(2)
    out.append(text[pos:])
    return "".join(out)


def _before(text: str, pos: int) -> str:
    """``text[:pos].rstrip().lower()``, without copying the whole prefix (only its end is read)."""
    lo = max(0, pos - 64)
    window = text[lo:pos].rstrip()
    while not window and lo > 0:
        lo = max(0, lo - 4096)
        window = text[lo:pos].rstrip()
    return window.lower()


def _find_loops(text: str, ctx: Context) -> Iterator[Span]:
    if not _has_near_repeat(lower_word_list(text, ctx)):
        return
    pieces = [(0, text, None)] if len(text) <= _WINDOW else window_words(text, ctx, _WINDOW)
    for offset, piece, pw in pieces:
        if (pw is not None and not _has_near_repeat(pw)) or not _has_loop_between_spaces(piece):
            continue
        # Collapsing one loop can reveal a longer one ("a b a b c a b a b c"):
        # repeat until nothing changes, then report the difference.
        fixed = piece
        for _ in range(8):
            again = _collapse_loops(fixed)
            if again == fixed or not _has_loop_between_spaces(again):
                fixed = again
                break  # (the cheap screen says no loop is left: skip a confirming scan)
            fixed = again
        for start, end, repl in diff_spans(piece, fixed):
            yield offset + start, offset + end, repl


def _same_words(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b) or a[1:] != b[1:]:
        return False
    return a[0] == b[0] or (a[0][1:] == b[0][1:] and a[0][0].lower() == b[0][0].lower())


REMOVE_REPETITION_LOOPS = Rule(
    "remove_repetition_loops",
    _find_loops,
    EN,
    "Collapse a phrase of 2-8 words repeated back to back (an MT decoding loop).",
    category="doubling",
)


def remove_repetition_loops(text: str, *, lang: str = "en") -> str:
    """Collapse a phrase that an MT decoder repeated in a loop.

    >>> remove_repetition_loops("attacks in the region in the region in the region continued")
    'attacks in the region continued'
    >>> remove_repetition_loops("New York, New York is a song")
    'New York, New York is a song'
    """
    return run_rule(REMOVE_REPETITION_LOOPS, text, lang)
