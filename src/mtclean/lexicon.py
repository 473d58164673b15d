"""Word frequencies and letter case, loaded lazily and cached per process.

For languages with a shipped table (``data/{lang}.lex.gz``, built by
``scripts/build_lexicon.py`` from wordfreq and spacy-lookups-data) loading
makes a dict of the ~31k frequent words and reads the rest as packed arrays
(:class:`PackedWords`, exact look-ups in about a tenth of a dict's memory).
Other languages fall back to ``wordfreq`` at run time, with no case
information (so case rules stay off for them).
"""

from __future__ import annotations

import gzip
import heapq
import io
import itertools
import struct
import sys
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from importlib import resources
from typing import Callable, Iterable, Iterator, Protocol, Union

__all__ = ["Lexicon", "HashedWords", "PackedWords", "LexiconWords", "get_lexicon", "is_loaded"]


class Reader(Protocol):
    """A binary file opened for reading (a gzip stream, ``io.BytesIO``...)."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class HashedWords:
    """A read-only ``word -> value`` table (values 1-255) in about 8 bytes a word.

    The large wordfreq lists (Russian: 713k words) cost about 100 bytes a
    word as a ``dict`` of strings; here each word is one 64-bit integer,
    its hash (this process's, mixed with its length) with the value in the
    low byte, in a sorted array searched by bisection. Two words share a
    key only when 56 bits of their hashes agree (about 1 in 10**11 per
    look-up for the largest table). The words themselves are not kept, so
    it cannot be iterated.

    >>> t = HashedWords([("kot", 40), ("pies", 35), ("kot", 38)])
    >>> t.get("kot"), "pies" in t, t.get("ryba", 0)
    (38, True, 0)
    """

    __slots__ = ("_keys", "_starts", "_lang")

    # Keys are grouped by their top bits: ``_starts[b]`` is where group b
    # begins, so a look-up bisects a handful of keys, not the whole array.
    _GROUP_SHIFT = 64 - 18
    _RUN = 1 << 16

    def __init__(self, pairs: Iterable[tuple[str, int]], lang: str = ""):
        self._lang = lang
        # Sorted, a word met twice has its smaller value first, which
        # ``get`` finds: as dict.update, where the later (rarer) bucket wins.
        # Sorted in runs that are then merged, so that the keys never all
        # exist as Python integers at once (29 MB for Russian).
        runs: list[array] = []
        run: list[int] = []
        for w, v in pairs:
            if 0 < v < 256:
                run.append(((_hash(w) >> 8) << 8) | v)
                if len(run) >= self._RUN:
                    run.sort()
                    runs.append(array("q", run))
                    run = []
        run.sort()
        runs.append(array("q", run))
        keys = runs[0] if len(runs) == 1 else array("q", heapq.merge(*runs))
        del runs, run
        shift = self._GROUP_SHIFT
        base = 1 << (63 - shift)  # groups of negative keys come first
        # (group g holds the keys from g << shift up to the next group's first)
        self._starts = array("l", [bisect_left(keys, g << shift) for g in range(-base, base + 1)])
        self._keys = keys

    def get(self, word: str, default: int = 0) -> int:
        h = (_hash(word) >> 8) << 8
        g = (h >> self._GROUP_SHIFT) + (1 << (63 - self._GROUP_SHIFT))
        starts = self._starts
        hi = starts[g + 1]
        i = bisect_left(self._keys, h, starts[g], hi)
        if i < hi:
            v = self._keys[i] - h
            if v < 256:
                return v
        return default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) > 0

    def __getitem__(self, word: str) -> int:
        v = self.get(word)
        if not v:
            raise KeyError(word)
        return v

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("HashedWords keeps hashes, not words: it cannot be iterated")

    def __reduce__(self):  # the hashes are this process's: load the table anew elsewhere
        return (_hashed_words_of, (self._lang,))


def _hash(word: str) -> int:
    """``hash(word)`` with its length in bits 55-62.

    CPython hashes a string's stored bytes, so ``"x0"`` (two 1-byte
    characters) and ``"へ"`` (U+3078, stored as the bytes ``x0``) have the
    same hash; their lengths differ, which tells them apart.
    """
    return hash(word) ^ ((len(word) & 255) << 55)


def _hashed_words_of(lang: str) -> "HashedWords | LexiconWords | dict[str, int]":
    return get_lexicon(lang).words


def _utf8(word: str) -> bytes:
    # (surrogatepass: a lone surrogate in the input is looked up, and found
    # nowhere, instead of raising; no stored word is encoded that way)
    return word.encode("utf-8", "surrogatepass")


class PackedWords:
    """A read-only, exact ``word -> value`` table kept in one bytes blob and a few arrays.

    About 6 bytes a word plus its UTF-8 bytes, where a ``dict`` of strings
    takes over 100. The words are sorted by their CRC-32 (deterministic
    across processes, so a table can be built offline and shipped); a
    look-up bisects the few hashes of its group and then compares the
    stored bytes, so it never answers for a word it does not hold.

    >>> t = PackedWords.from_items([("kot", 40), ("pies", 35), ("kot", 38)])
    >>> t.get("kot"), "pies" in t, t.get("ryba", 0), "Kot" in t, sorted(t)
    (38, True, 0, False, ['kot', 'pies'])
    """

    __slots__ = ("_hashes", "_starts", "_bases", "_lengths", "_blob", "_values", "_shift", "_mask", "_seen")

    # The answers of the last look-ups (at most this many words): the rules
    # ask about the same rare words of a text several times (unknown words,
    # case, splits), and a text of many distinct rare words asked the arrays
    # each time. A cache only: the answers are the table's.
    _SEEN_KEPT = 1 << 14

    def __init__(self, hashes: "_Items", starts: "_Items", bases: "_Items", lengths: "_Items", blob: bytes,
                 values: "_Items"):
        # The words whose CRC-32 has the top bits g are the ones from
        # starts[g] to starts[g + 1], in the order of the hash's other bits,
        # which hashes[i] holds (the top bits are the group's). Word i is
        # lengths[i] bytes of the blob; group g's words start at bases[g],
        # one after the other. Its value is values[i].
        # (Arrays, or memoryviews of the shipped bytes, which copy nothing.)
        n = len(hashes)
        if len(starts) < 2 or len(starts) - 1 & len(starts) - 2 or len(bases) != len(starts) or not (
            len(lengths) == len(values) == n
        ):
            raise ValueError("inconsistent PackedWords arrays")
        self._hashes, self._starts, self._bases, self._lengths = hashes, starts, bases, lengths
        self._blob, self._values = blob, values
        self._shift = 33 - len(starts).bit_length()  # 32 - log2(number of groups)
        self._mask = (1 << self._shift) - 1
        self._seen: dict[str, int] = {}

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, int]], typecode: str = "H",
                   stored: "dict[str, str] | None" = None) -> "PackedWords":
        """The table of ``items`` (a word given twice keeps its later value, as in a dict).

        ``typecode`` is the ``array`` type of the values. With ``stored``,
        the blob holds ``stored[word]`` instead of each word (a form of it
        whose lower case is the word: see :meth:`index_lower`).

        >>> PackedWords.from_items([("ab", 1), ("ab", 2)]).get("ab")
        2
        """
        table = dict(items)
        try:  # (C-level maps throughout: 100k words in a few tens of ms)
            words = list(map(str.encode, table))
            kept = words if stored is None else list(map(str.encode, map(stored.__getitem__, table)))
        except UnicodeEncodeError:
            words = [_utf8(w) for w in table]
            kept = words if stored is None else [_utf8(stored[w]) for w in table]
        values = list(table.values())
        hashes = list(map(zlib.crc32, words))
        order = sorted(range(len(words)), key=hashes.__getitem__)
        bits = max(1, min(16, (len(words) // 4).bit_length()))
        shift = 32 - bits
        per_group = Counter(map(shift.__rrshift__, hashes))  # h >> shift
        starts = array("I", itertools.accumulate(map(per_group.__getitem__, range(1 << bits)), initial=0))
        kept = list(map(kept.__getitem__, order))
        lengths = array("B", map(len, kept)) if all(len(b) < 256 for b in kept) else None
        if lengths is None:
            raise ValueError("PackedWords holds words of at most 255 UTF-8 bytes")
        offsets = list(itertools.accumulate(lengths, initial=0))
        mask = (1 << shift) - 1
        return cls(
            array("H" if shift <= 16 else "I", [hashes[i] & mask for i in order]),
            starts,
            array("I", map(offsets.__getitem__, starts)),
            lengths,
            b"".join(kept),
            array(typecode, map(values.__getitem__, order)),
        )

    def index(self, word: str) -> int:
        """Where ``word`` is in the table (``-1``: not there).

        >>> t = PackedWords.from_items([("kot", 40)])
        >>> t.index("kot"), t.index("pies")
        (0, -1)
        """
        seen = self._seen
        found = seen.get(word)
        if found is not None:
            return found
        found = self._index(word)
        if len(seen) >= self._SEEN_KEPT:
            seen.clear()
        seen[word] = found
        return found

    def _index(self, word: str) -> int:
        try:
            b = word.encode()
        except UnicodeEncodeError:
            b = _utf8(word)
        h = zlib.crc32(b)
        g = h >> self._shift
        h &= self._mask
        hashes, starts = self._hashes, self._starts
        lo, hi = starts[g], starts[g + 1]
        i = bisect_left(hashes, h, lo, hi)
        if i < hi and hashes[i] == h:
            # (a hash of the group matches: rarely more than one, and rarely for an absent word)
            lengths = self._lengths
            start = self._bases[g] + sum(lengths[lo:i])
            while True:
                if lengths[i] == len(b) and self._blob.startswith(b, start):
                    return i
                start += lengths[i]
                i += 1
                if i == hi or hashes[i] != h:
                    break
        return -1

    def index_lower(self, word: str) -> int:
        """:meth:`index` for a table made with ``stored``: the entry whose stored form's lower case is ``word``.

        >>> t = PackedWords.from_items([("nato", 9)], "b", stored={"nato": "NATO"})
        >>> t.index_lower("nato"), t.word(0), t.index_lower("NATO")
        (0, 'NATO', -1)
        """
        h = zlib.crc32(_utf8(word))
        g = h >> self._shift
        h &= self._mask
        hashes, starts = self._hashes, self._starts
        hi = starts[g + 1]
        i = bisect_left(hashes, h, starts[g], hi)
        while i < hi and hashes[i] == h:
            if self.word(i).lower() == word:
                return i
            i += 1
        return -1

    def get(self, word: str, default: int = 0) -> int:
        """The value of ``word``, ``default`` when it is not in the table."""
        i = self.index(word)
        return default if i < 0 else self._values[i]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.index(word) >= 0

    def __getitem__(self, word: str) -> int:
        i = self.index(word)
        if i < 0:
            raise KeyError(word)
        return self._values[i]

    def __len__(self) -> int:
        return len(self._hashes)

    def word(self, i: int) -> str:
        """The word stored at index ``i``."""
        g = bisect_right(self._starts, i) - 1
        start = self._bases[g] + sum(self._lengths[self._starts[g]:i])
        return self._blob[start:start + self._lengths[i]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        blob, start = self._blob, 0
        for n in self._lengths:
            yield blob[start:start + n].decode("utf-8", "surrogatepass")
            start += n

    def items(self) -> Iterator[tuple[str, int]]:
        """``(word, value)`` pairs, in the table's (hash) order."""
        return zip(self, self._values)

    def value_at(self, i: int) -> int:
        """The value stored at index ``i``."""
        return self._values[i]

    def sections(self) -> list[bytes]:
        """The table as byte strings (typecode, then little-endian items), for :meth:`from_sections`."""
        return [_le_bytes(self._hashes), _le_bytes(self._starts), _le_bytes(self._bases), _le_bytes(self._lengths),
                bytes(self._blob), _le_bytes(self._values)]

    @classmethod
    def from_sections(cls, parts: Iterable[bytes]) -> "PackedWords":
        """The table that :meth:`sections` gave (taking the six parts one at a time).

        >>> t = PackedWords.from_items([("kot", 40)])
        >>> PackedWords.from_sections(t.sections()).get("kot")
        40
        """
        it = iter(parts)
        hashes, starts, bases, lengths = _le_view(next(it)), _le_view(next(it)), _le_view(next(it)), _le_view(next(it))
        blob = bytes(next(it))
        return cls(hashes, starts, bases, lengths, blob, _le_view(next(it)))

    def __reduce__(self):  # (memoryviews do not pickle: arrays of the same items do)
        return (PackedWords, (_as_array(self._hashes), _as_array(self._starts), _as_array(self._bases),
                              _as_array(self._lengths), self._blob, _as_array(self._values)))


# The arrays of a table: ``array``, or a ``memoryview`` of the shipped bytes.
_Items = Union["array[int]", "memoryview[int]"]


def _le_bytes(a: _Items) -> bytes:
    """The typecode of ``a`` then its items as little-endian bytes."""
    a = _as_array(a)
    if sys.byteorder != "little":
        a = array(a.typecode, a)
        a.byteswap()
    return a.typecode.encode() + a.tobytes()


def _le_view(data: bytes) -> _Items:
    """The sequence :func:`_le_bytes` wrote: a view of ``data`` (no copy) where the byte order allows."""
    typecode, items = chr(data[0]), memoryview(data)[1:]
    if sys.byteorder == "little" and array(typecode).itemsize == struct.calcsize(typecode):
        return items.cast(typecode)  # type: ignore[call-overload]
    return _le_array(typecode, bytes(items))


def _as_array(a: _Items) -> "array[int]":
    return a if isinstance(a, array) else array(a.format, a.tobytes())


def _le_array(typecode: str, data: bytes) -> array:
    a = array(typecode)
    a.frombytes(data)
    if sys.byteorder != "little":
        a.byteswap()
    return a


class _LastAnswer:
    """The answer for the last big word set, reused for the next one.

    A per-word question (is it known? is it usually capitalised?) asked of a
    word set is asked again of every text version of a call, which shares
    almost all its words with the one before: the words seen last time keep
    their answers (C-level set operations), only the new ones are asked.
    Exact, since each word's answer depends on the word alone. Small sets
    are asked directly (the table's own memo serves them).

    >>> last = _LastAnswer()
    >>> ask = lambda ws: frozenset(w for w in ws if w.startswith("a"))
    >>> words = frozenset(f"a{i}" for i in range(5000)) | {"b"}
    >>> last.subset(words, ask) == ask(words), last.subset(words | {"ax", "bx"}, ask) == ask(words | {"ax", "bx"})
    (True, True)
    """

    __slots__ = ("_last",)

    # Below this many words a set is asked directly.
    CARRY_MIN = 4096

    def __init__(self) -> None:
        self._last: "tuple[frozenset[str], frozenset[str]] | None" = None

    def subset(self, words: "frozenset[str]", ask: "Callable[[frozenset[str]], frozenset[str]]") -> "frozenset[str]":
        """``ask(words)``: the members of ``words`` with the property ``ask`` selects."""
        if len(words) < self.CARRY_MIN:
            return ask(words)
        last = self._last  # (one read: another thread may replace it)
        if last is not None:
            seen, answer = last
            new = words.difference(seen)
            if len(new) < len(words) // 2:
                answer = answer.intersection(words).union(ask(new)) if new else answer.intersection(words)
                self._last = (words, answer)
                return answer
        answer = ask(words)
        self._last = (words, answer)
        return answer


class LexiconWords:
    """The words of a shipped lexicon: ``lower-case word -> value``, read-only.

    The frequent words (which take most look-ups) are a plain ``dict``; the
    rest are a :class:`PackedWords`. Every packed word is lower case
    (``w.islower()`` and ``w.lower() == w``) and not frequent: a word that
    is not (``"The"``, ``"1987"``) is known absent from them without a look-up.

    >>> lex = get_lexicon("en")
    >>> "region" in lex.words, lex.words.get("regionbordering", 0), "Region" in lex.words
    (True, 0, False)
    """

    __slots__ = ("frequent", "rare", "_lang", "_fget", "_rget", "_last_unknown", "_last_rest")

    def __init__(self, frequent: dict[str, int], rare: PackedWords, lang: str = ""):
        self.frequent = frequent
        self.rare = rare
        self._lang = lang
        self._fget, self._rget = frequent.get, rare.get
        self._last_unknown = _LastAnswer()
        self._last_rest: "tuple[frozenset[str], frozenset[str]] | None" = None

    def get(self, word: str, default: int = 0) -> int:
        """The value of ``word``, ``default`` when unknown."""
        v = self._fget(word)
        return self._rget(word, default) if v is None else v

    def __contains__(self, word: object) -> bool:
        return word in self.frequent or (isinstance(word, str) and self.rare.index(word) >= 0)

    def __getitem__(self, word: str) -> int:
        v = self.frequent.get(word)
        return self.rare[word] if v is None else v

    def __len__(self) -> int:
        return len(self.frequent) + len(self.rare)

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.frequent, self.rare)

    def items(self) -> Iterator[tuple[str, int]]:
        """``(word, value)`` pairs: the frequent words first."""
        return itertools.chain(self.frequent.items(), self.rare.items())

    def values(self) -> Iterator[int]:
        """The values, in the order of :meth:`items`."""
        return (v for _, v in self.items())

    def unknown(self, words: "frozenset[str]") -> "frozenset[str]":
        """The members of ``words`` that are not in the table (one C-level difference, then the few others).

        >>> sorted(get_lexicon("en").words.unknown(frozenset({"the", "The", "regionbordering", "aardwolf"})))
        ['The', 'regionbordering']
        """
        return self._last_unknown.subset(words, self._unknown)

    def not_frequent(self, words: "frozenset[str]") -> "frozenset[str]":
        """``words`` less the frequent words (the same set object asked again: the last answer).

        The unknown words and ``Lexicon.capitalised_in`` both start from
        this difference, for the same word set of a text.

        >>> sorted(get_lexicon("en").words.not_frequent(frozenset({"the", "aardwolf", "The"})))
        ['The', 'aardwolf']
        """
        last = self._last_rest  # (one read: another thread may replace it)
        if last is not None and last[0] is words:
            return last[1]
        rest = words.difference(self.frequent)
        self._last_rest = (words, rest)
        return rest

    def _unknown(self, words: "frozenset[str]") -> "frozenset[str]":
        rest = self.not_frequent(words)
        index = self.rare.index
        known = [w for w in filter(str.islower, rest) if index(w) >= 0]
        return rest.difference(known) if known else rest

    def __reduce__(self):  # the table of this language, loaded anew in the other process
        return (_words_of, (self._lang,))


def _absent(word: str, default: int = 0) -> int:
    return default


def _words_of(lang: str) -> "LexiconWords | HashedWords | dict[str, int]":
    return get_lexicon(lang).words


class Lexicon:
    """Read-only look-ups: how frequent a word is, and how it is usually cased.

    >>> lex = get_lexicon("en")
    >>> lex.zipf("region") > 4.5, lex.zipf("regionbordering")
    (True, 0.0)
    >>> lex.usual_form("kyiv")
    'Kyiv'
    """

    __slots__ = ("lang", "_words", "_fget", "_rget", "_forms_dict", "_forms_packed", "has_case", "_capitalised",
                 "_last_capitalised")

    def __init__(
        self,
        lang: str,
        words: "dict[str, int] | HashedWords | LexiconWords",
        forms: dict[str, tuple[str, int]] | None,
        has_case: bool,
        *,
        packed_forms: PackedWords | None = None,
    ):
        self.lang = lang
        # lower-case word -> zipf*10 + 256 * (4*log10(P(Title)/P(lower)) + 32);
        # the high part is 0 when the cased table does not know the word.
        self._words = words
        # (look-ups in two steps, the frequent dict first, without a call of
        # LexiconWords.get in between: a dict's get answers None when absent)
        self._fget: Callable[[str], int | None]
        self._rget: Callable[[str, int], int]
        if isinstance(words, LexiconWords):
            self._fget, self._rget = words.frequent.get, words.rare.get
        else:  # (a dict's get and HashedWords.get: the whole table; HashedWords answers 0, not None)
            self._fget, self._rget = words.get, _absent
        # lower-case word -> (usual special form, 4 * log10 ratio). With
        # ``packed_forms`` (the forms stored, their ratios as values: see
        # PackedWords.index_lower) the dict holds only the keys that are
        # frequent words or not their own lower case, the packed table the others.
        self._forms_dict = forms if forms is not None else {}
        self._forms_packed = packed_forms
        self.has_case = has_case
        self._capitalised: dict[float, frozenset[str]] = {}
        self._last_capitalised: dict[float, _LastAnswer] = {}

    def _form(self, low: str) -> tuple[str, int] | None:
        """``(usual special form, 4 * log10 ratio)`` of the lower-case word ``low``."""
        special = self._forms_dict.get(low)
        if special is None and self._forms_packed is not None:
            i = self._forms_packed.index_lower(low)
            if i >= 0:
                return self._forms_packed.word(i), self._forms_packed.value_at(i)
        return special

    @property
    def words(self) -> "dict[str, int] | HashedWords | LexiconWords":
        """Every lower-case word the lexicon knows (a mapping: use ``in`` or ``.get``)."""
        return self._words

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (case-folded); 0.0 when unknown."""
        low = word.lower()
        v = self._fget(low)
        return ((self._rget(low, 0) if v is None else v) & 255) / 10

    def __contains__(self, word: str) -> bool:
        low = word.lower()
        v = self._fget(low)
        return ((self._rget(low, 0) if v is None else v) & 255) > 0

    def title_ratio(self, word: str) -> float | None:
        """log10(P(Word) / P(word)) in the cased table; None when unknown.

        Large for names (``kyiv``: about 1.5), negative for common words
        (``assault``: about -0.75).
        """
        low = word.lower()
        v = self._fget(low)
        hi = (self._rget(low, 0) if v is None else v) >> 8
        return None if hi == 0 else (hi - 32) / 4

    def usual_form(self, word: str) -> str | None:
        """How ``word`` is usually written when that is not lower case.

        ``None`` when the lower-case form is the usual one or the word is
        unknown to the cased table.
        """
        low = word.lower()
        title_r = self.title_ratio(low)
        special = self._form(low)
        if special is not None and special[1] > 0 and (title_r is None or special[1] / 4 >= title_r):
            return special[0]
        if title_r is not None and title_r > 0:
            return low[:1].upper() + low[1:]
        return None

    def capitalised_in(self, words: "frozenset[str]", min_ratio: float) -> "frozenset[str]":
        """The members of ``words`` that are lower-case words usually written with capitals.

        ``words & lex.capitalised_words(min_ratio)`` without the whole set:
        one C-level intersection with the frequent such words (computed
        once per threshold), then a look-up for each rarer lower-case word.

        >>> sorted(get_lexicon("en").capitalised_in(frozenset({"kyiv", "Kyiv", "the", "nato"}), 0.5))
        ['kyiv', 'nato']
        """
        if not isinstance(self._words, LexiconWords):
            return words & self.capitalised_words(min_ratio)
        last = self._last_capitalised.get(min_ratio)
        if last is None:
            last = self._last_capitalised.setdefault(min_ratio, _LastAnswer())
        return last.subset(words, lambda ws: self._capitalised_among(ws, min_ratio))

    def _capitalised_among(self, words: "frozenset[str]", min_ratio: float) -> "frozenset[str]":
        words_table = self._words
        assert isinstance(words_table, LexiconWords)
        found = words & self._frequent_capitalised(min_ratio)
        hi = min_ratio * 4 + 32
        rare, forms = words_table.rare, self._forms_packed
        extra = []
        # (a word that is not lower case is no packed key: such words are all in the dicts)
        for w in filter(str.islower, words_table.not_frequent(words)):
            ratio = rare.get(w, 0) >> 8
            if ratio and ratio >= hi:
                extra.append(w)
            elif forms is not None and (i := forms.index_lower(w)) >= 0 and forms.value_at(i) / 4 >= min_ratio:
                extra.append(w)
        return found.union(extra) if extra else found

    def _frequent_capitalised(self, min_ratio: float) -> "frozenset[str]":
        """``capitalised_words(min_ratio)`` among the words that are not packed."""
        cached = self._capitalised.get(min_ratio)
        if cached is None:
            hi = min_ratio * 4 + 32
            table = self._words
            frequent = table.frequent if isinstance(table, LexiconWords) else table
            found = {w for w, v in frequent.items() if v >> 8 and (v >> 8) >= hi}  # type: ignore[union-attr]
            found.update(w for w, (_, r) in self._forms_dict.items() if r / 4 >= min_ratio)
            cached = self._capitalised[min_ratio] = frozenset(found)
        return cached

    def capitalised_words(self, min_ratio: float) -> frozenset[str]:
        """Lower-case words usually written with capitals: ``form_ratio >= min_ratio``.

        The whole set, made anew at each call (about 200k words for
        English, 11 MB): rules use :meth:`capitalised_in` instead.

        >>> "kyiv" in get_lexicon("en").capitalised_words(0.5)
        True
        """
        hi = min_ratio * 4 + 32
        table = self._words
        found: set[str] = set()
        if isinstance(table, (dict, LexiconWords)):
            found.update(w for w, v in table.items() if v >> 8 and (v >> 8) >= hi)
        # (a HashedWords table comes from a frequency list: no case, no ratios)
        found.update(w for w, (_, r) in self._forms_dict.items() if r / 4 >= min_ratio)
        if self._forms_packed is not None:
            found.update(f.lower() for f, r in self._forms_packed.items() if r / 4 >= min_ratio)
        return frozenset(found)

    def form_ratio(self, word: str) -> float:
        """log10(P(usual cased form) / P(lower form)); 0.0 when lower is usual."""
        low = word.lower()
        best = max(self.title_ratio(low) or 0.0, 0.0)
        special = self._form(low)
        if special is not None:
            best = max(best, special[1] / 4)
        return best


# A word at least this frequent (zipf * 10) is kept in the lexicon's dict.
FREQUENT_ZIPF10 = 30
_TABLE_MAGIC = b"MTLEX2"
_SECTIONS = ("frequent words", "frequent values", "frequent forms", "their keys", "their ratios",
             "words: hashes", "words: starts", "words: bases", "words: lengths", "words: blob", "words: values",
             "forms: hashes", "forms: starts", "forms: bases", "forms: lengths", "forms: blob", "forms: ratios")


def pack_table(words: dict[str, int], forms: dict[str, tuple[str, int]], comment: str = "") -> bytes:
    """The shipped (uncompressed) form of a cased lexicon, which :func:`unpack_table` reads.

    ``words``: lower-case word -> value (see :class:`Lexicon`); ``forms``:
    lower-case word -> (usual special form, 4 * log10 ratio). Words with
    ``zipf * 10 >= FREQUENT_ZIPF10``, and any that are not lower case
    (``str.islower``, and their own ``lower()``), are kept as text for a
    ``dict``; the others are packed.

    >>> lex = unpack_table("xx", pack_table({"the": 77, "kyiv": 20 + 256 * 38}, {"nato": ("NATO", 9)}))
    >>> lex.zipf("the"), lex.title_ratio("kyiv"), lex.usual_form("nato")
    (7.7, 1.5, 'NATO')
    """
    def frequent(w: str) -> bool:
        # (so every packed key is lower case: ``str.islower`` screens look-ups in C)
        return not w.islower() or w.lower() != w or (words.get(w, 0) & 255) >= FREQUENT_ZIPF10

    freq = [w for w in words if frequent(w)]
    rare = PackedWords.from_items((w, v) for w, v in words.items() if not frequent(w))
    # (a form is found by its lower case: one whose lower case is not its key stays in the dict)
    ffreq = [w for w in forms if frequent(w) or forms[w][0].lower() != w]
    frare = PackedWords.from_items(((w, r) for w, (f, r) in forms.items() if not (frequent(w) or f.lower() != w)),
                                   "b", stored={w: f for w, (f, _) in forms.items()})
    parts = [
        " ".join(freq).encode("utf-8"),
        _le_bytes(array("H", [words[w] for w in freq])),
        " ".join(forms[w][0] for w in ffreq).encode("utf-8"),
        " ".join(ffreq).encode("utf-8"),
        _le_bytes(array("b", [forms[w][1] for w in ffreq])),
        *rare.sections(),
        *frare.sections(),
    ]
    if any(" " in w for w in freq) or any(" " in w or " " in forms[w][0] for w in ffreq):
        raise ValueError("a frequent word or form holds a space")
    return pack_sections(parts, comment)


def unpack_table(lang: str, data: "bytes | Reader") -> Lexicon:
    """The :class:`Lexicon` of a table that :func:`pack_table` made (bytes, or a binary file of them)."""
    parts = read_sections(data, len(_SECTIONS))
    freq_words = next(parts).decode("utf-8").split(" ")
    values = _le_view(next(parts))
    shared = {v: v for v in set(values)}  # (one int object for each distinct value)
    frequent = dict(zip(freq_words, map(shared.__getitem__, values))) if freq_words != [""] else {}
    del freq_words, values
    freq_forms = next(parts).decode("utf-8").split(" ")
    form_keys = next(parts).decode("utf-8").split(" ")
    ratios = _le_view(next(parts))
    forms = dict(zip(form_keys, zip(freq_forms, ratios))) if form_keys != [""] else {}
    rare = PackedWords.from_sections(itertools.islice(parts, 6))
    packed_forms = PackedWords.from_sections(itertools.islice(parts, 6))
    next(parts, None)  # (checks that the data ends there)
    return Lexicon(lang, LexiconWords(frequent, rare, lang), forms, has_case=True, packed_forms=packed_forms)


def pack_sections(parts: list[bytes], comment: str = "") -> bytes:
    """Byte strings in one: a comment line, a line of their lengths, then each in turn.

    >>> unpack_sections(pack_sections([b"ab", b"", b"c\\n"], "made by hand"), 3)
    [b'ab', b'', b'c\\n']
    """
    head = b" ".join([_TABLE_MAGIC] + [b"%d" % len(p) for p in parts])
    first = ("# " + comment.replace("\n", " ") + "\n").encode("utf-8") if comment else b""
    return first + head + b"\n" + b"".join(parts)


def unpack_sections(data: "bytes | Reader", n: int) -> list[bytes]:
    """The ``n`` byte strings that :func:`pack_sections` put in ``data`` (bytes, or a binary file of them)."""
    return list(read_sections(data, n))


def read_sections(data: "bytes | Reader", n: int) -> Iterator[bytes]:
    """:func:`unpack_sections` one at a time: a file (a gzip stream) is read as they are asked for.

    So a table is never all in memory twice while it is loaded.
    """
    fh = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    line = fh.readline()
    if line[:1] == b"#":
        line = fh.readline()
    head = line.rstrip(b"\n").split(b" ")
    if head[0] != _TABLE_MAGIC or len(head) != n + 1:
        raise ValueError("not an mtclean packed table (or not of this version)")
    return _sections(fh, list(map(int, head[1:])))


def _sections(fh: Reader, sizes: list[int]) -> Iterator[bytes]:
    for size in sizes:
        part = fh.read(size)
        if len(part) != size:
            raise ValueError("packed table: shorter than its sections")
        yield part
    if fh.read(1):
        raise ValueError("packed table: longer than its sections")


def _load_table(lang: str) -> Lexicon | None:
    try:
        with resources.files("mtclean").joinpath("data").joinpath(f"{lang}.lex.gz").open("rb") as raw:
            # Arrays read section by section from the gzip stream: only the
            # ~31k frequent words become strings (a dict), which is most of
            # the cost of loading.
            with gzip.GzipFile(fileobj=raw) as fh:
                return unpack_table(lang, fh)
    except (FileNotFoundError, OSError):
        return None


def _load_wordfreq(lang: str) -> Lexicon:
    """Frequencies only, read straight from wordfreq's file for exactly ``lang``.

    wordfreq's own functions cache every list they ever read (for good) and
    fall back, with a warning, to the nearest language (English for most):
    neither happens here. A language wordfreq lacks gets the shared empty
    lexicon, never a copy of another language's table. The file is read one
    frequency bucket at a time into a :class:`HashedWords` table, so the
    words never all exist as strings at once.
    """
    try:
        import wordfreq

        path = wordfreq.available_languages("best").get(lang)
        words = HashedWords(_cbpack_words(path), lang) if path else None
    except (LookupError, ValueError, OSError, ImportError):
        words = None
    if words is None or not len(words):
        return EMPTY
    return Lexicon(lang, words, {}, has_case=False)


def _cbpack_words(path: str) -> Iterator[tuple[str, int]]:
    """``(word, zipf * 10)`` from a wordfreq cBpack file, bucket by bucket.

    The file is a msgpack list: a header, then bucket i holding the words
    of frequency 10**(-i/100), that is zipf 9 - i/100. Buckets past 800
    (zipf below 1) are not read.
    """
    import msgpack

    with gzip.open(path, "rb") as fh:
        unpacker = msgpack.Unpacker(fh, raw=False)
        n = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected wordfreq header: {header!r}")
        for i in range(min(n - 1, 800)):
            bucket = unpacker.unpack()
            if bucket:
                yield from zip(bucket, itertools.repeat(round(90 - i / 10)))


# No data: every word unknown, no case (the undetermined language, and
# languages with neither a shipped table nor a wordfreq list).
EMPTY = Lexicon("und", {}, {}, has_case=False)
# Tables of languages other than English kept loaded at once (least
# recently used dropped first): detection on mixed input cannot pile up.
MAX_OTHER_TABLES = 3
_PINNED = frozenset({"en"})
_LOADED: "OrderedDict[str, Lexicon]" = OrderedDict()
_LOAD_LOCK = threading.Lock()


def get_lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang``, loaded on first use and cached for the process.

    English stays loaded; at most ``MAX_OTHER_TABLES`` other tables are
    kept. ``"und"`` gets the empty lexicon. Threads that ask at once wait
    for one load (the cache is read-only data shared by every pipeline).
    """
    if lang == "und":
        return EMPTY
    with _LOAD_LOCK:
        lex = _LOADED.get(lang)
        if lex is not None:
            _LOADED.move_to_end(lang)
            return lex
        # The least recently used table goes before the new one is read,
        # so that at most MAX_OTHER_TABLES exist even while loading.
        others = [k for k in _LOADED if k not in _PINNED]
        if lang not in _PINNED:
            for k in others[: max(0, len(others) + 1 - MAX_OTHER_TABLES)]:
                del _LOADED[k]
        lex = _LOADED[lang] = _load_table(lang) or _load_wordfreq(lang)
    return lex


def is_loaded(lang: str) -> bool:
    """True when ``get_lexicon(lang)`` would not load anything (a screen may then use it freely).

    >>> is_loaded("und")
    True
    """
    return lang == "und" or lang in _LOADED


def loaded_languages() -> list[str]:
    """The languages whose tables are loaded now (for tests and memory checks)."""
    return list(_LOADED)


get_lexicon.cache_clear = _LOADED.clear  # type: ignore[attr-defined]  # as functools' caches have
