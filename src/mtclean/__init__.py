"""mtclean: repair what machine translation and text extraction break, and nothing else.

>>> import mtclean
>>> mtclean.normalize("Vladimir PutinPutin met kyiv&apos;s envoy in the the Kursk regionbordering Ukraine.")
"Vladimir Putin met Kyiv's envoy in the Kursk region bordering Ukraine."
>>> result = mtclean.explain("the the cat")
>>> [(e.rule, e.start, e.end, e.before, e.after) for e in result.edits]
[('remove_doubled_words', 3, 7, ' the', '')]
"""

from __future__ import annotations

from typing import Iterable

from . import _startup  # noqa: F401  (first: Ctrl-C while the command starts up)
from .batch import normalize_many
from .edits import Edit, apply_edits
from .language import detect_language
from .lexicon import Lexicon, get_lexicon
from .pipeline import Explanation, Pipeline, make_pipeline
from .rule import CATEGORIES, Candidate, Context, Rule, rule_from_function
from .rules import DEFAULT_RULES

__version__ = "0.1.0.dev0"

__all__ = [
    "normalize",
    "explain",
    "normalize_many",
    "default_pipeline",
    "make_pipeline",
    "rule_names",
    "Pipeline",
    "Explanation",
    "Edit",
    "Rule",
    "Candidate",
    "CATEGORIES",
    "Context",
    "rule_from_function",
    "apply_edits",
    "detect_language",
    "get_lexicon",
    "Lexicon",
    "DEFAULT_RULES",
]


def default_pipeline(*, disable: Iterable[str] = (), lang: str | None = None) -> Pipeline:
    """The default pipeline, optionally without some rules.

    >>> default_pipeline(disable=["split_glued_words"]).names[:2]
    ['fix_mojibake', 'unescape_entities']
    """
    p = Pipeline(DEFAULT_RULES, lang)
    disable = tuple(disable)
    return p.without(*disable) if disable else p


_DEFAULT = Pipeline(DEFAULT_RULES)


def rule_names() -> list[str]:
    """Names of the rules in the default pipeline, in order.

    >>> rule_names()[0]
    'fix_mojibake'
    """
    return [r.name for r in DEFAULT_RULES]


def _pick(pipeline: Pipeline | None, disable: Iterable[str]) -> Pipeline:
    p = pipeline or _DEFAULT
    disable = tuple(disable)
    return p.without(*disable) if disable else p


def normalize(
    text: str,
    *,
    lang: str | None = None,
    disable: Iterable[str] = (),
    pipeline: Pipeline | None = None,
    min_confidence: float | None = None,
) -> str:
    """Repair ``text`` with the default pipeline (or ``pipeline``).

    ``lang``: an ISO 639-1 code; ``None`` detects it (English by default).
    ``disable``: names of rules or categories to skip (see :func:`rule_names`).
    ``min_confidence``: apply only edits at least this likely to be right
    (0..1), instead of each rule's own threshold.

    >>> normalize("Since last Tuesday, kyiv troops have launched a raid on the Kursk regionbordering both countries.")
    'Since last Tuesday, Kyiv troops have launched a raid on the Kursk region bordering both countries.'
    >>> normalize("Correct text passes through unchanged.")
    'Correct text passes through unchanged.'
    """
    return _pick(pipeline, disable).explain(text, lang=lang, min_confidence=min_confidence).text


def explain(
    text: str,
    *,
    lang: str | None = None,
    disable: Iterable[str] = (),
    pipeline: Pipeline | None = None,
    min_confidence: float | None = None,
    suggestions: bool = False,
) -> Explanation:
    """Repair ``text`` and say how: the result, every edit, the language.

    Each :class:`Edit` has the rule name and category, ``start``/``end``
    offsets in the ORIGINAL text, ``before``, ``after``, ``confidence`` and
    ``evidence``; ``apply_edits(text, result.edits) == result.text``.
    ``suggestions=True`` also lists the candidates below threshold in
    ``result.suggestions`` (never applied).

    >>> r = explain("PutinPutin said")
    >>> r.text, [(e.rule, e.before, e.after) for e in r.edits]
    ('Putin said', [('dedupe_glued_names', 'Putin', '')])
    """
    return _pick(pipeline, disable).explain(
        text, lang=lang, min_confidence=min_confidence, suggestions=suggestions
    )
