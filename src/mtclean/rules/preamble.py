"""What LLM translators and broken extraction put around the text."""

from __future__ import annotations

import re
from typing import Iterator

import regex

import functools

from ..languages import word_list_file
from ..rule import Context, Rule, Span
from ._common import EN, SPACED, run_rule

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
# A closing note about the translation: one line (the notes at the very end
# of the text are removed together, however many there are).
_NOTE_LINE = regex.compile(
    r"""[ \t]*\(?(?:Note|Translator['’]s\ note|Translation\ note|N\.B\.)[ \t]*:[^\n]*\btranslat[^\n]*\)?[ \t]*\Z""",
    regex.X | regex.I,
)
# How long one note may be. (There is no cap on how many: a cap made a
# second call remove the notes the first left, and reading the lines back
# one by one is linear in what is removed.)
_NOTE_MAX_LEN = 400


def _closing_notes_start(text: str, floor: int) -> int | None:
    r"""Where the closing notes of ``text`` start (the line break before them), or None.

    Reads the last lines one by one (blank lines between notes allowed),
    never before ``floor``; the blank lines before the first note go with it.

    >>> _closing_notes_start(chr(10).join(["Body.", "", "Note: translated.", "Note: translation by AI."]), 0)
    5
    """
    end = len(text)
    start = None
    while True:
        nl = text.rfind("\n", max(floor, end - _NOTE_MAX_LEN), end)
        if nl < 0:
            break
        line = text[nl + 1:end]
        if line.strip(" \t"):
            if not _NOTE_LINE.match(line):
                break
            start = nl
        end = nl
    if start is None:
        return None
    while True:
        prev = text.rfind("\n", floor, start)
        if prev < 0 or text[prev + 1:start].strip(" \t"):
            return start
        start = prev


def _find_preamble(text: str, ctx: Context) -> Iterator[Span]:
    # (A block of a long text that is not its start holds no opening line;
    # one that is not its end, no closing note.)
    at_start = ctx.starts_text and "ranslat" in text[:300]
    at_end = ctx.ends_text and "ranslat" in text[-400:]
    if not (at_start or at_end):
        return
    # A byte-order mark stays where it is; the preamble may follow it.
    bom = 1 if text.startswith("\ufeff") else 0
    m = _PREAMBLE.match(text[bom:] if bom else text) if ctx.starts_text else None
    body_start = bom
    if m:
        body_start = bom + m.end()
        yield bom + m.start(), bom + m.end(), ""
    start = _closing_notes_start(text, body_start) if ctx.ends_text else None
    # Never the whole text: the notes go only when real text stays.
    if start is not None and text[body_start:start].strip():
        yield start, len(text), ""


REMOVE_PREAMBLE = Rule(
    "remove_preamble",
    _find_preamble,
    SPACED,  # an English preamble opens LLM output in any language
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
# (A byte-order mark may open the text: it is not part of the first line's text.)
_STRAY = regex.compile(r"(?m)^(\ufeff?[ \t]*)(AND|BUT|OR|SO|THEN|ALSO|YET|PLUS)(?=(\p{Lu}\p{Ll}+)\b)")


_CONJ_PREFIXES = ("AND", "BUT", "OR", "SO", "THEN", "ALSO", "YET", "PLUS")
# Languages with a list of their own conjunctions (data/<lang>/stray_openings.txt).
STRAY_LANGUAGES = frozenset(c for c in SPACED if word_list_file(c, "stray_openings.txt"))


@functools.lru_cache(maxsize=None)
def _stray_pattern(lang: str) -> tuple[tuple[str, ...], "regex.Pattern[str] | None"]:
    """The language's upper-case conjunctions (``data/<lang>/stray_openings.txt``) and their pattern."""
    if lang == "en":
        return _CONJ_PREFIXES, _STRAY
    words = tuple(sorted((w.upper() for w in word_list_file(lang, "stray_openings.txt")), key=len, reverse=True))
    if not words:
        return (), None
    alt = "|".join(regex.escape(w) for w in words)
    return words, regex.compile(rf"(?m)^(\ufeff?[ \t]*)({alt})(?=(\p{{Lu}}\p{{Ll}}+)\b)")


@functools.lru_cache(maxsize=None)
def _line_start_screen(prefixes: tuple[str, ...]) -> "re.Pattern[str]":
    """Whether a line's first 12 characters, spaces, tabs and BOMs stripped, start with one of ``prefixes``, as one scan.

    (A prefix after k of those characters within the 12: at most 12 - len
    characters of them. A line at a time in Python was most of the rule's
    cost on text of many short lines.)

    >>> bool(_line_start_screen(("AND",)).search("  ANDThe")), bool(_line_start_screen(("AND",)).search("x AND"))
    (True, False)
    """
    alternatives = [f"[ \t\ufeff]{{0,{12 - len(p)}}}{re.escape(p)}" for p in prefixes if len(p) <= 12]
    return re.compile("^(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)", re.M)


def _find_stray_opening(text: str, ctx: Context) -> Iterator[Span]:
    prefixes, pattern = _stray_pattern(ctx.lang)
    if pattern is None:
        return
    # Pre-screen: does any line start with one of the conjunctions?
    if _line_start_screen(prefixes).search(text) is None:
        return
    lex = ctx.lexicon
    for m in pattern.finditer(text):
        rest = m.group(3).lower()
        if ctx.lang == "en":
            if rest in lex:  # the rest must be a word on its own
                yield m.start(2), m.end(2), ""
        elif lex.zipf(rest) >= 2.0 and lex.zipf(rest) - lex.zipf(m.group(2) + rest) >= 2.5:
            # Other languages: the rest is a word of the language, far more
            # frequent than the whole token ("EMail" stays: "email" is as
            # frequent as "mail"; "unddie" is a listed typo, 1.5 against 7.5).
            yield m.start(2), m.end(2), ""


REMOVE_STRAY_OPENING = Rule(
    "remove_stray_opening",
    _find_stray_opening,
    EN | STRAY_LANGUAGES,
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
