"""Doubled names, doubled words and repetition loops."""

from __future__ import annotations

from itertools import repeat
from operator import eq
from typing import Iterator

import regex

from ..languages import facts, legit_doubles, word_list_file
from ..lexicon import get_lexicon, is_loaded
from ..rule import Candidate, Context, Rule
from ._common import (
    EN,
    SPACED,
    DocumentProtected,
    _WORD_CHARS,
    _letter_runs,
    line_matches,
    lower_word_list,
    protected,
    run_rule,
    technical_signal,
    unknown_words,
    window_words,
    word_counts,
    word_set,
)
from .glue import _CLOSED_CLASS, candidate, confidence_of

__all__ = [
    "dedupe_glued_names",
    "remove_doubled_words",
    "remove_repetition_loops",
    "DEDUPE_GLUED_NAMES",
    "REMOVE_DOUBLED_WORDS",
    "REMOVE_REPETITION_LOOPS",
]

# ---------------------------------------------------------------- glued names
# "PutinPutin": a capitalised word written twice with no space (link text
# repeated by an extractor, or an MT decoding loop).
_GLUED_TWICE = regex.compile(r"(?<![\p{L}\p{N}'’_@#-])((\p{Lu}\p{Ll}{2,})\2)(?![\p{L}\p{N}'’_@-])")


def _is_doubled(w: str) -> bool:
    half = len(w) // 2
    return len(w) >= 6 and len(w) % 2 == 0 and w[:half] == w[half:]


def _find_glued_names(text: str, ctx: Context) -> Iterator[Candidate]:
    # "PutinPutin" is neither lower, upper nor title case, and no lexicon
    # knows it: a handful of candidates from the shared unknown-word set.
    # A language whose lexicon is not loaded yet is not loaded for this
    # screen: the word set is searched first, the lexicon asked only about
    # a doubled word (text without one never loads it).
    if is_loaded(ctx.lang):
        if not any(_is_doubled(w) for w in unknown_words(text, ctx) if not w.istitle()):
            return
    else:
        doubled = [w for w in word_set(text, ctx) if _is_doubled(w) and not w.istitle()]
        if not doubled or all(w in ctx.lexicon.words for w in doubled):
            return
    lex = ctx.lexicon
    counts = word_counts(text, ctx)
    for m in _GLUED_TWICE.finditer(text):
        whole, half = m.group(1), m.group(2)
        if lex.zipf(whole) >= 1.5 or lex.usual_form(whole) == whole:
            continue  # a real word or name that happens to repeat (Bonbon)
        # Short halves ("PayPay", "TamTam") are often a name's own spelling:
        # they need the half written alone, or known as a name.
        ev = ["halves of 4+ letters" if len(half) >= 4 else "halves of 3 letters"]
        if counts[half] > 0:
            ev.append("half alone in the document")
        ratio = lex.title_ratio(half)
        if ratio is not None and ratio >= 0.5:
            ev.append("half known as a name")
        elif ratio is not None and ratio <= -1.0:
            ev.append("half a common word")
        yield candidate("dedupe_glued_names", m.start(1) + len(half), m.end(1), "", ev)


DEDUPE_GLUED_NAMES = Rule(
    "dedupe_glued_names",
    _find_glued_names,
    None,
    "Collapse a capitalised word written twice without a space ('PutinPutin' -> 'Putin').",
    category="doubling",
)


def dedupe_glued_names(text: str, *, lang: str = "en") -> str:
    """Collapse a name glued to a copy of itself.

    >>> dedupe_glued_names("Russian President Vladimir PutinPutin vowed")
    'Russian President Vladimir Putin vowed'
    >>> dedupe_glued_names("LYALYA and Bora Bora stay")
    'LYALYA and Bora Bora stay'
    """
    return run_rule(DEDUPE_GLUED_NAMES, text, lang)


# ---------------------------------------------------------------- doubled words
# English words that are correctly written twice in a row.
_LEGIT_DOUBLES = frozenset(
    """had that is do does did very so no bye ha haha blah yeah yes well really far many much more
    knock tsk chop hush cha la na bla boo now long come there tut hear please never her in on up off
    out go ho hey oh ah ooh wow hip ding rah pooh tom bang boom bla choo beep tick tock night
    again round over bit by little way""".split()
)
# Names that are a word written twice (Bora Bora, Lang Lang, The The).
_LEGIT_NAME_DOUBLES = frozenset(
    """bora lang duran walla pago sirhan baden talk mahi humbert tora dum mau sing ylang can cous bam
    yo chi wagga the mo ba bye dee nyam kwa""".split()
)
_DOUBLED = regex.compile(r"(?<![\p{L}\p{N}'’_@#-])(\p{L}+)((?:[ \t]+\1)+)(?![\p{L}\p{N}'’_@-])", regex.I)


def _find_doubled_words(text: str, ctx: Context) -> Iterator[Candidate]:
    # Pre-screen: two equal letter runs in a row (ignoring case), compared
    # pairwise at C speed; then the pattern, on the pieces that have one.
    if not has_adjacent_equal(text, ctx):
        return
    if len(text) <= _WINDOW:
        yield from _doubled_in(text, 0, text, ctx)
        return
    for offset, piece, pw in window_words(text, ctx, _WINDOW):
        if _adjacent_equal(pw):
            yield from _doubled_in(piece, offset, text, ctx)


def has_adjacent_equal(text: str, ctx: Context) -> bool:
    """Are two letter runs in a row of ``text`` equal, ignoring case (cached for the call)?

    Shared by the doubling rules' pre-screens (``operator.eq`` compares at C
    speed, as ``str.__eq__`` through its slot wrapper does not).

    >>> has_adjacent_equal("The the end", Context()), has_adjacent_equal("the end", Context())
    (True, False)
    """
    return ctx.cached("adjacent_equal", text, lambda t: _adjacent_equal(lower_word_list(t, ctx)))  # type: ignore[return-value]


def _adjacent_equal(words: list[str]) -> bool:
    """Are two words in a row of ``words`` equal (compared pairwise at C speed)?"""
    return any(map(eq, words, words[1:]))


_WINDOW = 8192

# Grammar, not a list of doubles: modals and auxiliaries (the second copy
# of "the can can hold", "Will will"), prepositions (that end a phrasal
# verb: "cared for for four years"), determiners, and pronouns that are
# objects and subjects alike ("once you fix it it will work").
_MODALS = frozenset("will can may must might shall should would could".split())
_AUXILIARIES = _MODALS | frozenset("is was are were has have had does did do be".split())
_PREPOSITIONS = frozenset(
    "for at on in to with about of up out off over into from by after through around down along".split()
)
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())
_OBJECT_SUBJECT = frozenset("it you her that this".split())
_PREV_WORD = regex.compile(r"(\p{L}+)[^\p{L}\n]{0,3}$")
_NEXT_WORD = regex.compile(r"[^\p{L}\n]{0,3}(\p{L}+)")


def _word_before(piece: str, pos: int) -> str:
    """What ``_PREV_WORD.search(piece[max(0, pos - 40):pos])`` finds, read backwards from ``pos``.

    (The search tried every start in the 40 characters: most of the rule's
    cost on a line of doubles.)

    >>> _word_before("they went to to", 10), _word_before("(see:  x", 6)
    ('went', 'see')
    """
    lo = max(0, pos - 40)
    end = pos
    if end > lo and piece[end - 1] == "\n":
        end -= 1  # ("$" matches before a final line break)
    i = end
    while i > lo and end - i < 3 and piece[i - 1] != "\n" and not piece[i - 1].isalpha():
        i -= 1
    j = i
    while j > lo and piece[j - 1].isalpha():
        j -= 1
    return piece[j:i]


def _word_after(piece: str, pos: int) -> str:
    m = _NEXT_WORD.match(piece, pos)
    return m.group(1) if m else ""


def _participle(word: str) -> bool:
    """``cared``, ``looked``, ``searched``, ``taken``: a verb form that ends a phrasal verb."""
    return len(word) >= 4 and word.islower() and word.endswith(("ed", "en"))


def doubled_word_evidence(first: str, repeats: list[str], before: str, after: str, ctx: Context, text: str) -> list[str] | None:
    """The signals for removing ``repeats`` after ``first``; None: keep it.

    >>> doubled_word_evidence("for", ["for"], "cared", "four", Context(), "")
    ['function word', 'preposition after a participle']
    """
    low = first.lower()
    ev: list[str] = []
    english = ctx.lang == "en"
    function_words = _function_words(ctx)
    if len(first) == 1:
        # "a a" in English; in other languages their one-letter function
        # words ("в в", "y y"); never other letters and initials ("Ă ă", "I I").
        if (low != "a" if english else low not in function_words) or first != repeats[0]:
            return None
        if len(before) == 1 or len(after) == 1:
            ev.append("letter list")
        ev.append("single letter")
    if low in function_words:
        ev.append("function word")
    if len(repeats) >= 2:
        ev.append("three or more copies")
    second = repeats[0]
    if first[0].isupper() and second[0].isupper():
        if first.isupper() or len(first) <= 4:
            return None  # THE THE; short names (Yang Yang, Ni Ni)
        # "Yang Yang", "Adamu Adamu" are names; "Hassan Hassan Rouhani" is
        # a name part written twice, "Tartu Tartu" a repeat when "Tartu"
        # is also written alone.
        if text.count(f"{first} {first}") > 1:
            return None  # the same double written again: a name's own form ("Adamu Adamu")
        ev.append("capitalised double")
        if after[:1].isupper() and after[1:].islower() and not after.isupper():
            ev.append("doubled name part before a name")
        if word_counts(text, ctx)[first] > 1 + len(repeats):
            ev.append("name written alone elsewhere")
        ratio = ctx.lexicon.title_ratio(low)
        if ratio is not None and ratio <= -0.5:
            ev.append("common word capitalised")
        elif ratio is None and not english and _capitalised_noun(ctx.lang, low, ctx):
            ev.append("common word capitalised")  # German nouns: a frequent word, capitalised by grammar
        if len(ev) == 1 or ev[-1] == "capitalised double":
            return None
    elif first[0].isupper():
        if before[:1].isupper():
            return None  # "Glacier Winter winter tyres": the capitalised copy ends a name
        ev.append("capital then lower case")
        if low in _MODALS:
            ev.append("modal after a determiner or name")  # "Will will": a name, then the modal
    elif second[0].isupper():
        ev.append("second copy capitalised")  # "section Section 10": a heading or a name
    if not english:
        return ev  # the grammar below is English's
    if low in _MODALS and before.lower() in _DETERMINERS:
        ev.append("modal after a determiner or name")  # "The can can hold"
    if low in _PREPOSITIONS and _participle(before):
        ev.append("preposition after a participle")
    if low in _OBJECT_SUBJECT and after.lower() in _AUXILIARIES and (
        before.lower() in _PREPOSITIONS
        or before.lower() in _AUXILIARIES
        or _participle(before)
        or (before.isalpha() and before.islower() and before not in _CLOSED_CLASS)  # "assure you you are"
    ):
        ev.append("object then subject pronoun")  # "when you have it it will"
    return ev


def _capitalised_noun(lang: str, low: str, ctx: Context) -> bool:
    """In a language that capitalises every noun, is ``low`` a frequent word (a common noun, not a name)?"""
    f = facts(lang)
    return bool(f and f.nouns_capitalised) and ctx.lexicon.zipf(low) >= 3.5


def _pair_lines(piece: str) -> Iterator[tuple[int, int]]:
    """The lines of ``piece`` (start, index of the "\\n" or the end) with two equal letter runs in a row, ignoring case.

    A match of _DOUBLED that makes a candidate lies on one: its first two
    copies are letter runs (letters or numbers cannot touch them) with only
    spaces or tabs between, equal but for the case of the first letter; and
    no match holds "\\n" (``[ \\t]+`` between copies). On the other lines
    the pattern finds nothing to keep.
    """
    start = 0
    for line in piece.split("\n"):
        words = " ".join(_letter_runs(line)).lower().split(" ")
        if any(map(str.__eq__, words, words[1:])):
            yield start, start + len(line)
        start += len(line) + 1


def _doubled_in(piece: str, offset: int, text: str, ctx: Context) -> Iterator[Candidate]:
    prot: DocumentProtected | None = None
    technical: list[str] | None = None
    english = ctx.lang == "en"
    for m in line_matches(_DOUBLED, piece, _pair_lines(piece)):
        first = m.group(1)
        low = first.lower()
        if (english and low in _LEGIT_DOUBLES) or first.isdigit():
            continue
        repeats = m.group(2).split()  # (copies of letters apart by spaces and tabs: str.split is the regex split)
        if not english and _legit_in_language(ctx.lang, low, first, repeats[0], piece, m.start()):
            continue
        if not english and low in _LEGIT_DOUBLES and get_lexicon("en").zipf(low) - ctx.lexicon.zipf(low) >= 1.0:
            continue  # English quoted in another language keeps its "had had" ("in in" is German)
        # Exact repeats only, up to the case of the first letter ("The the").
        if any(r[1:] != first[1:] or (r[0] != first[0] and r[0].lower() != first[0].lower()) for r in repeats):
            continue
        if first[0].isupper() and repeats[0][0].isupper() and low in _LEGIT_NAME_DOUBLES:
            continue  # Bora Bora, Lang Lang
        if _part_of_word_before(piece, m.start()) or _quoted(piece, m.start(), m.end()):
            continue
        if not english and _grammatical_in_language(ctx.lang, low, first, repeats[0], piece, m.end()):
            continue
        before = _sentence_or_word_before(piece, m.start())
        if not english and before and first != repeats[0]:
            lang_facts = facts(ctx.lang)
            if lang_facts is not None and lang_facts.nouns_capitalised:
                # Mid-sentence "Lesen lesen": a noun and a verb of one form are
                # two words (judged wrong on real MT into German).
                continue
        ev = doubled_word_evidence(first, repeats, before, _word_after(piece, m.end()), ctx, text)
        if ev is None:
            continue
        prot = prot or protected(text, ctx)
        if prot.covers(offset + m.start(), offset + m.end()):
            continue
        if technical is None:
            technical = technical_signal(text, ctx)  # (of the whole text, once a call: per window it was quadratic)
        gap = m.group(2)
        if "\t" in gap or "   " in gap:
            # Copies apart by a tab or a run of three spaces or more are
            # columns of a table ("changed\t\tchanged", "append    append
            # mode"); a decoder repeats a word after one space or two.
            ev = ev + ["copies apart by a tab or spaces"]
        yield candidate("remove_doubled_words", offset + m.end(1), offset + m.end(), "", ev + technical)


_OPENING_QUOTES = "\"'“”„‚‘’«»‹›"
_CLOSING_QUOTES = "\"'“”‘’«»‹›"


def _quoted(piece: str, start: int, end: int) -> bool:
    """Are the copies all of a quotation (``"tick tick"``, ``« cui cui »``)? A quoted
    slogan, a sound or a name the writer reduplicated, not a repeat.

    >>> _quoted('the "tick tick" sound', 5, 14)
    True
    >>> _quoted('the "tick tick sound"', 5, 14)
    False
    """
    i = start
    while i > 0 and piece[i - 1] in " \t\u00a0\u202f":
        i -= 1
    j = end
    while j < len(piece) and piece[j] in " \t\u00a0\u202f":
        j += 1
    return i > 0 and j < len(piece) and piece[i - 1] in _OPENING_QUOTES and piece[j] in _CLOSING_QUOTES


def _part_of_word_before(piece: str, start: int) -> bool:
    """Is the first copy glued to the word before by ``/`` or ``*`` ("Lehrer/in in", "Ärzt*in in")?

    Then it ends that word (a gender suffix, an "and/or" pair): the two are not copies.

    >>> _part_of_word_before("Lehrer/in in Berlin", 7)
    True
    >>> _part_of_word_before("in in Berlin", 0)
    False
    """
    return start >= 2 and piece[start - 1] in "/*" and piece[start - 2].isalpha()


def _function_words(ctx: Context) -> frozenset[str]:
    return _CLOSED_CLASS if ctx.lang == "en" else word_list_file(ctx.lang, "function_words.txt")


# German grammar, not a list of doubles: the modal verbs (and "werden",
# "lassen") whose infinitive is also their finite plural, so an infinitive
# then the finite verb closes a verb-final clause ("wie sehr sie Jazz
# auch mögen mögen,", "dass sie Lehrer werden werden."); and the prepositions that can
# open an extended attribute right after another preposition ("mit mit
# Zucker gesüßten Getränken": with [sugar-sweetened] drinks), as the
# articles can after an article ("der der Stadt gehörende Park").
_DE_INFINITIVE_MODALS = frozenset("können müssen dürfen sollen wollen mögen werden lassen".split())
_DE_ARTICLES = frozenset("der die das den dem des".split())
_DE_PREPOSITIONS = frozenset(
    "an auf aus bei durch für gegen hinter in mit nach neben ohne über um unter von vor zu zwischen".split()
)
_CLAUSE_END = regex.compile(r"[ \t]*(?:[,.;:!?)»«\"“”\n]|$)")
# After the second preposition: one to three names or numbers, then a
# participle inflected as an attribute ("gebundenen", "gesüßte",
# "finanzierten", "lebenden"), then a capitalised noun: the second
# preposition belongs to the attribute. (Not "-er"/"-es": "bis Montag
# nächster Woche" is a genitive of time after the noun.)
_DE_ATTRIBUTE = regex.compile(
    r"[ \t]+(?:(?:\p{Lu}[\p{L}\p{N}-]*|\p{N}+)[ \t]+){1,3}"
    r"(\p{Ll}*(?:ge\p{Ll}+(?:t|en)|\p{Ll}+iert|\p{Ll}{2,}end)(?:e|em|en))[ \t]+\p{Lu}"
)


def _grammatical_in_language(lang: str, low: str, first: str, second: str, piece: str, end: int) -> bool:
    """Is ``first second`` (ending at ``end``) a grammatical sequence of two words in ``lang``, judged by
    the words around it?

    >>> _grammatical_in_language("de", "werden", "werden", "werden", "weil beide Lehrer werden werden, ziehen sie um", 31)
    True
    >>> _grammatical_in_language("de", "mögen", "mögen", "mögen", "wir mögen mögen den Film", 15)
    False
    >>> _grammatical_in_language("de", "mit", "mit", "mit", "voll mit mit Zucker gesüßten Getränken", 12)
    True
    >>> _grammatical_in_language("de", "mit", "mit", "mit", "wir gehen mit mit der Familie", 17)
    False
    >>> _grammatical_in_language("de", "der", "Der", "der", "Der der Stadt gehörende Park ist groß", 7)
    True
    """
    if lang != "de" or first[1:] != second[1:] or not second.islower():
        return False
    if low in _DE_INFINITIVE_MODALS and first == second and _CLAUSE_END.match(piece, end):
        return True  # infinitive, then the finite modal: the end of a verb-final clause
    if low in _DE_PREPOSITIONS or low in _DE_ARTICLES:
        m = _DE_ATTRIBUTE.match(piece, end)
        if m and m.group(1) not in word_list_file(lang, "function_words.txt"):
            return True  # a preposition (an article), then an extended attribute that opens with one
    return False


# Languages whose legitimate doubles are decided (data/<lang>/doubles.tsv).
DOUBLING_LANGUAGES = EN | frozenset(c for c in SPACED if legit_doubles(c) is not None)


def _legit_in_language(lang: str, low: str, first: str, second: str, piece: str, pos: int) -> bool:
    """Is ``first second`` one of the language's own doubles here (``data/<lang>/doubles.tsv``)?

    >>> _legit_in_language("de", "die", "die", "die", "Die Stadt, die die Brücke", 11)
    True
    >>> _legit_in_language("de", "die", "die", "die", "Wir sahen die die Brücke", 9)
    False
    """
    when = (legit_doubles(lang) or {}).get(low)
    if when is None:
        return False
    if when == "always":
        return True
    if when == "case differs":
        return first != second
    j = pos
    while j > 0 and piece[j - 1] in " \t":
        j -= 1
    words = when[len("after:"):].split()
    if j > 0 and piece[j - 1] == ",":
        return "," in words
    return _word_before(piece, pos).lower() in words


def _sentence_or_word_before(piece: str, pos: int) -> str:
    """The word before ``pos``, or "" at a sentence or line start."""
    j = pos
    while j > 0 and piece[j - 1] in " \t\"'“‘(":
        j -= 1
    if j == 0 or piece[j - 1] in ".!?\n:":
        return ""
    return _word_before(piece, pos)


REMOVE_DOUBLED_WORDS = Rule(
    "remove_doubled_words",
    _find_doubled_words,
    DOUBLING_LANGUAGES,  # English, and every spaced language whose legitimate doubles are listed
    "Remove a word repeated right after itself ('the the'), except legitimate doubles.",
    category="doubling",
)


def remove_doubled_words(text: str, *, lang: str = "en") -> str:
    """Remove an accidental repetition of a word.

    ``had had``, ``that that``, ``Bora Bora`` and ``Lang Lang`` are English
    and stay.

    >>> remove_doubled_words("the the region where you you want")
    'the region where you want'
    >>> remove_doubled_words("She had had enough of that that day in Bora Bora")
    'She had had enough of that that day in Bora Bora'
    """
    return run_rule(REMOVE_DOUBLED_WORDS, text, lang)


# ---------------------------------------------------------------- loops
# A phrase of two to sixteen words repeated right after itself, one or more
# times ("in the region in the region in the region"). Possessive
# quantifiers keep the scan linear.
_LOOP = regex.compile(
    r"(?<![\p{L}\p{N}'’_-])((?:\p{L}++[\p{L}'’-]*+[ \t]++){1,15}?\p{L}++[\p{L}'’-]*+)((?:[ \t]++\1)++)(?![\p{L}\p{N}'’_-])",
    regex.I,
)


def _pair_repeats(pairs: list[tuple[str, str]], span: int) -> Iterator[tuple[int, int]]:
    """(i, j) for each pair that occurs at i and next at j, 2 <= j - i <= ``span``: one linear pass.

    (Far-apart recurrences are dropped here: in a long text common pairs
    recur thousands of times, and no caller wants them.)

    >>> list(_pair_repeats([("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "b")], 3))
    [(0, 2)]
    """
    if len(set(pairs)) == len(pairs):  # the common case, decided in C
        return
    last: dict[tuple[str, str], int] = {}
    for j, pair in enumerate(pairs):
        i = last.get(pair)
        if i is not None and 2 <= j - i <= span:
            yield i, j
        last[pair] = j


_SPAN = 16


def _has_near_repeat(words: list[str], span: int = _SPAN) -> bool:
    """Are some ``k`` words (2 <= k <= ``span``) followed by the same ``k`` words?

    >>> _has_near_repeat("in the region in the region".split()), _has_near_repeat("of the city of the".split())
    (True, False)
    """
    # A loop of k words repeats a word pair k words later.
    for i, j in _pair_repeats(list(zip(words, words[1:])), span):
        if words[i:j] == words[j:j + j - i]:
            return True
    return False


def _splits_word(text: str, cut: int) -> bool:
    """Does a window cut at ``cut`` fall inside a letter run (a hard cut)?"""
    return 0 < cut < len(text) and _WORD_CHARS.fullmatch(text, cut - 1, cut + 1) is not None


_PUNCT = "\"'“”‘’()[]{}«».,;:!?…"


def _has_loop_between_spaces(piece: str, span: int = _SPAN) -> bool:
    """Like :func:`_has_near_repeat`, but the copies must be separated by
    whitespace only ("the central bank. The central bank" is no loop), as
    the loop pattern requires: a cheap check that saves its scan.

    >>> _has_loop_between_spaces("in the region in the region"), _has_loop_between_spaces("Ab. Cd. Ab. Cd.")
    (True, False)
    """
    tokens = piece.lower().split()
    # A loop's words have no punctuation between them (an opening mark on
    # its first word and a closing one on its last are fine): it lies
    # within one chain of tokens joined by clean boundaries, a boundary
    # being clean when the token before has no closing mark and the one
    # after no opening mark. Each chain is searched on its own. (On
    # "Ab. Cd. Ab. Cd." every pair repeats but no two tokens are joined:
    # the copies were read for every pair, most of the rule's cost.)
    clean_end = list(map(eq, tokens, map(str.rstrip, tokens, repeat(_PUNCT))))
    clean_start = list(map(eq, tokens, map(str.lstrip, tokens, repeat(_PUNCT))))
    first = 0
    n = len(tokens)
    for t in range(n):
        if t + 1 < n and clean_end[t] and clean_start[t + 1]:
            continue  # the chain goes on
        if t - first >= 3:  # a chain of 4+ tokens: two copies of 2+ words
            chain = [c.strip(_PUNCT) for c in tokens[first:t + 1]]
            for i, j in _pair_repeats(list(zip(chain, chain[1:])), span):
                if chain[i:j] == chain[j:j + j - i]:
                    return True
        first = t + 1
    return False


_CONNECTIVES = frozenset("and or by to after upon in on over as than but nor".split())


def loop_evidence(words: list[str], copies: int, before: str, after: str, lang: str = "en") -> list[str]:
    """The signals for collapsing ``copies`` extra copies of ``words``.

    >>> loop_evidence(["as", "low"], 1, "", "can")
    ['comparison as X as X']
    >>> loop_evidence(["round", "and"], 1, "", "round")
    ['linked repetition X c X c X']
    """
    ev: list[str] = []
    low = [w.lower() for w in words]
    # Other languages: their own linking words (data/<lang>/connectives.txt:
    # "immer und immer und immer", "encore et encore et encore").
    connectives = _CONNECTIVES if lang == "en" else word_list_file(lang, "connectives.txt")
    conjunctions = ("and", "or", "nor") if lang == "en" else connectives
    if len(words) == 2 and low[0] == "as" and lang == "en":
        ev.append("comparison as X as X")  # "as low as low can be"
    elif len(words) == 2 and low[1] in connectives and after.lower() == low[0]:
        ev.append("linked repetition X c X c X")  # "round and round and round"
    elif len(words) == 2 and low[0] in connectives and before.lower().split()[-1:] == [low[1]]:
        ev.append("linked repetition X c X c X")  # "day by day by day"
    elif lang == "en" and len(words) == 2 and copies == 1 and low[1] in ("by", "after", "upon") and low[0] not in _CLOSED_CLASS:
        ev.append("linked repetition X c X c X")  # "little by little by opening": X c X, then c opens a phrase
    elif lang == "en" and len(words) == 2 and copies == 1 and low[0] in ("and", "or") and (
        low[1] not in _CLOSED_CLASS or low[1] in ("there", "here")
    ):
        ev.append("linked repetition X c X c X")  # "and round and round", "and here and here" (both ... and)
    elif low[-1] in conjunctions:
        ev.append("phrase ends in a conjunction")  # "say it or say it or sing it"
    if copies >= 2:
        ev.append("three or more copies")
    if len(words) >= 9:
        ev.append("phrase of 9+ words")
    elif len(words) >= 3:
        ev.append("phrase of 3+ words")
    return ev


def _collapse_loops(
    text: str, threshold: float = 0.5, found: list | None = None, lang: str = "en", removed: list | None = None
) -> str:
    """``text`` with its loops collapsed; ``removed`` collects the (start, end) of what went."""
    out: list[str] = []
    pos = 0
    for m in _LOOP.finditer(text):
        words = m.group(1).split()
        rest = m.group(2).split()
        n = len(words)
        # The match ignored case; keep only exact repeats (the first letter
        # may differ in case, as at a sentence start).
        chunks = [rest[i:i + n] for i in range(0, len(rest), n)]
        if not all(_same_words(words, c) for c in chunks):
            continue
        if n == 2 and len(chunks) == 1 and words[1].lower() == "to" and _before(text, m.start()).endswith("from"):
            continue  # "from door to door to sell": an idiom, not a loop
        after = _NEXT_WORD.match(text, m.end())
        ev = loop_evidence(words, len(chunks), _before(text, m.start()), after.group(1) if after else "", lang)
        if confidence_of("remove_repetition_loops", ev) < threshold:
            continue
        if found is not None:
            found.extend(ev)
        out.append(text[pos:m.end(1)])
        pos = m.end(2)
        if removed is not None:
            removed.append((m.end(1), pos))
    out.append(text[pos:])
    return "".join(out)


def _removed_runs(piece: str, rounds: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The stretches of ``piece`` that successive rounds of removals took out, in ``piece``'s offsets.

    Each round's spans are over the text the rounds before it left. A run of
    repeated text can be removed at several offsets with the same result;
    each stretch is reported as far right as it can slide (the first place
    the texts differ, reading from the start), as a diff would report it.

    >>> _removed_runs("a b a b c", [[(3, 7)]])
    [(4, 8)]
    >>> _removed_runs("x y x y z x y x y z q", [[(3, 7), (13, 17)], [(5, 11)]])
    [(4, 8), (10, 20)]
    """
    alive = list(range(len(piece)))  # the piece's offset of each character left
    for spans in rounds:
        keep = []
        pos = 0
        for s, e in spans:
            keep.extend(alive[pos:s])
            pos = e
        keep.extend(alive[pos:])
        alive = keep
    runs: list[tuple[int, int]] = []
    prev = -1
    for i in alive + [len(piece)]:
        if i > prev + 1:
            runs.append((prev + 1, i))
        prev = i
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(runs):
        stop = runs[k + 1][0] if k + 1 < len(runs) else len(piece)
        while e < stop and piece[s] == piece[e]:
            s, e = s + 1, e + 1
        out.append((s, e))
    return out


def _before(text: str, pos: int) -> str:
    """``text[:pos].rstrip().lower()``, without copying the whole prefix (only its end is read)."""
    lo = max(0, pos - 64)
    window = text[lo:pos].rstrip()
    while not window and lo > 0:
        lo = max(0, lo - 4096)
        window = text[lo:pos].rstrip()
    return window.lower()


def _find_loops(text: str, ctx: Context) -> Iterator[Candidate]:
    whole: bool | None = None  # does the whole text pass the screen?
    if len(text) <= _WINDOW:
        if not _has_near_repeat(lower_word_list(text, ctx)):
            return
        pieces: list[tuple[int, str, list[str] | None]] = [(0, text, None)]
    else:
        # A long text is screened window by window. The whole text's screen
        # (nothing at all when it fails) is implied by a window's own, since
        # the window's words are a stretch of the text's; only where the
        # window's cut splits a word may they differ, and only then is the
        # whole text screened.
        pieces = window_words(text, ctx, _WINDOW)  # type: ignore[assignment]
    threshold = ctx.threshold(REMOVE_REPETITION_LOOPS)
    for offset, piece, pw in pieces:
        if pw is not None:
            if not _has_near_repeat(pw):
                continue
            if whole is None:
                hard = _splits_word(text, offset) or _splits_word(text, offset + len(piece))
                whole = _has_near_repeat(lower_word_list(text, ctx)) if hard else True
            if not whole:
                return
        if not _has_loop_between_spaces(piece):
            continue
        # Collapsing one loop can reveal a longer one ("a b a b c a b a b c"):
        # repeat until nothing changes, then report the difference.
        # (The spans come from what each round removed, not from a diff of
        # the piece and its repair, which misaligns a long removal.)
        fixed = piece
        found: list[str] = []
        rounds: list[list[tuple[int, int]]] = []
        for _ in range(8):
            removed: list[tuple[int, int]] = []
            again = _collapse_loops(fixed, threshold, found, ctx.lang, removed)
            if removed:
                rounds.append(removed)
            if again == fixed or not _has_loop_between_spaces(again):
                break  # (the cheap screen says no loop is left: skip a confirming scan)
            fixed = again
        ev = tuple(dict.fromkeys(found))
        for start, end in _removed_runs(piece, rounds) if rounds else ():
            yield Candidate(offset + start, offset + end, "", confidence_of("remove_repetition_loops", ev), ev)


def _same_words(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b) or a[1:] != b[1:]:
        return False
    return a[0] == b[0] or (a[0][1:] == b[0][1:] and a[0][0].lower() == b[0][0].lower())


REMOVE_REPETITION_LOOPS = Rule(
    "remove_repetition_loops",
    _find_loops,
    DOUBLING_LANGUAGES,
    "Collapse a phrase of 2-8 words repeated back to back (an MT decoding loop).",
    category="doubling",
)


def remove_repetition_loops(text: str, *, lang: str = "en") -> str:
    """Collapse a phrase that an MT decoder repeated in a loop.

    >>> remove_repetition_loops("attacks in the region in the region in the region continued")
    'attacks in the region continued'
    >>> remove_repetition_loops("New York, New York is a song")
    'New York, New York is a song'
    """
    return run_rule(REMOVE_REPETITION_LOOPS, text, lang)
