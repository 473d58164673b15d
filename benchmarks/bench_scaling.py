"""Scaling: per-byte cost from 10 kB to 10 MB, and on adversarial shapes of 1 MB."""

from __future__ import annotations

import pytest

import corpus
import mtclean
from conftest import SMALL, measure

SIZES = {"10kB": 10_000, "100kB": 100_000, "1MB": 1_000_000, "10MB": 10_000_000}
# Small inputs are timed over more rounds (one round is a few milliseconds).
ROUNDS = {"10kB": 30, "100kB": 10, "1MB": 3, "10MB": 1}


@pytest.mark.parametrize("size", list(SIZES))
def test_scaling(benchmark, size):
    n = corpus.size(SIZES[size], SIZES[size] // 1000 + 1000)
    text = corpus.news_text(n)
    measure(benchmark, mtclean.normalize, [text], rounds=1 if SMALL else ROUNDS[size], group="scaling",
            kind="scaling", inputs=size)


@pytest.mark.parametrize("shape", list(corpus.ADVERSARIAL))
def test_adversarial(benchmark, shape):
    text = corpus.ADVERSARIAL[shape](corpus.size(1_000_000, 2_000))
    measure(benchmark, mtclean.normalize, [text], rounds=1, group="adversarial 1MB", kind="adversarial",
            inputs=shape)
