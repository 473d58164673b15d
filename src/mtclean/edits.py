"""Edits: the one data model of mtclean.

A rule never rebuilds a string; it proposes edits (``start``, ``end``,
``replacement``) over the text it was given. The pipeline applies them and
composes them with the edits of earlier rules, so that every edit it reports
is expressed in the coordinates of the ORIGINAL text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, fields
from itertools import accumulate, islice
import operator
from typing import Iterable, Sequence

__all__ = ["Edit", "apply_edits", "compose_edits", "in_position_order", "new_edit", "to_original"]

# The sort key of edits and spans: by start, then end (at C speed).
BY_POSITION = operator.attrgetter("start", "end")
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")
_AFTER = operator.attrgetter("after")


def in_position_order(edits: Sequence["Edit"]) -> list["Edit"]:
    """``sorted(edits, key=BY_POSITION)``, or ``edits`` itself when it is a list already in that order.

    A list whose starts strictly increase is in order, and telling so (at C
    speed) costs a fifth of sorting it: the edits a rule returns are sorted
    already, and a text dense with edits sorted tens of thousands of them
    again at every step. The result is read, never changed.

    >>> a, b = Edit("r", 0, 1, "x", ""), Edit("r", 2, 3, "y", "")
    >>> in_position_order([b, a]) == [a, b], in_position_order([a, b]) == [a, b]
    (True, True)
    """
    if not isinstance(edits, list):
        return sorted(edits, key=BY_POSITION)
    if len(edits) < 2:
        return edits
    starts = list(map(_START, edits))
    if all(map(operator.lt, starts, islice(starts, 1, None))):
        return edits
    return sorted(edits, key=BY_POSITION)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``text[start:end]`` (which is ``before``) becomes ``after``.

    ``rule`` names the normalizer that made it (``"a+b"`` when two rules
    touched the same span). Offsets are Python string indices.

    >>> e = Edit("split_glued_words", 10, 25, "regionbordering", "region bordering")
    >>> e.before, e.after
    ('regionbordering', 'region bordering')
    """

    rule: str
    start: int
    end: int
    before: str
    after: str
    # How likely the edit is right (0..1), and the signals that decided it,
    # e.g. ("lexicon: 'region' and 'bordering' frequent", "token unknown").
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    # The rule's family (spacing, casing, glue, doubling, encoding, markup,
    # residue); "a+b" when rules of two families made one merged edit.
    category: str = ""

    def to_dict(self) -> dict[str, object]:
        """The edit as a JSON-ready dict.

        >>> Edit("remove_doubled_words", 3, 7, " the", "", 0.97, ("same word twice",), "doubling").to_dict()["confidence"]
        0.97
        """
        return {
            "rule": self.rule,
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }


# The fields' slot descriptors, to build an Edit without the frozen
# dataclass __init__ (which sets each field through object.__setattr__).
_new = object.__new__
(
    _set_rule, _set_start, _set_end, _set_before, _set_after, _set_confidence, _set_evidence, _set_category
) = (Edit.__dict__[f.name].__set__ for f in fields(Edit))


def new_edit(
    rule: str,
    start: int,
    end: int,
    before: str,
    after: str,
    confidence: float = 1.0,
    evidence: tuple[str, ...] = (),
    category: str = "",
) -> Edit:
    """``Edit(rule, start, ...)``, built about twice as fast (the same object).

    For the hot paths of text dense with edits (one every few characters):
    the fields are written through their slots, as the frozen dataclass's
    ``__init__`` writes them through ``object.__setattr__``. The edit stays
    immutable (assigning a field raises), equal, hashable and picklable.

    >>> new_edit("r", 0, 4, "the ", "") == Edit("r", 0, 4, "the ", "")
    True
    """
    e = _new(Edit)
    _set_rule(e, rule)
    _set_start(e, start)
    _set_end(e, end)
    _set_before(e, before)
    _set_after(e, after)
    _set_confidence(e, confidence)
    _set_evidence(e, evidence)
    _set_category(e, category)
    return e


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (in ``text``'s coordinates) to ``text``.

    >>> apply_edits("the the cat", [Edit("r", 0, 4, "the ", "")])
    'the cat'
    """
    out: list[str] = []
    pos = 0
    for e in in_position_order(edits if isinstance(edits, list) else list(edits)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def compose_edits(
    original: str,
    applied: Sequence[Edit],
    current: str,
    new: Sequence[Edit],
) -> list[Edit]:
    """Fold ``new`` edits (over ``current``) into ``applied`` (over ``original``).

    ``current`` must equal ``apply_edits(original, applied)``. Returns the
    edits over ``original`` that turn it into ``apply_edits(current, new)``.
    A new edit that touches the span an earlier edit produced is merged with
    it (the rule names are joined with ``+``). One linear sweep: the cost is
    O(len(applied) + len(new)).
    """
    if not new:
        return list(applied)
    if not applied:
        # Nothing to merge with (current is the original, and new edits
        # chain only through an applied one): each new edit is kept, its
        # ``before`` read from the original (the first rule of a call to
        # edit, on text dense with edits, went through the sweep per edit).
        out = in_position_order(new)
        if out is new:
            out = list(out)
        for k, e in enumerate(out):
            if original[e.start:e.end] != e.before:
                out[k] = new_edit(e.rule, e.start, e.end, original[e.start:e.end], e.after, e.confidence,
                                  e.evidence, e.category)
        return out
    n_applied = len(applied)
    # Where each applied edit's output ends in current coordinates, and the
    # shift (current - original) after it. Applied edits are sorted and do
    # not overlap, so both ends grow: the edits to copy before a new one are
    # found by bisection and copied as a slice (on text dense with edits,
    # the copying was most of a later call's cost).
    # (Built with C-level maps: the applied edits of a text dense with
    # edits are tens of thousands, read again at each later compose.)
    a_ends = list(map(_END, applied))
    shifts = list(accumulate(map(operator.sub, map(len, map(_AFTER, applied)), map(operator.sub, a_ends, map(_START, applied)))))
    cur_ends = list(map(operator.add, a_ends, shifts))

    result: list[Edit] = []
    i = 0  # index into applied
    delta = 0  # current - original, for positions before applied[i]
    new_sorted = in_position_order(new)
    n_new = len(new_sorted)
    j = 0
    while j < n_new:
        e = new_sorted[j]
        # Copy applied edits that end strictly before this new edit starts.
        k = bisect_left(cur_ends, e.start, i)
        if k > i:
            result.extend(applied[i:k])
            delta = shifts[k - 1]
            i = k
        # Grow a cluster: this new edit, plus every applied edit or further
        # new edit that overlaps or touches it (in current coordinates).
        c_start, c_end = e.start, e.end
        first_i = i
        members_new = [e]
        j += 1
        while True:
            grew = False
            while i < n_applied and cur_ends[i] - len(applied[i].after) <= c_end:
                c_start = min(c_start, cur_ends[i] - len(applied[i].after))
                c_end = max(c_end, cur_ends[i])
                i += 1
                grew = True
            while j < n_new and new_sorted[j].start <= c_end and i > first_i:
                # Only chain further new edits through an applied edit; two
                # new edits that merely touch stay separate.
                members_new.append(new_sorted[j])
                c_end = max(c_end, new_sorted[j].end)
                j += 1
                grew = True
            if not grew:
                break
        if i == first_i:
            # No earlier edit involved: translate offsets and keep it (the
            # same edit, when nothing moved it and its text is the original's).
            o_start = e.start - delta
            before = original[o_start:e.end - delta]
            if delta or before != e.before:
                e = new_edit(e.rule, o_start, e.end - delta, before, e.after, e.confidence, e.evidence, e.category)
            result.append(e)
            continue
        # Merge with applied[first_i:i].
        members = [*applied[first_i:i], *members_new]
        rules, categories, evidence, confidence = _merged_facts(members)
        o_start = min(applied[first_i].start, c_start - delta)
        d_end = shifts[i - 1]
        o_end = max(applied[i - 1].end, c_end - d_end)
        # The merged replacement: current text over the cluster with the new
        # edits applied.
        pieces: list[str] = []
        pos = c_start
        for m in members_new:
            pieces.append(current[pos:m.start])
            pieces.append(m.after)
            pos = m.end
        pieces.append(current[pos:c_end])
        after = "".join(pieces)
        before = original[o_start:o_end]
        delta = d_end
        if before != after:
            result.append(
                new_edit(
                    "+".join(rules),
                    o_start,
                    o_end,
                    before,
                    after,
                    confidence,
                    tuple(evidence),
                    "+".join(categories),
                )
            )
    result.extend(applied[i:])
    return result


def _merged_facts(members: list[Edit]) -> tuple[list[str], list[str], list[str], float]:
    """The rule names, categories and evidence of ``members`` (each once, in order of first use), and their confidence.

    A merged edit is as sure as its least sure member, and keeps every
    member's evidence.
    """
    confidence = min(1.0, min([m.confidence for m in members]))
    if len(members) > 8:
        # Members mostly share their rule, category and evidence: each
        # distinct one is read once (a merge on text dense with edits can
        # hold thousands). Evidence that cannot be hashed (a list a caller
        # gave) is read member by member, below.
        try:
            return (*_distinct_parts(members), confidence)
        except TypeError:
            pass
    rules: list[str] = []
    categories: list[str] = []
    evidence: list[str] = []
    for m in members:
        for r in m.rule.split("+"):
            if r not in rules:
                rules.append(r)
        for c in m.category.split("+") if m.category else ():
            if c not in categories:
                categories.append(c)
        for e in m.evidence:
            if e not in evidence:
                evidence.append(e)
    return rules, categories, evidence, confidence


def _distinct_parts(members: list[Edit]) -> tuple[list[str], list[str], list[str]]:
    rules: dict[str, None] = {}
    for r in dict.fromkeys([m.rule for m in members]):
        rules.update(dict.fromkeys(r.split("+")))
    categories: dict[str, None] = {}
    for c in dict.fromkeys([m.category for m in members]):
        if c:
            categories.update(dict.fromkeys(c.split("+")))
    evidence: dict[str, None] = {}
    for ev in dict.fromkeys([m.evidence for m in members]):
        evidence.update(dict.fromkeys(ev))
    return list(rules), list(categories), list(evidence)


def to_original(applied: Sequence[Edit], spans: Sequence[Edit]) -> list[Edit]:
    """Re-express ``spans`` (edits over the current text) over the original.

    ``applied`` are the edits (over the original) that made the current
    text. A span that overlaps or touches what an applied edit produced has
    no place in the original and is dropped; the others are shifted.

    >>> to_original([Edit("r", 3, 7, " the", "")], [Edit("s", 4, 7, "cat", "dog")])
    [Edit(rule='s', start=8, end=11, before='cat', after='dog', confidence=1.0, evidence=(), category='')]
    """
    out: list[Edit] = []
    i = 0
    delta = 0  # current - original, before applied[i]
    for s in sorted(spans, key=BY_POSITION):
        while i < len(applied):
            a = applied[i]
            cur_end = a.start + delta + len(a.after)
            if cur_end < s.start:
                delta += len(a.after) - (a.end - a.start)
                i += 1
            else:
                break
        if i < len(applied) and applied[i].start + delta <= s.end:
            continue  # touches an applied edit's output
        o = s.start - delta
        out.append(new_edit(s.rule, o, o + (s.end - s.start), s.before, s.after, s.confidence, s.evidence, s.category))
    return out
