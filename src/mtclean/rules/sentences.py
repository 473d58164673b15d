"""Sentence-level casing that MT output gets wrong: the pronoun ``i``, lower-case sentence starts."""

from __future__ import annotations

import functools
import re
from importlib import resources
from itertools import chain
from typing import Iterable, Iterator

import regex

from ..rule import Candidate, Context, Rule
from ..language import _function_words
from ._common import EN, DocumentProtected, protected, run_rule, word_counts

__all__ = [
    "capitalise_pronoun_i",
    "CAPITALISE_PRONOUN_I",
    "capitalise_sentence_start",
    "CAPITALISE_SENTENCE_START",
]

# "i" as a word, optionally with a contraction; not "i.e.", "(i)", "i)",
# "x[i]", "i++", "i=0", "i-th".
_I = regex.compile(r"(?<![\p{L}\p{N}_(\[.'’-])i(?=(?:['’](?:m|ve|d|ll)\b)|[ \t,;:!?]|$)(?![ \t]*[=)\]+<>*/])", regex.M)
# Where _I may match, in the standard library (2-3x faster on prose, which
# holds many letters "i" and hardly ever the pronoun): an "i" after no ASCII
# letter, before a character the lookahead of _I accepts (or a line or text end).
_I_SCREEN = re.compile(r"i(?<![A-Za-z]i)(?=[ \t,;:!?'’\n]|\Z)")
# Code-like text: "for i in", "i = ", "i < n".
_CODE_AROUND = regex.compile(r"\bfor\s+i\s+in\b|\bi\s*[-+*/<>=]=?\s*\w|\bint\s+i\b")
# Words that follow the pronoun: verbs and auxiliaries. The pronoun is very
# likely when one of these follows, or when the "i" carries a contraction.
_PRONOUN_NEXT = regex.compile(
    r"\G(?:['’](?:m|ve|d|ll)\b|[ \t]+(?:am|was|have|had|do|did|don['’]t|didn['’]t|can|can['’]t|could|will|would|"
    r"should|shall|must|may|might|think|thought|know|knew|want|wanted|need|like|love|hope|feel|felt|see|saw|"
    r"believe|guess|mean|said|say|told|got|get|went|go|just|really|also|never|always|still|only|too)\b)",
    regex.I,
)


_CAPITAL_I = regex.compile(r"(?<![\p{L}\p{N}])I(?:['’](?:m|ve|d|ll))?(?![\p{L}\p{N}])")
# A sentence or line (not the text's first) that starts in lower case with a
# word other than "i"; or a handle (chat).
_LOWER_START = regex.compile(r"(?:\n[ \t]*|[.!?][ \t]+)(?!i\b)\p{Ll}|(?<!\w)@\w")


def _find_pronoun_i(text: str, ctx: Context) -> Iterator[Candidate]:
    # (The pattern itself first: most texts hold no lone "i", and a search
    # for one is cheaper than the search for code.)
    if "i" not in text or not _I_SCREEN.search(text) or not _I.search(text) or _CODE_AROUND.search(text):
        return
    prot = protected(text, ctx)
    found = []
    for m in _I.finditer(text):
        s = m.start()
        if prot.covers(s):
            continue
        if _PRONOUN_NEXT.match(text, s + 1) is None:
            continue  # a lone "i" (a variable, a list marker): leave it
        found.append(s)
    if not found:
        return
    # The writer's own style: "i" written in lower case more than once and
    # never "I", or sentences started in lower case (casual writing, chat).
    style = bool(_LOWER_START.search(text)) or (len(found) > 2 and not _CAPITAL_I.search(text))
    for s in found:
        if style:
            yield Candidate(s, s + 1, "I", 0.4, ("lower-case i before a verb", "the text writes in lower case by style"))
        else:
            yield Candidate(s, s + 1, "I", 0.96, ("lower-case i before a verb or contraction",))


CAPITALISE_PRONOUN_I = Rule(
    "capitalise_pronoun_i",
    _find_pronoun_i,
    EN,
    "Capitalise the pronoun 'i' ('i think', 'i'm'); not list markers, 'i.e.' or code.",
    category="casing",
)


def capitalise_pronoun_i(text: str, *, lang: str = "en") -> str:
    """Write the English pronoun I as a capital.

    >>> capitalise_pronoun_i("Yesterday i think i'm right")
    "Yesterday I think I'm right"
    >>> capitalise_pronoun_i("see (i) and i.e. x[i]")
    'see (i) and i.e. x[i]'
    """
    return run_rule(CAPITALISE_PRONOUN_I, text, lang)


# ---------------------------------------------------------------- sentence starts
# Where a sentence starts: the text or a line start, or after . ! ? and
# spaces (never after a closing quote or bracket: '"Where?" she asked' goes
# on), then an optional list number ("2. ") and an optional opening quote.
_START = regex.compile(
    r"(?:^|(?<=[.!?])[ \t]+|(?<=:)[ \t]+(?=\d{1,3}[.)][ \t]))(?P<num>\d{1,3}[.)][ \t]+)?(?P<q>[\"“‘«][ \t]?)?(?=\p{L})",
    regex.M,
)
_START_SCREEN = re.compile(
    r"(?:^|[.!?][ \t]+|:[ \t]+(?=\d{1,3}[.)][ \t]))(?:\d{1,3}[.)][ \t]+)?(?:[\"“‘«][ \t]?)?(?=[^\W\d_])", re.M
)
# _START_SCREEN without the matches that end before a capital of A-Z or
# À-Þ (none of them is lower case: str.islower() is False). From any
# position at most one path of the pattern succeeds (its marks, spaces,
# digits and quotes are no letters, so it ends before the first letter
# after them), so dropping those matches leaves the others as they were:
# the finditer matches that end before a lower-case letter are the same.
# Most sentences start with such a capital: they are no longer walked in Python.
_LOWER_START_SCREEN = re.compile(
    r"(?:^|[.!?][ \t]+|:[ \t]+(?=\d{1,3}[.)][ \t]))(?:\d{1,3}[.)][ \t]+)?(?:[\"“‘«][ \t]?)?(?=[^\W\d_A-ZÀ-ÖØ-Þ])", re.M
)
# What a match of _LOWER_START_SCREEN that ends before a lower-case letter
# starts with, and the characters after it: at the text start or after a
# "\n" (``^``), or after . ! ? and spaces, an optional quote (and space),
# then a digit (the list number) or a letter other than the capitals above;
# or ":", spaces and a digit. Each a separate search (a literal first
# character is found at C speed, a leading alternation is tried at every
# position), the rarer marks only when the text holds them.
_TEXT_FIRST = r"(?:[\"“‘«][ \t]?)?[^\W_A-ZÀ-ÖØ-Þ]"
_TEXT_START_SCREEN = re.compile(_TEXT_FIRST)
_AFTER_PERIOD = re.compile(r"\.[ \t]+" + _TEXT_FIRST)
_AFTER_NEWLINE = re.compile(r"\n" + _TEXT_FIRST)
_AFTER_COLON = re.compile(r":[ \t]+\d")
_AFTER_MARK = re.compile(r"[!?][ \t]+" + _TEXT_FIRST)


def _may_start_lower(text: str) -> bool:
    """False when ``_lower_start_lines(text)`` yields nothing, for sure (the patterns above: a necessary condition)."""
    return bool(
        _TEXT_START_SCREEN.match(text)
        or _AFTER_PERIOD.search(text)
        or ("\n" in text and _AFTER_NEWLINE.search(text))
        or (":" in text and _AFTER_COLON.search(text))
        or (("!" in text or "?" in text) and _AFTER_MARK.search(text))
    )


# The token before a terminator is an abbreviation by its shape: letters
# with periods ("U.S.", "p.m.", "e.g.") or one letter (an initial, "J.").
_ABBREVIATION_SHAPE = regex.compile(r"(?:^|[^\p{L}])(?:\p{L}\.){2,}$|(?:^|[^\p{L}.])\p{L}\.$|\p{L}\.\p{L}{1,3}\.$")
# A number (digits or a Roman numeral) in the three tokens before a period:
# "5.8 thousand. pregnant", "the XVIII century. had" -- MT carries over the
# period of a source abbreviation (thous., c., bn.) after the full word.
_NUMBER_BEFORE = regex.compile(
    r"(?:\d|\b[IVXLC]{2,}\b|(?i:\b(?:centur(?:y|ies)|thousands?|millions?|billions?)\b))\S*(?:\s+\S+){0,4}\s*$"
)
# Words after which no sentence ends ("no queues at all to. reception").
_NO_END = frozenset("to of the a an and or but in on at by for with from than".split())
_SENTENCE_REST = regex.compile(r"[^.!?\n]*")
# A top-level domain the MT system split off with a space ("site. ru").
_TLD_WORD = frozenset("com org net gov edu io ru ua uk de fr cn info html php".split())
# A token that is lower case by design: capitals or digits inside it
# (iPhone, eBay, teamLab, x86), or code and path characters.
_BY_DESIGN = regex.compile(r"^\p{Ll}[\p{Ll}'’-]*\p{Lu}|[\d_/\\=<>{}\[\]()@#$%^&*+|~`]|\p{L}\.\p{L}")
# Its three alternatives apart: on a long token (a text without spaces is
# one) the alternation is tried at every position, each of these is
# searched for its own way, 3-4x faster.
_BY_DESIGN_START = regex.compile(r"\p{Ll}[\p{Ll}'’-]*\p{Lu}")
_BY_DESIGN_MARK = regex.compile(r"[\d_/\\=<>{}\[\]()@#$%^&*+|~`]")
_BY_DESIGN_DOT = regex.compile(r"\p{L}\.\p{L}")


def _by_design(token: str) -> bool:
    """``_BY_DESIGN.search(token) is not None``."""
    if len(token) <= 64:
        return _BY_DESIGN.search(token) is not None
    return bool(
        _BY_DESIGN_START.match(token) or _BY_DESIGN_MARK.search(token) or ("." in token and _BY_DESIGN_DOT.search(token))
    )


def _plain_lower(token: str) -> bool:
    """Lower-case ASCII letters only: no shape that ``_BY_DESIGN`` looks for (a capital, a digit or mark, a period inside)."""
    return token.isascii() and token.isalpha() and token.islower()


_LOWER_LINE = regex.compile(r"(?<=\n[ \t]*)(?<![.!?:][\"'”’)\]]*\n[ \t]*)\p{Ll}")
# Where a match of _LOWER_LINE may stand: the first letter after a "\n" and
# spaces or tabs (a \p{Ll} is a letter; the [ \t]* run is the whole run).
_LINE_LETTER = re.compile(r"\n[ \t]*(?=[^\W\d_])")


def _any_lower_line(text: str) -> bool:
    """``_lower_lines(text) > 0``, stopping at the first."""
    return any(_LOWER_LINE.match(text, m.end()) for m in _LINE_LETTER.finditer(text))


# The confidence of a lower-case start in a text that starts others in lower case too (the most it gets).
_STYLE_CONFIDENCE = 0.45


def _lower_lines(text: str) -> int:
    """``len(_LOWER_LINE.findall(text))``, the pattern tried only where it may match (its lookbehinds see the text)."""
    return sum(1 for m in _LINE_LETTER.finditer(text) if _LOWER_LINE.match(text, m.end()))


_LOWER_PRONOUN = regex.compile(r"(?<![\p{L}\p{N}_.'’(\[-])i(?=['’]\p{L}|[ \t]\p{L})")
_TRAILING = "\"'“”‘’«».,;:!?…"
# Compiled once (module-level regex.search looks the pattern up per call).
_ENDS_SENTENCE = regex.compile(r"[.!?:][\"'”’)\]]*$")
_LAST_LETTERS = regex.compile(r"\p{L}+$")


@functools.lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    """The abbreviations of ``data/<lang>/abbreviations.tsv`` (lower case, no period)."""
    path = resources.files("mtclean") / "data" / lang / "abbreviations.tsv"
    if not path.is_file():
        return frozenset()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t", 1)[0].strip())
    return frozenset(out)


# Exactly the characters str.isspace() accepts (the `regex` module's \s
# differs on \x1c-\x1f), so a token is read at C speed with the old bounds.
_SPACES = "".join(c for c in map(chr, range(0x3100)) if c.isspace())
_TOKEN_AT = regex.compile(f"[^{regex.escape(_SPACES)}]*")
_TOKEN_BEFORE = regex.compile(f"(?r)[^{regex.escape(_SPACES)}]*")


def _token_at(text: str, pos: int) -> str:
    """The characters from ``pos`` up to the next whitespace.

    >>> _token_at("say hello, world", 4)
    'hello,'
    """
    return _TOKEN_AT.match(text, pos).group()  # type: ignore[union-attr]


def _token_before(text: str, end: int) -> str:
    """The characters before ``end`` back to the previous whitespace.

    >>> _token_before("say hello, world", 10)
    'hello,'
    """
    return _TOKEN_BEFORE.match(text, 0, end).group()  # type: ignore[union-attr]


# Exactly the characters str.isalnum() accepts (the standard library's \w
# is str.isalnum() or "_"): does a token hold a letter or a digit?
_ALNUM = re.compile(r"[^\W_]")
_AFTER_MARK_HOW = {mark: f"after '{mark}'" for mark in ".!?"}


def _sentence_starts(text: str, ctx: Context, matches: "Iterable[regex.Match[str]] | None" = None) -> list[tuple[int, str, int]]:
    """(position of the first letter, how the start was found, terminator end) of each sentence start.

    ``matches``: the matches of ``_START`` to judge (default: all of ``text``'s).
    """
    return list(_each_sentence_start(text, ctx, matches))


def _each_sentence_start(
    text: str, ctx: Context, matches: "Iterable[regex.Match[str]] | None" = None
) -> Iterator[tuple[int, str, int]]:
    """What :func:`_sentence_starts` lists, one at a time (a reader may stop early)."""
    abbreviations = _abbreviations(ctx.lang)
    n = len(text)
    for m in _START.finditer(text) if matches is None else matches:
        pos = m.end()
        s = m.start()
        if s == 0 or text[s - 1] == "\n":
            # A line start: a sentence only at the text start or after a
            # blank line or a line that ends a sentence (not a wrapped line).
            if s > 0:
                prev_end = s - 1
                while prev_end > 0 and text[prev_end - 1] in " \t":
                    prev_end -= 1
                prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end]
                if prev.strip() and not _ENDS_SENTENCE.search(prev):
                    continue
            how = "list number" if m.group("num") else ("text start" if s == 0 else "line start")
        elif s > 0 and text[s - 1] == ":":
            if not m.group("num").rstrip().endswith("."):
                continue  # "(1: 0) in the match": a score, not "1. item"
            how = "list number"
        elif s > 0 and text[s - 1] in ".!?":
            before = _token_before(text, s)
            if len(before) > 2 and before[-1] == "." and before.isascii() and before[:-1].isalpha():
                # A plain word of two letters or more and its period ("pza."):
                # no abbreviation shape (those need one letter, or a period
                # inside), no number, no ellipsis; only the list can say.
                if before[:-1].lower() in abbreviations:
                    continue
                how = "list number" if m.group("num") else "after '.'"
                if pos < n:
                    yield pos, how, s
                continue
            if not _ALNUM.search(before):
                continue  # a lone mark, not the end of a sentence
            if before.endswith(("..", "…")):
                continue  # an ellipsis goes on mid-sentence ("..." ends with "..")
            if before.endswith("."):
                core = before.rstrip(".").lstrip("\"'“‘«(")
                last = _LAST_LETTERS.search(core)
                if _ABBREVIATION_SHAPE.search(before) or core.lower() in abbreviations or (
                    last is not None and last.group().lower() in abbreviations
                ):
                    continue
                if m.group("num") is None and core.isdigit() and len(core) <= 2:
                    continue  # "item 2. the": an ordinal or a number, not an end
            how = "list number" if m.group("num") else _AFTER_MARK_HOW[text[s - 1]]
        else:
            continue
        if pos < n:
            yield pos, how, s


def _lower_start_lines(text: str) -> Iterator[tuple[int, int]]:
    r"""The lines (start, index of the "\n" or the text end) where a match of
    _START_SCREEN is followed by a lower-case letter, each once, in order.

    Every sentence start ends a match of _START_SCREEN (a superset of
    _START, in the standard library: 6x faster), and neither pattern
    matches "\n" (spaces and tabs, marks, digits; ``^`` is empty): a
    lower-case sentence start lies on one of these lines. (The matches
    themselves are _LOWER_START_SCREEN's: the same that end before a
    lower-case letter.)
    """
    end = -1
    for m in _LOWER_START_SCREEN.finditer(text):
        p = m.end()
        if p > end and text[p].islower():
            end = text.find("\n", p)
            if end < 0:
                end = len(text)
            yield text.rfind("\n", 0, p) + 1, end


# Where a match of _START may start other than at a line start: the space
# or tab after . ! ? or ":" (its lookbehinds and a [ \t]+).
_MARK_SPACE = re.compile(r"[.!?:](?=[ \t])")
_NEWLINE = re.compile("\n")


def _start_matches(text: str, lines: "Iterable[tuple[int, int]]") -> Iterator["regex.Match[str]"]:
    """``line_matches(_START, text, lines)``, _START tried only where a match may start.

    A match of _START starts at a line start (``^``; the only empty match,
    and no other starts there: a "\n" is no mark) or at a space or tab after
    one of . ! ? : (the lookbehinds, then ``[ \t]+``). So its finditer, which
    tries each position from the end of the last match on, finds the same as
    trying those positions in order, skipping those inside the last match.
    """
    n = len(text)
    for start, end in lines:
        endpos = min(n, end + 1)
        last = start
        at = [start] + [m.start() + 1 for m in _MARK_SPACE.finditer(text, start, end)]
        for s in at:
            if s < last:
                continue
            m = _START.match(text, s, endpos)
            if m is not None:
                yield m
                last = m.end()


def _upper_starts(text: str, ctx: Context, prot: DocumentProtected) -> int:
    """How many sentence starts of the whole text are capitalised (of those the rule reads)."""
    upper = 0
    # Every line of the text: _START never matches "\n", so its matches on
    # all lines are those of the whole text (see _start_matches).
    breaks = [m.start() for m in _NEWLINE.finditer(text)] if "\n" in text else []
    lines = zip([0] + [b + 1 for b in breaks], breaks + [len(text)])
    for pos, _, _ in _sentence_starts(text, ctx, _start_matches(text, lines)):
        token = _token_at(text, pos).rstrip(_TRAILING)
        if token and not _by_design(token) and not prot.covers(pos) and text[pos].isupper():
            upper += 1
    return upper


def _find_sentence_start(text: str, ctx: Context) -> Iterator[Candidate]:
    # Only the lower-case starts are judged, and they lie on the lines where
    # the pre-screen is followed by a lower-case letter: _START runs there
    # only. (The capitalised starts of the whole text are counted only when
    # a lone lower-case start needs the count: see _upper_starts.)
    if not _may_start_lower(text):
        return  # no lower-case sentence start anywhere (the usual case)
    lines = _lower_start_lines(text)  # (read as far as the starts are)
    first_line = next(lines, None)
    if first_line is None:
        return
    starts = (
        st for st in _each_sentence_start(text, ctx, _start_matches(text, chain((first_line,), lines)))
        if text[st[0]].islower()
    )
    first = next(starts, None)
    if first is None:
        return
    prot = protected(text, ctx)
    # How the text writes its sentence starts: the writer's style is the evidence.
    lower: list[tuple[int, str, int]] = []
    upper: int | None = None
    style = 0
    covers = prot.covers if prot.doc.protected else None  # (None: nothing is protected)
    words: list[str] = []  # the token of each start in ``lower``
    # Once another start or a line of the text is lower case too, every
    # candidate is a style suggestion (0.45 at most, below): when the
    # caller reads none and the rule's threshold is over that, the text
    # need not be read any further (a text in lower case by style has a
    # start every few words).
    settled = not ctx.below and ctx.threshold(CAPITALISE_SENTENCE_START) > _STYLE_CONFIDENCE
    styled = settled and (_any_lower_line(text) or _LOWER_PRONOUN.search(text) is not None)
    for pos, how, term in chain((first,), starts):
        token = _token_at(text, pos).rstrip(_TRAILING)
        if not token or (not _plain_lower(token) and _by_design(token)) or (covers is not None and covers(pos)):
            continue
        ch = text[pos]
        if ch.islower():
            if token == "i" or token.startswith(("i'", "i’")):
                style += 1  # the pronoun: capitalise_pronoun_i decides; evidence of style
                if settled and lower:
                    return
                continue
            lower.append((pos, how, term))
            words.append(token)
            if settled and (styled or style or len(lower) >= 2):
                return
    if not lower:
        return
    # Lines that start in lower case after a line that ends no sentence, and
    # the pronoun "i" in lower case: more evidence of a lower-case style.
    style += _lower_lines(text) + len(_LOWER_PRONOUN.findall(text))
    lex = ctx.lexicon
    others_lower = len(lower) - 1 + style
    # (Evidence written once per kind of start: a text in lower case by
    # style has one such start every few words.)
    style_ev = ""
    if others_lower:
        style_ev = f"{others_lower} other sentence start(s) of the text are lower case too"
    first_ev: dict[str, str] = {}
    for (pos, how, term), word in zip(lower, words):
        if not others_lower and upper is None:
            upper = _upper_starts(text, ctx, prot)
        ev0 = first_ev.get(how)
        if ev0 is None:
            ev0 = first_ev[how] = f"lower-case letter at a sentence start ({how})"
        if others_lower:
            # The writer's style: other sentences start in lower case too
            # (chat, captions, a lower-case document).
            yield Candidate(pos, pos + 1, text[pos].upper(), 0.3 if others_lower >= 2 else _STYLE_CONFIDENCE, (ev0, style_ev))
            continue
        evidence = [ev0]
        if how in ("text start", "line start") and not upper:
            continue  # a lone fragment: no evidence either way, not even a suggestion
        elif how in ("text start", "line start"):
            # A segment often goes on from the one before (captions, split
            # sentences, parameter descriptions): no evidence it is a start.
            conf = 0.45
            evidence.append("a segment or line may continue a sentence")
        elif how in ("after '!'", "after '?'"):
            # '"Oh! my dear"', 'me? how': exclamations and questions often go
            # on in lower case.
            conf = 0.45
            evidence.append("a sentence may go on after an exclamation or a question")
        elif word.lower() in _TLD_WORD:
            conf = 0.3
            evidence.append("a domain ending split off by a space")
        elif how == "after '.'" and _token_before(text, term - 1).lower() in _NO_END:
            conf = 0.3
            evidence.append("the word before the period ends no sentence")
        elif how != "list number" and len(_SENTENCE_REST.match(text, pos).group().split()) < 3:
            conf = 0.45
            evidence.append("one or two words after the period: a fragment, not a sentence")
        elif how == "after '.'" and _NUMBER_BEFORE.search(text, max(0, term - 80), term - 1):
            conf = 0.45
            evidence.append("a number just before the period: it may be a source abbreviation's (thous., c.)")
        elif (
            word.isalpha()
            and word not in _function_words(ctx.lang)
            and word_counts(text, ctx)[word] >= 2
        ):
            # "curses supports this ... the curses module": a content word the
            # text writes in lower case elsewhere may be a name lower case by design.
            conf = 0.45
            evidence.append("the text writes this content word in lower case elsewhere too")
        elif word.lower() not in lex:
            conf = 0.4
            evidence.append("the word is unknown to the lexicon (a name or an identifier)")
        else:
            conf = 0.95
            evidence.append(f"{upper} other sentence start(s) capitalised, none in lower case")
        yield Candidate(pos, pos + 1, text[pos].upper(), conf, tuple(evidence))


CAPITALISE_SENTENCE_START = Rule(
    "capitalise_sentence_start",
    _find_sentence_start,
    EN,
    "Capitalise a sentence that starts in lower case (text start, after '. ! ?', after a list number); "
    "not after abbreviations or an ellipsis, not iPhone-like names, handles or code, "
    "not a text that starts its sentences in lower case by style.",
    category="casing",
)


def capitalise_sentence_start(text: str, *, lang: str = "en") -> str:
    """Capitalise the first letter of sentences that start in lower case.

    >>> capitalise_sentence_start("It was not my day. the blinds broke. 2. The list goes on")
    'It was not my day. The blinds broke. 2. The list goes on'
    >>> capitalise_sentence_start("It ends at 9 p.m. and then... we see. iPhone sales rose.")
    'It ends at 9 p.m. and then... we see. iPhone sales rose.'
    """
    return run_rule(CAPITALISE_SENTENCE_START, text, lang)
