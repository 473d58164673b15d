"""Throughput: mtclean against ftfy.fix_text and a wordninja splitter, same inputs, same run."""

from __future__ import annotations

import re

import ftfy
import pytest
import wordninja

import mtclean
from conftest import measure

_NINJA = wordninja.DEFAULT_LANGUAGE_MODEL
_LETTERS = re.compile(r"[A-Za-z]{6,}")


def wordninja_fix(text: str) -> str:
    """The usual glue fixer: every 6+ letter token wordninja does not know is split by it."""
    known = _NINJA._wordcost

    def fix(m: re.Match) -> str:
        w = m.group()
        return w if w.lower() in known else " ".join(_NINJA.split(w))

    return _LETTERS.sub(fix, text)


CONTENDERS = {
    "mtclean": mtclean.normalize,
    "mtclean-en": lambda t: mtclean.normalize(t, lang="en"),
    "ftfy": ftfy.fix_text,
    "wordninja": wordninja_fix,
}
INPUTS = {
    "clean-paragraphs": "clean_paragraphs",
    "artifact-paragraphs": "artifact_paragraphs",
    "document-10MB": "document_10mb",
    "snippets-200B": "snippets_200b",
}


@pytest.mark.parametrize("contender", list(CONTENDERS))
@pytest.mark.parametrize("inputs", list(INPUTS))
def test_throughput(benchmark, request, inputs, contender):
    texts = request.getfixturevalue(INPUTS[inputs])
    rounds = 1 if inputs == "document-10MB" else None
    measure(benchmark, CONTENDERS[contender], texts, rounds=rounds, group=f"throughput {inputs}",
            kind="throughput", inputs=inputs, contender=contender)
