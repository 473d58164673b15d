"""remove_subword_markup: BPE joins, SentencePiece marks, Moses @-@ escapes."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import remove_subword_markup


def norm(text: str) -> str:
    return mtclean.normalize(text, lang="en")


FIXED = [
    ("transl@@ ation", "translation"),
    ("the transl@@ ation of the Kurs@@ k region", "the translation of the Kursk region"),
    ("a line ending in a piece@@\nnext", "a line ending in a piece\nnext"),
    ("▁The ▁cat", "The cat"),
    ("▁The ▁Ukrain ian ▁army", "The Ukrainian army"),
    ("The▁cat▁sat", "The cat sat"),
    ("a well @-@ known fact", "a well-known fact"),
]

UNCHANGED = [
    "email me at user@example.com",
    "price @ 5 dollars",
    "follow @kyivindependent",
    "a normal sentence, with punctuation.",
    "C# and F# @ home",
]


@pytest.mark.parametrize(("bad", "good"), FIXED, ids=repr)
def test_remove_subword_markup_repairs(bad, good):
    assert remove_subword_markup(bad) == good


@pytest.mark.parametrize(("bad", "good"), FIXED, ids=repr)
def test_normalize_removes_subword_markup(bad, good):
    assert norm(bad) == good


@pytest.mark.parametrize("text", UNCHANGED, ids=repr)
def test_remove_subword_markup_leaves_text(text):
    assert remove_subword_markup(text) == text
    assert norm(text) == text


def test_subword_markup_then_word_rules():
    # Joined pieces are seen whole by the later rules (here: doubled words).
    assert norm("the the transl@@ ation") == "the translation"
