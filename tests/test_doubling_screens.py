"""The doubling rules' pre-screens are necessary conditions of their patterns."""

import itertools

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
