"""Repeats that a decoding loop leaves with commas between the copies."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import EN, protected, run_rule, windows

__all__ = ["remove_comma_repeats", "REMOVE_COMMA_REPEATS"]

# A phrase of 1 to 40 words (commas allowed inside) followed by one or more
# copies, each after ", ". Possessive quantifiers and a bounded phrase
# keep the scan linear in the text.
_COMMA_LOOP = regex.compile(
    r"(?<![\p{L}\p{N}'’_-])((?:\p{L}++[\p{L}'’-]*+,?[ \t]++){0,39}?\p{L}++[\p{L}'’-]*+)((?:,[ \t]++\1)++)(?![\p{L}\p{N}'’_-])",
    regex.I,
)


def _words(s: str) -> list[str]:
    return [w.strip(",") for w in s.split() if w.strip(",")]


def _find_comma_repeats(text: str, ctx: Context) -> Iterator[Candidate]:
    if ", " not in text:
        return
    prot = None
    for offset, piece in windows(text):
        if ", " not in piece:
            continue
        for m in _COMMA_LOOP.finditer(piece):
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

    >>> remove_comma_repeats("There is no data on who is shelling the plant, there is no data on who is shelling the plant, officials said.")
    'There is no data on who is shelling the plant, officials said.'
    >>> remove_comma_repeats("No, no, no, he said. Location, location, location.")
    'No, no, no, he said. Location, location, location.'
    """
    return run_rule(REMOVE_COMMA_REPEATS, text, lang)
