"""Rules that run their patterns only on the lines a screen picks find exactly what a whole-text run finds.

Each finder is run twice on random multi-line texts: as it is, and with
``line_matches`` replaced by the whole-text scan (``pattern.finditer(text)``,
the lines ignored). The candidates must be equal.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings, strategies as st

from mtclean.rule import Context
from mtclean.rules import _common, doubling, residue, sentences, spacing, whitespace


def _whole_text(pattern, text, lines):
    list(lines)  # (the screen still runs: its own errors show)
    return pattern.finditer(text)


def _both(module, finder, text: str, lang: str = "en", name: str = "line_matches", whole=_whole_text) -> tuple[list, list]:
    windowed = list(finder(text, Context(lang)))
    with mock.patch.object(module, name, whole):
        whole = list(finder(text, Context(lang)))
    return windowed, whole


def _texts(alphabet: list[str], max_size: int = 40):
    return st.lists(st.sampled_from(alphabet), max_size=max_size).map("".join)


_LINE_BREAKS = ["\n", "\n", "\n\n", " \n", "\t\n"]

# ---------------------------------------------------------------- fix_stray_period
_STRAY = ["front", "city", "Ukraine", "etc", "NATO", "ab", ". ", ".", " ", "where", "which", "who", "whom", "whose",
          "whereas", "while", "what", "whoever", "é", "x."] + _LINE_BREAKS


@given(_texts(_STRAY))
@example("in Ukraine. where\nthe city. which")
@example("front.\nwhere front. who")  # a period at a line end: no match across the break
def test_stray_period_lines_equal_whole_text(text):
    windowed, whole = _both(spacing, spacing._find_stray_period, text)
    assert windowed == whole


# ---------------------------------------------------------------- fix_space_before_punctuation
_BEFORE = ["word", "Kyiv", "a", "1", "%", " ", " ", "\t", ".", "...", ",", ";", ":", "!", "?", ")", "]", "(", "[", "¿", "¡",
           "n't", "N'T", "n’t", "'s", "’re", "'LL", '"', "”", "»", "@", "www", "gmail", "com", "é"] + _LINE_BREAKS


@settings(max_examples=400)
@given(_texts(_BEFORE), st.sampled_from(["en", "fr", "de"]))
@example("word .\n( word )", "en")
@example("do N'T\nit 's", "en")  # upper-case contraction: the line screen ignores case too
@example("word ;\nword :", "fr")
@example("x )\n(", "en")  # a bracket closed on the next line is no pair
@example("a@ gmail .\ncom", "en")
def test_space_before_lines_equal_whole_text(text, lang):
    windowed, whole = _both(spacing, spacing._find_space_before_all, text, lang)
    assert windowed == whole


# ---------------------------------------------------------------- join_spaced_hyphens
_HYPHENS = ["re", "elected", "re-elected", "Twenty", "five", "S", "COVID", "300", "19", "1", " - ", " - ", "-", " ", "'",
            ".", ",", ":", "/", "é"] + _LINE_BREAKS


@given(_texts(_HYPHENS))
@example("re - elected\nre-elected")
@example("S - 300\n.5 - 3")
@example("re - elected.\n5")  # a lookahead that stops at the line's end
def test_spaced_hyphens_lines_equal_whole_text(text):
    windowed, whole = _both(whitespace, whitespace._find_spaced_hyphens, text)
    assert windowed == whole


# ---------------------------------------------------------------- remove_unk_tokens
_UNK = ["<unk>", "<UNK>", "[UNK]", "<unk/>", "<unk />", "<Unk>", "<un\u212a>", "<unk", "\n>", "k>", "unk", "\ufe0f", "\u200d",
        " ", " ", "\t", "word", "Folgen", "комп", "ютер", "it", "s", ".", ",", ")", "„", "“", '"', "«", "»", "13", "7"] + _LINE_BREAKS


@settings(max_examples=400)
@given(_texts(_UNK), st.sampled_from(["en", "de", "uk"]))
@example("The <unk> said\nwe <unk>.", "en")
@example("a <unk\n> b <unk>", "en")  # a token across a line break: the whole text, as one piece
@example("a <unk \t\n\n/> b\nunk", "en")
@example("vor <unk>Folgen\n<unk>. und <unk>Folgen<unk>.", "de")  # a pair is looked for on the line only
@example("<un\u212a>\n<unk>\ufe0f", "en")  # the Kelvin sign folds to k
def test_unk_lines_equal_whole_text(text, lang):
    windowed, whole = _both(residue, residue._find_unk, text, lang)
    assert windowed == whole


# ---------------------------------------------------------------- capitalise_sentence_start
_SENTENCES = ["the", "The", "one", "One", "i", "i'm", "I", "iPhone", "curses", "com", "to", "5", "XVIII", "U.S.", "p.m.", "etc",
              "e.g.", "J.", ". ", ".", "! ", "? ", ": ", "1. ", "2) ", "12.", "...", "…", " ", " ", "\t", '"', "“", "«", "(",
              "@bob", "é", "Élan", "ǅ"] + _LINE_BREAKS


@settings(max_examples=400)
@given(_texts(_SENTENCES, 50))
@example("It was late. the blinds broke.\nThe end. \nthe next")
@example("one line\nthe wrapped line. It goes on.")
@example("It is here. the only lower start")  # a lone lower-case start: the capitals are counted
@example("text: 1. the item\n2. the other")
def test_sentence_start_lines_equal_whole_text(text):
    windowed, whole = _both(
        sentences, sentences._find_sentence_start, text, name="_start_matches",
        whole=lambda text, lines: _whole_text(sentences._START, text, lines),
    )
    assert windowed == whole


@settings(max_examples=400)
@given(_texts(_SENTENCES + [": ", ":\t", ".  ", "!\t", "? ", "1. ", "2) ", "“", '"'], 50))
@example("a.\n x. 1. b: 2. c")
def test_start_matches_equal_line_matches(text):
    # _START tried only after marks and at line starts: the same matches, on any lines.
    lines = []
    start = 0
    for i, ch in enumerate(text + "\n"):
        if ch == "\n":
            lines.append((start, i))
            start = i + 1
    assert [m.span() for m in sentences._start_matches(text, lines)] == [m.span() for m in sentences._START.finditer(text)]
    for chosen in (lines, lines[1::2]):
        got = [m.span() for m in sentences._start_matches(text, chosen)]
        assert got == [m.span() for m in _common.line_matches(sentences._START, text, chosen)]


# ---------------------------------------------------------------- remove_doubled_words
_DOUBLES = ["the", "The", "THE", "had", "you", "it", "Will", "will", "in", "for", "cared", "Bora", "die", "mit", "Σ", "σ", "ς",
            "ΟΔΟΣ", "οδοσ", "ß", "ẞ", "k", "\u212a", "½", "2", "\u0301", "é", " ", " ", "\t", "'", "’", "-", "/", '"', "«",
            ".", ","] + _LINE_BREAKS


@settings(max_examples=400)
@given(_texts(_DOUBLES), st.sampled_from(["en", "de", "fr"]))
@example("the the\nregion", "en")
@example("The the region\nthe The", "en")  # equal but for the case of the first letter
@example("the\nthe region the  the", "en")  # copies on two lines are no double
@example("ΟΔΟΣ οδοσ\nthe the", "en")  # a match the case-blind pattern finds but the rule drops
@example("Die Stadt, die die\nBrücke", "de")
def test_doubled_words_lines_equal_whole_text(text, lang):
    windowed, whole = _both(doubling, doubling._find_doubled_words, text, lang)
    assert windowed == whole


@settings(max_examples=400)
@given(_texts(_SENTENCES, 50))
@example("It ends.\n the next\nline goes\n\tx")
@example("“Go!”\n  and then\nthe end.)\nsee")
def test_lower_lines_count_equals_findall(text):
    assert sentences._lower_lines(text) == len(sentences._LOWER_LINE.findall(text))


def test_lower_start_lines_pick_each_line_once():
    text = "A. b. c. d\nNo lower. None\n\nx y. z"
    assert list(sentences._lower_start_lines(text)) == [(0, 10), (27, 33)]


def test_screened_lines_and_line_matches():
    import re

    text = "ab\nxab ab\n\nab"
    assert list(_common.screened_lines(text, "ab")) == [(0, 2), (3, 9), (11, 13)]
    assert list(_common.screened_lines(text, re.compile("x"))) == [(3, 9)]
    # A pattern whose lookahead reads the "\n": it is seen, and the next line is not scanned.
    pat = re.compile(r"b(?=\n)|^x", re.M)
    assert [m.span() for m in _common.line_matches(pat, text, [(3, 9)])] == [(3, 4), (8, 9)]



# ---------------------------------------------------------------- remove_repetition_loops
# A long text is screened window by window; the whole text is screened only
# when a passing window's cut splits a word. The reference below screens the
# whole text first, as the rule did before: the candidates must be equal.
def _loops_screening_the_whole_text_first(text: str) -> list:
    if not doubling._has_near_repeat(_common.lower_word_list(text, Context("en"))):
        return []
    return list(doubling._find_loops(text, Context("en")))


_LOOP_WORDS = ["in the region ", "the ", "region ", "of ", "x", "city", ". ", "\n", "é", "bla ", "Bla "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_LOOP_WORDS), min_size=1, max_size=60).map("".join), st.integers(0, 9000))
@example("in the region " * 4, 0)
@example("re" + "gion in the regi", 8180)  # a hard cut inside a word: the whole text decides
def test_window_screens_of_long_texts_equal_screening_the_whole_text(body, filler):
    # Filler with no line or sentence end: windows are cut hard, inside words.
    text = "x" * filler + " " + body + " " + "y" * (doubling._WINDOW - len(body) % 97)
    assert len(text) > doubling._WINDOW
    assert list(doubling._find_loops(text, Context("en"))) == _loops_screening_the_whole_text_first(text)


def test_a_loop_in_a_long_text_is_found_window_by_window():
    import random

    rng = random.Random(0)
    words = "city said would open river north market school paper garden".split()
    filler = " ".join(f"{rng.choice(words)} {i} {rng.choice(words)}." for i in range(1500))
    text = filler + " attacks in the region in the region in the region continued."
    assert len(text) > doubling._WINDOW
    assert doubling.remove_repetition_loops(text) == filler + " attacks in the region continued."


# ---------------------------------------------------------------- fix_space_after_punctuation's pieces
_AFTER = ["Ab", "Cd", "word", "said", "the", "(see", "above)", ".", ",", ";", ":", "!", "?", ")", '"', "“", "”", "é",
          "Zürich", " ", ". ", "www.x.com", "U.S.", "1"] + _LINE_BREAKS


def _space_after(text: str, window: int) -> list:
    with mock.patch.object(spacing, "_WINDOW", window):
        return sorted(spacing._find_space_after(text, Context("en")))


@settings(max_examples=300)
@given(_texts(_AFTER, max_size=60), st.integers(5, 40))
@example("Ab.Cd.Ab.Cd.Ab.Cd.", 7)  # a text without spaces is cut inside a word, next to a mark
@example('a"Fear said"x. Ab.”the', 6)
def test_space_after_pieces_find_what_the_whole_text_finds(text, window):
    # Each piece is a range of the text: a mark at a piece's edge is judged
    # with the words on both sides (it used to be missed, and only a second
    # pass found it).
    assert _space_after(text, window) == _space_after(text, 10**9)
