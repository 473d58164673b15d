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
