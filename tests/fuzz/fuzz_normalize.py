#!/usr/bin/env python3
"""atheris harness: coverage-guided fuzzing of normalize / explain.

Run (see README.md in this folder)::

    pip install -e '.[fuzz]'
    nice -n 10 python tests/fuzz/fuzz_normalize.py -max_total_time=600 -max_len=2000 tests/fuzz/corpus

Each input is decoded into a text (arbitrary code points, lone surrogates
included, or UTF-8 bytes read leniently) and a language (en, detected, de,
fr, es, ru), and must satisfy the properties of ``tests/hostile_text.py``:
no exception, idempotent, explain's edits rebuild the output, a non-blank
text never comes back blank. A failure raises, which atheris reports with
the crashing input saved as ``crash-*``; turn it into a regression case in
``tests/test_hostile.py``.

This file is not collected by pytest (its name does not start with
``test_``) and imports atheris only when run.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent / "src"))

LANGS = ("en", None, "de", "fr", "es", "ru")


def one_input(data: bytes) -> None:
    import atheris

    from hostile_text import check

    fdp = atheris.FuzzedDataProvider(data)
    lang = LANGS[fdp.ConsumeIntInRange(0, len(LANGS) - 1)]
    if fdp.ConsumeBool():
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
    else:
        text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "replace")
    failures = check(text, lang)
    if failures:
        raise AssertionError(f"{failures} for lang={lang!r} on {text!r}")


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import mtclean  # noqa: F401
        import hostile_text  # noqa: F401
    import mtclean as _m

    _m.normalize("warm up the the cafÃ© &amp;", lang="en")  # load the lexicon before fuzzing
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
