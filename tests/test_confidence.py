"""Confidence, evidence, suggestions, thresholds and categories on every edit."""

from __future__ import annotations

import pickle

import pytest

import mtclean
from mtclean import Candidate, Context, Rule, apply_edits, explain, make_pipeline, normalize
from mtclean.edits import Edit, compose_edits


def _sure_and_unsure(text, ctx):
    # "x" is surely wrong, "y" only maybe.
    for i, c in enumerate(text):
        if c == "x":
            yield Candidate(i, i + 1, "", 0.99, ("x never belongs",))
        elif c == "y":
            yield Candidate(i, i + 1, "", 0.3, ("y rarely belongs",))


RULE = Rule("drop_xy", _sure_and_unsure, None, "test rule", category="residue", threshold=0.5)


def test_threshold_decides_what_is_applied():
    p = make_pipeline(RULE)
    assert p("axbyc") == "abyc"
    r = p.explain("axbyc", suggestions=True)
    assert [(e.before, e.confidence, e.evidence, e.category) for e in r.edits] == [
        ("x", 0.99, ("x never belongs",), "residue")
    ]
    assert [(e.start, e.before, e.after, e.confidence) for e in r.suggestions] == [(3, "y", "", 0.3)]
    # Suggestions are never applied, and are in the original's coordinates.
    assert apply_edits("axbyc", r.edits) == r.text


def test_suggestions_off_by_default():
    assert make_pipeline(RULE).explain("ay").suggestions == []


def test_min_confidence_per_call_and_per_rule():
    p = make_pipeline(RULE)
    assert p("axbyc", min_confidence=0.2) == "abc"
    assert p("axbyc", min_confidence=1.0) == "axbyc"
    strict = p.configured(thresholds={"drop_xy": 0.995})
    assert strict("axbyc") == "axbyc"
    assert pickle.loads(pickle.dumps(strict))("axbyc") == "axbyc"
    with pytest.raises(ValueError):
        p.configured(thresholds={"no_such_rule": 0.5})
    with pytest.raises(ValueError):
        p("ax", min_confidence=1.5)
    with pytest.raises(TypeError):
        p("ax", min_confidence="high")


def test_builtin_rules_report_confidence_and_category():
    r = explain("the the cat", lang="en")
    (e,) = r.edits
    assert 0.0 < e.confidence <= 1.0
    assert e.category == "doubling"
    assert normalize("the the cat", lang="en", min_confidence=1.0) == "the the cat"


def test_merged_edits_keep_the_least_confidence_and_all_evidence():
    original = "ab"
    first = [Edit("r1", 1, 2, "b", "BB", 0.9, ("one",), "casing")]
    current = apply_edits(original, first)
    second = [Edit("r2", 0, 1, "a", "", 0.7, ("two",), "residue")]
    (merged,) = compose_edits(original, first, current, second)
    assert merged.rule == "r1+r2"
    assert merged.confidence == 0.7
    assert merged.evidence == ("one", "two")
    assert merged.category == "casing+residue"


def test_disable_by_category():
    p = mtclean.default_pipeline(disable=["casing"])
    assert "restore_name_case" not in p.names and "lower_midsentence_capitals" not in p.names
    assert normalize("kyiv troops, the the end", lang="en", disable=["doubling"]) != "Kyiv troops, the end"
    with pytest.raises(ValueError):
        mtclean.default_pipeline(disable=["no_such_family"])


def test_every_default_rule_has_a_known_category():
    for rule in mtclean.DEFAULT_RULES:
        assert rule.category in mtclean.CATEGORIES, rule.name


@pytest.mark.parametrize("bad", [5, 1.0, b"en", ["en"]])
def test_lang_must_be_a_string(bad):
    with pytest.raises(TypeError):
        normalize("x", lang=bad)


@pytest.mark.parametrize("bad", ["  ", "", "english!", "e"])
def test_lang_must_be_a_code(bad):
    with pytest.raises(ValueError):
        normalize("x", lang=bad)


def test_region_subtags_accepted():
    assert explain("the the cat", lang="EN_gb").lang == "en"


def test_str_subclass_comes_back_as_str():
    class Mine(str):
        pass

    out = normalize(Mine("the the cat"), lang="en")
    assert type(out) is str and out == "the cat"
    clean = normalize(Mine("Fine text."), lang="en")
    assert type(clean) is str


def test_normalize_many_rejects_a_single_string():
    with pytest.raises(TypeError):
        list(mtclean.normalize_many("the the cat"))


def test_context_threshold_order():
    ctx = Context("en", min_confidence=0.8, thresholds={"drop_xy": 0.1})
    assert ctx.threshold(RULE) == 0.1
    assert Context("en", min_confidence=0.8).threshold(RULE) == 0.8
    assert Context("en").threshold(RULE) == 0.5
