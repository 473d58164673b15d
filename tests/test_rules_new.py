"""The rules for artifacts found in real MT output: <unk>, full-width marks, doubled marks, pronoun i, findings."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import capitalise_pronoun_i, fix_fullwidth_punctuation, remove_doubled_punctuation, remove_unk_tokens


def test_untranslated_fragments_are_findings_not_edits():
    text = "The site Yahoo!ニュース reported the storm."
    r = mtclean.explain(text, lang="en")
    assert r.text == text and r.edits == []
    assert [(f.rule, f.before, f.category) for f in r.findings] == [
        ("report_untranslated_fragments", "ニュース", "residue")
    ]
    assert text[r.findings[0].start:r.findings[0].end] == "ニュース"


def test_no_findings_in_text_of_that_script():
    assert mtclean.explain("Москва большая.", lang="ru").findings == []


@pytest.mark.parametrize(
    "before, after",
    [
        ("<unk> said the minister.", "said the minister."),
        ("the <unk> <unk> ministry", "the ministry"),
        ("end <unk>\nnext", "end\nnext"),
    ],
)
def test_unk(before, after):
    assert remove_unk_tokens(before) == after


@pytest.mark.parametrize(
    "lang, before, after",
    [
        # Two of them around words: the quotation marks of the language, or the ones the text uses.
        ("de", "Sie nannte es <unk>ein Spiel<unk>, sagte er.", "Sie nannte es „ein Spiel“, sagte er."),
        ("ru", "Нажмите <unk>Готово<unk> внизу.", "Нажмите «Готово» внизу."),
        ("en", 'He said "yes" and <unk>no<unk> then.', 'He said "yes" and "no" then.'),
        # Between two Cyrillic letters in Ukrainian: the apostrophe the text writes.
        ("uk", "Пам'ять і пам<unk>ять", "Пам'ять і пам'ять"),
        ("en", "They didn<unk>t go.", "They didn’t go."),
        # One alone, glued to a common word no lost letter completes: the
        # quotation mark of a quote the segment cuts, where the language's
        # marks are ones MT vocabularies lack; in English, removed.
        ("de", "Sie sprach von <unk>Glück und ging.", "Sie sprach von „Glück und ging."),
        ("de", "Ein <unk>Wort\nund Wort<unk> hier", "Ein „Wort\nund Wort“ hier"),
        ("de", "Alles<unk>, sagte er.", "Alles“, sagte er."),
        ("ru", "<unk>Конечно, да.", "«Конечно, да."),
        ("uk", "Мир Україні<unk>, — сказав він.", "Мир Україні», — сказав він."),
        ("en", "We watch each other<unk> joke.", "We watch each other joke."),
    ],
)
def test_unk_glued_to_words(lang, before, after):
    assert remove_unk_tokens(before, lang=lang) == after


@pytest.mark.parametrize(
    "lang, before, after",
    [
        # Touching tokens: one run, removed whole with the spacing around it.
        ("en", "Done. <unk><unk>Now we rest.", "Done. Now we rest."),
        ("en", "Well done <unk><unk>We won.", "Well done We won."),
        ("en", "<unk><unk>Now we go home.", "Now we go home."),
        # Before a capitalised word: no lost first letter, a lost mark.
        ("en", "<unk>Then we left.", "Then we left."),
        ("de", "Sie sagte: <unk>Es regnet.", "Sie sagte: „Es regnet."),
        ("ru", "Он сказал: <unk>Мы идём.", "Он сказал: «Мы идём."),
        # A longer, rarer word that no lost letter completes stands whole.
        ("en", "We saw two kayaks<unk> drift by.", "We saw two kayaks drift by."),
        ("ru", "Мы были разочарованы<unk>, — сказал он.", "Мы были разочарованы», — сказал он."),
    ],
)
def test_unk_runs_capitals_and_rarer_whole_words(lang, before, after):
    assert remove_unk_tokens(before, lang=lang) == after
    assert mtclean.normalize(before, lang=lang) == after


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "A caf<unk><unk> au lait."),  # a run beside a word a lost letter completes
        ("uk", "Мій комп<unk><unk>ютер працює."),  # two tokens inside a word: not one apostrophe
        ("en", "<unk>OK then."),  # capitals throughout say nothing
        ("en", "An <unk>cole here."),  # maybe École: the word's case is left as written
    ],
)
def test_unk_runs_and_cut_words_only_suggested(lang, text):
    r = mtclean.explain(text, lang=lang, suggestions=True)
    assert r.text == text
    assert "remove_unk_tokens" in {s.rule for s in r.suggestions}


@pytest.mark.parametrize(
    "text",
    [
        "Die Stra<unk>e",  # inside a word: a lost letter
        "Ich wei<unk> es",  # glued and unpaired, and "weiß" is a word: a lost letter or mark
        "Das ist <unk>ber alles.",  # "über": a lost letter completes the word
        "Er kam aus <unk>ln und ging.",  # not a common word: nothing says it stands whole
    ],
)
def test_unk_glued_but_not_a_pair_is_only_suggested(text):
    r = mtclean.explain(text, lang="de", suggestions=True)
    assert r.text == text
    assert {s.rule for s in r.suggestions} == {"remove_unk_tokens"}


@pytest.mark.parametrize(
    "text",
    ["Call IDirect3D:: CreateViewport() now.", "Mood: partyparrot:: helix:: dance:", "Use my_mod:: run here."],
)
def test_doubled_colon_in_code_or_shortcodes_is_only_suggested(text):
    r = mtclean.explain(text, lang="en", suggestions=True)
    assert r.text == text
    assert "remove_doubled_punctuation" in {s.rule for s in r.suggestions}


def test_doubled_colon_after_a_label_is_repaired():
    assert remove_doubled_punctuation("Pros:: they clip on easily.") == "Pros: they clip on easily."


def test_fullwidth_left_in_cjk_lines_even_in_english_documents():
    text = "Hello！\n東京，大阪。"
    assert fix_fullwidth_punctuation(text) == "Hello!\n東京，大阪。"


@pytest.mark.parametrize("keep", ["see ../up", "a ,, b", "1,,2", "https://x.org/a..b"])
def test_doubled_punctuation_keeps(keep):
    assert remove_doubled_punctuation(keep) == keep


@pytest.mark.parametrize(
    "before, after",
    [("i'll go", "I'll go"), ("and i've seen it", "and I've seen it"), ("then i said no", "then I said no")],
)
def test_pronoun_i(before, after):
    assert capitalise_pronoun_i(before) == after


@pytest.mark.parametrize("keep", ["i) first item", "part i and part ii", "int i = 0; i said", "i = i + 1"])
def test_pronoun_i_keeps(keep):
    assert capitalise_pronoun_i(keep) == keep


def test_new_rules_have_categories_and_confidence():
    r = mtclean.explain("i think <unk> it ended,.", lang="en")
    assert {e.category for e in r.edits} >= {"residue", "spacing", "casing"}
    assert all(0.9 <= e.confidence < 1 for e in r.edits)



@pytest.mark.parametrize("middle", ["<unk>" * 5000, "<unk>" * 5000 + "\ufe0f", "<unk>\ufe0f" * 3000 + "<unk>" * 3000])
def test_unk_long_runs_are_removed_in_linear_time(middle):
    # A pattern taking the tokens before a lost emoji tried every token of a
    # run at every token: 2,000 of them did not finish in two minutes.
    assert remove_unk_tokens("x " + middle + " y") == "x y"
