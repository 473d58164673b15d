"""Every rule's examples and must-not-change cases, from its data file and its metadata.

Cases live in ``src/mtclean/data/rules/<rule>.tsv`` (and a rule's own
``examples=``/``keeps=``); adding a rule with its data file adds its tests.
"""

from __future__ import annotations

import pytest

import mtclean
from mtclean.rule import Context
from mtclean.rule_data import rule_cases, rules_with_cases

RULES = {r.name: r for r in mtclean.DEFAULT_RULES}


def _cases():
    out = []
    for rule in mtclean.DEFAULT_RULES:
        for c in rule_cases(rule.name):
            out.append(pytest.param(rule.name, c.kind, c.lang, c.text, c.expected, id=f"{rule.name}:{c.line}"))
        langs = sorted(rule.languages) if rule.languages else ["en"]
        lang = "en" if "en" in langs else langs[0]
        for i, (before, after) in enumerate(rule.examples):
            out.append(pytest.param(rule.name, "fix", lang, before, after, id=f"{rule.name}:example{i}"))
        for i, keep in enumerate(rule.keeps):
            out.append(pytest.param(rule.name, "keep", lang, keep, "", id=f"{rule.name}:keep{i}"))
    return out


def _apply(rule, text: str, lang: str) -> str:
    if not rule.applies_to(lang):
        return text
    return mtclean.apply_edits(text, rule.edits(text, Context(lang)))


@pytest.mark.parametrize("name, kind, lang, text, expected", _cases())
def test_rule_case(name, kind, lang, text, expected):
    rule = RULES[name]
    if kind == "fix":
        assert rule.applies_to(lang), f"{name} example in {lang}, a language the rule does not cover"
        assert _apply(rule, text, lang) == expected
        # An example must hold through the default pipeline too, unless other
        # rules legitimately repair more of it: at least this rule's change.
        assert mtclean.normalize(text, lang=lang) != text
    else:
        assert _apply(rule, text, lang) == text
        # A keep is correct text: the whole pipeline leaves it byte-identical.
        assert mtclean.normalize(text, lang=lang) == text


@pytest.mark.parametrize("rule", mtclean.DEFAULT_RULES, ids=lambda r: r.name)
def test_every_rule_has_examples_and_keeps(rule):
    kinds = {c.kind for c in rule_cases(rule.name)}
    if rule.examples:
        kinds.add("fix")
    if rule.keeps:
        kinds.add("keep")
    if rule.kind != "repair":
        kinds.add("fix")  # a finding proposes no repair
    assert {"fix", "keep"} <= kinds, f"{rule.name} needs at least one example and one keep"


def test_data_files_name_real_rules():
    assert set(rules_with_cases()) <= set(RULES)


def test_rules_doc_is_generated_from_the_metadata():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "gen_rules_doc.py"
    spec = importlib.util.spec_from_file_location("gen_rules_doc", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0, "docs/rules.md is out of date: python scripts/gen_rules_doc.py"
