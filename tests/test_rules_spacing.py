"""Spaces around punctuation: fix_space_before_punctuation,
fix_space_after_punctuation and fix_stray_period."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import fix_space_after_punctuation, fix_space_before_punctuation, fix_stray_period


def norm(text: str, lang: str = "en") -> str:
    return mtclean.normalize(text, lang=lang)


# ---------------------------------------------------------------- before

BEFORE_FIXED = [
    ("word , word .", "word, word."),
    ("Kyiv , the capital , said no .", "Kyiv, the capital, said no."),
    ("Really ?", "Really?"),
    ("Stop !", "Stop!"),
    ("one ; two", "one; two"),
    ("as follows : one", "as follows: one"),
    ("( really )", "(really)"),
    ("It do n't matter", "It don't matter"),
    ("it 's here and they 're there", "it's here and they're there"),
]

BEFORE_UNCHANGED_EN = [
    "Wait ... what?",
    "and so on ...",
    "nice :)",
    "sad :(",
    "wink ;)",
    "wink ;-)",
    "grin :D",
    "nose :-)",
    "a - b and a – b",
    "5 % of 10",
    "Correct, punctuated text. Really? Yes!",
    "see https://example.com/a , b",
    "“Quote,” he said.",
    ". a line starting with a period",
]

# French puts a space before ; : ! ? (and « »): left alone for lang="fr".
FRENCH_UNCHANGED = [
    "Quoi ?",
    "Il a dit : non !",
    "Vraiment ? Oui ; bien sûr !",
]


@pytest.mark.parametrize(("bad", "good"), BEFORE_FIXED, ids=repr)
def test_space_before_punctuation_removed(bad, good):
    assert fix_space_before_punctuation(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", BEFORE_UNCHANGED_EN, ids=repr)
def test_space_before_punctuation_left_alone(text):
    assert fix_space_before_punctuation(text) == text
    assert norm(text) == text


@pytest.mark.parametrize("text", FRENCH_UNCHANGED, ids=repr)
def test_space_before_punctuation_not_for_french(text):
    assert fix_space_before_punctuation(text, lang="fr") == text
    assert norm(text, lang="fr") == text


def test_space_before_punctuation_in_french_keeps_french_spaces():
    rule = fix_space_before_punctuation.rule
    assert rule.applies_to("fr") and rule.applies_to("en")
    # French removes the space before , and . but keeps it before ; : ! ? and inside « ».
    assert norm("Bonjour , dit-il .", lang="fr") == "Bonjour, dit-il."
    assert norm("Quoi ? Il a dit : « non » !", lang="fr") == "Quoi ? Il a dit : « non » !"


# ---------------------------------------------------------------- after

AFTER_FIXED = [
    ("gaining ground for months.said the official", "gaining ground for months, said the official"),
    ("months.said", "months, said"),
    ("including 10 children”according to Smirnov", "including 10 children” according to Smirnov"),
    ("children”according", "children” according"),
    ("in the long term.“The operation", "in the long term. “The operation"),
    ("term.“The", "term. “The"),
    ("put them on plates.Children wait", "put them on plates. Children wait"),
    ("plates.Children", "plates. Children"),
    ("in 2024.The war", "in 2024. The war"),
    ("Really?Yes", "Really? Yes"),
    ('he said."Yes" she said', 'he said. "Yes" she said'),
    ("blankets,down jackets", "blankets, down jackets"),
]

AFTER_UNCHANGED = [
    "see https://example.com/a.b for more",
    "https://example.com/a.b",
    "visit www.bbc.co.uk today",
    "www.bbc.co.uk",
    "write to john.doe@example.com or press@bbc.co.uk",
    "growth of 3.5 percent",
    "3.5",
    "at 10:30 today",
    "at 3.30 p.m. today",
    "3.30 p.m.",
    "the U.S. army",
    "U.S.",
    "the U.S. and U.K. and E.U.",
    "e.g. this",
    "i.e. that",
    "e.g., i.e., etc.",
    "open report.pdf now",
    "report.pdf",
    "index.html",
    "save it as data.csv or notes.txt",
    "Node.js and ASP.NET",
    "Washington, D.C.",
    "1,000 square kilometers and 121,000 people",
    "a,b,c",
    "version 2.0.1",
    "$3.5bn",
    "No.1",
    'He said "Yes" and left.',
    '"Yes," he said.',
    'the "Kursk" operation',
    "the “alarming” situation",
    "“The main task,” added the president.",
    "(“quoted”)",
    "10 o’clock",
    "Really?!",
    "@user.Name",
    "#tag.Next",
]


@pytest.mark.parametrize(("bad", "good"), AFTER_FIXED, ids=repr)
def test_space_after_punctuation_inserted(bad, good):
    assert fix_space_after_punctuation(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", AFTER_UNCHANGED, ids=repr)
def test_space_after_punctuation_left_alone(text):
    assert fix_space_after_punctuation(text) == text
    assert norm(text) == text


def test_speech_verb_comma_is_english_only():
    # "months.said" takes a comma only in English; other languages may
    # still get a plain space after sentence punctuation, never a comma.
    assert "," not in fix_space_after_punctuation("meses.said", lang="es")


# ---------------------------------------------------------------- stray period

STRAY_FIXED = [
    ("on the eastern front in Ukraine. where little by little", "on the eastern front in Ukraine, where little by little"),
    ("the village. which was taken", "the village, which was taken"),
]

STRAY_UNCHANGED = [
    "He met Smith et al. who agreed.",
    "at 5 p.m. which is late.",
    "in the U.S. which is large.",
    "in Ukraine. Where little by little",
    "Where is it? Where.",
]


@pytest.mark.parametrize(("bad", "good"), STRAY_FIXED, ids=repr)
def test_stray_period_becomes_comma(bad, good):
    assert fix_stray_period(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", STRAY_UNCHANGED, ids=repr)
def test_stray_period_left_alone(text):
    assert fix_stray_period(text) == text
    assert norm(text) == text


def test_stray_period_is_english_only():
    assert fix_stray_period("in Ukraine. where little", lang="de") == "in Ukraine. where little"


# ---------------------------------------------------------------- evidence
from mtclean.rules import fix_space_after_punctuation as _fsa, fix_stray_period as _fsp  # noqa: E402

AFTER_EVIDENCE_FIXED = [
    ('He said "it was a backdrop,"says Smith.', 'He said "it was a backdrop," says Smith.'),
    ("He said “it was a backdrop,“says Smith.", "He said “it was a backdrop,“ says Smith."),
    ("It rained;then it stopped.", "It rained; then it stopped."),
    ("(see above)and more", "(see above) and more"),
    ("We flew to Brisbane.Child care was closed.", "We flew to Brisbane. Child care was closed."),
]
AFTER_EVIDENCE_KEPT = ["a),b) and c)", "at 10:30 or 1,000 times", "std::vector", "Node.js and ASP.NET", "Diia.Business"]


@pytest.mark.parametrize(("bad", "good"), AFTER_EVIDENCE_FIXED, ids=repr)
def test_space_after_evidence_repairs(bad, good):
    assert _fsa(bad) == good


@pytest.mark.parametrize("text", AFTER_EVIDENCE_KEPT, ids=repr)
def test_space_after_evidence_keeps(text):
    assert _fsa(text) == text


def test_stray_period_after_a_short_sentence_kept():
    assert _fsp("Good evening. which way is the harbour?") == "Good evening. which way is the harbour?"


# ---------------------------------------------------------------- the one-scan screen is the two screens
from hypothesis import example, given, strategies as st  # noqa: E402

from mtclean.rules import spacing as _spacing  # noqa: E402

_SCREEN_PIECES = list("aAbé1_ \t\n.!?,;:)”“\"'(-") + ["ab", "Ab", "a1", "_a"]


@given(
    st.lists(st.sampled_from(_SCREEN_PIECES), max_size=24).map("".join),
    st.integers(0, 30),
    st.integers(0, 30),
)
@example("ab.cd", 0, 5)
@example('a "b', 0, 4)
@example("ab)c", 0, 4)
@example("ab)c", 3, 4)
@example(".“a", 0, 3)
def test_space_after_screen_hits_where_either_screen_hits(text, start, stop):
    either = (
        _spacing._SCREEN_AFTER_PUNCT.search(text, start, stop) is not None
        or _spacing._SCREEN_AFTER_QUOTE.search(text, start, stop) is not None
    )
    assert (_spacing._SCREEN_AFTER.search(text, start, stop) is not None) == either


@given(st.lists(st.sampled_from(list(" .,;:!?)](['’n\t¿¡xX\n") + ["n'", " n", "’ "]), max_size=16).map("".join))
@example(" n’")
@example("¡ ")
@example("a\tb")
def test_needle_search_is_the_needle_list(text):
    assert _spacing._has_needle_before(text) == any(n in text for n in _spacing._NEEDLES_BEFORE)
