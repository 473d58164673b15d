"""Word frequencies and letter case, loaded lazily and cached per process.

For languages with a shipped table (``data/{lang}.lex.gz``, built by
``scripts/build_lexicon.py`` from wordfreq and spacy-lookups-data) loading is
a few ``str.split`` calls. Other languages fall back to ``wordfreq`` at run
time, with no case information (so case rules stay off for them).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
import gzip
import itertools
from importlib import resources

__all__ = ["Lexicon", "get_lexicon", "is_loaded"]


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
        words: dict[str, int],
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
            found: set[str] = set()
            if self._by_ratio is not None:
                for h, batches in self._by_ratio.items():
                    if h >= hi:
                        for batch in batches:
                            found.update(batch)
            else:
                found.update(w for w, v in self._words.items() if (v >> 8) >= hi)
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
    lexicon, never a copy of another language's table.
    """
    try:
        import wordfreq

        path = wordfreq.available_languages("best").get(lang)
        buckets = wordfreq.read_cBpack(path) if path else []
    except (LookupError, ValueError, OSError, ImportError):
        buckets = []
    if not buckets:
        return EMPTY
    words: dict[str, int] = {}
    # Bucket i holds the words of frequency 10**(-i/100): zipf 9 - i/100.
    for i, bucket in enumerate(buckets[:800]):
        if bucket:
            words.update(dict.fromkeys(bucket, round(90 - i / 10)))
    return Lexicon(lang, words, {}, has_case=False)


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
        lex = _LOADED[lang] = _load_table(lang) or _load_wordfreq(lang)
        others = [k for k in _LOADED if k not in _PINNED]
        for k in others[: max(0, len(others) - MAX_OTHER_TABLES)]:
            del _LOADED[k]
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
