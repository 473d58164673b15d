"""Facts about languages, from one table (``data/languages.tsv``).

Rules and detection read what a language does from here instead of
hard-coding sets of codes: whether words are spaced, whether French-style
spaces go before ``; : ! ?``, which quotes pair, which letters the language
writes. Per-language data lives in ``data/<code>/`` (``function_words.txt``).

>>> facts("fr").space_before_high_punct, facts("en").space_before_high_punct
(True, False)
>>> facts("de").quote_pairs[0]
('„', '“')
>>> facts("und") is None
True
>>> "fr" in codes_where(lambda f: f.spaced)
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Callable

__all__ = [
    "LanguageFacts",
    "facts",
    "codes_where",
    "all_facts",
    "data_file",
    "UNDETERMINED",
    "word_list_file",
    "legit_doubles",
    "fold",
]

# The code detection returns when the evidence is too weak to name a
# language (ISO 639-2 "undetermined"): only language-independent rules run.
UNDETERMINED = "und"


@dataclass(frozen=True)
class LanguageFacts:
    """What mtclean knows about one language's writing conventions."""

    code: str
    name: str
    script: str  # "Latin", "Cyrillic", "Greek", "Han", "Japanese", "Hangul"
    spaced: bool  # words separated by spaces
    space_before_high_punct: bool  # "Quoi ?" (French): a space before ; : ! ?
    space_inside_guillemets: bool  # « texte »
    nouns_capitalised: bool  # German: every noun takes a capital
    quote_pairs: tuple[tuple[str, str], ...]  # (opening, closing), most usual first
    inverted_marks: str  # "¿¡" (Spanish)
    word_apostrophes: str  # apostrophes written inside words ("ʼ’'" in Ukrainian)
    letters: frozenset[str]  # lower-case letters beyond a-z that the language writes
    cased_lexicon: bool  # data/<code>.lex.gz ships (case rules can run)


def _flag(value: str, code: str, column: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"languages.tsv: {code}: {column} must be yes or no, got {value!r}")
    return value == "yes"


def _none(value: str) -> str:
    return "" if value == "-" else value


@functools.lru_cache(maxsize=1)
def all_facts() -> dict[str, LanguageFacts]:
    """Every row of the table, by code (read once per process)."""
    text = resources.files("mtclean").joinpath("data", "languages.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    header = lines[0].split("\t")
    table: dict[str, LanguageFacts] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        code = row["code"]
        pairs = tuple((p[0], p[1]) for p in _none(row["quote_pairs"]).split() if len(p) == 2)
        table[code] = LanguageFacts(
            code=code,
            name=row["name"],
            script=row["script"],
            spaced=_flag(row["spaced"], code, "spaced"),
            space_before_high_punct=_flag(row["space_before_high_punct"], code, "space_before_high_punct"),
            space_inside_guillemets=_flag(row["space_inside_guillemets"], code, "space_inside_guillemets"),
            nouns_capitalised=_flag(row["nouns_capitalised"], code, "nouns_capitalised"),
            quote_pairs=pairs,
            inverted_marks=_none(row["inverted_marks"]),
            word_apostrophes=_none(row["word_apostrophes"]),
            letters=frozenset(_none(row["letters"])),
            cased_lexicon=_flag(row["cased_lexicon"], code, "cased_lexicon"),
        )
    return table


def facts(code: str) -> LanguageFacts | None:
    """The facts of language ``code`` (``"pt-BR"`` reads ``pt``); None when unknown."""
    return all_facts().get(code.lower().replace("_", "-").split("-")[0])


def codes_where(test: Callable[[LanguageFacts], bool]) -> frozenset[str]:
    """The codes of the languages whose facts pass ``test``.

    >>> sorted(codes_where(lambda f: f.nouns_capitalised))
    ['de']
    """
    return frozenset(code for code, f in all_facts().items() if test(f))


def data_file(code: str, name: str) -> str | None:
    """The text of ``data/<code>/<name>``, or None when that language has no such file."""
    try:
        return resources.files("mtclean").joinpath("data", code, name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError):
        return None


@functools.lru_cache(maxsize=None)
def word_list_file(code: str, name: str) -> frozenset[str]:
    """The words of ``data/<code>/<name>`` (one a line, ``#`` comments), lower case; empty when absent.

    >>> "und" in word_list_file("de", "connectives.txt")
    True
    >>> word_list_file("xx", "connectives.txt")
    frozenset()
    """
    text = data_file(code, name) or ""
    return frozenset(
        line.split("\t")[0].strip().lower() for line in text.split("\n") if line.strip() and not line.startswith("#")
    )


@functools.lru_cache(maxsize=None)
def legit_doubles(code: str) -> dict[str, str] | None:
    """Word -> when it is a legitimate double (``data/<code>/doubles.tsv``); None when the file is absent.

    ``when`` is ``"always"``, ``"case differs"`` or ``"after:<words>"`` (kept
    when the word before is one of them; ``,`` stands for a comma).

    >>> legit_doubles("fr")["nous"]
    'always'
    >>> legit_doubles("de")["die"].startswith("after:,")
    True
    >>> legit_doubles("xx") is None
    True
    """
    text = data_file(code, "doubles.tsv")
    if text is None:
        return None
    out: dict[str, str] = {}
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not (parts[1] in ("always", "case differs") or parts[1].startswith("after:")):
            raise ValueError(f"data/{code}/doubles.tsv:{no}: expected word<TAB>when<TAB>reason")
        out[parts[0].lower()] = parts[1]
    return out


def fold(word: str) -> str:
    """``word`` lower-cased with ё folded to е: how look-ups compare Russian words.

    Russian writes ё as е in most text, and word lists hold either form.

    >>> fold("Всё")
    'все'
    """
    return word.lower().replace("ё", "е")
