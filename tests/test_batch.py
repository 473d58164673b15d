"""normalize_many: same results as normalize, in order, lazily, on a pool."""

from __future__ import annotations

import itertools

import pytest

import mtclean
from mtclean.batch import normalize_many

TEXTS = [
    "Vladimir PutinPutin met kyiv&apos;s envoy in the the Kursk regionbordering Ukraine.",
    "Correct text passes through unchanged.",
    "",
    "It is the the best , they said .",
    "Since last Tuesday, kyiv troops have launched a raid on the Kursk regionbordering both countries.",
    "Der Hund schläft im Garten und die Katze sitzt auf dem Dach, sagte der Nachbar.",
] * 7


def expected(**kw):
    return [mtclean.normalize(t, **kw) for t in TEXTS]


def test_in_process_matches_normalize():
    assert list(normalize_many(TEXTS)) == expected()
    assert list(normalize_many(TEXTS, lang="en")) == expected(lang="en")


def test_disable_and_pipeline_are_honoured():
    assert list(normalize_many(TEXTS, disable=["split_glued_words"])) == expected(disable=["split_glued_words"])
    p = mtclean.default_pipeline().without("remove_doubled_words")
    assert list(normalize_many(TEXTS, pipeline=p, lang="en")) == expected(pipeline=p, lang="en")


@pytest.mark.parametrize("chunksize", [1, 4, 100])
def test_pool_keeps_order_and_matches(chunksize):
    out = list(normalize_many(iter(TEXTS), processes=2, chunksize=chunksize))
    assert out == expected()


def test_pool_honours_lang_disable_pipeline():
    p = mtclean.default_pipeline().without("remove_doubled_words")
    out = list(normalize_many(TEXTS, processes=2, chunksize=3, pipeline=p, disable=["split_glued_words"], lang="en"))
    assert out == expected(pipeline=p, disable=["split_glued_words"], lang="en")


def test_pool_with_spawn_loads_in_fresh_workers():
    out = list(normalize_many(TEXTS[:6], processes=2, chunksize=2, start_method="spawn"))
    assert out == expected()[:6]


def test_lazy_over_the_input():
    pulled = []

    def source():
        for i in itertools.count():
            pulled.append(i)
            yield f"text number {i} is the the same"

    # In process: one text read per result.
    it = normalize_many(source(), lang="en")
    assert [next(it) for _ in range(3)] == ["text number 0 is the same", "text number 1 is the same",
                                            "text number 2 is the same"]
    assert len(pulled) == 3

    # On a pool: an infinite input works, and only a bounded window is read.
    pulled.clear()
    it = normalize_many(source(), lang="en", processes=2, chunksize=5)
    first = list(itertools.islice(it, 20))
    assert first == [f"text number {i} is the same" for i in range(20)]
    it.close()  # shuts the pool down
    assert len(pulled) < 20 + 2 * 5 * 4 + 2 * 5 + 5


def test_nothing_is_read_before_iteration():
    def boom():
        raise AssertionError("read too early")
        yield ""  # pragma: no cover

    normalize_many(boom(), processes=2)  # not iterated: nothing happens
    normalize_many(boom())


def test_errors_surface_in_the_consumer():
    with pytest.raises(TypeError):
        list(normalize_many(["fine", b"bytes"], processes=1))
    with pytest.raises(TypeError):
        list(normalize_many(["fine", b"bytes", "more"], processes=2, chunksize=1))


def test_bad_arguments():
    with pytest.raises(ValueError):
        normalize_many(TEXTS, processes=-1)
    with pytest.raises(ValueError):
        normalize_many(TEXTS, chunksize=0)
    with pytest.raises(ValueError):
        normalize_many(TEXTS, disable=["no_such_rule"])


def test_empty_input():
    assert list(normalize_many([], processes=2)) == []
    assert list(normalize_many([])) == []
