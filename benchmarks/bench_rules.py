"""The cost of each rule of the default pipeline, alone, on 1 MB of clean and of damaged text.

A rule alone pays for the facts it shares with other rules within one call
(the word set, protected spans); in the pipeline the first rule to ask pays.
``python benchmarks/profile_rules.py`` gives the in-pipeline breakdown.
"""

from __future__ import annotations

import pytest

import corpus
import mtclean
from conftest import measure
from mtclean.rule import Context

RULES = {r.name: r for r in mtclean.default_pipeline().rules}


@pytest.fixture(scope="module")
def clean_doc(clean_paragraphs) -> list[str]:
    return ["\n\n".join(clean_paragraphs)]


@pytest.fixture(scope="module")
def artifact_doc(artifact_paragraphs) -> list[str]:
    return ["\n\n".join(artifact_paragraphs)]


@pytest.mark.parametrize("rule", list(RULES))
@pytest.mark.parametrize("inputs", ["clean", "artifacts"])
def test_rule(benchmark, request, inputs, rule):
    texts = request.getfixturevalue(f"{'clean' if inputs == 'clean' else 'artifact'}_doc")
    r = RULES[rule]
    measure(benchmark, lambda t: r.edits(t, Context("en")), texts, group=f"rule on {inputs} 1MB",
            kind="rule", inputs=inputs, rule=rule)


@pytest.mark.parametrize("rule", list(RULES))
@pytest.mark.parametrize("shape", list(corpus.ADVERSARIAL))
def test_rule_adversarial(benchmark, shape, rule):
    n = corpus.size(100_000, 2_000)
    text = corpus.ADVERSARIAL[shape](n)
    r = RULES[rule]
    measure(benchmark, lambda t: r.edits(t, Context("en")), [text], rounds=1, group=f"rule on {shape} 100kB",
            kind="rule-adversarial", inputs=shape, rule=rule)
