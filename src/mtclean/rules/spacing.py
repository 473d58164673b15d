"""Spaces around punctuation and quotes: too many, too few, or a stray period."""

from __future__ import annotations

import itertools
import re
from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule, Span
from ._common import EN, FRENCH_SPACED, SPACED, line_matches, protected, run_rule, screened_lines, technical_signal, windows
from .glue import candidate, confidence_of

__all__ = [
    "fix_space_before_punctuation",
    "fix_space_after_punctuation",
    "fix_stray_period",
    "FIX_SPACE_BEFORE_PUNCTUATION",
    "FIX_SPACE_AFTER_PUNCTUATION",
    "FIX_STRAY_PERIOD",
]

# ---------------------------------------------------------------- before
# "word ." / "word , and" / "( word )": tokenizer residue. Not at a line's
# start, not before an ellipsis, not in emoticons (" :)"), not in French.
_SPACE_BEFORE = regex.compile(
    r"""(?<=[\p{L}\p{N}%)\]”’"'»›])[ \t]+
        (?: [.](?![.])(?=[\s"”’)\]]|$)
          | [,!?](?=[\s"”’)\]]|$)
          | [;:](?=[ \t\n]|$)
          | [)\]](?=[\s.,;:!?"”’]|$) )""",
    regex.X,
)
# (Spanish ¿ ¡ open a question or an exclamation: "¿ Qué" -> "¿Qué".)
_SPACE_AFTER_OPEN = regex.compile(r"(?<=(?:^|[ \t])[(\[¿¡])[ \t]+(?=[\p{L}\p{N}])", regex.M)
# Moses-split English contractions: "do n't", "it 's", "they 're".
_CONTRACTION = regex.compile(r"(?<=\p{L})[ \t]+(?=(?:n['’]t|['’](?:s|re|ve|ll|d|m))\b)", regex.I)


def _closed_after(text: str, pos: int, closer: str) -> bool:
    """Does ``closer`` follow ``pos`` on its line (within 2000 characters)?"""
    line_end = text.find("\n", pos, pos + 2000)
    return text.find(closer, pos, line_end if line_end >= 0 else pos + 2000) >= 0


def _opened_before(text: str, pos: int, opener: str) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    closer = ")" if opener == "(" else "]"
    line_start = max(line_start, pos - 2000)  # bounded: linear time on huge lines
    return text.count(opener, line_start, pos) > text.count(closer, line_start, pos)


# Cheap pre-screen (stdlib re, one scan): clean text rarely has any of these.
# Pre-screen: substrings every match contains (C-speed substring search).
_NEEDLES_BEFORE = (" .", " ,", " ;", " :", " !", " ?", " )", " ]", "( ", "[ ", "¿ ", "¡ ", " n'", " n’", " '", " ’", "\t")
# The same needles in two searches and a test: a pattern that opens with a
# literal (" ") or a class is searched for it in C, where each `in` test
# read the whole text (seventeen reads of every clean paragraph).
_NEEDLE_SPACED = re.compile(r" (?:[.,;:!?)\]'’]|n['’])")
_NEEDLE_OPENER = re.compile(r"[(\[¿¡] ")


def _has_needle_before(text: str) -> bool:
    """Does ``text`` hold one of _NEEDLES_BEFORE?"""
    return "\t" in text or _NEEDLE_SPACED.search(text) is not None or _NEEDLE_OPENER.search(text) is not None


_ADDRESS_PART = regex.compile(r"[ \t]*\p{Ll}{2,4}\b")


# The lines each pattern runs on: every match of _SPACE_BEFORE ends in a
# space or tab then the mark, of _SPACE_AFTER_OPEN starts with the mark then
# a space or tab, of _CONTRACTION is a space or tab before n' or an
# apostrophe (either case: the pattern ignores case). None of the three
# matches "\n" (spaces and tabs, a mark; the rest are lookarounds).
_LINES_BEFORE = re.compile(r"[ \t][.,!?;:)\]]")
_LINES_AFTER_OPEN = re.compile(r"[(\[¿¡][ \t]")
_LINES_CONTRACTION = re.compile(r"[ \t][nN]?['’]")


# A line that opens with a term, a spaced colon and its description.
_DEFINITION_LINE = regex.compile(r"(?m)^[ \t]*[^\s:]++(?: [^\s:]++)? : ")


def _definition_lines(text: str, ctx: Context) -> bool:
    """Two lines or more of ``term : description`` (a definition list or a table: the spaced colon is layout)."""
    return ctx.cached(  # type: ignore[return-value]
        "definition_lines", text, lambda t: sum(1 for _ in itertools.islice(_DEFINITION_LINE.finditer(t), 2)) >= 2
    )


def _find_space_before(text: str, ctx: Context) -> Iterator[Span | Candidate]:
    if not _has_needle_before(text):
        return
    prot = protected(text, ctx)
    covers = prot.covers if prot.doc.protected else None  # (None: nothing is protected, nothing to ask per match)
    french = ctx.lang in FRENCH_SPACED
    for m in line_matches(_SPACE_BEFORE, text, screened_lines(text, _LINES_BEFORE)):
        ms, me = m.span()
        if covers is not None and covers(ms - 1, me + 1):
            continue
        closing = text[me - 1]
        if closing == "," or closing == "." and not _ADDRESS_PART.match(text, me):
            yield ms, me - 1, ""  # (the usual case, decided at once: none of the tests below applies)
            continue
        if closing in ";:!?" and french:
            continue  # French puts a space there
        if closing in ")]" and not _opened_before(text, m.start(), "(" if closing == ")" else "["):
            continue  # a bracket with no opening partner: a list item or a smiley
        if closing == ":" and _definition_lines(text, ctx):
            continue  # "isalnum : alphanumeric character" on line after line: a definition list
        if closing == "." and _ADDRESS_PART.match(text, m.end()) and (
            "@" in text[max(0, m.start() - 40):m.start()] or "www" in text[max(0, m.start() - 40):m.start()]
        ):
            continue  # "name@ gmail . com": a spelled-out address, not a sentence end
        # Keep the punctuation; drop the spaces before it.
        yield m.start(), m.end() - 1, ""
    for m in line_matches(_SPACE_AFTER_OPEN, text, screened_lines(text, _LINES_AFTER_OPEN)):
        opener = text[m.start() - 1]
        if opener in "([" and not _closed_after(text, m.end(), ")" if opener == "(" else "]"):
            continue  # no closing partner on the line: an emoticon (": ( Word"), not a bracket
        yield m.start(), m.end(), ""
    if ctx.lang == "en" and ("'" in text or "’" in text):
        for m in line_matches(_CONTRACTION, text, screened_lines(text, _LINES_CONTRACTION)):
            yield m.start(), m.end(), ""


# French: the space MT drops before ; : ! ? ("non?" for "non ?").
_FRENCH_MISSING = regex.compile(r"(?<=[\p{L}\p{N}»)\]])[;:!?](?=[ \t\n]|$)")
_FRENCH_SPACED_MARK = regex.compile(r"(?<=\S)([ \u00a0\u202f])[;:!?](?=[ \t\n]|$)")


def _find_french_missing_space(text: str, ctx: Context) -> Iterator[Candidate]:
    """The space French writes before ; : ! ?, put back where the text itself writes it elsewhere.

    Evidence is the document's own typography: two spaced marks or more and
    at least twice as many spaced as unspaced ones make the insertion an
    edit, with the space character the document uses; otherwise it is only
    a suggestion (some French text, Swiss or Canadian, leaves it out).
    """
    if ctx.lang not in FRENCH_SPACED or not any(c in text for c in ";:!?"):
        return
    missing = [m for m in _FRENCH_MISSING.finditer(text)]
    if not missing:
        return
    spaced = [m.group(1) for m in _FRENCH_SPACED_MARK.finditer(text)]
    prot = protected(text, ctx)
    consistent = len(spaced) >= 2 and len(spaced) >= 2 * len(missing)
    space = max(set(spaced), key=spaced.count) if spaced else "\u00a0"
    lex = ctx.lexicon
    for m in missing:
        if prot.covers(m.start() - 1, m.end()):
            continue
        j = m.start()
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j:m.start()]
        if word and lex.zipf(word) < 2.0:
            continue  # not a French word before the mark: a quotation in another language ("copyleft:")
        ev = ("the text spaces these marks elsewhere",) if consistent else ("French typography, no evidence in the text",)
        yield Candidate(m.start(), m.start(), space, 0.9 if consistent else 0.3, ev)


def _find_space_before_all(text: str, ctx: Context) -> Iterator[Span | Candidate]:
    yield from _find_space_before(text, ctx)
    yield from _find_french_missing_space(text, ctx)


FIX_SPACE_BEFORE_PUNCTUATION = Rule(
    "fix_space_before_punctuation",
    _find_space_before_all,
    SPACED,  # French included: its space before ; : ! ? and inside « » is kept (see the finder)
    "Remove tokenizer spaces before . , ; : ! ? and closing brackets, and in split contractions; in French, put back the space before ; : ! ? the text itself writes.",
    category="spacing",
)


def fix_space_before_punctuation(text: str, *, lang: str = "en") -> str:
    """Remove the spaces MT tokenizers leave before punctuation.

    Off for French, which puts a space before ``; : ! ?``.

    >>> fix_space_before_punctuation("Kyiv , the capital , said no . It do n't matter ( really )")
    "Kyiv, the capital, said no. It don't matter (really)"
    >>> fix_space_before_punctuation("Wait ... what? :)")
    'Wait ... what? :)'
    """
    return run_rule(FIX_SPACE_BEFORE_PUNCTUATION, text, lang)


# ---------------------------------------------------------------- after
# Words that open sentences: after "Name." they mark a lost space.
_SENTENCE_OPENERS = frozenset(
    """the a an it he she we they i you this that these those there in on at for but and or so yet
    however after before when while if as since although though meanwhile then also his her its their
    our my your one some many most all no not according""".split()
)
# Names written with sentence punctuation inside.
_BRANDS = frozenset({"Yahoo!", "Jeopardy!", "Kostroma.", "Panic!", "Wham!"})
_BRAND_WORDS = frozenset(b[:-1] for b in _BRANDS)
# "months.said the": a speech verb glued after a period takes a comma (English).
_SPEECH_VERBS = frozenset(
    """said says added adds told stated noted explained reported wrote according claimed declared announced
    stressed emphasized emphasised insisted replied commented asked""".split()
)
# Curly quotes are unambiguous in English: ” closes, “ opens.
# (Not where ” stands for an apostrophe: "I”ll", "don”t".)
_CLOSE_GLUED = regex.compile(
    r"(?<=[\p{L}\p{N}.,!?])”(?=\p{Ll})(?!(?:ll|s|t|d|m|re|ve)\b)|(?<=[.!?])”(?=\p{Lu})"
)
_OPEN_GLUED = regex.compile(r"(?<=[\p{Ll}\p{N}.,!?;:])“(?=\p{L})")
# A straight quote between punctuation or a letter and a capital.
_STRAIGHT_GLUED = regex.compile(r'(?<=[\p{L}\p{N}.!?,:;])"(?=\p{L})')


# Pre-screen: two letters glued to a following letter by . ! ? or a comma,
# or a quote glued between a character and a letter.
_SCREEN_AFTER_PUNCT = re.compile(r"[.!?,;:)](?<=[^\W_]{2}.)(?=[^\W\d_])")
_SCREEN_AFTER_QUOTE = re.compile(r"[”“\"](?<=\S.)(?=[^\W\d_])")
# Either of the two, in one scan: a pattern that opens with a character
# class is searched for that class in C (the two above are each a scan;
# an alternation of them would try the matcher at every position).
_SCREEN_AFTER = re.compile(r"[.!?,;:)”“\"](?=[^\W\d_])(?:(?<=[^\W_]{2}[.!?,;:)])|(?<=\S[”“\"]))")


_PUNCT_BEFORE_LETTER = re.compile(r"[.!?,;:)](?=[^\W\d_])")
# The same, with the letters after the mark (read up to the scan's end).
_PUNCT_GLUED = re.compile(r"[.!?,;:)](?=([^\W\d_]+))")
_LETTERS = re.compile(r"[^\W\d_]+")


_AFTER = "fix_space_after_punctuation"


# Evidence written once (a text dense with glued marks asks for it at every mark).
_EV_COMMA = ("comma before a word",)
_EV_BRACKET = ("closing bracket before a word",)
_EV_COLON = ("semicolon or colon before a word",)
_EV_SENTENCE = ("sentence end before a capitalised word",)
_EV_NAME = _EV_SENTENCE + ("name, period, common word", "known word before the period")
_EV_SPEECH = ("speech verb after a period",)


_QUOTE_MARKS = "'\"`"
_AFTER_CODE_MARKS = "/]="


_GLUED_END = regex.compile(r"(\p{L}{2,})[.!?](?=\p{Lu}\p{Ll})")


def _prose_glue_elsewhere(text: str, ctx: Context, pos: int) -> bool:
    """Does ``text`` glue another sentence end, after a word no identifier is (capitalised, frequent, another script)?

    Then a rare word before this one is more likely prose too ("Flowers
    polala.Vse norman.Vse rested", chat MT that lost every space after a
    period) than a module name.
    """
    def prose_ends(t: str) -> list[int]:
        lex = ctx.lexicon
        out = []
        for m in _GLUED_END.finditer(t):
            w = m.group(1)
            if not (w[0].islower() and w.isascii() and lex.zipf(w) < 2.5):
                out.append(m.end(1))
                if len(out) == 2:
                    break  # (two tell: one of them is not at ``pos``)
        return out

    ends = ctx.cached("prose_glued_ends", text, prose_ends)
    return any(e != pos for e in ends)  # type: ignore[attr-defined]


def _code_evidence(text: str, ctx: Context, start: int, pos: int, end: int, before: str, after: str) -> tuple[str, ...]:
    """Signals that ``before`` + mark + ``after`` is code, not prose that lost a space.

    A qualified name (``asyncio.Queue``, ``zipfile.Path``), a module prefix
    (``'node:fs'``) or a list of codes (``jceks,jks``) reads like a glued
    sentence end or list item; what tells them apart is a lower-case word
    that is rare as English (a module, a code), quotes around the pair (a
    string literal), and code marks elsewhere in the text. ``before`` is
    ``text[start:pos]``, the mark ``text[pos]``, ``after`` ``text[pos + 1:end]``.
    """
    ev: tuple[str, ...] = ()
    mark = text[pos]
    technical = technical_signal(text, ctx)
    if (
        before[:1].islower()
        and before.isascii()  # (identifiers are; and another script's word is rare to any lexicon)
        and ctx.lexicon.zipf(before) < 2.5
        and (mark != "," or ctx.lexicon.zipf(after) < 2.5)
        # (a comma needs both words rare: "pillows,chairs" is a list that lost its space)
        and (technical or mark not in ".!?" or not _prose_glue_elsewhere(text, ctx, pos))
    ):
        ev += ("rare lower-case word before the mark",)
    opened = text[start - 1] if start and text[start - 1] in _QUOTE_MARKS else ""
    closed = text[end] if end < len(text) else ""
    if (opened and closed == opened) or (closed and closed in _AFTER_CODE_MARKS):
        # "'node:fs'" (a string literal, quoted whole), "node:timers/promises",
        # "[node:timers]"; not '"Contour.Over the' nor "Czech,let's" (an apostrophe).
        ev += ("inside a quoted literal or a path",)
    if technical:
        ev += tuple(technical)
        if mark == "," and (text[start - 1:start] in ("(", "{", "[", ",") or text[end:end + 1] in (",", ")", "}", "]")):
            ev += ("list without spaces in technical text",)  # "(hr,ro)", "remount,rw", "a,b,c"
        elif mark in ".:" and before[:1].islower() and after.lower() not in _SENTENCE_OPENERS:
            # "decimal.Decimal", "xml:id"; not "to start.The loop"
            ev += ("qualified name in technical text",)
    return ev


def _glued_at(
    text: str, offset: int, prot, ctx: Context, start: int, pos: int, before: str, after: str
) -> Candidate | None:
    """The repair, if any, of ``before`` + punctuation + ``after`` glued at ``pos``.

    (A function, not a generator: it makes one candidate at most, and on
    text with a glued mark every few characters the generator was a good
    part of the rule's cost.)
    """
    punct = text[pos]
    end = pos + 1 + len(after)
    if prot is not None and prot.covers(start, end):
        return None
    at = offset + pos + 1
    if punct == ",":
        if len(after) >= 2:  # "blankets,down"
            return candidate(_AFTER, at, at, " ", _EV_COMMA + _code_evidence(text, ctx, start, pos, end, before, after))
        return None
    if punct in ";:)":
        # "rain;then", "Note:the", "(see above)and": a word on both sides;
        # not "&amp;x", "std::x", "a),b)" lists or "10:30" (no letters).
        if len(before) >= 3 and len(after) >= 2 and before.isalpha() and after.isalpha():
            opened = text.rfind("(", max(0, pos - 200), pos)
            if punct == ")" and (opened < 0 or " " not in text[opened:pos]):
                return None  # no opening bracket, or "(dis)allowed": a word's optional part
            if punct != ")" and (
                text[start - 1:start] in ("&", ":", ";")
                or text[pos + 1:pos + 2] == ":"
                or text[end:end + 1] in (":", ";")
            ):
                # "&amp;x", "std::x", and chains "a:b:c" / "a:b;c" (keys,
                # identifiers): judged as one, so a space added at one link
                # does not make the next look like prose on a later pass.
                return None
            lex = ctx.lexicon
            if lex.zipf(after) >= 3.0 and (lex.zipf(before) >= 2.5 or punct == ")"):
                ev0 = _EV_BRACKET if punct == ")" else _EV_COLON
                return candidate(_AFTER, at, at, " ", ev0 + _code_evidence(text, ctx, start, pos, end, before, after))
        return None
    if after[:1].isupper() and after[1:].islower() and len(after) >= 2:  # "plates.Children"
        if before + punct in _BRANDS:
            return None
        ev: tuple[str, ...] = _EV_SENTENCE
        if (
            before[0].isupper()
            and punct == "."
            and after.lower() not in _SENTENCE_OPENERS
            and len(after) >= 4
            and (ctx.lexicon.title_ratio(after) or 1.0) <= 0.0
        ):
            # "Diia.Business", "Neva.Today" (a name, a dot, a common word)
            # or "Brisbane.Child" (a sentence end): a known word before
            # the period tells them apart.
            if ctx.lexicon.zipf(before) < 3.0 or not before[1:].islower():
                return None
            ev = _EV_NAME
        return candidate(_AFTER, at, at, " ", ev + _code_evidence(text, ctx, start, pos, end, before, after))
    if punct == "." and ctx.lang == "en" and after in _SPEECH_VERBS and before.isalpha():
        return candidate(_AFTER, offset + pos, offset + pos + 1, ", ", _EV_SPEECH)
    return None


def _quotation_open(text: str, pos: int, state: "_QuoteState | None" = None) -> bool | None:
    """Is a quotation open at ``pos`` (on its line)? None when the marks are unbalanced oddly.

    Counts curly and low openers (“ „) against closers (”), and straight
    quotes by parity: German-style „…“ and MT's “…“ use “ to close.
    ``state`` carries the count along a piece read left to right.
    """
    return (state or _QuoteState(text)).at(pos)[0] > 0


_QUOTE_MARK = re.compile('[„“”"\n]')


class _QuoteState:
    """Quotation marks counted from the start of the line, for positions asked in increasing order.

    Each mark is read once however many positions are asked (counting from
    the line start for each was quadratic on a long line, and a cap on how
    far back to count made the answer depend on edits far away).
    """

    __slots__ = ("text", "pos", "opened", "straight")

    def __init__(self, text: str):
        self.text = text
        self.pos = -1
        self.opened = 0
        self.straight = 0

    def at(self, pos: int) -> tuple[int, int]:
        """(open quotations, straight quotes) on the line before ``pos``."""
        text = self.text
        if pos < self.pos or self.pos < 0:
            self.pos, self.opened, self.straight = text.rfind("\n", 0, pos) + 1, 0, 0
        opened, straight = self.opened, self.straight
        for m in _QUOTE_MARK.finditer(text, self.pos, pos):
            ch = m.group()
            if ch == "\n":
                opened = straight = 0
            elif ch == "„":
                opened += 1
            elif ch == "“":
                opened = 0 if opened > 0 else 1  # “ closes an open quotation, else opens one
            elif ch == "”":
                opened = max(0, opened - 1)
            else:
                opened = 0 if opened > 0 else 1
                straight += 1
        self.pos, self.opened, self.straight = pos, opened, straight
        return opened, straight


def _find_space_after(text: str, ctx: Context) -> Iterator[Span | Candidate]:
    if len(text) <= _WINDOW:
        yield from _space_after_in(text, 0, len(text), ctx)
        return
    # Quotation marks are counted along the whole text, once, for every piece.
    quotes = (_QuoteState(text), _QuoteState(text))
    # Long text: the patterns run only on the pieces whose screen hits. A
    # piece is a range of the text, not a copy: the words around a mark at
    # its edge are read across it (a text without spaces is cut anywhere,
    # and a mark cut from its words was only found by a second pass).
    for offset, piece in windows(text, _WINDOW):
        yield from _space_after_in(text, offset, offset + len(piece), ctx, quotes)


_WINDOW = 16384
# How far past a piece the patterns may look (their lookaheads read at most
# four characters): a mark in the piece is judged as in the whole text.
_LOOK_PAST = 8


def _space_after_in(
    text: str, start: int, end: int, ctx: Context, quotes: "tuple[_QuoteState, _QuoteState] | None" = None
) -> Iterator[Span | Candidate]:
    """The edits of fix_space_after_punctuation for the marks in ``text[start:end]``.

    ``quotes``: the quotation counts over ``text`` (from its line starts,
    wherever the piece begins), for the curly and the straight marks.
    """
    past = min(len(text), end + _LOOK_PAST)
    if _SCREEN_AFTER.search(text, start, past) is None:
        return  # (most pieces: neither screen would hit)
    opened_at, straight_at = quotes or (_QuoteState(text), _QuoteState(text))
    has_punct = _SCREEN_AFTER_PUNCT.search(text, start, past) is not None
    has_quote = _SCREEN_AFTER_QUOTE.search(text, start, past) is not None
    if has_punct:
        # (None: nothing in the text is protected, nothing to ask per hit.)
        doc_prot = protected(text, ctx)
        prot = doc_prot if doc_prot.doc.protected else None
        # (What ``candidate`` would build for a glued sentence end, made here:
        # a text may have one every few characters.)
        sentence_conf, new_tuple = confidence_of(_AFTER, _EV_SENTENCE), tuple.__new__
        # One stdlib scan for the punctuation; the words around each hit are
        # read in Python (hits are rare in prose, and this stays linear).
        n = len(text)
        for m in _PUNCT_GLUED.finditer(text, start, past):
            pos = m.start()
            if pos >= end:
                break  # the next piece's
            j = pos
            while j > 0 and text[j - 1].isalnum():
                j -= 1
            punct = text[pos]
            if pos - j < 2 or punct == "," and not text[pos - 1].isalpha():
                continue
            before = text[j:pos]
            after = m.group(1)  # (the letters after the mark, as the lookahead read them)
            if pos + 1 + len(after) == past and past < n:
                after = _LETTERS.match(text, pos + 1).group()  # type: ignore[union-attr]  # (cut at the piece's end)
            if (
                prot is None
                and punct in ".!?"
                and 2 <= len(after) < 4
                and after[0].isupper()
                and after[1:].islower()
                and (before not in _BRAND_WORDS or before + punct not in _BRANDS)
                # (and none of _code_evidence's signals can hold; the code marks,
                # searched once a text, asked last: most marks fail before)
                and not before[0].islower()
                and not (pos + 1 + len(after) < n and text[pos + 1 + len(after)] in _QUOTE_MARKS + _AFTER_CODE_MARKS)
                and not technical_signal(text, ctx)
            ):
                # The common glued sentence end ("Ab.Cd"): what _glued_at
                # decides for it, without the call (on text with a glued
                # mark every few characters the calls were most of the cost).
                yield new_tuple(Candidate, (pos + 1, pos + 1, " ", sentence_conf, _EV_SENTENCE))
                continue
            if punct in ".!?" and not after[:1].isupper() and (punct != "." or after not in _SPEECH_VERBS):
                # "yes!no": no capital after the mark, no speech verb after
                # a period: _glued_at would make nothing of it (asked at
                # every mark of a text dense with them, its call was most
                # of the cost).
                continue
            c = _glued_at(text, 0, prot, ctx, j, pos, before, after)
            if c is not None:
                yield c
    if has_quote and ctx.lang == "en":
        for m in _CLOSE_GLUED.finditer(text, start, past):
            if m.start() < end:
                yield candidate(_AFTER, m.end(), m.end(), " ", ["curly closing quote"])
        for m in _OPEN_GLUED.finditer(text, start, past):
            if m.start() >= end:
                break
            if _quotation_open(text, m.start(), opened_at):
                # "backdrop,“says": the mark closes the quotation opened
                # before it, so the space goes after it.
                if text[m.end():m.end() + 1].islower() and text[m.start() - 1] in ",.!?":
                    yield candidate(_AFTER, m.end(), m.end(), " ", ["opening quote closes an open quotation"])
                continue
            yield candidate(_AFTER, m.start(), m.start(), " ", ["curly opening quote"])
        if '"' in text[start:end]:
            for m in _STRAIGHT_GLUED.finditer(text, start, past):
                if m.start() >= end:
                    break
                if text[m.start() - 1] in "dlnst" and (m.start() < 2 or not text[m.start() - 2].isalpha()):
                    continue  # an apostrophe typed as a quote: coup d"état
                if m.start() >= 2 and text[m.start() - 1] in ":," and text[m.start() - 2] == '"':
                    continue  # key-value syntax ('"nom":"café"'): code or JSON, not prose
                opening = straight_at.at(m.start())[1] % 2 == 0
                ev = ["straight quote by parity"]
                prev, nxt = text[m.start() - 1], text[m.end()]
                # Direction from the neighbours: a comma or period before and
                # a lower-case word after close a quotation ('backdrop,"says');
                # a letter before and a capital after open one ('a"Fear').
                if opening and prev in ",.!?" and nxt.islower():
                    ev.append("quote parity unclear")
                elif not opening and prev.isalpha() and prev.islower() and nxt.isupper():
                    ev.append("quote parity unclear")
                if opening:
                    yield candidate(_AFTER, m.start(), m.start(), " ", ev)
                else:
                    yield candidate(_AFTER, m.end(), m.end(), " ", ev)


FIX_SPACE_AFTER_PUNCTUATION = Rule(
    "fix_space_after_punctuation",
    _find_space_after,
    SPACED,
    "Insert the missing space after . ! ? , and around quotes glued to words.",
    category="spacing",
)


def fix_space_after_punctuation(text: str, *, lang: str = "en") -> str:
    """Put back the space lost after sentence punctuation or a quote.

    URLs, e-mail addresses, file names, decimals, times and abbreviations
    (``U.S.``, ``e.g.``) are left alone. A speech verb glued after a
    period takes a comma (``months.said`` -> ``months, said``).

    >>> fix_space_after_punctuation("for months.said the official. plates.Children wait")
    'for months, said the official. plates. Children wait'
    >>> fix_space_after_punctuation("10 children”according to him.“The end")
    '10 children” according to him. “The end'
    >>> fix_space_after_punctuation("See example.com, the U.S.Army at 3.30 p.m. e.g.This")
    'See example.com, the U.S.Army at 3.30 p.m. e.g.This'
    """
    return run_rule(FIX_SPACE_AFTER_PUNCTUATION, text, lang)


# ---------------------------------------------------------------- stray period
# "in Ukraine. where little by little": a period inside a sentence, before
# a lower-case relative word.
_STRAY_PERIOD = regex.compile(r"(?<![\p{L}.])(\p{L}{3,})\. (where|which|who|whom|whose|whereas|while)\b")
_ABBREVIATIONS = frozenset(
    """etc approx incl excl vs viz resp dept govt corp inc ltd bros est fig no vol ed eds trans
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof gen col capt lt sgt rev hon sen rep gov pres st ave blvd rd mt ft jr sr
    co dept univ assn intl natl misc cf ibid al""".split()
)


_SCREEN_STRAY = re.compile(r"\. (?:where|which|who|whom|whose|whereas|while)\b")
# The lines that may hold a stray period: every match holds ". wh" (". where", ". which", ...).
_STRAY_LINES = ". wh"


def _find_stray_period(text: str, ctx: Context) -> Iterator[Span | Candidate]:
    if not _SCREEN_STRAY.search(text):
        return
    lex = ctx.lexicon
    # Only the lines with ". where" (or which, who, while) can hold a match:
    # the pattern matches letters, ". " and a word, never "\n".
    for m in line_matches(_STRAY_PERIOD, text, screened_lines(text, _STRAY_LINES)):
        word = m.group(1)
        if word.lower() in _ABBREVIATIONS or word.isupper() or word.lower() not in lex:
            continue
        # "Good afternoon. where can I": a short complete sentence before
        # the period, not a clause cut off from its sentence.
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), text.rfind("? ", 0, m.start()), -1)
        sentence = text[start + 1:m.end(1)].split()
        short = len(sentence) <= 3 and sentence[0][:1].isupper()
        ev = ["short sentence before the period" if short else "clause before the period"]
        yield candidate("fix_stray_period", m.end(1), m.end(1) + 1, ",", ev)


FIX_STRAY_PERIOD = Rule(
    "fix_stray_period",
    _find_stray_period,
    EN,
    "Turn a period that splits a sentence before 'where/which/who...' into a comma.",
    category="spacing",
)


def fix_stray_period(text: str, *, lang: str = "en") -> str:
    """Replace a period that wrongly ends a sentence before a relative clause.

    >>> fix_stray_period("on the eastern front in Ukraine. where little by little")
    'on the eastern front in Ukraine, where little by little'
    >>> fix_stray_period("He met Smith et al. who agreed, at 5 p.m. which is late.")
    'He met Smith et al. who agreed, at 5 p.m. which is late.'
    """
    return run_rule(FIX_STRAY_PERIOD, text, lang)
