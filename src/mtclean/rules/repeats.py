"""Repeats that MT leaves: copies of a phrase after commas, capitalised doubled words."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import EN, protected, run_rule, windows
from .doubling import has_adjacent_equal

__all__ = ["remove_comma_repeats", "REMOVE_COMMA_REPEATS", "remove_capitalised_doubles", "REMOVE_CAPITALISED_DOUBLES"]

# A phrase of 1 to 40 words (commas allowed inside) followed by one or more
# copies, each after ", ". Possessive quantifiers and a bounded phrase
# keep the scan linear in the text.
_COMMA_LOOP = regex.compile(
    r"(?<![\p{L}\p{N}'’_-])((?:\p{L}++[\p{L}'’-]*+,?[ \t]++){0,39}?\p{L}++[\p{L}'’-]*+)((?:,[ \t]++\1)++)(?![\p{L}\p{N}'’_-])",
    regex.I,
)


def _words(s: str) -> list[str]:
    return [w.strip(",") for w in s.split() if w.strip(",")]


# The screen: a comma, the words after it, and a phrase before it made only
# of the characters the loop pattern allows.
_COMMA_GAP = regex.compile(r",[ \t]++")
_PHRASE_HEAD = regex.compile(r"\p{L}++[\p{L}'’-]*+")
_NOT_PHRASE = regex.compile(r"[^\p{L}'’, \t-]", regex.REVERSE)


def _may_repeat_after_comma(piece: str) -> bool:
    """False only when no comma in ``piece`` is followed by a copy of the
    phrase before it: a necessary condition of ``_COMMA_LOOP``, checked with
    string searches so that prose (a comma every few words) skips the
    pattern, which tries every phrase length at every word.

    >>> _may_repeat_after_comma("Go home, go home now.")
    True
    >>> _may_repeat_after_comma("In May, the city said, it would open.")
    False
    """
    for gap in _COMMA_GAP.finditer(piece):
        p, q = gap.start(), gap.end()
        head = _PHRASE_HEAD.match(piece, q)
        if head is None:
            continue
        bound = _NOT_PHRASE.search(piece, 0, p)
        lo = bound.end() if bound else 0
        before = piece[lo:p].casefold()
        first = head.group().casefold()
        if len(before) != p - lo:
            return True  # folding changed a length: let the pattern decide
        i = before.rfind(first)
        while i >= 0:
            if i == 0 or before[i - 1] in " \t,":
                raw = piece[q:q + (p - lo - i)]
                after = raw.casefold()
                if after == before[i:] or len(after) != len(raw):
                    return True
            i = before.rfind(first, 0, i)
    return False


# A match of _COMMA_LOOP is made of phrase characters only: it lies in one
# stretch between two characters that no phrase holds, the stretch of its
# first comma, where the screen above finds the copy. The loop pattern
# (up to about 3 µs a character) reads only those stretches.
# (Only after a letter, an apostrophe or a hyphen: a phrase ends so.)
_GAP_HEAD = regex.compile(r",(?<=[\p{L}'’-],)[ \t]++(\p{L}++[\p{L}'’-]*+)")
_NEXT_NOT_PHRASE = regex.compile(r"[^\p{L}'’, \t-]")
# Past this many stretches in a piece (a refrain on every line), each read
# costs more than the pattern's time on the characters between them.
_STRETCHES_AT_MOST = 8


def _repeat_stretches(piece: str) -> list[tuple[int, int]] | None:
    """``(pos, endpos)`` for ``_COMMA_LOOP.finditer``: the stretches of ``piece`` where the
    screen finds a comma followed by a copy of the phrase before it (each
    with the character after it, which the pattern's lookahead reads; its
    lookbehind reads before ``pos``). The matches there are all of
    ``piece``'s. More than ``_STRETCHES_AT_MOST``: the whole piece, once.
    None when folding the piece changes its length (let the screen and
    the pattern read it whole).

    >>> _repeat_stretches("It rose. Go home, go home now. In May, the city said, it would open.")
    [(8, 30)]
    """
    folded = piece.casefold()
    if len(folded) != len(piece):
        return None  # (a letter folds to two: the positions would not agree)
    out: list[tuple[int, int]] = []
    done = -1
    for gap in _GAP_HEAD.finditer(piece):
        p, q, h = gap.start(), gap.start(1), gap.end(1)
        if p < done:
            continue  # in a stretch to be read already
        bound = _NOT_PHRASE.search(piece, 0, p)
        lo = bound.end() if bound else 0
        first = folded[q:h]
        i = folded.rfind(first, lo, p)
        while i >= 0:
            if (i == lo or folded[i - 1] in " \t,") and folded[q:q + (p - i)] == folded[i:p]:
                stop = _NEXT_NOT_PHRASE.search(piece, q)
                done = stop.start() if stop else len(piece)
                if len(out) == _STRETCHES_AT_MOST:
                    return [(0, len(piece))]  # many: one read of the whole piece costs less
                out.append((lo, min(len(piece), done + 1)))
                break
            i = folded.rfind(first, lo, i)
    return out


def _find_comma_repeats(text: str, ctx: Context) -> Iterator[Candidate]:
    if ", " not in text:
        return
    prot = None
    for offset, piece in windows(text):
        if ", " not in piece:
            continue
        stretches = _repeat_stretches(piece)
        if stretches is None:
            stretches = [(0, len(piece))] if _may_repeat_after_comma(piece) else []
        for m in (m for pos, endpos in stretches for m in _COMMA_LOOP.finditer(piece, pos, endpos)):
            first = _words(m.group(1))
            k = len(first)
            rest = _words(m.group(2))
            copies = len(rest) // k
            # Only exact copies (the first letter may differ, as at a sentence start).
            chunks = [rest[i:i + k] for i in range(0, len(rest), k)]
            if any(c[1:] != first[1:] or c[0].lower() != first[0].lower() for c in chunks):
                continue
            total = k * (copies + 1)
            s, e = offset + m.start(2), offset + m.end(2)
            if prot is None:
                prot = protected(text, ctx)
            if prot.covers(offset + m.start(), e):
                continue
            if k >= 6:
                # No writer repeats a six-word clause back to back.
                yield Candidate(s, e, "", 0.92, (f"a phrase of {k} words repeated after a comma",))
            elif (copies >= 3 and total >= 16) or (copies >= 4 and total >= 10):
                yield Candidate(s, e, "", 0.9, (f"{copies + 1} copies of a {k}-word phrase in a row",))
            elif total >= 8:
                # "Let it be, let it be, let it be": a refrain, or a loop.
                yield Candidate(s, e, "", 0.4, (f"{copies + 1} copies of a short phrase: may be a refrain",))


REMOVE_COMMA_REPEATS = Rule(
    "remove_comma_repeats",
    _find_comma_repeats,
    EN,
    "Remove the copies of a phrase that a decoding loop repeats with commas between them "
    "(six words or more, or many copies); short refrains ('no, no, no') stay.",
    category="doubling",
)


def remove_comma_repeats(text: str, *, lang: str = "en") -> str:
    """Remove copies of a phrase repeated after commas.

    >>> remove_comma_repeats("Nobody knows who is painting the old bridge, nobody knows who is painting the old bridge, locals said.")
    'Nobody knows who is painting the old bridge, locals said.'
    >>> remove_comma_repeats("No, no, no, he said. Location, location, location.")
    'No, no, no, he said. Location, location, location.'
    """
    return run_rule(REMOVE_COMMA_REPEATS, text, lang)


# ---------------------------------------------------------------- capitalised doubles
# A capitalised word written twice, the second copy ending a phrase (before
# punctuation or the line end), or a word in capitals written twice:
# "in Moscow Moscow," "CSKA CSKA." "TIME TIME". A doubled name followed by
# more of the name ("Hassan Hassan Rouhani") is remove_doubled_words' case.
_CAP_DOUBLE = regex.compile(
    r"(?<![\p{L}\p{N}'’_-])(\p{Lu}[\p{L}'’]*+)([ \t]++)(\1)(?![\p{L}\p{N}'’_-])(?=[ \t]*+(?:[,.;:!?)\"”]|$))"
    r"|(?<![\p{L}\p{N}'’_-])(\p{Lu}{2,}+)([ \t]++)(\4)(?![\p{L}\p{N}'’_-])",
    regex.M,
)


# A capitalised word with an apostrophe inside ("O'Brien"): a whole run of
# letters and apostrophes, as each copy of such a double is.
_APOSTROPHE_WORD = regex.compile(r"(?<![\p{L}'’])\p{Lu}\p{L}*+['’]++\p{L}[\p{L}'’]*+")


def _may_double_capitalised(text: str, ctx: Context) -> bool:
    """False only when ``_CAP_DOUBLE`` cannot match: a necessary condition, checked at C speed.

    Each copy of a match is a word of letters and apostrophes, set off by
    characters that are neither letters nor numbers. Without an apostrophe
    inside (between letters), each copy is one letter run, and the two are
    runs in a row, equal (so equal ignoring case: the shared
    :func:`has_adjacent_equal`). With one, each copy is a whole
    ``_APOSTROPHE_WORD``: the same one found twice.

    >>> _may_double_capitalised("in Moscow Moscow, then", Context()), _may_double_capitalised("O'Neil O'Neil.", Context())
    (True, True)
    >>> _may_double_capitalised("O'Neil met O'Hara.", Context())
    False
    """
    if has_adjacent_equal(text, ctx):
        return True
    if "'" not in text and "’" not in text:
        return False
    found = _APOSTROPHE_WORD.findall(text)
    return len(set(found)) != len(found)


def _find_capitalised_doubles(text: str, ctx: Context) -> Iterator[Candidate]:
    if text.islower() or not any(c.isupper() for c in text):
        return
    if not _may_double_capitalised(text, ctx):
        return
    prot = None
    lex = ctx.lexicon
    counted: dict[str, int] = {}
    for m in _CAP_DOUBLE.finditer(text):
        word = m.group(1) or m.group(4)
        first_end = m.end(1) if m.group(1) else m.end(4)
        second_end = m.end(3) if m.group(1) else m.end(6)
        double = text[m.start():second_end]
        if prot is None:
            prot = protected(text, ctx)
        if prot.covers(m.start(), second_end):
            continue
        zipf, ratio = lex.zipf(word), lex.title_ratio(word)
        if word.lower() not in lex or ratio is None:
            continue  # a word unknown alone doubled is often a name of its own ("Walla Walla")
        caps = word.isupper() and len(word) >= 2
        if not caps and not (zipf >= 4.0 and ratio > 0.5):
            # A title-case double: only a frequent name ("Moscow Moscow,");
            # common words ("Bye Bye", "Sing Sing") and rarer names
            # ("Bora Bora", "Baden Baden") may be doubled on purpose.
            continue
        if caps and not (zipf >= 2.5 and (ratio <= 0.5 or zipf >= 4.0)):
            continue  # "BORA BORA": a rare name in capitals
        # (last, and once per double: a search of the whole text for each
        # candidate made text of many doubles quadratic)
        copies = counted.get(double)
        if copies is None:
            copies = counted[double] = text.count(double)
        if copies > 1:
            continue  # the text writes the double more than once: a name ("Bora Bora")
        ev = ["a word in capitals written twice"] if caps else [
            "a capitalised name written twice, the second copy ending the phrase"]
        conf = 0.9 if caps else 0.85
        yield Candidate(first_end, second_end, "", conf, (*ev, f"{word!r} is a known word on its own"))


REMOVE_CAPITALISED_DOUBLES = Rule(
    "remove_capitalised_doubles",
    _find_capitalised_doubles,
    EN,
    "Remove the second copy of a capitalised word doubled before punctuation ('in Moscow Moscow,') or of a word "
    "in capitals ('TIME TIME'); names made of a double ('Bora Bora', written so more than once or unknown alone) stay.",
    category="doubling",
)


def remove_capitalised_doubles(text: str, *, lang: str = "en") -> str:
    """Remove a doubled capitalised word that ends a phrase, or a doubled word in capitals.

    >>> remove_capitalised_doubles("The match in Moscow Moscow, and then TIME TIME magazine.")
    'The match in Moscow, and then TIME magazine.'
    >>> remove_capitalised_doubles("A holiday in Bora Bora.")
    'A holiday in Bora Bora.'
    """
    return run_rule(REMOVE_CAPITALISED_DOUBLES, text, lang)
