"""MT toolkit residue: BPE joins, SentencePiece word marks, Moses escapes."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Context, Rule, Span
from ._common import run_rule

__all__ = ["remove_subword_markup", "REMOVE_SUBWORD_MARKUP"]

# BPE continuation marks ("transl@@ ation"), and at a line's end.
_BPE = regex.compile(r"(?<=\w)@@(?: (?=\w)|(?=[ \t]*$))", regex.M)
# Moses "aggressive hyphen" and friends: " @-@ " stands for "-".
_MOSES_AT = regex.compile(r" @([-,.:/])@ ")
_SP_MARK = "\u2581"  # ▁, SentencePiece's word-start mark


def _sentencepiece_line(line: str) -> str:
    tokens = line.split(" ")
    marked = sum(1 for t in tokens if t.startswith(_SP_MARK))
    if len(tokens) > 1 and marked * 2 >= len(tokens):
        # Space-separated pieces ("▁The ▁cat s"): spaces are piece breaks,
        # marks are the real word breaks.
        joined = "".join(tokens).replace(_SP_MARK, " ")
        lead = len(line) - len(line.lstrip(" " + _SP_MARK))
        return joined.strip(" ") if lead else joined
    # Marks used in place of spaces ("The▁cat▁sat").
    out = regex.sub(rf"(?<=\S){_SP_MARK}+(?=\S)", " ", line)
    out = regex.sub(rf" ?{_SP_MARK}+ ?", lambda m: " " if m.group().strip() != m.group() and m.start() > 0 else "", out)
    return out


def _find_subword_markup(text: str, ctx: Context) -> Iterator[Span]:
    if "@@" in text:
        for m in _BPE.finditer(text):
            yield m.start(), m.end(), ""
    if " @" in text:
        for m in _MOSES_AT.finditer(text):
            yield m.start(), m.end(), m.group(1)
    if _SP_MARK in text:
        pos = 0
        for line in text.split("\n"):
            if _SP_MARK in line:
                fixed = _sentencepiece_line(line)
                if fixed != line:
                    yield pos, pos + len(line), fixed
            pos += len(line) + 1


REMOVE_SUBWORD_MARKUP = Rule(
    "remove_subword_markup",
    _find_subword_markup,
    None,
    "Join BPE pieces (@@), turn SentencePiece marks (▁) into spaces, undo Moses @-@ escapes.",
    category="markup",
)


def remove_subword_markup(text: str, *, lang: str = "en") -> str:
    """Undo the subword segmentation markup that MT systems sometimes leak.

    >>> remove_subword_markup("the transl@@ ation of the Kurs@@ k region")
    'the translation of the Kursk region'
    >>> remove_subword_markup("▁The ▁Ukrain ian ▁army")
    'The Ukrainian army'
    >>> remove_subword_markup("a well @-@ known fact")
    'a well-known fact'
    """
    return run_rule(REMOVE_SUBWORD_MARKUP, text, lang)
