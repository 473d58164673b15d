"""The ``mtclean`` command: repair files (or stdin) and write them to stdout.

    mtclean [OPTIONS] [FILE ...]

Each input is read whole (bytes, decoded as strict UTF-8, line endings left
as they are), repaired as one document, and only then written, so a file
that cannot be read or decoded leaves nothing half-written on stdout. The
other files are still processed; the exit status is then 2.

Exit status: 0 on success, 2 on a usage error or when any input could not be
read, decoded or parsed, 130 on Ctrl-C, 141 when stdout is closed early
(``mtclean big.txt | head``), silently.

See ``docs/cli.md`` for examples.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
from typing import BinaryIO, Iterable, Sequence

from . import DEFAULT_RULES, __version__, default_pipeline
from .edits import Edit
from .pipeline import Pipeline

__all__ = ["main", "build_parser", "line_starts", "line_column", "format_edit"]

PROG = "mtclean"
STDIN_NAME = "<stdin>"

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `cat big | head`

# Line breaks as Python's universal-newlines mode sees them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InputError(Exception):
    """An input that cannot be processed; the message names the input."""


# --------------------------------------------------------------------------
# Positions and formatting


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts (``\\n``, ``\\r\\n``, ``\\r``).

    >>> line_starts("ab\\r\\ncd\\ne")
    [0, 4, 7]
    """
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def line_column(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of string offset ``offset``; columns count characters.

    >>> line_column(line_starts("ab\\ncd"), 4)
    (2, 2)
    """
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


def format_edit(name: str, line: int, column: int, edit: Edit) -> str:
    """``NAME:LINE:COLUMN: rule: 'before' -> 'after'`` (Python repr quoting)."""
    return f"{name}:{line}:{column}: {edit.rule}: {edit.before!r} -> {edit.after!r}"


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Arguments


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Repair machine-translation and web-extraction artifacts in text, "
        "without damaging good text. Reads FILEs (or stdin) and writes the repaired text to stdout.",
        epilog="Exit status: 0 ok; 2 usage error, unknown rule, or an input that could not be read, "
        "decoded or parsed (the other inputs are still processed); 141 stdout closed early.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (UTF-8); '-' or none: standard input")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print one line per edit (FILE:LINE:COLUMN: rule: 'before' -> 'after') instead of the text",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="input is JSON Lines: repair the string field given by --field in each record, keep the rest",
    )
    p.add_argument("--field", metavar="NAME", help="with --jsonl: the field to repair (required)")
    p.add_argument("--lang", metavar="CODE", help="language of the text, e.g. en (default: detect)")
    p.add_argument(
        "--disable",
        metavar="RULE[,RULE...]",
        action="append",
        default=[],
        help="switch rules off (repeatable); see --list-rules",
    )
    p.add_argument("--list-rules", action="store_true", help="list the rules with a description, and exit")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _rule_listing() -> str:
    width = max(len(r.name) for r in DEFAULT_RULES)
    return "".join(f"{r.name:<{width}}  {r.description}".rstrip() + "\n" for r in DEFAULT_RULES)


def _disabled(values: Iterable[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip()
            if name and name not in names:
                names.append(name)
    return names


# --------------------------------------------------------------------------
# Inputs


def _read(path: str) -> tuple[str, str]:
    """(display name, text) of ``path`` ('-': stdin); raises InputError."""
    if path == "-":
        name = STDIN_NAME
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(f"{name}: {exc.strerror or exc}") from exc
    else:
        name = path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            raise InputError(f"{name}: {exc.strerror or exc}") from exc
    try:
        return name, data.decode("utf-8")  # strict; newlines untouched
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid UTF-8 at byte offset {exc.start}") from exc


def _process_text(name: str, text: str, pipeline: Pipeline, explain: bool) -> str:
    result = pipeline.explain(text)
    if not explain:
        return result.text
    starts = line_starts(text)
    lines = []
    for e in result.edits:
        line, col = line_column(starts, e.start)
        lines.append(format_edit(name, line, col, e) + "\n")
    return "".join(lines)


def _split_records(text: str) -> list[str]:
    """Lines of a JSONL text with their endings (split on ``\\n`` only).

    JSON strings may legally hold U+2028 and friends unescaped, so
    ``str.splitlines`` would cut records apart.
    """
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _process_jsonl(name: str, text: str, field: str, pipeline: Pipeline, explain: bool) -> str:
    out: list[str] = []
    for lineno, raw in enumerate(_split_records(text), 1):
        body = raw.rstrip("\r\n")
        bom = "\ufeff" if lineno == 1 and body.startswith("\ufeff") else ""
        body = body[len(bom):]
        if not body.strip():
            if not explain:
                out.append(raw)
            continue
        try:
            obj = json.loads(body)
        except ValueError as exc:
            raise InputError(f"{name}:{lineno}: invalid JSON: {exc}") from exc
        value = obj.get(field) if isinstance(obj, dict) else None
        if not isinstance(value, str):
            if not explain:
                out.append(raw)
            continue
        result = pipeline.explain(value)
        if explain:
            for e in result.edits:
                out.append(format_edit(name, lineno, e.start + 1, e) + "\n")
        elif result.text == value:
            out.append(raw)  # untouched records stay byte-identical
        else:
            obj[field] = result.text
            out.append(bom + json.dumps(obj, ensure_ascii=False) + raw[len(bom) + len(body):])
    return "".join(out)


# --------------------------------------------------------------------------
# Output


def _write(stream: BinaryIO, text: str) -> None:
    """Write all of ``text`` as UTF-8.

    Loops on the count ``write`` returns: a large write into a pipe whose
    reader has gone can come back short instead of failing, and only the
    next write raises ``BrokenPipeError``. (surrogateescape only matters for
    file names that came from undecodable paths.)
    """
    view = memoryview(text.encode("utf-8", "surrogateescape"))
    while view:
        n = stream.write(view)
        view = view[len(view) if n is None else n:]


def _silence_stdout() -> None:
    """After EPIPE: point stdout at devnull so the exit-time flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------
# Entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)

    out = sys.stdout.buffer
    if args.list_rules:
        try:
            _write(out, _rule_listing())
            out.flush()
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        return EXIT_OK

    if args.field is not None and not args.jsonl:
        _error("--field needs --jsonl")
        return EXIT_ERROR
    if args.jsonl and not args.field:
        _error("--jsonl needs --field NAME (the JSON field to repair)")
        return EXIT_ERROR

    disable = _disabled(args.disable)
    valid = [r.name for r in DEFAULT_RULES]
    unknown = [n for n in disable if n not in valid]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        _error(f"unknown rule{plural}: {', '.join(unknown)}; valid rules: {', '.join(valid)}")
        return EXIT_ERROR
    pipeline = default_pipeline(disable=disable, lang=args.lang or None)

    status = EXIT_OK
    try:
        for path in args.files or ["-"]:
            try:
                name, text = _read(path)
                if args.jsonl:
                    result = _process_jsonl(name, text, args.field, pipeline, args.explain)
                else:
                    result = _process_text(name, text, pipeline, args.explain)
            except InputError as exc:
                _error(str(exc))
                status = EXIT_ERROR
                continue
            _write(out, result)
            out.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return status


def run() -> None:
    """Console-script style entry: exit with :func:`main`'s status."""
    raise SystemExit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
