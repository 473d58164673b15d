"""Worst-case inputs: each known stall finishes and gives the right text.

(Complexity ratio checks are still to come; these are behavioural
regressions for the bugs that were quadratic or worse.)
"""

from __future__ import annotations

import mtclean
from mtclean.rule import diff_spans
from mtclean.edits import Edit, apply_edits


def norm(text: str, **kw) -> str:
    return mtclean.normalize(text, **kw)


def test_mojibake_line_without_spaces_is_repaired_locally():
    text = ("Zürich" + "x" * 40 + "”") * 500 + "é”"
    edits = mtclean.explain(text, lang="en").edits
    assert edits and not [e for e in edits if "encoding" in e.category]  # correct Unicode: no repair


def test_repetitive_mojibake_is_repaired():
    assert norm("cafÃ©" * 400, lang="en") == "café" * 400


def test_diff_spans_rebuilds_the_new_text():
    old, new = "cafÃ©" * 300, "café" * 300
    spans = list(diff_spans(old, new))
    assert apply_edits(old, [Edit("r", s, e, old[s:e], r) for s, e, r in spans]) == new


def test_nested_entities_unescape_at_once():
    assert norm("&" + "amp;" * 2000 + "quot;") == '"'


def test_named_typographic_entities():
    assert norm("&laquo;Hi&raquo; &ndash; a&nbsp;b&hellip;", lang="en") == "«Hi» – a\u00a0b…"


def test_entities_stay_in_markup():
    assert norm("<p>&laquo;Hi&raquo;</p>", lang="en") == "<p>&laquo;Hi&raquo;</p>"


def test_all_closing_notes_go_in_one_call():
    text = "Kyiv is big.\nNote: translated by a tool.\nNote: translation checked.\n"
    assert mtclean.rules.remove_preamble(text) == "Kyiv is big."


def test_a_note_alone_is_never_deleted():
    assert norm("\nNote: translation by AI.", lang="en") == "\nNote: translation by AI."


def test_bom_keeps_line_start_rules():
    assert norm("\ufeffANDThe cat", lang="en") == "\ufeffThe cat"
