"""The pipeline: ordered rules, language resolution, and explain.

Each rule sees the text as the rules before it left it; its edits are folded
into one list expressed in the coordinates of the ORIGINAL text, so
``explain`` can say exactly what changed where, and applying those edits to
the input reproduces the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
import bisect
from itertools import accumulate, islice
import operator
import re
from typing import Callable, Iterable, Iterator, Mapping

import regex

from .document import WORD_START_DEPTH, words_at_word_starts
from .edits import Edit, compose_edits, in_position_order, new_edit, to_original
from .language import DEFAULT_LANGUAGE, detect_language
from .rule import CATEGORIES, Context, Rule, rule_from_function

# Passes over the rules at most (see Pipeline.explain).
MAX_PASSES = 3

__all__ = ["Pipeline", "Explanation", "make_pipeline", "as_rule", "check_text"]


def check_text(text: object) -> str:
    """Return ``text`` as a plain ``str``; raise a clear ``TypeError`` otherwise.

    >>> check_text(b"x")
    Traceback (most recent call last):
    ...
    TypeError: mtclean expects text as str, got bytes (decode bytes first, e.g. data.decode('utf-8'))
    """
    if type(text) is str:
        return text
    if isinstance(text, str):
        return str.__str__(text)  # a str subclass: work on (and return) a plain str
    hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
    raise TypeError(f"mtclean expects text as str, got {type(text).__name__}{hint}")


def check_lang(lang: object) -> str | None:
    """``lang`` as a lower-case base code (``"pt-BR"`` -> ``"pt"``), or None.

    >>> check_lang("pt-BR"), check_lang(None)
    ('pt', None)
    """
    if lang is None:
        return None
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a language code (str) or None, got {type(lang).__name__}")
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if not code.isascii() or not code.isalpha() or not 2 <= len(code) <= 3:
        raise ValueError(f"lang must be an ISO 639 code such as 'en' or 'pt-BR', got {lang!r}")
    return code


def check_confidence(value: object, what: str = "min_confidence") -> float | None:
    """``value`` as a float in [0, 1], or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number between 0 and 1, got {type(value).__name__}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{what} must be between 0 and 1, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Explanation:
    """What ``explain`` returns: the repaired text, the edits, the language.

    ``edits`` are sorted and expressed in the coordinates of the input text.
    """

    text: str
    edits: list[Edit]
    lang: str
    # With ``suggestions=True``: candidates below their rule's threshold
    # (over the original text; never applied). ``findings``: what finding
    # rules report (untranslated fragments, ...), with no replacement applied.
    suggestions: list[Edit] = field(default_factory=list)
    findings: list[Edit] = field(default_factory=list)

    def __iter__(self) -> Iterator:  # allows ``fixed, edits = mtclean.explain(...)``
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
    # Confidence an edit needs to be applied: None keeps each rule's own
    # threshold; ``thresholds`` overrides it per rule, as (name, value) pairs.
    min_confidence: float | None = None
    thresholds: tuple[tuple[str, float], ...] = ()
    # The rules that apply to each language, computed once per pipeline
    # (init=False: ``replace`` starts a copy with an empty cache).
    _by_lang: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_by_lang", None)  # a cache: rebuilt on first use
        return state

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        object.__setattr__(self, "_by_lang", {})

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def resolve_language(self, text: str, lang: str | None = None) -> str:
        """The language the rules should assume for ``text``."""
        chosen = check_lang(lang) or check_lang(self.lang)
        if chosen:
            return chosen
        return detect_language(text, default=self.default_lang)

    def configured(
        self, *, min_confidence: float | None = None, thresholds: Mapping[str, float] | None = None
    ) -> "Pipeline":
        """A copy with another confidence bar, for every rule or per rule.

        >>> from mtclean import default_pipeline
        >>> strict = default_pipeline().configured(thresholds={"split_glued_words": 0.99})
        >>> dict(strict.thresholds)
        {'split_glued_words': 0.99}
        """
        merged = dict(self.thresholds)
        for name, value in (thresholds or {}).items():
            if name not in self.names:
                raise ValueError(f"no such rule: {name}")
            merged[name] = check_confidence(value, f"threshold of {name}")  # type: ignore[assignment]
        mc = check_confidence(min_confidence)
        return replace(
            self,
            min_confidence=self.min_confidence if mc is None else mc,
            thresholds=tuple(sorted(merged.items())),
        )

    def explain(
        self,
        text: str,
        *,
        lang: str | None = None,
        min_confidence: float | None = None,
        suggestions: bool = False,
    ) -> Explanation:
        """Run the rules; return the text and every edit over the original.

        ``min_confidence`` overrides every rule's threshold for this call;
        ``suggestions=True`` also returns the candidates below threshold.
        """
        text = check_text(text)
        mc = check_confidence(min_confidence)
        given = check_lang(lang) or check_lang(self.lang)
        if not text:
            return Explanation("", [], given or self.default_lang)
        language = given or detect_language(text, default=self.default_lang)
        ctx = Context(
            language,
            min_confidence=self.min_confidence if mc is None else mc,
            thresholds=dict(self.thresholds),
            below=suggestions,
        )
        applied: list[Edit] = []
        current = text
        below: dict[tuple, Edit] = {}
        found: dict[tuple, Edit] = {}
        # A detected language is checked again on the repaired text: when it
        # differs (mojibake hid the words), the rules of the new language run
        # too, so that the output is a fixed point whatever a second call
        # would detect (normalize is idempotent).
        detected_on = text  # the text ``language`` was detected on
        for _ in range(3):
            current, applied = self._run_blocks(text, current, applied, ctx, below, found, suggestions)
            if given:
                break
            # (Detection is deterministic: an unchanged text is not asked again.)
            again = language if current == detected_on else detect_language(current, default=self.default_lang)
            detected_on = current
            if again == ctx.lang:
                break
            ctx = replace(ctx, lang=again, memo={})
            language = again
        if not current.strip() and text.strip():
            # A whole text is never deleted (when all of it looks like
            # residue: <unk> tokens, a note): it is left as it is.
            current, applied = text, []
        return Explanation(
            current,
            applied,
            language,
            _untouched(applied, below.values()) if suggestions else [],
            _untouched(applied, found.values()),
        )

    def _run_blocks(
        self,
        text: str,
        current: str,
        applied: list[Edit],
        ctx: Context,
        below: dict[tuple, Edit],
        found: dict[tuple, Edit],
        suggestions: bool,
    ) -> tuple[str, list[Edit]]:
        """:meth:`_run` over ``current``, in blocks of paragraphs when it is long.

        A text of ``_BLOCKS_FROM`` characters or more is cut after blank
        lines (or line breaks, see :func:`_blocks`) into blocks of about
        ``_BLOCK`` characters, and each block is read
        as a text of its own: the evidence a rule takes from the document's
        own usage comes from its block (tens of paragraphs), and the time and
        memory of a call stay those of a block, however long the text
        (linear time, bounded memory). Only the first block may hold an
        opening line and only the last a closing note (``Context.starts_text``,
        ``ends_text``). A text with no line break to cut at is read whole.
        """
        blocks = _blocks(current)
        if blocks is None:
            return self._run(text, current, applied, ctx, below, found, suggestions)
        parts: list[str] = []
        # A text that is not ASCII is kept as UTF-8 bytes, block by block, and
        # decoded once: one wide character makes a str 4 bytes a character,
        # and the blocks' outputs (mostly narrower) then need not all exist
        # next to the result (a 10 MB document: 19 MB less at the peak).
        as_utf8 = None if current.isascii() else bytearray()
        moved: list[Edit] = []
        last = len(current)
        for bs, be in blocks:
            part = current[bs:be]
            part_below: dict[tuple, Edit] = {}
            part_found: dict[tuple, Edit] = {}
            block_ctx = replace(ctx, memo={}, starts_text=ctx.starts_text and bs == 0, ends_text=ctx.ends_text and be == last)
            out, edits = self._run(part, part, [], block_ctx, part_below, part_found, suggestions)
            if as_utf8 is None:
                parts.append(out)
            else:
                as_utf8 += out.encode("utf-8", "surrogatepass")  # (lone surrogates too: decoded back as they were)
            del part, out
            moved.extend(_shifted(edits, bs))
            # Suggestions and findings: over the block, so over ``current``
            # once shifted, and then over the input.
            for local, into in ((part_below, below), (part_found, found)):
                if local:
                    shifted = _shifted(local.values(), bs)
                    for e in to_original(applied, shifted):
                        into.setdefault((e.rule, e.start, e.end, e.after), e)
        if not moved:
            return current, applied
        joined = "".join(parts) if as_utf8 is None else as_utf8.decode("utf-8", "surrogatepass")
        return joined, compose_edits(text, applied, current, moved)

    def _run(
        self,
        text: str,
        current: str,
        applied: list[Edit],
        ctx: Context,
        below: dict[tuple, Edit],
        found: dict[tuple, Edit],
        suggestions: bool,
    ) -> tuple[str, list[Edit]]:
        rules = self._by_lang.get(ctx.lang)
        if rules is None:
            rules = self._by_lang[ctx.lang] = [r for r in self.rules if r.applies_to(ctx.lang)]
        # A repair can uncover another for a rule that already ran (removing
        # "AND" reveals a preamble); so run again while anything changes, a
        # bounded number of times. Clean text takes exactly one pass. In a
        # long text a later pass re-reads only the lines (paragraphs) the
        # previous pass changed and those holding a word it touched, and
        # keeps only the edits next to those: the rest was judged already,
        # with the whole document as evidence. (A decision far from every
        # change that still depends on it is not revisited in that call.)
        # (The touched words are only read by a windowed pass: a text far
        # too short to reach that length after one pass does not collect them.)
        touched: _Touched | None = _Touched(len(current)) if len(current) >= _COLLECT_TOUCHED_FROM else None
        # What each rule read and left alone, for a text that a later pass
        # reads whole: the rules after the last one that changed anything
        # read the same text again, and are skipped. (It holds the texts the
        # rules that edited made, so not for a very long text.)
        seen: list[str | None] | None = [None] * len(rules) if len(current) < _SEEN_UP_TO else None
        # (Where the text changed is read only by a windowed pass, which
        # needs the touched words too: without them, only whether it changed.)
        spans = touched is not None
        later = max(1, self.passes) - 1
        current, applied, changed = self._pass(
            rules, text, current, applied, ctx, None, 0, below, found, suggestions,
            touched=touched if later else None, seen=seen, spans=spans,
        )
        for k in range(later):
            if not changed:
                break
            if len(current) < _WINDOWED_FROM or touched is None:
                # A text of paragraph size: the whole of it again, so that the
                # result is a fixed point of every rule (normalize is idempotent).
                current, applied, changed = self._pass(
                    rules, text, current, applied, ctx, None, 0, below, found, suggestions, seen=seen, spans=spans
                )
                continue
            # The words an edit wrote or removed are evidence elsewhere too
            # (a name now written alone, a token no longer recurring): their
            # other places are read again as well.
            windows = _windows(current, changed) if _dense(changed, len(current)) else None
            if windows == [(0, len(current))]:
                # Changes everywhere: the window is the whole text and every
                # edit of this pass is near a change, so the touched words'
                # places would add nothing (more spans can only widen the
                # windows; see _dense): they are not looked for.
                near = changed
            else:
                near = _merge_spans(changed + _occurrences(current, touched.words()))
                windows = _windows(current, near)
            changed = []
            # (The last pass's touched words would be read by no pass.)
            touched = _Touched(len(current)) if k < later - 1 else None
            offset = 0  # how much the windows done so far moved the text
            for ws0, we0 in windows:
                # (window and spans over the text before this pass's windows)
                local = [(s - ws0, e - ws0) for s, e in near if ws0 <= s and e <= we0]
                ws, we = ws0 + offset, we0 + offset
                sub = current[ws:we]
                # A window that is the whole text (one long line) is read by
                # the rules as the first pass read it: the same rules skip.
                whole = ws0 == 0 and we0 == len(current)
                sub_new, sub_edits, sub_changed = self._pass(
                    rules, sub, sub, [], ctx.fresh(), local, ws, below, found, suggestions, applied, touched,
                    seen if whole else None, spans=True,
                )
                if not sub_edits:
                    continue
                moved = _shifted(sub_edits, ws)
                applied = compose_edits(text, applied, current, moved)
                current = current[:ws] + sub_new + current[we:]
                changed.extend((s + ws, e + ws) for s, e in sub_changed)
                offset += len(sub_new) - len(sub)
        return current, applied

    def _pass(
        self,
        rules: list[Rule],
        base: str,
        current: str,
        applied: list[Edit],
        ctx: Context,
        near: list[tuple[int, int]] | None,
        offset: int,
        below: dict[tuple, Edit],
        found: dict[tuple, Edit],
        suggestions: bool,
        outer: list[Edit] | None = None,
        touched: "_Touched | None" = None,
        seen: list[str | None] | None = None,
        spans: bool = True,
    ) -> tuple[str, list[Edit], list[tuple[int, int]]]:
        """Every rule once over ``current``; returns the text, ``applied`` (over ``base``) and where it changed.

        With ``near``, only edits within ``_NEAR`` characters of those spans
        (or of this pass's own changes) are kept. ``base`` is the input, or a
        window of the text at ``offset``, whose edits so far are ``outer``
        (over the input): suggestions and findings are mapped to the input.
        ``touched`` collects the words the applied edits removed or wrote.
        ``seen`` (one slot a rule): the text each rule last read and found
        nothing to apply in. A rule is pure, so on that same text again it
        would find the same nothing (and the same suggestions): it is skipped.
        ``spans=False``: where the text changed is not wanted (no windowed
        pass follows); the list returned is then only empty or not.
        """
        changed: list[tuple[int, int]] = []
        for i, rule in enumerate(rules):
            if seen is not None:
                last = seen[i]
                if last is not None and (last is current or last == current):
                    continue
            # (Suggestions below threshold are built only when they are reported.)
            new, rest = rule.split(current, ctx, below=suggestions or rule.kind != "repair")
            if seen is not None:
                seen[i] = None if new else current
            if near is not None:
                new = [e for e in new if _is_near(near, e.start, e.end) or _is_near(changed, e.start, e.end)]
                rest = [e for e in rest if _is_near(near, e.start, e.end) or _is_near(changed, e.start, e.end)]
            if rest and (suggestions or rule.kind != "repair"):
                # Over the text as it is now; mapped to the original at
                # the end (dropped where a later edit rewrote that span).
                shifted = to_original(applied, rest)
                if outer is not None:
                    shifted = to_original(outer, _shifted(shifted, offset))
                for e in shifted:
                    (found if rule.kind != "repair" else below).setdefault((e.rule, e.start, e.end, e.after), e)
            if not new:
                continue
            applied = compose_edits(base, applied, current, new)
            before = current
            current = ctx.advance(current, new)
            if touched is not None:
                touched.add(before, new, current)
            if spans:
                changed = _map_spans(changed, new, grow=True)
            elif not changed:
                changed = [(0, 0)]  # (changed, somewhere)
            if near is not None:
                near = _map_spans(near, new, grow=False)
        return current, applied, changed

    def __call__(self, text: str, *, lang: str | None = None, min_confidence: float | None = None) -> str:
        return self.explain(text, lang=lang, min_confidence=min_confidence).text

    normalize = __call__

    def without(self, *names: str) -> "Pipeline":
        """A copy of this pipeline without the named rules or categories.

        >>> from mtclean import default_pipeline
        >>> "restore_name_case" in default_pipeline().without("casing").names
        False
        """
        known = set(self.names) | {r.category for r in self.rules} | set(CATEGORIES)
        unknown = set(names) - known
        if unknown:
            raise ValueError(
                f"no such rule(s) or categories: {', '.join(sorted(unknown))}; "
                f"rules are {', '.join(self.names)}; categories are {', '.join(CATEGORIES)}"
            )
        drop = set(names)
        return replace(self, rules=tuple(r for r in self.rules if r.name not in drop and r.category not in drop))

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


# Texts this long or longer are read in blocks of about _BLOCK characters,
# cut after blank lines or line breaks (Pipeline._run_blocks).
_BLOCK = 64_000
_BLOCKS_FROM = 2 * _BLOCK
# A blank line: where a block may end (after it, and after the blank lines
# that follow it).
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_LINE_BREAK = re.compile(r"\n+")


def _blocks(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of the blocks ``text`` is read in, or None to read it whole.

    Each block ends after the first blank line(s) at or past ``_BLOCK``
    characters from its start (within ``2 * _BLOCK``; else after the first
    line break past ``_BLOCK``); the last block is at least ``_BLOCK // 2``
    characters (a shorter tail joins the block before it).

    >>> _blocks("a" * 10)
    >>> [(s, e) for s, e in _blocks(("x" * 99 + "\\n\\n") * 2000)][:2]
    [(0, 64034), (64034, 128068)]
    """
    n = len(text)
    if n < _BLOCKS_FROM:
        return None
    out: list[tuple[int, int]] = []
    start = 0
    while n - start >= _BLOCK + _BLOCK // 2:
        # A blank line within another block's length; else a line break.
        m = _BLANK_LINES.search(text, start + _BLOCK, start + 2 * _BLOCK) or _LINE_BREAK.search(text, start + _BLOCK)
        if m is None or n - m.end() < _BLOCK // 2:
            break
        out.append((start, m.end()))
        start = m.end()
    if not out:
        return None
    out.append((start, n))
    return out


# Texts this long or longer: a later pass reads only windows (below).
_WINDOWED_FROM = 20_000
# Texts shorter than this remember what each rule read and left alone.
_SEEN_UP_TO = 2_000_000
# Texts this long or longer collect the words the first pass touched. A
# shorter text that one pass grows past _WINDOWED_FROM (by half or more)
# is read whole again instead.
_COLLECT_TOUCHED_FROM = _WINDOWED_FROM * 2 // 3
# A later pass keeps an edit only this close (characters) to a change of
# the pass before: what a change uncovers is next to it.
_NEAR = 40
# Around a change, a later pass reads its line, widened to its paragraph
# (blank lines) when that is no longer than this; longer lines: the whole text.
_WINDOW = 8_000


def _shifted(edits: Iterable[Edit], by: int) -> list[Edit]:
    """``edits`` over a piece of a text (a block, a window), over the text: moved on by ``by``."""
    # (new_edit, not dataclasses.replace: a window or block dense with edits moves thousands)
    return [new_edit(e.rule, e.start + by, e.end + by, e.before, e.after, e.confidence, e.evidence, e.category)
            for e in edits]


class _Touched:
    """The words the applied edits of a pass removed or wrote, found when a later pass asks.

    Each rule's edits are kept with the texts before and after them, and
    their words read only if :meth:`words` is called: a later pass over a
    text changed everywhere does not read them (see ``_dense``), and on
    text dense with edits finding them was most of the pipeline's own cost.
    A text of ``_SEEN_UP_TO`` characters or more is read at once instead
    (its versions are not kept).
    """

    __slots__ = ("found", "kept")

    def __init__(self, size: int):
        self.found: set[str] = set()
        self.kept: list[tuple[str, list[Edit], str]] | None = [] if size < _SEEN_UP_TO else None

    def add(self, before: str, edits: list[Edit], after: str) -> None:
        """Note ``edits`` (over ``before``), which made ``after``."""
        if self.kept is None:
            self._read(before, edits, after)
        else:
            self.kept.append((before, edits, after))

    def _read(self, before: str, edits: list[Edit], after: str) -> None:
        self.found.update(_words_around(before, [(e.start, e.end) for e in edits]))
        self.found.update(_words_around(after, _output_spans(edits)))

    def words(self) -> set[str]:
        """The lower-cased words the noted edits touched (what _words_around gives, before and after each)."""
        if self.kept:
            for before, edits, after in self.kept:
                self._read(before, edits, after)
            self.kept = []
        return self.found


def _dense(spans: list[tuple[int, int]], n: int) -> bool:
    """Whether every position of a text of ``n`` characters is within ``_NEAR`` of one of ``spans`` (merged, sorted).

    Then so it stays through a pass: an edit maps the spans and adds its
    own output to the pass's changes, so every stretch of unchanged text
    between them is a piece of one that was there before (no longer than
    ``2 * _NEAR``, or ``_NEAR`` at the ends); every edit the pass proposes
    is near one of them, whatever other spans are added.

    >>> _dense([(30, 31), (100, 110)], 140), _dense([(30, 31), (130, 140)], 140)
    (True, False)
    """
    if not spans or spans[0][0] > _NEAR or n - spans[-1][1] > _NEAR:
        return False
    if len(spans) == 1:
        return True
    gap = max(map(operator.sub, islice((s for s, _ in spans), 1, None), (e for _, e in spans)))
    return gap <= 2 * _NEAR


def _is_near(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` is within ``_NEAR`` characters of one of ``spans`` (sorted)."""
    i = bisect.bisect_left(spans, (start - _NEAR - 1, -1))
    # Spans are merged, so their ends grow with their starts: the first
    # span that may reach ``start`` is at i - 1 or i.
    return any(s - _NEAR <= end and start <= e + _NEAR for s, e in spans[max(0, i - 1):i + 1])


def _map_spans(spans: list[tuple[int, int]], edits: list[Edit], *, grow: bool) -> list[tuple[int, int]]:
    """``spans`` (over a text) moved through ``edits`` (over it); with ``grow``, plus what the edits wrote. Merged, sorted."""
    order = in_position_order(edits)
    ends = [e.end for e in order]
    shift = list(accumulate([len(e.after) - (e.end - e.start) for e in order], initial=0))

    def moved(p: int, at_end: bool) -> int:
        k = bisect.bisect_right(ends, p)  # edits wholly before p
        if k < len(order) and order[k].start < p:  # p inside edit k
            return order[k].start + shift[k] + (len(order[k].after) if at_end else 0)
        return p + shift[k]

    out: list[tuple[int, int]] = []
    if spans:
        # Spans are merged, so sorted by both ends: those strictly between
        # two edits (after the end of edit k - 1, before the start of edit
        # k) are all moved by shift[k], a slice at a time; only the others
        # are asked moved() (with many spans and few edits, asking each was
        # most of a later pass's bookkeeping).
        span_starts = list(map(_FIRST, spans))
        span_ends = list(map(_SECOND, spans))
        i = 0
        for k in range(len(order) + 1):
            lo = bisect.bisect_right(span_starts, ends[k - 1], i) if k else i
            for s, e in spans[i:lo]:
                out.append((moved(s, False), moved(e, True)))
            hi = bisect.bisect_left(span_ends, order[k].start, lo) if k < len(order) else len(spans)
            if hi > lo:
                d = shift[k]
                out.extend([(s + d, e + d) for s, e in spans[lo:hi]] if d else spans[lo:hi])
            i = max(i, hi)
            if i >= len(spans):
                break
        for s, e in spans[i:]:
            out.append((moved(s, False), moved(e, True)))
    if grow:
        out += [(ed.start + sh, ed.start + sh + len(ed.after)) for ed, sh in zip(order, shift)]
    return _merge_spans(out)


_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


_WORD = re.compile(r"[^\W\d_]+")
# A touched word written more often than this is not looked up again: one
# change hardly moves the evidence of so common a word.
_MAX_OCCURRENCES = 50


def _output_spans(edits: list[Edit]) -> list[tuple[int, int]]:
    """Where ``edits`` (over a text) put their replacements in the edited text.

    >>> _output_spans([Edit("r", 2, 4, "ab", "x"), Edit("r", 6, 6, "", "yz")])
    [(2, 3), (5, 7)]
    """
    order = in_position_order(edits)
    shifts = accumulate([len(e.after) - (e.end - e.start) for e in order], initial=0)
    return [(e.start + d, e.start + d + len(e.after)) for e, d in zip(order, shifts)]


# The letters just before and just after a span (at most 64: a span inside
# a long letter run takes only its neighbourhood).
_LETTERS_BEFORE = regex.compile(r"(?r)\p{L}{0,64}")
_LETTERS_AFTER = regex.compile(r"\p{L}{0,64}")
_ASCII_LETTERS_AFTER = re.compile(r"[A-Za-z]{0,64}")


def _words_around(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Lower-cased letter runs of ``text`` that meet ``spans`` (widened to whole words).

    >>> sorted(_words_around("The ct sat", [(5, 5)]))
    ['ct']
    """
    words: set[str] = set()
    before, after = _LETTERS_BEFORE.match, _LETTERS_AFTER.match
    findall, lower = _WORD.findall, str.lower
    ascii_after = _ASCII_LETTERS_AFTER.match
    n = len(text)
    last_lo = last_hi = -1
    seen: set[str] = set()
    for start, end in spans:
        # (Widened at C speed: with an edit every few letters, as in a line
        # of mojibake, a character loop here was most of a call's cost. An
        # ASCII non-letter next to the span widens nothing: no pattern asked.)
        c = text[start - 1] if start else ""
        lo = start if c < "\x80" and not c.isalpha() else before(text, 0, start).start()
        c = text[end:end + 1]
        if c < "\x80" and not c.isalpha():
            hi = end
        else:
            # ASCII letters first, with the stdlib's faster matcher; the
            # letter pattern only where a non-ASCII character stops them.
            m = ascii_after(text, end) if c < "\x80" else None  # (it always matches, maybe empty)
            hi = m.end() if m else end
            if hi < n and text[hi] >= "\x80" and hi - end < 64:
                hi = after(text, end).end()
        if lo == last_lo and hi == last_hi:
            continue  # (the same words as the span before)
        last_lo, last_hi = lo, hi
        run = text[lo:hi]
        if run in seen:
            continue  # the same characters give the same words (text dense with edits repeats them)
        seen.add(run)
        if start == end and run.isascii():
            # An insertion: letters on both sides only, so ASCII ones are one word.
            if run:
                words.add(run.lower())
            continue
        words.update(map(lower, findall(run)))
    return words


def _occurrences(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the whole-word occurrences (any case) of ``words`` in ``text``, but of words written very often.

    >>> sorted(_occurrences("Kyiv, kyiv and KYIVAN kyiv's", {"kyiv"}))
    [(0, 4), (6, 10), (22, 26)]
    """
    if not words:
        return []
    found: dict[str, set[tuple[int, int]]] = {}
    ascii_words = {w for w in words if w.isascii()}
    low = text.lower() if len(text) >= _SEARCH_WORDS_FROM and ascii_words else ""
    if not low:
        pattern_words = words
    elif len(low) == len(text) and not _CASE_FOLDS_TO_ASCII.search(text):
        # A long text: the ASCII words are looked up in the lower-cased text
        # (an ASCII token matches an ASCII word, ignoring case, exactly when
        # their lower cases are equal). It has the same offsets, and only
        # ASCII letters lower to ASCII: an ASCII word's places are where it
        # stands whole in it, found at C speed; a word past _MAX_OCCURRENCES
        # places is dropped anyway, so its search stops. (One pattern of a
        # few words found every place of a word written everywhere, as on
        # text dense with edits, to drop them all.)
        pattern_words = words - ascii_words
        if len(ascii_words) <= _FIND_EACH_AT_MOST:
            for w in ascii_words:
                spans = found.setdefault(w, set())
                n, i = len(w), low.find(w)
                while i >= 0:
                    e = i + n
                    if not (i and _WORD.match(text, i - 1, i)) and not _WORD.match(text, e, e + 1):
                        spans.add((i, e))
                        if len(spans) > _MAX_OCCURRENCES:
                            break
                    i = low.find(w, i + 1)
        else:
            # A search of the text per word would make the later pass
            # quadratic (the words touched grow with the text): one scan
            # of a prefix tree of them, at word starts, finds each
            # word's places (a whole word cannot start inside another
            # match, which is made of letters; a non-letter never lowers
            # to a letter, so the lower-cased text's word starts include
            # the text's).
            _places_by_tree(text, low, ascii_words, found)
    elif len(ascii_words) <= _SEARCH_WORDS_AT_MOST:
        pattern_words = words
    else:
        # Many words in a long text that lowers to other offsets or holds
        # one of İ ı ſ K: the alternation tries each word at every
        # position, so the ASCII words are looked up token by token (other
        # tokens are asked the pattern).
        pattern_words = words - ascii_words
        ascii_pattern = _whole_words(ascii_words)
        for m in _WORD.finditer(text):
            token = m.group()
            if token.lower() in ascii_words if token.isascii() else ascii_pattern.fullmatch(token):
                found.setdefault(token.lower(), set()).add(m.span())
    if pattern_words:
        for m in _whole_words(pattern_words).finditer(text):
            found.setdefault(m.group().lower(), set()).add(m.span())
    return [span for spans in found.values() if len(spans) <= _MAX_OCCURRENCES for span in spans]


_NON_LETTER = re.compile(r"[^\w]|[\d_]")
# The first stretch of _places_by_tree (characters).
_TREE_STRETCH = 1 << 16


def _places_by_tree(text: str, low: str, words: set[str], found: dict[str, set[tuple[int, int]]]) -> None:
    """Add to ``found`` the whole-word places in ``text`` (lower-cased: ``low``) of the lower-case ASCII ``words``.

    One prefix-tree scan, in stretches that double in length; a word seen
    more than ``_MAX_OCCURRENCES`` times is left out of the tree from the
    next stretch on (its places are dropped anyway), so that a common word
    does not cost a step at each of its places. A word longer than the
    tree is deep is looked for by its first letters, then checked whole.
    """
    live = set(words)
    pos, n = 0, len(low)
    size = _TREE_STRETCH
    while live and pos < n:
        longer: dict[str, list[str]] = {}
        for w in live:
            if len(w) > WORD_START_DEPTH:
                longer.setdefault(w[:WORD_START_DEPTH], []).append(w)
        tree = words_at_word_starts({w[:WORD_START_DEPTH] for w in live})
        # The stretch ends at a non-letter, so that no word runs across it.
        cut = _NON_LETTER.search(low, min(n, pos + size))
        stop = cut.start() if cut else n
        capped = False
        for m in tree.finditer(low, pos, stop):
            i = m.start()
            if i and _WORD.match(text, i - 1, i):
                continue
            head = m.group()
            for w in [head, *longer.get(head, ())] if head in live else longer.get(head, ()):
                e = i + len(w)
                if low.startswith(w, i) and not _WORD.match(text, e, e + 1):
                    spans = found.setdefault(w, set())
                    spans.add((i, e))
                    if len(spans) > _MAX_OCCURRENCES and w in live:
                        live.discard(w)
                        capped = True
        pos = stop
        size *= 2
        if not capped:
            # Nothing to leave out: the rest in one stretch.
            size = n


def _whole_words(words: set[str]) -> "re.Pattern[str]":
    """Any of ``words`` as a whole word, ignoring case (longest first)."""
    return re.compile(
        r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + r")(?![^\W\d_])",
        re.IGNORECASE,
    )


# The only characters that lower to ASCII letters or match them ignoring
# case (İ ı ſ and the Kelvin sign): a text with one is read token by token.
_CASE_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
# Past this length, _occurrences finds ASCII words in the lower-cased text;
# where it cannot (other offsets, or İ ı ſ K), past this many ASCII words it
# reads tokens rather than trying every word at every position.
_SEARCH_WORDS_FROM = 50_000
_SEARCH_WORDS_AT_MOST = 40
# Up to this many ASCII words, each is found with str.find (a few ms per
# 10 MB); past it, one prefix-tree scan (about 40 ns a character) is cheaper.
_FIND_EACH_AT_MOST = 64


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, those that overlap or touch merged.

    >>> _merge_spans([(5, 7), (0, 2), (2, 3), (6, 9)])
    [(0, 3), (5, 9)]
    """
    merged: list[tuple[int, int]] = []
    if not spans:
        return merged
    ordered = sorted(spans)
    if all(map(operator.gt, map(_FIRST, islice(ordered, 1, None)), map(_SECOND, ordered))):
        return ordered  # (each starts after the one before ends: nothing to merge, told at C speed)
    lo, hi = ordered[0]
    append = merged.append
    for s, e in ordered:  # (the span being grown kept in locals: text dense with edits has one every few characters)
        if s <= hi:
            if e > hi:
                hi = e
        else:
            append((lo, hi))
            lo, hi = s, e
    append((lo, hi))
    return merged


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines (paragraphs where short) around ``spans``, merged; the whole text where lines are long."""
    n = len(text)
    out: list[tuple[int, int]] = []
    # The blank-line searches reach _WINDOW characters; with a change on
    # every short line they read the same stretch again for each. The spans
    # come in order, so each search starts where the one before stopped and
    # keeps its answer when nothing new is found (the same answers).
    p_from = p = q_to = q = -1
    # The line searches of the last span that was searched (line_lo,
    # line_hi: their "\n" or -1) and where it ended, when it holds no "\n".
    # A later span that starts after it and ends by line_hi lies on the same
    # line (no "\n" from that line's start to its end), and while both "\n"
    # are within the searches' reach, its searches would find the same: its
    # window is the same, already in ``out`` (a change every few characters
    # of short lines searched each line again for each).
    line_lo = line_hi = last_end = -2
    for s, e in spans:
        if s >= last_end >= 0 and s - _WINDOW <= line_lo and (line_hi == -1 or e <= line_hi <= e + _WINDOW):
            last_end = e
            continue
        lo = text.rfind("\n", max(0, s - _WINDOW), s)
        hi = text.find("\n", e, e + _WINDOW)
        if (lo < 0 and s > _WINDOW) or (hi < 0 and n - e > _WINDOW):
            return [(0, n)]  # a very long line: read the text whole
        line_lo, line_hi = lo, hi
        last_end = e if text.find("\n", s, e) < 0 else -2
        lo = 0 if lo < 0 else lo + 1
        hi = n if hi < 0 else hi
        # p: the last blank line starting in [lo - _WINDOW, lo) (rfind("\n\n", lo - _WINDOW, lo + 1))
        start = max(0, lo - _WINDOW)
        if lo + 1 >= p_from > start:  # (spans in order: the last search ended at p_from)
            found = text.rfind("\n\n", p_from - 1, lo + 1)
            p = found if found >= 0 else (p if p >= start else -1)
        else:
            p = text.rfind("\n\n", start, lo + 1)
        p_from = lo + 1
        if p >= 0 or lo <= _WINDOW:
            lo = 0 if p < 0 else p + 2
        # q: the first blank line starting at hi - 1 or later, ending by hi + _WINDOW
        first = max(0, hi - 1)
        if hi + _WINDOW < q_to:
            q = text.find("\n\n", first, hi + _WINDOW)  # (spans out of order: searched anew)
        elif q >= first:
            pass  # (the one found before is still the first)
        elif q < 0 and q_to > first:
            q = text.find("\n\n", q_to - 1, hi + _WINDOW)
        else:
            q = text.find("\n\n", first, hi + _WINDOW)
        q_to = hi + _WINDOW
        if q >= 0 or n - hi <= _WINDOW:
            hi = n if q < 0 else q
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    if sum(e - s for s, e in out) * 2 > n:
        return [(0, n)]
    return out


def _untouched(applied: list[Edit], spans: Iterable[Edit]) -> list[Edit]:
    """``spans`` (over the original) that no applied edit overlaps, sorted."""
    starts = [a.start for a in applied]
    out = []
    for s in sorted(spans, key=lambda e: (e.start, e.end, e.rule)):
        i = bisect.bisect_right(starts, s.end) - 1
        if i >= 0 and applied[i].end >= s.start:
            continue
        out.append(s)
    return out


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

