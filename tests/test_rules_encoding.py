"""fix_mojibake and unescape_entities: repair encoding damage, never restyle."""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rules import fix_mojibake, unescape_entities


def norm(text: str) -> str:
    return mtclean.normalize(text, lang="en")


# ---------------------------------------------------------------- mojibake

MOJIBAKE_FIXED = [
    ("cafÃ©", "café"),
    ("a cafÃ© in Kyiv", "a café in Kyiv"),
    ("â€œquoteâ€\x9d", "“quote”"),
    ("The Ukrainianâ€™s army", "The Ukrainian’s army"),
    ("Ãœber alles", "Über alles"),
    ("a â€” b", "a — b"),
    ("Â£5 a day", "£5 a day"),
    # Repairing one spot restyles nothing else on the line or in the text.
    ("“Good” cafÃ©", "“Good” café"),
    ("the ﬁnal cafÃ©", "the ﬁnal café"),
    ("ＡＢＣ cafÃ©", "ＡＢＣ café"),
    ("cafÃ©\u00a0bar", "café\u00a0bar"),
    ("cafÃ©\r\nnext line\r\n", "café\r\nnext line\r\n"),
    # No Unicode normalization: the decomposed é on the other line stays decomposed.
    ("cafÃ©\ncafe\u0301", "café\ncafe\u0301"),
    ("cafÃ© and cafe\u0301", "café and cafe\u0301"),
]

# Correct text that only looks unusual: never restyled, never normalized.
MOJIBAKE_UNCHANGED = [
    "“Curly” quotes and ‘single’ ones",
    "ﬁ and ﬂ ligatures: ﬁnal ﬂight",
    "ＡＢＣ full-width １２３",
    "non\u00a0breaking\u00a0spaces",
    "Windows\r\nline\r\nbreaks\r\n",
    "old\rMac breaks",
    "decomposed e\u0301 stays",
    "cafe\u0301 cre\u0300me bru\u0302le\u0301e",
    "naïve café résumé Zürich Straße",
    "Київ і Харків",
    "Αθήνα and 東京 and 😀",
    "£5, €10, ¥100, ©2024, ™",
    "the ellipsis… and the dash — and the bullet •",
    "SÃO PAULO, JOÃO E MARIA, NÃO É, MAÇÃ",
    "",
    "plain ASCII text",
]


@pytest.mark.parametrize(("bad", "good"), MOJIBAKE_FIXED, ids=repr)
def test_fix_mojibake_repairs(bad, good):
    assert fix_mojibake(bad) == good


@pytest.mark.parametrize(("bad", "good"), MOJIBAKE_FIXED, ids=repr)
def test_normalize_repairs_mojibake(bad, good):
    assert norm(bad) == good


@pytest.mark.parametrize("text", MOJIBAKE_UNCHANGED, ids=repr)
def test_fix_mojibake_leaves_correct_text(text):
    assert fix_mojibake(text) == text


@pytest.mark.parametrize("text", MOJIBAKE_UNCHANGED, ids=repr)
def test_normalize_leaves_correct_unicode(text):
    assert norm(text) == text


def test_mojibake_applies_to_every_language():
    assert fix_mojibake("cafÃ©", lang="fr") == "café"
    assert mtclean.normalize("cafÃ©", lang="de") == "café"


# ---------------------------------------------------------------- entities

ENTITIES_FIXED = [
    ("Kyiv&apos;s mayor", "Kyiv's mayor"),
    ("he said &quot;no&quot;", 'he said "no"'),
    ("AT&amp;T", "AT&T"),
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("&#39;hi&#39;", "'hi'"),
    ("5 &lt; 6 &gt; 4", "5 < 6 > 4"),
    ("escaped twice: &amp;quot;yes&amp;quot;", 'escaped twice: "yes"'),
    ("Kyiv&apos;s mayor said &quot;no&quot; to AT&amp;T", "Kyiv's mayor said \"no\" to AT&T"),
]

ENTITIES_UNCHANGED = [
    "<p>AT&amp;T</p>",
    "<b>bold</b> &amp; &quot;quoted&quot;",
    'Tags <a href="x">link</a> and Q&amp;A',
    "AT&T and Q&A",
    "R&D costs & more",
    "an &unknown; entity",
    "&amp without a semicolon",
]


@pytest.mark.parametrize(("bad", "good"), ENTITIES_FIXED, ids=repr)
def test_unescape_entities_repairs(bad, good):
    assert unescape_entities(bad) == good


@pytest.mark.parametrize(("bad", "good"), ENTITIES_FIXED, ids=repr)
def test_normalize_unescapes_entities(bad, good):
    assert norm(bad) == good


@pytest.mark.parametrize("text", ENTITIES_UNCHANGED, ids=repr)
def test_unescape_entities_leaves_markup_and_plain_ampersands(text):
    assert unescape_entities(text) == text


@pytest.mark.parametrize("text", ENTITIES_UNCHANGED, ids=repr)
def test_normalize_leaves_markup_and_plain_ampersands(text):
    assert norm(text) == text


def test_entities_then_mojibake_order():
    # An escaped quote next to mojibake: both repaired, in one pass.
    assert norm("&quot;cafÃ©&quot;") == '"café"'


# ------------------------------------------- stalls (regressions; must finish)


def test_mojibake_line_without_spaces_is_repaired_locally():
    # Each non-ASCII stretch once widened to the whole space-less line.
    text = ("Zürich" + "x" * 40 + "”") * 500 + "é”"
    assert fix_mojibake(text) == text
    assert mtclean.normalize(text, lang="en", disable=["spacing"]) == text
    broken = ("ZÃ¼rich" + "x" * 40) * 300
    assert fix_mojibake(broken) == ("Zürich" + "x" * 40) * 300


def test_mojibake_without_spaces_repeated():
    assert norm("cafÃ©" * 400) == "café" * 400
    assert norm("Ã©â€™" * 200) == "é’" * 200


def test_deeply_nested_entity_unescaped_at_once():
    assert mtclean.normalize("&" + "amp;" * 250000 + "quot;") == '"'
    assert norm("&amp;amp;quot;hi&amp;quot;") == '"hi"'


@pytest.mark.parametrize(
    "bad, good",
    [
        ("&laquo;Bonjour&raquo;", "«Bonjour»"),
        ("&bdquo;Hallo&ldquo;", "„Hallo“"),
        ("&lsquo;a&rsquo; &ndash; b &mdash; c&hellip;", "‘a’ – b — c…"),
        ("10&nbsp;km", "10\u00a0km"),
    ],
)
def test_named_typographic_entities(bad, good):
    assert norm(bad) == good


def test_named_entities_kept_next_to_real_tags():
    text = "<p>&laquo;Bonjour&raquo; &ndash; ok</p>"
    assert norm(text) == text


def test_diff_spans_is_local_on_repetitive_text():
    from mtclean.rule import diff_spans

    old, new = "cafÃ© " * 300, "café " * 300
    spans = list(diff_spans(old, new))
    assert len(spans) == 300
    rebuilt, pos = [], 0
    for s, e, r in spans:
        rebuilt += [old[pos:s], r]
        pos = e
    assert "".join(rebuilt) + old[pos:] == new
