"""The pipeline's language decision keeps normalize idempotent.

When the language was detected (not given), the pipeline detects again on
its output and, if that differs, runs the new language's rules too: a
second call, which would detect on the output, then finds nothing to do.
"""

from __future__ import annotations

import pytest

import mtclean


@pytest.mark.parametrize("text", ["a.â€\x9du", "i&quot;H", "cafÃ© the the end"])
def test_idempotent_when_repair_changes_the_detected_language(text):
    once = mtclean.normalize(text)
    assert mtclean.normalize(once) == once


def test_explanation_reports_the_language_the_output_was_checked_in():
    r = mtclean.explain("a.â€\x9du")
    assert r.lang == mtclean.detect_language(r.text)
    assert mtclean.apply_edits("a.â€\x9du", r.edits) == r.text


def test_given_language_is_kept():
    r = mtclean.explain("a.â€\x9du", lang="fr")
    assert r.lang == "fr"
