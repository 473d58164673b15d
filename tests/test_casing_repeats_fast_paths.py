"""The fast paths of the casing and repeat rules find what the plain scans find (property tests, hypothesis)."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from hypothesis import example, given, strategies as st

from mtclean.rule import Context
from mtclean.rules import casing
from mtclean.rules._common import protected, unknown_words, word_counts
from mtclean.rules.casing import (
    AFTER_DETERMINER_RATIO,
    CONTENT_RATIO,
    STRONG_RATIO,
    _ALWAYS_CAPITALISED,
    _CANDIDATE,
    _COMMON_SENTENCE_STARTS,
    _DETERMINERS,
    _FUNCTION_WORDS,
    _NAME_INTRODUCERS,
    _NON_FINAL,
    _POSSESSIVES,
    _SUBJECT_VERBS,
    _VERBAL_CONTEXT,
    _any_mid_sentence_use,
    _capital_nearby,
    _could_be_lowered,
    _heading_line,
    _name_chain,
    _title_case_stretch,
)


# ---------------------------------------------------------------- lower_midsentence_capitals
# The rule before its single-scan fast path, kept as the reference: a set of
# every lowerable unknown word, the search for a mid-sentence use of one,
# then the candidate scan twice.
def _old_find_midsentence_capitals(text: str, ctx: Context) -> Iterator[tuple[int, int, str]]:
    lex = ctx.lexicon
    if not lex.has_case:
        return
    # Pre-screen: capitalised words (all "unknown" to the lower-case
    # lexicon) that are function words or usually written in lower case.
    maybe = {w for w in unknown_words(text, ctx) if _could_be_lowered(w, ctx.lang)}
    if not maybe:
        return
    if not _any_mid_sentence_use(text, maybe):
        return
    found = [w for w in _CANDIDATE.findall(text) if w in maybe]
    if not found:
        return
    counts = Counter(found)
    candidates = set()
    for w in counts:
        low = w.lower()
        if len(w) == 1 and w != "A":
            continue
        if low in _FUNCTION_WORDS:
            candidates.add(w)
            continue
        if low in _ALWAYS_CAPITALISED or low in _NAME_INTRODUCERS:
            continue  # months, days; "Dad", "Mum" used as names
        ratio = lex.title_ratio(low)
        # Written capitalised more than once: a name or the writer's style.
        if ratio is not None and ratio <= CONTENT_RATIO and counts[w] == 1 and lex.usual_form(low) is None:
            if word_counts(text, ctx)[w] == 1:
                candidates.add(w)
    if not candidates:
        return
    prot = protected(text, ctx)
    for m in _CANDIDATE.finditer(text):
        w = m.group()
        if w not in candidates or prot.covers(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        after = text[m.end():m.end() + 80]
        back = before.split()[::-1]
        ahead = after.split()
        if not back:
            continue
        prev = back[0]
        comma = prev.endswith(",")
        prev_core = prev.rstrip(",")
        if not comma and not (prev_core.islower() and prev_core.isalpha()):
            continue  # after a capitalised word, an abbreviation, a number ("July 25th On the 25th"), a dash ...
        nxt = ahead[0] if ahead else ""
        low = w.lower()
        if low in _FUNCTION_WORDS:
            # Lower only before a lower-case word: ", The Washington Post"
            # and ", He Rundong" are titles and names. Words that can start
            # a sentence ("The", "It") also need a comma or a word before
            # that cannot end one ("whereby It"); "Of", "Is", "Was" cannot.
            starts_sentences = low in _COMMON_SENTENCE_STARTS
            if not comma and (w == "A" or (starts_sentences and prev_core.lower() not in _NON_FINAL)):
                continue
            if not nxt or not nxt[0].islower() or not after.startswith(" "):
                continue
        else:
            # After a pronoun, an auxiliary or an adverb comes a verb or an
            # adjective, hardly ever a name ("it Tasted", "has Begun").
            verbal = not comma and prev_core.lower() in _VERBAL_CONTEXT
            if _name_chain(back[1:] if comma else back, ahead):
                continue
            # Names and titles cluster: near another capital, leave it.
            if not verbal and _capital_nearby(back, ahead):
                continue
            if _title_case_stretch(back, ahead):
                continue  # a headline in Title Case ("Rivers of Gold Are on Show Tonight")
            if prev_core.lower() in _NAME_INTRODUCERS or prev_core.lower() in _POSSESSIVES:
                continue
            if not comma and prev_core.lower() in _DETERMINERS and (lex.title_ratio(low) or 0) > AFTER_DETERMINER_RATIO:
                continue
            if not nxt or not after.startswith(" "):
                continue
            if not nxt[0].islower():
                # Before punctuation ("the incredible Wool!") only with strong
                # evidence and a lower-case word before ("Portland, Ore." stays).
                strong = (lex.title_ratio(low) or 0) <= STRONG_RATIO and not comma
                if not (strong and nxt[0] in ".,;:!?" and prev_core.lower() not in _DETERMINERS):
                    continue
            if nxt.rstrip(",.;:") in _SUBJECT_VERBS:
                continue  # "Variety reported", "Aslin said": a name as subject
        if _heading_line(text, m.start())[2]:
            continue
        yield m.start(), m.start() + 1, w[0].lower()


# Words after which a capitalised word is the title of a part of a text


# Words the rule judges (function words, usually lower-case words, names),
# the contexts around them, and characters the screens treat apart: a
# leading space, a comma, letters that regex calls lower case and Python's
# tables do not know (U+1C8A, U+A7CD), and a word inside another (" Theory"
# holds " The").
_MID_ALPHABET = [
    "The", "It", "Of", "A", "In", "Assault", "House", "Tasted", "Theory", "Groups", "New", "York", "Minister",
    "the", "it", "whereby", "small", "assault", "groups", "said", "is", "tasted", "x\u1c8a", "\ua7cd",
    " ", " ", " ", ", ", ",", ". ", "\n", "-", "'s", "http://x.org/The",
]
_mid_texts = st.lists(st.sampled_from(_MID_ALPHABET), max_size=30).map("".join)


@given(_mid_texts, st.booleans())
@example(" The cat, The dog went", False)
@example(" The cat, The dog went", True)
@example("x\u1c8a The dog, whereby It is", False)
@example("But for now, The incursion, whereby It is unclear, used small Assault groups. The assault failed.", False)
@example("the Theory, the small Assault groups assault", True)
@example("it Tasted good, so it Tasted odd", False)  # (capitalised twice: the writer's style)
@example("Word Word Word, whereby Word is", False)
@example("Tasted it was. So we all said that it Tasted odd to us all", False)  # (twice in the text, once mid-sentence)
def test_midsentence_capitals_single_scan_finds_what_the_old_scans_found(text, long_branch):
    # long_branch: _any_mid_sentence_use's one pass over the spaces (long
    # texts) instead of a search per word.
    saved = casing._FIND_BUDGET
    try:
        if long_branch:
            casing._FIND_BUDGET = 0
        expected = list(_old_find_midsentence_capitals(text, Context("en")))
        assert list(casing._find_midsentence_capitals(text, Context("en"))) == expected
    finally:
        casing._FIND_BUDGET = saved


def test_midsentence_capitals_keep_the_leading_space_quirk():
    # A text that opens with " The" hides that word from the old screen:
    # nothing is judged, and the fast path keeps it so.
    text = " The cat, The dog went"
    assert list(casing._find_midsentence_capitals(text, Context("en"))) == []
    assert list(casing._find_midsentence_capitals(text[1:], Context("en"))) == [(9, 10, "t")]


@given(st.sets(st.sampled_from(["The", "It", "Assault", "House", "York", "assault", "Ж", "É", "Éa", "A", ""])))
def test_lowerable_is_could_be_lowered_for_each_word(words):
    expected = {w for w in words if _could_be_lowered(w, "en")}
    assert casing._lowerable(frozenset(words), "en") == expected
    assert casing._lowerable(frozenset(words), "en") == expected  # (answered from the table)


@given(_mid_texts, st.booleans())
@example("x\u1c8a The dog", False)
@example(" The cat, The dog", True)
@example(" The cat, The dog and Of it", False)
def test_screen_passes_is_the_old_screen(text, long_branch):
    maybe = {w for w in unknown_words(text, Context("en")) if _could_be_lowered(w, "en")}
    matches = [m for m in _CANDIDATE.finditer(text) if m.group() in maybe]
    if not matches:
        return
    saved = casing._FIND_BUDGET
    try:
        if long_branch:
            casing._FIND_BUDGET = 0
        assert casing._screen_passes(text, Context("en"), matches) is _any_mid_sentence_use(text, maybe)
    finally:
        casing._FIND_BUDGET = saved


# ---------------------------------------------------------------- remove_comma_repeats
# Phrases and their copies in other cases, marks the phrases may hold
# (apostrophes, hyphens, tabs) and characters they may not (digits,
# periods, an underscore), and letters whose casefold is longer (ß, ǰ).
_COMMA_ALPHABET = [
    "go", "Go", "GO", "home", "Home", "now", "x", "ß", "ss", "ǰ", "don't", "well-known", "2", ".", "_",
    ", ", ", ", ",", " ", " ", "\t", "'", "’", "-", "\n",
]


@given(st.lists(st.sampled_from(_COMMA_ALPHABET), max_size=40).map("".join))
@example("It rose. Go home, go home now. In May, the city said, it would open.")
@example("2go, go, go home, home")
@example("go, go2 and x, x_")  # (the character after a stretch stops a match)
@example("word , word . go , go, go. rock', rock' and well-, well-")
@example("a rock', rock'.")
@example("Go, go. " * 10 + "now, now")  # (many stretches: the whole piece)
@example("Go home, go home, go home. Home, home")
@example("ß go, ss go, go")
def test_comma_loop_read_in_the_stretches_finds_every_match(text):
    from mtclean.rules.repeats import _COMMA_LOOP, _may_repeat_after_comma, _repeat_stretches

    expected = [m.span() for m in _COMMA_LOOP.finditer(text)]
    stretches = _repeat_stretches(text)
    if stretches is None:
        assert len(text.casefold()) != len(text)
        assert _may_repeat_after_comma(text) or not expected  # (the rule asks the screen, then reads it whole)
        return
    assert [m.span() for pos, endpos in stretches for m in _COMMA_LOOP.finditer(text, pos, endpos)] == expected
    assert all(s1 < e1 <= s2 for (s1, e1), (s2, _) in zip(stretches, stretches[1:]))  # in order, apart


# ---------------------------------------------------------------- capitalise_sentence_start
# _sentence_starts before its fast path for a plain word and its period,
# kept as the reference.
from mtclean.rules.sentences import (  # noqa: E402
    _ABBREVIATION_SHAPE,
    _AFTER_MARK_HOW,
    _ALNUM,
    _ENDS_SENTENCE,
    _LAST_LETTERS,
    _START,
    _abbreviations,
    _token_before,
)


def _old_sentence_starts(text: str, ctx: Context) -> list[tuple[int, str, int]]:
    """(position of the first letter, how the start was found, terminator end) of each sentence start.

    ``matches``: the matches of ``_START`` to judge (default: all of ``text``'s).
    """
    abbreviations = _abbreviations(ctx.lang)
    out = []
    n = len(text)
    for m in _START.finditer(text):
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
            out.append((pos, how, s))
    return out


# Plain words with periods, abbreviations of the list (etc, approx), their
# shapes (U.S., J., e.g.), numbers, ellipses, quotes, and non-ASCII letters.
_START_ALPHABET = [
    "pza.", "Pza.", "ab.", "a.", "J.", "etc.", "Etc.", "approx.", "U.S.", "e.g.", "p.m.", "2.", "12.", "v1.",
    "..", "…", "(ab.", "“ab.", "éa.", "aé.", "!", "?", ":", " ", " ", "\n", "\n\n", "1. ", "x", "The", "iPhone",
]


@given(st.lists(st.sampled_from(_START_ALPHABET), max_size=30).map("".join))
@example("It was pza. mxx. etc. and so. J. then a. b.")
@example("the end. ab. Cd.\n\n1. see")
@example("so Etc. then Approx. x")
def test_sentence_starts_fast_path_finds_the_same_starts(text):
    from mtclean.rules.sentences import _sentence_starts

    assert _sentence_starts(text, Context("en")) == _old_sentence_starts(text, Context("en"))


@given(st.text(alphabet=st.sampled_from(list("abzAZé.'’-_1(@")), max_size=8))
@example("aZ")
@example("a.b")
def test_plain_lower_tokens_have_no_by_design_shape(token):
    from mtclean.rules.sentences import _BY_DESIGN, _plain_lower

    if _plain_lower(token):
        assert not _BY_DESIGN.search(token)


# ---------------------------------------------------------------- capitalise_pronoun_i
@given(st.lists(st.sampled_from(["i", "I", "x", "é", "ж", "2", "_", "(", "[", ".", "'", "’", "m", "ve", " ", "\t", ",", ";", "!", "?", "\n", "\r", "=", ")"]), max_size=12).map("".join))
@example("so i’m")
@example("éi think")
@example("x\ni")
@example("so i\nthen")
def test_pronoun_screen_finds_every_lone_i(text):
    from mtclean.rules.sentences import _I, _I_SCREEN

    if _I.search(text):
        assert _I_SCREEN.search(text)
