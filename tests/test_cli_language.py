"""The command line's language: detected once per input, not per paragraph.

Run as a real subprocess (``python -m mtclean``), like tests/test_cli.py.
The texts are invented. What each line must become follows from the rules'
languages: ``restore_name_case`` is English-only, ``fix_space_before_punctuation``
runs for spaced languages but not for ``und``, and French keeps its space
before ``?`` and ``!``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from mtclean.language import detect_language, document_language, language_in_document


def run(*args: str | Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtclean", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def languages(stderr: bytes) -> dict[str, int]:
    """The ``paragraphs per language`` (or records) block of ``--stats``."""
    err = stderr.decode()
    block = re.search(r"(?:paragraphs|records) per language[^\n]*\n((?:  +\d+  \S+\n)*)", err)
    assert block, err
    return {lang: int(n) for n, lang in re.findall(r"(\d+)  (\S+)", block.group(1))}


# Short English lines, each too short (or too name-heavy) to be detected alone.
SHORT_EN = ["Harbour notes", "mayor met putin", "biden met macron", "Rivne , Lutsk"]
SHORT_EN_FIXED = ["Harbour notes", "mayor met Putin", "Biden met macron", "Rivne, Lutsk"]
LONG_EN = [
    "The ferry was late again this morning, and the passengers waited on the quay for more than an hour "
    "before anyone told them why.",
    "The harbour master said that the engine had been repaired overnight and that the boat would run on "
    "time for the rest of the week.",
]
FRENCH = (
    "Le conseil municipal a voté mardi soir le nouveau budget de la ville, après un long débat sur le prix "
    "des transports et sur les travaux du port. Les habitants pourront-ils enfin prendre le bus le dimanche ? "
    "Le maire a répondu que oui, à partir du mois de mai !"
)
SHORT_DE = ["Hafenbericht", "Nachrichten aus kyiv", "Die Fähre kam heute wieder zu spät.",
            "Am Montag regnet es, sagt der Wetterdienst."]


def paragraphs(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def test_the_premises_hold_for_paragraphs_alone():
    # Alone, the short lines are undetermined or taken for another language.
    assert [detect_language(t) for t in SHORT_EN] != ["en"] * len(SHORT_EN)
    assert "en" not in {detect_language("mayor met putin"), detect_language("biden met macron")}
    assert detect_language(FRENCH) == "fr" and len(FRENCH) >= 200


def test_short_english_lines_get_the_english_rules(tmp_path):
    f = write(tmp_path, "a.txt", paragraphs(SHORT_EN + LONG_EN[:1]))
    r = run("--stats", f)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == paragraphs(SHORT_EN_FIXED + LONG_EN[:1])
    assert languages(r.stderr) == {"en": 5}
    # The old behaviour, per paragraph: the short lines keep their damage.
    old = run("--detect-per-paragraph", "--stats", f)
    assert old.stdout.decode() == paragraphs(SHORT_EN + LONG_EN[:1])
    assert languages(old.stderr).get("en", 0) < 5


def test_a_file_of_short_lines_shorter_than_the_sample_is_one_language(tmp_path):
    # The whole file is the sample (it ends before 2,000 characters).
    f = write(tmp_path, "a.txt", paragraphs(["Road notes", "Rivne , Lutsk", "The bus left at six and we reached the town."]))
    assert run(f).stdout.decode() == paragraphs(["Road notes", "Rivne, Lutsk", "The bus left at six and we reached the town."])


def test_a_german_file_stays_german(tmp_path):
    f = write(tmp_path, "de.txt", paragraphs(SHORT_DE))
    r = run("--stats", f)
    assert r.returncode == 0
    # No English rule: "kyiv" is not given the English capital.
    assert r.stdout.decode() == paragraphs(SHORT_DE)
    assert languages(r.stderr) == {"de": 4}
    assert run("--lang", "en", f).stdout.decode() != paragraphs(SHORT_DE)


def test_each_input_has_its_own_language(tmp_path):
    en = write(tmp_path, "en.txt", paragraphs(SHORT_EN + LONG_EN))
    de = write(tmp_path, "de.txt", paragraphs(SHORT_DE))
    r = run("--stats", en, de)
    assert r.stdout.decode() == paragraphs(SHORT_EN_FIXED + LONG_EN) + paragraphs(SHORT_DE)
    assert languages(r.stderr) == {"en": 6, "de": 4}


def test_a_long_french_paragraph_in_an_english_file_stays_french(tmp_path):
    lines = SHORT_EN[:3] + LONG_EN + [FRENCH, SHORT_EN[3]]
    f = write(tmp_path, "mixed.txt", paragraphs(lines))
    r = run("--stats", f)
    assert r.returncode == 0
    # English repairs on the English lines; the French spaces before ? and ! are kept.
    assert r.stdout.decode() == paragraphs(SHORT_EN_FIXED[:3] + LONG_EN + [FRENCH, SHORT_EN_FIXED[3]])
    assert languages(r.stderr) == {"en": 6, "fr": 1}


def test_a_short_french_line_takes_the_files_language():
    # Under 200 characters: the file's language, whatever it looks like alone.
    assert language_in_document("Le maire a répondu que oui !", "en") == "en"
    assert language_in_document(FRENCH, "en") == "fr"
    assert language_in_document(FRENCH, "fr") == "fr"
    assert language_in_document(" ".join(LONG_EN), "de") == "en"


def test_document_language_votes_when_the_joint_sample_is_unclear():
    pieces = SHORT_EN[:3] + LONG_EN + [FRENCH, SHORT_EN[3]]
    assert document_language(pieces) == "en"
    assert document_language(SHORT_DE) == "de"
    assert document_language(["Rivne", "Lutsk"]) == "und"


def test_an_undetermined_file_is_detected_per_paragraph(tmp_path):
    # Names only: the sample says nothing, so each paragraph is on its own.
    f = write(tmp_path, "names.txt", paragraphs(["Rivne", "Lutsk , Sumy"]))
    r = run("--stats", f)
    assert r.stdout.decode() == paragraphs(["Rivne", "Lutsk , Sumy"])
    assert languages(r.stderr) == {"und": 2}


def test_jsonl_records_take_the_files_language(tmp_path):
    texts = SHORT_EN + LONG_EN
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)]
    lines.insert(2, json.dumps({"id": "x", "text": None}))  # passed through, not counted
    f = write(tmp_path, "d.jsonl", "\n".join(lines) + "\n")
    r = run("--jsonl", "--field", "text", "--stats", f)
    assert r.returncode == 0, r.stderr
    fixed = [json.dumps({"id": i, "text": t}) for i, t in enumerate(SHORT_EN_FIXED + LONG_EN)]
    fixed.insert(2, lines[2])
    assert r.stdout.decode() == "\n".join(fixed) + "\n"
    assert languages(r.stderr) == {"en": 6}
    old = run("--jsonl", "--field", "text", "--detect-per-paragraph", f)
    assert old.stdout.decode() == "\n".join(lines) + "\n"


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path):
    # Enough paragraphs for several batches of 64 on each worker, and a second file.
    block = SHORT_EN[:3] + LONG_EN + [FRENCH, SHORT_EN[3]]
    f = write(tmp_path, "mixed.txt", paragraphs(block * 40))
    g = write(tmp_path, "de.txt", paragraphs(SHORT_DE * 30))
    one, two = run("--stats", "-j", "1", f, g), run("--stats", "-j", "2", f, g)
    assert one.returncode == two.returncode == 0
    fixed = SHORT_EN_FIXED[:3] + LONG_EN + [FRENCH, SHORT_EN_FIXED[3]]
    assert two.stdout == one.stdout == (paragraphs(fixed * 40) + paragraphs(SHORT_DE * 30)).encode()
    assert languages(one.stderr) == languages(two.stderr) == {"en": 240, "fr": 40, "de": 120}
    ex1, ex2 = run("--format", "json", "-j", "1", f, g), run("--format", "json", "-j", "2", f, g)
    assert ex1.stdout == ex2.stdout and ex1.stdout.count(b"\n") == 3 * 40
    records = [json.dumps({"text": t}) for t in block * 40]
    h = write(tmp_path, "d.jsonl", "\n".join(records) + "\n")
    j1, j2 = run("--jsonl", "--field", "text", "-j", "1", h), run("--jsonl", "--field", "text", "-j", "2", h)
    assert j1.stdout == j2.stdout and j1.stdout.count(b"Putin") == 40


def test_an_error_while_reading_ahead_on_stdin_keeps_what_came_before():
    # Streamed input: the paragraphs read before invalid UTF-8 are written, as without read-ahead.
    data = paragraphs(SHORT_EN + LONG_EN[:1]).encode() + b"\ncaf\xe9\n"
    r = run(stdin=data)
    assert r.returncode == 2
    assert r.stdout.decode() == paragraphs(SHORT_EN_FIXED + LONG_EN[:1]) + "\n"
    assert "invalid UTF-8" in r.stderr.decode()


def test_detect_per_paragraph_goes_without_lang(tmp_path):
    r = run("--lang", "en", "--detect-per-paragraph", stdin=b"x\n")
    assert r.returncode == 2 and b"--detect-per-paragraph" in r.stderr
