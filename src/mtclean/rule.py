"""What a rule is, and the context rules share.

A rule is a name, a category, the languages it is valid for, and a ``find``
function ``find(text, ctx) -> iterable of candidates``. A candidate is
``(start, end, replacement)`` (the rule's default confidence) or a
:class:`Candidate` ``(start, end, replacement, confidence, evidence)``.
``find`` starts with a cheap pre-screen and returns at once when there is
nothing to do. The rule applies the candidates whose confidence reaches its
threshold; the others are suggestions, which ``explain(...,
suggestions=True)`` reports and nothing applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Union

from .document import Document
from .edits import Edit, apply_edits, in_position_order, new_edit
from .edits import _new as _new_edit_object
from .edits import (  # the slot setters new_edit uses, for split's loop
    _set_after,
    _set_before,
    _set_category,
    _set_confidence,
    _set_end,
    _set_evidence,
    _set_rule,
    _set_start,
)
from .lexicon import Lexicon, get_lexicon

__all__ = ["Context", "Rule", "Candidate", "Finder", "rule_from_function", "CATEGORIES"]

# The families of artifacts; ``disable=`` accepts these as well as rule names.
CATEGORIES = ("encoding", "markup", "residue", "spacing", "glue", "doubling", "casing")


class Candidate(NamedTuple):
    """A proposed edit with how sure the rule is and why.

    >>> Candidate(0, 3, "The", 0.99, ("segment start",)).confidence
    0.99
    """

    start: int
    end: int
    replacement: str
    confidence: float
    evidence: tuple[str, ...] = ()


Span = tuple[int, int, str]
Finder = Callable[[str, "Context"], Iterable[Union[Span, Candidate]]]


@dataclass(frozen=True)
class Context:
    """What every rule may consult: the language and its lexicon.

    The lexicon is loaded lazily (on first use, once per process and
    language), so a rule whose pre-screen finds nothing never pays for it.
    ``memo`` caches facts about a text (its set of words, its protected
    spans) for the rules of ONE call, so on clean text the words are
    collected once for all rules; it lives and dies with the call.
    """

    lang: str = "en"
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    # Overrides of the rules' thresholds: one for every rule, and per rule.
    min_confidence: float | None = None
    thresholds: Mapping[str, float] = field(default_factory=dict, compare=False)
    # Whether the text the rules read starts / ends the caller's text: a long
    # text is read in blocks (Pipeline.explain), and only its first block
    # may hold an opening line, only its last a closing note.
    starts_text: bool = True
    ends_text: bool = True
    # Whether the caller reads the candidates below their rule's threshold
    # (``explain(suggestions=True)``). When not, a finder may leave out
    # those it can tell in advance would fall below it; the edits applied
    # are the same either way.
    below: bool = True

    def threshold(self, rule: "Rule") -> float:
        """The confidence an edit of ``rule`` needs to be applied."""
        t = self.thresholds.get(rule.name)
        if t is not None:
            return t
        return rule.threshold if self.min_confidence is None else self.min_confidence

    def cached(self, key: str, text: str, compute: Callable[[str], object]) -> object:
        """``compute(text)``, computed once per call for the same text."""
        memo = self.memo
        if memo.get(None) is not text:
            # A new text: the pipeline never goes back to an older one, so
            # drop its facts instead of keeping every intermediate copy's
            # word lists alive until the call ends (and never hash a text).
            memo.clear()
            memo[None] = text
        value = memo.get(key)
        if value is None:
            value = memo[key] = compute(text)
        return value

    def fresh(self) -> "Context":
        """This context with an empty memo (for another text: a window of a later pass).

        >>> ctx = Context("de"); ctx.memo["x"] = 1
        >>> ctx.fresh().lang, ctx.fresh().memo
        ('de', {})
        """
        # (fields copied, not dataclasses.replace: a later pass over text
        # dense with edits makes one for each of thousands of windows)
        new = object.__new__(Context)
        fields_of = new.__dict__
        fields_of.update(self.__dict__)
        fields_of["memo"] = {}
        return new

    @property
    def lexicon(self) -> Lexicon:
        # (kept for the call: the rules ask several times a text, and the
        # process-wide cache takes a lock each time)
        lex = self.__dict__.get("_lexicon")
        if lex is None:
            lex = self.__dict__["_lexicon"] = get_lexicon(self.lang)
        return lex

    def document(self, text: str) -> Document:
        """The :class:`Document` of ``text`` for this call (one tokenization shared by the rules)."""
        memo = self.memo
        if memo.get(None) is not text:
            memo.clear()
            memo[None] = text
        doc = memo.get("__document__")
        if doc is None:
            doc = memo["__document__"] = Document(text, self.lang)
        return doc

    def advance(self, text: str, edits: list[Edit]) -> str:
        """``text`` with ``edits`` applied; its document carried over, re-tokenized only where edited."""
        memo = self.memo
        doc = memo.get("__document__") if memo.get(None) is text else None
        if doc is None:
            return apply_edits(text, edits)
        nxt = doc.after(edits)
        memo.clear()
        memo[None] = nxt.text
        memo["__document__"] = nxt
        return nxt.text


@dataclass(frozen=True)
class Rule:
    """One normalizer: a named ``find`` function plus where it applies.

    ``languages`` is the set of language codes the rule is valid for;
    ``None`` means every language. ``confidence`` is given to candidates
    that carry none; ``threshold`` is what a candidate needs to be applied.
    ``examples`` are ``(before, after)`` pairs and ``keeps`` texts the rule
    must leave alone (both tested for every rule); ``kind`` is ``"repair"``
    or ``"finding"`` (reported by ``explain``, never applied).

    >>> r = Rule("drop_x", lambda text, ctx: [(i, i + 1, "") for i, c in enumerate(text) if c == "x"])
    >>> [e.after for e in r.edits("axb", Context())]
    ['']
    """

    name: str
    find: Finder
    languages: frozenset[str] | None = None
    description: str = field(default="", compare=False)
    category: str = ""
    confidence: float = field(default=0.9, compare=False)
    threshold: float = field(default=0.5, compare=False)
    examples: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    keeps: tuple[str, ...] = field(default=(), compare=False)
    kind: str = field(default="repair", compare=False)

    def applies_to(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def candidates(self, text: str, ctx: Context, threshold: float | None = None) -> list[Edit]:
        """Every candidate edit over ``text``, applied or not, sorted.

        With ``threshold``, only those whose confidence reaches it (the
        others are never built: on text dense with suggestions, building
        edits nobody reads was a good part of the cost).
        """
        out = list(self._edits_of(self.find(text, ctx), text, threshold))
        if len(out) > 1:
            out = in_position_order(out)
        return out

    def _edits_of(self, found: Iterable, text: str, threshold: float | None) -> Iterator[Edit]:
        """The edits of the candidates ``found`` over ``text`` (those reaching ``threshold``, if given), in their order."""
        name, category, repair = self.name, self.category, self.kind == "repair"
        for c in found:
            start, end, repl = c[0], c[1], c[2]
            before = text[start:end]
            if before == repl and repair:
                continue
            if len(c) > 3:
                conf = float(c[3])
                if threshold is not None and conf < threshold:
                    continue
                evidence = tuple(c[4])
            else:
                conf, evidence = self.confidence, ()
                if threshold is not None and conf < threshold:
                    continue
            yield new_edit(name, start, end, before, repl, conf, evidence, category)

    def split(self, text: str, ctx: Context, *, below: bool = True) -> tuple[list[Edit], list[Edit]]:
        """(edits to apply, suggestions): sorted; the applied ones never overlap.

        ``below=False``: the suggestions are not wanted (the second list is
        empty, and they are never built); the edits to apply are the same.
        """
        if self.kind != "repair":
            # A finding rule applies nothing: all it finds are reported.
            return ([], []) if not below else ([], self.candidates(text, ctx))
        threshold = ctx.threshold(self)
        # What candidates() and the partition below it do, in one loop over
        # what ``find`` yields while it yields in position order (rules
        # yield in order: on text dense with edits, a second loop over tens
        # of thousands of edits, and the edits' construction through a
        # call each, were a good part of a rule's cost).
        name, category, default_conf = self.name, self.category, self.confidence
        applied: list[Edit] = []
        rest: list[Edit] = []
        found: list[Edit] = []
        keep_low = below
        last_end = -1
        prev_start = -1
        new = _new_edit_object
        it = iter(self.find(text, ctx))
        for c in it:
            start, end, repl = c[0], c[1], c[2]
            before = text[start:end]
            if before == repl:
                continue
            if len(c) > 3:
                conf = float(c[3])  # type: ignore[misc]
                if conf < threshold and not keep_low:
                    continue
                evidence = tuple(c[4])  # type: ignore[misc]
            else:
                conf, evidence = default_conf, ()
                if conf < threshold and not keep_low:
                    continue
            e = new(Edit)
            _set_rule(e, name)
            _set_start(e, start)
            _set_end(e, end)
            _set_before(e, before)
            _set_after(e, repl)
            _set_confidence(e, conf)
            _set_evidence(e, evidence)
            _set_category(e, category)
            found.append(e)
            if start <= prev_start:
                break  # out of order: sorted below, as candidates() sorts
            prev_start = start
            if conf < threshold:
                rest.append(e)
                continue
            if start < last_end or (start == last_end and start == end and applied and applied[-1].start == start):
                continue  # overlapping proposals: keep the first
            applied.append(e)
            last_end = end
        else:
            return applied, rest
        # The rest of the candidates, then all of them in position order.
        found.extend(self._edits_of(it, text, None if keep_low else threshold))
        applied, rest = [], []
        last_end = -1
        for e in in_position_order(found):
            if e.confidence < threshold:
                rest.append(e)
                continue
            start, end = e.start, e.end
            if start < last_end or (
                start == last_end and start == end and applied and applied[-1].start == start
            ):
                continue  # overlapping proposals: keep the first
            applied.append(e)
            last_end = end
        return applied, rest

    def edits(self, text: str, ctx: Context) -> list[Edit]:
        """The rule's applied edits over ``text``: sorted, non-overlapping, real."""
        return self.split(text, ctx)[0]


def diff_spans(old: str, new: str, window: int = 32) -> Iterator[Span]:
    """Spans turning ``old`` into ``new`` (used to wrap plain functions).

    Linear time on any input: equal stretches are skipped in blocks, and
    after a difference the two texts are re-synchronised at the nearest
    point (at most ``window`` characters on, in both texts together) where
    four characters agree again (two, when four never do; near points
    first); where no such point exists, the rest is one span. (difflib's
    matcher is cubic on repetitive text.)

    >>> list(diff_spans("a cafÃ© and cafÃ© b", "a café and café b"))
    [(5, 7, 'é'), (15, 17, 'é')]
    >>> list(diff_spans("abc", "abc"))
    []
    """
    if old == new:
        return
    la, lb = len(old), len(new)

    def same_run(i: int, j: int) -> int:
        """How many characters ``old[i:]`` and ``new[j:]`` share at their start."""
        k, step = 0, 256
        while step:
            while i + k + step <= la and j + k + step <= lb and old[i + k:i + k + step] == new[j + k:j + k + step]:
                k += step
            step //= 4
        return k

    def resync(i: int, j: int) -> tuple[int, int] | None:
        """The nearest (i', j') after a difference where the texts agree again."""
        # Near points first (the usual repair changes a few characters).
        near = min(8, window)
        return nearest(i, j, 4, near) or nearest(i, j, 2, near) or nearest(i, j, 4, window) or nearest(i, j, 2, window)

    def nearest(i: int, j: int, anchor: int, reach: int) -> tuple[int, int] | None:
        for total in range(1, reach + 1):
            for di in range(total + 1):
                ii, jj = i + di, j + total - di
                if ii > la or jj > lb:
                    continue
                if ii == la and jj == lb:
                    return ii, jj
                if old[ii:ii + anchor] == new[jj:jj + anchor] and (
                    min(la - ii, lb - jj) >= anchor or la - ii == lb - jj
                ):
                    return ii, jj
        return None

    i = j = 0
    while True:
        k = same_run(i, j)
        i, j = i + k, j + k
        if i == la and j == lb:
            return
        point = resync(i, j)
        if point is None:
            # Common suffix first, so the span stays as small as it can.
            s = 0
            while s < la - i and s < lb - j and old[la - 1 - s] == new[lb - 1 - s]:
                s += 1
            yield i, la - s, new[j:lb - s]
            return
        yield i, point[0], new[j:point[1]]
        i, j = point


@dataclass(frozen=True)
class _FunctionFinder:
    """Picklable adapter: a ``str -> str`` function as a finder."""

    func: Callable[[str], str]

    def __call__(self, text: str, ctx: Context) -> Iterator[Span]:
        return diff_spans(text, self.func(text))


def rule_from_function(
    func: Callable[[str], str],
    name: str | None = None,
    languages: Iterable[str] | None = None,
    category: str = "custom",
) -> Rule:
    """Wrap a plain ``str -> str`` function as a rule, so it can join a pipeline.

    Its edits are recovered by diffing input and output.

    >>> r = rule_from_function(str.strip, name="strip")
    >>> [(e.start, e.end, e.after) for e in r.edits("  hi", Context())]
    [(0, 2, '')]
    """
    return Rule(
        str(name or getattr(func, "__name__", None) or "custom"),
        _FunctionFinder(func),
        frozenset(languages) if languages is not None else None,
        (func.__doc__ or "").strip().split("\n")[0],
        category,
        confidence=1.0,  # the caller asked for this function: apply what it does
    )
