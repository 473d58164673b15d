"""The document model: one text version, tokenized once, with offsets.

A :class:`Document` holds the text, its language and what rules read from
it: letter runs (words) with offsets, sentence starts, quoted spans and
protected spans (URLs, e-mail, handles, code, paths, file names). Each is
computed on first use and cached on the object, so a rule that never asks
never pays.

After a rule's edits, :meth:`Document.after` builds the next version
without re-reading the whole text: spans before the first edit are kept,
spans after the last are shifted, and only the windows around the edits
(widened to whitespace, which no token crosses) are tokenized again. The
result is exactly what tokenizing the new text from scratch gives (a
property test checks this), at a cost proportional to the edited windows.

>>> doc = Document("See www.example.com, said Ann. Then she left.", "en")
>>> [doc.text[s:e] for s, e in doc.words][:3]
['See', 'www', 'example']
>>> doc.is_protected(4, 19), doc.is_protected(0, 3)
(True, False)
>>> doc.sentence_starts
[0, 31]
>>> nxt = doc.after([Edit("r", 26, 29, "Ann", "Anne")])
>>> nxt.text[26:30], [nxt.text[s:e] for s, e in nxt.words][-3:]
('Anne', ['Then', 'she', 'left'])
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Sequence

import regex

from .edits import Edit, apply_edits, in_position_order

__all__ = ["Document", "PROTECTED_PATTERN", "words_at_word_starts"]

Span = tuple[int, int]

# Letter runs: what the rules call words.
_LETTERS = re.compile(r"[^\W\d_]+")
# Things that are not prose and that no rule may touch. Every alternative
# is bounded and none crosses whitespace, so windows cut at whitespace see
# the same matches as the whole text.
# Domain endings and file extensions a protected token may end with.
_SUFFIXES = "com|org|net|gov|edu|io|ai|co|uk|ru|ua|de|fr|cn|info|html?|php|aspx?|pdf|docx?|xlsx?|csv|txt|json|py|js|md|png|jpe?g|gif"
# Code in running text (changelogs, manuals, scraped technical pages): an
# identifier's shape, not a word's, so no rule splits, re-cases or re-spaces
# it. Each is a shape prose and MT output do not write: an underscore
# inside a word, a call (``rand()``, ``islower(wch)``, ``obj.method(``),
# ``Class::member`` and ``a->b``, ``$var``, ``key=value``, ``[a|b]``,
# ``{a,b}``, a list of three codes or more with no spaces (``az,cs,cy``;
# not ``pillows,chairs,pans``, a list that lost its spaces), a dotted chain
# of three parts or more whose first two are in lower case
# (``java.sql.Timestamp``; not ``U.S.A.`` nor ``Brisbane.Child``), a file
# name in lower case (``longobject.c``, ``texinfo.tex``; not ``e.g.``, nor
# ``months.said``, a sentence end before a speech verb), and a path of three
# parts or more (``java/util/zip``; not ``and/or``).
_CODE_TOKENS = r"""
    | \[[\w.-]{1,32}(?:\|[\w.-]{1,32}){1,8}\]
    | (?<![\w.$:,@/-])(?:
        [\w.$]{0,64}(?:\{[^\s{}]{0,64}\}[\w.$]{0,64}){1,8}
      | [\w$.]{0,64}(?:[^\W_]_|_[^\W_])[\w$.]{0,64}
      | (?-i:\p{Ll}[\w@-]{0,2}(?:,\p{Ll}[\w@-]{0,2}){2,16}(?![\w.@-]))
      | [\w.]{1,64}\(\)
      | (?-i:\p{Ll}[\w.]{0,63}\([\p{Ll}_][\p{Ll}\d_.,*&]{0,31}\))
      | \p{L}\w{0,63}(?:\.\p{L}\w{0,63}){1,6}\((?=[\w"'*&)])
      | \w{1,64}(?:::|->)\w{1,64}(?:(?:::|->|\.)\w{1,64}){0,6}
      | \$[a-z_]\w{0,63}
      | -{0,2}\w[\w.-]{0,63}=[\w.:/-]{1,64}
      | (?-i:\p{Ll}\w{1,63}\.\p{Ll}\w{1,63}(?:\.\p{L}\w{1,63}){1,5}(?![\w]))
      | (?-i:\p{Ll}\w{1,63}\.\p{Ll}\w{0,2}(?![\w]))
      | [\w.-]{1,64}(?:/[\w.-]{1,64}){2,16}/?
    )
"""
PROTECTED_PATTERN = regex.compile(
    r"""
      (?:https?|ftp)://\S+
    | www\.\S+
    | (?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}
    | (?<!\w)[@#]\w+
    | ``[^`\n]{1,498}``
    | `[^`\n]{0,500}`
    | (?<![\w.-])(?:[\w-]{1,63}\.){1,6}(?:%s)\b(?:/\S*)?
    %s
    """
    % (_SUFFIXES, _CODE_TOKENS),
    regex.X | regex.I,
)
# A mark every match of PROTECTED_PATTERN holds (same flags); see _protected_spans.
# It finds what ``regex.compile(_TRIGGER_PATTERN, regex.I)`` finds, at twice
# its speed on prose: the stdlib engine skips to the mark characters, and
# the case-insensitive letters are spelt out as the classes ``regex.I``
# matches (stdlib ``re.I`` would also match a dotless ``ı`` for ``i``).
# The code marks: "_", "(" after a word or dot, "::", "->", "$", "=", "|",
# "{", a "/" before another, a comma before a short item and another comma,
# and a dot before a lower-case part and another dot (a chain) or before a
# short lower-case ending (a file name). Narrow on purpose: a comma or a
# dot before a letter is in every glued sentence end, and each mark found
# scans its run of text with the whole pattern.
_CODE_MARKS = (
    r"|(?-i:_|(?<=[\w.])\(|::|->|\$|=|\||\{|/(?=[\w.-]+/)|,(?=[^\W\d_][\w@-]{0,2},)"
    r"|\.(?=[^\W\d_A-Z]\w*\.[^\W\d_])|\.(?=[^\W\d_A-Z]\w{0,2}(?!\w)))"
)
_TRIGGER_PATTERN = r"://|www\.|[@#`]|\.(?:" + _SUFFIXES + ")" + _CODE_MARKS
_REGEX_CASE = {"i": "iI\u0130", "k": "kK\u212a", "s": "sS\u017f"}


def _spelt_out_case(alternation: str) -> str:
    return "".join(f"[{_REGEX_CASE.get(c, c + c.upper())}]" if c.isalpha() else c for c in alternation)


_TRIGGER = re.compile(
    r"[:wW@#`.](?:(?<=:)//|(?<=[wW])[wW]{2}\.|(?<=[@#`])|(?<=\.)(?:" + _spelt_out_case(_SUFFIXES) + "))"
    + _CODE_MARKS
)
# Whitespace as the pattern's ``\S`` sees it (``regex``, not ``str.isspace``,
# which also counts U+001C-U+001F).
_SPACE = regex.compile(r"\s")
# A sentence starts at the text start, after a line break, or after . ! ?
# (and closing quotes or brackets) and whitespace.
_SENTENCE_START = re.compile(r"(?:^|\n|(?<=[.!?])[\"'”’)\]]*[ \t]+)\s*(?=\S)")
# Quotation marks that open and close a span, per pair.
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'}


class Document:
    """One version of a text: lazy, cached tokenization with offsets."""

    __slots__ = ("text", "lang", "_words", "_protected", "_sentences", "_quotes", "_counts")

    def __init__(self, text: str, lang: str = "en"):
        self.text = text
        self.lang = lang
        self._words: list[Span] | None = None
        self._protected: list[Span] | None = None
        self._sentences: list[int] | None = None
        self._quotes: list[Span] | None = None
        self._counts: Counter[str] | None = None

    # ------------------------------------------------------------ words
    @property
    def words(self) -> list[Span]:
        """(start, end) of every letter run, in order."""
        if self._words is None:
            self._words = _letter_runs(self.text, 0, len(self.text))
        return self._words

    def word_at(self, pos: int) -> Span | None:
        """The letter run that contains ``pos``, or None."""
        words = self.words
        i = bisect.bisect_right(words, (pos, len(self.text) + 1)) - 1
        if i >= 0 and words[i][0] <= pos < words[i][1]:
            return words[i]
        return None

    def words_between(self, start: int, end: int) -> list[Span]:
        """The letter runs that lie inside ``[start, end)``."""
        words = self.words
        i = bisect.bisect_left(words, (start, -1))
        j = bisect.bisect_left(words, (end, -1))
        return [w for w in words[i:j] if w[1] <= end]

    @property
    def word_counts(self) -> Counter[str]:
        """How often each lower-cased letter run occurs."""
        if self._counts is None:
            t = self.text
            self._counts = Counter(t[s:e].lower() for s, e in self.words)
        return self._counts

    # ------------------------------------------------------------ protected spans
    @property
    def protected(self) -> list[Span]:
        """(start, end) of every protected span (URL, e-mail, handle, code, path), in order."""
        if self._protected is None:
            self._protected = _protected_spans(self.text, 0, len(self.text))
        return self._protected

    def is_protected(self, start: int, end: int | None = None) -> bool:
        """True when ``[start, end)`` (or the character at ``start``) meets a protected span."""
        spans = self.protected
        if not spans:
            return False
        end = start + 1 if end is None else max(end, start + 1)
        i = bisect.bisect_right(spans, (end - 1, len(self.text) + 1)) - 1
        return i >= 0 and spans[i][1] > start

    # ------------------------------------------------------------ sentences and quotes
    @property
    def sentence_starts(self) -> list[int]:
        """Offsets at which a sentence (or a line) starts."""
        if self._sentences is None:
            self._sentences = sorted({m.end() for m in _SENTENCE_START.finditer(self.text)})
        return self._sentences

    def starts_sentence(self, pos: int) -> bool:
        """True when a sentence starts at ``pos``."""
        starts = self.sentence_starts
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] == pos

    @property
    def quotes(self) -> list[Span]:
        """(start, end) of quoted spans, quote marks included; unmatched marks open nothing."""
        if self._quotes is None:
            self._quotes = _quoted_spans(self.text)
        return self._quotes

    # ------------------------------------------------------------ the next version
    def after(self, edits: Sequence[Edit]) -> "Document":
        """The document with ``edits`` (over this text) applied, re-tokenized only where edited."""
        if not edits:
            return self
        edits = in_position_order(edits)
        new_text = apply_edits(self.text, edits)
        nxt = Document(new_text, self.lang)
        if self._words is not None:
            nxt._words = _remap(self._words, self.text, new_text, edits, _letter_runs)
        if self._protected is not None and "`" not in self.text and "`" not in new_text:
            # (inline code may hold spaces: with a backtick around, scan anew)
            nxt._protected = _remap(self._protected, self.text, new_text, edits, _protected_spans)
        return nxt


# ---------------------------------------------------------------- scanners over a window
def _letter_runs(text: str, start: int, end: int) -> list[Span]:
    return [(m.start(), m.end()) for m in _LETTERS.finditer(text, start, end)]


def _protected_spans(text: str, start: int, end: int) -> list[Span]:
    """What ``PROTECTED_PATTERN.finditer(text, start, end)`` finds, scanning only near its marks.

    Every match holds a mark (``_TRIGGER``) and, but for inline code, no
    whitespace; so each match lies in the whitespace-free run around one
    of its marks (code: from its backtick to at most 502 characters on).
    Those runs, merged, are scanned; a long document with one URL costs a
    search for the marks, not a scan of the whole pattern.
    """
    out: list[Span] = []
    ws = we = -1  # the window being grown
    for m in _TRIGGER.finditer(text, start, end):
        p = m.start()
        code = m.group() == "`"
        if p < we and not code:
            continue  # inside the current window already (which ends at whitespace)
        reach = min(end, p + 502) if code else m.end()
        lo = p
        floor = max(start, we)
        while lo > floor and not _SPACE.match(text, lo - 1):
            lo -= 1
        hi = _SPACE.search(text, reach, end)
        hi_end = hi.start() if hi else end
        if we >= 0 and lo <= we:
            we = max(we, hi_end)  # touches the current window: merge
            continue
        if we >= 0:
            out.extend((x.start(), x.end()) for x in PROTECTED_PATTERN.finditer(text, ws, we))
        ws, we = lo, hi_end
    if we >= 0:
        out.extend((x.start(), x.end()) for x in PROTECTED_PATTERN.finditer(text, ws, we))
    return out


def _quoted_spans(text: str) -> list[Span]:
    out: list[Span] = []
    open_at: dict[str, int] = {}
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at.clear()  # quotes do not run across lines here
            continue
        for opener, closer in _QUOTE_PAIRS.items():
            if ch == closer and opener in open_at and (opener != closer or i > open_at[opener]):
                out.append((open_at.pop(opener), i + 1))
                break
            if ch == opener and opener not in open_at:
                open_at[opener] = i
                break
    out.sort()
    return out


# How far a window is widened looking for whitespace; past it (text without
# spaces) the new text is scanned whole, once: still linear per call.
_MAX_WIDEN = 256
# Windows this close (characters) are scanned as one.
_JOIN_WITHIN = 16


def _remap(spans: list[Span], old: str, new: str, edits: Sequence[Edit], scan) -> list[Span]:
    """``spans`` of ``old`` carried over to ``new``; windows around the edits scanned again."""
    # Windows in old coordinates: each edit widened to whitespace on both
    # sides (no token or protected span crosses whitespace), merged.
    windows: list[list[int]] = []
    for e in edits:
        ws = _back_to_space(old, e.start)
        we = _ahead_to_space(old, e.end)
        if ws < 0 or we < 0:
            return scan(new, 0, len(new))
        if windows and ws <= windows[-1][1] + _JOIN_WITHIN:
            # (Near windows scanned as one: the text between them is
            # whitespace-bounded too, and scanning it again finds what
            # carrying it over would; one scan per edit, on text with an
            # edit every few characters, cost more than the characters.)
            windows[-1][1] = max(windows[-1][1], we)
        else:
            windows.append([ws, we])
    out: list[Span] = []
    i = 0
    delta = 0
    k = 0  # next edit
    for ws, we in windows:
        # Spans wholly before this window: shifted by the edits before it.
        while i < len(spans) and spans[i][1] <= ws:
            out.append((spans[i][0] + delta, spans[i][1] + delta))
            i += 1
        # Skip the spans that meet the window.
        while i < len(spans) and spans[i][0] < we:
            i += 1
        ns = ws + delta
        while k < len(edits) and edits[k].start <= we:
            delta += len(edits[k].after) - (edits[k].end - edits[k].start)
            k += 1
        ne = we + delta
        # A span that began before the window but reaches into it was skipped:
        # widening to whitespace guarantees there is none, since no span
        # crosses whitespace.
        out.extend(scan(new, ns, ne))
    while i < len(spans):
        out.append((spans[i][0] + delta, spans[i][1] + delta))
        i += 1
    return out


def _back_to_space(text: str, pos: int) -> int:
    """Start of the whitespace-free run ending at ``pos``; -1 when it is too long to look for."""
    stop = max(0, pos - _MAX_WIDEN)
    i = pos
    while i > stop and not text[i - 1].isspace():
        i -= 1
    return i if i == 0 or text[i - 1].isspace() else -1


def _ahead_to_space(text: str, pos: int) -> int:
    """End of the whitespace-free run starting at ``pos``; -1 when it is too long to look for."""
    n = len(text)
    stop = min(n, pos + _MAX_WIDEN)
    i = pos
    while i < stop and not text[i].isspace():
        i += 1
    return i if i == n or text[i].isspace() else -1


WORD_START_DEPTH = 100


def words_at_word_starts(words: "set[str] | frozenset[str]") -> "re.Pattern[str]":
    """A pattern of ``words`` (letter runs) at word starts, one prefix tree: its scan is linear in the text however many words.

    At each position after a non-letter it matches the longest word that
    starts there, so every whole occurrence of a word is among its
    matches (a whole word cannot start inside a match, which is letters);
    callers check the end. str.find per word, or an alternation of them,
    costs a pass of the text per word. Words longer than
    ``WORD_START_DEPTH`` are not accepted (the tree is built recursively):
    look for their first ``WORD_START_DEPTH`` letters instead.

    >>> [m.group() for m in words_at_word_starts({"ab", "abc", "b"}).finditer("abc ab xb b")]
    ['abc', 'ab', 'b']
    """
    tree: dict = {}
    for w in words:
        if len(w) > WORD_START_DEPTH:
            raise ValueError(f"a word of {len(w)} letters: at most {WORD_START_DEPTH}")
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def alternation(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if ends else ")")

    return re.compile(r"(?<![^\W\d_])" + alternation(tree))
