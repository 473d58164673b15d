"""Pieces the rules share: running one rule alone, tokens, protected spans."""

from __future__ import annotations

import bisect

import regex

from ..edits import apply_edits
from ..pipeline import check_text
from ..rule import Context, Rule

EN = frozenset({"en"})
# Languages written with spaces between words and no space before . , ; : ! ?
# (French is left out on purpose: it puts a space before ; : ! ?).
SPACED_LATIN = frozenset({"en", "de", "es", "pt", "it", "nl", "pl", "cs", "sv", "da", "no", "nb", "fi", "ro", "hr", "sl", "sk", "hu", "tr", "ca", "ru", "uk", "bg", "sr", "lt", "lv", "et", "id", "ms", "vi"})


def run_rule(rule: Rule, text: str, lang: str) -> str:
    """Apply one rule to ``text`` (the body of every public normalizer)."""
    text = check_text(text)
    ctx = Context(lang)
    if not text or not rule.applies_to(lang):
        return text
    return apply_edits(text, rule.edits(text, ctx))


# A word: letters (any script) with inner apostrophes or hyphens.
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")

# Things that are not prose and that no rule may touch: URLs, e-mail
# addresses, @handles, #hashtags, inline code, paths and file names.
_PROTECTED = regex.compile(
    r"""
      (?:https?|ftp)://\S+
    | www\.\S+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | (?<!\w)[@#]\w+
    | `[^`\n]*`
    | (?<![\w.])(?:[\w-]+\.)+(?:com|org|net|gov|edu|io|ai|co|uk|ru|ua|de|fr|cn|info|html?|php|aspx?|pdf|docx?|xlsx?|csv|txt|json|py|js|md|png|jpe?g|gif)\b(?:/\S*)?
    """,
    regex.X | regex.I,
)


class Protected:
    """Sorted spans of ``text`` that rules must leave alone.

    >>> p = Protected("see www.example.com/a.b or mail a@b.org")
    >>> p.covers(8), p.covers(0)
    (True, False)
    """

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        # Pre-screen: each protected shape needs one of these characters.
        if not any(c in text for c in "/@#`.") :
            return
        for m in _PROTECTED.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def covers(self, pos: int, end: int | None = None) -> bool:
        """True when ``[pos, end)`` (or the character at ``pos``) meets a protected span."""
        if not self.starts:
            return False
        end = pos + 1 if end is None else max(end, pos + 1)
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > pos


# Characters after which a new sentence (and so a capital) may begin.
SENTENCE_END = ".!?…"
OPENERS = "\"'“‘«„‚([{¿¡*-–—•>"
