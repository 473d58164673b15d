"""Language of a text, or ``"und"`` when the evidence is too weak to say.

Detection never guesses: a wrong language runs the wrong rules (English
rules on Spanish, no French spacing on French), while ``"und"`` runs only
the language-independent ones (mojibake, entities, MT markup). In order:

1. Script: the script most letters are written in (Latin, Cyrillic, Han,
   ...); words of other scripts (a quoted phrase) are set aside. Scripts
   one language writes (Hangul, kana, Greek) name it at once.
2. A short segment (under 12 words) in a script with frequent-word lists
   (``data/<lang>/frequent_words.tsv.gz``: Latin, Cyrillic) is decided by
   a vote of its words' frequencies in each language of the script, with
   a margin (``_lexical_vote``); a word a language does not list counts
   by how its letter trigrams fit that language (``data/<lang>/
   letter_ngrams.tsv.gz``); nothing else runs for it.
3. Longer text: evidence within the script: function words (``data/<lang>/
   function_words.txt``; a word in several lists counts for each, split),
   letters only some languages write (``languages.tsv``: ``ß``, ``ñ``,
   ``ї``, ``ы``) and French spaces before ``; : ! ?``.
4. Only for the default language (English unless the caller says
   otherwise), and only where its shipped lexicon can tell: text whose
   lower-case words are all frequent words of that lexicon, with no
   evidence for another language.
5. langdetect (seeded, on a 2,000-character sample) only on text of 12
   words or more that steps 1-4 could not settle, and only when it is sure.

>>> detect_language("The cat sat on the mat and looked at the dog in the garden.")
'en'
>>> detect_language("Merci beaucoup !")
'fr'
>>> detect_language("a.a.a.")
'und'
>>> detect_language("Він сказав, що їде додому.")
'uk'
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict

import regex

from .languages import UNDETERMINED, all_facts, data_file, facts

__all__ = ["detect_language", "document_language", "language_in_document", "DEFAULT_LANGUAGE", "UNDETERMINED", "OWN_LANGUAGE_CHARS"]

DEFAULT_LANGUAGE = "en"
_SAMPLE_CHARS = 2000
# Below this many words, langdetect is not asked (it is slow and, on a
# phrase, wrong one time in two).
_LANGDETECT_MIN_WORDS = 12
_LANGDETECT_MIN_PROB = 0.90
# Word frequency (zipf) a lower-case word needs to count as a known word of
# the default language in step 4 (3.0: once per million words).
_KNOWN_ZIPF = 3.0
# A paragraph of a document in one language keeps a language of its own
# only when it has at least this many characters (language_in_document).
OWN_LANGUAGE_CHARS = 200
# Weight of one distinctive letter and of one French space, against 1 for
# a function word of that language alone: names carry foreign letters
# ("Müller said" stays English).
_LETTER_WEIGHT = 0.5
_SPACE_WEIGHT = 1.0

_WORD = regex.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
# _WORD on ASCII text.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_SCRIPTS = {
    "Latin": regex.compile(r"\p{Latin}"),
    "Cyrillic": regex.compile(r"\p{Cyrillic}"),
    "Greek": regex.compile(r"\p{Greek}"),
    "Han": regex.compile(r"\p{Han}"),
    "Japanese": regex.compile(r"[\p{Hiragana}\p{Katakana}]"),
    "Hangul": regex.compile(r"\p{Hangul}"),
}
# Scripts that name their language alone.
_SCRIPT_LANGUAGE = {"Greek": "el", "Japanese": "ja", "Hangul": "ko"}
# French spacing: a space or no-break space before ; : ! ? or inside « ».
_FRENCH_MARKS = (" ;", " :", " !", " ?", "\u00a0", "\u202f", "«")
_FRENCH_SPACE = regex.compile(r"(?<=\w)[ \u00a0\u202f][;:!?](?=\s|$)|«[ \u00a0\u202f]|[\u00a0\u202f]»")


class _Evidence:
    """Per-script tables: word -> languages that list it; letter -> languages."""

    def __init__(self, script: str, langs: list[str]):
        self.langs = langs
        owners: dict[str, list[str]] = defaultdict(list)
        for lang in langs:
            for word in _function_words(lang):
                owners[word].append(lang)
        self.word_owners = {w: tuple(ls) for w, ls in owners.items()}
        letters: dict[str, list[str]] = defaultdict(list)
        for lang in langs:
            for c in facts(lang).letters:  # type: ignore[union-attr]
                letters[c].append(lang)
        self.letter_owners = {c: tuple(ls) for c, ls in letters.items()}
        self.french_like = tuple(lang for lang in langs if facts(lang).space_before_high_punct)  # type: ignore[union-attr]
        # Scores are integers in units of ``unit`` (one function word of one
        # language alone): every share is a whole number of them, so sums do
        # not depend on the order of the words and ties are exact.
        sizes = {len(v) for v in self.word_owners.values()} | {len(v) for v in self.letter_owners.values()}
        sizes.add(max(1, len(self.french_like)))
        self.unit = 2 * math.lcm(*sizes)
        self.word_gain = {w: (ls, self.unit // len(ls)) for w, ls in self.word_owners.items()}
        self.letter_gain = {c: (ls, int(self.unit * _LETTER_WEIGHT) // len(ls)) for c, ls in self.letter_owners.items()}
        self.space_gain = int(self.unit * _SPACE_WEIGHT) // max(1, len(self.french_like))


@functools.lru_cache(maxsize=None)
def _function_words(lang: str) -> frozenset[str]:
    text = data_file(lang, "function_words.txt") or ""
    return frozenset(line.strip() for line in text.split("\n") if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=None)
def _evidence(script: str) -> _Evidence:
    langs = [c for c, f in all_facts().items() if f.script == script and _function_words(c)]
    return _Evidence(script, langs)


def _majority_script(sample: str) -> str | None:
    if sample.isascii():
        return "Latin" if any(c.isalpha() for c in sample) else None
    counts = {name: len(p.findall(sample)) for name, p in _SCRIPTS.items()}
    if counts["Japanese"]:
        counts["Japanese"] += counts.pop("Han")  # kanji with kana: Japanese
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        return "Other" if any(c.isalpha() for c in sample) else None
    return best


def _in_script(words: list[str], script: str) -> list[str]:
    pattern = _SCRIPTS.get(script)
    if pattern is None:
        return words
    return [w for w in words if w.isascii() or pattern.match(w)] if script == "Latin" else [
        w for w in words if pattern.match(w)
    ]


def _scores(words: list[str], sample: str, ev: _Evidence) -> dict[str, int]:
    """Evidence per language, in units of ``ev.unit``: function words, distinctive letters, French spaces."""
    scores: dict[str, int] = dict.fromkeys(ev.langs, 0)
    gains = ev.word_gain
    counts = Counter(words)
    for w in counts.keys() & gains.keys():
        langs, share = gains[w]
        gain = share * counts[w]
        for lang in langs:
            scores[lang] += gain
    if not sample.isascii():
        letter_gain = ev.letter_gain
        for c in set("".join(words)):
            hit = letter_gain.get(c)
            if hit:
                for lang in hit[0]:
                    scores[lang] += hit[1]
    if ev.french_like and any(m in sample for m in _FRENCH_MARKS) and _FRENCH_SPACE.search(sample):
        for lang in ev.french_like:
            scores[lang] += ev.space_gain
    return scores


def _decide(scores: dict[str, int], n: int, unit: int) -> str | None:
    """The language the evidence clearly favours, or None (scores in units of ``unit``)."""
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n < 8:
        # A headline or a fragment: one clear signal, at most a weak rival.
        return best if top >= unit and 2 * second <= top else None
    # Prose runs at 25-50% function words: demand a share and a margin.
    if top >= 2 * unit and 10 * top >= n * unit and top >= 2 * second + unit:
        return best
    return None


def _leads(scores: dict[str, int], lang: str, unit: int) -> bool:
    """``lang`` has evidence of its own and more than any other language."""
    mine = scores.get(lang, 0)
    return mine >= unit and all(v < mine for k, v in scores.items() if k != lang)


# A word at least this frequent in the default language is its own word
# there, whatever other languages also write it ("a", "no", "in").
_FREQUENT_IN_DEFAULT = 5.5


def _outscored(lang: str, words: list[str], ev: _Evidence, mine: int) -> bool:
    """Does another language have more function-word evidence than ``mine`` from words ``lang`` seldom writes?

    >>> ev = _evidence("Latin")
    >>> words = ["aunque", "no", "se"]
    >>> _outscored("en", words, ev, _scores(words, "Aunque no se", ev)["en"])
    True
    >>> words = ["a", "new", "law"]
    >>> _outscored("en", words, ev, _scores(words, "A new law", ev)["en"])
    False
    """
    f = facts(lang)
    if f is None or not f.cased_lexicon:
        return False
    from .lexicon import get_lexicon

    lex = get_lexicon(lang)
    rival: Counter[str] = Counter()
    counts = Counter(words)
    for w in counts.keys() & ev.word_gain.keys():
        if lex.zipf(w) >= _FREQUENT_IN_DEFAULT:
            continue
        langs, share = ev.word_gain[w]
        for other in langs:
            if other != lang:
                rival[other] += share * counts[w]
    return any(v > mine for v in rival.values())


def _known_to(lang: str, words: list[str], original: list[str], names_free: bool = False) -> bool:
    """True when the lower-case words are frequent words of ``lang``'s own shipped lexicon.

    A word with a typographic apostrophe counts as its ASCII form
    (``I’ve`` as ``i've``), and only when the lexicon knows that form: the
    apostrophe alone says nothing (``C’est`` is not English). With
    ``names_free``, capitalised words may hold any letters (``Magnús``).
    """
    f = facts(lang)
    if f is None or not f.cased_lexicon or f.script != "Latin":
        return False
    from .lexicon import get_lexicon

    lex = get_lexicon(lang)
    apostrophes = {c: "'" for c in f.word_apostrophes if not c.isascii()}
    table = str.maketrans(apostrophes) if apostrophes else None
    plain = words
    if table is not None and not all(w.isascii() for w in words):
        plain = [w.translate(table) for w in words]
    for w, p, o in zip(words, plain, original):
        if w.isascii() or (names_free and not o[:1].islower()):
            continue
        if p.isascii():
            if lex.zipf(p) < _KNOWN_ZIPF:
                return False  # an apostrophe in a word the language does not write
        elif any(c not in f.letters for c in p if not c.isascii()):
            return False  # letters the language does not write
    lower = [p for p, o in zip(plain, original) if o[:1].islower() and len(p) > 1]
    if not lower:
        return False
    known = sum(lex.zipf(w) >= _KNOWN_ZIPF for w in lower)
    return known == len(lower) if len(lower) < 8 else known >= 0.9 * len(lower)


# Short segments (fewer than _LANGDETECT_MIN_WORDS words) that function
# words and letters leave open: a vote of each word's frequency in each
# language of the script (``data/<lang>/frequent_words.tsv.gz``, Zipf >= 3,
# built by scripts/build_frequent_words.py). All in tenths of a Zipf unit
# (log10 of a frequency), so sums are exact. A word scores its Zipf
# frequency in a language that lists it and _LEXICAL_FLOOR in one that
# does not, less _ALIEN_PENALTY when it holds a letter that another
# language of the script writes and this one does not (``ß`` for French,
# ``ї`` for Russian). Each word's evidence against a language is capped at
# _WORD_CAP (one rare word, often a name, cannot decide alone), and the
# best language must lead the second by _LEXICAL_MARGIN (a likelihood
# ratio of 10**0.8, about 6 to 1) or the text stays undetermined.
_LEXICAL_FLOOR = 25
_ALIEN_PENALTY = 10
_WORD_CAP = 20
_NAME_CAP = 10
# A lower-case word (no name) holding a letter a language does not write
# and unlisted there counts this much more against it: more than one
# frequent word's evidence, so "bien sûr" is not Spanish for "bien".
_ALIEN_EXTRA = 20
_LEXICAL_MARGIN = 8
# A word of _NGRAM_MIN_LETTERS letters or more that a language does not
# list (rarer than Zipf 3 there, or no word of it) scores the floor less
# what its letters say: the log10 likelihood of its padded letter
# trigrams in that language (``data/<lang>/letter_ngrams.tsv.gz``, from
# wordfreq's lists) below the best language's, each log10 unit of it
# worth _NGRAM_SCALE tenths of a Zipf unit (overlapping trigrams are far
# from independent: a whole Zipf unit each would overcount), at most
# _NGRAM_CAP below the floor. A capitalised word may be a name, spelt as its own language
# spells it (``Pelosi``, ``Kavanaugh``): its letters count only where
# text respells names in its own letters (Cyrillic: ``Уотсон``, not
# ``Watson``), at most _NGRAM_CAP_CAPITALISED, and for a word of
# _NOUN_MIN letters or more that no list holds and that looks most like
# a language that capitalises nouns (``Flugzeugabsturz``), at most
# _NGRAM_CAP_NOUN, less than _LEXICAL_MARGIN: such a word may be a name
# too (``Schwarzenegger``), so it cannot decide alone.
_NGRAM_MIN_LETTERS = 4
_NGRAM_SCALE = 3.0
_NGRAM_STEPS = 32  # letter_ngrams' log10 values are kept in 1/32nds, a byte a language (down to 10**-7.9)
_NGRAM_CAP = 15
_NGRAM_CAP_CAPITALISED = 8
_NGRAM_CAP_NOUN = _LEXICAL_MARGIN - 1
_TRANSLITERATING_SCRIPTS = ("Cyrillic",)
_NOUN_MIN = 8
# ¿ ¡ (languages.tsv inverted_marks: only Spanish writes them) count as a
# word of that language alone; French spaces, a habit a typist may have in
# any language, half as much.
_INVERTED_PENALTY = _WORD_CAP
_FRENCH_SPACE_PENALTY = _WORD_CAP // 2
_TENTHS = {str(v): v for v in range(10, 100)}
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöùúûüýÿœ")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
# A quotation between paired marks (not ' ’, which are also apostrophes).
_QUOTED = regex.compile(r'“[^“”„"]*”|„[^“”„"]*[“”]|«[^«»]*»|»[^«»]*«|"[^"“”]*"')
# A token holding one of these is a handle, tag, address or markup
# (``@user34``, ``#tag``, ``<contents``, ``a/b``), and so is one with a
# letter glued to a digit (``user34``, ``mp3``; not ``42-річний``): no
# word of any language.
_NOT_PROSE = frozenset("@#/\\<>=_{}[]|~^*+&%$")
_GLUED_DIGIT = regex.compile(r"[^\W\d_]\d|\d[^\W\d_]")


class _Lexical:
    """Frequent words of every language of one script: per language, a sorted array of word hashes.

    Each entry is ``hash(word)`` with its low byte replaced by Zipf x 10,
    8 bytes a word (a dict of the strings would take about 150): the
    Latin-script lists, 316k words, take 2.5 MB. Two words share an entry
    only when 56 bits of their hashes agree.
    """

    _SEEN_KEPT = 4096

    def __init__(self, script: str, langs: list[str]):
        import gzip
        from array import array
        from importlib import resources

        self.langs = langs
        self.tables = []
        for lang in langs:
            path = resources.files("mtclean").joinpath("data", lang, "frequent_words.tsv.gz")
            lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
            # "word<TAB>zipf x 10", the value always two digits (30-80).
            self.tables.append(array("q", sorted([
                ((hash(line[:-3]) >> 8) << 8) | _TENTHS[line[-2:]] for line in lines if line and line[0] != "#"
            ])))
        letters = {lang: facts(lang).letters for lang in langs}  # type: ignore[union-attr]
        known = frozenset().union(*letters.values()) if letters else frozenset()
        # letter -> languages that do not write it, among those that this script's others write
        self.alien = {c: tuple(i for i, lang in enumerate(langs) if c not in letters[lang]) for c in known}
        self.inverted = {
            c: tuple(i for i, lang in enumerate(langs) if c not in facts(lang).inverted_marks)  # type: ignore[union-attr]
            for lang in langs
            for c in facts(lang).inverted_marks  # type: ignore[union-attr]
        }
        self.nouns_capitalised = tuple(
            i for i, lang in enumerate(langs) if facts(lang).nouns_capitalised  # type: ignore[union-attr]
        )
        self.not_french = tuple(
            i for i, lang in enumerate(langs) if not facts(lang).space_before_high_punct  # type: ignore[union-attr]
        )
        self._seen: dict[tuple[str, bool], tuple[int, ...]] = {}  # word -> evidence, the last few thousand words
        self.transliterates = script in _TRANSLITERATING_SCRIPTS
        self._ngrams: dict[str, bytes] | None = None  # letter trigrams, loaded at the first word that needs them
        self._ngram_unseen = b""

    def _load_ngrams(self) -> dict[str, bytes]:
        """trigram -> ``-log10`` of its probability in each language, in steps of ``1/_NGRAM_STEPS``, a byte each.

        Read from ``data/<lang>/letter_ngrams.tsv.gz``. A trigram a
        language's words do not have (or have once: pruned) counts as half
        a word's. A byte per language (the Latin-script table, 27k
        trigrams, takes about 3 MB; a tuple of floats would take 11).
        """
        import gzip
        from importlib import resources

        n = len(self.langs)
        table: dict[str, bytearray] = {}
        unseen = bytearray(n)
        for i, lang in enumerate(self.langs):
            path = resources.files("mtclean").joinpath("data", lang, "letter_ngrams.tsv.gz")
            lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n") if path.is_file() else []
            total = next((int(x[7:]) for x in lines if x.startswith("#total\t")), 1)
            unseen[i] = min(255, round(-math.log10(0.5 / total) * _NGRAM_STEPS))
            for row in table.values():
                row[i] = unseen[i]  # until this language's own count says otherwise
            for line in lines:
                if line and line[0] != "#":
                    tri, _, count = line.partition("\t")
                    got = table.get(tri)
                    if got is None:
                        got = table[tri] = bytearray(unseen)
                    got[i] = min(255, round(-math.log10(int(count) / total) * _NGRAM_STEPS))
        self._ngram_unseen = bytes(unseen)
        self._ngrams = {tri: bytes(row) for tri, row in table.items()}
        return self._ngrams

    def letter_scores(self, word: str) -> list[int]:
        """log10 likelihood of ``word``'s letter trigrams (padded ``^word$``) in each language, x ``_NGRAM_STEPS``.

        >>> lex = _lexical("Latin")
        >>> s = lex.letter_scores("flugzeugabsturz")
        >>> lex.langs[s.index(max(s))]
        'de'
        """
        table = self._ngrams if self._ngrams is not None else self._load_ngrams()
        unseen = self._ngram_unseen
        padded = f"^{word}$"
        total = [0] * len(self.langs)
        for i in range(len(padded) - 2):
            row = table.get(padded[i:i + 3], unseen)
            total = [a - b for a, b in zip(total, row)]
        return total

    def zipfs(self, word: str) -> list[int]:
        """Zipf frequency x 10 of ``word`` in each language (0 where not listed)."""
        h = (hash(word) >> 8) << 8
        out = []
        for table in self.tables:
            i = bisect_left(table, h)
            v = table[i] - h if i < len(table) else 256
            out.append(v if 0 <= v < 256 else 0)
        return out

    def evidence(self, word: str, lower: bool = False) -> tuple[int, ...]:
        """What ``word`` says for each language: 0 for the best, down to ``-_WORD_CAP``.

        ``lower``: the text wrote the word in lower case, so it is no name,
        and a letter a language does not write counts ``_ALIEN_EXTRA`` more
        against it (past the cap): ``sûr`` is no Spanish word, whatever
        the other words say, while ``Müller`` may be named in any language.
        """
        key = (word, lower)
        got = self._seen.get(key)
        if got is not None:
            return got
        n = len(self.langs)
        plain = word.translate(_APOSTROPHES)
        found = self.zipfs(plain)
        parts = [plain]
        if "'" in plain and not any(found):
            parts = [p for p in plain.split("'") if p]  # wordfreq splits at apostrophes (l'homme)
            if len(parts) > 1 and len(parts[-1]) == 1 and parts[-1] not in _VOWELS:
                # A consonant after the last apostrophe is a clitic (Sainsbury's,
                # geht's), not the word of that spelling (Czech "s"); a vowel
                # may be a word (French n'a, n'y).
                parts.pop()
        total = [0] * n
        for part in parts:
            listed = found if part is plain else self.zipfs(part)
            s = [v or _LEXICAL_FLOOR for v in listed]
            if len(part) >= _NGRAM_MIN_LETTERS and not all(listed) and (
                lower or self.transliterates or (len(part) >= _NOUN_MIN and self.nouns_capitalised and not any(listed))
            ):
                # Unlisted somewhere: how its letters fit each language
                # that does not list it, below the floor.
                letters = self.letter_scores(part)
                best = max(letters)
                if lower:
                    cap = _NGRAM_CAP
                elif self.transliterates:
                    cap = _NGRAM_CAP_CAPITALISED
                elif len(part) >= _NOUN_MIN and letters.index(best) in self.nouns_capitalised:
                    cap = _NGRAM_CAP_NOUN
                else:
                    cap = 0
                for i in range(n):
                    if not listed[i]:
                        s[i] += max(round(_NGRAM_SCALE * (letters[i] - best) / _NGRAM_STEPS), -cap)
            top = max(s)
            alien = set()
            for c in set(part):
                for i in self.alien.get(c, ()):
                    if not listed[i]:
                        alien.add(i)  # a letter the language does not write
            for i in range(n):
                total[i] += -_WORD_CAP - (_ALIEN_EXTRA if lower else 0) if i in alien else max(s[i] - top, -_WORD_CAP)
        if len(self._seen) >= self._SEEN_KEPT:
            self._seen.clear()
        got = self._seen[key] = tuple(total)
        return got

    def _noun(self, word: str, ev: tuple[int, ...]) -> bool:
        """Is ``word`` listed, and most frequent, in a language that capitalises every noun (German), and no function word there?"""
        if not self.nouns_capitalised:
            return False
        listed = self.zipfs(word.translate(_APOSTROPHES))
        return any(
            ev[i] == 0 and listed[i] and word not in _function_words(self.langs[i]) for i in self.nouns_capitalised
        )

    def scores(self, words: list[str], sample: str) -> list[int]:
        """Per language (``self.langs`` order): the summed evidence, 0 at best, negative against.

        ``words`` as the text wrote them (their case tells names apart).
        """
        total = [0] * len(self.langs)
        # Capitals mark a name or an acronym only where the text otherwise
        # writes lower case: in a Title Case or ALL CAPS line they are the
        # line's style (Configuring Virtual Hosts, I AM SORRY).
        later = words[1:]
        sentence_case = 2 * sum(not w.islower() for w in later) <= len(later)
        long_words = [w for w in words if len(w) > 1]
        shouting = 2 * sum(w.isupper() for w in long_words) > len(long_words)
        for k, word in enumerate(words):
            low = word.lower()
            ev = self.evidence(low, low == word)
            if low == word:
                pass
            elif len(word) > 1 and word.isupper():
                if not shouting:
                    ev = tuple(max(v, -_NAME_CAP) for v in ev)  # an acronym
            elif k and sentence_case and not self._noun(low, ev):
                # Capitalised inside a sentence: a name, written alike in
                # any language.
                ev = tuple(max(v, -_NAME_CAP) for v in ev)
            total = [a + b for a, b in zip(total, ev)]
        for c, against in self.inverted.items():
            if c in sample:
                for i in against:
                    total[i] -= _INVERTED_PENALTY
        if any(m in sample for m in _FRENCH_MARKS) and _FRENCH_SPACE.search(sample):
            for i in self.not_french:
                total[i] -= _FRENCH_SPACE_PENALTY
        return total


@functools.lru_cache(maxsize=None)
def _lexical(script: str) -> _Lexical | None:
    from importlib import resources

    langs = [
        c for c in _evidence(script).langs
        if resources.files("mtclean").joinpath("data", c, "frequent_words.tsv.gz").is_file()
    ]
    return _Lexical(script, langs) if len(langs) >= 2 else None


def _prose_words(text: str, script: str) -> list[str]:
    """The words of ``text`` in ``script`` as written, less tokens that are no prose (``@user34``)."""
    return [
        w
        for token in text.split()
        if _NOT_PROSE.isdisjoint(token) and not _GLUED_DIGIT.search(token)
        for w in _in_script(_WORD.findall(token), script)
    ]


def _short_script(sample: str, script: str) -> str | None:
    """The script whose words decide a short segment, or None when nothing tells.

    Names are written with capitals in any language, so the script with
    more lower-case words wins over the one with more letters
    (``представники Global Citizen`` is Ukrainian). With as many in each,
    the first word that is not an acronym does: its capital is the
    sentence's (``Програма Desert Island Discs``, ``Когда RAID``); in a
    line of capitals, its first word. Tokens that are no prose (``<unk>``,
    an address) do not count, as in the vote.

    >>> _short_script("представники Global Citizen", "Latin"), _short_script("Програма Desert Island", "Latin")
    ('Cyrillic', 'Cyrillic')
    >>> _short_script("Нажмите <unk>Настройки<unk>.", "Cyrillic")
    'Cyrillic'
    """
    lowered: dict[str, int] = {}
    first = None
    first_any = None
    for token in _QUOTED.sub(" ", sample).split():
        if not _NOT_PROSE.isdisjoint(token) or _GLUED_DIGIT.search(token):
            continue
        for w in _WORD.findall(token):
            for name in _LEXICAL_SCRIPTS:
                if _SCRIPTS[name].match(w):
                    lowered[name] = lowered.get(name, 0) + w.islower()
                    first_any = first_any or name
                    if first is None and not (w.isupper() and len(w) > 1):
                        first = name
                    break
    if len(lowered) < 2:
        # (the majority's letters may all be in an address or markup)
        return next(iter(lowered), script)
    best = max(lowered.values())
    leaders = [name for name, v in lowered.items() if v == best]
    if len(leaders) == 1:
        return leaders[0]
    first = first or first_any
    return first if first in leaders else None


# Scripts that have frequent-word lists (a short segment's vote).
_LEXICAL_SCRIPTS = ("Latin", "Cyrillic")


def _lexical_vote(sample: str, script: str) -> str | None:
    """The language the word frequencies of ``sample`` clearly favour, or None.

    >>> _lexical_vote("Das ist gut", "Latin"), _lexical_vote("Він", "Cyrillic")
    ('de', 'uk')
    >>> _lexical_vote("La", "Latin") is None  # French, Spanish, Italian
    True

    Words between paired quotation marks are quoted, often from another
    language, and vote only when nothing else does:

    >>> _lexical_vote("He said “c’est la vie” and left.", "Latin")
    'en'
    """
    lex = _lexical(script)
    if lex is None:
        return None
    words = _prose_words(_QUOTED.sub(" ", sample), script) or _prose_words(sample, script)
    if not words:
        return None
    scores = lex.scores(words, sample)
    best = max(range(len(scores)), key=scores.__getitem__)
    second = max(v for i, v in enumerate(scores) if i != best)
    return lex.langs[best] if scores[best] - second >= _LEXICAL_MARGIN else None


class SparseProbabilities:
    """langdetect's n-gram -> per-language probability list, kept sparse.

    langdetect keeps a list of 55 floats for each of its 87,598 n-grams
    (45 MB), though an n-gram occurs in about two languages. Here each
    n-gram keeps only its ``(index, probability)`` pairs, and the dense
    list is made when the detector asks (the last few thousand are kept):
    the same numbers, so the same answers, in about a quarter of the memory.

    >>> probs = SparseProbabilities(3)
    >>> probs.add("ab", 1, 0.25)
    >>> probs["ab"], "ab" in probs, "zz" in probs
    ([0.0, 0.25, 0.0], True, False)
    """

    __slots__ = ("_pairs", "_size", "_dense")
    _DENSE_KEPT = 4096

    def __init__(self, size: int):
        self._pairs: dict[str, tuple] = {}
        self._size = size
        self._dense: dict[str, list[float]] = {}

    def add(self, gram: str, index: int, prob: float | None) -> None:
        """Record ``prob`` for language ``index`` (``None``: only note the n-gram)."""
        pairs = self._pairs.get(gram, ())
        self._pairs[gram] = pairs if prob is None else pairs + (index, prob)

    def __contains__(self, gram: object) -> bool:
        return gram in self._pairs

    def __len__(self) -> int:
        return len(self._pairs)

    def __getitem__(self, gram: str) -> list[float]:
        dense = self._dense.get(gram)
        if dense is None:
            pairs = self._pairs[gram]
            dense = [0.0] * self._size
            for k in range(0, len(pairs), 2):
                dense[pairs[k]] = pairs[k + 1]
            if len(self._dense) >= self._DENSE_KEPT:
                self._dense.clear()
            self._dense[gram] = dense
        return dense


def _load_profiles(factory, directory: str) -> None:
    """What ``DetectorFactory.load_profile(directory)`` does, into a sparse table.

    The same files in the same order, the same probabilities (frequency
    over the count of n-grams of that length), read one profile at a time.
    """
    import json
    import os

    names = [n for n in os.listdir(directory) if not n.startswith(".") and os.path.isfile(os.path.join(directory, n))]
    probs = SparseProbabilities(len(names))
    for index, name in enumerate(names):
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            profile = json.load(fh)
        factory.langlist.append(profile["name"])
        n_words = profile["n_words"]
        for gram, freq in profile["freq"].items():
            length = len(gram)
            probs.add(gram, index, 1.0 * freq / n_words[length - 1] if 1 <= length <= 3 else None)
    factory.word_lang_prob_map = probs


@functools.lru_cache(maxsize=1)
def _factory():  # pragma: no cover - exercised through detect_language
    from langdetect.detector_factory import DetectorFactory, PROFILES_DIRECTORY

    factory = DetectorFactory()
    _load_profiles(factory, PROFILES_DIRECTORY)
    return factory


def _langdetect(sample: str, script: str) -> str | None:
    try:
        detector = _factory().create()
        detector.seed = 0
        detector.append(sample)
        best = detector.get_probabilities()[0]
    except Exception:  # langdetect raises its own LangDetectException on odd input
        return None
    if best.prob < _LANGDETECT_MIN_PROB:
        return None
    lang = best.lang.split("-")[0]
    f = facts(lang)
    if f is not None and f.script != script:
        return None  # a Latin-script answer for Cyrillic text, or the reverse
    return lang or None


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The language of ``text`` (an ISO 639-1 code), or ``"und"`` when unclear.

    ``default`` is the language whose shipped lexicon may settle
    Latin-script text of 12 words or more that no other language has
    evidence for (step 4 above); it is never returned without evidence of
    its own. Shorter text is decided by word frequencies alone (step 2).

    >>> detect_language("Die Regierung hat gesagt, dass sie nicht zustimmen wird.")
    'de'
    >>> detect_language("Zelenskyy"), detect_language("")
    ('und', 'und')
    """
    sample = text[:_SAMPLE_CHARS]
    script = _majority_script(sample)
    if script is None:
        return UNDETERMINED
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script == "Han":
        return "zh" if len(_SCRIPTS["Han"].findall(sample)) >= 4 else UNDETERMINED
    if sample.isascii():
        # The same words as _WORD finds, at the standard library's speed.
        words = _ASCII_WORD.findall(sample.lower())
        original = None
    else:
        original = _in_script(_WORD.findall(sample), script)
        words = [w.lower() for w in original]
    n = len(words)
    if n < _LANGDETECT_MIN_WORDS and _lexical(script) is not None:
        # A short segment: the word frequencies of every language of the
        # script decide (they hold the function words too), or nothing does.
        voting = _short_script(sample, script)
        return (_lexical_vote(sample, voting) if voting else None) or UNDETERMINED
    ev = _evidence(script)
    unit = ev.unit
    scores = _scores(words, sample, ev)
    decided = _decide(scores, n, unit)
    if decided:
        return decided
    # (No other language has a clear signal, nor more evidence than the
    # default from words the default does not write often: "Aunque no se"
    # and "Le concept" are not English, though English knows each word.)
    if (
        default
        and all(v < unit for k, v in scores.items() if k != default)
        and not _outscored(default, words, ev, scores.get(default, 0))
    ):
        if original is None:
            original = _ASCII_WORD.findall(sample)
        if _known_to(default, words, original):
            return default
    if n >= _LANGDETECT_MIN_WORDS:
        if default and _leads(scores, default, unit):
            # The default language leads and its own lexicon knows the
            # lower-case words (names may be foreign: "Magnús said"; its table
            # is loaded for its rules anyway): langdetect, 5-15 ms a call,
            # would only confirm it.
            if original is None:
                original = _ASCII_WORD.findall(sample)
            if _known_to(default, words, original, names_free=True):
                return default
        return _langdetect(sample, script) or UNDETERMINED
    return UNDETERMINED


def language_in_document(text: str, document_lang: str, min_chars: int = OWN_LANGUAGE_CHARS) -> str:
    """The language for one paragraph of a document written in ``document_lang``.

    A short paragraph (a heading, a list item, one line) takes the
    document's language: alone it is often ``"und"`` or wrongly detected. A
    paragraph of at least ``min_chars`` characters (spaces at its ends not
    counted) keeps its own language when :func:`detect_language` names one
    that mtclean knows (``languages.tsv``) and that is not the document's;
    an undetermined one takes the document's.

    >>> language_in_document("Merci beaucoup !", "en")
    'en'
    >>> language_in_document("Le gouvernement a annoncé mardi que les écoles resteront fermées "
    ...     "jusqu'à la fin du mois, et les syndicats ont dit qu'ils ne sont pas d'accord avec "
    ...     "cette décision, qui a été prise sans eux par le ministre de l'éducation.", "en")
    'fr'
    """
    if len(text.strip()) < min_chars:
        return document_lang
    own = detect_language(text, default=document_lang)
    if own != UNDETERMINED and own != document_lang and facts(own) is not None:
        return own
    return document_lang


def document_language(pieces: list[str], default: str = DEFAULT_LANGUAGE,
                      min_chars: int = OWN_LANGUAGE_CHARS) -> str:
    """The language of a document from its first pieces (paragraphs, records), or ``"und"``.

    First :func:`detect_language` on all of them together. When that is
    undetermined (a long quotation in another language blurs the evidence),
    the pieces vote: each piece of ``min_chars`` or more on its own, shorter
    neighbours joined until they are that long; the language detected on
    more than half of the characters that any language was detected on wins.

    >>> document_language(["Notes", "The bus left at six.", "We reached the town before noon."])
    'en'
    >>> document_language(["Paris", "Lyon"])
    'und'
    """
    texts = [t for t in pieces if t.strip()]
    lang = detect_language("\n".join(texts), default=default)
    if lang != UNDETERMINED or len(texts) < 2:
        return lang
    chunks: list[str] = []
    short: list[str] = []
    for t in texts:
        if len(t.strip()) >= min_chars:
            chunks.append(t)
            continue
        short.append(t)
        if sum(len(x.strip()) for x in short) >= min_chars:
            chunks.append("\n".join(short))
            short = []
    if short:
        chunks.append("\n".join(short))
    votes: Counter[str] = Counter()
    for chunk in chunks:
        got = detect_language(chunk, default=default)
        if got != UNDETERMINED:
            votes[got] += len(chunk.strip())
    if votes:
        best, n = votes.most_common(1)[0]
        if 2 * n > sum(votes.values()):
            return best
    return UNDETERMINED
