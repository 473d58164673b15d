"""Per-language behaviour: legitimate doubles as data, look-alike letters, encodings beyond cp1252."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.languages import codes_where, legit_doubles, word_list_file
from mtclean.rules import fix_lookalike_letters, fix_mojibake, fix_russian_letters, remove_doubled_words

SPACED_WITH_DATA = ["de", "fr", "es", "pt", "it", "nl", "pl", "cs", "ru", "uk"]


@pytest.mark.parametrize("lang", SPACED_WITH_DATA)
def test_every_spaced_language_has_its_doubles_connectives_and_conjunctions(lang):
    assert lang in codes_where(lambda f: f.spaced)
    assert legit_doubles(lang), lang
    assert word_list_file(lang, "connectives.txt"), lang
    assert word_list_file(lang, "stray_openings.txt"), lang


def test_german_relative_pronoun_double_depends_on_what_comes_before():
    # After a comma or a preposition "die die" opens a relative clause; elsewhere it is a repeat.
    assert remove_doubled_words("Das ist die Frau, die die Zeitung liest.", lang="de") == (
        "Das ist die Frau, die die Zeitung liest."
    )
    assert remove_doubled_words("Das ist die Frau, mit der der Mann sprach.", lang="de") == (
        "Das ist die Frau, mit der der Mann sprach."
    )
    assert remove_doubled_words("Wir lesen die die Zeitung.", lang="de") == "Wir lesen die Zeitung."


def test_german_doubled_capitalised_noun_is_removed_but_a_short_name_stays():
    assert remove_doubled_words("Die Regierung Regierung hat entschieden.", lang="de") == "Die Regierung hat entschieden."
    assert remove_doubled_words("Der Pianist Lang Lang spielte.", lang="de") == "Der Pianist Lang Lang spielte."


def test_english_doubles_quoted_in_another_language_stay():
    text = "Er zitierte: she had had enough."
    assert remove_doubled_words(text, lang="de") == text


def test_doubles_are_off_where_no_data_decides_them():
    assert mtclean.normalize("東京 東京", lang="ja") == "東京 東京"


def test_mojibake_lines_split_on_newline_only():
    # "х" read as cp1252 ends in \x85, which str.splitlines treats as a line break.
    text = "Ð¥Ð¾Ñ€Ð¾ÑˆÐ¾ Ð¸ Ñ‚Ð¸Ñ…Ð¾\nвторая строка"
    assert fix_mojibake(text, lang="ru") == "Хорошо и тихо\nвторая строка"


def test_koi8r_mojibake_needs_the_whole_token_to_decode():
    damaged = "Привет мир".encode("utf-8").decode("koi8_r")
    assert fix_mojibake(damaged, lang="ru") == "Привет мир"
    for clean in ("её моё", "10 м²", "живёт в\u00a0Москве"):
        assert fix_mojibake(clean, lang="ru") == clean


def test_cp1251_bytes_read_as_latin1_need_known_words():
    text = "Сегодня утром в городе шёл сильный дождь."
    damaged = text.encode("cp1251").decode("latin-1")
    assert fix_mojibake(damaged, lang="ru") == text
    french = "Très élégant, ça coûte à peine."
    assert fix_mojibake(french, lang="ru") == french


def test_lookalike_mapping_needs_a_known_word():
    assert fix_lookalike_letters("Кoмпания открылась", lang="ru") == "Компания открылась"
    # No known word after mapping: left alone.
    assert fix_lookalike_letters("Кxyzщ открылась", lang="ru") == "Кxyzщ открылась"


def test_lone_latin_i_in_ukrainian_only_without_other_lone_latin_letters():
    assert fix_lookalike_letters("мама i тато", lang="uk") == "мама і тато"
    assert fix_lookalike_letters("точки i та b", lang="uk") == "точки i та b"


def test_russian_letters_in_ukrainian_only_when_the_ukrainian_form_is_known():
    assert fix_russian_letters("Там була эпоха змін.", lang="uk") == "Там була епоха змін."
    assert fix_russian_letters("Там була эпоха змін.", lang="ru") == "Там була эпоха змін."


def test_french_keeps_its_spaces_and_loses_the_tokenizer_ones():
    assert mtclean.normalize("« Oui » , dit-il : « non ! »", lang="fr") == "« Oui », dit-il : « non ! »"


def test_lone_latin_a_without_a_comma_is_only_a_suggestion():
    # The conjunction "а" follows a comma: "Кнопка a велика" keeps its label "a".
    ex = mtclean.explain("Кнопка a велика.", lang="uk", suggestions=True)
    assert ex.text == "Кнопка a велика."
    assert [e.after for e in ex.suggestions if e.rule == "fix_lookalike_letters"] == ["а"]
    # Other lone letters are still written in Cyrillic.
    assert mtclean.normalize("Він прийшов i сів.", lang="uk") == "Він прийшов і сів."


@pytest.mark.parametrize(
    "text, lang",
    [
        ("С тех пор как как только он пришёл, всё изменилось.", "ru"),
        ("Після того як як тільки він прийшов, усе змінилося.", "uk"),
        ("Ну бла бла, и всё.", "ru"),
    ],
)
def test_legitimate_russian_and_ukrainian_doubles_are_kept(text, lang):
    assert mtclean.normalize(text, lang=lang) == text


def test_russian_doubled_conjunction_elsewhere_is_still_removed():
    assert mtclean.normalize("Он сказал как как только мог.", lang="ru") == "Он сказал как только мог."
