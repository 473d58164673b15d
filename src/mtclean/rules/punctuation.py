"""Punctuation that MT output gets wrong: full-width marks in Latin text, doubled marks."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import SPACED_LATIN, protected, run_rule

__all__ = [
    "fix_fullwidth_punctuation",
    "remove_doubled_punctuation",
    "FIX_FULLWIDTH_PUNCTUATION",
    "REMOVE_DOUBLED_PUNCTUATION",
]

# Full-width forms of ASCII punctuation, and the ideographic full stop and comma.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if not chr(c - 0xFEE0).isalnum()}
_FULLWIDTH.update({"\u3002": ".", "\u3001": ","})
_FW_RUN = regex.compile("[" + regex.escape("".join(_FULLWIDTH)) + "]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")


# The last Latin word of a stretch (searched from its end; see _find_fullwidth).
_LAST_LATIN_WORD = regex.compile(r"(?r)\p{Latin}{2,}")
_EV_FULLWIDTH = ("full-width punctuation in a line of Latin script, no CJK letters",)
_new_tuple = tuple.__new__


def _find_fullwidth(text: str, ctx: Context) -> Iterator[Candidate]:
    if text.isascii():
        return
    cjk_line: dict[int, bool] = {}  # line start -> holds a CJK letter (each line searched once)
    ls, le = 0, -1  # the line of the previous mark (found once per line, not per mark)
    # A Latin word found near an earlier mark: a later mark whose stretch
    # holds it needs no search (only whether one is there counts; found
    # from the stretch's end, it stays in the next marks' stretches).
    la, lb = -1, -1
    replacements: dict[str, str] = {}
    for m in _FW_RUN.finditer(text):
        s, e = m.start(), m.end()
        # Never in CJK text: the line around the mark must hold no CJK
        # letter (nor full-width letters and digits), and Latin words.
        if s > le:
            ls = text.rfind("\n", max(le, 0), s) + 1
            le = text.find("\n", e)
            le = len(text) if le < 0 else le
        has_cjk = cjk_line.get(ls)
        if has_cjk is None:
            has_cjk = cjk_line[ls] = _CJK.search(text, ls, le) is not None
        if has_cjk:
            continue
        lo, hi = max(ls, s - 40), min(le, e + 40)
        if not (lo <= la and lb <= hi):
            w = _LAST_LATIN_WORD.search(text, lo, hi)
            if w is None:
                continue
            la, lb = w.span()
        run = m.group()
        repl = replacements.get(run)
        if repl is None:
            repl = replacements[run] = "".join(_FULLWIDTH[c] for c in run)
        # (tuple.__new__: the named tuple's own __new__ is a Python call, made at every mark)
        yield _new_tuple(Candidate, (s, e, repl, 0.95, _EV_FULLWIDTH))


FIX_FULLWIDTH_PUNCTUATION = Rule(
    "fix_fullwidth_punctuation",
    _find_fullwidth,
    SPACED_LATIN | {"fr"},
    "Turn full-width punctuation (！？，。：) in Latin-script text into ASCII; CJK text is left alone.",
    category="spacing",
)


def fix_fullwidth_punctuation(text: str, *, lang: str = "en") -> str:
    """Replace full-width punctuation that leaked into Latin-script text.

    >>> fix_fullwidth_punctuation("Thank you！ See you soon？")
    'Thank you! See you soon?'
    >>> fix_fullwidth_punctuation("東京へ行きます！")
    '東京へ行きます！'
    """
    return run_rule(FIX_FULLWIDTH_PUNCTUATION, text, lang)


# Two marks where one belongs: ",," ",." ";;" "::" and exactly two
# periods. Not "!!" "?!" (emphasis), not "..." (an ellipsis), not numbers
# ("1..10"), not inside protected spans (paths, URLs, code).
_DOUBLED = regex.compile(r"(?<=\p{L}[\"'”’)]?)(?:,,|,\.|;;|::|(?<![.\p{Lu}]\p{Ll}?)(?<!\.)\.\.(?!\.))(?=\s|$)")


# A word that reads as code: a digit, an inner capital, an underscore.
_CODE_WORD = regex.compile(r"\w*(?:\d|_|\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll})\w*")
_WORD_BEFORE = regex.compile(r"(:?)[ \t]?(\w+)$")
_WORD_AFTER = regex.compile(r"[ \t]*(\w+)([:(]?)")


def _colons_of_code(text: str, start: int, end: int) -> bool:
    """``::`` between identifiers (C++ scope) or between emoji shortcodes (``:a:: b:``)."""
    before = _WORD_BEFORE.search(text, max(0, start - 80), start)
    after = _WORD_AFTER.match(text, end)
    if before is None or after is None:
        return False
    if before.group(1) or after.group(2):
        # ":a:: b" or "a:: b:" / "a:: b(": a chain of shortcodes, or a call.
        return True
    return bool(_CODE_WORD.fullmatch(before.group(2)) or _CODE_WORD.fullmatch(after.group(1)))


def _find_doubled_punct(text: str, ctx: Context) -> Iterator[Candidate]:
    # Every match of _DOUBLED holds one of these five pairs (".," is never
    # one: it is left): chained substring searches, no generator.
    if not (",," in text or ",." in text or ";;" in text or "::" in text or ".." in text):
        return
    prot = protected(text, ctx)
    for m in _DOUBLED.finditer(text):
        if prot.covers(m.start(), m.end()):
            continue
        pair = m.group()
        # The second mark decides: ",." ends the sentence. (".," is left:
        # it is how "U.S.," and "p.m.," are written.)
        repl = pair[1]
        if pair == "..":
            # Two periods are often a writer's short ellipsis (chat, and MT
            # of chat keeps it): a suggestion only.
            yield Candidate(m.start(), m.end(), repl, 0.4, ("two periods after a word", "may be a short ellipsis"))
            continue
        if pair == "::" and text[m.end():m.end() + 1] in ("", "\n"):
            # "with::" closing a line: reStructuredText's mark of a literal block.
            yield Candidate(m.start(), m.end(), repl, 0.4, ("doubled colon", "ends a line: a literal-block mark"))
            continue
        if pair == "::" and _colons_of_code(text, m.start(), m.end()):
            # A scope operator the MT system spaced (IDirect3D:: Create) or
            # the colons of emoji shortcodes (:smile: :wave:) whose space it dropped.
            yield Candidate(m.start(), m.end(), repl, 0.4, ("doubled colon", "code or emoji shortcodes around it"))
            continue
        yield Candidate(m.start(), m.end(), repl, 0.93, (f"doubled punctuation {pair!r} after a word",))


REMOVE_DOUBLED_PUNCTUATION = Rule(
    "remove_doubled_punctuation",
    _find_doubled_punct,
    SPACED_LATIN,
    "Collapse doubled punctuation (',,' ',.' ';;') after a word; ellipses, '..', '!!' and '?!' stay.",
    category="spacing",
)


def remove_doubled_punctuation(text: str, *, lang: str = "en") -> str:
    """Collapse two marks where one belongs.

    >>> remove_doubled_punctuation("He left,, and then he came back,.")
    'He left, and then he came back.'
    >>> remove_doubled_punctuation("Wait... really?! Yes!!")
    'Wait... really?! Yes!!'
    """
    return run_rule(REMOVE_DOUBLED_PUNCTUATION, text, lang)
