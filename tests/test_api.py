"""The public API: normalize, explain, pipelines, and the contracts around them."""

from __future__ import annotations

import doctest
import functools
import importlib
import multiprocessing
import dataclasses
import pickle
import pkgutil
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

import mtclean
import mtclean.rules
from mtclean import (
    DEFAULT_RULES,
    Edit,
    Pipeline,
    Rule,
    apply_edits,
    default_pipeline,
    explain,
    make_pipeline,
    normalize,
    rule_from_function,
    rule_names,
)
from mtclean.rules import fix_space_before_punctuation, remove_doubled_words, split_glued_words

# Texts with several artifacts each, and correct texts.
DIRTY = [
    "Vladimir PutinPutin met kyiv&apos;s envoy in the the Kursk regionbordering Ukraine.",
    "Here is the translation:\n\nANDThe army , said no .It was cafÃ© time for months.said the official.",
    "But for now, The incursion in the region in the region in the region went on, whereby It is unclear.",
    "the transl@@ ation of 28 localitiesaccording to him “including 10 children”according to Smirnov.",
    "\u2581The \u2581cat \u2581sat\nAT&amp;T said &quot;no&quot;\r\nin Ukraine. where little by little",
]
CLEAN = [
    "Correct text passes through unchanged.",
    "The U.S. economy grew 3.5% in 2023, e.g. in Ohio; see https://example.com/a.b at 10:30.",
    "She had had enough of that that day in Bora Bora, said Lang Lang.",
    "“Quoted,” he said — café, naïve, ﬁne, ＡＢＣ, non\u00a0breaking.\r\nNext line.",
]


def shout_kyiv(text: str) -> str:
    """A custom str -> str normalizer (module level, so it pickles)."""
    return text.replace("Kyiv", "KYIV")


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(b"PutinPutin", "bytes"), (None, "NoneType"), (bytearray(b"x"), "bytearray"), (42, "int"), (["a"], "list")],
)
@pytest.mark.parametrize(
    "call",
    [
        normalize,
        explain,
        default_pipeline(),
        lambda v: default_pipeline().explain(v),
        remove_doubled_words,
        split_glued_words,
    ],
    ids=["normalize", "explain", "Pipeline.__call__", "Pipeline.explain", "remove_doubled_words", "split_glued_words"],
)
def test_non_str_raises_type_error_naming_types(call, value, type_name):
    with pytest.raises(TypeError) as info:
        call(value)
    message = str(info.value)
    assert type_name in message
    assert "str" in message.replace(type_name, "")


def test_bytes_message_suggests_decoding():
    with pytest.raises(TypeError, match="decode"):
        normalize(b"caf\xc3\xa9")


def test_str_subclass_is_accepted():
    class MyStr(str):
        pass

    assert normalize(MyStr("the the cat"), lang="en") == "the cat"


def test_empty_string():
    assert normalize("") == ""
    result = explain("")
    assert result.text == "" and result.edits == []
    for fn in _public_normalizers():
        assert fn("") == ""


@pytest.mark.parametrize("text", CLEAN, ids=lambda s: s[:30])
def test_clean_text_is_identical(text):
    assert normalize(text) == text
    assert explain(text).edits == []


# ---------------------------------------------------------------- explain


@pytest.mark.parametrize("text", DIRTY + CLEAN, ids=lambda s: s[:30])
def test_explain_edits_reproduce_output(text):
    result = explain(text)
    assert result.text == normalize(text)
    assert apply_edits(text, result.edits) == result.text
    last_end = -1
    for e in result.edits:
        assert isinstance(e, Edit)
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start:e.end] == e.before, e  # offsets index the ORIGINAL text
        assert e.before != e.after
        assert e.start >= last_end, "edits must be sorted and non-overlapping"
        last_end = e.end
        assert all(part in rule_names() for part in e.rule.split("+")), e.rule


def test_explain_names_the_rules():
    result = explain("Vladimir PutinPutin met kyiv&apos;s envoy in the the Kursk regionbordering Ukraine.")
    assert {part for e in result.edits for part in e.rule.split("+")} >= {
        "dedupe_glued_names",
        "unescape_entities",
        "remove_doubled_words",
        "split_glued_words",
        "restore_name_case",
    }
    assert result.text == "Vladimir Putin met Kyiv's envoy in the Kursk region bordering Ukraine."


def test_explanation_unpacks():
    fixed, edits = explain("the the cat", lang="en")
    assert fixed == "the cat"
    assert [(e.rule, e.start, e.end, e.before, e.after) for e in edits] == [("remove_doubled_words", 3, 7, " the", "")]


def test_edit_to_dict():
    e = Edit("split_glued_words", 10, 25, "regionbordering", "region bordering", 0.8, ("both halves frequent",), "glue")
    assert e.to_dict() == {
        "rule": "split_glued_words",
        "category": "glue",
        "confidence": 0.8,
        "evidence": ["both halves frequent"],
        "start": 10,
        "end": 25,
        "before": "regionbordering",
        "after": "region bordering",
    }


@pytest.mark.parametrize("lang", ["en", "EN", "en-US", "en_GB"])
def test_language_codes_are_normalised(lang):
    result = explain("the the cat", lang=lang)
    assert result.lang == "en"
    assert result.text == "the cat"


# ---------------------------------------------------------------- disable


def test_rule_names_match_default_rules():
    names = rule_names()
    assert names == [r.name for r in DEFAULT_RULES] == default_pipeline().names
    assert len(set(names)) == len(names)


def test_disable_one_rule():
    text = "the the Kursk regionbordering"
    assert normalize(text, lang="en") == "the Kursk region bordering"
    assert normalize(text, lang="en", disable=["remove_doubled_words"]) == "the the Kursk region bordering"
    assert normalize(text, lang="en", disable=["split_glued_words"]) == "the Kursk regionbordering"
    assert explain(text, lang="en", disable=["split_glued_words"]).text == "the Kursk regionbordering"
    assert default_pipeline(disable=["split_glued_words"])(text, lang="en") == "the Kursk regionbordering"


def test_disable_everything_is_identity():
    for text in DIRTY:
        assert normalize(text, disable=rule_names()) == text


@pytest.mark.parametrize(
    "call",
    [
        lambda: normalize("x", disable=["no_such_rule"]),
        lambda: explain("x", disable=["no_such_rule"]),
        lambda: default_pipeline(disable=["no_such_rule"]),
        lambda: default_pipeline().without("split_glued_words", "no_such_rule"),
        lambda: normalize("x", disable=["split_glued_word"]),  # a typo is not silently ignored
    ],
)
def test_unknown_rule_name_raises_value_error(call):
    with pytest.raises(ValueError, match="no_such_rule|split_glued_word"):
        call()


def test_disable_with_custom_pipeline():
    p = make_pipeline(remove_doubled_words, fix_space_before_punctuation)
    assert normalize("the the cat .", pipeline=p, lang="en") == "the cat."
    assert normalize("the the cat .", pipeline=p, lang="en", disable=["remove_doubled_words"]) == "the the cat."
    with pytest.raises(ValueError):
        normalize("x", pipeline=p, disable=["split_glued_words"])


# ---------------------------------------------------------------- pipelines


def test_make_pipeline_with_builtin_normalizers():
    p = make_pipeline(remove_doubled_words, fix_space_before_punctuation)
    assert p.names == ["remove_doubled_words", "fix_space_before_punctuation"]
    assert p("It is the the best , they said .", lang="en") == "It is the best, they said."


def test_make_pipeline_with_custom_function():
    p = make_pipeline(mtclean.rules.restore_name_case, shout_kyiv, lang="en")
    assert p.names == ["restore_name_case", "shout_kyiv"]
    text = "troops from kyiv arrived"
    assert p(text) == "troops from KYIV arrived"
    result = p.explain(text)
    assert apply_edits(text, result.edits) == result.text
    assert {e.rule for e in result.edits} == {"restore_name_case+shout_kyiv"}


def test_make_pipeline_with_rules_and_lambdas():
    strip = rule_from_function(str.strip, name="strip")
    p = make_pipeline(strip, lambda s: s.replace("  ", " "), Rule("noop", lambda text, ctx: []))
    assert p("  a  b  ") == "a b"
    assert p.names == ["strip", "<lambda>", "noop"]


def test_rule_from_function_languages():
    r = rule_from_function(shout_kyiv, name="shout", languages=["en"])
    p = make_pipeline(r)
    assert p("Kyiv", lang="en") == "KYIV"
    assert p("Kyiv", lang="de") == "Kyiv"


def test_with_rule_after_and_before():
    base = default_pipeline()
    p = base.with_rule(shout_kyiv, after="restore_name_case")
    names = p.names
    assert names.index("shout_kyiv") == names.index("restore_name_case") + 1
    assert p("troops from kyiv arrived", lang="en") == "troops from KYIV arrived"
    # Before restore_name_case, the lower-case kyiv is not yet "Kyiv" (in a
    # single pass; the default pipeline repeats until nothing changes).
    q = dataclasses.replace(base.with_rule(shout_kyiv, before="restore_name_case"), passes=1)
    assert q.names.index("shout_kyiv") == q.names.index("restore_name_case") - 1
    assert q("troops from kyiv arrived", lang="en") == "troops from Kyiv arrived"
    assert dataclasses.replace(q, passes=3)("troops from kyiv arrived", lang="en") == "troops from KYIV arrived"
    # At the end by default; the original pipeline is unchanged.
    assert base.with_rule(shout_kyiv).names[-1] == "shout_kyiv"
    assert base.names == rule_names()
    with pytest.raises(ValueError):
        base.with_rule(shout_kyiv, after="no_such_rule")


def test_without_returns_a_copy():
    base = default_pipeline()
    smaller = base.without("split_glued_words")
    assert "split_glued_words" not in smaller.names
    assert base.names == rule_names()
    assert len(smaller.names) == len(base.names) - 1


def test_rules_declare_their_languages():
    for rule in DEFAULT_RULES:
        assert rule.description, rule.name
        if rule.languages is not None:
            assert isinstance(rule.languages, frozenset) and rule.languages, rule.name
            assert all(re.fullmatch(r"[a-z]{2,3}", code) for code in rule.languages), rule.name
    by_name = {r.name: r for r in DEFAULT_RULES}
    for name in ["split_glued_words", "restore_name_case", "lower_midsentence_capitals"]:
        assert not by_name[name].applies_to("de"), name
    # Doubled words and loops: every spaced language whose legitimate doubles are listed.
    for name in ["remove_doubled_words", "remove_repetition_loops"]:
        assert by_name[name].applies_to("de") and by_name[name].applies_to("uk"), name
        assert not by_name[name].applies_to("ja") and not by_name[name].applies_to("und"), name
    assert by_name["fix_space_before_punctuation"].applies_to("fr")  # with French spacing kept
    assert by_name["fix_mojibake"].applies_to("de") and by_name["fix_mojibake"].applies_to("ja")


# ---------------------------------------------------------------- pickling, processes, threads


def _pipelines() -> dict[str, Pipeline]:
    return {
        "default": default_pipeline(),
        "without": default_pipeline(disable=["split_glued_words"]),
        "builtin": make_pipeline(remove_doubled_words, fix_space_before_punctuation, lang="en"),
        "custom": make_pipeline(mtclean.rules.restore_name_case, shout_kyiv, lang="en"),
        "with_rule": default_pipeline().with_rule(shout_kyiv, after="restore_name_case"),
        "partial": default_pipeline().with_rule(functools.partial(re.sub, r"\bKursk\b", "KURSK")),
    }


@pytest.mark.parametrize("name", list(_pipelines()))
def test_pipelines_pickle(name):
    p = _pipelines()[name]
    q = pickle.loads(pickle.dumps(p))
    assert q.names == p.names
    for text in DIRTY + CLEAN:
        assert q(text) == p(text)
        assert q.explain(text).edits == p.explain(text).edits


def test_edits_and_explanations_pickle():
    result = explain(DIRTY[0])
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert pickle.loads(pickle.dumps(result.edits[0])) == result.edits[0]


def test_pipeline_in_spawned_process_pool():
    pipelines = _pipelines()
    # Module-level functions of a test module may not be importable in a
    # spawned child; stdlib callables always are.
    portable = [pipelines["default"], pipelines["builtin"], pipelines["partial"]]
    texts = DIRTY + CLEAN
    expected = [[p(t) for t in texts] for p in portable]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        got = [pool.map(p, texts) for p in portable]
        got_module_level = pool.map(normalize, texts)
    assert got == expected
    assert got_module_level == expected[0]


def test_pipeline_from_several_threads():
    mtclean.get_lexicon.cache_clear()  # first use of the lexicon happens concurrently
    p = default_pipeline()
    texts = (DIRTY + CLEAN) * 10
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(p, texts))
        got_normalize = list(pool.map(normalize, texts))
    expected = [p(t) for t in texts]
    assert got == expected
    assert got_normalize == expected


def test_lexicon_loaded_once_under_concurrent_first_use(monkeypatch):
    import mtclean.lexicon as lexicon_module

    loads = []
    original = lexicon_module._load_table

    def counting(lang):
        loads.append(lang)
        return original(lang)

    monkeypatch.setattr(lexicon_module, "_load_table", counting)
    mtclean.get_lexicon.cache_clear()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda t: normalize(t, lang="en"), ["troops from kyiv in the regionbordering"] * 8))
    finally:
        monkeypatch.undo()
        mtclean.get_lexicon.cache_clear()
    assert loads.count("en") == 1


# ---------------------------------------------------------------- normalizers, docs, doctests


def _public_normalizers():
    return [
        getattr(mtclean.rules, name)
        for name in mtclean.rules.__all__
        if name.islower() and callable(getattr(mtclean.rules, name))
    ]


def test_every_default_rule_has_a_public_normalizer():
    names = {fn.__name__ for fn in _public_normalizers()}
    # Findings report and never change text: they have no normalizer.
    assert names == {r.name for r in mtclean.DEFAULT_RULES if r.kind == "repair"}


@pytest.mark.parametrize(
    "fn",
    _public_normalizers(),
    ids=lambda f: getattr(f, "__name__", str(f)),
)
def test_public_normalizer_documented_and_standalone(fn):
    assert fn.__doc__ and ">>>" in fn.__doc__, f"{fn.__name__} needs a docstring with an example"
    assert fn.rule.name == fn.__name__
    assert fn.rule in DEFAULT_RULES
    # Standalone: usable without a pipeline, on clean text and in another language.
    for text in CLEAN:
        assert fn(text) == text
        assert fn(text, lang="de") == text
    # The docstring's own examples hold when the function runs alone.
    parser = doctest.DocTestParser()
    test = parser.get_doctest(fn.__doc__, {fn.__name__: fn}, fn.__name__, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def _package_modules() -> list[str]:
    names = ["mtclean"]
    for info in pkgutil.walk_packages(mtclean.__path__, "mtclean."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return sorted(names)


def test_package_modules_found():
    mods = _package_modules()
    assert "mtclean.rules" in mods and "mtclean.rules.casing" in mods and "mtclean.edits" in mods


@pytest.mark.parametrize(
    "module_name",
    _package_modules(),
)
def test_module_doctests(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} doctest failure(s) in {module_name}"
