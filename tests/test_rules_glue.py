"""split_glued_words: two words run together, and the names and brands that
only look like it."""

from __future__ import annotations

import pytest

import mtclean
from mtclean import get_lexicon
from mtclean.rules import split_glued_words
from mtclean.rules.glue import best_split


def norm(text: str, lang: str = "en") -> str:
    return mtclean.normalize(text, lang=lang)


FIXED = [
    ("regionbordering", "region bordering"),
    ("the Kursk regionbordering both countries", "the Kursk region bordering both countries"),
    ("localitiesaccording", "localities according"),
    ("28 localitiesaccording to him", "28 localities according to him"),
    ("Read moreUkraine news", "Read more Ukraine news"),
]

# Real words, names and brands: the lexicon knows them, or they are cased
# the way only a writer does on purpose.
UNCHANGED = [
    "nowhere",
    "therapist",
    "the therapist said",
    "Avery",
    "Avery said",
    "Xinhuanet",
    "Xinhuanet reported",
    "YouTube",
    "on YouTube today",
    "iPhone",
    "an iPhone case",
    "Zelenskyy",
    "Zelenskyy said",
    "McCain",
    "McCain said",
    "LinkedIn",
    "on LinkedIn now",
    "eBay, McDonald, DeSantis, MacBook, PlayStation, JavaScript, WhatsApp, PowerPoint, GitHub, FedEx",
    "together however notebook someone therein wherever nevertheless sunflower himself cannot anyway",
    "understand homeless",
    "it happened within the hour",
    "within",
    "He Rundong",
    "said the spokesman, He Rundong.",
]

_BUGS = {
}


def _cases(texts):
    return [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=_BUGS[t])) if t in _BUGS else t
        for t in texts
    ]


@pytest.mark.parametrize(("bad", "good"), FIXED, ids=repr)
def test_split_glued_words_repairs(bad, good):
    assert split_glued_words(bad) == good


@pytest.mark.parametrize(("bad", "good"), FIXED, ids=repr)
def test_normalize_splits_glued_words(bad, good):
    assert norm(bad) == good


@pytest.mark.parametrize("text", _cases(UNCHANGED), ids=repr)
def test_split_glued_words_leaves_words_and_names(text):
    assert split_glued_words(text) == text


@pytest.mark.parametrize("text", _cases(UNCHANGED), ids=repr)
def test_normalize_leaves_words_and_names(text):
    assert norm(text) == text


def test_best_split():
    lex = get_lexicon("en")
    assert best_split("regionbordering", lex) == ("region", "bordering")
    assert best_split("localitiesaccording", lex) == ("localities", "according")
    # Known words are never candidates: "therapist" is safe because the
    # lexicon knows it, whatever best_split would make of it.
    for word in ["therapist", "nowhere", "within", "notebook"]:
        assert word in lex
    # Halves of two letters must be real short words.
    assert best_split("zzqx", lex) is None


# German writes compounds as one word and capitalises nouns: the rule is
# English-only and must leave German text alone.
GERMAN = [
    "Verteidigungsministerium",
    "die Bundesregierung und das Verteidigungsministerium",
    "Grenzregion und Regionalregierung",
    "die Regierung hat gesagt",
    "regionbordering",  # even an English-looking glue is not touched in German mode
]


@pytest.mark.parametrize("text", GERMAN, ids=repr)
def test_split_glued_words_does_nothing_in_german(text):
    assert split_glued_words(text, lang="de") == text
    assert norm(text, lang="de") == text


def test_split_glued_words_declares_english_only():
    rule = split_glued_words.rule
    assert rule.applies_to("en")
    assert not rule.applies_to("de")


def test_glue_inside_urls_and_handles_is_left_alone():
    text = "see https://example.com/regionbordering and @regionbordering and report_regionbordering.pdf"
    assert split_glued_words(text) == text


# ---------------------------------------------------------------- evidence
EVIDENCE_KEPT = [
    "the washer broke",  # a known word, more frequent than "was her"
    "you cannot outdo them",
    "a teamLab show opened",  # lower-initial camel case with a content word: a brand's shape
    "Anat said so.",  # no single letter split off a name
    "formatters and handlers",  # a known word plus an ending
    "see the PlayStation store",  # a known brand
    "the zorbquark fell. Later the zorbquark rose.",  # recurs in the document
]
EVIDENCE_FIXED = [
    ("Read moreUkraine news", "Read more Ukraine news"),
    ("nothing regionof interest", "nothing region of interest"),
]


@pytest.mark.parametrize("text", EVIDENCE_KEPT, ids=repr)
def test_glue_evidence_keeps(text):
    assert split_glued_words(text) == text


@pytest.mark.parametrize(("bad", "good"), EVIDENCE_FIXED, ids=repr)
def test_glue_evidence_repairs(bad, good):
    assert split_glued_words(bad) == good


def test_two_capitalised_words_glued_is_a_suggestion():
    # Brands are written this way too: on clean text the split did more harm
    # than good, so it is only suggested.
    s = mtclean.explain("the ArdaghGroup said", lang="en", suggestions=True)
    assert s.text == "the ArdaghGroup said"
    assert [(x.before, x.after) for x in s.suggestions if x.rule == "split_glued_words"] == [("", " ")]


def test_glue_candidates_carry_evidence_and_confidence():
    r = mtclean.explain("the Kursk regionbordering both", lang="en")
    (e,) = [e for e in r.edits if e.rule == "split_glued_words"]
    assert e.evidence and 0.5 <= e.confidence < 1.0
    s = mtclean.explain("a teamLab show", lang="en", suggestions=True)
    assert not s.edits and [x.rule for x in s.suggestions] == ["split_glued_words"]


# A two-letter function word at the edge of a short, uncommon word, with
# letters across the split that ordinary words hold: read as one (foreign,
# transliterated) word, at most a suggestion. A longer or common rest, or a
# junction no word holds, is still split.
@pytest.mark.parametrize(
    "text",
    ["They bought a kilo of tolime at the market.", "Melava called for help.", "Dolime was sold."],
)
def test_short_function_word_with_an_ordinary_junction_is_not_split(text):
    assert norm(text) == text


@pytest.mark.parametrize(
    "bad, good",
    [
        ("She wanted tonegotiate a deal.", "She wanted to negotiate a deal."),
        ("They went toschool by bus.", "They went to school by bus."),
        ("I do notknew the answer.", "I do not knew the answer."),
    ],
)
def test_long_or_common_rest_is_still_split(bad, good):
    assert norm(bad) == good


def test_junction_evidence_is_named():
    from mtclean.rules.glue import _junction_inside_words

    assert _junction_inside_words("shot", "to") and not _junction_inside_words("not", "knew")
    assert not _junction_inside_words("a", "pores")  # one letter: one trigram only, no verdict
    ex = mtclean.explain("They bought a kilo of tolime at the market.", lang="en", suggestions=True)
    (s,) = [e for e in ex.suggestions if e.rule == "split_glued_words"]
    assert "junction letters common inside words" in s.evidence and s.confidence < 0.5
