"""Sentence-level casing that MT output gets wrong: the pronoun ``i``."""

from __future__ import annotations

from typing import Iterator

import regex

from ..rule import Candidate, Context, Rule
from ._common import EN, protected, run_rule

__all__ = ["capitalise_pronoun_i", "CAPITALISE_PRONOUN_I"]

# "i" as a word, optionally with a contraction; not "i.e.", "(i)", "i)",
# "x[i]", "i++", "i=0", "i-th".
_I = regex.compile(r"(?<![\p{L}\p{N}_(\[.'’-])i(?=(?:['’](?:m|ve|d|ll)\b)|[ \t,;:!?]|$)(?![ \t]*[=)\]+<>*/])", regex.M)
# Code-like text: "for i in", "i = ", "i < n".
_CODE_AROUND = regex.compile(r"\bfor\s+i\s+in\b|\bi\s*[-+*/<>=]=?\s*\w|\bint\s+i\b")
# Words that follow the pronoun: verbs and auxiliaries. The pronoun is very
# likely when one of these follows, or when the "i" carries a contraction.
_PRONOUN_NEXT = regex.compile(
    r"\G(?:['’](?:m|ve|d|ll)\b|[ \t]+(?:am|was|have|had|do|did|don['’]t|didn['’]t|can|can['’]t|could|will|would|"
    r"should|shall|must|may|might|think|thought|know|knew|want|wanted|need|like|love|hope|feel|felt|see|saw|"
    r"believe|guess|mean|said|say|told|got|get|went|go|just|really|also|never|always|still|only|too)\b)",
    regex.I,
)


_CAPITAL_I = regex.compile(r"(?<![\p{L}\p{N}])I(?:['’](?:m|ve|d|ll))?(?![\p{L}\p{N}])")
# A sentence or line (not the text's first) that starts in lower case with a
# word other than "i"; or a handle (chat).
_LOWER_START = regex.compile(r"(?:\n[ \t]*|[.!?][ \t]+)(?!i\b)\p{Ll}|(?<!\w)@\w")


def _find_pronoun_i(text: str, ctx: Context) -> Iterator[Candidate]:
    if "i" not in text or _CODE_AROUND.search(text):
        return
    prot = protected(text, ctx)
    found = []
    for m in _I.finditer(text):
        s = m.start()
        if prot.covers(s):
            continue
        if _PRONOUN_NEXT.match(text, s + 1) is None:
            continue  # a lone "i" (a variable, a list marker): leave it
        found.append(s)
    if not found:
        return
    # The writer's own style: "i" written in lower case more than once and
    # never "I", or sentences started in lower case (casual writing, chat).
    style = bool(_LOWER_START.search(text)) or (len(found) > 2 and not _CAPITAL_I.search(text))
    for s in found:
        if style:
            yield Candidate(s, s + 1, "I", 0.4, ("lower-case i before a verb", "the text writes in lower case by style"))
        else:
            yield Candidate(s, s + 1, "I", 0.96, ("lower-case i before a verb or contraction",))


CAPITALISE_PRONOUN_I = Rule(
    "capitalise_pronoun_i",
    _find_pronoun_i,
    EN,
    "Capitalise the pronoun 'i' ('i think', 'i'm'); not list markers, 'i.e.' or code.",
    category="casing",
)


def capitalise_pronoun_i(text: str, *, lang: str = "en") -> str:
    """Write the English pronoun I as a capital.

    >>> capitalise_pronoun_i("Yesterday i think i'm right")
    "Yesterday I think I'm right"
    >>> capitalise_pronoun_i("see (i) and i.e. x[i]")
    'see (i) and i.e. x[i]'
    """
    return run_rule(CAPITALISE_PRONOUN_I, text, lang)
