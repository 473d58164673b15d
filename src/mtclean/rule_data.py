"""Each rule's examples and must-not-change cases, kept as data.

``data/rules/<rule name>.tsv`` holds, one case a line::

    fix<TAB>lang<TAB>before<TAB>after      # the rule must turn before into after
    keep<TAB>lang<TAB>text<TAB>reason      # the rule (and the whole pipeline) must leave text alone

``#`` starts a comment line; ``\\t``, ``\\n`` and ``\\\\`` are escapes, and
``\\uXXXX`` writes an invisible character. One generic test runs every
rule's cases (LanguageTool attaches correct/incorrect pairs to each rule the
same way; ftfy keeps its must-not-change cases as data).

>>> cases = rule_cases("remove_doubled_words")
>>> ("fix", "en", "the the cat", "the cat") in [(c.kind, c.lang, c.text, c.expected) for c in cases]
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["RuleCase", "rule_cases", "rules_with_cases"]

_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def _unescape(field: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(1):
            return chr(int(m.group(1), 16))
        return _SIMPLE.get(m.group(2), "\\" + m.group(2))

    return _ESCAPE.sub(repl, field)


@dataclass(frozen=True)
class RuleCase:
    """One case: ``kind`` is ``"fix"`` (text -> expected) or ``"keep"`` (expected is the reason)."""

    rule: str
    kind: str
    lang: str
    text: str
    expected: str
    line: int


@functools.lru_cache(maxsize=None)
def rule_cases(name: str) -> tuple[RuleCase, ...]:
    """The cases of rule ``name`` (empty when it has no data file)."""
    path = resources.files("mtclean") / "data" / "rules" / f"{name}.tsv"
    if not path.is_file():
        return ()
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[0] not in ("fix", "keep"):
            raise ValueError(f"{path}:{no}: expected 'fix|keep<TAB>lang<TAB>text<TAB>after-or-reason'")
        kind, lang, text, expected = parts
        out.append(RuleCase(name, kind, lang, _unescape(text), _unescape(expected), no))
    return tuple(out)


def rules_with_cases() -> list[str]:
    """Names of the rules that have a data file."""
    folder = resources.files("mtclean") / "data" / "rules"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv"))
