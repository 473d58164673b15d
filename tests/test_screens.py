"""Pre-screens are sound: when a screen says a rule has nothing to do, the full test finds nothing either."""

from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from mtclean.document import _TRIGGER, PROTECTED_PATTERN, _protected_spans
from mtclean.rules.repeats import _COMMA_LOOP, _may_repeat_after_comma
from mtclean.rules.sentences import _LOWER_START_SCREEN, _START, _START_SCREEN, _lower_start_lines, _may_start_lower

# Characters that matter to the patterns, plus a few letters of each case and script.
_ALPHABET = list("aAbBiIxXéÉßçЖж1290 \t\n.!?:;,\"“‘«»()-_/@#`") + ["com", "org", "txt", "PDF", "www.", "://", "e.g.", "U.S."]
texts = st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join)


@given(texts)
def test_sentence_start_screen_covers_every_start(text):
    ends = {m.end() for m in _START_SCREEN.finditer(text)}
    assert {m.end() for m in _START.finditer(text)} <= ends


_UPPER_ALPHABET = _ALPHABET + list("AZÀÖØÞ×ÿ") + ['"A', "“É", "1. B", ": 2) Þ"]


@given(st.lists(st.sampled_from(_UPPER_ALPHABET), max_size=40).map("".join))
@example('. "A b. c')
@example("x: 1. Ab. 2) é")
def test_lower_start_screen_keeps_every_match_before_a_lower_case_letter(text):
    # The narrower screen drops only matches before a capital, and no other.
    def lower(pattern):
        return [m.span() for m in pattern.finditer(text) if m.end() < len(text) and text[m.end()].islower()]

    assert lower(_LOWER_START_SCREEN) == lower(_START_SCREEN)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_UPPER_ALPHABET + ["\n1. ", "\n\"a", "! «", "? 3) ", ": 12. "]), max_size=40).map("".join))
@example("x\n“ b")
@example("A: 12) b")
@example("1. b")
def test_may_start_lower_is_necessary(text):
    if not _may_start_lower(text):
        assert not list(_lower_start_lines(text))
        assert not [m for m in _START_SCREEN.finditer(text) if m.end() < len(text) and text[m.end()].islower()]


def test_may_start_lower_on_examples():
    assert not _may_start_lower('It rose 3.5%. "Good," she said: Fine. Really? Yes!\nNo. It was')
    for text in ("so it goes", "A. b", "A!  «c", "A?\t1) B", "A: 3. B", "A\n“ b", "A\n2. B"):
        assert _may_start_lower(text), text


def test_lower_start_screen_skips_only_capitals():
    assert not any(c.islower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ")
    assert [m.end() for m in _LOWER_START_SCREEN.finditer("One. two. Three. ÿ")] == [5, 17]


# Protected spans: marks of every kind, case, spaces and code spans long and short.
_PROTECTED_ALPHABET = list("aB.@#`:/ \n-+é\u00a0\x1c") + ["com", "ORG", "www.", "WWW.", "://", "x.org", "a@b.io", "`" + "y " * 260]
# code tokens: snake_case, calls, members, variables, options, lists, braces, chains, paths
_PROTECTED_ALPHABET += ["_", "(", ")", "()", "::", "->", "$", "=", "|", "{", "}", ",", "[", "]", "1", "x_y", "f(x)", "a.b.c", "zipFile"]
protected_texts = st.lists(st.sampled_from(_PROTECTED_ALPHABET), max_size=50).map("".join)


@settings(max_examples=400)
@given(protected_texts, st.integers(0, 60), st.integers(0, 60))
@example("#x`a b`", 0, 7)  # code that starts inside another mark's run
@example("see `a b` and www.x.org/`q r`", 0, 0)
def test_protected_scan_near_marks_equals_full_scan(text, a, b):
    # Scanning only around the marks finds exactly what the whole pattern
    # finds, over the whole text and over any window of it.
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for s, e in ((0, len(text)), (start, end)):
        assert _protected_spans(text, s, e) == [(m.start(), m.end()) for m in PROTECTED_PATTERN.finditer(text, s, e)]


def test_screens_on_examples():
    assert [m.end() for m in _START_SCREEN.finditer("One. two: 3. four")] == [0, 5, 13]
    assert _TRIGGER.search("see example.ORG") and not _TRIGGER.search("a b. c")


# Words and separators for comma loops: copies are likely from so few words.
_LOOP_ALPHABET = ["go", "Go", "home", "HOME", "ß", "ss", "Σ", "ς", "l'", "a-b", "1", "_", ",", ", ", ",  ", " ", "\t", ".", "-"]
loop_texts = st.lists(st.sampled_from(_LOOP_ALPHABET), max_size=30).map("".join)


@given(loop_texts)
def test_comma_repeat_screen_covers_every_loop(text):
    if _COMMA_LOOP.search(text):
        assert _may_repeat_after_comma(text)


def test_comma_repeat_screen_on_examples():
    assert _may_repeat_after_comma("Go home, go home now.")
    assert _may_repeat_after_comma("the old bridge, painting the old bridge, the old bridge")
    assert not _may_repeat_after_comma("In May, the city said, it would open.")
    assert not _may_repeat_after_comma("No commas at all here.")


# Look-alike letters: the words read around the places the scripts meet are
# exactly the mixed words a scan of every word finds.
_MIXED_ALPHABET = list("aoxсоб '’ʼ-.\n1ªé\u0301") + ["сoн", "xyz", "дом"]


@given(st.lists(st.sampled_from(_MIXED_ALPHABET), max_size=40).map("".join))
@example("сoн and cон, дом, xyz")
@example("о'сo ’оx")
def test_mixed_words_read_around_hits_equal_a_scan_of_every_word(text):
    from mtclean.rules.scripts import _MIXED_WORD, _SCREEN_MIXED, _mixed_words

    every = [m.span() for m in _MIXED_WORD.finditer(text) if _SCREEN_MIXED.search(m.group())]
    assert [m.span() for m in _mixed_words(text)] == every


# Mojibake token decoding: a token without a lead-and-continuation pair is
# never decoded, so skipping it changes nothing.
_MOJIBAKE_ALPHABET = list("aé ÃÂâ€©¨™œžÐÑРСТвЂГ©ĐŃŠ√–Ä‚\ufffd¤") + ["Ã©", "â€™", "Ñ–", "РџСЂ", "п÷я─"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_MOJIBAKE_ALPHABET), min_size=1, max_size=12).map("".join))
def test_token_decode_screen_is_sound(token):
    from mtclean.rules.encoding import _SINGLE_BYTE, _decode_as, _lead_and_continuation

    for encodings in (_SINGLE_BYTE, ("koi8_r",)):
        if not _lead_and_continuation(encodings).search(token):
            for lang in ("en", "ru", "uk"):
                assert _decode_as(token, encodings, lang) is None


def _words_around_by_loop(text, spans):
    # The definition: widen each span over at most 64 letters on each side.
    words = set()
    for start, end in spans:
        lo, hi = start, end
        while lo > 0 and text[lo - 1].isalpha() and start - lo < 64:
            lo -= 1
        while hi < len(text) and text[hi].isalpha() and hi - end < 64:
            hi += 1
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", text[lo:hi]))
    return words


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(list("aBé ж.1_²") + ["x" * 70, "Q" * 65]), max_size=30).map("".join),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5)), max_size=6),
)
def test_words_around_edits_equals_the_character_loop(text, raw):
    from mtclean.pipeline import _words_around

    spans = sorted({(min(s, len(text)), min(s + n, len(text))) for s, n in raw})
    assert _words_around(text, spans) == _words_around_by_loop(text, spans)


def test_script_screens_hold_every_character_their_patterns_start_with():
    # fix_lookalike_letters skips a text without a character of
    # _ANY_CYRILLIC, report_untranslated_fragments one without a character
    # of _FOREIGN_SCREEN: every code point their patterns need must be in
    # them (the Cyrillic class exactly, the other a superset).
    import sys

    from mtclean.rules import residue, scripts

    for i in range(sys.maxunicode + 1):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        assert bool(scripts._ANY_CYRILLIC.match(c)) == bool(scripts._CYRILLIC.match(c)), hex(i)
        if residue._FOREIGN_RUN.match(c):
            assert residue._FOREIGN_SCREEN.match(c), hex(i)


_MARKS_ALPHABET = list("ab,.;:é1²½Ⅻ _-/\n") + [",,", ",.", ".,", "::", "..", "...", "40ha", "3 km", "x²y"]
marks_texts = st.lists(st.sampled_from(_MARKS_ALPHABET), max_size=30).map("".join)


@given(marks_texts)
@example("a,. b")
@example("40ha")
def test_doubled_punctuation_and_number_unit_screens_are_necessary(text):
    from mtclean.rules.punctuation import _DOUBLED
    from mtclean.rules.whitespace import _GLUED_UNIT, _NUMBER_LETTER

    if _DOUBLED.search(text):
        assert ",," in text or ",." in text or ";;" in text or "::" in text or ".." in text
    if _GLUED_UNIT.search(text):
        assert _NUMBER_LETTER.search(text)
