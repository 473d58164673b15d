"""Pre-screens are sound: when a screen says a rule has nothing to do, the full test finds nothing either."""

from __future__ import annotations

from hypothesis import given, strategies as st

from mtclean.document import _DOMAIN_MARK, _PROTECTED_MARKS, PROTECTED_PATTERN
from mtclean.rules.repeats import _COMMA_LOOP, _may_repeat_after_comma
from mtclean.rules.sentences import _START, _START_SCREEN

# Characters that matter to the patterns, plus a few letters of each case and script.
_ALPHABET = list("aAbBiIxXéÉßçЖж1290 \t\n.!?:;,\"“‘«»()-_/@#`") + ["com", "org", "txt", "PDF", "www.", "://", "e.g.", "U.S."]
texts = st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join)


@given(texts)
def test_sentence_start_screen_covers_every_start(text):
    ends = {m.end() for m in _START_SCREEN.finditer(text)}
    assert {m.end() for m in _START.finditer(text)} <= ends


@given(texts)
def test_protected_screen_covers_every_span(text):
    if PROTECTED_PATTERN.search(text):
        assert any(mark in text for mark in _PROTECTED_MARKS) or _DOMAIN_MARK.search(text)


def test_screens_on_examples():
    assert [m.end() for m in _START_SCREEN.finditer("One. two: 3. four")] == [0, 5, 13]
    assert _DOMAIN_MARK.search("see example.ORG") and not _DOMAIN_MARK.search("a b. c")


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
