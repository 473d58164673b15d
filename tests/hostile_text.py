"""Hostile text for the stability properties: one generator, two drivers.

``hostile_text(rnd)`` draws one input from a ``random.Random``: artifact
soups (glued and doubled names and words, preambles and notes, ``<unk>``,
BPE ``@@`` and SentencePiece ``▁``, spaced punctuation), mojibake made by
encoding and decoding with the wrong codecs (once or twice), HTML entities
(nested, numeric, invalid), mixed scripts, control, zero-width and
bidirectional characters, combining marks, emoji, lone surrogates and long
tokens, glued together with random separators. Every fragment below is
invented for this file.

``tests/test_hostile.py`` drives it through hypothesis (``st.randoms``,
fixed CI profile); ``scripts/fuzz_stability.py`` draws 100,000 inputs from
it with plain seeds. ``check(text, lang)`` is the list of properties both
assert.
"""

from __future__ import annotations

import html
import random
from typing import Callable

import mtclean
from mtclean.edits import apply_edits

__all__ = ["hostile_text", "check", "KINDS", "LANGS"]

# Languages the properties are checked with (None: detected per call).
LANGS: tuple[str | None, ...] = ("en", None, "de", "fr", "es", "ru")

_WORDS = (
    "the cat sat on a mat and said that it was fine then they left for the town hall "
    "where officials met on Monday to discuss plans for new roads schools and parks"
).split()
_NAMES = ["Marta", "Kovalenko", "Oslo", "Tbilisi", "Ngozi", "Brandt", "Quispe", "Zhou", "Lindgren", "Abebe"]
_ACCENTED = [
    "café", "naïve", "Zürich", "São Paulo", "Łódź", "façade", "déjà vu", "Ærø", "Škoda", "Ángel",
    "“quoted”", "‘single’", "it’s", "—", "–", "…", "€5", "«guillemets»", "„unten“", "½", "©", "™",
]
_OTHER_SCRIPTS = [
    "привет мир", "Київ", "Αθήνα", "東京都", "ひらがな", "カタカナ", "서울", "مرحبا", "שלום", "नमस्ते",
    "ไทย", "ქართული", "Հայերեն",
]
_ODD_CHARS = (
    [chr(c) for c in range(0, 32)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u2060",
       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069", "\ufeff", "\ufffd", "\ufe0f",
       "\u0301", "\u0308", "\u0327", "\u3000", "\ud800", "\udfff", "\U0001f600", "\U0001f44d\U0001f3fd",
       "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1e6"]
)
_ARTIFACTS = [
    "PutinPutin", "KyivKyiv", "the the", "in the region in the region in the region", "ANDThe", "AndThe",
    "Here is the translation:\n", "Sure! Here's the translated text:\n", "Translation:\n",
    "\nNote: translated by a tool.", "\nNote: This translation was generated automatically.", "Note:translat",
    "<unk>", "<UNK>", "[UNK]", "<unk/>", "transl@@ ation", "@@ ", " @@", "▁The ▁cat", "▁", "word , word .",
    " ,", " .", " ?", " !", " ;", " :", ",,", ",.", "..", "...", "!!", "?!", "！", "？", "，", "。",
    "months.said", "term.“The", "children”according", 'a"Fear', "regionbordering", "localitiesaccording",
    "kyiv", "putin", "i think", "i'm", "But for now, The", "whereby It is", "in Ukraine. where",
    "U.S.", "e.g.", "3.30 p.m.", "www.example.com", "http://x.org/a?b=c", "a@b.co", "@handle", "#tag",
    "`code x`", "`", "(dis)allowed", "teamLab", "Ab.Cd.", "a.a.a.", "&", "&amp;", ";", "\"", "'", "”", "“",
]
_SEPARATORS = [" ", "", "\n", ". ", ", ", "\n\n", "\t", " \n", "\r\n", "  "]
_CODECS = ["cp1252", "latin-1", "cp437", "mac_roman", "cp1251", "iso-8859-2", "koi8-r", "cp850"]


def _word(rnd: random.Random) -> str:
    pick = rnd.random()
    if pick < 0.5:
        w = rnd.choice(_WORDS)
    elif pick < 0.7:
        w = rnd.choice(_NAMES)
    elif pick < 0.85:
        w = rnd.choice(_ACCENTED)
    else:
        w = rnd.choice(_OTHER_SCRIPTS)
    r = rnd.random()
    if r < 0.1:
        w = w.upper()
    elif r < 0.2:
        w = w.lower()
    elif r < 0.3:
        w = w.capitalize()
    return w


def _phrase(rnd: random.Random, n: int | None = None) -> str:
    n = rnd.randint(1, 12) if n is None else n
    return " ".join(_word(rnd) for _ in range(n))


def _mojibake(rnd: random.Random) -> str:
    text = _phrase(rnd, rnd.randint(1, 6))
    for _ in range(rnd.choice([1, 1, 1, 2])):
        wrong = rnd.choice(_CODECS)
        text = text.encode("utf-8", "surrogatepass").decode(wrong, errors=rnd.choice(["replace", "ignore"]))
    if rnd.random() < 0.3:  # a no-break space that became a space, or a byte that got lost
        text = text.replace("\xa0", " ") if rnd.random() < 0.5 else text.replace("\x9d", "")
    return text


def _entities(rnd: random.Random) -> str:
    text = _phrase(rnd, rnd.randint(1, 5)) + rnd.choice(["'", '"', "&", "<b>", "“", "'s"])
    r = rnd.random()
    if r < 0.4:
        text = html.escape(text)
        for _ in range(rnd.randint(0, 4)):  # nested: &amp;amp;quot;
            text = text.replace("&", "&amp;")
    elif r < 0.7:
        text = "".join(f"&#{ord(c)};" if rnd.random() < 0.3 else c for c in text)
    else:
        text += rnd.choice(
            ["&#0;", "&#x110000;", "&#xD800;", "&#99999999;", "&nbsp;", "&hellip;", "&laquo;", "&;", "&amp",
             "&#x;", "&quot", "&apos;&apos;", "&amp;" * rnd.randint(1, 30) + "quot;"]
        )
    return text


def _odd(rnd: random.Random) -> str:
    return "".join(
        rnd.choice(_ODD_CHARS) if rnd.random() < 0.4 else rnd.choice("aeiou tnrs.,") for _ in range(rnd.randint(1, 20))
    )


def _long_token(rnd: random.Random) -> str:
    unit = rnd.choice(["a", "ab", "Ab.", "x", "é", "Ã©", "—", ".", "-", "_", "0", "aB", rnd.choice(_NAMES)])
    return unit * rnd.randint(20, 400)


def _soup(rnd: random.Random) -> str:
    parts = [rnd.choice(_ARTIFACTS) if rnd.random() < 0.5 else _phrase(rnd) for _ in range(rnd.randint(1, 8))]
    return "".join(p + rnd.choice(_SEPARATORS) for p in parts)


def _glued(rnd: random.Random) -> str:
    words = [_word(rnd) for _ in range(rnd.randint(2, 10))]
    return "".join(w + (rnd.choice(["", "", ".", ",", ";", ":", "”", "“", '"', " "])) for w in words)


def _chars(rnd: random.Random) -> str:
    """Arbitrary code points (biased to the BMP's interesting blocks)."""
    out = []
    for _ in range(rnd.randint(1, 30)):
        r = rnd.random()
        if r < 0.5:
            out.append(chr(rnd.randint(32, 0x2FF)))
        elif r < 0.8:
            out.append(chr(rnd.randint(0x300, 0x33FF)))
        else:
            out.append(chr(rnd.randint(0, 0x10FFFF)))
    return "".join(out)


def _repeated(rnd: random.Random) -> str:
    """One unit many times (long lines: where windows and caps could make results unstable)."""
    unit = rnd.choice([rnd.choice(_ARTIFACTS), _glued(rnd), _soup(rnd), _mojibake(rnd), _entities(rnd)])
    return (unit + rnd.choice(_SEPARATORS)) * rnd.randint(2, 60)


KINDS: dict[str, Callable[[random.Random], str]] = {
    "repeated": _repeated,
    "soup": _soup,
    "mojibake": _mojibake,
    "entities": _entities,
    "odd_chars": _odd,
    "long_token": _long_token,
    "glued": _glued,
    "scripts": lambda rnd: " ".join(rnd.choice(_OTHER_SCRIPTS + _NAMES + _WORDS) for _ in range(rnd.randint(1, 10))),
    "chars": _chars,
}


def hostile_text(rnd: random.Random, kinds: tuple[str, ...] | None = None) -> str:
    """One hostile input: 1-6 fragments of the given kinds (all kinds by default), glued by random separators.

    >>> isinstance(hostile_text(random.Random(1)), str)
    True
    """
    names = kinds or tuple(KINDS)
    parts = [KINDS[rnd.choice(names)](rnd) for _ in range(rnd.randint(1, 6))]
    out = parts[0]
    for p in parts[1:]:
        out += rnd.choice(_SEPARATORS) + p
    return out


def check(text: str, lang: str | None) -> list[str]:
    """The stability properties that fail on ``text`` (empty when all hold).

    - no exception;
    - ``normalize`` is idempotent;
    - ``apply_edits(text, explain(text).edits)`` is the output;
    - a text that is not blank never comes back blank.

    >>> check("the the cat", "en")
    []
    """
    try:
        result = mtclean.explain(text, lang=lang)  # normalize(text) is result.text
        once = result.text
        twice = mtclean.normalize(once, lang=lang)
        rebuilt = apply_edits(text, result.edits)
    except Exception as exc:  # noqa: BLE001 - any exception is the failure being reported
        return [f"exception {type(exc).__name__}: {exc}"]
    failures = []
    if type(once) is not str:
        failures.append("did not return a str")
    if twice != once:
        failures.append("not idempotent")
    if rebuilt != result.text:
        failures.append("explain's edits do not rebuild the output")
    if text.strip() and not once.strip():
        failures.append("non-blank text came back blank")
    return failures
