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
