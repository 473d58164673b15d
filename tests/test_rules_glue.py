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


# ---------------------------------------------------------------- the fast paths are the plain ones
from hypothesis import example, given, strategies as st  # noqa: E402

from mtclean.rules import glue  # noqa: E402

_PIECES = ["the", "of", "region", "bord", "ering", "wash", "er", "in", "a", "to", "ward", "s", "ly", "house",
           "is", "it", "x", "qz", "out", "do", "gether", "an", "ab", "ility", "hammocks", "kestrel", "and", "or"]


def _plain_best_split(word, lex, min_zipf=3.0):
    """best_split without its shortcuts: every split point, through every filter in its plain form."""
    best = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if not (glue._half_ok(left, lex, min_zipf) and glue._half_ok(right, lex, min_zipf)):
            continue
        if (left in glue._BOUND_PREFIXES or right in glue._BOUND_SUFFIXES) and not (
            left in glue._CLOSED_CLASS and right in glue._CLOSED_CLASS
        ):
            continue
        if right in glue._WORD_ENDINGS and left not in glue._CLOSED_CLASS:
            continue
        if right == "a" and not (left in glue._CLOSED_CLASS or (left.endswith("s") and lex.zipf(left) >= 4.0)):
            continue
        if not glue._plausible_glue(left, right, lex):
            continue
        score = lex.zipf(left) + lex.zipf(right)
        if best is None or score > best[0]:
            best = (score, left, right)
    return None if best is None else (best[1], best[2])


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join))
@example("theregion")
@example("isitx")
@example("regionof")
def test_best_split_is_the_plain_search(word):
    lex = get_lexicon("en")
    if len(word) <= glue.MAX_GLUED_LENGTH:
        assert best_split(word, lex) == _plain_best_split(word, lex)


_TOKEN_PIECES = ["abc", "Abc", "abcDef", "AbcDef", "abcd", "x", "é", "É", " ", "  ", ".", "-", "'", "_", "@", "/",
                 "3", "regionof", "moreUkraine", "\n", "“", "”", "İ"]
_TOKEN_PATTERNS = [glue._LOWER_TOKEN, glue._TITLE_TOKEN, glue._CAMEL_TOKEN, glue._TITLE_CAMEL]


@given(
    st.lists(st.sampled_from(_TOKEN_PIECES), max_size=30).map("".join),
    st.sets(st.sampled_from(["abc", "Abc", "abcDef", "AbcDef", "abcd", "regionof", "moreUkraine", "abcabc", "x"])),
    st.sampled_from(range(len(_TOKEN_PATTERNS))),
)
@example("abc abcabc xabc abc", {"abc"}, 0)
@example("moreUkraine moreUkraine", {"moreUkraine"}, 2)
@example("abc abc", ["abc"], 0)
@example("abc abcd.abc", ["abcd", "abc"], 0)
def test_token_matches_are_the_scan_matches_of_the_tokens(text, tokens, which):
    pattern = _TOKEN_PATTERNS[which]
    want = [(m.span(), m.groups()) for m in pattern.finditer(text) if m.group() in tokens]
    assert [(m.span(), m.groups()) for m in glue.token_matches(pattern, text, tokens)] == want
    # and the same past the budget of places tried
    from unittest import mock

    with mock.patch.multiple(glue, TOKEN_PLACES_PER=10**9, TOKEN_PLACES_MIN=1):
        assert [(m.span(), m.groups()) for m in glue.token_matches(pattern, text, tokens)] == want
    # and the same past the number of tokens looked for one by one
    many = set(tokens) | {f"zz{i}" for i in range(glue.FIND_TOKENS_MAX + 1)}
    assert [(m.span(), m.groups()) for m in glue.token_matches(pattern, text, many)] == [
        (m.span(), m.groups()) for m in pattern.finditer(text) if m.group() in many
    ]


_CAPITALISED = ["Ofthe", "Thea", "Heron", "Asher", "Aand", "Afor", "The", "Region", "Zelensky", "Kyiv", "Abcd",
                "Regionof", "Ǆemal", "İstanbul", "Ado", "Onus", "Dundeeon"]


def _plain_capitalised_candidate(w, lex):
    return len(w) >= 4 and (w.lower() not in lex.words or (w.lower() in glue._FUNCTION_PAIRS and lex.zipf(w) < 3.5))


@given(st.lists(st.sampled_from(_CAPITALISED), unique=True))
@example(["Ofthe", "Thea", "Aand", "The"])
def test_capitalised_candidates_are_the_plain_filter(title_words):
    lex = get_lexicon("en")
    assert glue._capitalised_candidates(title_words, lex) == {w for w in title_words if _plain_capitalised_candidate(w, lex)}
    # The words it remembers as ordinary (set aside unsorted in later
    # texts) are never candidates.
    assert not [w for w in glue._ordinary_capitalised(lex) if _plain_capitalised_candidate(w, lex)]


def test_remembered_ordinary_words_change_no_split():
    lex = get_lexicon("en")
    texts = ["Thereport said so. The Ofthe and Thea met.", "Dundeeon Monday. However Regionof the city.", "Iwas there."]
    glue._ordinary_capitalised(lex).clear()
    cold = [split_glued_words(t) for t in texts]
    assert glue._ordinary_capitalised(lex)  # "The", "However", ... remembered
    assert [split_glued_words(t) for t in texts] == cold
