"""The pipeline: ordered rules, language resolution, and explain.

Each rule sees the text as the rules before it left it; its edits are folded
into one list expressed in the coordinates of the ORIGINAL text, so
``explain`` can say exactly what changed where, and applying those edits to
the input reproduces the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from .edits import Edit, apply_edits, compose_edits
from .language import DEFAULT_LANGUAGE, detect_language
from .rule import Context, Rule, rule_from_function

# Passes over the rules at most (see Pipeline.explain).
MAX_PASSES = 3

__all__ = ["Pipeline", "Explanation", "make_pipeline", "as_rule", "check_text"]


def check_text(text: object) -> str:
    """Return ``text`` if it is a ``str``; raise a clear ``TypeError`` otherwise."""
    if isinstance(text, str):
        return text
    hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
    raise TypeError(f"mtclean expects text as str, got {type(text).__name__}{hint}")


@dataclass(frozen=True)
class Explanation:
    """What ``explain`` returns: the repaired text, the edits, the language.

    ``edits`` are sorted and expressed in the coordinates of the input text.
    """

    text: str
    edits: list[Edit]
    lang: str

    def __iter__(self):  # allows ``fixed, edits = mtclean.explain(...)``
        yield self.text
        yield self.edits


@dataclass(frozen=True)
class Pipeline:
    """An ordered, immutable, picklable sequence of rules.

    >>> from mtclean import default_pipeline
    >>> p = default_pipeline().without("split_glued_words")
    >>> "split_glued_words" in p.names
    False
    >>> p("Vladimir PutinPutin said")
    'Vladimir Putin said'
    """

    rules: tuple[Rule, ...]
    lang: str | None = None  # None: detect per call
    default_lang: str = field(default=DEFAULT_LANGUAGE)
    # Passes over the rules at most: a repair can uncover another for a rule
    # that already ran, so the default pipeline runs until nothing changes.
    passes: int = MAX_PASSES

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def resolve_language(self, text: str, lang: str | None = None) -> str:
        """The language the rules should assume for ``text``."""
        chosen = lang or self.lang
        if chosen:
            return chosen.lower().split("-")[0].split("_")[0]
        return detect_language(text, default=self.default_lang)

    def explain(self, text: str, *, lang: str | None = None) -> Explanation:
        """Run the rules; return the text and every edit over the original."""
        text = check_text(text)
        if not text:
            return Explanation("", [], lang or self.lang or self.default_lang)
        language = self.resolve_language(text, lang)
        ctx = Context(language)
        rules = [r for r in self.rules if r.applies_to(language)]
        applied: list[Edit] = []
        current = text
        # A repair can uncover another for a rule that already ran (removing
        # "AND" reveals a preamble); so run again while anything changes, a
        # bounded number of times. Clean text takes exactly one pass.
        for _ in range(max(1, self.passes)):
            before_pass = current
            for rule in rules:
                new = rule.edits(current, ctx)
                if not new:
                    continue
                applied = compose_edits(text, applied, current, new)
                current = apply_edits(current, new)
            if current == before_pass:
                break
        return Explanation(current, applied, language)

    def __call__(self, text: str, *, lang: str | None = None) -> str:
        return self.explain(text, lang=lang).text

    normalize = __call__

    def without(self, *names: str) -> "Pipeline":
        """A copy of this pipeline without the named rules."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise ValueError(f"no such rule(s): {', '.join(sorted(unknown))}; rules are {', '.join(self.names)}")
        return replace(self, rules=tuple(r for r in self.rules if r.name not in names))

    def with_rule(
        self, rule: Rule | Callable[[str], str], *, before: str | None = None, after: str | None = None
    ) -> "Pipeline":
        """A copy with ``rule`` added (at the end, or before/after a named rule).

        ``rule`` may be a :class:`Rule` or a plain ``str -> str`` function.
        """
        r = as_rule(rule)
        rules = list(self.rules)
        anchor = before or after
        if anchor is None:
            rules.append(r)
        else:
            if anchor not in self.names:
                raise ValueError(f"no such rule: {anchor}")
            i = self.names.index(anchor) + (1 if after else 0)
            rules.insert(i, r)
        return replace(self, rules=tuple(rules))


def make_pipeline(*rules: Rule | Callable[[str], str], lang: str | None = None, passes: int = 1) -> Pipeline:
    """Compose rules (or plain ``str -> str`` functions) into a pipeline.

    The rules run once, in the order given (``passes=`` more to repeat
    them until nothing changes, as the default pipeline does).

    >>> from mtclean.rules import remove_doubled_words, fix_space_before_punctuation
    >>> p = make_pipeline(remove_doubled_words, fix_space_before_punctuation)
    >>> p("It is the the best , they said .", lang="en")
    'It is the best, they said.'
    """
    return Pipeline(tuple(as_rule(r) for r in rules), lang, passes=passes)


def as_rule(item: Rule | Callable[[str], str]) -> Rule:
    """A :class:`Rule` from a rule, a built-in normalizer, or any ``str -> str`` function."""
    if isinstance(item, Rule):
        return item
    rule = getattr(item, "rule", None)
    if isinstance(rule, Rule):
        return rule
    return rule_from_function(item)

