"""Adversarial input shapes, shared by tests/test_worst_case.py and benchmarks/bench_worst_case.py.

Each shape is a function ``n -> text of exactly n characters`` built by
repeating (or drawing, with a fixed seed) an invented unit. They are the
inputs that once made mtclean slow (quadratic or worse, or simply hundreds
of times the cost of prose) and the ones found while looking for more.
No corpus text is used.
"""

from __future__ import annotations

import random
import time
from typing import Callable

import mtclean

__all__ = ["SHAPES", "PROSE_UNIT", "cpu_per_char", "repeat_to", "shape"]

PROSE_UNIT = (
    "The committee met on Tuesday to discuss the budget, and the members agreed "
    "that more work was needed before a vote. "
)


def repeat_to(unit: str, n: int) -> str:
    """``unit`` repeated and cut to exactly ``n`` characters.

    >>> repeat_to("ab", 5)
    'ababa'
    """
    return (unit * (n // len(unit) + 1))[:n]


def cpu_per_char(text: str, lang: str | None, rounds: int) -> float:
    """Best CPU seconds per character of ``mtclean.normalize(text, lang=lang)`` over ``rounds`` calls."""
    # CPU time of this process, not wall time: on a loaded machine a long
    # call is descheduled more often than a short one, which would bias a
    # ratio of two sizes upward.
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        mtclean.normalize(text, lang=lang)
        best = min(best, time.process_time() - t0)
    return best / len(text)


def _distinct_words(n: int, *, sep: str = " ", cap: bool = True, end: str = ".") -> str:
    rnd = random.Random(n)
    letters = "abcdefghijklmnopqrstuvwxyz"
    out: list[str] = []
    size = 0
    while size < n:
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(3, 8)))
        w = (w.capitalize() if cap else w) + end
        out.append(w)
        size += len(w) + len(sep)
    return sep.join(out)[:n]


def _spaced_hyphens(n: int) -> str:
    words = _distinct_words(n, cap=False, end="").split()
    units = [f"{a} - {b} {c}-{d}" for a, b, c, d in zip(words[::4], words[1::4], words[2::4], words[3::4])]
    return repeat_to(" ".join(units) + " ", n)


def _r(unit: str) -> Callable[[int], str]:
    return lambda n: repeat_to(unit, n)


# name -> generator. Names are stable: tests and benchmarks refer to them.
SHAPES: dict[str, Callable[[int], str]] = {
    "prose_repeated": _r(PROSE_UNIT),
    # encoding
    "mojibake_nospace": _r("cafÃ©Ã¨"),
    "mojibake_spaced": _r("cafÃ© dÃ©jÃ  "),
    "glued_mojibake_lines": _r("ZÃ¼richâ€œx" * 8 + "\n"),
    "json_accents": _r('{"nom":"café","ville":"Zürich","a":[1,2,3]},'),
    "json_mojibake": _r('{"nom":"cafÃ©","ville":"ZÃ¼rich"},'),
    "zurich_long_line": _r("Zürich" + "x" * 40 + "”"),
    "entities": _r("&amp;"),
    "entities_spaced": _r("Kyiv&apos;s &quot;x&quot; "),
    "nested_entity": lambda n: ("&" + repeat_to("amp;", n))[: n - 5] + "quot;",
    # punctuation and tokens
    "punct_words": _r("word,other;thing:stuff.more!"),
    "dotted_caps": _r("Ab.Cd."),
    "a_dot": _r("a."),
    "distinct_capital_words": lambda n: _distinct_words(n),
    "distinct_glued_words": lambda n: _distinct_words(n, sep="", end=""),
    "distinct_lower_dotted": lambda n: _distinct_words(n, cap=False),
    "nospace_letters": _r("abcdefghij"),
    "one_letter_run": _r("a"),
    "dot_run": _r("."),
    "comma_run": _r(","),
    "bang_question_run": _r("?!"),
    "dash_run": _r("-"),
    "spaced_punct": _r("word , word . "),
    "fullwidth_punct": _r("yes！no？"),
    # one long line of double spaces: each run judged its line again
    "double_spaced_line": _r("word  word,  "),
    "quotes": _r('"a" '),
    "nested_quotes": _r("“‘«„a“»’” "),
    "open_quotes": _r("“a «b „c ‘d "),
    "backticks": _r("`a "),
    "urls": _r("see http://x.com/a?b=c and @user #tag "),
    "dotted_domains": _r("a.com.b.org."),
    "at_signs": _r("a@b.c@d."),
    # glue, doubling, casing
    "glued_names": _r("PutinPutin "),
    "the_the": _r("the "),
    "repeat_phrase": _r("we are going to the "),
    "capital_words": _r("Word "),
    # found by benchmarks/case_shapes.py: each candidate searched its line or the text again
    "capital_after_comma": _r("But for now, The incursion goes on. "),
    "doubled_name_kept": _r("A week in Bora Bora. "),
    # a spaced hyphen between distinct words, and distinct hyphenated words: every
    # candidate asks whether the text writes its joined form
    "spaced_hyphens_distinct": lambda n: _spaced_hyphens(n),
    "lower_sentences": _r("this is it. "),
    "glued_sentences": _r("months.said the man.“The "),
    "camel_soup": _r("theKursk regionbordering AndThe "),
    "lower_names": _r("kyiv and putin "),
    "pronoun_i": _r("i think i'm "),
    "stray_opening": _r("ANDThe cat\n"),
    "shouting": _r("THE CAT SAT ON THE MAT. "),
    # markup and residue
    "unk_tokens": _r("<unk> "),
    "unk_glued": _r("<unk>"),
    "bpe": _r("transl@@ ation "),
    "sentencepiece": _r("▁The ▁cat "),
    "html_tags": _r("<p>a <b>b</b></p>"),
    "preamble_lines": _r("Here is the translation:\n"),
    "note_lines": _r("Note: translated by a tool.\n"),
    # lines and characters
    "short_lines": _r("Hi.\n"),
    "blank_lines": _r("\n"),
    "crlf_lines": _r("a b\r\n"),
    "control_chars": _r("a\x00b\x01\x7f\x1b c "),
    "zero_width": _r("a\u200bb\u200c \u2060d\ufeff "),
    "rtl": _r("مرحبا بالعالم hello שלום \u200f"),
    "combining": _r("e\u0301\u0300 "),
    "zalgo": lambda n: "a" + repeat_to("\u0301", n - 1),
    "emoji": _r("😀👍🏽 👨\u200d👩\u200d👧 "),
    "mixed_script": _r("aбcдeф"),
    "cjk": _r("東京は大きい。"),
    "digits": _r("1.234,5 6:30 "),
}


def shape(name: str, n: int) -> str:
    """The shape ``name`` at ``n`` characters.

    >>> len(shape("entities", 100))
    100
    """
    return SHAPES[name](n)
