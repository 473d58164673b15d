"""Words glued together: ``regionbordering``, ``moreUkraine``."""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from importlib import resources
from typing import Collection, Iterable, Iterator

import regex

from ..lexicon import FREQUENT_ZIPF10, Lexicon
from ..rule import Candidate, Context, Rule
from ._common import (
    DAYS_AND_MONTHS, EN, lower_word_list, protected, run_rule, technical_signal, unknown_words, word_counts, word_set,
)
from .casing import _scowl_levels

__all__ = ["split_glued_words", "SPLIT_GLUED_WORDS", "best_split", "confidence_of"]

# ---------------------------------------------------------------- confidence
# Each candidate names the signals that decided it (its evidence); its
# confidence is a logistic score: the rule's bias plus one weight per
# signal. The weights are data (``data/en/glue_weights.json``, written by
# ``scripts/calibrate_glue.py`` from clean and injected paragraphs); these
# defaults are used where the file is missing.
_DEFAULT_WEIGHTS: dict[str, dict] = {}
_WEIGHTS: dict[str, dict] | None = None


def _load_weights() -> dict[str, dict]:
    global _WEIGHTS
    if _WEIGHTS is None:
        try:
            raw = resources.files("mtclean").joinpath("data", "en", "glue_weights.json").read_text("utf-8")
            _WEIGHTS = json.loads(raw)["rules"]
        except (FileNotFoundError, OSError, KeyError, ValueError):
            _WEIGHTS = _DEFAULT_WEIGHTS
    return _WEIGHTS


def confidence_of(rule: str, evidence: Iterable[str]) -> float:
    """The calibrated confidence of a candidate of ``rule`` with ``evidence``.

    ``sigmoid(bias + sum of the signals' weights)``, rounded to 3 places;
    a signal the weights do not know counts 0.

    >>> 0.0 < confidence_of("split_glued_words", ["function-word half"]) < 1.0
    True
    """
    return _confidence(rule, tuple(evidence))


@functools.lru_cache(maxsize=4096)
def _confidence(rule: str, evidence: tuple[str, ...]) -> float:
    # (Cached: a text dense with edits asks the same few combinations
    # thousands of times; the weights are read once per process.)
    model = _load_weights().get(rule, {})
    weights = model.get("weights", {})
    z = model.get("bias", 0.0) + sum(weights.get(e, 0.0) for e in evidence)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)


def candidate(rule: str, start: int, end: int, repl: str, evidence: list[str] | tuple[str, ...]) -> Candidate:
    """A :class:`Candidate` whose confidence comes from its evidence."""
    ev = evidence if type(evidence) is tuple else tuple(evidence)
    # (tuple.__new__ directly: the named tuple's own __new__ is a Python
    # function, a good part of the cost on text with an edit every few letters.)
    return _new_tuple(Candidate, (start, end, repl, _confidence(rule, ev), ev))


_new_tuple = tuple.__new__


# Two-letter words that may stand as one half of a split; other halves need
# three letters or more (so "therapist" never becomes "the rap ist").
_SHORT_WORDS = frozenset("a an as at be by do go he hi if in is it me my no of on or so to up us we".split())
# Halves that are really prefixes or suffixes of an unlisted compound
# ("anti corruption", "home less"): never split there.
_BOUND_PREFIXES = frozenset(
    """anti counter over under out up down behind re pre non post super self cyber micro macro mega multi
    inter intra extra semi mini ultra co de dis un in im il ir mis sub trans bio geo eco tele auto
    photo hyper neo pro pseudo quasi mid after fore back head hand foot work home""".split()
)
_BOUND_SUFFIXES = frozenset(
    """less ness like wise ship hood ward wards able ible man men woman women land lands berg burg
    ville ton town field fields wood woods worth ford side way ways ism ist ists ly ment ments
    ing ings ed er ers est age ages dom ful ology logy phobia phile tion tions ally""".split()
)
# Prefixes of surnames that are written glued with a capital (McCain, DeSantis).
_NAME_PREFIXES = frozenset("mc mac de di da du la le van von der del della al el san st o".split())
# Very common words: a known token made of two of them is still a glue
# ("ofthe", "inthe" are frequent enough typos to be listed by wordfreq).
_FUNCTION = frozenset(
    """the a an of in on at to for from with by and or but is was are were as that this it its there
    they we he she you i has have had will would can could be been not which who what when us him her them
    me my your our out up so do""".split()
)
# Real words made of two function words, and laughter ("hehe").
_FUNCTION_COMPOUNDS = frozenset(
    """whatnot therein thereby thereof thereto thereon thereat herein hereby hereof hereto hereon whereof
    whereon whereby wherein wherewith therewith inas isit""".split()
)
_FUNCTION_PAIRS = frozenset(a + b for a in _FUNCTION for b in _FUNCTION if a != b) - _FUNCTION_COMPOUNDS

_LOWER_TOKEN = regex.compile(r"(?<![\p{L}\p{N}'’_@#./\\-])\p{Ll}{3,40}(?![\p{L}\p{N}'’_@-])")
_TITLE_TOKEN = regex.compile(r"(?<![\p{L}\p{N}'’_@#./\\-])\p{Lu}\p{Ll}{3,40}(?![\p{L}\p{N}'’_@-])")
# Lower-case left half only: "CapCut", "SkyUp", "ProZorro" are brands.
_CAMEL_TOKEN = regex.compile(
    r"(?<![\p{L}\p{N}'’_@#./\\-])(\p{Ll}{2,})(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}'’_@-])"
)


def _half_ok(part: str, lex: Lexicon, min_zipf: float) -> bool:
    if len(part) <= 2:
        return part in _SHORT_WORDS
    if len(part) == 3:  # three-letter fragments are often abbreviations ("ind", "shi")
        return lex.zipf(part) >= max(min_zipf, 4.0)
    if len(part) >= 7:  # long words are rarer, and long fragments rarely words by chance
        return lex.zipf(part) >= min_zipf - 0.5
    return lex.zipf(part) >= min_zipf


# Closed-class words (and a few verbs that MT glues most): a split with one
# of these as a half is a glue, while two content words may be an unlisted
# compound ("keyworker", "groundrules") and are left alone.
_CLOSED_CLASS = frozenset(
    """a an the this that these those my your his her its our their some any no every each all both
    of in on at to for from with by about into onto over under after before between through during
    without within against among across along around behind beyond near since until upon via
    and or but nor so yet if as than because while when where whether which who whom whose what how why
    is am are was were be been being has have had do does did will would can could shall should may
    might must not he she it we they me him us them i you there here also only just very even still
    her out up according said says told added""".split()
)


# "or" is also the ending of agent nouns ("preventor", "suggestor"): as a
# right half it needs a closed-class word on the left ("this|or");
# "no" after a content word is an abbreviation's ending ("lineno", "fileno").
_WORD_ENDINGS = frozenset(["or", "no"])


def _plausible_glue(left: str, right: str, lex: Lexicon) -> bool:
    """Would two adjacent words form this pair, rather than a compound?"""
    if left in _CLOSED_CLASS or right in _CLOSED_CLASS:
        return True
    # Compounds rarely have a plural first part ("localities|according")
    # or end in an inflected verb after a noun ("region|bordering").
    if left.endswith("s") and len(left) > 3 and lex.zipf(left[:-1]) >= 3.0 and not left.endswith("ss"):
        return True
    if right.endswith(("ing", "ed")) and len(right) > 5:
        return True
    # A modifier then a word ("medical|services", "large|group",
    # "really|well"), or a word then an adverb ("work|better"): compounds
    # are made of nouns, not of these.
    if left in _MODIFIERS or (len(left) > 4 and left.endswith(_MODIFIER_ENDINGS)) or right in _ADVERBS:
        return True
    return False


_MODIFIER_ENDINGS = ("al", "ic", "ous", "ive", "ful", "less", "ed", "ing", "ly", "ary", "ent", "ant", "able", "ible", "est", "ish", "ian")
_MODIFIERS = frozenset(
    """large small old new young big great good bad high low long short next last first second third safe full
    free real main major minor other same whole many much more most less few several pretty very quite rather
    really just still even also only made got took gave went came saw told kept left put set back black white
    red green blue hot cold warm dry wet hard soft easy fast slow early late open clear strong weak rich poor
    heavy dark deep wide huge top best worst better worse female male public private local national global
    social human own such each every any some both either neither two three five six seven eight nine ten
    hundred thousand million billion""".split()
)
_ADVERBS = frozenset("better well again now then too also later together away here there today yesterday tomorrow soon".split())


# Two words glued together are rarely longer than this.
MAX_GLUED_LENGTH = 30


def best_split(word: str, lex: Lexicon, min_zipf: float = 3.0) -> tuple[str, str] | None:
    """The best two-word reading of an unknown lower-case ``word``, or None.

    Both halves must be frequent words (Zipf >= ``min_zipf``), neither a
    bare prefix or suffix; the best-scoring split (sum of Zipf values) wins.

    >>> from mtclean.lexicon import get_lexicon
    >>> best_split("regionbordering", get_lexicon("en"))
    ('region', 'bordering')
    >>> best_split("zelenskyy", get_lexicon("en")) is None
    True
    """
    if len(word) > MAX_GLUED_LENGTH:
        return None
    best: tuple[float, str, str] | None = None
    get = lex.words.get
    # A half of 3-6 letters must be at least as frequent as the lexicon's
    # dict of frequent words (_half_ok), which then holds it: asked there
    # first, a rare or absent half never reaches the packed tables (text of
    # many unknown words asked them for every split).
    frequent = getattr(lex.words, "frequent", None) if min_zipf * 10 >= FREQUENT_ZIPF10 else None
    n = len(word)
    for i in range(1, n):
        # A half of one or two letters must be one of the short words
        # (_half_ok): a set test before any slicing of the other half or look-up.
        if (i <= 2 and word[:i] not in _SHORT_WORDS) or (n - i <= 2 and word[i:] not in _SHORT_WORDS):
            continue
        left, right = word[:i], word[i:]
        if frequent is not None and (
            (2 < len(left) < 7 and left.lower() not in frequent) or (2 < len(right) < 7 and right.lower() not in frequent)
        ):
            continue
        # Cheapest test first: both halves must be known words at all.
        if not ((get(left, 0) & 255) or len(left) <= 2) or not ((get(right, 0) & 255) or len(right) <= 2):
            continue
        if (left in _BOUND_PREFIXES or right in _BOUND_SUFFIXES) and not (
            left in _CLOSED_CLASS and right in _CLOSED_CLASS
        ):
            continue
        if not (_half_ok(left, lex, min_zipf) and _half_ok(right, lex, min_zipf)):
            continue
        if right in _WORD_ENDINGS and left not in _CLOSED_CLASS:
            continue  # "prevent|or", "suggest|or": more likely one word's ending than a glue
        if right == "a" and not (left in _CLOSED_CLASS or (left.endswith("s") and lex.zipf(left) >= 4.0)):
            continue  # a word ending in "a" is rarely "word a" ("corna", "Menga"), but "in|a", "makes|a"
        if not _plausible_glue(left, right, lex):
            continue
        score = lex.zipf(left) + lex.zipf(right)
        if best is None or score > best[0]:
            best = (score, left, right)
    return None if best is None else (best[1], best[2])


_RULE = "split_glued_words"
# A token the lexicon knows at this Zipf frequency or more is never split at a sentence start.
KNOWN_AT_SENTENCE_START_ZIPF = 2.5
# Below this Zipf frequency the rest of a token after "a", "do", "in" is a rare word.
RARE_REST_ZIPF = 3.7
# Inflectional and derivational endings: "formatters" is "formatter" + s,
# "modestest" is "modest" + est, not two words.
_ENDINGS = ("s", "es", "ed", "d", "er", "r", "ers", "est", "ing", "ly", "ness", "able")
# Signs of code or markup in a text: compounds like "mainloop" are its words.
def _derivation_of_known_word(word: str, lex: Lexicon) -> bool:
    """``formatters``, ``modestest``, ``deallocating``: a known word plus an affix."""
    for end in _ENDINGS:
        stem = word[: -len(end)]
        if not word.endswith(end) or len(stem) < 4:
            continue
        # "formatt|ers" -> "format", "bak|er" -> "bake"
        stems = (stem, stem[:-1] if stem[-1] == stem[-2] else stem, stem + "e")
        if any(lex.zipf(st) >= 2.0 for st in stems):
            return True
    for pre in ("de", "re", "un", "dis", "mis", "non", "pre", "over", "under", "out"):
        rest = word[len(pre):]
        if word.startswith(pre) and len(rest) >= 4 and lex.zipf(rest) >= 2.5:
            return True
    return False


def _inflected_verb(word: str, lex: Lexicon) -> bool:
    """``bordering``, ``folded``: a known stem plus -ing or -ed (not ``string``, ``bed``)."""
    for end in ("ing", "ed"):
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) >= 4:
            stems = (stem, stem[:-1] if stem[-1] == stem[-2] else stem, stem + "e")
            if any(lex.zipf(st) >= 3.0 for st in stems):
                return True
    return False


def _bigram_margin(left: str, right: str, word: str, lex: Lexicon) -> float:
    """Zipf of ``left right`` as independent words minus the Zipf of ``word``.

    Positive: the two-word reading is the more frequent one ("of the" vs
    "ofthe"); negative: the word is ("washer" vs "was her").
    """
    return lex.zipf(left) + lex.zipf(right) - 9.0 - lex.zipf(word)


# Signals of a split's halves that still count at a sentence start.
_SENTENCE_START_SIGNALS = (
    "derivation of a known word", "short half", "short function word and a rare word",
    "junction letters common inside words",
)
# Distinct lexicon words a letter trigram must occur in to count as "inside words";
# and the frequency and length under which the other half is uncommon and
# short enough for a chance match ("pine", "cola"; not "school", "participate").
# A longer rest is seldom matched by chance ("to|participate"), so only a
# short one counts.
JUNCTION_COMMON_WORDS = 15
JUNCTION_RARE_REST_ZIPF = 4.5
JUNCTION_SHORT_REST = 5
_TRIGRAMS: dict[str, int] | None = None


def _letter_trigrams() -> dict[str, int]:
    global _TRIGRAMS
    if _TRIGRAMS is None:
        path = resources.files("mtclean").joinpath("data", "en", "letter_trigrams.tsv")
        table: dict[str, int] = {}
        if path.is_file():
            for line in path.read_text("utf-8").splitlines():
                if line and not line.startswith("#"):
                    tri, n = line.split("\t")
                    table[tri] = int(n)
        _TRIGRAMS = table
    return _TRIGRAMS


def _junction_inside_words(left: str, right: str) -> bool:
    """Whether a two-letter function word ends or starts the split and the letters across it are ordinary inside words.

    A short word matches the edge of many foreign or transliterated tokens
    by chance ("sh|otto", "do|pine", "Me|cola"); when the letters across the
    split point also run on inside many English words, nothing marks the
    point as a word boundary. A real glue usually makes a sequence words
    never hold ("not|knew": ``otk``, ``tkn``).

    >>> _junction_inside_words("shot", "to"), _junction_inside_words("nothing", "we")
    (True, False)
    """
    if min(len(left), len(right)) != 2:
        return False  # (a one-letter word leaves one trigram across the split: too little to go on)
    left, right = left.lower(), right.lower()
    table = _letter_trigrams()
    return all(table.get(tri, 0) >= JUNCTION_COMMON_WORDS for tri in (left[-2:] + right[:1], left[-1:] + right[:2]))


def glue_evidence(word: str, left: str, right: str, lex: Lexicon) -> list[str] | None:
    """The signals for reading lower-case ``word`` as ``left right``; None: never.

    >>> from mtclean.lexicon import get_lexicon
    >>> glue_evidence("washer", "was", "her", get_lexicon("en")) is None
    True
    >>> "function-word half" in glue_evidence("regionof", "region", "of", get_lexicon("en"))
    True
    """
    ev: list[str] = []
    known = lex.zipf(word)
    if known > 0:
        # A word the lexicon knows is split only when it is a frequent
        # typo of two function words ("ofthe"), far rarer than the pair.
        if not (left in _FUNCTION and right in _FUNCTION) or _bigram_margin(left, right, word, lex) < 2.75:
            return None
        ev.append("known token, pair far more frequent")
    if left in _FUNCTION and right in _FUNCTION:
        ev.append("two function words")
    elif left in _CLOSED_CLASS or right in _CLOSED_CLASS:
        ev.append("function-word half")
    else:
        if left.endswith("s") and len(left) > 3 and lex.zipf(left[:-1]) >= 3.0 and not left.endswith("ss"):
            ev.append("plural then word")
        if _inflected_verb(right, lex):
            ev.append("inflected verb on the right")
        if left in _MODIFIERS or (len(left) > 4 and left.endswith(_MODIFIER_ENDINGS)):
            ev.append("modifier then word")
        if right in _ADVERBS:
            ev.append("word then adverb")
        ev.append("content words only")
    if (len(left) <= 2 and left not in _FUNCTION) or (len(right) <= 2 and right not in _FUNCTION):
        ev.append("short half")  # "file|no", "inca|so": a two-letter word that is no function word
    elif "function-word half" in ev and (
        (len(left) <= 2 and lex.zipf(right) < RARE_REST_ZIPF) or (len(right) <= 2 and lex.zipf(left) < RARE_REST_ZIPF)
    ):
        # "a|pores", "do|pine", "in|caso": a one- or two-letter word and a rare
        # one fit many foreign or transliterated tokens by chance.
        ev.append("short function word and a rare word")
    rest = right if len(left) == 2 else left
    if "function-word half" in ev and len(rest) <= JUNCTION_SHORT_REST and _junction_inside_words(left, right) and (
        lex.zipf(rest) < JUNCTION_RARE_REST_ZIPF
    ):
        ev.append("junction letters common inside words")
    if _derivation_of_known_word(word, lex):
        ev.append("derivation of a known word")
    if min(lex.zipf(left), lex.zipf(right)) >= 4.5:
        ev.append("both halves very common")
    return ev


# Up to this many distinct tokens, their places are found by str.find
# (C speed) rather than by a scan of the token pattern over the whole text.
FIND_TOKENS_MAX = 16
# Places tried at most: one per this many characters, and this many more.
TOKEN_PLACES_PER = 256
TOKEN_PLACES_MIN = 32


def token_matches(pattern: "regex.Pattern[str]", text: str, tokens: "Collection[str]") -> "list[regex.Match[str]]":
    """``[m for m in pattern.finditer(text) if m.group() in tokens]``, for a
    ``pattern`` whose matches are letters only and never follow a letter or a
    number (a whole letter run): such a match starts where its token does,
    at a place no other match covers.

    Few tokens are looked for with ``str.find``, and the pattern tried only
    at their places; a place that is no match is skipped whole (the next
    match of the token cannot start inside it or right after it: a letter
    of the token would stand before it). Linear: at most FIND_TOKENS_MAX
    searches, and past a budget of places tried (a token met inside many
    other words: hostile text) the one scan after all.

    >>> [m.group() for m in token_matches(_LOWER_TOKEN, "xregionof, regionof regionoff", {"regionof"})]
    ['regionof']
    """
    if len(tokens) > FIND_TOKENS_MAX:
        return [m for m in pattern.finditer(text) if m.group() in tokens]
    found: list = []
    match, find = pattern.match, text.find
    budget = len(text) // TOKEN_PLACES_PER + TOKEN_PLACES_MIN
    for t in tokens:
        n = len(t)
        if not n:
            continue
        at = find(t)
        while at >= 0:
            budget -= 1
            if budget < 0:
                return [m for m in pattern.finditer(text) if m.group() in tokens]
            m = match(text, at)
            if m is not None and m.end() == at + n:
                found.append(m)
            at = find(t, at + n)
    if len(found) > 1:
        found.sort(key=_match_start)
    return found


def _match_start(m: "regex.Match[str]") -> int:
    return m.start()


def _frequent_dict(words: object) -> dict:
    """A dict of words the table ``words`` surely knows (every key is in it): its frequent dict, or {}."""
    if isinstance(words, dict):
        return words
    frequent = getattr(words, "frequent", None)
    return frequent if isinstance(frequent, dict) else {}


# Capitalised words met before that are never candidates (their lower case
# is a frequent word and no pair of function words: "The", "However"), per
# language (a pure answer of the word and its language's read-only table,
# as casing._LOWERABLE): taken from the unknown words at C speed before any
# is sorted. Bounded; once full it only stops growing. (One set for the last
# lexicon used was emptied at each change of language, and a thread working
# in another language could fill it with that language's words meanwhile.)
ORDINARY_MAX = 16384
_ORDINARY: dict[str, set[str]] = {}


def _ordinary_capitalised(lex: Lexicon) -> set[str]:
    ordinary = _ORDINARY.get(lex.lang)
    if ordinary is None:
        ordinary = _ORDINARY.setdefault(lex.lang, set())
    return ordinary


def _capitalised_candidates(title_words: list[str], lex: Lexicon) -> set[str]:
    """The capitalised words of 4+ letters whose lower case is unknown, or a rare pair of function words ("Ofthe")."""
    out: set[str] = set()
    if not title_words:
        return out
    words = lex.words
    lows = list(map(str.lower, title_words))
    low_set = set(lows)
    # (A word whose lower case the frequent dict holds, and no pair of
    # function words, never qualifies: two C-level set operations leave
    # the few that may, mostly names.)
    maybe = low_set.difference(_frequent_dict(words)) | low_set.intersection(_FUNCTION_PAIRS)
    if len(maybe) < len(low_set):
        ordinary = _ordinary_capitalised(lex)
        if len(ordinary) < ORDINARY_MAX:
            ordinary.update(w for w, low in zip(title_words, lows) if low not in maybe)
    if maybe:
        for w, low in zip(title_words, lows):
            if low in maybe and len(w) >= 4 and (low not in words or (low in _FUNCTION_PAIRS and lex.zipf(low) < 3.5)):
                out.add(w)
    return out


def _find_glued_words(text: str, ctx: Context) -> Iterator[Candidate]:
    lex = ctx.lexicon
    # Pre-screen on the call's shared word set: only letter runs that the
    # lexicon does not know (plus "ofthe"-style pairs) can be glues.
    # (Sorted by case with C-level filters, after the capitalised words
    # known to be ordinary are set aside: most unknown words are those.)
    unknown = unknown_words(text, ctx).difference(_ordinary_capitalised(lex))
    lower_all = set(filter(str.islower, unknown))
    lower = {w for w in lower_all if len(w) >= 6}
    title_all = list(filter(str.istitle, unknown))
    title = _capitalised_candidates(title_all, lex)
    camel: set[str] = set()
    if len(unknown) > len(lower_all) + len(title_all):
        for w in unknown.difference(lower_all, title_all):
            if not w.isupper() and len(w) >= 4:
                camel.add(w)
    lower.update(w for w in word_set(text, ctx) & _FUNCTION_PAIRS if lex.zipf(w) < 3.5)
    if not (lower or title or camel):
        return
    prot = protected(text, ctx)
    # (technical() is searched on the first candidate: most texts with an unknown word yield none.)
    technical = functools.partial(technical_signal, text, ctx)
    if lower:
        # What depends on the word alone is judged once a word, before any
        # scan for its places: most candidates end here.
        levels = _scowl_levels()
        splits: dict[str, tuple[tuple[str, str], list[str]]] = {}
        for w in lower:
            if min(levels.get(w, (99, 99))) <= SCOWL_KNOWN_LEVEL:
                continue  # a word of the language ("forborne"), whatever the frequency table says
            split = best_split(w, lex)
            if split:
                word_ev = glue_evidence(w, split[0], split[1], lex)
                if word_ev is not None:
                    splits[w] = (split, word_ev)
        # Written more than once, in any case ("Greylisting ... greylisting"):
        # the writer's own word, not an accident.
        counts = Counter(w for w in lower_word_list(text, ctx) if w in splits) if splits else Counter()
        for m in token_matches(_LOWER_TOKEN, text, [w for w in splits if counts[w] <= 1]) if splits else ():
            w = m.group()
            if w not in splits or counts[w] > 1 or prot.covers(m.start(), m.end()):
                continue
            if _enclosed(text, m.start(), m.end()):
                continue
            split, word_ev = splits[w]
            signals = list(word_ev)
            if _unknown_neighbour(text, m.start(), m.end(), lex):
                signals.append("unknown word next to it")
            pos = m.start() + len(split[0])
            yield candidate(_RULE, pos, pos, " ", signals + technical())

    # "Thereport" at a sentence start, "Dundeeon" anywhere. Other unknown
    # capitalised tokens are names ("Landray", "Hegang", "Longyuan"), so a
    # split needs a very common word on the left at a sentence start, or a
    # closed-class word on the right, with no capitalised neighbour.
    # (Each split is made only where it is read: a word written once, at a
    # sentence start or not. The sentence-start one searches every split
    # point, and most capitalised tokens are names in mid-sentence.)
    if title:
        title_found = token_matches(_TITLE_TOKEN, text, title)
        title_counts = Counter(m.group() for m in title_found)
        for m in title_found:
            w = m.group()
            if w not in title or title_counts[w] > 1 or prot.covers(m.start(), m.end()):
                continue
            if _enclosed(text, m.start(), m.end()):
                continue  # "(Newswitch)", "“Greylisting”": a name or a term, set apart as one
            if _sentence_initial(text, m.start()):
                split = _sentence_initial_split(w, lex)
                ok = split is not None and min(_scowl_levels().get(w.lower(), (99, 99))) > SCOWL_KNOWN_LEVEL
                ev = ["sentence start"]
                if split is not None:
                    inner = glue_evidence(w.lower(), split[0].lower(), split[1].lower(), lex)
                    if inner is None:
                        # A known word ("Init"); a rare typo of two function
                        # words ("Theyare", "Iwas") is still split.
                        ok = lex.zipf(w.lower()) < KNOWN_AT_SENTENCE_START_ZIPF
                    elif "derivation of a known word" in inner:
                        ok = False  # "Formatters": a known word and an ending
                    elif "content words only" in inner:
                        ev = inner  # "Housebuying": a sentence start says nothing about a compound
                    else:
                        ev += [e for e in inner if e in _SENTENCE_START_SIGNALS]
            else:
                split = _name_then_function_word(w, lex)
                ok = split is not None and not _capitalised_neighbour(
                    text, m.start(), m.end(), next_may_be_capital=split[1].lower() in ("of", "for", "and")
                )
                ev = ["word then function word"]
            if ok and split:
                if _unknown_neighbour(text, m.start(), m.end(), lex):
                    ev.append("unknown word next to it")  # "Thanto kat'olon": a foreign phrase
                if len(split[0]) == 1:
                    ev.append("single-letter word")
                elif split[0].lower() in _CLOSED_CLASS:
                    ev.append("function-word half")
                pos = m.start() + len(split[0])
                yield candidate(_RULE, pos, pos, " ", ev + technical())

    # "moreUkraine": a lower-case letter followed by a capital, where the
    # token is no known brand or name (YouTube, LinkedIn, McCain, iPhone).
    # A content word on the left ("teamLab") is a brand's shape, not a glue.
    if camel:
        # (Every match is an unknown letter run, so one of ``camel``: the
        # lexicon's keys are lower case.)
        camel_matches = token_matches(_CAMEL_TOKEN, text, camel)
        camel_found = Counter(m.group() for m in camel_matches)
        for m in camel_matches:
            left, right = m.group(1), m.group(2)
            token = left + right
            if camel_found[token] > 1 or prot.covers(m.start(), m.end()):
                continue  # used more than once: the writer's spelling
            if _camel_is_glue(left, right, token, lex):
                ev = ["lower-case then capital"]
                ev.append("function-word half" if left.lower() in _CAMEL_LEFT else "content word then capital")
                if (lex.title_ratio(right) or 0.0) >= 0.5:
                    ev.append("name on the right")
                yield candidate(_RULE, m.start(2), m.start(2), " ", ev + _camel_in_code(technical()))
        # "ArdaghGroup", "GoogleWorkspace": two capitalised words run together.
        for m in token_matches(_TITLE_CAMEL, text, camel):
            left, right = m.group(1), m.group(2)
            token = left + right
            if token not in camel or prot.covers(m.start(), m.end()):
                continue
            camel_ev = _title_camel_evidence(left, right, token, lex, word_counts(text, ctx))
            if camel_ev is not None:
                yield candidate(_RULE, m.start(2), m.start(2), " ", camel_ev + _camel_in_code(technical()))


def _camel_in_code(technical: list[str]) -> list[str]:
    # In text with code marks, camel case is how identifiers are written
    # (``forName``, ``InputOnly``): far stronger evidence there than either
    # signal alone.
    return technical + ["camel case in technical text"] if technical else technical


# Left halves of a camel-case glue that are function words ("moreUkraine").
_CAMEL_LEFT = _CLOSED_CLASS | _FUNCTION | frozenset("more most less than".split())
_TITLE_CAMEL = regex.compile(
    r"(?<![\p{L}\p{N}'’_@#./\\-])(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{N}'’_@-])"
)


def _title_camel_evidence(left: str, right: str, token: str, lex: Lexicon, counts: Counter) -> list[str] | None:
    """Signals for ``ArdaghGroup`` -> ``Ardagh Group``; None: a brand or name's own spelling."""
    low = token.lower()
    if low in lex or lex.usual_form(low) is not None or left.lower() in _NAME_PREFIXES:
        return None  # PlayStation, JavaScript, MacBook
    if counts.get(token, 0) > 1:
        return None
    lz, rz = lex.zipf(left), lex.zipf(right)
    if lz < 1.5 or rz < 2.5:
        return None
    ev = ["two capitalised words"]
    if (lex.title_ratio(left) or -9) > 0 or lex.usual_form(left) is not None:
        ev.append("name on the left")
    if (lex.title_ratio(right) or -9) <= -1.0:
        ev.append("common word on the right")
    if right.lower() in _CLOSED_CLASS:
        ev.append("function-word half")
    return ev


_NAME_TAILS_LONGEST_FIRST = sorted(
    "on in at to for from with by and or of is was are has had have said says will would could can the".split(),
    key=len,
    reverse=True,
)
_NAME_TAILS = tuple(_NAME_TAILS_LONGEST_FIRST)


def _name_then_function_word(word: str, lex: Lexicon) -> tuple[str, str] | None:
    """``Dundeeon`` -> (``Dundee``, ``on``): a known word glued to a closed-class word."""
    low = word.lower()
    if not low.endswith(_NAME_TAILS):
        return None  # (one C-level test: most names end in none of them)
    for tail in _NAME_TAILS_LONGEST_FIRST:
        if low.endswith(tail) and len(low) - len(tail) >= 4:
            head = low[: -len(tail)]
            # A longer tail is stronger evidence: a rarer head will do.
            if lex.zipf(head) >= (2.0 if len(tail) >= 3 else 3.0):
                return word[: len(head)], word[len(head):]
    return None


def _sentence_initial_split(word: str, lex: Lexicon) -> tuple[str, str] | None:
    """``Thereport`` -> (``The``, ``report``); ``Iwas`` -> (``I``, ``was``)."""
    low = word.lower()
    if low[0] in "ia" and len(low) > 3:
        rest = low[1:]
        # Never a single letter off a name-like rest ("Anat", "Amira"): the
        # rest must be a common lower-case word and the whole no name.
        if lex.usual_form(low) is not None:
            return None
        if (lex.title_ratio(rest) or 0.0) > -0.5:
            if rest in lex or lex.title_ratio(rest) is not None:
                return None
            # No word after the single letter ("Ithas" is no "I thas"): try
            # the longer function words below ("It|has", "As|scientists").
        elif (low[0] == "i" and (rest in _CLOSED_CLASS or lex.zipf(rest) >= 4.0)) or (
            low[0] == "a" and lex.zipf(rest) >= 3.5 and (lex.title_ratio(rest) or 0) <= 0 and rest[0] not in "aeiou"
        ):
            return word[:1], word[1:]
    split = best_split(low, lex)
    if (
        split is None
        or len(split[0]) < 2
        # Names start sentences too ("Reinis", "Nanono"): unless the left
        # half is a closed-class word, both halves must be common words.
        or (split[0] not in _CLOSED_CLASS and (lex.zipf(split[0]) < 4.5 or lex.zipf(split[1]) < 4.0))
        or (lex.title_ratio(split[0]) or 0) > 0  # "Steven|age": a name
        or (lex.title_ratio(split[1]) or 0) > 0.5
    ):
        return None
    return word[: len(split[0])], word[len(split[0]):]


def _capitalised_neighbour(text: str, start: int, end: int, next_may_be_capital: bool = False) -> bool:
    """Is a neighbour capitalised (part of a multi-word name: "Uche Secondus", "Luckin Coffee")?"""
    before = [w for w in (t.strip("\"'“”‘’()[],.;:") for t in text[max(0, start - 40):start].split()) if w]
    after = [w for w in (t.strip("\"'“”‘’()[],.;:") for t in text[end:end + 40].split()) if w]
    if before and before[-1][:1].isupper():
        return True
    if next_may_be_capital:  # "Ministry|of Defense"
        return False
    return bool(after) and after[0][:1].isupper() and after[0].lower() not in DAYS_AND_MONTHS


# Titles written with a period: the capitalised word after them is a name ("Mrs. Smallridge").
_HONORIFICS = frozenset("mr mrs ms messrs mme mlle dr st prof rev fr sr jr gen col capt lt sgt gov sen rep hon".split())
# SCOWL size level up to which a listed word is a word of the language (never split).
SCOWL_KNOWN_LEVEL = 70


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in "\"'“‘(":
        i -= 1
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] == ".":
        k = j - 1
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if text[k:j - 1].lower() in _HONORIFICS:
            return False  # "Mrs. Smallridge": a name after a title, not a sentence start
    return j == 0 or text[j - 1] in ".!?\n" and (j == i or j < i)


def _enclosed(text: str, start: int, end: int) -> bool:
    """Is the token alone between brackets or quotes ("(Newswitch)", "“greylisting”")?"""
    return 0 < start and end < len(text) and text[start - 1] in "(“\"‘'[" and text[end] in ")”\"’']"


_EDGE_PUNCT = "\"'“”‘’()[]{},.;:!?…-—"


def _unknown_neighbour(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Is the word before or after unknown to every lexicon (a foreign phrase, jargon, a list of names)?

    >>> from mtclean.lexicon import get_lexicon
    >>> _unknown_neighbour("thanto kat'olon", 0, 6, get_lexicon("en"))
    True
    >>> _unknown_neighbour("see thepostponed games", 4, 16, get_lexicon("en"))
    False
    """
    levels = _scowl_levels()
    before = text[max(0, start - 40):start].split()
    after = text[end:end + 40].split()
    for tok in (before[-1:] if before and text[start - 1:start].isspace() else []) + (
        after[:1] if after and text[end:end + 1].isspace() else []
    ):
        core = tok.strip(_EDGE_PUNCT)
        if len(core) < 3 or not any(c.isalpha() for c in core) or core[:1].isupper():
            continue  # short words, numbers, names
        low = core.lower()
        if lex.zipf(low) == 0 and min(levels.get(low, (99, 99))) > SCOWL_KNOWN_LEVEL:
            return True
    return False


def _camel_is_glue(left: str, right: str, token: str, lex: Lexicon) -> bool:
    low = token.lower()
    if low in lex or lex.usual_form(low) is not None:
        return False
    left_low = left.lower()
    if left_low in _NAME_PREFIXES or (len(left) <= 2 and left_low not in _SHORT_WORDS):
        return False
    if lex.zipf(left_low) < 3.0:
        return False
    r_zipf = lex.zipf(right)
    r_ratio = lex.title_ratio(right) or 0.0
    return r_zipf >= 3.0 or (r_zipf >= 2.0 and r_ratio >= 0.5)


SPLIT_GLUED_WORDS = Rule(
    "split_glued_words",
    _find_glued_words,
    EN,
    "Split unknown tokens that are two frequent words run together ('regionbordering').",
    category="glue",
)


def split_glued_words(text: str, *, lang: str = "en") -> str:
    """Put back the space between two words that were run together.

    Acts only on tokens no lexicon knows whose halves are both frequent
    words; names, brands and compounds are left alone.

    >>> split_glued_words("the Kursk regionbordering both, 28 localitiesaccording to him")
    'the Kursk region bordering both, 28 localities according to him'
    >>> split_glued_words("Xinhuanet, YouTube, the therapist, nowhere, Zelenskyy")
    'Xinhuanet, YouTube, the therapist, nowhere, Zelenskyy'
    >>> split_glued_words("Read moreUkraine news")
    'Read more Ukraine news'
    """
    return run_rule(SPLIT_GLUED_WORDS, text, lang)
