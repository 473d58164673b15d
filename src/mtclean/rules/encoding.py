"""Encoding damage: mojibake and escaped entities left by MT and scrapers."""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from typing import Iterator

import regex

from ..rule import Context, Rule, Span, diff_spans
from ..languages import facts
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
# UTF-8 read as other single-byte encodings (ftfy decodes them all): two
# Cyrillic letters in a row read as Windows-1251 ("РџСЂ"), a typographic
# mark read so ("вЂ"), an accented Latin letter read so ("Г©"); the same as
# Windows-1250 ("ĐźŃ€", "Ă©", "â€ž" is already above) and as MacRoman
# ("–ü—Ä", "√©", "‚Äú"). Real text has none of these pairs.
_CP1251_CONT = (
    "\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c\u040b\u040f"
    "\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459\u203a\u045a\u045c\u045b\u045f"
    "\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ad\u00ae\u0407"
    "\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457"
)
# (After Г: not і є ї ґ ё, which Ukrainian and Russian words write there.)
_CP1251_LATIN = "".join(c for c in _CP1251_CONT if c not in "ієїґё")
_CP1250_CONT = (
    "\u20ac\u201a\u201e\u2026\u2020\u2021\u2030\u0160\u2039\u015a\u0164\u017d\u0179\u2018\u2019"
    "\u201c\u201d\u2022\u2013\u2014\u2122\u0161\u203a\u015b\u0165\u017e\u017a\u00a0\u02c7\u02d8"
    "\u0141\u00a4\u0104\u00a6\u00a7\u00a8\u00a9\u015e\u00ab\u00ac\u00ad\u00ae\u017b\u00b0\u00b1"
    "\u02db\u0142\u00b4\u00b5\u00b6\u00b7\u00b8\u0105\u015f\u00bb\u013d\u02dd\u013e\u017c"
)
_SUSPECT_OTHER = re.compile(
    f"[РСТ][{_CP1251_CONT}][РСТ][{_CP1251_CONT}]|вЂ|Г[{_CP1251_LATIN}]"
    f"|[ĐŃ][{_CP1250_CONT}][ĐŃ][{_CP1250_CONT}]|Ă[{_CP1250_CONT}]"
    "|[–—][ÄÅÆÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…]{1}(?=[–—])"
    "|√[©®†®∂∂ß≠°§¢£¶•™´¨ÆØ∞±≤≥¥µ∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…ºÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü]|‚Ä"
)
# UTF-8 read as KOI8-R: its lead bytes are Cyrillic letters (п я for
# Cyrillic, ц for accented Latin, Б for typographic marks) and its
# continuation bytes box-drawing characters ("п÷я─"). ftfy does not know
# KOI8-R: such tokens are decoded here, and only when they decode whole.
_KOI8_LEAD = re.escape(bytes(range(0xC2, 0xF5)).decode("koi8_r"))
_KOI8_CONT = re.escape(bytes(b for b in range(0x80, 0xC0) if b not in (0xA3, 0xB3)).decode("koi8_r"))  # not ё Ё
# What a decoded token may hold besides letters (a lone "²" from "м²" may not).
_DECODED_PUNCT = frozenset("«»„“”‘’‚–—…№°\u00a0\u202f")
_SUSPECT_KOI8 = re.compile(f"[{_KOI8_LEAD}][{_KOI8_CONT}]")
# (Tokens end at ASCII spaces only: a KOI8-R no-break space is a byte of "К".)
_KOI8_TOKEN = re.compile(f"[^\\x00-\\x7f]*[{_KOI8_LEAD}][{_KOI8_CONT}][^\\x00-\\x20]*")


# In text of a Latin-script language, "Гі" "Гє" "Гґ" "Гё" are ó ú ô ø read as
# cp1251 too (in Ukrainian and Russian they are letters).
_SUSPECT_LATIN_ONLY = re.compile("Г[ієїґё]")


def _suspect(text: str, latin: bool = False) -> bool:
    return bool(
        _SUSPECT.search(text)
        or _SUSPECT_CONTROL.search(text)
        or _SUSPECT_OTHER.search(text)
        or (latin and _SUSPECT_LATIN_ONLY.search(text))
    )


def _find_mojibake(text: str, ctx: Context) -> Iterator[Span]:
    if text.isascii():
        return
    if _SUSPECT_KOI8.search(text):
        yield from _repair_spans(text, _decode_tokens(text, _KOI8_TOKEN, ("koi8_r",), ctx.lang))
    skip_lines: set[int] = set()
    if ctx.lang in _CYRILLIC_LANGS and _LATIN1_RUN.search(text):
        for line_start, line_end, fixed in _cp1251_as_latin1(text, ctx):
            skip_lines.add(line_start)
            for s0, e0, repl in _repair_spans(text[line_start:line_end], fixed):
                yield line_start + s0, line_start + e0, repl
    f = facts(ctx.lang)
    latin = f is not None and f.script == "Latin"
    if not _suspect(text, latin):
        return
    fix_text, is_bad = _ftfy()
    offset = 0
    # Lines split on "\n" only: str.splitlines also splits at \x85, \x1c-\x1e
    # and \u2028, which are bytes and characters of mojibake itself ("х" read
    # as cp1252 is "Ñ\x85"), and would cut a damaged word in two.
    for line in text.split("\n"):
        line_end = offset + len(line) + 1
        if offset not in skip_lines and not line.isascii() and (_suspect(line, latin) or is_bad(line)):
            # ftfy only on the stretches that hold non-ASCII text (whole words,
            # merged when close): the ASCII rest of a line cannot change, and
            # ftfy's cost is per character.
            for start, end in _non_ascii_stretches(line):
                piece = line[start:end]
                # ftfy's badness score misses short Cyrillic-codepage and
                # MacRoman mojibake, and leaves a lone "Ñ–" (і) or "В«" («):
                # the tokens still damaged after it are decoded here.
                fixed = _decode_tokens(fix_text(piece), _ANY_TOKEN, _SINGLE_BYTE, ctx.lang)
                if fixed != piece:
                    yield from _repair_spans(piece, fixed, offset + start)
        offset = line_end


# Russian or Ukrainian text in Windows-1251 bytes read as Latin-1 ("Â òî
# âðåìÿ" is "В то время"): no UTF-8 is involved, so ftfy cannot see it. A
# line is decoded when most of its Latin-1 words are known words once read
# as Windows-1251.
_CYRILLIC_LANGS = frozenset({"ru", "uk", "bg", "sr", "be"})
_CP1251_LETTERS = "\xc0-\xff\xa8\xb8\xaa\xba\xaf\xbf\xb2\xb3\xa5\xb4"
_LATIN1_RUN = re.compile("[\xc0-\xff]{3}")
_LATIN1_WORD = re.compile(f"(?<![\\w])[{_CP1251_LETTERS}]+(?![\\w])")


def _cp1251_as_latin1(text: str, ctx: Context) -> Iterator[tuple[int, int, str]]:
    """(line start, line end, decoded line) for each line of Windows-1251 text read as Latin-1."""
    lex = ctx.lexicon
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        if _LATIN1_RUN.search(line):
            words = [m for m in _LATIN1_WORD.finditer(line) if len(m.group()) >= 2]
            known = sum(1 for m in words if lex.zipf(m.group().encode("latin-1").decode("cp1251")) >= 2.0)
            if len(words) >= 3 and known >= 0.8 * len(words):
                fixed = _LATIN1_WORD.sub(lambda m: m.group().encode("latin-1").decode("cp1251"), line)
                yield offset, end, fixed
        offset = end + 1


@functools.lru_cache(maxsize=4096)
def _plain_letter(c: str) -> bool:
    return c.isalpha() and unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC", "GREEK"))


# Single-byte readings tried on a token, in order.
_SINGLE_BYTE = ("sloppy-windows-1251", "sloppy-windows-1250", "macroman", "sloppy-windows-1252")
_ANY_TOKEN = re.compile(r"[^\x00-\x20]+")
_EDGE_PUNCT = "\"'«»„“”‘’‚()[]{}.,;:!?"


def _decode_tokens(text: str, pattern: "re.Pattern[str]", encodings: tuple[str, ...], lang: str = "und") -> str:
    """``text`` with each token that decodes whole as UTF-8 read in one of ``encodings`` decoded.

    A token (``pattern``) is tried as it is, then without the punctuation at
    its edges. A reading counts only when it decodes strictly to Latin,
    Cyrillic or Greek letters and usual punctuation, and either repairs two
    characters or more or gives letters the language writes (a lone
    "Ñ–" is Ukrainian "і"; real text almost never round-trips so).

    >>> _decode_tokens("п÷я─п╦п╡п╣я┌ ok", _KOI8_TOKEN, ("koi8_r",))
    'Привет ok'
    >>> _decode_tokens("вік Ñ– мрія", _ANY_TOKEN, _SINGLE_BYTE, "uk")
    'вік і мрія'
    >>> _decode_tokens("Её дом", _ANY_TOKEN, _SINGLE_BYTE, "ru")
    'Её дом'
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    pair = _lead_and_continuation(encodings)
    if not pair.search(text):
        return text
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        token = m.group()
        if token.isascii() or not pair.search(token):
            continue
        core = token.strip(_EDGE_PUNCT)
        lead = token.find(core) if core else 0
        for piece, at in ((token, 0), (core, lead)):
            if not piece or piece.isascii():
                continue
            fixed = _decode_as(piece, encodings, lang)
            if fixed is not None:
                out.append(text[pos:m.start() + at])
                out.append(fixed)
                pos = m.start() + at + len(piece)
                break
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=None)
def _lead_and_continuation(encodings: tuple[str, ...]) -> "re.Pattern[str]":
    """Two characters that some of ``encodings`` write as a UTF-8 lead byte and a continuation byte.

    A token without such a pair cannot decode to anything new (its bytes
    are ASCII or not UTF-8), so it need not be tried.

    >>> bool(_lead_and_continuation(("sloppy-windows-1252",)).search("cafÃ©"))
    True
    >>> bool(_lead_and_continuation(("sloppy-windows-1252",)).search("café déjà"))
    False
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    def chars(lo: int, hi: int) -> str:
        found = set()
        for enc in encodings:
            for b in range(lo, hi + 1):
                try:
                    found.add(bytes([b]).decode(enc))
                except UnicodeDecodeError:
                    continue
        return "".join(sorted(found))

    return re.compile(f"[{re.escape(chars(0xC2, 0xF4))}][{re.escape(chars(0x80, 0xBF))}]")


def _decode_as(piece: str, encodings: tuple[str, ...], lang: str) -> str | None:
    f = facts(lang)
    letters = f.letters if f else frozenset()
    cyrillic = f is not None and f.script == "Cyrillic"
    for enc in encodings:
        try:
            fixed = piece.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed == piece or not all(c.isascii() or c in _DECODED_PUNCT or _plain_letter(c) for c in fixed):
            continue
        if any(c < " " or c == "\x7f" for c in fixed):
            # A token holds no control characters, so one in the result was
            # made by the codec: the sloppy ones write "\ufffd" as byte 1A.
            continue
        if len(piece) - len(fixed) >= 2 or all(
            c.isascii() or c in _DECODED_PUNCT or c.lower() in letters or (cyrillic and "\u0400" <= c <= "\u04ff")
            for c in fixed
        ):
            return fixed
    return None


_NON_ASCII_SPLIT = re.compile(r"([^\x00-\x7f]+)")


def _repair_spans(old: str, new: str, at: int = 0) -> list[Span]:
    """Spans turning ``old`` into ``new``: one per changed non-ASCII run (moved on by ``at``).

    A mojibake repair rewrites the non-ASCII runs and keeps the ASCII text
    between them (but for a space that stood for a no-break space inside a
    damaged sequence, ``Ã `` for ``à``); then old and new runs pair up in
    order, which is much cheaper than a character diff. Otherwise, the
    general :func:`diff_spans`.

    >>> _repair_spans("a cafÃ© and Ã¼ b", "a café and ü b")
    [(5, 7, 'é'), (12, 14, 'ü')]
    >>> _repair_spans("dÃ©jÃ  vu", "déjà vu", 10)
    [(11, 13, 'é'), (14, 16, 'à')]
    """
    if old == new:
        return []
    spans = _pair_runs(old, _NON_ASCII_SPLIT.split(old), _NON_ASCII_SPLIT.split(new), at)
    if spans is None:
        spans = [(at + s, at + e, r) for s, e, r in diff_spans(old, new)]
    return spans


def _pair_runs(old: str, a: list[str], b: list[str], at: int = 0) -> list[Span] | None:
    """Spans (moved on by ``at``) from old chunks ``a`` to new chunks ``b`` (ASCII, run, ASCII, ...), or None."""
    if a[0] != b[0]:
        return None
    out: list[Span] = []
    append = out.append
    na, nb = len(a), len(b)
    po = len(a[0])  # where a[k] starts in old
    k = j = 1
    while k < na:
        if j >= nb:
            return None
        run, repl = a[k], b[j]
        start = po
        end = po + len(run)
        k, j = k + 1, j + 1  # the ASCII chunks after the runs
        while True:
            if j >= nb:
                return None
            chunk, want = a[k], b[j]
            if chunk == want:
                break
            if chunk == " " + want:  # the space went into the repaired character
                end += 1
                chunk = want
                break
            if chunk == " " and k + 1 < na:  # ... and the next run too
                end += 1 + len(a[k + 1])
                k += 2
                continue
            return None
        x = run if end - start == len(run) else old[start:end]
        if x != repl:
            if x[0] != repl[:1] and x[-1] != repl[-1:]:
                # (the usual repair: nothing in common at either end)
                append((at + start, at + end, repl))
            else:
                p = 0
                while p < len(x) and p < len(repl) and x[p] == repl[p]:
                    p += 1
                q = 0
                while q < len(x) - p and q < len(repl) - p and x[-1 - q] == repl[-1 - q]:
                    q += 1
                append((at + start + p, at + end - q, repl[p:len(repl) - q]))
        po = end + len(chunk)
        k, j = k + 1, j + 1
    return out if j == nb else None


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
    "Decode mojibake (UTF-8 read as Latin-1, cp1252, cp1251, cp1250, MacRoman or KOI8-R) without restyling.",
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
# Every HTML5 named entity counts (``&eacute;``, ``&laquo;``, ``&bdquo;``,
# ``&Ccaron;``); a name HTML does not define (``&unknown;``) is text.
_ENTITY = regex.compile(r"&(?:amp;)*(?:([A-Za-z][A-Za-z0-9]{1,31})|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML5 = html.entities.html5
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
        name = m.group(1)
        if name is not None and name + ";" not in _HTML5:
            continue
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
