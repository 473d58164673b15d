"""Pieces the rules share: running one rule alone, tokens, protected spans."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

import regex

from ..edits import apply_edits
from ..languages import codes_where
from ..lexicon import LexiconWords
from ..pipeline import check_text
from ..document import Document
from ..rule import Context, Rule

EN = frozenset({"en"})
# Languages written with spaces between words and no space before . , ; : ! ?
# (French is left out on purpose: it puts a space before ; : ! ?).
# English day and month names: capitalised whatever a cased lexicon says.
DAYS_AND_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)
# From the facts table (data/languages.tsv): languages written with spaces
# between words; SPACED_LATIN keeps its old meaning (and no space before
# ; : ! ?); FRENCH_SPACED: a space goes before ; : ! ? (French).
SPACED = codes_where(lambda f: f.spaced)
SPACED_LATIN = codes_where(lambda f: f.spaced and not f.space_before_high_punct)
FRENCH_SPACED = codes_where(lambda f: f.spaced and f.space_before_high_punct)


def run_rule(rule: Rule, text: str, lang: str) -> str:
    """Apply one rule to ``text`` (the body of every public normalizer)."""
    text = check_text(text)
    ctx = Context(lang)
    if not text or not rule.applies_to(lang):
        return text
    return apply_edits(text, rule.edits(text, ctx))



_WORD_CHARS = re.compile(r"[^\W\d_]+")
# ASCII bytes that are not letters -> space: one bytes.translate and one
# split find the ASCII letter runs at C speed; only tokens holding other
# characters go through the regex. Exactly _WORD_CHARS.findall(text).
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_TO_SPACE = bytes.maketrans(_ASCII_NON_LETTERS, b" " * len(_ASCII_NON_LETTERS))


def _letter_runs(text: str) -> list[str]:
    tokens = text.encode("utf-8", "surrogatepass").translate(_TO_SPACE).decode("utf-8", "surrogatepass").split()
    if text.isascii():
        return tokens
    out: list[str] = []
    for t in tokens:
        if t.isascii() or t.isalpha():
            out.append(t)
        else:
            out += _WORD_CHARS.findall(t)
    return out


def word_list(text: str, ctx: Context) -> list[str]:
    """The letter runs of ``text`` in order (cached for the call)."""
    return ctx.cached("word_list", text, _letter_runs)  # type: ignore[return-value]


def lower_word_list(text: str, ctx: Context) -> list[str]:
    """The letter runs of ``text`` in order, lower-cased (cached for the call)."""
    return ctx.cached(  # type: ignore[return-value]
        "lower_word_list", text, lambda t: " ".join(word_list(t, ctx)).lower().split(" ")
    )


def word_set(text: str, ctx: Context) -> frozenset[str]:
    """The distinct letter runs of ``text`` (cached for the call)."""
    return ctx.cached("word_set", text, lambda t: frozenset(word_list(t, ctx)))  # type: ignore[return-value]


def word_counts(text: str, ctx: Context) -> "Counter[str]":
    """How often each letter run occurs in ``text`` (cached for the call)."""
    return ctx.cached("word_counts", text, lambda t: Counter(word_list(t, ctx)))  # type: ignore[return-value]


def window_words(text: str, ctx: Context, size: int = 8192) -> list[tuple[int, str, list[str]]]:
    """(offset, piece, lower-case letter runs of the piece) for each window (cached for the call).

    The per-window pre-screens of the doubling rules must tokenize as the
    whole-text one does (letter runs): whitespace tokens keep punctuation
    ("region." != "region") and miss a repeat that ends a sentence.
    """
    return ctx.cached(  # type: ignore[return-value]
        f"window_words/{size}",
        text,
        lambda t: [(o, p, " ".join(_letter_runs(p)).lower().split(" ")) for o, p in windows(t, size)],
    )


def windows(text: str, size: int = 8192) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of about ``size`` characters, cut after a line or a
    sentence end, as (offset, piece): rules whose evidence is local run their
    expensive patterns on the pieces that need it, keeping time linear.
    """
    n = len(text)
    start = 0
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = max(text.rfind("\n", start + size // 2, end), text.rfind(". ", start + size // 2, end))
            end = cut + 1 if cut >= 0 else end
        yield start, text[start:end]
        start = end


def unknown_words(text: str, ctx: Context) -> frozenset[str]:
    """Letter runs that are not lower-case words of the lexicon.

    One C-level set difference: names and capitalised words are here too
    (the lexicon's keys are lower case), which the rules filter further.
    (A table that keeps hashes, not words, is asked word by word; a shipped
    table subtracts its dict of frequent words in C and asks the rest.)
    """
    return ctx.cached(  # type: ignore[return-value]
        "unknown_words", text, lambda t: _unknown(word_set(t, ctx), ctx.lexicon.words)
    )


def _unknown(words: frozenset[str], known: object) -> frozenset[str]:
    if isinstance(known, dict):
        return words.difference(known)
    if isinstance(known, LexiconWords):
        return known.unknown(words)
    return frozenset(w for w in words if w not in known)  # type: ignore[operator]


# Code marks: snake_case (not an MT placeholder: ``#PRS_ORG#``), calls, braces,
# ``=`` (not ``<`` ``>``: markup left in MT output), options (``--all``; not
# ``ten--for`` or ``Jane?--for``, a dash typed as two hyphens), ``Class::member``,
# ``a->b`` and paths of three parts (``java/util/zip``).
_TECHNICAL = regex.compile(r"(?<![#\w])\w+_\w|\(\)|[{}=]|\w\.\w+\(|(?<!\S)--\w|\$ |\w::\w|\w->\w|\w/[\w.-]+/\w")


def technical_signal(text: str, ctx: Context) -> list[str]:
    """``["technical text"]`` when ``text`` has code marks, else ``[]`` (searched once per call, shared by the rules)."""
    return ctx.cached(  # type: ignore[return-value]
        "technical_text", text, lambda t: ["technical text"] if _TECHNICAL.search(t) else []
    )


def protected(text: str, ctx: Context) -> "DocumentProtected":
    """The protected spans of ``text``, from the call's document model.

    The document carries them from one rule's text to the next and scans
    again only the windows the rules edited (no whole-text rescan per rule).
    """
    return DocumentProtected(ctx.document(text))


class DocumentProtected:
    """Protected spans (URLs, e-mail, handles, code, paths) answered by a :class:`~mtclean.document.Document`."""

    __slots__ = ("doc",)

    def __init__(self, doc: Document):
        self.doc = doc

    def covers(self, pos: int, end: int | None = None) -> bool:
        """True when ``[pos, end)`` (or the character at ``pos``) meets a protected span."""
        return self.doc.is_protected(pos, end)

    def seen_from(self, offset: int) -> "_ProtectedView":
        """The same spans, for positions counted from ``offset`` (a piece of the text)."""
        return _ProtectedView(self, offset)


class _ProtectedView:
    """A :class:`DocumentProtected` seen from ``offset`` (positions in a piece of the text)."""

    __slots__ = ("whole", "offset")

    def __init__(self, whole: DocumentProtected, offset: int):
        self.whole, self.offset = whole, offset

    def covers(self, pos: int, end: int | None = None) -> bool:
        return self.whole.covers(self.offset + pos, None if end is None else self.offset + end)


def screened_lines(text: str, screen: "re.Pattern[str] | str") -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` (split at "\\n"; ``end`` is the
    index of its "\\n", or ``len(text)``) that holds a hit of ``screen`` (a
    pattern, or a substring), in order, each line once.

    Each hit is looked for after the line of the one before: a huge line
    with many hits is read once, not once per hit.
    """
    n = len(text)
    pos = 0
    literal = isinstance(screen, str)
    while pos <= n:
        if literal:
            hit = text.find(screen, pos)  # type: ignore[arg-type]
            if hit < 0:
                return
        else:
            m = screen.search(text, pos)  # type: ignore[union-attr]
            if m is None:
                return
            hit = m.start()
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit)
        if end < 0:
            end = n
        yield start, end
        pos = end + 1


def line_matches(pattern, text: str, lines: "Iterable[tuple[int, int]]") -> Iterator:
    """The matches of ``pattern`` in ``text`` that start on one of ``lines``, in order.

    The same as the matches of ``pattern.finditer(text)`` that start on those
    lines when no match of ``pattern`` contains "\\n": the pattern runs from
    each line start (lookbehinds see the text before it) up to just past the
    line's "\\n" (lookaheads, ``$`` and ``\\b`` see it), and the matches that
    start past the "\\n" (on the next line) are dropped.
    """
    n = len(text)
    for start, end in lines:
        for m in pattern.finditer(text, start, min(n, end + 1)):
            if m.start() > end:
                break
            yield m
