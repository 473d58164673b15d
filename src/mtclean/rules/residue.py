"""What an MT system leaves behind: unknown-word tokens, untranslated fragments."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import EN, protected, run_rule

__all__ = ["remove_unk_tokens", "REMOVE_UNK_TOKENS", "REPORT_UNTRANSLATED_FRAGMENTS"]

# The unknown-word token of NMT toolkits, with the spaces on its left (the
# space on its right stays, unless punctuation or the line end follows).
_UNK = regex.compile(r"[ \t]*(?:<unk\s*/?>|\[UNK\]|<UNK>)(?:[ \t]*(?=[,.;:!?)\]]|$))?", regex.M | regex.I)


def _find_unk(text: str, ctx: Context) -> Iterator[Candidate]:
    if "unk" not in text and "UNK" not in text:
        return
    for m in _UNK.finditer(text):
        start, end = m.start(), m.end()
        if start == 0 or text[start - 1] == "\n":
            # At a line start: take the space after it instead.
            while end < len(text) and text[end] in " \t":
                end += 1
        yield Candidate(start, end, "", 0.97, ("unknown-word token of an MT toolkit",))


REMOVE_UNK_TOKENS = Rule(
    "remove_unk_tokens",
    _find_unk,
    None,
    "Remove the <unk> / [UNK] tokens an MT system leaves for words it could not translate.",
    category="residue",
)


def remove_unk_tokens(text: str, *, lang: str = "en") -> str:
    """Remove ``<unk>`` tokens and the space they leave.

    >>> remove_unk_tokens("The <unk> ministry said <unk>.")
    'The ministry said.'
    >>> remove_unk_tokens("Use <unknown> here")
    'Use <unknown> here'
    """
    return run_rule(REMOVE_UNK_TOKENS, text, lang)


# Letters of scripts that an English text does not use: a run of them is a
# fragment the MT system left untranslated (a finding: nothing to replace it with).
_FOREIGN_RUN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Thai}\p{Devanagari}\p{Greek}]"
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Thai}\p{Devanagari}\p{Greek}\p{M}\u30fc\u3005'’ -]{0,200}"
)
_LATIN = regex.compile(r"\p{Latin}{2,}")


def _find_untranslated(text: str, ctx: Context) -> Iterator[Candidate]:
    if text.isascii():
        return
    prot = protected(text, ctx)
    for m in _FOREIGN_RUN.finditer(text):
        frag = m.group().rstrip(" -'’")
        if len(frag) < 2 or prot.covers(m.start(), m.start() + len(frag)):
            continue
        # Only inside English prose: Latin words around it.
        if not _LATIN.search(text, max(0, m.start() - 80), m.start()) and not _LATIN.search(
            text, m.end(), m.end() + 80
        ):
            continue
        yield Candidate(m.start(), m.start() + len(frag), frag, 0.9, ("letters of another script in English text",))


REPORT_UNTRANSLATED_FRAGMENTS = Rule(
    "report_untranslated_fragments",
    _find_untranslated,
    EN,
    "Report fragments left in another script (CJK, Cyrillic, ...) inside English text; never changes them.",
    category="residue",
    kind="finding",
)
