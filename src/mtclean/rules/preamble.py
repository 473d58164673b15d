"""What LLM translators and broken extraction put around the text."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Context, Rule, Span
from ._common import EN, run_rule

__all__ = ["remove_preamble", "remove_stray_opening", "REMOVE_PREAMBLE", "REMOVE_STRAY_OPENING"]

# "Here is the translation:", "Sure! Here's the English translation of the
# text:", "Translation:" at the very start, when real text follows.
_PREAMBLE = regex.compile(
    r"""\A(?:[ \t\n]*
    (?:
      (?:(?:Sure|Certainly|Of\ course|Okay|OK)[!,.]?[ \t]+)?
      (?:Here(?:'s|’s|\ is|\ are)|Below\ is|The\ following\ is)[ \t]+
      (?:the|a|an|my|your)[ \t]+(?:[\w-]+[ \t]+){0,3}?translations?
      (?:[ \t]+(?:of|into|to|in|from|for)[ \t]+[^:\n]{1,80}?)?
      [ \t]*:
    | (?:(?:English|Final)[ \t]+)?(?:Translation|Translated[ \t]+text)(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*:
    )
    [ \t]*\n?[ \t]*\n?)+(?=[ \t]*\S)
    """,
    regex.X | regex.I,
)
# A closing note about the translation, at the very end.
_CLOSING_NOTE = regex.compile(
    r"""(?:\n[ \t]*)+
    \(?(?:Note|Translator['’]s\ note|Translation\ note|N\.B\.)[ \t]*:[^\n]*\btranslat[^\n]*\)?
    [ \t\n]*\Z""",
    regex.X | regex.I,
)


def _find_preamble(text: str, ctx: Context) -> Iterator[Span]:
    if "ranslat" not in text[:300] and "ranslat" not in text[-400:]:
        return
    m = _PREAMBLE.match(text)
    if m:
        yield m.start(), m.end(), ""
    m = _CLOSING_NOTE.search(text, max(0, len(text) - 400))
    if m and (not _PREAMBLE.match(text) or m.start() > _PREAMBLE.match(text).end()):
        yield m.start(), m.end(), ""


REMOVE_PREAMBLE = Rule(
    "remove_preamble",
    _find_preamble,
    EN,
    "Remove an LLM translator's opening line ('Here is the translation:') and closing note.",
    category="residue",
)


def remove_preamble(text: str, *, lang: str = "en") -> str:
    """Strip the lines an LLM wraps around a translation.

    >>> remove_preamble("Here is the translation:\\n\\nKyiv is the capital.")
    'Kyiv is the capital.'
    >>> remove_preamble("Kyiv is the capital.\\n\\nNote: This translation keeps the original names.")
    'Kyiv is the capital.'
    >>> remove_preamble("Translation is hard: ask any translator.")
    'Translation is hard: ask any translator.'
    """
    return run_rule(REMOVE_PREAMBLE, text, lang)


# An upper-case conjunction glued to the first word of a text or line:
# "ANDThe Ukrainian army" (a stray token from a previous segment).
_STRAY = regex.compile(r"(?m)^([ \t]*)(AND|BUT|OR|SO|THEN|ALSO|YET|PLUS)(?=(\p{Lu}\p{Ll}+)\b)")


_CONJ_PREFIXES = ("AND", "BUT", "OR", "SO", "THEN", "ALSO", "YET", "PLUS")


def _find_stray_opening(text: str, ctx: Context) -> Iterator[Span]:
    # Pre-screen: does any line start with one of the conjunctions?
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    if not any(text[s:s + 12].lstrip(" \t").startswith(_CONJ_PREFIXES) for s in starts):
        return
    lex = ctx.lexicon
    for m in _STRAY.finditer(text):
        if m.group(3).lower() in lex:  # the rest must be a word on its own
            yield m.start(2), m.end(2), ""


REMOVE_STRAY_OPENING = Rule(
    "remove_stray_opening",
    _find_stray_opening,
    EN,
    "Remove an upper-case conjunction glued to the first word of a line ('ANDThe' -> 'The').",
    category="residue",
)


def remove_stray_opening(text: str, *, lang: str = "en") -> str:
    """Drop a stray capitalised conjunction glued onto a line's first word.

    >>> remove_stray_opening("ANDThe Ukrainian Army")
    'The Ukrainian Army'
    >>> remove_stray_opening("ANDREW said so")
    'ANDREW said so'
    """
    return run_rule(REMOVE_STRAY_OPENING, text, lang)
