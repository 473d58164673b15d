"""Spaces inside a line that MT output gets wrong: doubled spaces, spaced hyphens, a number glued to its unit."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import EN, line_matches, protected, run_rule, screened_lines

__all__ = [
    "collapse_double_spaces",
    "join_spaced_hyphens",
    "space_number_unit",
    "COLLAPSE_DOUBLE_SPACES",
    "JOIN_SPACED_HYPHENS",
    "SPACE_NUMBER_UNIT",
]

# ---------------------------------------------------------------- double spaces
# A run of two or more spaces between two visible characters of a line
# (never at a line start: indentation; never tabs).
_RUN = regex.compile(r"(?<=[^\s])  +(?=[^\s])")
_RUN_IN_LINE = regex.compile(r"[^\s]  +[^\s]")


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _find_double_spaces(text: str, ctx: Context) -> Iterator[Candidate]:
    if "  " not in text:
        return
    prot = protected(text, ctx)
    # (The runs come in order: each line is found and judged once, however
    # many runs it holds; per run, a long line was searched again.)
    ls = le = -1
    laid_out = False
    for m in _RUN.finditer(text):
        s, e = m.start(), m.end()
        if prot.covers(s - 1, e + 1):
            continue
        if s >= le:
            ls, le = _line(text, s)
            line = text[ls:le]
            # Alignment: a table or code lays out columns with runs of spaces on
            # several lines, or several runs on one line; an indented line or a
            # tab is laid out too. All of it stays.
            runs = _RUN_IN_LINE.finditer(line)
            laid_out = "\t" in line or line[:1] == " " or (next(runs, None) is not None and next(runs, None) is not None)
        if laid_out:
            continue
        prev_s, _ = _line(text, ls - 1) if ls > 0 else (0, 0)
        prev_line = text[prev_s:ls - 1] if ls > 0 else ""
        next_line = text[le + 1:_line(text, le + 1)[1]] if le < len(text) else ""
        if _RUN_IN_LINE.search(prev_line) or _RUN_IN_LINE.search(next_line):
            continue
        before = text[s - 1]
        if before in ".!?:" or (before in "\"'”’)" and s > 1 and text[s - 2] in ".!?"):
            # Two spaces after a sentence: a typing convention, not damage.
            yield Candidate(s, e, " ", 0.3, ("two spaces after a sentence end: a typing style",))
            continue
        after = text[e]
        if not (before.isalnum() or before in ",;") or not after.isalnum():
            # Before a bracket, a dash, a quote or a bar the gap is often a
            # separator a writer chose ("Title  | Site", "word  (source)").
            yield Candidate(s, e, " ", 0.45, ("two spaces next to punctuation: may be a chosen separator",))
            continue
        if e - s > 2:
            yield Candidate(s, e, " ", 0.45, (f"{e - s} spaces inside a line: may be a column gap",))
            continue
        if before.isalpha() and after.isalpha():
            # Between two words the gap is often the trace of a dash the MT
            # system dropped ("three rooms  a kitchen"): one space would hide it.
            yield Candidate(s, e, " ", 0.45, ("two spaces between words: may be where a dash was dropped",))
            continue
        yield Candidate(s, e, " ", 0.95, ("two spaces after a comma or next to a number inside a line, no alignment around",))


COLLAPSE_DOUBLE_SPACES = Rule(
    "collapse_double_spaces",
    _find_double_spaces,
    None,
    "Collapse two spaces between words inside a line to one; never indentation, tables, "
    "code alignment or two spaces after a sentence.",
    category="spacing",
)


def collapse_double_spaces(text: str, *, lang: str = "en") -> str:
    """Collapse an accidental double space inside a line.

    >>> collapse_double_spaces("The talks ended,  and 40 people left.")
    'The talks ended, and 40 people left.'
    >>> collapse_double_spaces("name   age\\nAnn    41\\n    indented  code")
    'name   age\\nAnn    41\\n    indented  code'
    """
    return run_rule(COLLAPSE_DOUBLE_SPACES, text, lang)


# ---------------------------------------------------------------- spaced hyphens
_SPACED = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{L}[\p{L}'’]*|\p{N}+) - (\p{L}[\p{L}'’]*|\p{N}+)(?![\p{L}\p{N}'’-]|[.,:/]\p{N})")
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_UNITS = frozenset("one two three four five six seven eight nine".split())
_FUNCTION = frozenset("a an the and or but of to in on at by for with from as is was it that this".split())


@functools.lru_cache(maxsize=None)
def _prefixes(lang: str) -> frozenset[str]:
    path = resources.files("mtclean") / "data" / lang / "hyphen_prefixes.tsv"
    if not path.is_file():
        return frozenset()
    return frozenset(
        line.split("\t", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


# Runs of letters, digits, apostrophes and hyphens that end, or start, at
# a position (always a match, maybe empty).
_WORD_CHARS_BEFORE = regex.compile(r"(?r)[\p{L}\p{N}'’-]*")
_WORD_CHARS = regex.compile(r"[\p{L}\p{N}'’-]*")


class _HyphenatedWords:
    """Answers "does the text write ``a-b`` anywhere?" without a scan of the text per question.

    ``a-b`` (letters, digits, apostrophes and one hyphen) can only occur
    inside a run of such characters that holds a hyphen; those runs are
    collected once and searched. A text with very many of them and many
    questions (hostile input) stops answering "yes" rather than go
    quadratic: the evidence is then simply missing.
    """

    def __init__(self, lower: str):
        runs = set()
        n = len(lower)
        i = lower.find("-")
        while i >= 0:
            # (each end found by one match, not a match per character: a
            # text of hyphenated words has a hyphen every few characters)
            lo = _WORD_CHARS_BEFORE.match(lower, 0, i).start()  # type: ignore[union-attr]
            hi = _WORD_CHARS.match(lower, i + 1).end()  # type: ignore[union-attr]
            runs.add(lower[lo:hi])
            i = lower.find("-", hi)
        self._blob = "\n".join(runs)
        self._budget = 20 * n + 1_000_000  # characters searched at most
        self._seen: dict[str, bool] = {}

    def __contains__(self, joined: str) -> bool:
        known = self._seen.get(joined)
        if known is None:
            self._budget -= len(self._blob)
            known = self._seen[joined] = self._budget >= 0 and joined in self._blob
        return known


def _find_spaced_hyphens(text: str, ctx: Context) -> Iterator[Candidate]:
    if " - " not in text:
        return
    prot = protected(text, ctx)
    covers = prot.covers if prot.doc.protected else None  # (None: nothing is protected, nothing to ask per match)
    written = None
    # Only the lines with " - ": every match holds it, and none holds "\n"
    # (letters, digits, apostrophes and " - "; the rest are lookarounds).
    for m in line_matches(_SPACED, text, screened_lines(text, " - ")):
        a, b = m.group(1), m.group(2)
        s, e = m.end(1), m.start(2)
        if covers is not None and covers(m.start(), m.end()):
            continue
        joined = f"{a}-{b}"
        # Evidence, strongest first: the text writes the joined word itself.
        if a.isdigit() and b.isdigit():
            continue  # a score or a range ("1 - 0", "2019 - 2020"), written so on purpose
        if written is None:
            written = _HyphenatedWords(text.lower())
        if joined.lower() in written:
            yield Candidate(s, e, "-", 0.95, (f"the text writes {joined!r} elsewhere",))
        elif a.lower() in _TENS and b.lower() in _UNITS:
            yield Candidate(s, e, "-", 0.95, ("a compound number written with a spaced hyphen",))
        elif a.isupper() and a.isalpha() and len(a) <= 5 and b.isdigit() and len(b) <= 3 and not (
            " - " in text[max(0, m.start() - 40):m.start()] or " - " in text[m.end():m.end() + 40]
        ):
            # (not in a chain of fields: "Title - AB - 12 - source")
            # S - 300, F - 16, COVID - 19 (a year after a dash is not a model number)
            yield Candidate(s, e, "-", 0.85, ("capitals then a number: a model or code name",))
        elif a.lower() in _prefixes(ctx.lang) and a.islower() and b.isalpha() and len(b) >= 3 and (
            b.lower() not in _FUNCTION and b.lower() in ctx.lexicon
        ):
            yield Candidate(s, e, "-", 0.9, (f"{a!r} is a bound prefix, {b!r} a known word",))


JOIN_SPACED_HYPHENS = Rule(
    "join_spaced_hyphens",
    _find_spaced_hyphens,
    EN,
    "Join a hyphen spaced by tokenization ('re - elected', 'Twenty - five', 'S - 300') when the joined "
    "word is known (written so in the text, a number compound, a model name, a bound prefix); "
    "a spaced dash between clauses stays.",
    category="spacing",
)


def join_spaced_hyphens(text: str, *, lang: str = "en") -> str:
    """Remove the spaces a tokenizer put around a hyphen inside a word.

    >>> join_spaced_hyphens("He was re - elected with Twenty - five votes.")
    'He was re-elected with Twenty-five votes.'
    >>> join_spaced_hyphens("We waited - nothing came - and left.")
    'We waited - nothing came - and left.'
    """
    return run_rule(JOIN_SPACED_HYPHENS, text, lang)


# ---------------------------------------------------------------- number and unit
@functools.lru_cache(maxsize=None)
def _units(lang: str) -> frozenset[str]:
    path = resources.files("mtclean") / "data" / lang / "units.tsv"
    if not path.is_file():
        return frozenset()
    return frozenset(
        line.split("\t", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


_GLUED_UNIT = regex.compile(r"(?<![\p{L}\p{N}.,:/-])(\p{N}+(?:[.,]\p{N}+)?)(\p{L}+)(?![\p{L}\p{N}/-])")
# Every match of _GLUED_UNIT holds a number right before a letter (the end
# of group 1, the start of group 2): a search for the pair, not for any number.
_NUMBER_LETTER = regex.compile(r"\p{N}\p{L}")
_SPACED_UNIT = regex.compile(r"(?<![\p{L}\p{N}])\p{N}+(?:[.,]\p{N}+)? (\p{L}+)(?![\p{L}\p{N}])")


def _find_number_unit(text: str, ctx: Context) -> Iterator[Candidate]:
    units = _units(ctx.lang)
    if not units or _NUMBER_LETTER.search(text) is None:
        return
    prot = None
    spaced = None
    for m in _GLUED_UNIT.finditer(text):
        unit = m.group(2)
        if unit not in units:
            continue
        if prot is None:
            prot = protected(text, ctx)
            # The writer's own style: a number and a unit spaced elsewhere.
            spaced = {u.group(1) for u in _SPACED_UNIT.finditer(text) if u.group(1) in units}
        if prot.covers(m.start(), m.end()):
            continue
        s = m.end(1)
        if spaced:
            yield Candidate(s, s, " ", 0.9, (f"the text spaces a number and its unit elsewhere ({sorted(spaced)[0]!r})",))
        else:
            yield Candidate(s, s, " ", 0.4, (f"{m.group()!r}: a number glued to its unit, a style many writers use",))


SPACE_NUMBER_UNIT = Rule(
    "space_number_unit",
    _find_number_unit,
    EN,
    "Put a space between a number and its unit ('40ha' -> '40 ha') where the text spaces them elsewhere; "
    "otherwise only a suggestion (a 5km race is a style).",
    category="spacing",
)


def space_number_unit(text: str, *, lang: str = "en") -> str:
    """Space a number glued to its unit, when the text writes the two spaced elsewhere.

    >>> space_number_unit("A field of 40ha and a road of 3 km.")
    'A field of 40 ha and a road of 3 km.'
    >>> space_number_unit("She won the 5km race.")
    'She won the 5km race.'
    """
    return run_rule(SPACE_NUMBER_UNIT, text, lang)
