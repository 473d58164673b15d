"""Every Python example in README.md and docs/*.md runs, and shows what it really gives.

In a ```python block, an expression statement followed on its line by
``# <literal>`` must evaluate to that literal, and a statement followed by
lines of ``# ...`` right below it must print exactly those lines. Recipes
(blocks after ``<!-- recipe: NAME -->``) run in tests/test_scale_recipes.py
on real inputs; ``sh`` reproduction commands are checked to name scripts
that exist and start (``--help``).
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"(<!-- recipe: \w+ -->\s*)?```(python|sh)\n(.*?)```", re.S)


def _blocks(kind: str):
    out = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in _BLOCK.finditer(text):
            if m.group(2) == kind and not m.group(1):
                line = text.count("\n", 0, m.start()) + 1
                out.append(pytest.param(m.group(3), id=f"{doc.relative_to(ROOT)}:{line}"))
    return out


def _trailing_comment(line: str) -> str | None:
    """The ``# ...`` at the end of a source line (not inside a string), or None."""
    try:
        import tokenize

        toks = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except Exception:
        return None
    for t in toks:
        if t.type == tokenize.COMMENT:
            return t.string[1:].strip()
    return None


def run_block(code: str) -> None:
    lines = code.splitlines()
    tree = ast.parse(code)
    ns: dict = {"__name__": "docs_example"}
    for i, stmt in enumerate(tree.body):
        src = ast.get_source_segment(code, stmt)
        end_line = lines[stmt.end_lineno - 1]
        comment = _trailing_comment(end_line)
        # Comment lines right below the statement: the printed output.
        shown: list[str] = []
        j = stmt.end_lineno
        next_start = tree.body[i + 1].lineno - 1 if i + 1 < len(tree.body) else len(lines)
        while j < next_start and lines[j].startswith("# "):
            shown.append(lines[j][2:])
            j += 1
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            if isinstance(stmt, ast.Expr):
                value = eval(compile(ast.Expression(stmt.value), "<doc>", "eval"), ns)
            else:
                exec(compile(ast.Module([stmt], []), "<doc>", "exec"), ns)
                value = None
        if isinstance(stmt, ast.Expr) and comment is not None:
            expected = ast.literal_eval(comment)
            assert value == expected, f"{src}\n  gives {value!r}, the doc says {comment}"
        if shown:
            if isinstance(stmt, ast.Expr) and not buf.getvalue():
                assert repr(value) == "\n".join(shown) or value == ast.literal_eval("\n".join(shown)), src
            else:
                assert buf.getvalue().rstrip("\n").split("\n") == shown, f"{src}\n  printed {buf.getvalue()!r}"


@pytest.mark.parametrize("code", _blocks("python"))
def test_python_example(code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_block(code)


def _commands(code: str):
    for raw in code.splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        for part in line.split("&&"):
            yield shlex.split(part)


@pytest.mark.parametrize("code", _blocks("sh"))
def test_sh_commands_name_real_scripts(code):
    for argv in _commands(code):
        if argv[:1] in (["python"], ["python3"]) and len(argv) > 1 and argv[1].endswith(".py"):
            script = ROOT / argv[1]
            assert script.exists(), f"{argv[1]} does not exist"
            proc = subprocess.run(
                [sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            )
            assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_checker_catches_a_false_example():
    with pytest.raises(AssertionError):
        run_block("1 + 1   # 3\n")
    with pytest.raises(AssertionError):
        run_block("print('a')\n# b\n")
    run_block("1 + 1   # 2\nprint('a')\n# a\n")


# ---------------------------------------------------------------- ```console blocks
#
# A ```console block holds ``$ COMMAND`` lines, each followed by exactly what
# it prints (stdout and stderr together). A line ``...`` stands for any
# number of lines; a line ending in ``...`` for any line that starts with
# what comes before it. ``mtclean`` runs this checkout (``python -m mtclean``);
# ``$ echo $?`` prints the status of the command before it. The commands of
# one document run in order in one temporary directory, in which each block
# marked ``<!-- file: NAME -->`` (the fenced block right after the marker)
# is written first, byte for byte, as file NAME.

_CONSOLE = re.compile(r"<!-- file: (?P<name>[\w.\-]+) -->\s*```[\w-]*\n(?P<body>.*?)```|```console\n(?P<console>.*?)```", re.S)


def _console_docs():
    out = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        if "```console" in text:
            out.append(pytest.param(doc, id=str(doc.relative_to(ROOT))))
    return out


def _matches(expected: list[str], got: list[str]) -> bool:
    """``got`` against ``expected`` where a line ``...`` matches any run of lines."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(_matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    head = expected[0]
    same = got[0].startswith(head[:-3]) if got and head.endswith("...") else bool(got) and got[0] == head
    return same and _matches(expected[1:], got[1:])


def run_console(text: str, workdir: Path, label: str = "<doc>") -> int:
    """Run the console examples of one document in ``workdir``; the number of commands run."""
    bindir = workdir / ".bin"
    bindir.mkdir(exist_ok=True)
    shim = bindir / "mtclean"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m mtclean "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "COLUMNS": "80"}
    ran, status = 0, 0
    for m in _CONSOLE.finditer(text):
        if m.group("name"):
            (workdir / m.group("name")).write_bytes(m.group("body").encode("utf-8"))
            continue
        base = text.count("\n", 0, m.start("console")) + 1
        lines = m.group("console").split("\n")[:-1]
        i = 0
        while i < len(lines):
            assert lines[i].startswith("$ "), f"{label}:{base + i}: expected a '$ ' command line: {lines[i]!r}"
            command, where = lines[i][2:], base + i
            i += 1
            expected = []
            while i < len(lines) and not lines[i].startswith("$ "):
                expected.append(lines[i])
                i += 1
            if command.strip() == "echo $?":
                got = [str(status)]
            else:
                proc = subprocess.run(["bash", "-c", command], cwd=workdir, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, timeout=300)
                status = proc.returncode
                got = proc.stdout.decode("utf-8", "replace").split("\n")
                if got and got[-1] == "":
                    got.pop()
            ran += 1
            assert _matches(expected, got), (
                f"{label}:{where}: $ {command}\n  printed:\n" + "\n".join(got) + "\n  the doc says:\n" + "\n".join(expected)
            )
    return ran


@pytest.mark.parametrize("doc", _console_docs())
def test_console_examples(doc, tmp_path):
    assert run_console(doc.read_text(encoding="utf-8"), tmp_path, str(doc.relative_to(ROOT))) > 0


def test_the_console_checker_catches_a_false_example(tmp_path):
    good = "<!-- file: a.txt -->\n```text\nthe the cat\n```\n```console\n$ cat a.txt\nthe the cat\n$ false\n$ echo $?\n1\n```\n"
    assert run_console(good, tmp_path) == 3
    with pytest.raises(AssertionError):
        run_console("```console\n$ echo a\nb\n```\n", tmp_path)
    with pytest.raises(AssertionError):
        run_console("```console\n$ false\n$ echo $?\n0\n```\n", tmp_path)
    assert run_console("```console\n$ printf 'x\\ny\\nz\\n'\nx\n...\n```\n", tmp_path) == 1
    assert run_console("```console\n$ echo abcdef\nabc...\n```\n", tmp_path) == 1
    with pytest.raises(AssertionError):
        run_console("```console\n$ echo abcdef\nabd...\n```\n", tmp_path)
