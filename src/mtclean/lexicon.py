"""Word frequencies and letter case, loaded lazily and cached per process.

For languages with a shipped table (``data/{lang}.lex.gz``, built by
``scripts/build_lexicon.py`` from wordfreq and spacy-lookups-data) loading is
a few ``str.split`` calls. Other languages fall back to ``wordfreq`` at run
time, with no case information (so case rules stay off for them).
"""

from __future__ import annotations

import gzip
import heapq
import itertools
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from importlib import resources
from typing import Iterable, Iterator

__all__ = ["Lexicon", "HashedWords", "get_lexicon", "is_loaded"]


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


def _hashed_words_of(lang: str) -> "HashedWords | dict[str, int]":
    return get_lexicon(lang).words


class Lexicon:
    """Read-only look-ups: how frequent a word is, and how it is usually cased.

    >>> lex = get_lexicon("en")
    >>> lex.zipf("region") > 4.5, lex.zipf("regionbordering")
    (True, 0.0)
    >>> lex.usual_form("kyiv")
    'Kyiv'
    """

    __slots__ = ("lang", "_words", "_forms_dict", "_form_lines", "_by_ratio", "has_case", "_capitalised")

    def __init__(
        self,
        lang: str,
        words: "dict[str, int] | HashedWords",
        forms: dict[str, tuple[str, int]] | None,
        has_case: bool,
        *,
        form_lines: list[tuple[int, str]] | None = None,
        by_ratio: dict[int, list[list[str]]] | None = None,
    ):
        self.lang = lang
        # lower-case word -> zipf*10 + 256 * (4*log10(P(Title)/P(lower)) + 32);
        # the high part is 0 when the cased table does not know the word.
        self._words = words
        # lower-case word -> (usual special form, 4 * log10 ratio); None until
        # first needed when the table's raw ``form_lines`` ((4 * ratio, "Form
        # Form ...")) are given instead.
        self._forms_dict = forms
        self._form_lines = form_lines
        # Optional index for capitalised_words: high part -> the lists of
        # words that have it (the loader has them anyway).
        self._by_ratio = by_ratio
        self.has_case = has_case
        self._capitalised: dict[float, frozenset[str]] = {}

    @property
    def _forms(self) -> dict[str, tuple[str, int]]:
        forms = self._forms_dict
        if forms is None:
            forms = {}
            for r, ws in self._form_lines or ():
                forms.update(zip(ws.lower().split(" "), zip(ws.split(" "), itertools.repeat(r))))
            self._forms_dict = forms
        return forms

    @property
    def words(self) -> "dict[str, int] | HashedWords":
        """Every lower-case word the lexicon knows (a mapping: use ``in`` or ``.get``)."""
        return self._words

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (case-folded); 0.0 when unknown."""
        return (self._words.get(word.lower(), 0) & 255) / 10

    def __contains__(self, word: str) -> bool:
        return (self._words.get(word.lower(), 0) & 255) > 0

    def title_ratio(self, word: str) -> float | None:
        """log10(P(Word) / P(word)) in the cased table; None when unknown.

        Large for names (``kyiv``: about 1.5), negative for common words
        (``assault``: about -0.75).
        """
        hi = self._words.get(word.lower(), 0) >> 8
        return None if hi == 0 else (hi - 32) / 4

    def usual_form(self, word: str) -> str | None:
        """How ``word`` is usually written when that is not lower case.

        ``None`` when the lower-case form is the usual one or the word is
        unknown to the cased table.
        """
        low = word.lower()
        title_r = self.title_ratio(low)
        special = self._forms.get(low)
        if special is not None and special[1] > 0 and (title_r is None or special[1] / 4 >= title_r):
            return special[0]
        if title_r is not None and title_r > 0:
            return low[:1].upper() + low[1:]
        return None

    def capitalised_words(self, min_ratio: float) -> frozenset[str]:
        """Lower-case words usually written with capitals: ``form_ratio >= min_ratio``.

        Computed once per lexicon and threshold, so that rules can find
        candidates with one set intersection.
        """
        cached = self._capitalised.get(min_ratio)
        if cached is None:
            hi = min_ratio * 4 + 32
            found: set[str] = set()
            if self._by_ratio is not None:
                for h, batches in self._by_ratio.items():
                    if h >= hi:
                        for batch in batches:
                            found.update(batch)
            elif isinstance(self._words, dict):
                found.update(w for w, v in self._words.items() if (v >> 8) >= hi)
            # (a HashedWords table comes from a frequency list: no case, no ratios)
            if self._forms_dict is None and self._form_lines is not None:
                # Each lower-case word has one line, so no dict is needed.
                for r, ws in self._form_lines:
                    if r / 4 >= min_ratio:
                        found.update(ws.lower().split(" "))
            else:
                found.update(w for w, (_, r) in self._forms.items() if r / 4 >= min_ratio)
            cached = self._capitalised[min_ratio] = frozenset(found)
        return cached

    def form_ratio(self, word: str) -> float:
        """log10(P(usual cased form) / P(lower form)); 0.0 when lower is usual."""
        low = word.lower()
        best = max(self.title_ratio(low) or 0.0, 0.0)
        special = self._forms.get(low)
        if special is not None:
            best = max(best, special[1] / 4)
        return best


def _load_table(lang: str) -> Lexicon | None:
    try:
        blob = resources.files("mtclean").joinpath("data").joinpath(f"{lang}.lex.gz").read_bytes()
    except (FileNotFoundError, OSError):
        return None
    text = gzip.decompress(blob).decode("utf-8")
    # One dict(zip(...)) over flat lists: creating and hashing the ~390k
    # keys is the whole cost of loading (about 0.15 s). The special forms
    # (~75k) are kept as their lines and made a dict only when first used.
    keys: list[str] = []
    values: list[int] = []
    by_ratio: dict[int, list[list[str]]] = {}
    form_lines: list[tuple[int, str]] = []
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        if line[0] == "W":
            _, z, r, ws = line.split("\t", 3)
            batch = ws.split(" ")
            keys += batch
            if r:
                hi = int(r) + 32
                values += itertools.repeat(int(z) + 256 * hi, len(batch))
                by_ratio.setdefault(hi, []).append(batch)
            else:
                values += itertools.repeat(int(z), len(batch))
        elif line[0] == "F":
            _, r, ws = line.split("\t", 2)
            form_lines.append((int(r), ws))
    words = dict(zip(keys, values))
    return Lexicon(lang, words, None, has_case=True, form_lines=form_lines, by_ratio=by_ratio)


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
