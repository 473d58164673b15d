"""Edits: apply_edits and compose_edits (folding a rule's edits into the
edits of the rules before it, in the coordinates of the original text)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtclean import Context, Edit, Rule, apply_edits
from mtclean.edits import compose_edits, new_edit


def fold(original: str, *rounds: list[Edit]) -> tuple[list[Edit], str]:
    """Fold rounds of edits (each over the text the previous round left)."""
    applied: list[Edit] = []
    current = original
    for new in rounds:
        applied = compose_edits(original, applied, current, new)
        current = apply_edits(current, new)
    return applied, current


def check_invariants(original: str, edits: list[Edit], expected: str) -> None:
    assert apply_edits(original, edits) == expected
    last_end = -1
    for e in edits:
        assert 0 <= e.start <= e.end <= len(original)
        assert original[e.start:e.end] == e.before
        assert e.before != e.after
        assert e.start >= last_end
        last_end = e.end


# ---------------------------------------------------------------- apply_edits


def test_apply_edits_basic():
    assert apply_edits("the the cat", [Edit("r", 0, 4, "the ", "")]) == "the cat"
    assert apply_edits("abc", []) == "abc"
    # Unsorted input is sorted.
    edits = [Edit("r", 2, 3, "c", "C"), Edit("r", 0, 1, "a", "A")]
    assert apply_edits("abc", edits) == "AbC"
    # Insertions at a point.
    assert apply_edits("ab", [Edit("r", 1, 1, "", " ")]) == "a b"


def test_apply_edits_rejects_overlap():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit("r", 0, 3, "abc", ""), Edit("r", 2, 4, "cd", "")])


# ---------------------------------------------------------------- compose_edits


def test_no_new_edits_returns_applied():
    applied = [Edit("r1", 0, 3, "aaa", "a")]
    assert compose_edits("aaa bbb", applied, "a bbb", []) == applied


def test_first_round_translates_nothing():
    original = "aaa bbb"
    edits, current = fold(original, [Edit("r1", 4, 7, "bbb", "B")])
    assert edits == [Edit("r1", 4, 7, "bbb", "B")]
    assert current == "aaa B"


def test_non_overlapping_offsets_are_translated():
    original = "aaa bbb ccc"
    first = [Edit("r1", 0, 3, "aaa", "a")]  # current: "a bbb ccc"
    second = [Edit("r2", 6, 9, "ccc", "C")]
    edits, current = fold(original, first, second)
    assert current == "a bbb C"
    assert edits == [Edit("r1", 0, 3, "aaa", "a"), Edit("r2", 8, 11, "ccc", "C")]
    check_invariants(original, edits, current)


def test_later_edit_before_an_earlier_one_is_translated():
    original = "aaa bbb ccc"
    first = [Edit("r1", 8, 11, "ccc", "cccccc")]  # current: "aaa bbb cccccc"
    second = [Edit("r2", 0, 3, "aaa", "")]
    edits, current = fold(original, first, second)
    assert edits == [Edit("r2", 0, 3, "aaa", ""), Edit("r1", 8, 11, "ccc", "cccccc")]
    check_invariants(original, edits, current)


def test_overlapping_edits_merge_with_joined_names():
    original = "aaa bbb"
    first = [Edit("r1", 0, 3, "aaa", "xy")]  # current: "xy bbb"
    second = [Edit("r2", 1, 2, "y", "z")]
    edits, current = fold(original, first, second)
    assert current == "xz bbb"
    assert edits == [Edit("r1+r2", 0, 3, "aaa", "xz")]


def test_touching_edits_merge():
    original = "ab"
    first = [Edit("r1", 1, 1, "", " ")]  # current: "a b"; the insertion spans [1, 2)
    second = [Edit("r2", 2, 3, "b", "B")]  # starts where the insertion ends
    edits, current = fold(original, first, second)
    assert current == "a B"
    assert edits == [Edit("r1+r2", 1, 2, "b", " B")]


def test_touching_on_the_left_merges():
    original = "abc"
    first = [Edit("r1", 1, 2, "b", "BB")]  # current: "aBBc"
    second = [Edit("r2", 0, 1, "a", "")]  # ends where the earlier edit starts
    edits, current = fold(original, first, second)
    assert current == "BBc"
    assert edits == [Edit("r1+r2", 0, 2, "ab", "BB")]


def test_new_edit_spanning_two_earlier_edits_merges_all():
    original = "a b c"
    first = [Edit("r1", 0, 1, "a", "A"), Edit("r1", 4, 5, "c", "C")]  # current: "A b C"
    second = [Edit("r2", 0, 5, "A b C", "X")]
    edits, current = fold(original, first, second)
    assert current == "X"
    assert edits == [Edit("r1+r2", 0, 5, "a b c", "X")]


def test_merge_that_restores_the_original_disappears():
    original = "abc"
    first = [Edit("r1", 1, 2, "b", "x")]
    second = [Edit("r2", 1, 2, "x", "b")]
    edits, current = fold(original, first, second)
    assert current == original
    assert edits == []


def test_rule_names_are_not_repeated():
    original = "abc"
    edits, current = fold(
        original,
        [Edit("r1", 1, 2, "b", "x")],
        [Edit("r2", 1, 2, "x", "y")],
        [Edit("r1", 1, 2, "y", "z")],
    )
    assert edits == [Edit("r1+r2", 1, 2, "b", "z")]


def test_three_rounds_of_insertions():
    original = "months.said the official.Children"
    r1 = [Edit("a", 6, 7, ".", ", ")]  # "months, said the official.Children"
    r2 = [Edit("b", 26, 26, "", " ")]  # "months, said the official. Children"
    r3 = [Edit("c", 0, 1, "m", "M")]
    edits, current = fold(original, r1, r2, r3)
    assert current == "Months, said the official. Children"
    check_invariants(original, edits, current)
    assert [e.rule for e in edits] == ["c", "a", "b"]


# ---------------------------------------------------------------- random folding

ALPHABET = "ab .,"
_text = st.text(alphabet=ALPHABET, max_size=12)


def _random_round(data: st.DataObject, current: str, name: str) -> list[Edit]:
    """Edits a rule could propose over ``current``: filtered exactly like a
    real rule's proposals (sorted, non-overlapping, no no-op edits)."""
    n = len(current)
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, n), st.integers(0, 3), _text.map(lambda s: s[:3])),
            max_size=4,
        )
    )
    proposals = [(s, min(n, s + length), repl) for s, length, repl in spans]
    rule = Rule(name, lambda text, ctx: proposals)
    return rule.edits(current, Context())


@given(original=st.text(alphabet=ALPHABET, max_size=20), data=st.data(), rounds=st.integers(1, 5))
def test_fold_then_apply_equals_sequential(original, data, rounds):
    applied: list[Edit] = []
    current = original
    for k in range(rounds):
        new = _random_round(data, current, f"r{k}")
        applied = compose_edits(original, applied, current, new)
        current = apply_edits(current, new)
        # After every round, not only at the end.
        check_invariants(original, applied, current)
        for e in applied:
            assert set(e.rule.split("+")) <= {f"r{i}" for i in range(k + 1)}


@given(original=st.text(max_size=30), data=st.data())
def test_fold_on_arbitrary_text(original, data):
    current = original
    applied: list[Edit] = []
    for k in range(3):
        new = _random_round(data, current, f"r{k}")
        applied = compose_edits(original, applied, current, new)
        current = apply_edits(current, new)
    check_invariants(original, applied, current)


# ---------------------------------------------------------------- the fast paths against the slow ones


def _compose_reference(
    original: str,
    applied: Sequence[Edit],
    current: str,
    new: Sequence[Edit],
) -> list[Edit]:
    """compose_edits as it was before its copying went by bisection (one edit at a time)."""
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
    new_sorted = sorted(new, key=lambda e: (e.start, e.end))
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


@given(original=st.text(alphabet=ALPHABET, max_size=24), data=st.data(), rounds=st.integers(1, 6))
def test_compose_equals_the_one_at_a_time_reference(original, data, rounds):
    """The bisecting compose_edits gives the same edits as the old linear walk, round after round."""
    applied: list[Edit] = []
    current = original
    for k in range(rounds):
        new = _random_round(data, current, f"r{k}")
        got = compose_edits(original, applied, current, new)
        assert got == _compose_reference(original, applied, current, new)
        applied = got
        current = apply_edits(current, new)


def test_compose_keeps_a_first_round_edit_as_it_is():
    e = Edit("r", 3, 3, "", " ", 0.9, ("why",), "spacing")
    assert compose_edits("Ab.Cd.", [], "Ab.Cd.", [e])[0] is e


@given(
    rule=st.text(max_size=5),
    start=st.integers(0, 50),
    length=st.integers(0, 5),
    before=st.text(max_size=5),
    after=st.text(max_size=5),
    confidence=st.floats(0, 1),
    evidence=st.lists(st.text(max_size=5), max_size=3).map(tuple),
    category=st.text(max_size=5),
)
def test_new_edit_is_an_edit_like_any_other(rule, start, length, before, after, confidence, evidence, category):
    args = (rule, start, start + length, before, after, confidence, evidence, category)
    fast, slow = new_edit(*args), Edit(*args)
    assert type(fast) is Edit
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert copy.deepcopy(fast) == slow
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.start = 0  # type: ignore[misc]


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)), max_size=12))
def test_in_position_order_is_sorted_by_position(pairs):
    from mtclean.edits import BY_POSITION, in_position_order

    edits = [Edit("r", s, s + n, "", "x") for s, n in pairs]
    out = in_position_order(edits)
    assert list(out) == sorted(edits, key=BY_POSITION)
    assert edits == [Edit("r", s, s + n, "", "x") for s, n in pairs]  # the input is left as it was
