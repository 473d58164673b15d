"""The artifact injections of the accuracy harness (benchmarks/injections.py) and its metrics.

Every sentence here is written for this file; nothing reads ../shared.
"""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy  # noqa: E402
from benchmarks import injections as inj  # noqa: E402

SEEDS = range(40)
PARA = (
    "Since last Tuesday, troops have crossed into the Kursk region bordering both countries. "
    "\u201cThe main task is clear,\u201d said Putin, who spoke in Moscow on Monday. "
    "He told reporters the talks would resume in May, according to Smirnov."
)


def all_injections(fn, text, **kw):
    out = [fn(text, random.Random(s), **kw) for s in SEEDS]
    return [x for x in out if x is not None]


# ------------------------------------------------------------------ generic properties
@pytest.mark.parametrize("kind", list(inj.KINDS))
def test_injection_is_deterministic_for_a_seed(kind):
    a = inj.inject(kind, PARA, random.Random(7))
    b = inj.inject(kind, PARA, random.Random(7))
    assert a == b


@pytest.mark.parametrize("kind", list(inj.KINDS))
def test_injection_damages_the_text_and_keeps_the_original_first(kind):
    found = all_injections(inj.KINDS[kind], PARA)
    assert found, f"no {kind} site in the test paragraph"
    for x in found:
        assert x.kind == kind
        assert x.text != PARA
        assert x.accept[0] == PARA == x.original
        a, b = x.span
        assert 0 <= a <= b <= len(x.text)
        # Outside the span, the text is the original's start and end.
        assert PARA.startswith(x.text[:a]) and PARA.endswith(x.text[b:])
        assert len(x.text[:a]) + len(x.text[b:]) <= len(PARA)


def test_different_seeds_pick_different_sites():
    texts = {x.text for x in all_injections(inj.inject_glued_words, PARA)}
    assert len(texts) > 5


# ------------------------------------------------------------------ glued words
def test_glue_removes_exactly_one_space():
    text = "the region bordering both"
    for x in all_injections(inj.inject_glued_words, text):
        assert x.text.count(" ") == text.count(" ") - 1
        assert x.text.replace(" ", "") == text.replace(" ", "")
        assert x.text in ("theregion bordering both", "the regionbordering both", "the region borderingboth")


def test_glue_skips_pairs_that_make_a_word():
    # "an other" -> "another" and "no where" -> "nowhere" cannot be told apart from the word.
    for text in ("an other", "no where", "a head"):
        assert all(inj.inject_glued_words(text, random.Random(s)) is None for s in SEEDS)


def test_glue_capitalised_first_word_class():
    text = "Reporters asked questions"
    found = all_injections(inj.inject_glued_words, text)
    classes = {x.cls for x in found}
    assert "Capital+lower" in classes and "lower+lower" in classes
    for x in found:
        if x.cls == "Capital+lower":
            assert x.text == "Reportersasked questions"


def test_glue_never_touches_hyphens_or_apostrophes():
    text = "a well-known fact isn't news"
    for x in all_injections(inj.inject_glued_words, text):
        assert "well-known" in x.text and "isn't" in x.text


# ------------------------------------------------------------------ glued after punctuation
def test_glue_after_punctuation_sites():
    text = "It rained for months. Farmers waited, and the river rose."
    for x in all_injections(inj.inject_glued_after_punct, text):
        assert x.text in ("It rained for months.Farmers waited, and the river rose.",
                          "It rained for months. Farmers waited,and the river rose.")


def test_glue_after_punctuation_skips_abbreviations_decimals_and_initials():
    text = "Mr. Smith paid 3.5 dollars to J. Doe in the U.S. Army"
    assert inj.inject_glued_after_punct(text, random.Random(3)) is None or all(
        x.cls not in ("sentence end",) for x in all_injections(inj.inject_glued_after_punct, text))


def test_glue_after_quotes():
    text = "She said \u201cno\u201d to them. He replied \u201cyes\u201d at once."
    found = all_injections(inj.inject_glued_after_punct, text)
    shapes = {x.text for x in found if "quote" in x.cls}
    assert "She said\u201cno\u201d to them. He replied \u201cyes\u201d at once." in shapes
    assert "She said \u201cno\u201dto them. He replied \u201cyes\u201d at once." in shapes


def test_speech_verb_glue_accepts_both_repairs():
    text = "The fighting went on for months, said the official."
    found = [x for x in all_injections(inj.inject_glued_after_punct, text) if x.cls == "speech verb"]
    assert found
    x = found[0]
    assert x.text == "The fighting went on for months.said the official."
    assert x.accept == (text, "The fighting went on for months. Said the official.")


# ------------------------------------------------------------------ doubling
def test_doubled_names_are_mid_sentence_names():
    text = "The talks in Moscow were tense, said Putin on Monday."
    found = all_injections(inj.inject_doubled_names, text)
    assert found
    for x in found:
        assert x.text in (text.replace("Moscow", "MoscowMoscow"), text.replace("Putin", "PutinPutin"),
                          text.replace("Monday", "MondayMonday"))
    assert not any("TheThe" in x.text for x in found)


def test_doubled_words():
    text = "they had left the town"
    found = all_injections(inj.inject_doubled_words, text)
    for x in found:
        assert len(x.text.split()) == len(text.split()) + 1
        assert "had had" not in x.text  # English doubles it on its own
    assert {x.text for x in found} >= {"they they had left the town", "they had left the the town"}


def test_repetition_loop_repeats_a_phrase_two_or_three_times():
    text = "troops moved into the east of the country"
    for x in all_injections(inj.inject_repetition_loops, text):
        a, b = x.span
        looped = x.text[a:b]
        words = looped.split()
        for n in (2, 3, 4):
            for copies in (2, 3):
                if len(words) == n * copies and words == words[:n] * copies:
                    break
            else:
                continue
            break
        else:
            pytest.fail(f"not a loop: {looped!r}")
        assert x.text[:a] + " ".join(words[:n]) + x.text[b:] == text


# ------------------------------------------------------------------ casing
def test_lowercased_names_only_mid_sentence_names():
    text = "Kyiv said that troops from Kyiv reached Kharkiv."
    found = all_injections(inj.inject_lowercased_names, text)
    assert found
    for x in found:
        assert x.text.startswith("Kyiv said")  # never the sentence start
        assert x.text in ("Kyiv said that troops from kyiv reached Kharkiv.",
                          "Kyiv said that troops from Kyiv reached kharkiv.")
        assert x.cls.startswith(("lexicon", "unknown"))
    assert any(x.cls.endswith("+doc") for x in found)  # Kyiv is written capitalised elsewhere


def test_lowercased_names_skip_common_words():
    assert inj.inject_lowercased_names("they said that Groups and Bill may come", random.Random(0)) is None


def test_midsentence_capitals_capitalise_one_lowercase_word():
    text = "they used small assault groups to enter the town"
    found = all_injections(inj.inject_midsentence_capitals, text)
    assert found
    for x in found:
        assert x.text.lower() == text
        assert sum(c.isupper() for c in x.text) == 1
        assert not x.text[0].isupper()
    assert any(x.cls == "function word" for x in found)


def test_midsentence_capitals_never_after_a_capitalised_word():
    text = "In my view the Ukrainian bank failed"
    for x in all_injections(inj.inject_midsentence_capitals, text):
        assert "In my" in x.text and "Ukrainian bank" in x.text


# ------------------------------------------------------------------ openings
def test_stray_openings_and_preambles():
    text = "The army moved north."
    found = all_injections(inj.inject_stray_openings, text)
    kinds = {x.cls for x in found}
    assert kinds == {"stray token", "preamble", "closing note"}
    for x in found:
        if x.cls == "stray token":
            assert x.text in {t + text for t in inj.STRAY_TOKENS}
        elif x.cls == "preamble":
            assert x.text.endswith(text) and x.text[: -len(text)] in inj.PREAMBLES
        else:
            assert x.text.startswith(text) and x.text[len(text):] in inj.CLOSING_NOTES


# ------------------------------------------------------------------ spacing
def test_space_before_punctuation_one_site_and_every_site():
    text = "Kyiv, the capital, said no. Why?"
    found = all_injections(inj.inject_space_before_punct, text)
    assert "Kyiv , the capital , said no . Why ?" in {x.text for x in found}
    for x in found:
        if x.cls == "one site":
            assert len(x.text) == len(text) + 1 and x.text.replace(" ", "") == text.replace(" ", "")


def test_space_before_punctuation_leaves_decimals_and_abbreviations():
    text = "It cost 3.5 billion in the U.S. and the rest, e.g. fees, went to room No. 5 at 10:30 today."
    for x in all_injections(inj.inject_space_before_punct, text):
        assert "3.5" in x.text and "U.S." in x.text and "e.g." in x.text and "No. 5" in x.text
        assert "10:30" in x.text


# ------------------------------------------------------------------ mojibake
def test_mojibake_round_trips_through_cp1252_and_latin1():
    text = "The caf\u00e9\u2019s owner said \u2018no\u2019 \u2013 twice."
    bad = inj.mojibake(text, "cp1252")
    assert bad != text and "\u00c3\u00a9" in bad
    assert bad.encode("cp1252").decode("utf-8") == text
    bad1 = inj.mojibake(text, "latin-1")
    assert bad1 != text and bad1.encode("latin-1").decode("utf-8") == text


def test_sloppy_cp1252_keeps_undefined_bytes():
    # U+201D is E2 80 9D in UTF-8; cp1252 leaves 0x9D undefined, browsers show it as U+009D.
    bad = inj.sloppy_cp1252_decode("\u201d".encode("utf-8"))
    assert bad == "\u00e2\u20ac\u009d"


def test_injected_mojibake_round_trips():
    text = "Zelensk\u00fd met the caf\u00e9 owner. \u201cWe stay,\u201d he said. Nothing else."
    found = all_injections(inj.inject_mojibake, text)
    assert {x.cls for x in found} >= {"cp1252 whole", "cp1252 part", "latin-1 whole", "latin-1 part"}
    for x in found:
        a, b = x.span
        damaged = x.text[a:b]
        codec = "latin-1" if x.cls.startswith("latin") else "cp1252"
        if codec == "cp1252":
            raw = bytes(inj._CP1252.index(c) for c in damaged)
        else:
            raw = damaged.encode("latin-1")
        assert x.text[:a] + raw.decode("utf-8") + x.text[b:] == text


def test_mojibake_needs_non_ascii():
    assert inj.inject_mojibake("plain ASCII text only", random.Random(0)) is None


# ------------------------------------------------------------------ markup
def test_moses_escape():
    assert inj.moses_escape('Kyiv\'s "AT&T" [1] <b> a|b') == (
        "Kyiv&apos;s &quot;AT&amp;T&quot; &#91;1&#93; &lt;b&gt; a&#124;b")


def test_markup_residue_shapes_undo_to_the_original():
    text = "The Ukrainian army said \u201cno\u201d to the negotiators."
    found = all_injections(inj.inject_markup_residue, text)
    assert {x.cls for x in found} >= {"bpe", "sentencepiece marks", "sentencepiece pieces"}
    for x in found:
        if x.cls == "bpe":
            assert "@@ " in x.text and x.text.replace("@@ ", "") == text
        elif x.cls == "sentencepiece marks":
            assert " " not in x.text and x.text.replace("\u2581", " ").strip() == text
        elif x.cls == "sentencepiece pieces":
            assert x.text.startswith("\u2581The ")
            assert "".join(x.text.split(" ")).replace("\u2581", " ").strip() == text


# ------------------------------------------------------------------ dense
def test_dense_injects_three_to_five_artifacts():
    found = [inj.inject_dense(PARA, random.Random(s)) for s in SEEDS]
    found = [x for x in found if x is not None]
    assert len(found) > len(SEEDS) // 2
    for x in found:
        n = len(x.detail.split(", "))
        assert 3 <= n <= 5 and x.cls == f"{n} artifacts"
        assert x.text != PARA and x.accept == (PARA,)
    assert inj.inject_dense(PARA, random.Random(5)) == inj.inject_dense(PARA, random.Random(5))


# ------------------------------------------------------------------ harness metrics
def _dp(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_levenshtein_matches_the_textbook_algorithm():
    rng = random.Random(0)
    for _ in range(300):
        a = "".join(rng.choice("ab c\u00e9") for _ in range(rng.randint(0, 30)))
        b = "".join(rng.choice("ab c\u00e9") for _ in range(rng.randint(0, 30)))
        assert accuracy.levenshtein(a, b) == _dp(a, b)
    long_a = "x" * 100 + "regionbordering" + "y" * 100
    assert accuracy.levenshtein(long_a, long_a.replace("regionbordering", "region bordering")) == 1


def test_join_segments_keeps_headlines_on_their_own_line():
    assert accuracy.join_segments(["A headline", "First sentence.", "Second one."]) == (
        "A headline\nFirst sentence. Second one.")


def test_load_paragraphs_groups_three_segments_within_a_document(tmp_path):
    cols = ["corpus", "pair", "role", "system", "doc_id", "seg_id", "domain", "lang", "text"]
    rows = [["c", "xx-en", "ref-A", "", "d1", str(i), "news", "en", f"Sentence {i}."] for i in (2, 1, 3, 4)]
    rows += [["c", "xx-en", "ref-A", "", "d2", "1", "news", "en", "Other doc."]]
    rows += [["c", "xx-en", "hyp", "sys", "d1", "9", "news", "en", "Not used."]]
    path = tmp_path / "clean.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    paras = accuracy.load_paragraphs(path)
    assert [p.text for p in paras] == ["Sentence 1. Sentence 2. Sentence 3.", "Sentence 4.", "Other doc."]
    assert paras[0].seg_ids == ["1", "2", "3"] and paras[0].words == 6


def test_candidate_expectation_and_outcome():
    row = {"type": "missing_space_after_punct", "match": "trees.Because",
           "hyp": "They washed the trees.Because it smelled.", "ref": "They washed trees. Because it smelled."}
    exp = accuracy.candidate_expectation(row)
    assert exp[0] == "fix" and exp[3] == "trees. Because"
    s, e = exp[1], exp[2]
    ok, _ = accuracy.candidate_outcome(row["hyp"], [("r", e - 7, e - 7, "", " ")], s, e, exp[3])
    assert ok
    ok, _ = accuracy.candidate_outcome(row["hyp"], [], s, e, exp[3])
    assert not ok
    keep = dict(row, type="lowercased_proper_noun", match="united", hyp="we are united here", ref="we are united now")
    assert accuracy.candidate_expectation(keep)[0] == "keep"
    unsure = dict(row, type="repeated_word", match="had had", hyp="he had had surgery", ref="he underwent surgery")
    assert accuracy.candidate_expectation(unsure)[0] == "unverifiable"


def test_harness_skips_cleanly_without_data(tmp_path, capsys):
    assert accuracy.main(["--data-dir", str(tmp_path / "missing"), "--report-dir", str(tmp_path / "r")]) == 0
    assert "skipping:" in capsys.readouterr().out
