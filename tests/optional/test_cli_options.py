"""New CLI options and fault cases, each through a real subprocess."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

GLUED = "Vladimir PutinPutin vowed on Monday."
GLUED_FIXED = "Vladimir Putin vowed on Monday."
CLEAN = "The committee met on Tuesday.\n"
ENV = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))


def run(*args, stdin: bytes = b"", **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtclean", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120, env=ENV, **kw)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_check_exit_status_and_listing(tmp_path):
    bad, good = write(tmp_path, "a.txt", GLUED + "\n"), write(tmp_path, "b.txt", CLEAN)
    r = run("--check", bad, good)
    assert r.returncode == 1
    out = r.stdout.decode()
    assert f"Would repair: {bad}" in out and str(good) not in out.replace("already", "")
    assert GLUED_FIXED not in out
    assert run("--check", good).returncode == 0


def test_diff_is_a_unified_diff(tmp_path):
    f = write(tmp_path, "a.txt", "Fine line.\n" + GLUED + "\n")
    r = run("--diff", "--color", "never", f)
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert lines[:2] == [f"--- {f}", f"+++ {f}"]
    assert f"-{GLUED}" in lines and f"+{GLUED_FIXED}" in lines and " Fine line." in lines
    colored = run("--diff", "--color", "always", f).stdout.decode()
    assert "\x1b[31m-" + GLUED in colored


def test_format_json_and_context(tmp_path):
    f = write(tmp_path, "a.txt", "Line.\n" + GLUED + "\n")
    rows = [json.loads(x) for x in run("--format", "json", f).stdout.decode().splitlines()]
    (row,) = rows
    assert set(row) == {"file", "line", "column", "rule", "category", "before", "after",
                        "confidence", "evidence", "suggestion"}
    assert (row["line"], row["before"], row["after"], row["suggestion"]) == (2, "Putin", "", False)
    text = run("--explain", f).stdout.decode()
    assert text.startswith(f"{f}:2:15: dedupe_glued_names (") and "Vladimir Putin«Putin» → «» vowed" in text


def test_stats_on_stderr(tmp_path):
    f = write(tmp_path, "a.txt", GLUED + "\nthe the cat\n")
    r = run("--stats", f)
    assert r.stdout.decode() == GLUED_FIXED + "\nthe cat\n"
    err = r.stderr.decode()
    assert "dedupe_glued_names" in err and "remove_doubled_words" in err and "total: 2 edits in 1 of 1 file" in err


def test_jobs_2_same_output(tmp_path):
    text = "".join(f"Paragraph {i} has the the cat.\n\n" for i in range(300))
    f = write(tmp_path, "a.txt", text)
    one, two = run(f), run("-j", "2", f)
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout == text.replace("the the", "the").encode()
    data = "".join(json.dumps({"i": i, "text": "the the cat"}) + "\n" for i in range(200))
    g = write(tmp_path, "d.jsonl", data)
    r = run("-j", "2", "--jsonl", "--field", "text", g)
    assert r.stdout.decode() == data.replace("the the", "the")


def test_in_place_keeps_bom_crlf_and_mode(tmp_path):
    f = write(tmp_path, "a.txt", "\ufeff" + GLUED + "\r\nFine.")
    os.chmod(f, 0o640)
    r = run("--in-place", f)
    assert r.returncode == 0 and r.stdout == b""
    assert f.read_bytes() == ("\ufeff" + GLUED_FIXED + "\r\nFine.").encode()
    assert os.stat(f).st_mode & 0o777 == 0o640
    bad = write(tmp_path, "bad.txt", GLUED.encode() + b"\xff\n")
    before = bad.read_bytes()
    assert run("--in-place", bad).returncode == 2
    assert bad.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "bad.txt"]


def test_bom_kept_and_line_1_repaired_after_it(tmp_path):
    import mtclean

    body = "ANDThe cat sat on the mat.\n"
    f = write(tmp_path, "a.txt", "\ufeff" + body)
    r = run(f)
    assert r.stdout == ("\ufeff" + mtclean.normalize(body)).encode()


def test_jsonl_other_fields_byte_identical(tmp_path):
    line = '{"id": 1.0e5, "big": 1E400, "s": "a\\/b \\u00e9",  "text": "the the cat", "z": [1,2]}'
    f = write(tmp_path, "d.jsonl", line + "\r\n")
    r = run("--jsonl", "--field", "text", f)
    assert r.stdout.decode() == line.replace("the the cat", "the cat") + "\r\n"


def test_jsonl_lone_surrogate_passes_through(tmp_path):
    line = '{"text": "x\\ud800 the the"}\n'
    f = write(tmp_path, "d.jsonl", line)
    r = run("--jsonl", "--field", "text", "--disable", "fix_mojibake", f)
    assert r.returncode == 0 and r.stdout.decode() == line
    assert f"{f}:1:" in r.stderr.decode() and b"Traceback" not in r.stderr


def test_explain_into_head_is_quiet(tmp_path):
    f = write(tmp_path, "a.txt", ("the the cat\n\n" * 3000))
    p = subprocess.run(f"{sys.executable} -m mtclean --explain {f} | head -1", shell=True,
                       capture_output=True, env=ENV, timeout=120)
    assert p.stdout.count(b"\n") == 1 and b"Traceback" not in p.stderr


def test_full_disk_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    f = write(tmp_path, "a.txt", GLUED + "\n")
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "mtclean", str(f)], stdout=full, stderr=subprocess.PIPE,
                           env=ENV, timeout=120)
    assert r.returncode == 2
    assert r.stderr.decode().strip().count("\n") == 0 and b"Traceback" not in r.stderr


def test_closed_stdout(tmp_path):
    f = write(tmp_path, "a.txt", GLUED + "\n")
    p = subprocess.run(f"{sys.executable} -m mtclean {f} >&-", shell=True, capture_output=True,
                       env=ENV, timeout=120)
    assert p.returncode == 2 and b"standard output is closed" in p.stderr and b"Traceback" not in p.stderr


@pytest.mark.parametrize("delay", [0.3, 0.6])
def test_ctrl_c_is_quiet(delay):
    proc = subprocess.Popen([sys.executable, "-m", "mtclean"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    proc.stdin.write(b"the the cat\n")
    proc.stdin.flush()
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGINT) and b"Traceback" not in err, err


def test_streaming_stdin_answers_before_eof():
    proc = subprocess.Popen([sys.executable, "-m", "mtclean"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    proc.stdin.write(b"the the cat\n\nsecond")
    proc.stdin.flush()
    first = proc.stdout.readline()  # arrives while stdin is still open
    proc.stdin.close()
    rest = proc.stdout.read()
    proc.wait(timeout=60)
    assert first == b"the cat\n" and rest == b"\nsecond"


def test_memory_stays_flat_on_20_mb(tmp_path):
    f = tmp_path / "big.txt"
    para = "The committee met on Tuesday and approved the budget for next year.\n\n"
    f.write_text(para * (20_000_000 // len(para)))
    # Clean text through the fast path: --disable all but one cheap rule keeps it quick.
    r = subprocess.run([sys.executable, "-m", "mtclean", "--lang", "en", "--disable",
                        "glue,casing,doubling,residue,markup,spacing", str(f)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, timeout=300)
    assert r.returncode == 0, r.stderr
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 200, peak_mb
