"""A long text is read in blocks of paragraphs (Pipeline._run_blocks)."""

from __future__ import annotations

import random

import mtclean
from mtclean import pipeline
from mtclean.edits import apply_edits

_WORDS = "the committee met on monday and said that its members would vote again next week in the city".split()
_ARTIFACTS = ["said.Then", "the the", "PutinPutin", "said ,", "<unk>"]


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(20, 60))]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(_ARTIFACTS))
    return "The " + " ".join(words) + "."


def _long_text(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < chars:
        out.append(_paragraph(rng))
        n += len(out[-1]) + 2
    return "\n\n".join(out)


def test_a_long_text_is_cut_at_blank_lines_into_blocks():
    text = _long_text(3 * pipeline._BLOCK)
    blocks = pipeline._blocks(text)
    assert blocks is not None and len(blocks) >= 2
    assert blocks[0][0] == 0 and blocks[-1][1] == len(text)
    for (s1, e1), (s2, _) in zip(blocks, blocks[1:]):
        assert e1 == s2 and text[e1 - 2:e1] == "\n\n" and text[e1] != "\n"
        assert e1 - s1 >= pipeline._BLOCK
    assert pipeline._blocks(text[: pipeline._BLOCKS_FROM - 1]) is None
    assert pipeline._blocks("x" * (3 * pipeline._BLOCK)) is None  # nowhere to cut
    # No blank line: cut after a line break.
    lines = text.replace("\n\n", "\n")
    line_blocks = pipeline._blocks(lines)
    assert line_blocks is not None and len(line_blocks) >= 2
    assert all(lines[e - 1] == "\n" and lines[e] != "\n" for _, e in line_blocks[:-1])


def test_each_block_is_repaired_as_a_text_of_its_own_and_edits_point_into_the_input():
    text = _long_text(3 * pipeline._BLOCK)
    ex = mtclean.explain(text, lang="en", suggestions=True)
    assert ex.edits and apply_edits(text, ex.edits) == ex.text
    for e in ex.edits + ex.suggestions + ex.findings:
        assert text[e.start:e.end] == e.before
    blocks = pipeline._blocks(text)
    assert ex.text == "".join(mtclean.normalize(text[s:e], lang="en") for s, e in blocks)
    assert mtclean.normalize(ex.text, lang="en") == ex.text


def test_only_the_first_block_holds_an_opening_line_and_only_the_last_a_closing_note():
    body = _long_text(3 * pipeline._BLOCK, seed=2)
    cut = pipeline._blocks(body)[1][0]  # where the second block starts
    opening, note = "Translation:\n\n", "\n\nNote: this translation keeps the names."
    # Inside the text, at a block's edges: left alone.
    inner = body[:cut] + opening + body[cut:]
    inner_blocks = pipeline._blocks(inner)
    assert inner_blocks[1][0] == cut  # the opening line starts a block
    assert opening in mtclean.normalize(inner, lang="en")
    first_end = inner_blocks[0][1]
    inner_note = inner[: first_end - 2] + note + inner[first_end - 2:]
    assert note in mtclean.normalize(inner_note, lang="en")
    # At the text's own start and end: removed, as in a short text.
    out = mtclean.normalize(opening + body + note, lang="en")
    assert not out.startswith("Translation:") and "Note: this translation" not in out


def test_a_long_text_that_is_not_ascii_comes_back_whole_from_its_utf8_blocks():
    # Such a text's blocks are joined as UTF-8 (less memory): wide and
    # narrow blocks, astral characters, lone and paired surrogates, a NUL:
    # all back as they were, and the same text as a join of the blocks.
    body = _long_text(4 * pipeline._BLOCK, seed=3)
    cuts = [s for s, _ in pipeline._blocks(body)]
    extras = ["caf\u00e9 ", "\U0001F600 ", "\ud800 ", "\ud83d\ude00 ", "\x00 ", "\u0416 "]
    pieces = []
    for i, (s, e) in enumerate(zip(cuts, cuts[1:] + [len(body)])):
        pieces.append(extras[i % len(extras)] + body[s:e])
    text = "".join(pieces)
    assert not text.isascii()
    ex = mtclean.explain(text, lang="en")
    assert ex.edits and apply_edits(text, ex.edits) == ex.text
    assert ex.text == "".join(mtclean.normalize(text[s:e], lang="en") for s, e in pipeline._blocks(text))
    for ch in ("\u0416", "caf\u00e9"):
        assert ex.text.count(ch) == text.count(ch)
    # (surrogates and NULs are the rules' to repair: whatever they
    # decide, the join of the blocks above is the same text)
