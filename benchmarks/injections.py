"""Artifact injection for the accuracy harness (``benchmarks/accuracy.py``).

Each ``inject_*`` function takes a clean text and a ``random.Random`` and
returns an :class:`Injection` (the damaged text, the restorations that count
as right, the damaged span) or ``None`` when the text offers no site where
the artifact can be injected unambiguously.

Every injection is modelled on how the artifact really arises (see
``docs/accuracy.md`` for the sampling rules and the reasons):

- ``glued_words``: a lost space between two words (``regionbordering``);
- ``glued_after_punct``: a lost space after ``. ! ? ,`` or around a quote
  (``term.“The``, ``children”according``), or a speech verb glued after a
  period (``months.said``);
- ``doubled_names``: a name written twice (``PutinPutin``);
- ``doubled_words``: a word written twice (``the the``);
- ``repetition_loops``: a 2-4 word phrase written 2-3 times in a row;
- ``lowercased_names``: a name written in lower case (``kyiv``);
- ``midsentence_capitals``: a capital in mid-sentence (``small Assault groups``);
- ``stray_openings``: ``ANDThe``, LLM preambles and closing notes;
- ``space_before_punct``: tokenizer spaces (``said , and``);
- ``mojibake``: UTF-8 read as cp1252 or Latin-1 (``â€™``);
- ``markup_residue``: Moses escapes, BPE ``@@``, SentencePiece ``▁``;
- :func:`inject_dense`: 3-5 of the above at once.

Every function is deterministic for a given ``random.Random`` state. Site
choices that need to know whether a word is a name use the cased lexicon
shipped with mtclean (``mtclean.get_lexicon("en")``), and wordfreq for
"is this glued token a word of its own".
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from typing import Callable, Sequence

import regex

__all__ = [
    "Injection",
    "KINDS",
    "LOCAL_KINDS",
    "inject",
    "inject_dense",
    "mojibake",
    "sloppy_cp1252_decode",
    "moses_escape",
    "changed_region",
]

Span = tuple[int, int]


@dataclass(frozen=True)
class Injection:
    """One injected artifact (or several, for dense paragraphs).

    ``text``: the damaged text. ``accept``: the restorations that count as
    right, the clean original first. ``span``: the damaged region of
    ``text`` (start, end). ``cls``: the sub-class of the artifact, for the
    per-class breakdown. ``detail``: a short description of the site.
    """

    kind: str
    cls: str
    text: str
    accept: tuple[str, ...]
    span: Span
    detail: str = ""

    @property
    def original(self) -> str:
        return self.accept[0]


# ------------------------------------------------------------------ helpers
@functools.lru_cache(maxsize=1)
def _lexicon():
    import mtclean

    return mtclean.get_lexicon("en")


@functools.lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(p, old_end, new_end): ``old[p:old_end]`` became ``new[p:new_end]``.

    The smallest region after stripping the common prefix and suffix.

    >>> changed_region("the cat", "the the cat")
    (4, 4, 8)
    """
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, len(old) - s, len(new) - s


def _replace(kind: str, cls: str, text: str, start: int, end: int, repl: str, detail: str = "",
             alternatives: Sequence[str] = ()) -> Injection:
    new = text[:start] + repl + text[end:]
    return Injection(kind, cls, new, (text, *alternatives), (start, start + len(repl)), detail)


def _free(start: int, end: int, avoid: Sequence[Span], margin: int = 3) -> bool:
    return all(end + margin <= a or start >= b + margin for a, b in avoid)


def _pick_class(rng: random.Random, weights: dict[str, float], available: dict[str, list], fallback: bool):
    """Choose a sub-class by weight; ``None`` when it has no site (unless ``fallback``)."""
    names = list(weights)
    if fallback:
        names = [n for n in names if available.get(n)]
        if not names:
            return None
    cls = rng.choices(names, weights=[weights[n] for n in names])[0]
    return cls if available.get(cls) else None


def _mid_sentence(text: str, i: int) -> bool:
    """Is position ``i`` (a word start) after a lower-case word, a digit or a comma and one space?"""
    return i >= 2 and text[i - 1] == " " and (text[i - 2].islower() or text[i - 2].isdigit() or text[i - 2] == ",")


# A word: letters only, not part of a hyphenated, apostrophe'd or
# alphanumeric token, nor of a URL, handle or file name.
_WORD_L = r"(?<![\p{L}\p{N}\p{M}'’_@#./\\&-])"
_WORD_R = r"(?![\p{L}\p{N}\p{M}_@-])(?!['’]\p{L})"
_LOWER = regex.compile(_WORD_L + r"\p{Ll}+" + _WORD_R)
_TITLE = regex.compile(_WORD_L + r"\p{Lu}\p{Ll}+" + _WORD_R)
# Title-case word allowing a possessive 's after it.
_TITLE_POSS = regex.compile(_WORD_L + r"\p{Lu}\p{Ll}{2,}" + r"(?![\p{L}\p{N}\p{M}_@-])(?!['’](?!s\b)\p{L})")

# Common words, our own list: where a doubling or a capital is a function-word artifact.
FUNCTION_WORDS = frozenset(
    """the a an of in on at to for from with by and or but nor so yet as that this these those it its
    he she we they you i his her their our my your him them us is was are were be been being has have
    had do does did not no there which who whom whose what when where while if than then also only
    into onto about after before over under between through during without within against because""".split()
)


# ------------------------------------------------------------------ glued words
def _glue_is_ambiguous(left: str, right: str) -> bool:
    """A glued token that is itself a word (``an other`` -> ``another``) cannot be restored."""
    z = _zipf((left + right).lower())
    if z == 0:
        return False
    # Listed typos of two function words ("ofthe", "inthe") stay in; real words ("into") do not.
    both_function = left.lower() in FUNCTION_WORDS and right.lower() in FUNCTION_WORDS
    return not both_function or z >= 3.5


_PAIR = regex.compile(_WORD_L + r"(\p{L}+) (\p{Ll}+)" + _WORD_R)


def inject_glued_words(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Remove the space between two adjacent words (``region bordering`` -> ``regionbordering``).

    80% lower+lower, 20% a capitalised first word (a name or a sentence start).
    """
    sites: dict[str, list] = {"lower+lower": [], "Capital+lower": []}
    for m in _PAIR.finditer(text, overlapped=True):
        left, right = m.group(1), m.group(2)
        if left.islower():
            cls = "lower+lower"
        elif left[0].isupper() and (len(left) == 1 or left[1:].islower()):
            cls = "Capital+lower"
        else:
            continue
        if _glue_is_ambiguous(left, right) or not _free(m.start(), m.end(), avoid):
            continue
        sites[cls].append(m)
    cls = _pick_class(rng, {"lower+lower": 0.8, "Capital+lower": 0.2}, sites, fallback)
    if cls is None:
        return None
    m = rng.choice(sites[cls])
    return _replace("glued_words", cls, text, m.start(), m.end(), m.group(1) + m.group(2), m.group(1) + m.group(2))


# ------------------------------------------------------------------ glued after punctuation
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof st jr sr vs etc inc ltd co corp gov gen col lt sgt capt sen rep rev hon
    vol fig approx dept est al jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd
    pp ed eds cf viz""".split()
)
_SENT_END = regex.compile(r"(?<![\p{L}\p{N}\p{M}.'’&-])([\p{L}\p{N}]{2,})([.!?]) (?=\p{Lu}\p{Ll})")
_COMMA = regex.compile(r"(?<=\p{L}{2}), (?=\p{L}{2})")
_SPEECH = regex.compile(r"(?<=\p{Ll}{2}), (said|says|told|added|according)\b")


def _quote_sites(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(closing quotes followed by a space and a letter, opening quotes with a space before).

    Each site is the (start, end) of the space to remove. Curly quotes say
    which way they face; a straight quote is opening when an even number of
    straight quotes precede it in its line.
    """
    closing, opening = [], []
    for i, ch in enumerate(text):
        if ch == "”" or (ch == '"' and text.count('"', text.rfind("\n", 0, i) + 1, i) % 2 == 1):
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?") and text[i + 1:i + 2] == " " and text[i + 2:i + 3].isalpha():
                closing.append((i + 1, i + 2))
        elif ch == "“" or ch == '"':
            if i >= 2 and text[i - 1] == " " and (text[i - 2].isalnum() or text[i - 2] in ".,:;!?") and text[i + 1:i + 2].isalpha():
                opening.append((i - 1, i))
    return closing, opening


def inject_glued_after_punct(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False,
                             speech: bool = True):
    """Remove the space after ``. ! ? ,`` or around a quote, at a real boundary.

    Sub-classes: ``sentence end`` (``trees.Because``), ``comma``
    (``blankets,down``), ``closing quote`` (``children”according``),
    ``opening quote`` (``term.“The``), and ``speech verb``: ``, said`` ->
    ``.said``, restored as ``, said`` or ``. Said`` (the seed's ``months.said``).
    """
    sites: dict[str, list] = {k: [] for k in ("sentence end", "comma", "closing quote", "opening quote", "speech verb")}
    for m in _SENT_END.finditer(text):
        tok = m.group(1)
        if tok.lower() in ABBREVIATIONS or tok.isupper() or not (tok[-1].islower() or tok[-1].isdigit()):
            continue
        sites["sentence end"].append((m.end() - 1, m.end(), m.group(0)))
    for m in _COMMA.finditer(text):
        sites["comma"].append((m.start() + 1, m.end(), ""))
    closing, opening = _quote_sites(text)
    sites["closing quote"] = [(a, b, "") for a, b in closing]
    sites["opening quote"] = [(a, b, "") for a, b in opening]
    if speech:
        sites["speech verb"] = [(m.start(), m.end(1), m.group(1)) for m in _SPEECH.finditer(text)]
    for k in sites:
        sites[k] = [s for s in sites[k] if _free(s[0] - 2, s[1] + 2, avoid)]
    weights = {"sentence end": 0.4, "comma": 0.2, "closing quote": 0.15, "opening quote": 0.15, "speech verb": 0.1}
    if not speech:
        del weights["speech verb"]
    cls = _pick_class(rng, weights, sites, fallback)
    if cls is None:
        return None
    start, end, verb = rng.choice(sites[cls])
    if cls == "speech verb":
        # ", said" -> ".said": right is ", said" (the original) or ". Said".
        alt = text[:start] + ". " + verb[:1].upper() + verb[1:] + text[end:]
        return _replace("glued_after_punct", cls, text, start, end, "." + verb, "." + verb, alternatives=(alt,))
    lo, hi = max(0, start - 12), min(len(text), end + 12)
    return _replace("glued_after_punct", cls, text, start, end, "", (text[lo:start] + text[end:hi]).strip())


# ------------------------------------------------------------------ doubled names
def _is_name(word: str) -> bool:
    """The cased lexicon writes it capitalised more often than in lower case."""
    r = _lexicon().title_ratio(word.lower())
    return r is not None and r > 0


def _mid_sentence_names(text: str, avoid: Sequence[Span], pattern=_TITLE) -> list:
    return [m for m in pattern.finditer(text)
            if len(m.group()) >= 3 and _mid_sentence(text, m.start()) and _free(m.start(), m.end(), avoid)]


def inject_doubled_names(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Write a mid-sentence name twice without a space (``Putin`` -> ``PutinPutin``)."""
    sites = [m for m in _mid_sentence_names(text, avoid) if _is_name(m.group())]
    if not sites:
        return None
    m = rng.choice(sites)
    w = m.group()
    return _replace("doubled_names", "name", text, m.start(), m.end(), w + w, w + w)


# ------------------------------------------------------------------ doubled words
# Words that English itself may write twice ("had had", "very very", "that that").
LEGIT_DOUBLES = frozenset(
    """had that is do does did very so no yes well really many much more far long now there bye ha oh
    again over round little bit by her in on up out off go hey ah wow""".split()
)


def inject_doubled_words(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Write a lower-case word twice (``the`` -> ``the the``).

    Words English may double on its own (``had had``, ``very very``) are skipped.
    """
    sites = [m for m in _LOWER.finditer(text)
             if m.group() not in LEGIT_DOUBLES and len(m.group()) >= 1 and _free(m.start(), m.end(), avoid)
             and text[m.end():m.end() + 1] in (" ", ",", ".", ";", ":", "!", "?", "")
             and text[max(0, m.start() - 1):m.start()] in ("", " ")]
    if not sites:
        return None
    m = rng.choice(sites)
    w = m.group()
    cls = "function word" if w in FUNCTION_WORDS else "content word"
    return _replace("doubled_words", cls, text, m.start(), m.end(), w + " " + w, w + " " + w)


# ------------------------------------------------------------------ repetition loops
_PHRASE_WORD = regex.compile(_WORD_L + r"\p{L}+" + _WORD_R)


def inject_repetition_loops(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Repeat a 2-4 word phrase so that it appears 2 or 3 times back to back.

    ``in the east of`` -> ``in the east in the east of``. The phrase is 2-4
    words separated by single spaces with no punctuation inside.
    """
    words = list(_PHRASE_WORD.finditer(text))
    sites = []
    for i in range(len(words)):
        for n in (2, 3, 4):
            if i + n > len(words):
                break
            seq = words[i:i + n]
            if any(text[a.end():b.start()] != " " for a, b in zip(seq, seq[1:])):
                break
            start, end = seq[0].start(), seq[-1].end()
            if not _free(start, end, avoid):
                continue
            # The phrase must not already repeat around the site (then the loop's extent is ambiguous).
            nxt = text[end:end + 1 + len(seq[0].group())]
            if nxt == " " + seq[0].group():
                continue
            sites.append((start, end, n))
    if not sites:
        return None
    start, end, n = rng.choice(sites)
    copies = rng.choice((2, 3))
    phrase = text[start:end]
    return _replace("repetition_loops", f"{n} words x{copies}", text, start, end, " ".join([phrase] * copies),
                    f"{phrase} x{copies}")


# ------------------------------------------------------------------ lowercased names
# log10(P(Title)/P(lower)) from which a lower-case word is "clearly a name" (about 3x).
NAME_RATIO = 0.5


def inject_lowercased_names(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Write a mid-sentence name in lower case (``Kyiv`` -> ``kyiv``), as MT does for names it does not know.

    Eligible: Title-case words of 3+ letters after a lower-case word, a digit
    or a comma (never at a sentence start), whose lower-case form is NOT the
    usual one: the cased lexicon writes them capitalised at least ~3x as
    often as in lower case (log10 ratio >= ``NAME_RATIO``), or no lexicon
    knows them (an out-of-vocabulary name). Sub-classes by the evidence a
    repair can use: ``lexicon strong`` (capitalised 10x more often than
    not), ``lexicon weak`` (3-10x), ``unknown``, and ``+doc`` when the
    paragraph also writes the name capitalised elsewhere.
    """
    lex = _lexicon()
    sites = []
    for m in _mid_sentence_names(text, avoid, _TITLE_POSS):
        w = m.group()
        low = w.lower()
        r = lex.title_ratio(low)
        if r is not None and r >= NAME_RATIO:
            cls = "lexicon strong" if r >= 1.0 else "lexicon weak"
        elif r is None and lex.zipf(low) == 0 and _zipf(low) == 0:
            cls = "unknown"
        else:
            continue
        others = [o for o in _TITLE_POSS.finditer(text) if o.group() == w and o.start() != m.start()]
        sites.append((m, cls + ("+doc" if others else "")))
    if not sites:
        return None
    m, cls = rng.choice(sites)
    return _replace("lowercased_names", cls, text, m.start(), m.end(), m.group().lower(), m.group().lower())


# ------------------------------------------------------------------ capitals in mid-sentence
DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())


def inject_midsentence_capitals(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Capitalise a lower-case word after a lower-case word or a comma (``groups`` -> ``Groups``).

    The previous token is a word in lower case, or any token ending in a
    comma (never a capitalised word: ``Ukrainian bank`` could be a name).

    Eligible: words of 2+ letters that the cased lexicon writes in lower case
    more often than capitalised (so the capital cannot be a name), followed
    by a lower-case word, punctuation or the end (so the capital cannot start
    a multi-word title). Uniform over eligible words, so function words
    (``the``, ``it``) come in at their natural share.
    """
    lex = _lexicon()
    sites = []
    for m in _LOWER.finditer(text):
        w = m.group()
        i = m.start()
        if len(w) < 2 or i < 2 or text[i - 1] != " ":
            continue
        prev = text[:i - 1].rsplit(None, 1)[-1] if text[:i - 1].strip() else ""
        # After a lower-case word ("small assault") or any word and a comma ("for now, the").
        if not (prev.endswith(",") and len(prev) > 1 or (prev.isalpha() and prev.islower())):
            continue
        r = lex.title_ratio(w)
        if r is None or r >= 0 or not _free(i, m.end(), avoid):
            continue
        after = text[m.end():m.end() + 2]
        if not (after == "" or after[0] in ",.;:!?)" or (after[0] == " " and after[1:].islower())):
            continue
        if w in FUNCTION_WORDS:
            cls = "function word"
        elif prev.endswith(","):
            cls = "content after comma"
        else:
            cls = "content after determiner" if prev in DETERMINERS else "content after word"
        sites.append((m, cls))
    if not sites:
        return None
    m, cls = rng.choice(sites)
    w = m.group()
    return _replace("midsentence_capitals", cls, text, m.start(), m.end(), w[0].upper() + w[1:], w[0].upper() + w[1:])


# ------------------------------------------------------------------ stray openings and preambles
STRAY_TOKENS = ("AND", "BUT", "SO", "ALSO")
PREAMBLES = (
    "Here is the translation:\n\n",
    "Here's the English translation:\n\n",
    "Sure! Here's the English translation:\n\n",
    "Translation: ",
    "Here is the translation of the text into English:\n\n",
    "Certainly! Here is the English translation:\n\n",
    "English translation:\n",
)
CLOSING_NOTES = (
    "\n\nNote: This translation aims to keep the meaning of the original text.",
    "\n\nNote: This translation is literal; some idioms do not carry over.",
    "\n\n(Note: The translation keeps the original names and titles.)",
)
_FIRST_WORD = regex.compile(r"\A\p{Lu}\p{Ll}+\b")


def inject_stray_openings(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """``ANDThe`` (an upper-case conjunction glued to the first word), an LLM preamble, or a closing note."""
    first = _FIRST_WORD.match(text)
    sites = {"stray token": [0] if first and _free(0, first.end(), avoid) else [],
             "preamble": [0], "closing note": [0] if text.rstrip() == text else []}
    cls = _pick_class(rng, {"stray token": 0.4, "preamble": 0.4, "closing note": 0.2}, sites, fallback)
    if cls is None:
        return None
    if cls == "stray token":
        tok = rng.choice(STRAY_TOKENS)
        return _replace("stray_openings", cls, text, 0, 0, tok, tok + first.group())
    if cls == "preamble":
        p = rng.choice(PREAMBLES)
        return _replace("stray_openings", cls, text, 0, 0, p, p.strip())
    note = rng.choice(CLOSING_NOTES)
    return _replace("stray_openings", cls, text, len(text), len(text), note, note.strip())


# ------------------------------------------------------------------ spaces before punctuation
_PUNCT_SITE = regex.compile(r"(?<=[\p{L}\p{N}”\"’)\]])[,.;:?!](?=\s|\Z)")


def _space_before_sites(text: str) -> list[int]:
    out = []
    for m in _PUNCT_SITE.finditer(text):
        i = m.start()
        if m.group() == ".":
            tok = text[:i].rsplit(None, 1)[-1] if text[:i].strip() else ""
            core = tok.lstrip("\"“‘'([")
            # Abbreviations and initials keep their period: "U.S.", "J.", "Mr.", "etc."
            if "." in core or (len(core) == 1 and core.isupper()) or core.lower() in ABBREVIATIONS:
                continue
            if core.lower() in ("no", "nos") and regex.match(r"\s*\d", text[i + 1:]):
                continue  # "No. 5"
        out.append(i)
    return out


def inject_space_before_punct(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False,
                              allow_all: bool = True):
    """Insert a space before ``, . ; : ? !`` as a tokenizer does: at one site, or at every site.

    Sites: the punctuation follows a letter, digit, closing quote or bracket
    and is followed by whitespace or the end (so no decimals, times or URLs);
    periods of abbreviations and initials are left out.
    """
    all_sites = _space_before_sites(text)
    sites = {"one site": [i for i in all_sites if _free(i, i + 1, avoid)], "every site": all_sites if allow_all else []}
    weights = {"one site": 0.5, "every site": 0.5} if allow_all else {"one site": 1.0}
    cls = _pick_class(rng, weights, sites, fallback)
    if cls is None:
        return None
    if cls == "one site":
        i = rng.choice(sites[cls])
        return _replace("space_before_punct", cls, text, i, i, " ", text[max(0, i - 10):i] + " " + text[i])
    new = []
    pos = 0
    for i in all_sites:
        new.append(text[pos:i])
        new.append(" ")
        pos = i
    new.append(text[pos:])
    new_text = "".join(new)
    p, _, e = changed_region(text, new_text)
    return Injection("space_before_punct", cls, new_text, (text,), (p, e), f"{len(all_sites)} sites")


# ------------------------------------------------------------------ mojibake
def _cp1252_table() -> list[str]:
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(b))  # the five bytes cp1252 leaves undefined: as Latin-1 (C1 controls)
    return table


_CP1252 = _cp1252_table()


def sloppy_cp1252_decode(data: bytes) -> str:
    """Decode as Windows-1252, with its five undefined bytes read as Latin-1 (as browsers do).

    >>> sloppy_cp1252_decode("’".encode("utf-8"))
    'â€™'
    """
    return "".join(_CP1252[b] for b in data)


def mojibake(text: str, codec: str = "cp1252") -> str:
    """``text`` encoded as UTF-8 and decoded as ``cp1252`` (sloppy) or ``latin-1``.

    >>> mojibake("café")
    'cafÃ©'
    """
    data = text.encode("utf-8")
    return sloppy_cp1252_decode(data) if codec == "cp1252" else data.decode("latin-1")


_SENTENCE = regex.compile(r"[^\n]+?(?:[.!?…][\"”’)]*(?= |\n|\Z)|\Z|(?=\n))")


def inject_mojibake(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Mis-decode the whole text, or one sentence with non-ASCII characters, as cp1252 (70%) or Latin-1 (30%)."""
    if text.isascii():
        return None
    codec = rng.choices(("cp1252", "latin-1"), weights=(0.7, 0.3))[0]
    if rng.random() < 0.5:
        new = mojibake(text, codec)
        where = "whole"
    else:
        sents = [m for m in _SENTENCE.finditer(text) if not m.group().isascii()]
        if not sents:
            return None
        m = rng.choice(sents)
        new = text[:m.start()] + mojibake(m.group(), codec) + text[m.end():]
        where = "part"
    p, _, e = changed_region(text, new)
    return Injection("mojibake", f"{codec} {where}", new, (text,), (p, e), new[p:min(e, p + 30)])


# ------------------------------------------------------------------ MT markup residue
_MOSES = (("&", "&amp;"), ("|", "&#124;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&apos;"), ('"', "&quot;"),
          ("[", "&#91;"), ("]", "&#93;"))


def moses_escape(text: str) -> str:
    """Moses' ``escape-special-chars``: ``& | < > ' " [ ]`` as entities.

    >>> moses_escape('Kyiv\\'s "AT&T"')
    'Kyiv&apos;s &quot;AT&amp;T&quot;'
    """
    for ch, ent in _MOSES:
        text = text.replace(ch, ent)
    return text


_RARE_WORD = regex.compile(_WORD_L + r"\p{L}{5,}" + _WORD_R)


def _split_point(word: str, rng: random.Random) -> int:
    return rng.randint(2, len(word) - 2)


def _bpe(text: str, rng: random.Random) -> tuple[str, int]:
    """Split every rare word (wordfreq Zipf < 4) into two BPE pieces: ``transl@@ ation``."""
    out, pos, n = [], 0, 0
    for m in _RARE_WORD.finditer(text):
        w = m.group()
        if _zipf(w.lower()) >= 4.0:
            continue
        k = _split_point(w, rng)
        out.append(text[pos:m.start()])
        out.append(w[:k] + "@@ " + w[k:])
        pos = m.end()
        n += 1
    out.append(text[pos:])
    return "".join(out), n


_LEAD_PUNCT = regex.compile(r"\A[\"“‘'(\[]+")
_TRAIL_PUNCT = regex.compile(r"[\"”’'.,;:!?)\]…]+\Z")


def _sp_pieces(line: str, rng: random.Random) -> str:
    """A line as space-separated SentencePiece pieces: ``▁The ▁Ukrain ian ▁army .``"""
    pieces = []
    for tok in line.split(" "):
        lead = _LEAD_PUNCT.search(tok)
        lead_s = lead.group() if lead else ""
        rest = tok[len(lead_s):]
        trail = _TRAIL_PUNCT.search(rest)
        trail_s = trail.group() if trail else ""
        core = rest[:len(rest) - len(trail_s)]
        parts = []
        if lead_s:
            parts.append(lead_s)
        if core:
            if len(core) >= 5 and core.isalpha() and _zipf(core.lower()) < 4.0:
                k = _split_point(core, rng)
                parts += [core[:k], core[k:]]
            else:
                parts.append(core)
        if trail_s:
            parts.append(trail_s)
        if not parts:
            continue
        parts[0] = "\u2581" + parts[0]
        pieces += parts
    return " ".join(pieces)


def inject_markup_residue(text: str, rng: random.Random, avoid: Sequence[Span] = (), fallback: bool = False):
    """Moses escapes (all of ``& | < > ' " [ ]``), BPE ``@@ `` pieces, or SentencePiece ``▁`` residue.

    SentencePiece comes in two shapes: marks in place of spaces
    (``▁The▁cat▁sat``) and space-separated pieces (``▁The ▁Ukrain ian ▁army``).
    Texts with runs of spaces, tabs or spaces at line ends are not eligible
    for SentencePiece (the marks would not say how many spaces there were).
    """
    sp_ok = not regex.search(r"  |\t| \n|\n | \Z|\A ", text)
    sites = {
        "moses": [0] if any(ch in text for ch, _ in _MOSES) else [],
        "bpe": [0] if any(_zipf(m.group().lower()) < 4.0 for m in _RARE_WORD.finditer(text)) else [],
        "sentencepiece marks": [0] if sp_ok and " " in text else [],
        "sentencepiece pieces": [0] if sp_ok and " " in text else [],
    }
    weights = {"moses": 0.4, "bpe": 0.3, "sentencepiece marks": 0.15, "sentencepiece pieces": 0.15}
    cls = _pick_class(rng, weights, sites, fallback)
    if cls is None:
        return None
    if cls == "moses":
        new = moses_escape(text)
    elif cls == "bpe":
        new, _ = _bpe(text, rng)
    elif cls == "sentencepiece marks":
        new = "\n".join("\u2581" + line.replace(" ", "\u2581") if line else line for line in text.split("\n"))
    else:
        new = "\n".join(_sp_pieces(line, rng) for line in text.split("\n"))
    p, _, e = changed_region(text, new)
    return Injection("markup_residue", cls, new, (text,), (p, e), new[p:min(e, p + 30)])


# ------------------------------------------------------------------ registry
KINDS: dict[str, Callable[..., Injection | None]] = {
    "glued_words": inject_glued_words,
    "glued_after_punct": inject_glued_after_punct,
    "doubled_names": inject_doubled_names,
    "doubled_words": inject_doubled_words,
    "repetition_loops": inject_repetition_loops,
    "lowercased_names": inject_lowercased_names,
    "midsentence_capitals": inject_midsentence_capitals,
    "stray_openings": inject_stray_openings,
    "space_before_punct": inject_space_before_punct,
    "mojibake": inject_mojibake,
    "markup_residue": inject_markup_residue,
}
# Kinds that damage one small region (and so can be combined in a dense paragraph).
LOCAL_KINDS = (
    "glued_words",
    "glued_after_punct",
    "doubled_names",
    "doubled_words",
    "repetition_loops",
    "lowercased_names",
    "midsentence_capitals",
    "space_before_punct",
)
# Kinds that wrap or re-encode the whole text: at most one, applied last.
GLOBAL_KINDS = ("stray_openings", "mojibake", "markup_residue")


def inject(kind: str, text: str, rng: random.Random) -> Injection | None:
    """Inject one artifact of ``kind`` into ``text`` (``None`` when it has no eligible site)."""
    return KINDS[kind](text, rng)


def inject_dense(text: str, rng: random.Random, n: int | None = None, p_global: float = 0.3) -> Injection | None:
    """Inject 3-5 artifacts at once, at separate sites, like the seed article.

    The local kinds are drawn with replacement (two glues in one paragraph
    happen); with probability ``p_global`` the last artifact is a whole-text
    one (a stray opening or preamble, mojibake or markup residue), applied on
    top of the others as it would be in a real pipeline. The speech-verb
    glue (which has two right answers) and tokenizing every punctuation mark
    are left out, so the clean text is the one right answer.
    """
    if n is None:
        n = rng.randint(3, 5)
    want_global = rng.random() < p_global
    n_local = n - 1 if want_global else n
    cur = text
    spans: list[Span] = []
    done: list[str] = []
    tries = 0
    while len(done) < n_local and tries < 4 * n:
        tries += 1
        kind = rng.choice(LOCAL_KINDS)
        fn = KINDS[kind]
        if kind == "glued_after_punct":
            inj = fn(cur, rng, spans, fallback=True, speech=False)
        elif kind == "space_before_punct":
            inj = fn(cur, rng, spans, fallback=True, allow_all=False)
        else:
            inj = fn(cur, rng, spans, fallback=True)
        if inj is None:
            continue
        p, old_end, new_end = changed_region(cur, inj.text)
        delta = new_end - old_end
        spans = [(a, b) if b <= p else (a + delta, b + delta) for a, b in spans]
        spans.append((p, new_end))
        cur = inj.text
        done.append(f"{kind}:{inj.cls}")
    if len(done) < 3 and not (want_global and len(done) >= 2):
        return None
    if want_global:
        order = list(GLOBAL_KINDS)
        rng.shuffle(order)
        for kind in order:
            inj = KINDS[kind](cur, rng, spans, fallback=True)
            if inj is not None:
                cur = inj.text
                done.append(f"{kind}:{inj.cls}")
                break
    if len(done) < 3:
        return None
    p, _, e = changed_region(text, cur)
    return Injection("dense", f"{len(done)} artifacts", cur, (text,), (p, e), ", ".join(done))
