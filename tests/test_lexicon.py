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


# ---------------------------------------------------------------- packed tables (the shipped English lexicon)

from mtclean.lexicon import LexiconWords, PackedWords, pack_table, unpack_table  # noqa: E402


@given(
    st.lists(st.tuples(st.text(min_size=0, max_size=12), st.integers(0, 65535)), max_size=300),
    st.lists(st.text(max_size=12), max_size=80),
)
def test_packed_words_answer_as_a_dict(pairs, others):
    table, want = PackedWords.from_items(pairs), _as_dict(pairs)
    assert len(table) == len(want) and dict(table.items()) == want and sorted(table) == sorted(want)
    for w in itertools.chain(want, others, (w + "x" for w in want), (w.upper() for w in want)):
        assert table.get(w, -1) == want.get(w, -1)
        assert (w in table) == (w in want)
        assert (table.index(w) >= 0) == (w in want)
    restored = pickle.loads(pickle.dumps(table))
    assert dict(restored.items()) == want
    assert dict(PackedWords.from_sections(table.sections()).items()) == want


def test_packed_words_are_exact_when_hashes_collide():
    # "plumless" and "buckeroo" have the same CRC-32: both are found, each
    # with its own value, and neither answers for the other.
    import zlib

    assert zlib.crc32(b"plumless") == zlib.crc32(b"buckeroo")
    table = PackedWords.from_items([("plumless", 1), ("buckeroo", 2)])
    assert table.get("plumless") == 1 and table.get("buckeroo") == 2
    assert "buckeroo" not in PackedWords.from_items([("plumless", 1)])


def test_packed_words_look_up_anything_without_raising():
    table = PackedWords.from_items([("kot", 1), ("\u0416", 2)])
    assert table.get("\ud800", 0) == 0 and "x\udfffy" not in table and table.get("", 0) == 0
    assert table.get("\u0416") == 2 and 3 not in table  # type: ignore[operator]
    with pytest.raises(KeyError):
        table["pies"]


def test_the_english_lexicon_is_a_dict_of_frequent_words_and_packed_rest():
    lex = lexicon.get_lexicon("en")
    words = lex.words
    assert isinstance(words, LexiconWords)
    assert len(words) == len(words.frequent) + len(words.rare) > 300_000
    assert len(words.frequent) < 50_000  # the rest is packed
    # Every packed word is its own lower case and not a frequent one.
    sample = list(itertools.islice(words.rare, 0, None, 97))
    assert all(w.islower() and w == w.lower() and w not in words.frequent for w in sample)
    assert all(words.get(w) == words[w] == words.rare.get(w) and w in words for w in sample)
    assert "region" in words.frequent and "regionbordering" not in words and "Region" not in words
    # A pickled table is the loaded one again, not a copy.
    assert pickle.loads(pickle.dumps(words)) is words
    assert pickle.loads(pickle.dumps(lex)).zipf("aardwolf") == lex.zipf("aardwolf") > 0


def test_unknown_and_capitalised_in_answer_as_the_whole_sets():
    lex = lexicon.get_lexicon("en")
    words = lex.words
    rare = list(itertools.islice(words.rare, 0, None, 211))
    probe = frozenset(rare + [w.title() for w in rare[:200]] + [w + "qz" for w in rare[:200]]
                      + list(itertools.islice(words.frequent, 0, None, 7)) + ["kyiv", "Kyiv", "nato", "iphone", ""])
    assert words.unknown(probe) == frozenset(w for w in probe if w not in words)
    for ratio in (0.5, 1.0, -1.0):
        assert lex.capitalised_in(probe, ratio) == probe & lex.capitalised_words(ratio)
    assert {"kyiv", "nato"} <= lex.capitalised_in(probe, 0.5)


def test_a_packed_table_gives_back_the_dicts_it_was_made_of():
    rng = __import__("random").Random(5)
    words = {f"w{i}": rng.randrange(1, 78) + 256 * rng.choice([0, rng.randrange(8, 57)]) for i in range(3000)}
    words.update({"the": 77, "Kyiv": 25})  # (a key not its own lower case stays in the dict)
    forms = {f"w{i}": (f"W{i}X", rng.randrange(-24, 25)) for i in range(0, 4000, 3)}
    forms["odd"] = ("ÖDD", 3)  # (its lower case is not its key: kept in the dict)
    lex = unpack_table("xx", pack_table(words, forms, "a test table"))
    assert dict(lex.words.items()) == words
    for w in list(words) + list(forms) + ["absent", "W1X"]:
        assert lex.words.get(w, 0) == words.get(w, 0)
        assert lex._form(w) == forms.get(w)


def test_scowl_levels_are_packed_and_exact():
    from mtclean.rules.casing import ScowlLevels, _scowl_levels, scowl_rows

    rows = list(scowl_rows(["# header", "felicity\t35\t50", "miller\t20\t", "a\t\t10", "miller\t\t30"]))
    levels = ScowlLevels(rows)
    assert levels.get("felicity") == (35, 50) and levels.get("a") == (99, 10)
    assert levels.get("miller") == (99, 30)  # a word given twice: its later row
    assert levels.get("zelenskyy") == (99, 99) and levels.get("Felicity", (1, 1)) == (1, 1)
    assert dict(ScowlLevels.unpack(levels.pack("c")).items()) == dict(levels.items())
    shipped = _scowl_levels()
    assert len(shipped) > 90_000 and shipped.get("felicity") != (99, 99)


def test_packed_lookups_answer_the_same_once_remembered_and_after_forgetting():
    from unittest import mock

    from mtclean.lexicon import PackedWords

    items = [(f"w{i}x", i % 200 + 1) for i in range(300)]
    table = PackedWords.from_items(items)
    asked = [w for w, _ in items] + [f"absent{i}" for i in range(50)]
    expected = {w: dict(items).get(w, 0) for w in asked}
    with mock.patch.object(PackedWords, "_SEEN_KEPT", 16):  # forgets every 16 words
        for _ in range(3):
            assert {w: table.get(w) for w in asked} == expected
            assert all((w in table) == (w in dict(items)) for w in asked)


@given(st.lists(st.frozensets(st.sampled_from([f"w{i}" for i in range(40)] + ["kyiv", "the", "nato", "Kyiv", "aardwolf"]),
                              max_size=30), min_size=1, max_size=8))
def test_answers_carried_from_the_last_word_set_are_the_direct_ones(sets):
    # Text versions of one call share most words: the words of the last big
    # set keep their answers. Made small here so every set is carried.
    from unittest import mock

    from mtclean.lexicon import _LastAnswer

    lex = lexicon.get_lexicon("en")
    words = lex.words
    with mock.patch.object(_LastAnswer, "CARRY_MIN", 1):
        for ws in sets:
            assert words.unknown(ws) == words._unknown(ws)
            for ratio in (0.5, -1.0):
                assert lex.capitalised_in(ws, ratio) == lex._capitalised_among(ws, ratio)


def test_the_carried_answer_drops_the_words_a_set_no_longer_has():
    from mtclean.lexicon import _LastAnswer

    last = _LastAnswer()
    ask = lambda ws: frozenset(w for w in ws if w.endswith("x"))  # noqa: E731
    big = frozenset(f"w{i}x" for i in range(_LastAnswer.CARRY_MIN)) | {"gone x", "kept"}
    assert last.subset(big, ask) == ask(big)
    smaller = big - {"gone x"} | {"new x", "new"}
    assert last.subset(smaller, ask) == ask(smaller)
    assert "gone x" not in last.subset(smaller, ask) and "new x" in last.subset(smaller, ask)


def test_every_english_key_is_its_own_lower_case():
    # split_glued_words (camel-case glue) and unknown_words read a word that
    # is not lower case as absent without asking: a table whose keys were
    # not all lower case would break them silently.
    words = lexicon.get_lexicon("en").words
    assert len(words) > 300_000
    assert [k for k in words if k != k.lower()] == []
