"""Pre-screens are sound: when a screen says a rule has nothing to do, the full test finds nothing either."""

from __future__ import annotations

from hypothesis import given, strategies as st

from mtclean.document import _DOMAIN_MARK, _PROTECTED_MARKS, PROTECTED_PATTERN
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
