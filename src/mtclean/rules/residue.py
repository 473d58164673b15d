"""What an MT system leaves behind: unknown-word tokens, untranslated fragments."""

from __future__ import annotations

import re
from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ..languages import facts
from ._common import EN, line_matches, protected, run_rule, screened_lines

__all__ = ["remove_unk_tokens", "after_unk_token", "REMOVE_UNK_TOKENS", "REPORT_UNTRANSLATED_FRAGMENTS"]

# The unknown-word token of NMT toolkits, with the spaces on its left (the
# space on its right stays, unless punctuation or the line end follows).
# Tokens that touch ("<unk><unk>As": the two code points of one emoji, or
# two lost characters side by side) are one run, judged as one unit by the
# characters around the whole run and removed together.
_TOKEN = r"<unk\s*/?>|\[UNK\]|<UNK>"
_RUN = rf"(?:{_TOKEN})+"
_UNK = regex.compile(rf"[ \t]*{_RUN}(?:[ \t]*(?=[,.;:!?)\]]|$))?", regex.M | regex.I)
_UNK_TOKEN = regex.compile(_TOKEN, regex.I)
_UNK_RUN = regex.compile(_RUN, regex.I)
_UNK_TOKEN_END = regex.compile(rf"(?:{_TOKEN})$", regex.I)
# Tokens followed by an emoji's variation selector or joiner: a lost emoji
# (one or several in a row), removed with what is left of it, and with the
# tokens touching it on its left (see _emoji_start; a pattern that took them
# would try every token of a long run at every token: quadratic).
_UNK_EMOJI_RUN = regex.compile(rf"[ \t]*(?:(?:{_TOKEN})[\ufe0e\ufe0f\u200d]+)+", regex.I)
# What may stand just before a closing mark: a word's last letter or digit,
# or the sentence mark or bracket that ends the quotation.
_CLOSES_AFTER = ".!?…)"
# An English contraction after an apostrophe: don't, it's, we'll, they're, I've, I'd, I'm.
_EN_CONTRACTION = regex.compile(r"(?:s|t|ll|re|ve|d|m)(?!\p{L})")


def _unk_shape(text: str, start: int, end: int) -> str:
    """How a token sits: "inner" (letters or digits on both sides), "open" (glued to the
    word on its right only), "close" (glued to the word on its left only) or
    "alone"."""
    left = text[start - 1] if start else ""
    right = text[end] if end < len(text) else ""
    if left.isalnum() and right.isalnum():
        # Inside a word (a lost letter or apostrophe) or between digits (a lost dash: 13<unk>7).
        return "inner"
    glued_left = left.isalnum() or (left != "" and left in _CLOSES_AFTER)
    glued_right = right.isalnum()
    if glued_right and not glued_left:
        return "open"
    if glued_left and not glued_right:
        return "close"
    return "alone"


def after_unk_token(text: str, i: int) -> bool:
    """Does an unknown-word token end at ``i`` (the word from ``i`` on is glued to it)?

    Such a word may have lost its first letter ("<unk>cole" for "École"):
    its case is the MT system's, and only :func:`remove_unk_tokens` reads it.

    >>> after_unk_token("An <unk>cole", 8), after_unk_token("An cole", 3)
    (True, False)
    """
    return _token_ending_at(text, i) is not None


def _token_ending_at(text: str, i: int) -> "regex.Match[str] | None":
    """The unknown-word token that ends at ``i``, if one does (a token is under 40 characters)."""
    if i > 0 and text[i - 1] in ">]":
        return _UNK_TOKEN_END.search(text, max(0, i - 40), i)
    return None


def _emoji_start(text: str, start: int) -> int:
    """The start of a lost emoji found at ``start``, with the tokens touching it on its left and their spaces.

    >>> _emoji_start("a <unk><unk>\ufe0f", 7), _emoji_start("a <unk>\ufe0f", 2)
    (1, 2)
    """
    s = start
    while (tok := _token_ending_at(text, s)) is not None:
        s = tok.start()
    if s == start:
        return start
    while s > 0 and text[s - 1] in " \t":
        s -= 1
    return s


def _past_line_start_space(text: str, start: int, end: int) -> int:
    """The end of a removal at ``start:end``: at a line start it takes the spaces after it instead."""
    if start == 0 or text[start - 1] == "\n":
        while end < len(text) and text[end] in " \t":
            end += 1
    return end


def _quote_pair(text: str, lang: str) -> tuple[str, str] | None:
    """The quotation marks this text uses (one of its language's pairs), else the language's usual pair."""
    f = facts(lang)
    if f is None or not f.quote_pairs:
        return None
    for o, c in f.quote_pairs:
        if o in text and c in text:
            return (o, c)
    if text.count('"') >= 2:
        return ('"', '"')
    o, c = f.quote_pairs[0]
    if f.space_inside_guillemets and o == "«":
        return ("«\u00a0", "\u00a0»")
    return (o, c)


_TWO_CYRILLIC = regex.compile(r"\p{Cyrillic}{2}")


def _word_apostrophe(text: str, lang: str) -> str | None:
    """The apostrophe this text writes inside words, else its language's usual one (None: it writes none)."""
    f = facts(lang)
    if f is None or not f.word_apostrophes:
        return None
    for a in f.word_apostrophes:
        if regex.search(rf"\p{{L}}{regex.escape(a)}\p{{L}}", text):
            return a
    return "’" if "’" in f.word_apostrophes else f.word_apostrophes[0]


# The lines that may hold a token: every token starts with "<" or "[" and
# u, n, k in either case (the patterns ignore case, and fold the Kelvin sign
# to k). (With the bracket: a long line of words holding "unk", "Junk",
# is not read by the token patterns, which try every position.)
_UNK_LINES = re.compile("[<\\[][uU][nN][kK\u212a]")


def _unk_lines(text: str) -> list[tuple[int, int]]:
    r"""The lines the token patterns run on (see :func:`line_matches`): those with a token.

    No match holds "\n" (spaces and tabs, the token, emoji joiners), except
    a token whose ``\s*`` does ("<unk\n>"): its line ends with "<unk" and
    spaces, and then the patterns run on the whole text, as one piece.
    """
    lines = list(screened_lines(text, _UNK_LINES))
    if any(text[s:e].rstrip()[-4:].lower() == "<unk" for s, e in lines):
        return [(0, len(text))]
    return lines


# Letters a lost character of a word may have been, beside each language's
# own (English writes café, fiancé, naïve, Pokémon in its loanwords).
_LOANWORD_LETTERS = frozenset("éèêëàâäáåãíìîïóòôöõúùûüçñßæøœ")
_LETTER_RUN_BEFORE = regex.compile(r"(?r)\p{L}+")
_LETTER_RUN_AFTER = regex.compile(r"\p{L}+")
# Languages whose quotation marks MT vocabularies have (English writes
# " and the curly ones every system knows): a lone token there is not a quote.
_ASCII_QUOTING = frozenset({"en", "und"})
# A word this common (zipf) is taken as written whole; a longer one need
# be less common (a string of six letters or more that is a word is seldom
# the head of another word cut by chance: "copters", not "caf").
_WHOLE_WORD_ZIPF = 3.5
_WHOLE_LONG_WORD_ZIPF = 1.5
_LONG_WORD = 6


def _whole_word_beside(text: str, start: int, end: int, shape: str) -> str | None:
    """The letters the token at ``start:end`` is glued to, when they form a whole token of their own.

    >>> _whole_word_beside("each other<unk> joke", 10, 15, "close")
    'other'
    >>> _whole_word_beside("x<unk>other<unk> joke", 11, 16, "close") is None
    True
    """
    if shape == "close":
        m = _LETTER_RUN_BEFORE.match(text, 0, start)
        if m is None or (m.start() > 0 and not (text[m.start() - 1].isspace() or text[m.start() - 1] in "\"'(“‘«„")):
            return None
        return m.group()
    if shape == "open":
        m = _LETTER_RUN_AFTER.match(text, end)
        if m is None or not (m.end() == len(text) or text[m.end()].isspace() or text[m.end()] in ".,;:!?\"')”’»"):
            return None
        return m.group()
    return None


def _stands_whole(word: str, shape: str, ctx: Context) -> bool:
    """Is ``word`` common and not completed by one lost letter on the token's side?

    >>> from mtclean.rule import Context
    >>> _stands_whole("other", "close", Context("en")), _stands_whole("caf", "close", Context("en"))
    (True, False)
    """
    lex = ctx.lexicon
    low = word.lower()
    if len(low) < 3 or lex.zipf(low) < (_WHOLE_LONG_WORD_ZIPF if len(low) >= _LONG_WORD else _WHOLE_WORD_ZIPF):
        return False
    f = facts(ctx.lang)
    letters = (f.letters if f else frozenset()) | _LOANWORD_LETTERS
    for ch in letters:
        completed = low + ch if shape == "close" else ch + low
        # (wordfreq's tables are case-folded: "weiß" is there as "weiss".)
        if lex.zipf(completed) > 0 or lex.zipf(completed.casefold()) > 0:
            return False
    return True


def _capitalised_after(word: str, shape: str) -> bool:
    """Does the word after an opening token begin with a capital and go on in lower case?

    A lost first letter would have left the rest of its word starting in
    lower case ("<unk>cole" for "École"), never a capitalised word
    ("<unk>As"): the token stands for a lost mark or emoji, not a letter.

    >>> _capitalised_after("As", "open"), _capitalised_after("cole", "open"), _capitalised_after("OK", "open")
    (True, False, False)
    """
    return shape == "open" and len(word) >= 2 and word[0].isupper() and word[1:].islower()


def _find_unk(text: str, ctx: Context) -> Iterator[Candidate]:
    if "unk" not in text and "UNK" not in text:
        return
    lines = _unk_lines(text)
    # Tokens glued to a word are not lost words but lost characters, most
    # often a quotation mark the system could not write („ “ « »), or the
    # apostrophe inside a Ukrainian word: never remove the space that
    # separates the words around them. An opening token followed later on
    # the line by a closing one is a quotation: restore the marks. Alone, a
    # glued token may be a lost letter: only a suggestion, unless the word
    # beside it stands whole (see _stands_whole).
    emoji: set[int] = set()  # starts of the tokens inside lost-emoji runs
    for m in line_matches(_UNK_EMOJI_RUN, text, lines):
        s = _emoji_start(text, m.start())
        e = _past_line_start_space(text, s, m.end())
        left = text[s - 1] if s else ""
        right = text[e] if e < len(text) else ""
        # Never glue the words around it: keep one space between them.
        spaced_left = text[s] in " \t"
        keep_space = right.isalnum() and (spaced_left or left.isalnum()) and s > 0
        emoji.update(tok.start() for tok in _UNK_TOKEN.finditer(text, s, e))
        yield Candidate(s, e, " " if keep_space else "", 0.9, ("unknown-word token for a lost emoji",))

    glued: dict[int, tuple[int, str]] = {}
    pairs: set[int] = set()
    pending: int | None = None
    for m in line_matches(_UNK_RUN, text, lines):
        if m.start() in emoji:
            continue
        shape = _unk_shape(text, m.start(), m.end())
        if shape == "alone":
            continue
        if "\n" in text[pending if pending is not None else m.start():m.start()]:
            pending = None
        glued[m.start()] = (m.end(), shape)
        if shape == "open":
            pending = m.start()
        elif shape == "close" and pending is not None:
            pairs.update((pending, m.start()))
            pending = None
    quotes = _quote_pair(text, ctx.lang) if pairs else None
    # (what the whole text writes, asked once: per token, a search of the
    # text made a text of many tokens quadratic)
    apostrophe: list[str | None] = []
    cut_pair: list[tuple[str, str] | None] = []
    for m in line_matches(_UNK, text, lines):
        tok = _UNK_RUN.search(text, m.start(), m.end())
        if tok is not None and tok.start() in emoji:
            continue
        if tok is not None and tok.start() in glued:
            start, (end, shape) = tok.start(), glued[tok.start()]
            if shape == "inner" and len(_UNK_TOKEN.findall(text, start, end)) > 1:
                # Several characters lost inside a word: not one apostrophe.
                yield Candidate(start, end, "", 0.3, ("unknown-word tokens between two letters", "lost letters or marks, not a word"))
            elif shape == "inner":
                if not apostrophe:
                    apostrophe.append(_word_apostrophe(text, ctx.lang))
                apo = apostrophe[0]
                letters = text[start - 1] + text[end]
                if apo and (_TWO_CYRILLIC.fullmatch(letters) or (
                        ctx.lang == "en" and _EN_CONTRACTION.match(text, end))):
                    yield Candidate(start, end, apo, 0.9, ("unknown-word token between two letters", "an apostrophe inside a word"))
                else:
                    yield Candidate(start, end, "", 0.3, ("unknown-word token between two letters", "a lost letter or mark, not a word"))
            elif start in pairs and quotes is not None:
                mark = quotes[0] if shape == "open" else quotes[1]
                yield Candidate(start, end, mark, 0.9, ("unknown-word tokens glued around words", "a quotation the system could not write"))
            else:
                # Unpaired: a lost quotation mark, or a lost letter (wei<unk> for weiß).
                word = _whole_word_beside(text, start, end, shape)
                whole = word is not None and _stands_whole(word, shape, ctx)
                # (The capital says the token is no letter, not what it stands
                # for: in a language the rules do not know, or one of a pair
                # whose quotation marks it does not know, it stays suggested.)
                capital = (word is not None and not whole and _capitalised_after(word, shape)
                           and start not in pairs and facts(ctx.lang) is not None)
                if whole or capital:
                    # The word is whole without the token and no letter of the
                    # language completes it: not a lost letter. Where the
                    # language writes quotation marks an English vocabulary
                    # lacks („ “ « »), it is the quotation mark of a quote
                    # the segment cuts (`sagte: <unk>Unser`, `aufgeregt<unk>,
                    # sagte er`); elsewhere a lost mark or emoji, removed.
                    ev = ("unknown-word token glued to a word", "the word is whole without it: " + (
                        "it begins with a capital, as no word does after its lost first letter" if capital
                        else "common, and no lost letter completes it"))
                    if not cut_pair:
                        cut_pair.append(_quote_pair(text, ctx.lang) if ctx.lang not in _ASCII_QUOTING else None)
                    pair = cut_pair[0]
                    if pair is not None:
                        mark = pair[0] if shape == "open" else pair[1]
                        yield Candidate(start, end, mark, 0.9, ev + ("one quotation mark of a quote the text cuts",))
                    else:
                        yield Candidate(start, end, "", 0.9, ev)
                    continue
                yield Candidate(start, end, "", 0.45, ("unknown-word token glued to a word", "a lost mark or letter, unpaired"))
            continue
        start, end = m.start(), _past_line_start_space(text, m.start(), m.end())
        yield Candidate(start, end, "", 0.97, ("unknown-word token of an MT toolkit",))


REMOVE_UNK_TOKENS = Rule(
    "remove_unk_tokens",
    _find_unk,
    None,
    "Remove the <unk> / [UNK] tokens an MT system leaves for words it could not translate; glued to words, they become the quotation marks or apostrophe they stand for.",
    category="residue",
)


def remove_unk_tokens(text: str, *, lang: str = "en") -> str:
    """Remove ``<unk>`` tokens and the space they leave.

    A token glued to a word stands for a lost character, not a word: a pair
    of them around words becomes the language's quotation marks, one
    between two Cyrillic letters the apostrophe of a Ukrainian word; one
    alone beside a common word (or a longer, rarer one) that no lost letter
    completes, or before a capitalised word, is the cut quote's mark
    (removed in English); any other glued token is only a suggestion.
    Touching tokens are one run, judged and removed as one.

    >>> remove_unk_tokens("The <unk> ministry said <unk>.")
    'The ministry said.'
    >>> remove_unk_tokens("Er warnte vor <unk>Folgen<unk>.", lang="de")
    'Er warnte vor „Folgen“.'
    >>> remove_unk_tokens("Мій комп<unk>ютер", lang="uk")
    'Мій комп’ютер'
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


# Every character _FOREIGN_RUN can start with, and more (its scripts'
# blocks, merged where no common punctuation lies between them; a test
# checks every code point): one search of a character class, at C speed,
# where the pattern's class of ten scripts is slow to try at each place.
_FOREIGN_SCREEN = re.compile(
    "[\u0370-\u1ffe\u2126\u2de0-\u2fd5\u3005\u3007\u3021-\u3029\u302e\u302f\u3038-\u303b"
    "\u3041-\ufdff\ufe2e-\ufefc\uff66-\U0001eef1\U0001f200\U00020000-\U00033479]"
)


def _find_untranslated(text: str, ctx: Context) -> Iterator[Candidate]:
    if text.isascii() or not _FOREIGN_SCREEN.search(text):
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
