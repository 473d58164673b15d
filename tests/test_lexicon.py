"""The compact word table of the wordfreq-backed languages: same answers as a dict."""

from __future__ import annotations

import itertools
import pickle

import pytest
import wordfreq
from hypothesis import given
from hypothesis import strategies as st

from mtclean import lexicon
from mtclean.lexicon import HashedWords


def _as_dict(pairs: list[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for w, v in pairs:
        out[w] = v  # the later pair wins, as dict.update over the buckets
    return out


@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=12), st.integers(1, 255)), max_size=200),
    st.lists(st.text(max_size=12), max_size=50),
)
def test_hashed_words_answers_as_a_dict(pairs, others):
    # Later buckets hold rarer words: a repeated word keeps the smaller
    # value, as the dict does when the pairs come in that order.
    pairs = sorted(pairs, key=lambda p: -p[1])
    table, want = HashedWords(pairs), _as_dict(pairs)
    for w in itertools.chain(want, others):
        assert table.get(w, 0) == want.get(w, 0)
        assert (w in table) == (w in want)


def test_keys_sorted_in_runs_and_merged(monkeypatch):
    # Large tables are sorted in runs of _RUN keys and merged.
    monkeypatch.setattr(HashedWords, "_RUN", 7)
    pairs = [(f"w{i}", 1 + i % 200) for i in range(100)] + [("w5", 1)]
    table, want = HashedWords(pairs), _as_dict(pairs)
    assert all(table.get(w) == v for w, v in want.items() if w != "w5")
    assert table.get("w5") == 1 and "w100" not in table


def test_strings_with_the_same_stored_bytes_are_told_apart():
    # CPython hashes a string's stored bytes: "x0" (1-byte characters) and
    # U+3078 (stored as the bytes "x0") hash alike; 'ab\x00\x00' style
    # pairs of the 4-byte kind as well.
    assert hash("x0") == hash("\u3078")
    table = HashedWords([("x0", 22), ("\u3078", 12)])
    assert table.get("x0") == 22 and table.get("\u3078") == 12
    assert "\u3078" not in HashedWords([("x0", 22)])


def test_hashed_words_cannot_be_iterated_or_miss_silently():
    table = HashedWords([("kot", 40)])
    with pytest.raises(TypeError):
        list(table)
    with pytest.raises(KeyError):
        table["pies"]
    assert table["kot"] == 40 and 3 not in table  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["uk", "fr"])
def test_wordfreq_table_matches_the_list_it_was_read_from(lang):
    path = wordfreq.available_languages("best")[lang]
    want: dict[str, int] = {}
    for i, bucket in enumerate(wordfreq.read_cBpack(path)[:800]):
        want.update(dict.fromkeys(bucket, round(90 - i / 10)))
    words = lexicon._load_wordfreq(lang).words
    assert isinstance(words, HashedWords)
    assert all(words.get(w, 0) == v for w, v in want.items())
    assert not any(w + "\u0416q" in words for w in itertools.islice(want, 20000))


def test_a_pickled_table_is_the_loaded_one_in_the_other_process():
    # The keys are this process's hashes: unpickling asks for the table again.
    words = lexicon.get_lexicon("uk").words
    assert pickle.loads(pickle.dumps(words)) is lexicon.get_lexicon("uk").words


def test_unknown_words_of_a_hashed_table():
    from mtclean.rule import Context
    from mtclean.rules._common import unknown_words

    text = "Це був дуже гарний день у Києві, сказав Зеленськийй."
    got = unknown_words(text, Context(lang="uk"))
    assert "Зеленськийй" in got and not {"дуже", "гарний", "день", "сказав"} & got
