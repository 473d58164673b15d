"""Word frequencies and letter case, loaded lazily and cached per process.

For languages with a shipped table (``data/{lang}.lex.gz``, built by
``scripts/build_lexicon.py`` from wordfreq and spacy-lookups-data) loading is
a few ``str.split`` calls. Other languages fall back to ``wordfreq`` at run
time, with no case information (so case rules stay off for them).
"""

from __future__ import annotations

import functools
import gzip
import itertools
from importlib import resources

__all__ = ["Lexicon", "get_lexicon"]


class Lexicon:
    """Read-only look-ups: how frequent a word is, and how it is usually cased.

    >>> lex = get_lexicon("en")
    >>> lex.zipf("region") > 4.5, lex.zipf("regionbordering")
    (True, 0.0)
    >>> lex.usual_form("kyiv")
    'Kyiv'
    """

    __slots__ = ("lang", "_words", "_forms", "has_case", "_capitalised")

    def __init__(self, lang: str, words: dict[str, int], forms: dict[str, tuple[str, int]], has_case: bool):
        self.lang = lang
        # lower-case word -> zipf*10 + 256 * (4*log10(P(Title)/P(lower)) + 32);
        # the high part is 0 when the cased table does not know the word.
        self._words = words
        self._forms = forms  # lower-case word -> (usual special form, 4 * log10 ratio)
        self.has_case = has_case
        self._capitalised: dict[float, frozenset[str]] = {}

    @property
    def words(self) -> "dict[str, int]":
        """Every lower-case word the lexicon knows (a mapping: use ``in``)."""
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
            found = {w for w, v in self._words.items() if (v >> 8) >= hi}
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
    # One dict(zip(...)) over flat lists: hashing the ~400k keys once is the
    # whole cost of loading (about 0.2 s).
    keys: list[str] = []
    values: list[int] = []
    form_keys: list[str] = []
    form_values: list[tuple[str, int]] = []
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        if line[0] == "W":
            _, z, r, ws = line.split("\t", 3)
            packed = int(z) + (256 * (int(r) + 32) if r else 0)
            batch = ws.split(" ")
            keys += batch
            values += itertools.repeat(packed, len(batch))
        elif line[0] == "F":
            _, r, ws = line.split("\t", 2)
            v = int(r)
            for f in ws.split(" "):
                form_keys.append(f.lower())
                form_values.append((f, v))
    words = dict(zip(keys, values))
    forms = dict(zip(form_keys, form_values))
    return Lexicon(lang, words, forms, has_case=True)


def _load_wordfreq(lang: str) -> Lexicon:
    import math

    try:
        import wordfreq

        freqs = wordfreq.get_frequency_dict(lang, wordlist="best")
    except (LookupError, ValueError, OSError):
        freqs = {}
    words = {w: round(math.log10(f * 1e9) * 10) for w, f in freqs.items() if f > 1e-8}
    return Lexicon(lang, words, {}, has_case=False)


@functools.lru_cache(maxsize=None)
def get_lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang``, loaded on first use and cached for the process."""
    return _load_table(lang) or _load_wordfreq(lang)
