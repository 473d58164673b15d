"""The ``mtclean`` command line, run as a real subprocess (``python -m mtclean``).

Expectations are derived from what the repair of each artifact must be, not
copied from a run of the code.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Callable

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


# ---------------------------------------------------------------- options (issue 11, item 4)

FOREIGN = "The minister said привет мир to the press."  # an untranslated fragment (a finding)


def run_tty(*args: str | Path, tty: str = "stdout", stdin: bytes = b"", env: dict[str, str] | None = None,
            feed: Callable[[IO[bytes]], None] | None = None) -> tuple[int, bytes, bytes]:
    """Run with stdout (or stderr) on a pseudo-terminal; (status, stdout, stderr)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a new pty is 0x0
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, tty: slave}
    proc = subprocess.Popen([sys.executable, "-m", "mtclean", *map(str, args)], stdin=subprocess.PIPE,
                            env=env, **streams)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 1 << 16)
            except OSError:  # EIO: the other side is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    assert proc.stdin is not None
    if feed is not None:
        feed(proc.stdin)
    else:
        proc.stdin.write(stdin)
    proc.stdin.close()
    other = proc.stderr if tty == "stdout" else proc.stdout
    assert other is not None
    rest = other.read()
    proc.wait(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    tty_out = b"".join(chunks)
    return (proc.returncode, tty_out, rest) if tty == "stdout" else (proc.returncode, rest, tty_out)


def test_check_exit_status_and_listing(tmp_path):
    bad, good = write(tmp_path, "a.txt", GLUED + "\n"), write(tmp_path, "b.txt", CLEAN)
    r = run("--check", bad, good)
    assert r.returncode == 1
    out = r.stdout.decode()
    assert f"Would repair: {bad}" in out and f"Would repair: {good}" not in out
    assert GLUED_FIXED not in out and "1 file would be repaired, 1 file already clean" in out
    assert bad.read_text() == GLUED + "\n"  # --check writes nothing
    r = run("--check", good)
    assert r.returncode == 0 and b"Would repair" not in r.stdout
    r = run("--check", "--quiet", bad)
    assert r.returncode == 1 and r.stdout == b""


def test_check_is_1_for_a_repair_only_not_for_a_finding(tmp_path):
    f = write(tmp_path, "a.txt", FOREIGN + "\n")
    assert run("--check", "--lang", "en", f).returncode == 0


def test_diff_is_a_unified_diff(tmp_path):
    f = write(tmp_path, "a.txt", "Fine line.\n" + GLUED + "\n")
    r = run("--diff", f)
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert lines[:3] == [f"--- {f}", f"+++ {f}", "@@ -1,2 +1,2 @@"]
    assert lines[3:] == [" Fine line.", f"-{GLUED}", f"+{GLUED_FIXED}"]
    assert b"\x1b[" not in r.stdout  # a pipe: no colour
    colored = run("--diff", "--color", "always", f).stdout.decode()
    assert "\x1b[31m-" + GLUED in colored and "\x1b[32m+" + GLUED_FIXED in colored
    assert run("--diff", write(tmp_path, "b.txt", CLEAN)).stdout == b""


def test_diff_is_coloured_on_a_terminal_only(tmp_path):
    f = write(tmp_path, "a.txt", GLUED + "\n")
    rc, out, _ = run_tty("--diff", f)
    assert rc == 0 and b"\x1b[31m-" in out and b"\x1b[32m+" in out
    rc, out, _ = run_tty("--diff", f, env=dict(os.environ, NO_COLOR="1"))
    assert rc == 0 and b"\x1b[" not in out and GLUED.encode() in out
    rc, out, _ = run_tty("--diff", "--color", "never", f)
    assert b"\x1b[" not in out


def test_explain_shows_the_edit_in_context_with_its_confidence(tmp_path):
    f = write(tmp_path, "a.txt", "Line.\n" + GLUED + "\n")
    (row,) = parse_explain(run("--format", "json", f).stdout)
    line = run("--explain", f).stdout.decode().rstrip("\n")
    assert "\n" not in line
    assert line.startswith(f"{f}:2:15: dedupe_glued_names (doubling, confidence {row['confidence']:.2f}): ")
    assert line.endswith("Vladimir Putin«Putin» → «» vowed on Monday.")


def test_format_json_fields(tmp_path):
    f = write(tmp_path, "a.txt", "Line.\n" + GLUED + "\n")
    (row,) = parse_explain(run("--format", "json", f).stdout)
    del row["col"]
    assert set(row) >= {"file", "line", "column", "rule", "category", "before", "after", "confidence", "evidence"}
    assert (row["file"], row["line"], row["column"]) == (str(f), 2, 15)
    assert (row["rule"], row["category"], row["before"], row["after"]) == ("dedupe_glued_names", "doubling", "Putin", "")
    assert 0 < row["confidence"] <= 1 and row["evidence"] and all(isinstance(e, str) for e in row["evidence"])
    assert (row["kind"], row["suggestion"]) == ("edit", False)


def test_findings_are_reported_and_counted(tmp_path):
    f = write(tmp_path, "a.txt", FOREIGN + "\n" + DOUBLED + "\n")
    r = run("--lang", "en", f)
    assert r.stdout.decode() == FOREIGN + "\n" + DOUBLED_FIXED + "\n"  # a finding changes nothing
    rows = parse_explain(run("--lang", "en", "--format", "json", f).stdout)
    assert [(x["kind"], x["line"], x["before"]) for x in rows] == [("finding", 1, "привет мир"), ("edit", 2, " the")]
    assert rows[0]["before"] == rows[0]["after"] and rows[0]["rule"] == "report_untranslated_fragments"
    text = run("--lang", "en", "--explain", f).stdout.decode().splitlines()[0]
    assert ", finding): " in text and "said «привет мир» to" in text and "→" not in text
    err = run("--lang", "en", "--stats", f).stderr.decode()
    assert "total: 1 edit in 1 of 1 file; 1 finding" in err
    assert re.search(r"findings per rule.*\n +1  report_untranslated_fragments", err)


def test_stats_on_stderr(tmp_path):
    a = write(tmp_path, "a.txt", GLUED + "\n" + DOUBLED + "\n")
    b = write(tmp_path, "b.txt", CLEAN)
    r = run("--stats", a, b)
    assert r.returncode == 0
    assert r.stdout == (GLUED_FIXED + "\n" + DOUBLED_FIXED + "\n").encode() + CLEAN.encode()
    err = r.stderr.decode()
    assert re.search(r"edits per rule:\n(  1  (dedupe_glued_names|remove_doubled_words)\n){2}edits per file:", err)
    assert f"  2  {a}\n  0  {b}\n" in err and err.endswith("total: 2 edits in 1 of 2 files\n")


def test_jobs_2_keeps_the_order(tmp_path):
    paras = [f"Paragraph {i} has the the cat number {i}.\n\n" for i in range(400)]
    f = write(tmp_path, "a.txt", "".join(paras))
    expected = "".join(paras).replace("the the", "the").encode()
    one, two = run(f), run("-j", "2", f)
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout == expected
    records = [json.dumps({"i": i, "text": f"Record {i}: the the cat."}) for i in range(300)]
    g = write(tmp_path, "d.jsonl", "\n".join(records) + "\n")
    h = write(tmp_path, "e.jsonl", "\n".join(reversed(records)) + "\n")
    r = run("-j", "2", "--jsonl", "--field", "text", g, h)
    assert r.returncode == 0
    fixed = [x.replace("the the", "the") for x in records]
    assert r.stdout.decode() == "\n".join(fixed + fixed[::-1]) + "\n"


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path):
    def slow(stdin: IO[bytes]) -> None:  # longer than the bar's half-second delay
        for _ in range(6):
            stdin.write(b"The cat sat on the mat.\n\n")
            stdin.flush()
            time.sleep(0.3)

    rc, out, err = run_tty(tty="stderr", feed=slow)
    assert rc == 0 and out == b"The cat sat on the mat.\n\n" * 6
    assert b"B/s" in err or b"it/s" in err or b"B [" in err, err  # tqdm's bar
    rc, out, err = run_tty("--quiet", tty="stderr", feed=slow)
    assert rc == 0 and err == b""
    r = run(stdin=b"The cat sat on the mat.\n")  # stderr a pipe: no bar
    assert r.stderr == b""


def test_in_place_keeps_bom_crlf_and_mode(tmp_path):
    f = write(tmp_path, "a.txt", "\ufeff" + GLUED + "\r\nFine.")
    os.chmod(f, 0o640)
    r = run("--in-place", f)
    assert r.returncode == 0 and r.stdout == b""
    assert f.read_bytes() == ("\ufeff" + GLUED_FIXED + "\r\nFine.").encode()
    assert os.stat(f).st_mode & 0o777 == 0o640
    clean = write(tmp_path, "clean.txt", CLEAN)
    inode = os.stat(clean).st_ino
    assert run("--in-place", clean).returncode == 0
    assert clean.read_bytes() == CLEAN.encode() and os.stat(clean).st_ino == inode  # untouched
    bad = write(tmp_path, "bad.txt", GLUED.encode() + b"\xff\n")
    before = bad.read_bytes()
    r = run("--in-place", bad)
    assert r.returncode == 2 and str(bad) in r.stderr.decode()
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "bad.txt", "clean.txt"]  # no temporary left


def test_in_place_needs_files():
    r = run("--in-place", stdin=b"the the cat\n")
    assert r.returncode == 2 and r.stdout == b"" and b"--in-place" in r.stderr


def test_min_confidence(tmp_path):
    f = write(tmp_path, "a.txt", DOUBLED + "\n")
    (row,) = parse_explain(run("--format", "json", f).stdout)
    c = row["confidence"]
    assert run("--min-confidence", str(min(1.0, c + 0.01)), f).stdout.decode() == DOUBLED + "\n"
    assert run("--min-confidence", str(c - 0.01), f).stdout.decode() == DOUBLED_FIXED + "\n"


def test_lang_switches_language_specific_rules(tmp_path):
    text = "kyiv troops crossed the border.\n"  # name case: an English-only rule
    f = write(tmp_path, "a.txt", text)
    assert run("--lang", "en", f).stdout.decode() == "Kyiv troops crossed the border.\n"
    assert run("--lang", "de", f).stdout.decode() == text
    r = run("--lang", "not a language", f)
    assert r.returncode == 2 and r.stdout == b""


def test_disable_a_category(tmp_path):
    # "doubling" holds both remove_doubled_words and dedupe_glued_names; the entity is "encoding".
    f = write(tmp_path, "a.txt", DOUBLED + "\n" + GLUED + "\nIt&apos;s here.\n")
    r = run("--disable", "doubling", f)
    assert r.returncode == 0
    assert r.stdout.decode() == DOUBLED + "\n" + GLUED + "\nIt's here.\n"


# ---------------------------------------------------------------- streaming


def _first_line_while_open(args: tuple[str, ...], first: bytes, rest: bytes) -> tuple[bytes, bytes]:
    """Write ``first`` to stdin, read one output line while stdin is still open, then send ``rest``."""
    proc = subprocess.Popen([sys.executable, "-m", "mtclean", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(first)
    proc.stdin.flush()
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout=60)
    answered = not reader.is_alive()
    proc.stdin.write(rest)
    proc.stdin.close()
    reader.join(timeout=60)
    tail = proc.stdout.read()
    proc.wait(timeout=60)
    assert answered, "no output line before the end of the input"
    return got[0], tail


def test_text_on_stdin_streams_paragraph_by_paragraph():
    # With --lang nothing is read ahead: the first paragraph is written at once.
    line, tail = _first_line_while_open(("--lang", "en"), b"the the cat\n\n", b"second the the\n")
    assert line == b"the cat\n" and tail == b"\nsecond the\n"
    line, tail = _first_line_while_open(("--detect-per-paragraph",), b"the the cat\n\n", b"second the the\n")
    assert line == b"the cat\n" and tail == b"\nsecond the\n"


def test_without_lang_stdin_streams_once_the_language_sample_is_read():
    # The input's language is detected on its first 2,000 characters: once
    # they are read, output flows while stdin is still open.
    first = "".join(f"Line {i} of the the report on the harbour.\n\n" for i in range(60)).encode()
    assert len(first) > 2000
    line, tail = _first_line_while_open((), first, b"Last line of the the report.\n")
    assert line == b"Line 0 of the report on the harbour.\n"
    assert tail.endswith(b"\nLast line of the report.\n")


def test_jsonl_on_stdin_streams_record_by_record():
    a, b = json.dumps({"text": DOUBLED}), json.dumps({"text": GLUED})
    line, tail = _first_line_while_open(("--jsonl", "--field", "text", "--lang", "en"), (a + "\n").encode(),
                                        (b + "\n").encode())
    assert line == (json.dumps({"text": DOUBLED_FIXED}) + "\n").encode()
    assert tail == (json.dumps({"text": GLUED_FIXED}) + "\n").encode()


def test_a_named_file_is_written_only_once_read_whole(tmp_path):
    # A good first paragraph, then invalid UTF-8 far beyond the read buffers.
    data = (f"{DOUBLED}\n\n" * 20000).encode() + b"\xff\n"
    bad = write(tmp_path, "bad.txt", data)
    r = run(bad)
    assert r.returncode == 2 and r.stdout == b""
    assert f"invalid UTF-8 at byte offset {len(data) - 2}" in r.stderr.decode()


# ---------------------------------------------------------------- fault cases (issue 11)


def test_bom_before_a_stray_opening_is_kept_and_repaired(tmp_path):
    f = write(tmp_path, "a.txt", "\ufeffANDThe cat sat on the mat.\n")
    r = run(f)
    assert r.returncode == 0 and r.stdout == "\ufeffThe cat sat on the mat.\n".encode()


def test_jsonl_other_fields_stay_byte_identical(tmp_path):
    line = '{"id": 1.0e5, "big": 1E400, "s": "a\\/b \\u00e9",  "text": "the the cat", "z": [1,2] }'
    f = write(tmp_path, "d.jsonl", line + "\r\n")
    r = run("--jsonl", "--field", "text", f)
    assert r.returncode == 0 and r.stdout.decode() == line.replace("the the cat", "the cat") + "\r\n"


def test_jsonl_lone_surrogate_passes_through_with_a_warning(tmp_path):
    line = '{"text": "x\\ud800 the the"}\n'
    f = write(tmp_path, "d.jsonl", line)
    r = run("--jsonl", "--field", "text", "--disable", "fix_mojibake", f)
    assert r.returncode == 0 and r.stdout.decode() == line
    err = r.stderr.decode()
    assert f"{f}:1:" in err and "surrogate" in err and "Traceback" not in err


def test_explain_into_head_is_quiet(tmp_path):
    f = write(tmp_path, "a.txt", f"{DOUBLED}\n\n" * 3000)
    p = subprocess.run(f"{shlex.quote(sys.executable)} -m mtclean --explain {shlex.quote(str(f))} | head -1",
                       shell=True, capture_output=True, timeout=120)
    assert p.stdout.count(b"\n") == 1 and p.stdout.startswith(f"{f}:1:4: remove_doubled_words".encode())
    assert p.stderr == b""


def test_full_disk_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    f = write(tmp_path, "a.txt", GLUED + "\n")
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "mtclean", str(f)], stdout=full, stderr=subprocess.PIPE,
                           timeout=120)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "<stdout>" in err and "No space left" in err


def test_closed_stdout_is_one_line(tmp_path):
    f = write(tmp_path, "a.txt", GLUED + "\n")
    p = subprocess.run(f"{shlex.quote(sys.executable)} -m mtclean {shlex.quote(str(f))} >&-", shell=True,
                       capture_output=True, timeout=120)
    assert p.returncode == 2 and p.stderr == b"mtclean: standard output is closed\n"


def test_ctrl_c_while_reading_exits_130_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "mtclean", "--lang", "en"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"the the cat\n\n")
    proc.stdin.flush()
    assert proc.stdout.readline() == b"the cat\n"  # now waiting for more input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err == b""


def test_ctrl_c_during_start_up_exits_130_quietly():
    # -X importtime reports each module once imported: SIGINT once mtclean's own
    # modules are loading (the package's import, before main() runs).
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "mtclean"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    seen = b""
    while b"mtclean." not in seen:
        line = proc.stderr.readline()
        assert line, seen[-2000:]
        seen += line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
