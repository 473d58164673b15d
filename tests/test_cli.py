"""The ``mtclean`` command line, run as a real subprocess (``python -m mtclean``).

Expectations are derived from what the repair of each artifact must be, not
copied from a run of the code.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mtclean
from mtclean.cli import line_column, line_starts, main

GLUED = "Vladimir PutinPutin vowed on Monday."
GLUED_FIXED = "Vladimir Putin vowed on Monday."
DOUBLED = "the the cat"
DOUBLED_FIXED = "the cat"
# Plain, correct prose: CRLF line endings, a non-ASCII letter, no final newline.
CLEAN = "The committee met in Zürich on Tuesday.\r\nIt approved the budget for next year.\r\nNo other changes were made."

EXPLAIN_LINE = re.compile(
    r"^(?P<file>.*):(?P<line>\d+):(?P<col>\d+): (?P<rule>[\w+]+): "
    r"(?P<before>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") -> (?P<after>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")$"
)


def run(*args: str | Path, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mtclean", *map(str, args)],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def parse_explain(stdout: bytes) -> list[dict]:
    """Rows of ``--format json`` output (one JSON object per edit)."""
    rows = []
    for line in stdout.decode("utf-8").splitlines():
        d = json.loads(line)
        d["col"] = d["column"]
        rows.append(d)
    return rows


# ---------------------------------------------------------------- repairing


def test_repairs_a_file(tmp_path):
    f = write(tmp_path, "in.txt", f"{GLUED}\n{DOUBLED}\n")
    r = run(f)
    assert r.returncode == 0, r.stderr
    assert r.stderr == b""
    assert r.stdout.decode("utf-8") == f"{GLUED_FIXED}\n{DOUBLED_FIXED}\n"


def test_clean_text_is_byte_identical(tmp_path):
    data = CLEAN.encode("utf-8")
    assert b"\r\n" in data and not data.endswith(b"\n")
    f = write(tmp_path, "clean.txt", data)
    r = run(f)
    assert r.returncode == 0, r.stderr
    assert r.stdout == data


def test_crlf_kept_in_a_repaired_file(tmp_path):
    f = write(tmp_path, "crlf.txt", f"{GLUED}\r\n{DOUBLED}")
    r = run(f)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{GLUED_FIXED}\r\n{DOUBLED_FIXED}".encode("utf-8")


def test_several_files_in_order(tmp_path):
    a = write(tmp_path, "a.txt", f"{GLUED}\n")
    b = write(tmp_path, "b.txt", f"{DOUBLED}\n")
    r = run(a, b)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == f"{GLUED_FIXED}\n{DOUBLED_FIXED}\n"


@pytest.mark.parametrize("args", [(), ("-",)])
def test_stdin(args):
    r = run(*args, stdin=f"{DOUBLED}\n".encode("utf-8"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{DOUBLED_FIXED}\n".encode("utf-8")


def test_stdout_is_utf8_whatever_the_locale(tmp_path):
    f = write(tmp_path, "clean.txt", CLEAN)
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    r = run(f, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == CLEAN.encode("utf-8")


def test_lang_option(tmp_path):
    f = write(tmp_path, "in.txt", f"{GLUED}\n")
    r = run("--lang", "en", f)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == f"{GLUED_FIXED}\n"


# ---------------------------------------------------------------- --explain


def test_explain_reports_line_and_column_in_the_original(tmp_path):
    line2 = "It was the the best of times."
    text = f"The first line is fine.\n{line2}\n"
    f = write(tmp_path, "doc.txt", text)
    r = run("--format", "json", f)
    assert r.returncode == 0, r.stderr
    rows = parse_explain(r.stdout)
    assert len(rows) == 1
    (row,) = rows
    assert row["file"] == str(f)
    assert row["rule"] == "remove_doubled_words"
    assert row["line"] == 2
    # The edit removes one of the two "the"s (with one space), and the
    # column points at exactly that text in line 2 of the original.
    assert row["after"] == "" and row["before"].strip() == "the" and len(row["before"]) == 4
    col0 = row["col"] - 1
    assert line2[col0:col0 + len(row["before"])] == row["before"]
    assert line2.find("the the") <= col0 <= line2.find("the the") + len("the ")
    # Removing it gives the repair.
    assert line2[:col0] + line2[col0 + len(row["before"]):] == "It was the best of times."


def test_explain_counts_crlf_as_one_line_break(tmp_path):
    text = f"First line.\r\nSecond line.\r\n{GLUED}\r\n"
    f = write(tmp_path, "doc.txt", text)
    r = run("--format", "json", f)
    assert r.returncode == 0, r.stderr
    (row,) = parse_explain(r.stdout)
    assert row["line"] == 3
    col0 = row["col"] - 1
    assert GLUED[col0:col0 + len(row["before"])] == row["before"] == "Putin"
    assert GLUED[:col0] + row["after"] + GLUED[col0 + len(row["before"]):] == GLUED_FIXED


def test_explain_quotes_whitespace_visibly(tmp_path):
    f = write(tmp_path, "doc.txt", f"{DOUBLED}\n")
    r = run("--explain", f)
    out = r.stdout.decode("utf-8")
    assert "« the» → «»" in out or "«the » → «»" in out
    assert "(doubling, confidence " in out


def test_explain_agrees_with_the_library(tmp_path):
    text = f"Line one.\n\n{GLUED}\r\nAnd {DOUBLED}.\n"
    f = write(tmp_path, "doc.txt", text)
    rows = parse_explain(run("--format", "json", f).stdout)
    edits = mtclean.explain(text).edits
    assert len(rows) == len(edits) >= 2
    for row, e in zip(rows, edits):
        line = text.count("\n", 0, e.start) + 1
        col = e.start - (text.rfind("\n", 0, e.start) + 1) + 1
        assert (row["line"], row["col"], row["rule"], row["before"], row["after"]) == (
            line, col, e.rule, e.before, e.after,
        )


def test_explain_stdin_and_clean_input():
    assert run("--explain", stdin=CLEAN.encode("utf-8")).stdout == b""
    (row,) = parse_explain(run("--format", "json", stdin=GLUED.encode("utf-8")).stdout)
    assert row["file"] == "<stdin>" and row["line"] == 1


def test_line_column_helpers():
    text = "ab\r\ncd\ne\rf"
    starts = line_starts(text)
    assert [line_column(starts, text.index(c)) for c in "abcdef"] == [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (4, 1)]


# ---------------------------------------------------------------- --jsonl


def test_jsonl_repairs_one_field_and_keeps_the_rest(tmp_path):
    records = [
        {"id": 1, "text": GLUED, "source": "Zürich desk", "meta": {"k": [1, 2]}},
        {"text": DOUBLED, "id": 2},
    ]
    untouched = [
        '{"id": 3, "title": "PutinPutin"}',  # field missing
        '{"id": 4, "text": 42}',  # not a string
        '{"id":5,"text":"Correct text passes through unchanged."}',  # clean, odd spacing
        '["text", "PutinPutin"]',  # not an object
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + untouched
    data = "\n".join(lines[:-1]) + "\r\n" + lines[-1] + "\n"
    f = write(tmp_path, "data.jsonl", data)
    r = run("--jsonl", "--field", "text", f)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    out_lines = out.split("\n")
    assert out_lines[-1] == "" and len(out_lines) == len(lines) + 1

    first, second = json.loads(out_lines[0]), json.loads(out_lines[1])
    assert first == {**records[0], "text": GLUED_FIXED}
    assert list(first) == list(records[0])
    assert second == {"text": DOUBLED_FIXED, "id": 2} and list(second) == ["text", "id"]
    assert out_lines[0] == json.dumps(first, ensure_ascii=False)  # "Zürich", not "Z\u00fcrich"
    # Records with nothing to repair pass through byte for byte, line end included.
    assert out_lines[2:4] == untouched[:2]
    assert out_lines[4] == untouched[2] + "\r"
    assert out_lines[5] == untouched[3]


def test_jsonl_explain_uses_the_record_line(tmp_path):
    lines = [
        json.dumps({"text": "Fine."}),
        json.dumps({"other": GLUED}),
        json.dumps({"text": GLUED}),
    ]
    f = write(tmp_path, "data.jsonl", "\n".join(lines) + "\n")
    r = run("--jsonl", "--field", "text", "--format", "json", f)
    assert r.returncode == 0, r.stderr
    (row,) = parse_explain(r.stdout)
    assert row["file"] == str(f) and row["line"] == 3
    assert row["before"] == "Putin" and row["after"] == ""
    col0 = row["col"] - 1  # a character offset in the field's value
    assert GLUED[col0:col0 + 5] == "Putin"


def test_jsonl_invalid_json_is_an_error_naming_the_line(tmp_path):
    bad = write(tmp_path, "bad.jsonl", json.dumps({"text": GLUED}) + "\n{not json\n")
    good = write(tmp_path, "good.jsonl", json.dumps({"text": DOUBLED}) + "\n")
    r = run("--jsonl", "--field", "text", bad, good)
    assert r.returncode == 2
    assert f"{bad}:2:" in r.stderr.decode()
    # Nothing of bad.jsonl (not even its good first record); good.jsonl in full.
    assert r.stdout.decode("utf-8") == json.dumps({"text": DOUBLED_FIXED}) + "\n"


@pytest.mark.parametrize("args", [("--jsonl",), ("--field", "text")])
def test_jsonl_and_field_go_together(args):
    r = run(*args, stdin=b"{}\n")
    assert r.returncode == 2 and r.stdout == b""
    assert b"--field" in r.stderr


# ---------------------------------------------------------------- errors


def test_invalid_utf8_names_file_and_offset_and_other_files_still_written(tmp_path):
    prefix = f"{GLUED} Café ".encode("utf-8")
    bad = write(tmp_path, "bad.txt", prefix + b"\xff\xfe tail\n")
    good = write(tmp_path, "good.txt", f"{DOUBLED}\n")
    r = run(bad, good)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert len(err.strip().splitlines()) == 1
    assert str(bad) in err and str(len(prefix)) in err
    assert "Traceback" not in err
    assert r.stdout == f"{DOUBLED_FIXED}\n".encode("utf-8")


def test_invalid_utf8_on_stdin():
    r = run(stdin=b"abc\x80")
    assert r.returncode == 2 and r.stdout == b""
    assert b"<stdin>" in r.stderr and b"3" in r.stderr


def test_missing_file(tmp_path):
    missing = tmp_path / "no-such-file.txt"
    good = write(tmp_path, "good.txt", f"{GLUED}\n")
    r = run(missing, good)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert str(missing) in err and len(err.strip().splitlines()) == 1
    assert r.stdout == f"{GLUED_FIXED}\n".encode("utf-8")


def test_directory_is_an_error(tmp_path):
    r = run(tmp_path)
    assert r.returncode == 2 and str(tmp_path) in r.stderr.decode() and r.stdout == b""


# ---------------------------------------------------------------- rules


def test_disable_rules_leaves_the_artifact(tmp_path):
    f = write(tmp_path, "in.txt", f"{GLUED}\n")
    # With dedupe_glued_names off, split_glued_words + remove_doubled_words
    # still repair "PutinPutin" (via "Putin Putin"), so both must go.
    for args in (
        ("--disable", "dedupe_glued_names,split_glued_words"),
        ("--disable", "dedupe_glued_names", "--disable", "split_glued_words"),
    ):
        r = run(*args, f)
        assert r.returncode == 0, r.stderr
        assert r.stdout.decode("utf-8") == f"{GLUED}\n"


def test_disabled_rule_makes_no_edit(tmp_path):
    f = write(tmp_path, "in.txt", f"{GLUED}\n")
    r = run("--format", "json", "--disable", "dedupe_glued_names", f)
    assert r.returncode == 0, r.stderr
    for row in parse_explain(r.stdout):
        assert "dedupe_glued_names" not in row["rule"].split("+")


def test_unknown_rule(tmp_path):
    f = write(tmp_path, "in.txt", f"{GLUED}\n")
    r = run("--disable", "dedupe_glued_names,no_such_rule", f)
    assert r.returncode == 2 and r.stdout == b""
    err = r.stderr.decode()
    assert "no_such_rule" in err
    assert all(name in err for name in mtclean.rule_names())


def test_list_rules():
    r = run("--list-rules")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8").splitlines()
    assert [line.split()[0] for line in out] == mtclean.rule_names()
    by_name = {rule.name: rule for rule in mtclean.DEFAULT_RULES}
    for line in out:
        name, description = line.split(None, 1)
        assert description == by_name[name].description
    assert any(line.split()[0] == "split_glued_words" for line in out)


def test_version():
    r = run("--version")
    assert r.returncode == 0
    assert mtclean.__version__ in r.stdout.decode()


# ---------------------------------------------------------------- plumbing


def test_broken_pipe_is_quiet(tmp_path):
    # Far more than a pipe buffer, so writing must hit the closed pipe.
    text = "The cat sat on the mat near the river bank.\n" * 6000
    f = write(tmp_path, "big.txt", text)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtclean", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    rc = proc.wait(timeout=120)
    assert first == text[:10].encode()
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err
    assert rc == 141  # as if killed by SIGPIPE, like `cat big | head`


def test_main_returns_the_status(capsys):
    assert main(["--version"]) == 0
    assert main(["--disable", "no_such_rule"]) == 2
    assert "no_such_rule" in capsys.readouterr().err


def test_console_script(tmp_path):
    script = Path(sys.executable).with_name("mtclean")
    if not script.exists():
        pytest.skip("console script not installed (pip install -e .)")
    f = write(tmp_path, "in.txt", f"{GLUED}\n")
    r = subprocess.run([str(script), f], capture_output=True, timeout=120)
    assert r.returncode == 0 and r.stdout.decode("utf-8") == f"{GLUED_FIXED}\n"
    r = subprocess.run([str(script), "--disable", "nope", str(f)], capture_output=True, timeout=120)
    assert r.returncode == 2


def test_stats_count_findings_of_untranslated_fragments():
    # A fragment in another script is a finding: counted by --stats, the text unchanged.
    text = "The shop Nakamura商店 opened, and Мир café too.\n"
    r = run("--stats", "--lang", "en", stdin=text.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == text
    err = r.stderr.decode("utf-8")
    assert "findings per rule (reported, never applied):" in err
    assert "  2  report_untranslated_fragments" in err
