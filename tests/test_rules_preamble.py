"""remove_preamble and remove_stray_opening: what LLM translators and broken
extraction put around the text."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import remove_preamble, remove_stray_opening


def norm(text: str, lang: str = "en") -> str:
    return mtclean.normalize(text, lang=lang)


BODY = "Kyiv is the capital of Ukraine."

PREAMBLE_FIXED = [
    ("Here is the translation:\n\n" + BODY, BODY),
    ("Here is the translation:\n" + BODY, BODY),
    ("Here's the English translation of the text:\n\n" + BODY, BODY),
    ("Sure! Here is the translation into English:\n\n" + BODY, BODY),
    ("Translation: " + BODY, BODY),
    ("Translation:\n" + BODY, BODY),
    ("Translation (English): " + BODY, BODY),
    (BODY + "\n\nNote: This translation keeps the original names.", BODY),
    (BODY + "\n\n(Note: the translation is approximate.)", BODY),
    ("Here is the translation:\n\n" + BODY + "\n\nNote: I kept the translation literal.", BODY),
]

PREAMBLE_UNCHANGED = [
    "Translation is hard: ask any translator.",
    "Translation is a craft. It takes years.",
    "Translations of this book sold well.",
    "Here is the news.",
    "Here is the plan: we leave at dawn.",
    BODY + "\n\nNote: prices may vary.",
    "Note: this translation is approximate.\n\n" + BODY,  # a note at the start is not a closing note
    "The translation:\n\nsee below",  # the body is not preceded by a known preamble
    BODY,
]


@pytest.mark.parametrize(("bad", "good"), PREAMBLE_FIXED, ids=repr)
def test_remove_preamble(bad, good):
    assert remove_preamble(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", PREAMBLE_UNCHANGED, ids=repr)
def test_preamble_left_alone(text):
    assert remove_preamble(text) == text
    assert norm(text) == text


STRAY_FIXED = [
    ("ANDThe Ukrainian", "The Ukrainian"),
    ("ANDThe Ukrainian army advanced.", "The Ukrainian army advanced."),
    ("BUTThe army held.", "The army held."),
    ("First line.\nANDThe second line.", "First line.\nThe second line."),
]

STRAY_UNCHANGED = [
    "ANDREW said so.",
    "ANDREW",
    "Contains ANDREW in the middle.",
    "AND The end",
    "ORLANDO and SOPHIA",
    "AND the rest",
    "Andorra is small.",
    "The AND gate",
]


@pytest.mark.parametrize(("bad", "good"), STRAY_FIXED, ids=repr)
def test_remove_stray_opening(bad, good):
    assert remove_stray_opening(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", STRAY_UNCHANGED, ids=repr)
def test_stray_opening_left_alone(text):
    assert remove_stray_opening(text) == text
    assert norm(text) == text


def test_repeated_closing_notes_removed_in_one_call():
    text = "The cat sat.\nNote: translated by AI.\n\nNote: translation by a person.\nNote: translated automatically."
    assert norm(text) == "The cat sat."
    assert remove_preamble(text) == "The cat sat."


def test_text_that_is_only_a_note_is_kept():
    assert norm("\nNote: translation by AI.") == "\nNote: translation by AI."


def test_byte_order_mark_does_not_hide_the_line_start():
    assert norm("\ufeffANDThe cat") == "\ufeffThe cat"
