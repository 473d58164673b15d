"""Language detection that does not guess, the facts table, bounded lexicon memory."""

from __future__ import annotations

import pytest

import mtclean
from mtclean import lexicon
from mtclean.language import detect_language
from mtclean.languages import all_facts, facts


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The minister said that the talks would go on.", "en"),
        ("She wrote to her brother about the new house and the garden.", "en"),
        ("Die Regierung hat gesagt, dass sie nicht zustimmen wird.", "de"),
        ("Le ministre a dit que les négociations avec le gouvernement vont continuer dans la semaine et que les deux pays sont prêts.", "fr"),
        ("El ministro dijo que las conversaciones con el gobierno van a seguir durante la semana y que los dos países están de acuerdo.", "es"),
        ("Він сказав, що їде додому.", "uk"),
        ("Он сказал, что едет домой.", "ru"),
        ("Merci beaucoup !", "fr"),
        ("He said “Слава Україні” and left the room.", "en"),
    ],
)
def test_detects_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["a.a.a.", "", "12345", "Zelenskyy"])
def test_weak_evidence_is_undetermined(text):
    assert detect_language(text) == "und"


def test_und_runs_only_language_independent_rules():
    result = mtclean.explain("cafÃ© a.a.a.")
    assert result.lang == "und"
    assert result.text == "café a.a.a."


def test_facts_table():
    assert facts("fr").space_before_high_punct and facts("fr").space_inside_guillemets
    assert facts("de").nouns_capitalised and ("„", "“") in facts("de").quote_pairs
    assert facts("es").inverted_marks == "¿¡"
    assert "ʼ" in facts("uk").word_apostrophes
    assert facts("pt-BR").code == "pt"
    assert facts("xx") is None
    for code in "en de fr es pt it nl ru uk pl cs".split():
        assert code in all_facts()
    assert [c for c, f in all_facts().items() if f.cased_lexicon] == ["en"]


def test_french_spacing():
    from mtclean.rules.spacing import FIX_SPACE_AFTER_PUNCTUATION, _find_space_before
    from mtclean.rule import Context

    assert mtclean.normalize("Merci beaucoup !", lang="fr") == "Merci beaucoup !"
    assert mtclean.normalize("Quoi ? « Oui » ; bon", lang="fr") == "Quoi ? « Oui » ; bon"
    assert FIX_SPACE_AFTER_PUNCTUATION.applies_to("fr")
    # The finder keeps French spaces before ; : ! ? and removes the one before a comma.
    assert list(_find_space_before("Quoi ? Oui ; bon", Context("fr"))) == []
    assert list(_find_space_before("Bonjour , monde", Context("fr"))) == [(7, 8, "")]


def test_lexicon_cache_is_bounded():
    for code in ["de", "fr", "es", "pt", "it"]:
        lexicon.get_lexicon(code)
        others = [c for c in lexicon.loaded_languages() if c != "en"]
        assert len(others) <= lexicon.MAX_OTHER_TABLES
    assert lexicon.get_lexicon("und") is lexicon.EMPTY
    assert lexicon.get_lexicon("hr") is lexicon.EMPTY  # no data: no copy of English


@pytest.mark.parametrize(
    "text, lang",
    [
        ("so I’ll bake some bread and read a book", "en"),  # typographic apostrophe, known as i'll
        ("Of course, I’m keen on the plan", "en"),
        ("C’est normal.", "fr"),  # c'est is no English word: the apostrophe proves nothing
        ("l’homme est là", "fr"),
    ],
)
def test_typographic_apostrophes(text, lang):
    assert detect_language(text) == lang


def test_scores_are_exact_whatever_the_word_order():
    from mtclean.language import _evidence, _scores

    ev = _evidence("Latin")
    words = "a de la in die en het of".split()
    assert _scores(words, " ".join(words), ev) == _scores(words[::-1], " ".join(words), ev)
    assert all(isinstance(v, int) for v in _scores(words, "", ev).values())


def test_no_lexicon_loaded_for_text_that_needs_none():
    lexicon.get_lexicon.cache_clear()
    try:
        text = "Le chat dort dans le jardin, et le chien mange dans la cuisine avec les enfants."
        assert mtclean.explain(text).lang == "fr"
        assert "fr" not in lexicon.loaded_languages()
        # A doubled glued name is the one thing that asks the lexicon.
        assert mtclean.normalize("Le président MacronMacron dort dans le jardin, et le chien mange dans la cuisine.") \
            == "Le président Macron dort dans le jardin, et le chien mange dans la cuisine."
        assert "fr" in lexicon.loaded_languages()
    finally:
        lexicon.get_lexicon.cache_clear()


def test_foreign_letters_in_names_do_not_hide_english(monkeypatch):
    # English function words lead and every lower-case word is English: the
    # names' letters (ú, š, ö) say nothing, and langdetect is not needed.
    import mtclean.language as language

    monkeypatch.setattr(language, "_langdetect", lambda sample, script: pytest.fail("langdetect asked"))
    text = "Designed by Jürgen Müller and Siniša Petrović, reviewed by Magnús Jónsson and Zoë Lefèvre."
    assert detect_language(text) == "en"
    assert detect_language("Le rapport a été écrit par Magnús Jónsson et Siniša Petrović pour le comité au printemps.") == "fr"


def test_sparse_langdetect_profiles_hold_the_same_numbers():
    # Detection reads the sparse table exactly as langdetect's own.
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from mtclean.language import SparseProbabilities, _factory

    own = DetectorFactory()
    own.load_profile(PROFILES_DIRECTORY)
    ours = _factory()
    assert isinstance(ours.word_lang_prob_map, SparseProbabilities)
    assert ours.langlist == own.langlist
    assert len(ours.word_lang_prob_map) == len(own.word_lang_prob_map)
    assert all(ours.word_lang_prob_map[g] == p for g, p in own.word_lang_prob_map.items())
    for text in ("Dies ist ein kurzer Satz über das Wetter in Berlin.", "Ceci est une phrase assez courte."):
        mine, theirs = ours.create(), own.create()
        for d in (mine, theirs):
            d.seed = 0
            d.append(text)
        assert [(x.lang, x.prob) for x in mine.get_probabilities()] == [
            (x.lang, x.prob) for x in theirs.get_probabilities()
        ]


@pytest.mark.parametrize(
    "text, english",
    [
        ("Aunque no se", False),  # Spanish function words English knows but seldom writes
        ("Le concept", False),
        ("Selon le Hill, des", False),
        ("Espera-se que o", False),
        ("A new law", True),  # "a" is another language's function word too, and English's own
        ("In a pointed message", True),
        ("Why do", True),
    ],
)
def test_short_text_is_english_only_without_rival_evidence(text, english):
    assert (detect_language(text) == "en") is english


# Short segments (under 12 words): a vote of each word's frequency in every
# language of the script (data/<lang>/frequent_words.tsv.gz), with a margin.
@pytest.mark.parametrize(
    "text, lang",
    [
        ("Die Regierung will", "de"),  # was English: "die" and "will" are English words too
        ("Heute regnet es", "de"),
        ("Trotzdem", "de"),
        ("Le gouvernement veut", "fr"),
        ("Cependant", "fr"),
        ("Ayer por la tarde", "es"),
        ("¡Qué bien!", "es"),  # ¡ ¿: Spanish alone writes them
        ("O governo quer", "pt"),
        ("Ontem à noite", "pt"),
        ("Entretanto", "pt"),
        ("Правительство хочет", "ru"),
        ("Вчера вечером", "ru"),
        ("Уряд хоче", "uk"),
        ("Вчора ввечері", "uk"),
        ("Sometimes", "en"),
        ("Nevertheless", "en"),
    ],
)
def test_short_segments_are_told_by_word_frequencies(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "La",  # French, Spanish, Italian alike
        "A",
        "Trump",  # a name is no evidence of a language
        "Anna Berg",
        "@user34",  # was English: a handle holds no word
        "<contents",  # nor does markup
    ],
)
def test_short_segments_without_clear_evidence_stay_undetermined(text):
    assert detect_language(text) == "und"


def test_quoted_words_do_not_outvote_the_sentence():
    assert detect_language("He said “c’est la vie” and left.") == "en"
    assert detect_language("Sie sagte „good morning“ und ging.") == "de"
    assert detect_language("Kyiv troops advance, sources say") == "en"


def test_frequent_word_files_hold_one_word_and_two_digits_a_line():
    # The loader reads the value as a line's last two characters.
    import gzip
    import re
    from importlib import resources

    from mtclean.language import _evidence, _lexical

    for script in ("Latin", "Cyrillic"):
        lex = _lexical(script)
        assert lex is not None and set(lex.langs) == set(_evidence(script).langs)
        assert sum(len(t) for t in lex.tables) * 8 < 4_000_000  # hashes only, 8 bytes a word
        for lang in lex.langs:
            path = resources.files("mtclean").joinpath("data", lang, "frequent_words.tsv.gz")
            lines = [x for x in gzip.decompress(path.read_bytes()).decode("utf-8").split("\n") if x and x[0] != "#"]
            assert len(lines) > 10_000
            assert all(re.fullmatch(r"[^\t\s]+\t[3-9]\d", x) for x in lines), lang


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Ha ha, bien sûr.", "fr"),  # û: no Spanish or Italian word, though "ha" and "bien" are
        ("Oui, très bien", "fr"),
        ("Sí, claro, señor", "es"),  # ñ in a lower-case word
        ("Na ja, schön", "de"),
    ],
)
def test_a_lower_case_word_with_a_letter_a_language_does_not_write_outweighs_frequent_words(text, lang):
    assert detect_language(text) == lang


def test_a_capitalised_word_with_foreign_letters_is_a_name_and_weighs_less():
    from mtclean.language import _lexical

    lex = _lexical("Latin")
    es = lex.langs.index("es")
    # The same word: in lower case it is a word of French (ô is no Spanish
    # letter), capitalised it may be a name in a Spanish text.
    assert lex.evidence("rôle", True)[es] < lex.evidence("rôle", False)[es] < 0


@pytest.mark.parametrize(
    "text, lang",
    [
        ("представники Global Citizen", "uk"),  # the lower-case word tells; the names do not
        ("На зустрічі Open Society", "uk"),
        ("Програма Desert Island Discs", "uk"),  # none lower-case: the first word's capital is the sentence's
        ("Когда RAID", "ru"),
        ("She spoke with Путин", "en"),
    ],
)
def test_short_mixed_script_segments_follow_the_script_of_their_prose(text, lang):
    assert detect_language(text) == lang


def test_short_segment_of_acronyms_in_two_scripts_is_undetermined():
    assert detect_language("NATO USA ФСБ") == "und"


@pytest.mark.parametrize("text", ["On Saturday", "Monday", "In January"])
def test_english_words_english_capitalises_are_english_evidence(text):
    # Months, days and nationalities are capitalised like names but other
    # languages write them otherwise (samstag, lunes): they stay in the
    # English list (scripts/build_frequent_words.py, ENGLISH_ONLY).
    assert detect_language(text) == "en"


def test_a_consonant_after_an_apostrophe_is_a_clitic_not_a_word():
    # "s" is a Czech word; "Tesco’s" holds none.
    assert detect_language("Tesco’s a") != "cs"
    assert detect_language("Harrods's a") != "cs"


def test_capitalised_words_inside_a_segment_weigh_as_names_except_german_nouns():
    from mtclean.language import _NAME_CAP, _lexical

    lex = _lexical("Latin")
    en, nl, de = lex.langs.index("en"), lex.langs.index("nl"), lex.langs.index("de")
    # "bone" is an English word; capitalised inside a lower-case sentence it
    # is likely a name, and counts at most _NAME_CAP against the others.
    named, common = lex.scores(["zyx", "Bone", "zyx"], ""), lex.scores(["zyx", "bone", "zyx"], "")
    assert min(named) == -_NAME_CAP < 0 and named[en] == 0
    assert min(common) < -_NAME_CAP
    # In a Title Case line the capitals are the style: full weight.
    assert min(lex.scores(["Zyx", "Bone", "Zyx"], "")) < -_NAME_CAP
    # A German noun is capitalised wherever it stands: it keeps its weight.
    noun = lex.scores(["die", "Regierung", "will"], "")
    assert noun[de] - noun[nl] > _NAME_CAP
    # An acronym in a lower-case line counts as a name; a line of capitals is shouting.
    assert min(lex.scores(["zyx", "BONE", "zyx"], "")) == -_NAME_CAP
    assert min(lex.scores(["ZYX", "BONE"], "")) < -_NAME_CAP


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Configuring Virtual Hosts", "en"),  # Title Case: the capitals name nothing
        ("I AM SORRY", "en"),
        ("Нажмите <unk>Сохранить<unk>", "ru"),  # markup is no Latin word
        ("Откройте страницу https://example.org/a", "ru"),
    ],
)
def test_title_case_capitals_and_markup_do_not_hide_the_language(text, lang):
    assert detect_language(text) == lang


def test_letter_ngram_files_hold_a_total_and_one_trigram_a_line():
    import gzip
    import re
    from importlib import resources

    from mtclean.language import _lexical

    for script in ("Latin", "Cyrillic"):
        lex = _lexical(script)
        assert lex is not None
        for lang in lex.langs:
            path = resources.files("mtclean").joinpath("data", lang, "letter_ngrams.tsv.gz")
            lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
            totals = [x for x in lines if x.startswith("#total\t")]
            assert len(totals) == 1 and int(totals[0].split("\t")[1]) > 100_000, lang
            rows = [x for x in lines if x and x[0] != "#"]
            assert len(rows) > 5_000, lang
            assert all(re.fullmatch(r"[^\t]{3}\t\d+", x) for x in rows), lang


@pytest.mark.parametrize(
    "script, word, lang",
    [
        ("Latin", "kindergartenplatzvergabe", "de"),
        ("Latin", "hergroepeerden", "nl"),
        ("Latin", "seleccionaréis", "es"),
        ("Latin", "regroupaient", "fr"),
        ("Cyrillic", "перечитував", "uk"),
        ("Cyrillic", "перечитывали", "ru"),
    ],
)
def test_letter_scores_favour_the_language_whose_words_have_those_letters(script, word, lang):
    from mtclean.language import _lexical

    lex = _lexical(script)
    scores = lex.letter_scores(word)
    assert lex.langs[scores.index(max(scores))] == lang


@pytest.mark.parametrize(
    "text, lang",
    [
        ("hergroepeerden", "nl"),  # no list holds it: its letters tell
        ("Я перечитував", "uk"),  # no letter only Ukrainian writes
        ("Die Kindergartenplatzvergabe", "de"),  # a German noun no list holds, with "Die"
    ],
)
def test_words_no_list_holds_are_decided_by_their_letters(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["Pelosi", "Kavanaugh", "Sean Combs", "Arnold Schwarzenegger", "Kindergartenplatzvergabe"])
def test_capitalised_words_letters_do_not_decide_a_latin_segment_alone(text):
    # A name keeps the spelling of its own language whatever the text's
    # language: its letters do not count (Latin script), or, for a long
    # word that looks like a German noun, too little to decide alone.
    assert detect_language(text) == "und"


def test_letters_of_an_unlisted_word_count_at_most_their_cap_below_the_floor():
    from mtclean.language import _NGRAM_CAP, _NGRAM_CAP_CAPITALISED, _NGRAM_CAP_NOUN, _WORD_CAP, _lexical

    lex = _lexical("Latin")
    ev = lex.evidence("hergroepeerden", True)
    assert max(ev) == 0 and min(ev) == -_NGRAM_CAP < 0 and _NGRAM_CAP <= _WORD_CAP
    # The same word capitalised, as a name: no letter evidence in Latin script.
    assert lex.evidence("hergroepeerden", False) == (0,) * len(lex.langs)
    assert min(lex.evidence("kindergartenplatzvergabe", False)) == -_NGRAM_CAP_NOUN
    cyr = _lexical("Cyrillic")
    assert min(cyr.evidence("перечитував", False)) >= -_NGRAM_CAP_CAPITALISED
    assert min(cyr.evidence("перечитував", True)) < -_NGRAM_CAP_CAPITALISED
