"""dedupe_glued_names, remove_doubled_words, remove_repetition_loops."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import dedupe_glued_names, remove_doubled_words, remove_repetition_loops


def norm(text: str, lang: str = "en") -> str:
    return mtclean.normalize(text, lang=lang)


# ---------------------------------------------------------------- glued names

GLUED_FIXED = [
    ("PutinPutin", "Putin"),
    ("Russian President Vladimir PutinPutin vowed", "Russian President Vladimir Putin vowed"),
    ("ZelenskyZelensky said", "Zelensky said"),
]
GLUED_UNCHANGED = ["Bonbon", "LYALYA and Bora Bora stay", "Baden-Baden", "Putin Putin's", "Mississippi", "Kiki"]


@pytest.mark.parametrize(("bad", "good"), GLUED_FIXED, ids=repr)
def test_dedupe_glued_names(bad, good):
    assert dedupe_glued_names(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", GLUED_UNCHANGED, ids=repr)
def test_dedupe_glued_names_left_alone(text):
    assert dedupe_glued_names(text) == text


def test_glued_name_is_not_split_into_two_words():
    # dedupe runs before glue splitting, which would give "Putin Putin".
    assert norm("Vladimir PutinPutin said") == "Vladimir Putin said"


# ---------------------------------------------------------------- doubled words

DOUBLED_FIXED = [
    ("the the", "the"),
    ("in the the region", "in the region"),
    ("The the", "The"),
    ("The the cat sat.", "The cat sat."),
    ("where you you want", "where you want"),
    ("the the the region", "the region"),
]

DOUBLED_UNCHANGED = [
    "had had",
    "She had had enough.",
    "that that",
    "I said that that was fine.",
    "Bora Bora",
    "in Bora Bora today",
    "Lang Lang",
    "Lang Lang played",
    "Baden-Baden",
    "Baden-Baden is a spa town",
    "New York, New York",
    "New York, New York is a song",
    "Duran Duran",
    "Walla Walla",
    "very very",
    "so so",
    "is is",  # "what it is is a problem"
    "What it is is a problem.",
    "the cat, the cat",
    "1 1 2 3 5 8",
]


@pytest.mark.parametrize(("bad", "good"), DOUBLED_FIXED, ids=repr)
def test_remove_doubled_words(bad, good):
    assert remove_doubled_words(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", DOUBLED_UNCHANGED, ids=repr)
def test_doubled_words_left_alone(text):
    assert remove_doubled_words(text) == text
    assert norm(text) == text


def test_doubled_words_not_in_german():
    # "die die" is correct German ("die Frau, die die Zeitung las").
    text = "die Frau, die die Zeitung las"
    assert remove_doubled_words(text, lang="de") == text
    assert norm(text, lang="de") == text


# ---------------------------------------------------------------- loops

LOOP_FIXED = [
    ("in the region in the region in the region", "in the region"),
    ("attacks in the region in the region in the region continued", "attacks in the region continued"),
    ("we will fight we will fight", "we will fight"),
    ("In the region in the region", "In the region"),
]

def _loop_case(n: int):
    return ("attacks " + " ".join(["in the region"] * n) + " continued", "attacks in the region continued")


@pytest.mark.parametrize(("bad", "good"), [_loop_case(n) for n in range(2, 9)], ids=lambda v: v[:30])
def test_loops_of_any_length_collapse_to_one_copy(bad, good):
    assert remove_repetition_loops(bad) == good
    assert norm(bad) == good


LOOP_UNCHANGED = [
    "New York, New York",
    "New York, New York is a song",
    "step by step",
    "little by little",
    "day after day",
    "the more the merrier",
    "in the region and in the city",
]


@pytest.mark.parametrize(("bad", "good"), LOOP_FIXED, ids=repr)
def test_remove_repetition_loops(bad, good):
    assert remove_repetition_loops(bad) == good
    assert norm(bad) == good


@pytest.mark.parametrize("text", LOOP_UNCHANGED, ids=repr)
def test_repetition_loops_left_alone(text):
    assert remove_repetition_loops(text) == text
    assert norm(text) == text


# Long documents are screened window by window: a repeat that ends a
# sentence ("region.") must still be found far into the text.
_LONG_FILLER = " ".join(
    f"Officials in district {i} said the new budget would fund {i + 3} schools and a clinic." for i in range(400)
)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("He said the the, plan", "He said the, plan"),
        ("in the region in the region. And", "in the region. And"),
    ],
)
def test_doubles_found_deep_in_long_documents(bad, good):
    assert len(_LONG_FILLER) > 30_000
    # (the filler's second half starts with a space: strip it, or the join
    # makes a double space that collapse_double_spaces rightly repairs)
    rest = _LONG_FILLER[20_000:].lstrip()
    text = _LONG_FILLER[:20_000] + " " + bad + " " + rest
    out = mtclean.normalize(text, lang="en")
    assert bad not in out
    assert _LONG_FILLER[:20_000] + " " + good + " " + rest == out


# ---------------------------------------------------------------- evidence
from mtclean.rules import remove_doubled_words as _rdw, remove_repetition_loops as _rrl  # noqa: E402

DOUBLE_KEPT = [
    "They cared for for four years.",  # a phrasal verb, then the preposition
    "The can can hold the water.",  # a noun, then the modal
    "We hope Will will come.",  # a name, then the modal
    "once you fix it it will work",  # an object, then a subject
    "Letters: Ḁ ḁ Ă ă",  # a letter list
    "Hassan Hassan said so.",  # may be a person's name
]
DOUBLE_FIXED = [
    ("Hassan Hassan Rouhani said so.", "Hassan Rouhani said so."),
    ("at at least one test", "at least one test"),
]
LOOP_KEPT = ["as low as low can be", "round and round and round we go", "do it or do it or make it"]


@pytest.mark.parametrize("text", DOUBLE_KEPT, ids=repr)
def test_doubled_word_evidence_keeps(text):
    assert _rdw(text) == text


@pytest.mark.parametrize(("bad", "good"), DOUBLE_FIXED, ids=repr)
def test_doubled_word_evidence_repairs(bad, good):
    assert _rdw(bad) == good


@pytest.mark.parametrize("text", LOOP_KEPT, ids=repr)
def test_loop_constructions_kept(text):
    assert _rrl(text) == text


def test_long_loops_collapse():
    phrase = "one two three four five six seven eight nine ten"
    assert _rrl(f"{phrase} {phrase} end") == f"{phrase} end"


def test_short_glued_name_halves_need_evidence():
    from mtclean.rules import dedupe_glued_names

    assert dedupe_glued_names("pay with PayPay today") == "pay with PayPay today"
    assert dedupe_glued_names("Vladimir PutinPutin vowed") == "Vladimir Putin vowed"


# ---------------------------------------------------------------- French and German grammar
# Invented sentences: a legitimate double kept, a real MT-style double removed.
XX_DOUBLE_KEPT = [
    ("de", "Wie sehr sie Jazz auch mögen mögen, heute spielt die Band Rock."),  # infinitive, then the finite modal
    ("de", "Ich glaube, dass beide Ärztinnen werden werden."),
    ("de", "Sie tranken aus aus Glas gefertigten Bechern."),  # a preposition opening an extended attribute
    ("de", "Der der Stadt gehörende Park ist groß."),  # an article opening one
    ("de", "Gesucht wird eine Erzieher/in in Teilzeit."),  # a gender suffix, then the preposition
    ("de", "Das \"tack tack\" der Uhr hörte auf."),  # a quoted sound
    ("de", "Ha ha, sehr witzig."),
    ("fr", "Oh là là, quelle journée."),
    ("fr", "Ha ha, très drôle."),
    ("fr", "Le violon séduit par son son chaud et rond."),  # possessive, then the noun
    ("fr", "Il imite le « bip bip » du réveil."),
    ("en", "The \"tick tick\" sound stopped."),
]
XX_DOUBLE_FIXED = [
    ("de", "Wir werden werden morgen kommen.", "Wir werden morgen kommen."),  # the modal does not end a clause
    ("de", "Wir fahren mit mit dem Zug nach Hause.", "Wir fahren mit dem Zug nach Hause."),
    ("de", "Das Treffen ist auf auf Freitag nächster Woche verschoben.", "Das Treffen ist auf Freitag nächster Woche verschoben."),
    ("de", "Die Jacke ist aus weichem weichem Leder.", "Die Jacke ist aus weichem Leder."),
    ("de", "Sie sagten \"Hallo\" und gingen gingen nach Hause.", "Sie sagten \"Hallo\" und gingen nach Hause."),
    ("fr", "Il a acheté un nouveau nouveau vélo.", "Il a acheté un nouveau vélo."),
    # An MT system repeats its own doubling within a text: written twice is no evidence.
    ("fr", "Un nouveau nouveau vélo et un nouveau nouveau casque.", "Un nouveau vélo et un nouveau casque."),
    ("fr", "Elle parle avec sa sa sœur.", "Elle parle avec sa sœur."),
    ("fr", "Le chat dort là là où il fait chaud.", "Le chat dort là où il fait chaud."),
]


@pytest.mark.parametrize(("lang", "text"), XX_DOUBLE_KEPT, ids=repr)
def test_language_grammar_keeps_double(lang, text):
    assert remove_doubled_words(text, lang=lang) == text
    assert norm(text, lang=lang) == text


@pytest.mark.parametrize(("lang", "bad", "good"), XX_DOUBLE_FIXED, ids=repr)
def test_language_grammar_still_repairs(lang, bad, good):
    assert remove_doubled_words(bad, lang=lang) == good
    assert norm(bad, lang=lang) == good


def test_loop_edits_remove_exactly_one_copy_even_when_long():
    # A removal longer than a diff's resync window (32 characters) used to
    # come out as several misaligned edits that only together gave the
    # right text; each edit must now remove one whole copy of the phrase.
    phrase = "after every new evaluation campaign of the year"
    text = (
        f"The systems will be judged {phrase} {phrase}. "
        + "Some plain sentences follow here to keep the loops apart. " * 3
        + "Press it to reach the handle to reach the handle now."
    )
    ex = mtclean.explain(text, lang="en")
    loops = [e for e in ex.edits if e.rule == "remove_repetition_loops"]
    assert len(loops) == 2
    assert {e.before.strip() for e in loops} == {phrase, "to reach the handle"}
    assert all(e.after == "" for e in loops)
    assert ex.text == text.replace(f"{phrase} {phrase}", phrase).replace(
        "to reach the handle to reach the handle", "to reach the handle"
    )
