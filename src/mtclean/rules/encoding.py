"""Encoding damage: mojibake and escaped entities left by MT and scrapers."""

from __future__ import annotations

import functools
import html
import re
from typing import Iterator

import regex

from ..rule import Context, Rule, Span, diff_spans
from ._common import run_rule

__all__ = ["fix_mojibake", "unescape_entities", "FIX_MOJIBAKE", "UNESCAPE_ENTITIES"]



@functools.lru_cache(maxsize=1)
def _ftfy():
    """ftfy (imported on first need: 85 ms that text without mojibake never pays),
    told to repair and not to restyle: it keeps curly quotes, ligatures,
    full-width characters, line breaks, control characters and the Unicode
    normalization form exactly as they are."""
    import ftfy
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(
        unescape_html=False,  # entities are unescape_entities' job, and only the MT ones
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return functools.partial(ftfy.fix_text, config=config), is_bad
# What mojibake looks like: a UTF-8 lead byte decoded as Latin-1/cp1252
# (Â..ï) followed by a continuation byte decoded the same way, or C1
# controls, surrogates and replacement characters.
_SUSPECT = re.compile(
    "[\xc2-\xf4][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_SUSPECT_CONTROL = re.compile("[\x80-\x9f\ud800-\udfff\ufffd]")


def _find_mojibake(text: str, ctx: Context) -> Iterator[Span]:
    if text.isascii() or not (_SUSPECT.search(text) or _SUSPECT_CONTROL.search(text)):
        return
    fix_text, is_bad = _ftfy()
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.isascii() and (_SUSPECT.search(line) or _SUSPECT_CONTROL.search(line) or is_bad(line)):
            # ftfy only on the stretches that hold non-ASCII text (whole words,
            # merged when close): the ASCII rest of a line cannot change, and
            # ftfy's cost is per character.
            for start, end in _non_ascii_stretches(line):
                piece = line[start:end]
                for s0, e0, repl in _repair_spans(piece, fix_text(piece)):
                    yield offset + start + s0, offset + start + e0, repl
        offset += len(line)


_NON_ASCII_SPLIT = re.compile(r"([^\x00-\x7f]+)")


def _repair_spans(old: str, new: str) -> Iterator[Span]:
    """Spans turning ``old`` into ``new``: one per changed non-ASCII run.

    A mojibake repair rewrites the non-ASCII runs and keeps the ASCII text
    between them (but for a space that stood for a no-break space inside a
    damaged sequence, ``Ã `` for ``à``); then old and new runs pair up in
    order, which is much cheaper than a character diff. Otherwise, the
    general :func:`diff_spans`.

    >>> list(_repair_spans("a cafÃ© and Ã¼ b", "a café and ü b"))
    [(5, 7, 'é'), (12, 14, 'ü')]
    >>> list(_repair_spans("dÃ©jÃ  vu", "déjà vu"))
    [(1, 3, 'é'), (4, 6, 'à')]
    """
    if old == new:
        return
    spans = _pair_runs(old, _NON_ASCII_SPLIT.split(old), _NON_ASCII_SPLIT.split(new))
    yield from diff_spans(old, new) if spans is None else spans


def _pair_runs(old: str, a: list[str], b: list[str]) -> list[Span] | None:
    """Spans from old chunks ``a`` to new chunks ``b`` (ASCII, run, ASCII, ...), or None."""
    if a[0] != b[0]:
        return None
    out: list[Span] = []
    po = len(a[0])  # where a[k] starts in old
    k = j = 1
    while k < len(a):
        if j >= len(b):
            return None
        start, end, repl = po, po + len(a[k]), b[j]
        k, j = k + 1, j + 1  # the ASCII chunks after the runs
        while True:
            if j >= len(b):
                return None
            chunk, want = a[k], b[j]
            if chunk == want:
                break
            if chunk == " " + want:  # the space went into the repaired character
                end += 1
                chunk = want
                break
            if chunk == " " and k + 1 < len(a):  # ... and the next run too
                end += 1 + len(a[k + 1])
                k += 2
                continue
            return None
        if old[start:end] != repl:
            p = 0
            x = old[start:end]
            while p < len(x) and p < len(repl) and x[p] == repl[p]:
                p += 1
            q = 0
            while q < len(x) - p and q < len(repl) - p and x[-1 - q] == repl[-1 - q]:
                q += 1
            out.append((start + p, end - q, repl[p:len(repl) - q]))
        po = end + len(chunk)
        k, j = k + 1, j + 1
    return out if j == len(b) else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# ftfy sees at most this much of a line at once (its cost, and the span
# diff's, grow with the piece), and looks this far for a space to widen to.
MAX_STRETCH = 2000
_WIDEN_LOOKUP = 200


def _non_ascii_stretches(line: str, gap: int = 40) -> Iterator[tuple[int, int]]:
    """Disjoint spans of ``line`` around its non-ASCII characters, widened to spaces.

    Runs closer than ``gap`` share a stretch, up to ``MAX_STRETCH``
    characters; widening looks for a space at most ``_WIDEN_LOOKUP`` away
    (on a line without spaces a stretch stays local instead of becoming the
    whole line), and never reaches back into the previous stretch. Cuts fall
    on ASCII characters, which mojibake (UTF-8 read as a single-byte
    encoding) never contains, so no damaged sequence is split.

    >>> list(_non_ascii_stretches("a cafÃ© b"))
    [(0, 9)]
    >>> list(_non_ascii_stretches("x" * 500 + "Ã©" + "y" * 500))
    [(480, 522)]
    """
    start = end = -1
    last = 0
    for m in _NON_ASCII.finditer(line):
        s, e = m.start(), m.end()
        if start >= 0 and s - end <= gap and e - start <= MAX_STRETCH:
            end = e
            continue
        if start >= 0:
            ws, we = _widen(line, start, end, last, s)
            yield ws, we
            last = we
        start, end = s, e
        while end - start > MAX_STRETCH:  # one huge non-ASCII run: pieces of it
            yield max(last, start), start + MAX_STRETCH
            start = last = start + MAX_STRETCH
    if start >= 0:
        yield _widen(line, start, end, last, len(line))


def _widen(line: str, start: int, end: int, floor: int = 0, ceiling: int | None = None) -> tuple[int, int]:
    """``[start, end)`` widened by 20 characters and on to the next space (if near)."""
    n = len(line)
    ceiling = n if ceiling is None else ceiling
    left = max(0, start - 20)
    s = line.rfind(" ", max(0, left - _WIDEN_LOOKUP), left) + 1 if left > 0 else 0
    if s == 0 and left > _WIDEN_LOOKUP:
        s = left  # no space near: stop 20 characters out
    right = min(n, end + 20)
    e = line.find(" ", right, right + _WIDEN_LOOKUP)
    if e < 0:
        e = n if n - right <= _WIDEN_LOOKUP else right
    # Keep clear of the neighbouring stretches (whose characters they fix).
    return max(s, floor), max(min(e, ceiling), end)


FIX_MOJIBAKE = Rule(
    "fix_mojibake",
    _find_mojibake,
    None,
    "Decode mojibake (UTF-8 read as Latin-1 or cp1252) with ftfy, without restyling.",
    category="encoding",
)


def fix_mojibake(text: str, *, lang: str = "en") -> str:
    """Repair text that was decoded with the wrong encoding.

    Uses ftfy's decoder, configured to repair and not restyle: curly quotes,
    ligatures, widths and line breaks stay as written.

    >>> fix_mojibake("The Ukrainianâ€™s cafÃ© said â€œnoâ€\\x9d")
    'The Ukrainian’s café said “no”'
    >>> fix_mojibake("“Curly” quotes and ﬁ ligatures stay.")
    '“Curly” quotes and ﬁ ligatures stay.'
    """
    return run_rule(FIX_MOJIBAKE, text, lang)


# Entities that MT toolkits (Moses escaping) and scrapers leave in plain
# text, possibly escaped more than once (&amp;quot;): the XML ones, numeric
# ones, and the named typographic ones MT output keeps (quotes, dashes,
# ellipsis, no-break space).
_NAMED = (
    "apos|quot|amp|lt|gt|nbsp|laquo|raquo|bdquo|sbquo|ldquo|rdquo|lsquo|rsquo|lsaquo|rsaquo"
    "|ndash|mdash|hellip|middot|bull|deg|euro|pound|copy|reg|trade"
)
_ENTITY = regex.compile(rf"&(?:amp;)*(?:{_NAMED}|#\d{{1,7}}|#[xX][0-9a-fA-F]{{1,6}});")
# Real markup (a tag): then entities are correct as they are.
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# What an entity may stand for: printable characters, and these spaces.
_ALLOWED_SPACES = frozenset("\n\t\u00a0")


def _unescape_fully(s: str) -> str:
    """``s`` unescaped until nothing changes, in time linear in ``s``.

    Each ``amp;`` after the leading ``&`` is one level of escaping, so the
    levels are dropped at once (one pass per level was quadratic).

    >>> _unescape_fully("&amp;amp;quot;")
    '"'
    """
    core = "&" + s[1 + 4 * _amp_levels(s):]
    prev = None
    while prev != core:
        prev, core = core, html.unescape(core)
    return core


def _amp_levels(s: str) -> int:
    """How many ``amp;`` follow the leading ``&`` before the entity proper."""
    n, i = 0, 1
    while s.startswith("amp;", i) and i + 4 < len(s):
        n, i = n + 1, i + 4
    return n


def _find_entities(text: str, ctx: Context) -> Iterator[Span]:
    if "&" not in text or _TAG.search(text):
        return
    for m in _ENTITY.finditer(text):
        repl = _unescape_fully(m.group())
        if repl != m.group() and (repl.isprintable() or repl in _ALLOWED_SPACES):
            yield m.start(), m.end(), repl


UNESCAPE_ENTITIES = Rule(
    "unescape_entities",
    _find_entities,
    None,
    "Turn escaped entities (&apos; &quot; &amp; &#39; &laquo; &ndash;) back into characters in plain text.",
    category="encoding",
)


def unescape_entities(text: str, *, lang: str = "en") -> str:
    """Unescape the HTML/Moses entities that leak into plain text.

    Left alone when the text contains real markup tags, where entities are
    correct.

    >>> unescape_entities("Kyiv&apos;s mayor said &quot;no&quot; to AT&amp;T")
    'Kyiv\\'s mayor said "no" to AT&T'
    >>> unescape_entities("<p>AT&amp;T</p>")
    '<p>AT&amp;T</p>'
    """
    return run_rule(UNESCAPE_ENTITIES, text, lang)
