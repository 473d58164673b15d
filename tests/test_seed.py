"""The seed article: every artifact repaired, every other character unchanged.

``tests/fixtures/kursk_expected_fixes.json`` lists each artifact (``bad``)
and its acceptable repairs (``good``). The check is the one an external
checker would make: one regex of the whole article, literal everywhere
except at the artifacts, where it allows exactly the listed repairs; the
output must ``fullmatch`` it.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

import mtclean

ROOT = Path(__file__).resolve().parent.parent
# newline="" keeps the file's line breaks exactly as stored.
ARTICLE = (ROOT / "examples" / "kursk_article.txt").open(encoding="utf-8", newline="").read()
FIXES = json.loads((ROOT / "tests" / "fixtures" / "kursk_expected_fixes.json").read_text(encoding="utf-8"))["fixes"]


def _occurrences() -> list[tuple[int, int, dict]]:
    """(start, end, fix) for every occurrence of every ``bad`` string, sorted."""
    spans = []
    for fix in FIXES:
        found = [m.start() for m in re.finditer(re.escape(fix["bad"]), ARTICLE)]
        assert found, f"fixture bad string not in the article: {fix['bad']!r}"
        spans += [(s, s + len(fix["bad"]), fix) for s in found]
    spans.sort(key=lambda s: s[0])
    for (s1, e1, f1), (s2, e2, f2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"fixture artifacts overlap: {f1['bad']!r} and {f2['bad']!r}"
    return spans


OCCURRENCES = _occurrences()


def _alternatives(strings: list[str]) -> str:
    # Longest first, so that a prefix never wins over the full alternative.
    return "(?:" + "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True)) + ")"


def build_pattern(*, lenient: bool = False) -> re.Pattern[str]:
    """The article as a regex. ``lenient`` also accepts the unrepaired artifact
    and captures each artifact in a group ``a<i>``, for per-artifact reports."""
    parts = []
    pos = 0
    for i, (start, end, fix) in enumerate(OCCURRENCES):
        parts.append(re.escape(ARTICLE[pos:start]))
        if lenient:
            parts.append(f"(?P<a{i}>{_alternatives([fix['bad'], *fix['good']])})")
        else:
            parts.append(_alternatives(fix["good"]))
        pos = end
    parts.append(re.escape(ARTICLE[pos:]))
    return re.compile("".join(parts))


@pytest.fixture(scope="module")
def output() -> str:
    return mtclean.normalize(ARTICLE)


def _diff(a: str, b: str) -> str:
    return "\n".join(
        difflib.unified_diff(a.splitlines(), b.splitlines(), "article", "normalized", lineterm="", n=0)
    )


def test_seed_article_fullmatch(output):
    """The checker's test: all repairs made, nothing else touched."""
    assert build_pattern().fullmatch(output), "output does not match the expected repairs:\n" + _diff(ARTICLE, output)


def test_seed_no_damage_outside_artifacts(output):
    """Every character outside the listed artifacts is unchanged."""
    assert build_pattern(lenient=True).fullmatch(output), (
        "text outside the listed artifacts changed:\n" + _diff(ARTICLE, output)
    )


@pytest.mark.parametrize(
    "index",
    range(len(OCCURRENCES)),
    ids=[f"{i}-{fix['kind'].replace(' ', '_')}-{fix['bad'][:25]!r}" for i, (_, _, fix) in enumerate(OCCURRENCES)],
)
def test_seed_artifact_repaired(output, index):
    start, _, fix = OCCURRENCES[index]
    m = build_pattern(lenient=True).fullmatch(output)
    if m is None:
        pytest.skip("text outside the artifacts changed; see test_seed_no_damage_outside_artifacts")
    got = m.group(f"a{index}")
    assert got in fix["good"], (
        f"{fix['kind']} at offset {start}: {fix['bad']!r} became {got!r}; expected one of {fix['good']!r}"
    )


def test_seed_explain_reproduces_output(output):
    result = mtclean.explain(ARTICLE)
    assert result.lang == "en"
    assert result.text == output
    assert mtclean.apply_edits(ARTICLE, result.edits) == output
    for e in result.edits:
        assert ARTICLE[e.start:e.end] == e.before


def test_seed_is_idempotent(output):
    assert mtclean.normalize(output) == output


def test_seed_repaired_article_passes_through_unchanged():
    """The article with the first listed repair applied is correct text:
    it must come back byte-identical."""
    pieces, pos = [], 0
    for start, end, fix in OCCURRENCES:
        pieces += [ARTICLE[pos:start], fix["good"][0]]
        pos = end
    pieces.append(ARTICLE[pos:])
    clean = "".join(pieces)
    assert mtclean.normalize(clean) == clean, _diff(clean, mtclean.normalize(clean))


def test_seed_crlf_line_breaks_preserved(output):
    crlf = ARTICLE.replace("\n", "\r\n")
    assert mtclean.normalize(crlf) == output.replace("\n", "\r\n")
