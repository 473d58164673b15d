"""restore_name_case and lower_midsentence_capitals."""

from __future__ import annotations

import pytest

import mtclean
from mtclean import get_lexicon
from mtclean.rules import lower_midsentence_capitals, restore_name_case


def norm(text: str, lang: str = "en") -> str:
    return mtclean.normalize(text, lang=lang)


# ---------------------------------------------------------------- names

NAMES_FIXED = [
    ("kyiv", "Kyiv"),
    ("troops from kyiv arrived", "troops from Kyiv arrived"),
    ("closed off any negotiations with kyiv.", "closed off any negotiations with Kyiv."),
    ("Lviv and kharkiv", "Lviv and Kharkiv"),
    ("troops from kyiv and nato", "troops from Kyiv and NATO"),
    ("the kremlin said", "the Kremlin said"),
]


@pytest.mark.parametrize(("bad", "good"), NAMES_FIXED, ids=repr)
def test_restore_name_case_from_lexicon(bad, good):
    assert restore_name_case(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("name", ["syrskyi", "sudzha"])
def test_precondition_names_unknown_to_lexicon(name):
    lex = get_lexicon("en")
    assert lex.zipf(name) == 0 and lex.title_ratio(name) is None


DOCUMENT_FIXED = [
    (
        "General Oleksandr Syrskyi said the troops held. Later, syrskyi told reporters the front was stable.",
        "General Oleksandr Syrskyi said the troops held. Later, Syrskyi told reporters the front was stable.",
    ),
    (
        "Troops entered Sudzha on Tuesday. The mayor of sudzha fled.",
        "Troops entered Sudzha on Tuesday. The mayor of Sudzha fled.",
    ),
    (
        "troops from kyiv, said Zelenskyy; zelenskyy agreed",
        "troops from Kyiv, said Zelenskyy; Zelenskyy agreed",
    ),
]


@pytest.mark.parametrize(("bad", "good"), DOCUMENT_FIXED, ids=lambda s: s[:40])
def test_restore_name_case_from_document(bad, good):
    assert restore_name_case(bad) == good
    assert norm(bad) == good


def test_unknown_name_without_document_evidence_stays():
    text = "The mayor of sudzha fled."
    assert restore_name_case(text) == text
    assert norm(text) == text


NAMES_UNCHANGED = [
    "a turkey in the march, the may bill",
    "the will of the people",
    "she said that the rose was red",
    "email me at kyiv@example.com",
    "see https://example.com/kyiv",
    "#kyiv and @kyiv",
]


@pytest.mark.parametrize("text", NAMES_UNCHANGED, ids=repr)
def test_restore_name_case_left_alone(text):
    assert restore_name_case(text) == text
    assert norm(text) == text


# ---------------------------------------------------------------- capitals

CAPITALS_FIXED = [
    ("But for now, The incursion has not weakened", "But for now, the incursion has not weakened"),
    ("whereby It is unclear", "whereby it is unclear"),
    ("would only number 1,000 men, whereby It is unclear how", "would only number 1,000 men, whereby it is unclear how"),
    # A content word is lowered when the document writes it in lower case elsewhere.
    (
        "The assault began and small Assault groups came.",
        "The assault began and small assault groups came.",
    ),
    (
        "But for now, The incursion, whereby It is unclear, used small Assault groups after the assault.",
        "But for now, the incursion, whereby it is unclear, used small assault groups after the assault.",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        "with small Assault groups consisting of",  # no lower-case use in the text
    ],
)
def test_content_word_capitals_without_document_evidence_are_suggestions(text):
    r = mtclean.explain(text, lang="en", suggestions=True)
    assert r.text == text
    assert any(s.rule == "lower_midsentence_capitals" and s.confidence < 0.5 for s in r.suggestions)


@pytest.mark.parametrize(
    "text, word",
    [("The felicity of the moment.", "felicity"), ("A miller came by.", "miller"), ("He said «привет» to me.", "")],
)
def test_common_words_that_are_also_names_are_not_restored(text, word):
    assert mtclean.normalize(text, lang="en") == text

CAPITALS_UNCHANGED = [
    "He said, The Washington Post reported.",
    "reported, The Washington Post said",
    "on Monday, The Guardian reported",
    "said the spokesman, He Rundong.",
    "the film, A Night at the Roxbury, was",
    "said the Ministry of Defense on Monday",
    "the Russian Ministry of Defense said",
    "According to the Institute for the Study of War (ISW), a US think tank",
    "according to the Institute for the Study of War, a think tank",
    "Questions Raised By The Incursion\n\nThe text follows.",
    "Breaking News From Kyiv",
    "Table of Contents",
    "The cat sat. It was there. A dog came.",
    "He left. The rest stayed.",
    "the US said",
    "the US",
    "EU",
    "NATO",
    "the US and the EU and NATO agreed",
    "The European Union (EU) said",
    "the Prime Minister said",
    "said Prime Minister Keir Starmer",
    "the President of France",
    "the United Nations Security Council",
    "I think so, and I agree.",
    "in the Kursk Oblast",
    "a Tuesday meeting",
    "the Government said",
]

_BUGS: dict[str, str] = {}


@pytest.mark.parametrize(("bad", "good"), CAPITALS_FIXED, ids=repr)
def test_lower_midsentence_capitals(bad, good):
    assert lower_midsentence_capitals(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", CAPITALS_UNCHANGED, ids=repr)
def test_lower_midsentence_capitals_left_alone(text):
    assert lower_midsentence_capitals(text) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=_BUGS[t])) if t in _BUGS else t
        for t in CAPITALS_UNCHANGED
    ],
    ids=repr,
)
def test_normalize_leaves_names_titles_and_acronyms(text):
    assert norm(text) == text


# ---------------------------------------------------------------- German

GERMAN = [
    "die Regierung hat gesagt",
    "wir haben die Regierung gesehen, Die Polizei kam",
    "Die Bundesregierung und das Verteidigungsministerium",
    "in kyiv und in der Stadt",
]


@pytest.mark.parametrize("text", GERMAN, ids=repr)
def test_casing_rules_do_nothing_in_german(text):
    assert restore_name_case(text, lang="de") == text
    assert lower_midsentence_capitals(text, lang="de") == text
    assert norm(text, lang="de") == text


def test_german_is_detected_and_left_alone():
    text = (
        "Die Bundesregierung hat am Montag gesagt, dass die Regierung und der Bundestag "
        "nicht zustimmen werden. Die Verteidigungsministerin sprach mit der Presse."
    )
    result = mtclean.explain(text)
    assert result.lang == "de"
    assert result.text == text


def test_casing_rules_declare_english_only():
    for fn in (restore_name_case, lower_midsentence_capitals):
        assert fn.rule.applies_to("en")
        assert not fn.rule.applies_to("de")


# Long texts are searched for the words in question with one pattern: the
# same tokens as _LOWER_WORD, token by token.
from hypothesis import example, given, strategies as st  # noqa: E402

_CASE_ALPHABET = ["kyiv", "Kyiv", "kyivans", "ki", "k", "é", "ﬁ", "²", "Ⅰ", "ж", " ", "'", "’s", "’ve", "-", "@", "#", ".", "/", "_", "1", "\n", ","]


@given(st.lists(st.sampled_from(_CASE_ALPHABET), max_size=30).map("".join), st.sets(st.sampled_from(["kyiv", "kyivans", "ki", "kié"])))
@example("kyiv kyivans kyiv's kyiv’ve", {"kyiv", "kyivans"})
def test_searching_the_words_finds_the_same_tokens(text, words):
    import mtclean.rules.casing as casing

    expected = [(m.start(), m.group()) for m in casing._LOWER_WORD.finditer(text) if m.group() in words]
    saved = casing._SEARCH_WORDS_FROM, casing._SEARCH_WORDS_AT_MOST, casing._TREE_CHARS_PER_WORD
    try:
        casing._SEARCH_WORDS_FROM = 0
        casing._TREE_CHARS_PER_WORD = 0
        # one alternation of the words, then one prefix tree of them
        for at_most in (100, 0):
            casing._SEARCH_WORDS_AT_MOST = at_most
            assert [(m.start(), m.group()) for m in casing._lower_tokens(text, words)] == expected
    finally:
        casing._SEARCH_WORDS_FROM, casing._SEARCH_WORDS_AT_MOST, casing._TREE_CHARS_PER_WORD = saved


_PROSE_ALPHABET = ["ab", "cd", "Ab", " ", ".", "@", "#", "/", ":", "`", "_", "-", "1", "\n", "é", "http://x.org/ab", "a@b.com", "`code ab`", "www."]


@given(st.lists(st.sampled_from(_PROSE_ALPHABET), max_size=40).map("".join))
@example("see tix, tix.sourceforge.net and `tix` or tix@x.org tix")
def test_prose_lower_counts_leave_out_exactly_the_runs_meeting_a_protected_span(text):
    import mtclean.rules.casing as casing
    from collections import Counter

    from mtclean.rule import Context
    from mtclean.rules._common import protected

    ctx = Context("en")
    prot = protected(text, ctx)
    expected = Counter(m.group() for m in casing._LOWER_RUN.finditer(text) if not prot.covers(m.start(), m.end()))
    got = casing._prose_lower_counts(text, Context("en"))
    assert {w: n for w, n in got.items() if n > 0} == expected
    assert all(n >= 0 for n in got.values())


def test_many_words_in_question_find_the_same_tokens():
    import mtclean.rules.casing as casing

    words = {f"w{'a' * i}" for i in range(casing._SEARCH_WORDS_AT_MOST + 5)}
    text = " ".join(sorted(words)) * 2 + " " + "x " * casing._SEARCH_WORDS_FROM
    expected = [(m.start(), m.group()) for m in casing._LOWER_WORD.finditer(text) if m.group() in words]
    assert [(m.start(), m.group()) for m in casing._lower_tokens(text, words)] == expected


@given(st.lists(st.sampled_from(_CASE_ALPHABET), max_size=30).map("".join), st.sampled_from(["kyiv", "kyivans", "ki", "kié", "k-i", "ж"]))
@example("kyiv kyivstar kyiv-based", "kyiv")
@example("kyiv\u0301 kyiv", "kyiv")
def test_written_lower_again_agrees_with_counting_every_run(text, word):
    # Searched for one word at a time, or counted for the whole text once
    # the text has been asked about many words: the same answer.
    from collections import Counter

    import mtclean.rules.casing as casing
    from mtclean.rule import Context

    expected = Counter(casing._LOWER_RUN.findall(text)).get(word, 0) > 1
    assert casing._written_lower_again(text, word, Context("en")) is expected
    ctx = Context("en")
    for i in range(casing._FIND_LOWER_AT_MOST):
        casing._written_lower_again(text, f"zz{i}", ctx)
    assert casing._written_lower_again(text, word, ctx) is expected
