"""The doubling rules' pre-screens are necessary conditions of their patterns."""

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from mtclean.rule import Context
from mtclean.rules.doubling import has_adjacent_equal
from mtclean.rules.repeats import _CAP_DOUBLE, _may_double_capitalised

WORDS = ["Moscow", "O'Neil", "O’Neil", "Children's", "Jones'", "TIME", "CSKA", "İstanbul", "Ǆemal", "the", "L'Oréal"]
GLUE = [" ", "\t", "  ", " \t"]
AROUND = [("", ","), ("(", ")"), ("in ", "."), ("«", "»"), ("", ""), ("-", " x"), ("3", "!")]


def test_capitalised_double_screen_passes_every_match():
    for w1, glue, (pre, post) in itertools.product(WORDS, GLUE, AROUND):
        for w2 in (w1, w1.lower(), w1.upper()):
            text = f"{pre}{w1}{glue}{w2}{post}"
            if _CAP_DOUBLE.search(text):
                assert _may_double_capitalised(text, Context()), text


def test_adjacent_equal_ignores_case():
    assert has_adjacent_equal("the The end", Context())
    assert not has_adjacent_equal("the end the", Context())


# ---------------------------------------------------------------- _word_before read backwards
@given(st.text(alphabet=list("ab é\n.,:;!?\t(\"'-1"), max_size=60), st.integers(0, 60))
@example("word\n", 5)
@example("word\n\n", 6)
@example("a b c d e f g h i j k l m n o p q r s t u v w x y z abcdefghij", 60)
def test_word_before_reads_what_the_pattern_search_finds(piece, pos):
    from mtclean.rules import doubling

    pos = min(pos, len(piece))
    m = doubling._PREV_WORD.search(piece[max(0, pos - 40):pos])
    assert doubling._word_before(piece, pos) == (m.group(1) if m else "")
