"""Edits: the one data model of mtclean.

A rule never rebuilds a string; it proposes edits (``start``, ``end``,
``replacement``) over the text it was given. The pipeline applies them and
composes them with the edits of earlier rules, so that every edit it reports
is expressed in the coordinates of the ORIGINAL text.
"""

from __future__ import annotations

from dataclasses import dataclass
import operator
from typing import Iterable, Sequence

__all__ = ["Edit", "apply_edits", "compose_edits", "to_original"]

# The sort key of edits and spans: by start, then end (at C speed).
BY_POSITION = operator.attrgetter("start", "end")


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


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (in ``text``'s coordinates) to ``text``.

    >>> apply_edits("the the cat", [Edit("r", 0, 4, "the ", "")])
    'the cat'
    """
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=BY_POSITION):
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
    # Spans of the applied edits in current coordinates.
    cur_spans: list[tuple[int, int]] = []
    delta = 0
    for a in applied:
        cs = a.start + delta
        cur_spans.append((cs, cs + len(a.after)))
        delta += len(a.after) - (a.end - a.start)

    result: list[Edit] = []
    i = 0  # index into applied
    delta = 0  # current - original, for positions before applied[i]
    n_applied = len(applied)
    new_sorted = sorted(new, key=BY_POSITION)
    j = 0
    while j < len(new_sorted):
        e = new_sorted[j]
        # Copy applied edits that end strictly before this new edit starts.
        while i < n_applied and cur_spans[i][1] < e.start:
            a = applied[i]
            result.append(a)
            delta += len(a.after) - (a.end - a.start)
            i += 1
        # Grow a cluster: this new edit, plus every applied edit or further
        # new edit that overlaps or touches it (in current coordinates).
        c_start, c_end = e.start, e.end
        first_i = i
        members_new = [e]
        j += 1
        while True:
            grew = False
            while i < n_applied and cur_spans[i][0] <= c_end:
                c_start = min(c_start, cur_spans[i][0])
                c_end = max(c_end, cur_spans[i][1])
                i += 1
                grew = True
            while j < len(new_sorted) and new_sorted[j].start <= c_end and i > first_i:
                # Only chain further new edits through an applied edit; two
                # new edits that merely touch stay separate.
                members_new.append(new_sorted[j])
                c_end = max(c_end, new_sorted[j].end)
                j += 1
                grew = True
            if not grew:
                break
        if i == first_i:
            # No earlier edit involved: translate offsets and keep it.
            result.append(
                Edit(
                    e.rule,
                    e.start - delta,
                    e.end - delta,
                    original[e.start - delta:e.end - delta],
                    e.after,
                    e.confidence,
                    e.evidence,
                    e.category,
                )
            )
            continue
        # Merge with applied[first_i:i].
        rules: list[str] = []
        categories: list[str] = []
        evidence: list[str] = []
        confidence = 1.0
        members = [*applied[first_i:i], *members_new]
        for m in members:
            for r in m.rule.split("+"):
                if r not in rules:
                    rules.append(r)
            for c in m.category.split("+") if m.category else ():
                if c not in categories:
                    categories.append(c)
            # A merged edit is as sure as its least sure member, and keeps
            # every member's evidence.
            confidence = min(confidence, m.confidence)
            for ev in m.evidence:
                if ev not in evidence:
                    evidence.append(ev)
        o_start = min(applied[first_i].start, c_start - delta)
        d_end = delta
        for a in applied[first_i:i]:
            d_end += len(a.after) - (a.end - a.start)
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
                Edit(
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
    while i < n_applied:
        result.append(applied[i])
        i += 1
    return result


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
        out.append(
            Edit(s.rule, o, o + (s.end - s.start), s.before, s.after, s.confidence, s.evidence, s.category)
        )
    return out
