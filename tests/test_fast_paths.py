"""Fast paths for text dense with edits, tied to the slow paths they replace.

Each test checks that a shortcut (suggestions never built, a rule's hot
loop, the places of touched words) gives exactly what the general code
gives, on the hostile shapes and on random text.
"""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import example, given, strategies as st

from hostile_shapes import SHAPES
from hostile_text import hostile_text

from mtclean import default_pipeline, pipeline
from mtclean.rule import Context
from mtclean.rules import doubling, sentences, spacing

_RULES = default_pipeline().rules
_ALPHABET = list("aAbBcCiIxXéÉ1 \t\n.!?:;,\"“”()@/") + [
    "Ab.", "Cd.", "word , ", "word . ", "the ", "U.S.", "e.g.", "www.x.com", "i ", "pza. ", "Kyiv", "kyiv",
]
texts = st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join)


def _texts_of_every_shape() -> list[str]:
    rnd = random.Random(11)
    return [SHAPES[name](600) for name in sorted(SHAPES)] + [hostile_text(rnd) for _ in range(40)]


def _check_split_without_suggestions(text: str, ctx_args: dict) -> None:
    for rule in _RULES:
        if not rule.applies_to(ctx_args.get("lang", "en")):
            continue
        applied, rest = rule.split(text, Context(**ctx_args))
        fast, none = rule.split(text, Context(**ctx_args), below=False)
        assert none == []
        if rule.kind == "repair":
            assert fast == applied, rule.name
        else:
            assert fast == [], rule.name


@pytest.mark.parametrize("ctx_args", [{"lang": "en"}, {"lang": "en", "min_confidence": 0.35}, {"lang": "de"}])
def test_split_without_suggestions_applies_the_same_on_every_shape(ctx_args):
    for text in _texts_of_every_shape():
        _check_split_without_suggestions(text, ctx_args)


@given(texts)
@example("pza. mxx. miu. Ab.Cd. x")
def test_split_without_suggestions_applies_the_same(text):
    _check_split_without_suggestions(text, {"lang": "en"})


# ---------------------------------------------------------------- fix_space_after_punctuation


def _asking_every_hit(module, rule, text: str) -> list:
    """``rule``'s candidates with the shortcut off: a protected span that covers nothing (before the text)
    makes every hit ask whether it is protected."""
    real = module.protected

    def with_a_span(whole, ctx):
        prot = real(whole, ctx)
        prot.doc.protected.insert(0, (-10, -9))
        return prot

    with mock.patch.object(module, "protected", with_a_span):
        return rule.candidates(text, Context("en"))


def _space_after_asking_every_hit(text: str) -> list:
    return _asking_every_hit(spacing, spacing.FIX_SPACE_AFTER_PUNCTUATION, text)


@given(texts)
@example("Ab.Cd.Ab.Cd. see www.x.com.Then")
@example("Ab.Cd.Ef")
def test_space_after_punctuation_without_protected_spans_asks_nothing(text):
    assert spacing.FIX_SPACE_AFTER_PUNCTUATION.candidates(text, Context("en")) == _space_after_asking_every_hit(text)


def test_space_after_punctuation_shortcut_on_every_shape():
    for text in _texts_of_every_shape():
        assert spacing.FIX_SPACE_AFTER_PUNCTUATION.candidates(text, Context("en")) == _space_after_asking_every_hit(text)


# ---------------------------------------------------------------- remove_repetition_loops' screen


def _loop_between_spaces_reference(piece: str, span: int = 16) -> bool:
    """_has_loop_between_spaces as it was: the copies' tokens read for every repeated pair."""
    tokens = piece.lower().split()
    cores = [t.strip(doubling._PUNCT) for t in tokens]
    for i, j in doubling._pair_repeats(list(zip(cores, cores[1:])), span):
        k = j - i
        if cores[i:j] == cores[j:j + k]:
            inner = tokens[i:j + k]
            if all(t == t.rstrip(doubling._PUNCT) for t in inner[:-1]) and all(
                t == t.lstrip(doubling._PUNCT) for t in inner[1:]
            ):
                return True
    return False


_LOOP_ALPHABET = ["a ", "b ", "a. ", "b. ", "(a ", "a) ", "“b ", "b” ", "Ab. ", "Cd. ", "a,b ", "\n", " ", ".", "c "]


@given(st.lists(st.sampled_from(_LOOP_ALPHABET), max_size=40).map("".join), st.integers(2, 16))
@example("Ab. Cd. Ab. Cd. ", 16)
@example("(a b a b) ", 16)
def test_loop_screen_counts_marks_as_it_read_them(piece, span):
    assert doubling._has_loop_between_spaces(piece, span) == _loop_between_spaces_reference(piece, span)


def test_loop_screen_on_every_shape():
    for text in _texts_of_every_shape():
        assert doubling._has_loop_between_spaces(text) == _loop_between_spaces_reference(text)


# ---------------------------------------------------------------- the words an edit touched


def _words_around_reference(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """pipeline._words_around as it was: both ends widened by the patterns, every window read by _WORD."""
    words: set[str] = set()
    for start, end in spans:
        lo = pipeline._LETTERS_BEFORE.match(text, 0, start).start()
        hi = pipeline._LETTERS_AFTER.match(text, end).end()
        words.update(w.lower() for w in pipeline._WORD.findall(text, lo, hi))
    return words


_AROUND_ALPHABET = list("aAbZ .,_1²é\u0301ßЖ\n-'") + ["Ab.", "Cd.", "x" * 70]


@given(
    st.lists(st.sampled_from(_AROUND_ALPHABET), max_size=30).map("".join),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 4)), max_size=8),
)
@example("Ab.Cd.", [(3, 3), (6, 6)])
@example("ab²cd é\u0301f", [(2, 2), (4, 5), (7, 7)])
def test_words_around_equal_the_patterns_everywhere(text, picks):
    n = len(text)
    spans = sorted((min(s, n), min(n, min(s, n) + k)) for s, k in picks)
    assert pipeline._words_around(text, spans) == _words_around_reference(text, spans)


@given(texts)
@example("pza. mxx. miu. see www.x.com. then")
def test_sentence_start_without_protected_spans_asks_nothing(text):
    rule = sentences.CAPITALISE_SENTENCE_START
    assert rule.candidates(text, Context("en")) == _asking_every_hit(sentences, rule, text)


def test_sentence_start_shortcut_on_every_shape():
    rule = sentences.CAPITALISE_SENTENCE_START
    for text in _texts_of_every_shape():
        assert rule.candidates(text, Context("en")) == _asking_every_hit(sentences, rule, text)


# ---------------------------------------------------------------- the protected-span trigger
_TRIGGER_ALPHABET = list("aAcCiIkKsSwWoOmM.:/@#`x \n\u0130\u0131\u212a\u017f") + [
    "www.", "WwW.", ".com", ".CO", ".html", ".ht", ".jpeg", ".jpg", ".info", ".docx", "http://", ".\u0131o", ".\u0130O",
    ".c\u017fv", ".pd", "://",
    # code marks
    "_", "(", "()", "::", "->", "$", "=", "|", "{", "}", ",", ",a", ".a", "é", "1", "-",
]


@given(st.lists(st.sampled_from(_TRIGGER_ALPHABET), max_size=30).map("".join))
@example(".\u0131o .io .\u0130o .c\u017fv .\u212ad")
def test_trigger_finds_what_the_case_insensitive_pattern_finds(text):
    # The stdlib pattern spells the letters' cases out; the reference is
    # the pattern it replaces, compiled by the regex module with its flag.
    import regex

    from mtclean import document

    reference = regex.compile(document._TRIGGER_PATTERN, regex.I)
    assert [m.span() for m in document._TRIGGER.finditer(text)] == [m.span() for m in reference.finditer(text)]


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=20))
def test_merge_spans_is_the_union_of_the_spans(spans):
    merged = pipeline._merge_spans(spans)
    covered = {p for s, e in spans for p in range(s, e)}
    assert {p for s, e in merged for p in range(s, e)} == covered
    # sorted, and apart: touching or overlapping spans were merged
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(merged, merged[1:]))
    assert all(s <= e for s, e in merged)
    # every span lies in one merged span
    assert all(any(ms <= s and e <= me for ms, me in merged) for s, e in spans)


# ---------------------------------------------------------------- best_split asks the frequent words first
_PIECES = ["the", "of", "region", "bord", "ering", "wash", "er", "in", "a", "to", "ward", "s", "ly", "house",
           "boat", "man", "at", "ion", "x", "qz", "out", "do", "gether", "mainten", "ance", "ab", "ility",
           # words of 7-8 letters below the frequent words' Zipf 3.0 (a half of 7+ letters needs 2.5)
           "hammocks", "thimble", "kestrel", "trellis", "cobblers", "and"]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join))
@example("regionbordering")
@example("washer")
@example("thekestrel")
def test_best_split_is_the_same_without_the_frequent_words_shortcut(word):
    from mtclean.lexicon import get_lexicon
    from mtclean.rules import glue

    lex = get_lexicon("en")

    class _Plain:  # the same look-ups, without the dict of frequent words to ask first
        def __init__(self, words):
            self.get = words.get

    plain = _Plain(lex.words)
    with mock.patch.object(type(lex), "words", property(lambda self: plain)):
        slow = glue.best_split(word, lex)
    assert glue.best_split(word, lex) == slow
