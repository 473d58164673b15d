"""The per-edit bookkeeping's shortcuts give what the general code gives.

Text dense with edits (one every few characters) made the pipeline's own
bookkeeping cost more than the rules: each shortcut here skips work whose
answer is known, and is checked against the work done in full.
"""

from __future__ import annotations

import dataclasses
import random
from unittest import mock

import regex
from hypothesis import example, given, settings, strategies as st

from hostile_shapes import SHAPES

from mtclean import default_pipeline, make_pipeline, pipeline
from mtclean.edits import Edit, apply_edits, compose_edits
from mtclean.rule import Candidate, Context, Rule
from mtclean.rules import punctuation, spacing


# ---------------------------------------------------------------- Rule.split in one loop
def _split_reference(rule: Rule, text: str, ctx: Context, below: bool) -> tuple[list[Edit], list[Edit]]:
    """Rule.split as it was: every candidate built and sorted, then partitioned."""
    if not below and rule.kind != "repair":
        return [], []
    threshold = ctx.threshold(rule)
    found = rule.candidates(text, ctx, None if below else threshold)
    applied: list[Edit] = []
    rest: list[Edit] = []
    last_end = -1
    for e in found:
        if e.confidence < threshold or rule.kind != "repair":
            rest.append(e)
            continue
        if e.start < last_end or (e.start == last_end and e.start == e.end and applied and applied[-1].start == e.start):
            continue
        applied.append(e)
        last_end = e.end
    return applied, rest


_spans = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 3), st.sampled_from(["", "x", "ab", " "]), st.sampled_from([None, 0.2, 0.5, 0.9])),
    max_size=12,
)


@given(_spans, st.booleans(), st.sampled_from(["repair", "finding"]))
@example([(3, 1, "x", 0.9), (1, 0, " ", None), (1, 0, "y", 0.9)], False, "repair")  # out of order, then equal starts
def test_split_in_one_loop_equals_candidates_then_partition(raw, below, kind):
    text = "abcdefghijklmnop"
    cands = [(s, s + n, r) if c is None else Candidate(s, s + n, r, c, ("e",)) for s, n, r, c in raw]
    rule = Rule("r", lambda t, ctx: iter(cands), category="spacing", kind=kind)
    ctx = Context("en")
    assert rule.split(text, ctx, below=below) == _split_reference(rule, text, ctx, below)


# ---------------------------------------------------------------- compose_edits with nothing applied
def test_compose_with_nothing_applied_keeps_the_edits_and_reads_before_from_the_original():
    original = "the cat sat"
    kept = Edit("r", 4, 7, "cat", "dog", 0.8, ("x",), "c")
    wrong = Edit("r", 8, 11, "???", "lay")
    out = compose_edits(original, [], original, [wrong, kept])
    assert out[0] is kept
    assert out[1] == dataclasses.replace(wrong, before="sat")
    assert apply_edits(original, out) == "the dog lay"


# ---------------------------------------------------------------- touched words read when asked
@given(st.lists(st.sampled_from(["Kyiv", "zzz", "qqq", " ", "\n", "\n\n", "café", ".", "x" * 30]), max_size=60))
@settings(max_examples=60, deadline=None)
def test_touched_words_read_later_are_those_read_at_once(units):
    text = "".join(units)
    rnd = random.Random(len(text))
    touched = pipeline._Touched(len(text))
    eager: set[str] = set()
    for _ in range(3):
        points = sorted(rnd.sample(range(len(text) + 1), min(4, len(text) + 1)))
        edits = [Edit("r", p, min(p + 1, len(text)), text[p:min(p + 1, len(text))], "é") for p in points[::2]]
        edits = [e for k, e in enumerate(edits) if k == 0 or e.start >= edits[k - 1].end]
        after = apply_edits(text, edits)
        touched.add(text, edits, after)
        eager |= pipeline._words_around(text, [(e.start, e.end) for e in edits])
        eager |= pipeline._words_around(after, pipeline._output_spans(edits))
        text = after
    assert touched.words() == eager


# ---------------------------------------------------------------- a later pass over a text changed everywhere
def _shout(text: str) -> str:
    # (Only "kyiv!": the word's other places are not changed, and a later
    # pass reads them because the word was touched.)
    return text.replace("kyiv!", "KYIV!")


def _after_shouting(text: str) -> str:
    # Acts only once another rule's output is in the text: a second pass's work.
    return text.replace("zzz", "ZZZ") if "KYIV" in text else text


_UNITS = ["kyiv! ", "zzz ", "kyiv zzz ", "kyiv! zzz ", "x" * 290 + " ", "x" * 45 + " ", "\n", "\n\n", "cafÃ© ", "Ab.Cd. ", "word , "]


def _explained(p, text):
    r = p.explain(text, lang="en", suggestions=True)
    return r.text, r.edits, r.suggestions


@given(st.lists(st.sampled_from(_UNITS), min_size=1, max_size=30), st.integers(1, 3))
@example(["kyiv! zzz "], 1)
@example(["kyiv! zzz ", "x" * 45 + " "], 2)
# changes far apart, and a place of the touched word between them
@example(["kyiv! ", "x" * 290 + " ", "x" * 290 + " ", "kyiv zzz ", "x" * 290 + " ", "x" * 290 + " "], 1)
@settings(max_examples=25, deadline=None)
def test_a_later_pass_over_text_changed_everywhere_reads_what_the_full_path_reads(units, parts):
    unit = "".join(units)
    text = (unit * (pipeline._WINDOWED_FROM // max(1, len(unit)) + 1))[: pipeline._WINDOWED_FROM + 500]
    text = "\n\n".join([text] * parts) if parts > 1 else text
    p = dataclasses.replace(make_pipeline(_after_shouting, _shout), passes=3)
    fast = _explained(p, text)
    with mock.patch.object(pipeline, "_dense", lambda spans, n: False):
        full = _explained(p, text)
    assert fast == full


def test_the_dense_shapes_read_what_the_full_path_reads():
    p = default_pipeline()
    for name in ("dotted_caps", "fullwidth_punct", "mojibake_spaced", "glued_mojibake_lines", "spaced_punct", "crlf_lines"):
        text = SHAPES[name](30_000)
        fast = _explained(p, text)
        with mock.patch.object(pipeline, "_dense", lambda spans, n: False):
            assert _explained(p, text) == fast, name


def test_dense():
    near = pipeline._NEAR
    assert pipeline._dense([(near, near + 1), (3 * near + 1, 3 * near + 2)], 4 * near + 2)
    assert not pipeline._dense([(near + 1, near + 2)], near + 2)  # the start is too far
    assert not pipeline._dense([(0, 1), (2 * near + 2, 2 * near + 3)], 2 * near + 3)  # one gap too wide
    assert not pipeline._dense([], 10)


# ---------------------------------------------------------------- fix_fullwidth_punctuation
def _fullwidth_reference(text: str) -> list[tuple[int, int, str]]:
    """_find_fullwidth as it was: each mark's stretch searched for a Latin word."""
    out = []
    for m in punctuation._FW_RUN.finditer(text):
        s, e = m.start(), m.end()
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        if punctuation._CJK.search(text, ls, le) or not regex.search(r"\p{Latin}{2,}", text[max(ls, s - 40):min(le, e + 40)]):
            continue
        out.append((s, e, "".join(punctuation._FULLWIDTH[c] for c in m.group())))
    return out


@given(st.lists(st.sampled_from(["！", "？！", "，", "yes", "a", " ", "\n", "東", "-" * 30, "1"]), max_size=60))
@example(["yes", "！", "-" * 30, "-" * 30, "！", "yes"])
def test_fullwidth_marks_with_a_latin_word_reused_equal_each_searched(units):
    text = "".join(units)
    assert [c[:3] for c in punctuation._find_fullwidth(text, Context("en"))] == _fullwidth_reference(text)


# ---------------------------------------------------------------- fix_space_after_punctuation
@given(st.lists(st.sampled_from(["yes", "Ab", "no", "said", "Said", "U", ".", "!", "?", " ", "é", "www.x.com"]), max_size=30))
@example(["yes", "!", "no", ".", "said", "?", "said"])
def test_marks_skipped_without_a_capital_after_are_those_glued_at_declines(units):
    text = "".join(units)
    ctx = Context("en")
    prot = spacing.protected(text, ctx)
    for m in spacing._PUNCT_BEFORE_LETTER.finditer(text):
        pos = m.start()
        after = spacing._LETTERS.match(text, pos + 1).group()
        punct = text[pos]
        if punct in ".!?" and not after[:1].isupper() and (punct != "." or after not in spacing._SPEECH_VERBS):
            j = pos
            while j > 0 and text[j - 1].isalnum():
                j -= 1
            for p in (None, prot):
                assert spacing._glued_at(text, 0, p, ctx, j, pos, text[j:pos], after) is None


# ---------------------------------------------------------------- candidates the caller does not read
def _texts_of_every_shape() -> list[str]:
    return [SHAPES[name](n) for name in sorted(SHAPES) for n in (600, 3000)] + [
        "the cat sat. the dog ran. It was late.",
        "It was late. the dog ran.\ni think so",
        "It was late. the dog ran. Then it rained.",
        "He said. i'm here. the end.",
        "a b\r\na b\r\n",
    ]


def test_a_finder_told_no_suggestions_are_read_applies_the_same():
    for lang, args in (("en", {}), ("en", {"min_confidence": 0.4}), ("en", {"min_confidence": 0.2}), ("de", {})):
        for text in _texts_of_every_shape():
            for rule in default_pipeline().rules:
                if rule.kind != "repair" or not rule.applies_to(lang):
                    continue
                full = rule.split(text, Context(lang, **args))[0]
                assert rule.split(text, Context(lang, below=False, **args), below=False)[0] == full, (rule.name, text[:40])


@given(st.lists(st.sampled_from(["the ", "cat", ". ", "! ", "\n", "i ", "i'm ", "It ", "U.S. ", "iPhone ", "Then "]), max_size=30))
def test_sentence_starts_told_no_suggestions_apply_the_same(units):
    text = "".join(units)
    from mtclean.rules.sentences import CAPITALISE_SENTENCE_START as rule

    for args in ({}, {"min_confidence": 0.4}):
        full = rule.split(text, Context("en", **args))[0]
        assert rule.split(text, Context("en", below=False, **args), below=False)[0] == full


# ---------------------------------------------------------------- join_spaced_hyphens' hyphenated runs
def _hyphenated_runs_reference(lower: str) -> set[str]:
    """_HyphenatedWords' runs as they were found: each end walked a character at a time."""
    char = regex.compile(r"[\p{L}\p{N}'’-]")
    runs, n, i = set(), len(lower), lower.find("-")
    while i >= 0:
        lo = i
        while lo > 0 and char.match(lower, lo - 1):
            lo -= 1
        hi = i + 1
        while hi < n and char.match(lower, hi):
            hi += 1
        runs.add(lower[lo:hi])
        i = lower.find("-", hi)
    return runs


@given(st.lists(st.sampled_from(["-", " - ", "a", "é", "1", "'", "’", " ", ".", "\n", "x-y"]), max_size=40))
@example(["-", "a", "-", "-", " ", "1", "’", "-"])
def test_hyphenated_runs_found_by_one_match_an_end(units):
    from mtclean.rules.whitespace import _HyphenatedWords

    text = "".join(units)
    blob = _HyphenatedWords(text)._blob
    assert set(blob.split("\n")) - {""} == _hyphenated_runs_reference(text) - {""}
    assert len(blob) == len("\n".join(_hyphenated_runs_reference(text)))


# ---------------------------------------------------------------- spans moved through edits
def _map_spans_reference(spans, edits, grow):
    """pipeline._map_spans as it was: every span end asked where it moves."""
    import bisect
    from itertools import accumulate

    order = sorted(edits, key=lambda e: (e.start, e.end))
    ends = [e.end for e in order]
    shift = list(accumulate([len(e.after) - (e.end - e.start) for e in order], initial=0))

    def moved(p, at_end):
        k = bisect.bisect_right(ends, p)
        if k < len(order) and order[k].start < p:
            return order[k].start + shift[k] + (len(order[k].after) if at_end else 0)
        return p + shift[k]

    out = [(moved(s, False), moved(e, True)) for s, e in spans]
    if grow:
        out += [(ed.start + sh, ed.start + sh + len(ed.after)) for ed, sh in zip(order, shift)]
    merged = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 4)), max_size=12),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.integers(0, 3)), max_size=8),
    st.booleans(),
)
@example([(5, 0), (5, 2), (9, 1)], [(5, 0, 1), (7, 0, 2)], False)
def test_spans_moved_a_slice_at_a_time_equal_each_asked(raw_spans, raw_edits, grow):
    spans = pipeline._merge_spans([(s, s + n) for s, n in raw_spans])
    edits, last = [], -1
    for s, n, k in sorted(raw_edits):
        if s >= last and not (s == last and n == 0 and edits and edits[-1].start == s):
            edits.append(Edit("r", s, s + n, "x" * n, "y" * k))
            last = s + n
    assert pipeline._map_spans(spans, edits, grow=grow) == _map_spans_reference(spans, edits, grow)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "a+b", "c+a"]), st.sampled_from(["", "x", "x+y"]),
                          st.sampled_from([(), ("e1",), ("e2", "e1")]), st.sampled_from([0.3, 0.9, 1.0])),
                min_size=1, max_size=20))
def test_merged_facts_of_many_members_equal_those_read_one_by_one(raw):
    from mtclean import edits as E

    members = [Edit(r, 0, 1, "x", "y", c, ev, cat) for r, cat, ev, c in raw]
    as_lists = [dataclasses.replace(m, evidence=list(m.evidence)) for m in members]  # unhashable: one by one
    assert E._merged_facts(members) == E._merged_facts(as_lists)


@given(st.lists(st.sampled_from(["a", "B", "é", "É", ".", "1", "_", "’", "-", "x" * 30, "(", "٣"]), max_size=40))
@example(["x" * 30, "x" * 30, "a", ".", "B"])
@example(["a", "x" * 30, "x" * 30, "-", "B"])
def test_by_design_alternatives_apart_equal_the_alternation(units):
    from mtclean.rules.sentences import _BY_DESIGN, _by_design

    token = "".join(units)
    assert _by_design(token) == (_BY_DESIGN.search(token) is not None)


@given(st.integers(0, 40), st.sampled_from(["Ab.Cdefghijkl", "ab.Cd", "said.Then", "x,yyyyyyyyyyyy", "month.according"]))
@example(14, "month.according")  # the period last in the first piece: "according" read whole, a speech verb
def test_space_after_in_pieces_reads_the_words_past_a_piece_as_the_whole_text(shift, glued):
    from mtclean.rules.spacing import _WINDOW, _find_space_after, _space_after_in

    # A glued mark at each place around the first cut between pieces: the
    # letters after it are read past the piece's end as in the whole text.
    text = "x " * ((_WINDOW - 20 + shift) // 2) + glued + " " + "y " * 9000
    whole = list(_space_after_in(text, 0, len(text), Context("en")))
    assert list(_find_space_after(text, Context("en"))) == whole


# ---------------------------------------------------------------- remove_stray_opening's screen
@given(st.lists(st.sampled_from(["AND", "BUT", "OR", "THENCE", "x", " ", "\t", "\ufeff", "\n", "\r", "A"]), max_size=30),
       st.sampled_from([("AND", "BUT", "OR", "THEN"), ("UND", "ABERDEENSHIREX", "O")]))
@example([" ", " ", " ", " ", " ", " ", " ", " ", " ", "AND"], ("AND",))  # the prefix ends at the 12th character
@example([" ", " ", " ", " ", " ", " ", " ", " ", " ", " ", "AND"], ("AND",))  # one past it
def test_stray_opening_screen_is_the_line_by_line_test(units, prefixes):
    from mtclean.rules.preamble import _line_start_screen

    text = "".join(units)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    by_line = any(text[s:s + 12].lstrip(" \t\ufeff").startswith(prefixes) for s in starts)
    assert (_line_start_screen(prefixes).search(text) is not None) == by_line
