"""The ``mtclean`` command: repair files (or stdin), streaming, and say what changed.

    mtclean [OPTIONS] [FILE ...]

Text is read and repaired **paragraph by paragraph** (blank-line separated;
a paragraph longer than 64 KiB is cut at a line break), JSON Lines record by
record, so memory stays flat however large the input. Each piece is
repaired exactly as ``mtclean.normalize(piece, lang=L)`` would repair it,
L being the input's language: ``--lang``, or detected once on the input's
first pieces (read ahead: at most LANG_SAMPLE_CHARS of text), a piece of
200 characters or more keeping its own when detected as another language
(``language.document_language``, ``language.language_in_document``).
``--detect-per-paragraph``: as ``mtclean.normalize(piece)``.

Where the output goes while a file is read:

- a named FILE is *spooled* (in memory up to 4 MiB, then in a temporary
  file) and copied to stdout only once the whole file has been read, decoded
  and parsed: a file that fails part-way writes nothing of itself;
- standard input is *streamed*: each paragraph is written as soon as it is
  repaired (``producer | mtclean | head`` answers at once). An error part-way
  stops that input; what came before it has been written.

``--stream`` streams named files too, ``--no-stream`` spools stdin too.

Exit status: 0 ok; 1 with ``--check`` when something would change; 2 on a
usage error or when any input could not be read, decoded or parsed (or
stdout could not be written); 130 on Ctrl-C; 141 when stdout is closed early
(``mtclean big.txt | head``), silently.

See ``docs/cli.md`` for examples.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import collections
import difflib
import json
import multiprocessing
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO, Callable, Iterable, Iterator, Sequence

from . import CATEGORIES, DEFAULT_RULES, __version__, default_pipeline
from .edits import Edit
from .language import UNDETERMINED, document_language, language_in_document
from .pipeline import Explanation, Pipeline, check_lang

__all__ = ["main", "build_parser", "line_starts", "line_column", "format_edit", "field_value_span"]

PROG = "mtclean"
STDIN_NAME = "<stdin>"

EXIT_OK = 0
EXIT_CHANGED = 1  # --check: something would be repaired
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `cat big | head`

CHUNK_CHARS = 64 * 1024  # a paragraph longer than this is cut at a line break
LINE_LIMIT = 1 << 20  # a text line longer than this is cut at a space
SPOOL_MEMORY = 4 << 20  # a spooled file's output beyond this goes to a temporary file
CONTEXT_CHARS = 24  # --explain: characters of context each side of an edit
PASSTHROUGH_BATCH = 256  # JSONL lines passed through before the consumer must catch up
# Without --lang, an input's language is detected once, on its first pieces
# (paragraphs or records): read ahead until they hold this much text, or this
# many pieces, or this many bytes were read, or the input ends.
LANG_SAMPLE_CHARS = 2000
LANG_SAMPLE_PIECES = 64
LANG_SAMPLE_BYTES = 1 << 20
BATCH = 64  # -j: pieces per task sent to a worker

# Line breaks as Python's universal-newlines mode sees them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_PIECES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_JSON_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_DECODER = json.JSONDecoder()
BOM = "\ufeff"


class InputError(Exception):
    """An input that cannot be processed; the message names the input."""


class OutputError(Exception):
    """Standard output cannot be written (full disk, I/O error); not EPIPE."""


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


def _visible(s: str) -> str:
    """``s`` with line breaks, tabs and other control characters escaped.

    >>> _visible("a\\tb\\r\\n")
    'a\\\\tb\\\\r\\\\n'
    """
    out = []
    for ch in s:
        if ch in "\n\r\t\\":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def edit_context(text: str, edit: Edit, width: int = CONTEXT_CHARS, finding: bool = False) -> str:
    """The edit in its line: ``…left«before» → «after»right…`` (a finding: ``…left«span»right…``).

    >>> from mtclean.edits import Edit
    >>> edit_context("It was the the best of times.", Edit("r", 10, 14, " the", ""))
    'It was the« the» → «» best of times.'
    >>> edit_context("He said привет to me.", Edit("r", 8, 14, "привет", "привет"), finding=True)
    'He said «привет» to me.'
    """
    line_begin = max(text.rfind("\n", 0, edit.start), text.rfind("\r", 0, edit.start)) + 1
    m = _LINE_BREAK.search(text, edit.end)
    line_end = m.start() if m else len(text)
    left_at = max(line_begin, edit.start - width)
    right_at = min(line_end, edit.end + width)
    left = ("…" if left_at > line_begin else "") + _visible(text[left_at:edit.start])
    right = _visible(text[edit.end:right_at]) + ("…" if right_at < line_end else "")
    if finding:
        return f"{left}«{_visible(edit.before)}»{right}"
    return f"{left}«{_visible(edit.before)}» → «{_visible(edit.after)}»{right}"


def format_edit(name: str, line: int, column: int, edit: Edit, text: str, suggestion: bool = False,
                finding: bool = False) -> str:
    """``NAME:LINE:COLUMN: rule (category, confidence 0.93): …left«before» → «after»right…``.

    ``text`` is the text the edit's offsets refer to (for the context). A
    suggestion (not applied) or a finding (reported, nothing to replace) says so.

    >>> from mtclean.edits import Edit
    >>> format_edit("a.txt", 1, 4, Edit("remove_doubled_words", 3, 7, " the", "", 0.97, (), "doubling"), "the the cat")
    'a.txt:1:4: remove_doubled_words (doubling, confidence 0.97): the« the» → «» cat'
    """
    flag = ", suggestion" if suggestion else ", finding" if finding else ""
    about = f"{edit.category or '-'}, confidence {edit.confidence:.2f}{flag}"
    return f"{name}:{line}:{column}: {edit.rule} ({about}): {edit_context(text, edit, finding=finding)}"


def edit_record(name: str, line: int, column: int, edit: Edit, suggestion: bool = False,
                finding: bool = False) -> dict[str, Any]:
    """The ``--format json`` object of one edit; ``kind`` is ``edit``, ``suggestion`` or ``finding``.

    >>> from mtclean.edits import Edit
    >>> edit_record("a.txt", 1, 4, Edit("remove_doubled_words", 3, 7, " the", "", 0.97, ("x",), "doubling"))["kind"]
    'edit'
    """
    return {
        "file": name,
        "line": line,
        "column": column,
        "rule": edit.rule,
        "category": edit.category,
        "before": edit.before,
        "after": edit.after,
        "confidence": edit.confidence,
        "evidence": list(edit.evidence),
        "suggestion": suggestion,
        "kind": "suggestion" if suggestion else "finding" if finding else "edit",
    }


# --------------------------------------------------------------------------
# JSON Lines: find a field's value without re-serialising the record


def _skip_ws(line: str, pos: int) -> int:
    return _JSON_WS.match(line, pos).end()  # type: ignore[union-attr]


def field_value_span(line: str, name: str) -> tuple[object, int, int] | None:
    """``(value, start, end)`` of top-level field ``name`` in the JSON text ``line``.

    None when ``line`` is not an object or has no such field (the last one
    wins when a key repeats, as in ``json.loads``). The whole line is
    validated; invalid JSON raises ``ValueError`` with the column.

    >>> field_value_span('{"id": 1.0e5, "text": "a\\\\u00e9"}', "text")
    ('aé', 22, 31)
    """
    try:
        pos = _skip_ws(line, 0)
        if line[pos:pos + 1] != "{":
            _, pos = _JSON_DECODER.raw_decode(line, pos)
            found = None
        else:
            found = None
            pos = _skip_ws(line, pos + 1)
            if line[pos:pos + 1] == "}":
                pos += 1
            else:
                while True:
                    if line[pos:pos + 1] != '"':
                        raise ValueError(f"expecting a property name in double quotes at column {pos + 1}")
                    key, pos = json.decoder.scanstring(line, pos + 1)  # type: ignore[attr-defined]
                    pos = _skip_ws(line, pos)
                    if line[pos:pos + 1] != ":":
                        raise ValueError(f"expecting ':' at column {pos + 1}")
                    start = _skip_ws(line, pos + 1)
                    value, pos = _JSON_DECODER.raw_decode(line, start)
                    if key == name:
                        found = (value, start, pos)
                    pos = _skip_ws(line, pos)
                    sep = line[pos:pos + 1]
                    pos += 1
                    if sep == "}":
                        break
                    if sep != ",":
                        raise ValueError(f"expecting ',' or '}}' at column {pos}")
                    pos = _skip_ws(line, pos)
        pos = _skip_ws(line, pos)
        if pos != len(line):
            raise ValueError(f"extra data at column {pos + 1}")
        return found
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.msg} at column {exc.colno}") from None
    except (IndexError, StopIteration):
        raise ValueError(f"unexpected end of line at column {len(line) + 1}") from None


def json_string_like(value: str, original: str) -> str:
    """``value`` as a JSON string, written the way ``original`` (the old one) was.

    Non-ASCII stays readable unless the original escaped it (``\\u00e9``).

    >>> json_string_like("café", '"caf\\\\u00e9 x"'), json_string_like("café", '"cafe"')
    ('"caf\\\\u00e9"', '"café"')
    """
    escaped = original.isascii() and "\\u" in original
    return json.dumps(value, ensure_ascii=escaped)


# --------------------------------------------------------------------------
# Arguments


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Repair machine-translation and web-extraction artifacts in text, "
        "without damaging good text. Reads FILEs (or stdin) and writes the repaired text to stdout.",
        epilog="Exit status: 0 ok; 1 with --check when something would change; 2 usage error, unknown rule, "
        "or an input that could not be read, decoded or parsed (the other inputs are still processed); "
        "130 interrupted; 141 stdout closed early.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (UTF-8); '-' or none: standard input")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--explain",
        action="store_true",
        help="print each edit in its context (FILE:LINE:COL: rule (category, confidence): …«before» → «after»…)",
    )
    mode.add_argument("--check", action="store_true", help="write nothing; list the files that would change, exit 1 if any")
    mode.add_argument("--diff", action="store_true", help="print a unified diff per file instead of the text")
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite each FILE (atomically) instead of printing")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="--explain output: text lines, or one JSON object per edit (implies --explain)")
    p.add_argument("--suggestions", action="store_true",
                   help="with --explain: also show the candidates below threshold, marked as suggestions")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour --diff output (auto: when stdout is a terminal and NO_COLOR is unset)")
    p.add_argument("--stats", action="store_true",
                   help="at the end, count the edits per rule and per file (on stderr; stdout with --in-place)")
    p.add_argument("--jsonl", action="store_true",
                   help="input is JSON Lines: repair the string field given by --field in each record, keep the rest")
    p.add_argument("--field", metavar="NAME", help="with --jsonl: the field to repair (required)")
    p.add_argument("--lang", metavar="CODE",
                   help="language of the text, e.g. en (default: detected once per input, on its first paragraphs; "
                   "a paragraph of 200 characters or more in another language keeps its own)")
    p.add_argument("--detect-per-paragraph", action="store_true",
                   help="without --lang: detect the language of each paragraph (record) on its own instead")
    p.add_argument("--disable", metavar="NAME[,NAME...]", action="append", default=[],
                   help="switch rules or categories off (repeatable); see --list-rules")
    p.add_argument("--min-confidence", metavar="X", type=float,
                   help="apply only edits at least this likely to be right (0..1) instead of each rule's threshold")
    p.add_argument("-j", "--jobs", metavar="N", type=int, default=1,
                   help="repair in N processes (0: one per CPU); the output order is kept")
    p.add_argument("--stream", action=argparse.BooleanOptionalAction, default=None,
                   help="write each paragraph as soon as it is repaired (default for stdin); "
                   "--no-stream: write a file's output only once all of it was read (default for files)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, warnings or --check listing")
    p.add_argument("--list-rules", action="store_true", help="list the rules with category and description, and exit")
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


@dataclass
class Options:
    """What to do, decided once from the arguments."""

    mode: str  # "repair", "explain", "check", "diff", "in-place"
    json_format: bool
    suggestions: bool
    stats: bool
    jsonl: bool
    field: str | None
    processes: int
    stream: bool | None
    color: bool
    quiet: bool
    file_language: bool = False  # detect the language once per input (no --lang, no --detect-per-paragraph)

    @property
    def needs_edits(self) -> bool:
        return self.mode == "explain" or self.stats


# --------------------------------------------------------------------------
# Reading: pieces to repair, in order, never raising for a bad input


@dataclass(eq=False)
class Job:
    """One input and what became of it."""

    path: str
    name: str
    size: int | None = None
    bom: bool = False
    changed: bool = False
    edits: int = 0
    findings: int = 0  # reported, not applied (untranslated fragments, ...)
    line: int = 1  # next line number, original side (explain, diff)
    new_line: int = 1  # next line number, repaired side (diff)
    header_done: bool = False
    wrote: bool = False


@dataclass(eq=False)
class Piece:
    """What the consumer needs to place one repaired text (or an event)."""

    job: Job
    kind: str  # "text", "record", "flush", "end", "warn"
    text: str = ""  # the text sent to the rules
    before: list[str] = field(default_factory=list)  # JSONL lines passed through first
    line: str = ""  # JSONL: the record line, without its ending
    ending: str = ""  # JSONL: the line ending
    span: tuple[int, int] = (0, 0)  # JSONL: the field value's span in ``line``
    lineno: int = 0  # JSONL: the record's line number
    pos: int = 0  # bytes of the input read so far
    error: str | None = None


def _open_input(path: str) -> tuple[BinaryIO, bool, int | None]:
    """(stream, whether to close it, size if a regular file); raises InputError."""
    if path == "-":
        if sys.stdin is None:
            raise InputError(f"{STDIN_NAME}: standard input is closed")
        stream = sys.stdin.buffer
        return stream, False, _regular_size(stream.fileno())
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc
    return f, True, _regular_size(f.fileno())


def _regular_size(fd: int) -> int | None:
    try:
        st = os.fstat(fd)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


class _Decoder:
    """Strict incremental UTF-8 that knows the byte offset of an error."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.consumed = 0

    def decode(self, data: bytes, final: bool = False) -> str:
        pending = len(self.decoder.getstate()[0])
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            offset = self.consumed - pending + exc.start
            raise InputError(f"{self.name}: invalid UTF-8 at byte offset {offset}") from exc
        self.consumed += len(data)
        return text


def _read_lines(stream: BinaryIO, name: str, limit: int | None) -> Iterator[tuple[str, int]]:
    """Decoded lines (with their endings) and the bytes read so far; raises InputError."""
    dec = _Decoder(name)
    while True:
        try:
            raw = stream.readline(-1 if limit is None else limit)
        except OSError as exc:
            raise InputError(f"{name}: {exc.strerror or exc}") from exc
        if not raw:
            tail = dec.decode(b"", final=True)
            if tail:  # pragma: no cover - final=True with no bytes pending yields nothing
                yield tail, dec.consumed
            return
        text = dec.decode(raw)
        if text:
            yield text, dec.consumed


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


def _text_pieces(job: Job, lines: Iterator[tuple[str, int]]) -> Iterator[Piece]:
    """Paragraphs (a paragraph and the blank line after it; further blank lines
    go as pieces of their own), at most CHUNK_CHARS long.

    A paragraph longer than that is cut after a line; a line longer than
    LINE_LIMIT bytes is cut after a space. A paragraph is handed on as soon
    as its first blank line is read.
    """
    para: list[str] = []
    size = 0
    blank_run = False
    first = True
    pos = 0

    def piece() -> Piece:
        return Piece(job, "text", "".join(para), pos=pos)

    for line, pos in lines:  # noqa: B007 (pos is read by piece())
        if first:
            first = False
            if line.startswith(BOM):
                # Kept, but out of the text the rules see: line 1 starts after it.
                job.bom = True
                line = line[1:]
                if not line:
                    continue
        if _is_blank(line):
            if para and not blank_run:
                # The paragraph ends here: hand it on now, with this blank line,
                # rather than when the next line arrives (a slow producer's
                # paragraph must not wait for the next one).
                para.append(line)
                yield piece()
                para, size, blank_run = [], 0, True
                continue
            blank_run = True
        elif blank_run or size >= CHUNK_CHARS:
            if para:
                yield piece()
            para, size, blank_run = [], 0, False
        if not line.endswith(("\n", "\r")) and len(line) >= LINE_LIMIT // 4 and size + len(line) >= CHUNK_CHARS:
            # A line cut by the read limit: end this piece at its last space.
            cut = max(line.rfind(" "), line.rfind("\t")) + 1
            if cut:
                para.append(line[:cut])
                yield piece()
                para, size, blank_run = [line[cut:]], len(line) - cut, False
                continue
        para.append(line)
        size += len(line)
    if para:
        yield piece()


def _record_pieces(job: Job, lines: Iterator[tuple[str, int]], field_name: str) -> Iterator[Piece]:
    """One piece per record whose field is a string; other lines ride along in ``before``."""
    passed: list[str] = []
    lineno = 0
    pos = 0
    for raw, pos in lines:
        lineno += 1
        body = raw.rstrip("\r\n") if raw.endswith("\n") else raw
        ending = raw[len(body):]
        prefix = ""
        if lineno == 1 and body.startswith(BOM):
            prefix, body = BOM, body[1:]
        if body.strip(" \t\r\n"):
            try:
                found = field_value_span(body, field_name)
            except ValueError as exc:
                raise InputError(f"{job.name}:{lineno}: invalid JSON: {exc}") from exc
            if found is not None and isinstance(found[0], str):
                value = found[0]
                if _SURROGATE.search(value):
                    # Not UTF-8-encodable once repaired: the record goes through as it was.
                    passed.append(raw)
                    yield Piece(job, "warn", "", passed, lineno=lineno, pos=pos,
                                error=f"{job.name}:{lineno}: field {field_name!r} holds a lone surrogate "
                                "(\\ud800-\\udfff escape); record passed through unchanged")
                    passed = []
                    continue
                yield Piece(job, "record", value, passed, prefix + body, ending,
                            (found[1] + len(prefix), found[2] + len(prefix)), lineno, pos)
                passed = []
                continue
        passed.append(raw)
        if len(passed) >= PASSTHROUGH_BATCH:
            yield Piece(job, "flush", "", passed, pos=pos)
            passed = []
    if passed:
        yield Piece(job, "flush", "", passed, pos=pos)


def _with_file_language(pieces: Iterator[Piece], default: str) -> Iterator[tuple[Piece, str | None]]:
    """Each piece with its input's language, detected once on the first pieces.

    Reads ahead until the pieces hold LANG_SAMPLE_CHARS of text (or
    LANG_SAMPLE_PIECES pieces, or LANG_SAMPLE_BYTES were read, or the input
    ends), detects the language of that sample, then hands on every piece
    with it. None when the sample is undetermined: each piece is then
    detected on its own. An error while reading ahead is raised once the
    pieces read before it have been handed on.
    """
    ahead: list[Piece] = []
    sample: list[str] = []
    size = 0
    error: InputError | None = None
    try:
        for piece in pieces:
            ahead.append(piece)
            if piece.text.strip():
                sample.append(piece.text)
                size += len(piece.text)
            if size >= LANG_SAMPLE_CHARS or len(ahead) >= LANG_SAMPLE_PIECES or piece.pos >= LANG_SAMPLE_BYTES:
                break
    except InputError as exc:
        error = exc
    lang = document_language(sample, default=default) if sample else UNDETERMINED
    file_lang = None if lang == UNDETERMINED else lang
    for piece in ahead:
        yield piece, file_lang
    if error is not None:
        raise error
    for piece in pieces:
        yield piece, file_lang


def _pieces(paths: Sequence[str], opts: Options, queue: collections.deque,
            default_lang: str) -> Iterator[tuple[str, str | None]]:
    """Texts for the rules with their input's language (None: detect per text), in order;
    the matching Piece goes on ``queue`` first.

    Runs in the pool's feeder thread with ``-j``: it never raises for a bad
    input (the error becomes an "end" piece), so the other inputs go on.
    """
    for path in paths:
        name = STDIN_NAME if path == "-" else path
        job = Job(path, name)
        pos = 0
        try:
            stream, close, job.size = _open_input(path)
            try:
                lines = _read_lines(stream, name, None if opts.jsonl else LINE_LIMIT)
                if opts.jsonl:
                    pieces = _record_pieces(job, lines, opts.field or "")
                else:
                    pieces = _text_pieces(job, lines)
                if opts.file_language:
                    with_lang = _with_file_language(pieces, default_lang)
                else:
                    with_lang = ((piece, None) for piece in pieces)
                for piece, lang in with_lang:
                    pos = piece.pos
                    queue.append(piece)
                    yield piece.text, lang
            finally:
                if close:
                    stream.close()
        except InputError as exc:
            queue.append(Piece(job, "end", pos=pos, error=str(exc)))
            yield "", None
            continue
        queue.append(Piece(job, "end", pos=pos))
        yield "", None


# --------------------------------------------------------------------------
# Repairing: in this process or on a pool, order kept


_worker: tuple[Pipeline, bool, bool] | None = None


def repair_piece(pipeline: Pipeline, text: str, file_lang: str | None, explain: bool,
                 suggestions: bool = False) -> str | Explanation:
    """One piece repaired: in its input's language ``file_lang`` (a long
    paragraph in another language keeps its own, see
    ``language_in_document``), or detected on its own when None.

    The repaired text, or with ``explain`` the whole :class:`Explanation`.
    """
    lang = language_in_document(text, file_lang) if file_lang and text else None
    result = pipeline.explain(text, lang=lang, suggestions=suggestions)
    return result if explain else result.text


def _init_worker(pipeline: Pipeline, explain: bool, suggestions: bool) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _worker = (pipeline, explain, suggestions)


def _repair_in_worker(item: tuple[str, str | None]) -> str | Explanation:
    assert _worker is not None
    pipeline, explain, suggestions = _worker
    return repair_piece(pipeline, item[0], item[1], explain, suggestions)


def _start_method() -> str | None:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def _repair_many(items: Iterator[tuple[str, str | None]], pipeline: Pipeline, processes: int, explain: bool,
                 suggestions: bool, batch: int = BATCH) -> Iterator[str | Explanation]:
    """:func:`repair_piece` of each (text, language) item, in order; on a pool when ``processes > 1``.

    The pool is fed in batches of ``batch`` items, at most ``4 * processes``
    batches in flight (sent, or done and not yet consumed), so memory stays
    bounded however fast the input and however slow the output.
    """
    if processes == 1:
        for text, lang in items:
            yield repair_piece(pipeline, text, lang, explain, suggestions)
        return
    ctx = multiprocessing.get_context(_start_method())
    slots = threading.Semaphore(processes * batch * 4)
    stop = threading.Event()

    def gated(it: Iterator[tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
        for item in it:
            while not slots.acquire(timeout=0.05):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield item

    pool = ctx.Pool(processes, initializer=_init_worker, initargs=(pipeline, explain, suggestions))
    try:
        for result in pool.imap(_repair_in_worker, gated(items), batch):
            slots.release()
            yield result
        pool.close()
        pool.join()
    finally:
        stop.set()
        pool.terminate()


# --------------------------------------------------------------------------
# Writing


class Output:
    """Standard output as bytes; EPIPE passes through, other errors become OutputError."""

    def __init__(self, stream: BinaryIO | None) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        if not data:
            return
        if self.stream is None:
            raise OutputError("standard output is closed")
        view = memoryview(data)
        try:
            while view:
                # A large write into a pipe whose reader has gone can come back
                # short; only the next write raises BrokenPipeError.
                n = self.stream.write(view)
                view = view[len(view) if n is None else n:]
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise OutputError(_os_message(exc)) from exc

    def text(self, s: str) -> None:
        self.write(s.encode("utf-8", "surrogateescape"))  # (file names from undecodable paths)

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise OutputError(_os_message(exc)) from exc


def _os_message(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


class Sink:
    """Where one input's output goes; ``commit`` when it is complete, ``discard`` when it failed."""

    def __init__(self, out: Output) -> None:
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.out.flush()

    def commit(self, job: Job) -> None:
        pass

    def discard(self) -> None:
        pass


class SpoolSink(Sink):
    """Output held back (memory, then a temporary file) until the input is complete."""

    def __init__(self, out: Output) -> None:
        super().__init__(out)
        self.spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY, mode="w+b")

    def write(self, data: bytes) -> None:
        try:
            self.spool.write(data)
        except OSError as exc:
            raise InputError(f"spool for the output: {_os_message(exc)}") from exc

    def commit(self, job: Job) -> None:
        self.spool.seek(0)
        while block := self.spool.read(1 << 16):
            self.out.write(block)
        self.out.flush()
        self.spool.close()

    def discard(self) -> None:
        self.spool.close()


class NullSink(Sink):
    def write(self, data: bytes) -> None:
        pass


class InPlaceSink(Sink):
    """A temporary file next to the input, moved over it (``os.replace``) if anything changed."""

    def __init__(self, out: Output, path: str) -> None:
        super().__init__(out)
        self.target = os.path.realpath(path)  # replace the file a symlink points at, not the link
        self.tmp: IO[bytes] | None = None

    def write(self, data: bytes) -> None:
        try:
            if self.tmp is None:
                directory, base = os.path.split(self.target)
                self.tmp = tempfile.NamedTemporaryFile(
                    dir=directory or ".", prefix=f".{base}.", suffix=".mtclean", delete=False
                )
            self.tmp.write(data)
        except OSError as exc:
            raise InputError(f"{self.target}: cannot write the repaired copy: {_os_message(exc)}") from exc

    def commit(self, job: Job) -> None:
        if self.tmp is None:
            return
        try:
            if job.changed:
                self.tmp.flush()
                os.fsync(self.tmp.fileno())
                os.chmod(self.tmp.name, stat.S_IMODE(os.stat(self.target).st_mode))
                self.tmp.close()
                os.replace(self.tmp.name, self.target)
                self.tmp = None
        except OSError as exc:
            raise InputError(f"{job.name}: cannot replace the file: {_os_message(exc)}") from exc
        finally:
            self.discard()

    def discard(self) -> None:
        if self.tmp is not None:
            self.tmp.close()
            try:
                os.unlink(self.tmp.name)
            except OSError:
                pass
            self.tmp = None


# --------------------------------------------------------------------------
# Diffs, per piece, with the line numbers of the whole file

_COLORS = {"header": "\x1b[1m", "hunk": "\x1b[36m", "-": "\x1b[31m", "+": "\x1b[32m"}
_RESET = "\x1b[0m"


def _diff_lines(text: str) -> list[str]:
    return _LINE_PIECES.findall(text)


def _range(start: int, length: int) -> str:
    """A unified-diff range, as difflib writes it (``start`` is 1-based)."""
    if length == 1:
        return str(start)
    if not length:
        start -= 1
    return f"{start},{length}"


def diff_hunks(a: list[str], b: list[str], a_line: int, b_line: int, color: bool, context: int = 3) -> Iterator[str]:
    """The hunks of ``difflib.unified_diff(a, b)``, numbered from lines ``a_line``/``b_line``.

    >>> "".join(diff_hunks(["x\\n", "the the y\\n"], ["x\\n", "the y\\n"], 10, 10, False))
    '@@ -10,2 +10,2 @@\\n x\\n-the the y\\n+the y\\n'
    """

    def paint(kind: str, s: str) -> str:
        return f"{_COLORS[kind]}{s}{_RESET}" if color else s

    def line(tag: str, s: str) -> str:
        body = s.rstrip("\r\n")
        end = s[len(body):]
        out = (paint(tag, tag + body) if tag != " " else tag + body) + (end if end.endswith("\n") else end + "\n")
        if not end:
            out += "\\ No newline at end of file\n"
        return out

    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        head = f"@@ -{_range(a_line + first[1], last[2] - first[1])} +{_range(b_line + first[3], last[4] - first[3])} @@"
        yield paint("hunk", head) + "\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (line(" ", s) for s in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from (line("-", s) for s in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from (line("+", s) for s in b[j1:j2])


# --------------------------------------------------------------------------
# The run


@dataclass
class Run:
    opts: Options
    out: Output
    err: Callable[[str], None]
    per_rule: collections.Counter = field(default_factory=collections.Counter)
    per_finding: collections.Counter = field(default_factory=collections.Counter)
    per_lang: collections.Counter = field(default_factory=collections.Counter)  # --stats: pieces per language
    per_file: list[tuple[str, int, bool, int]] = field(default_factory=list)
    failed: int = 0
    would_change: int = 0
    clean: int = 0

    def sink_for(self, job: Job) -> Sink:
        mode = self.opts.mode
        if mode == "check":
            return NullSink(self.out)
        if mode == "in-place":
            return InPlaceSink(self.out, job.path)
        stream = self.opts.stream if self.opts.stream is not None else job.path == "-"
        return Sink(self.out) if stream else SpoolSink(self.out)

    # -- one piece ---------------------------------------------------------

    def place(self, piece: Piece, result: str | Explanation, sink: Sink) -> None:
        job, opts = piece.job, self.opts
        for raw in piece.before:
            self.emit_passthrough(job, raw, sink)
        if piece.kind == "warn":
            if not opts.quiet:
                self.err(piece.error or "")
            return
        if piece.kind not in ("text", "record"):
            return
        explanation = result if isinstance(result, Explanation) else None
        repaired = result.text if isinstance(result, Explanation) else result
        if explanation is not None:
            job.edits += len(explanation.edits)
            job.findings += len(explanation.findings)
            self.per_rule.update(e.rule for e in explanation.edits)
            self.per_finding.update(e.rule for e in explanation.findings)
            if piece.text.strip():
                self.per_lang[explanation.lang] += 1
        if repaired != piece.text:
            job.changed = True
        if piece.kind == "text":
            self.place_text(piece, repaired, explanation, sink)
        else:
            self.place_record(piece, repaired, explanation, sink)

    def emit_passthrough(self, job: Job, raw: str, sink: Sink) -> None:
        if self.opts.mode in ("repair", "in-place"):
            sink.write(raw.encode("utf-8"))
        elif self.opts.mode == "diff":
            job.line += 1
            job.new_line += 1

    def place_text(self, piece: Piece, repaired: str, explanation: Explanation | None, sink: Sink) -> None:
        job, mode = piece.job, self.opts.mode
        if mode in ("repair", "in-place"):
            if job.bom and not job.wrote:
                sink.write(BOM.encode("utf-8"))
            job.wrote = True
            sink.write(repaired.encode("utf-8"))
        elif mode == "explain":
            assert explanation is not None
            starts = line_starts(piece.text)
            self.write_edits(job, piece.text, explanation, sink,
                             lambda off: (lambda lc: (lc[0] + job.line - 1, lc[1]))(line_column(starts, off)))
            job.line += len(starts) - 1
        elif mode == "diff":
            a, b = _diff_lines(piece.text), _diff_lines(repaired)
            if a != b:
                self.write_diff(job, a, b, sink)
            job.line += len(a)
            job.new_line += len(b)

    def place_record(self, piece: Piece, repaired: str, explanation: Explanation | None, sink: Sink) -> None:
        job, mode = piece.job, self.opts.mode
        start, end = piece.span
        if repaired == piece.text:
            new_line = piece.line  # untouched records stay byte-identical
        else:
            new_line = piece.line[:start] + json_string_like(repaired, piece.line[start:end]) + piece.line[end:]
        if mode in ("repair", "in-place"):
            sink.write((new_line + piece.ending).encode("utf-8"))
        elif mode == "explain":
            assert explanation is not None
            self.write_edits(job, piece.text, explanation, sink, lambda off: (piece.lineno, off + 1))
        elif mode == "diff":
            job.line = job.new_line = piece.lineno
            if new_line != piece.line:
                ending = piece.ending or ""
                self.write_diff(job, [piece.line + ending], [new_line + ending], sink)
            job.line += 1
            job.new_line += 1

    def write_edits(self, job: Job, text: str, explanation: Explanation, sink: Sink,
                    where: Callable[[int], tuple[int, int]]) -> None:
        # kind: 0 an applied edit, 1 a suggestion, 2 a finding
        items = [(e, 0) for e in explanation.edits] + [(e, 2) for e in explanation.findings]
        if self.opts.suggestions:
            items += [(e, 1) for e in explanation.suggestions]
        items.sort(key=lambda item: (item[0].start, item[0].end, item[1]))
        lines = []
        for e, kind in items:
            line, col = where(e.start)
            if self.opts.json_format:
                record = edit_record(job.name, line, col, e, kind == 1, kind == 2)
                lines.append(json.dumps(record, ensure_ascii=False))
            else:
                lines.append(format_edit(job.name, line, col, e, text, kind == 1, kind == 2))
        if lines:
            sink.write(("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))

    def write_diff(self, job: Job, a: list[str], b: list[str], sink: Sink) -> None:
        chunks = []
        if not job.header_done:
            job.header_done = True
            head = f"--- {job.name}\n+++ {job.name}\n"
            chunks.append(f"{_COLORS['header']}{head[:-1]}{_RESET}\n" if self.opts.color else head)
        chunks.extend(diff_hunks(a, b, job.line, job.new_line, self.opts.color))
        sink.write("".join(chunks).encode("utf-8", "surrogateescape"))

    # -- one input done ----------------------------------------------------

    def finish(self, piece: Piece, sink: Sink, streamed: bool) -> None:
        job = piece.job
        if piece.error is not None:
            sink.discard()
            self.failed += 1
            note = " (the output before that point was written)" if streamed and job.wrote else ""
            self.err(piece.error + note)
            return
        try:
            if self.opts.mode in ("repair", "in-place") and job.bom and not job.wrote:
                sink.write(BOM.encode("utf-8"))  # a file that is only a BOM
            sink.commit(job)
        except InputError as exc:
            self.failed += 1
            self.err(str(exc))
            return
        self.per_file.append((job.name, job.edits, job.changed, job.findings))
        if job.changed:
            self.would_change += 1
            if self.opts.mode == "check" and not self.opts.quiet:
                self.out.text(f"Would repair: {job.name}\n")
                self.out.flush()
        else:
            self.clean += 1


def _progress(opts: Options, paths: Sequence[str]):  # -> tqdm | None
    """A progress bar in bytes on stderr, for a terminal only, shown after half a second."""
    if opts.quiet or sys.stderr is None or not _isatty(sys.stderr):
        return None
    if opts.mode in ("repair", "explain", "diff") and sys.stdout is not None and _isatty(sys.stdout):
        return None  # the output is on the same terminal
    from tqdm import tqdm  # only when a bar may be shown: it costs start-up time

    sizes = []
    for p in paths:
        try:
            st = os.stat(p) if p != "-" else os.fstat(0)
            sizes.append(st.st_size if stat.S_ISREG(st.st_mode) else None)
        except OSError:
            sizes.append(0)
    total = None if None in sizes else sum(s or 0 for s in sizes)
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                delay=0.5, leave=False, dynamic_ncols=True)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _run(paths: Sequence[str], opts: Options, pipeline: Pipeline, out: Output) -> int:
    queue: collections.deque = collections.deque()
    items = _pieces(paths, opts, queue, pipeline.default_lang)
    results = _repair_many(items, pipeline, opts.processes, opts.needs_edits, opts.suggestions)
    bar = _progress(opts, paths)

    def err(message: str) -> None:
        if bar is not None:
            bar.clear()
        _error(message)

    run = Run(opts, out, err)
    job: Job | None = None
    sink: Sink = NullSink(out)
    streamed = failed = False
    done_bytes = 0
    try:
        for result in results:
            piece = queue.popleft()
            if piece.job is not job:
                job = piece.job
                sink = run.sink_for(job)
                streamed = type(sink) is Sink
                done_bytes, failed = 0, False
            if failed:
                continue  # its output could not be written: the rest of it is skipped
            try:
                if piece.kind == "end":
                    run.finish(piece, sink, streamed)
                else:
                    run.place(piece, result, sink)
            except InputError as exc:  # the in-place copy or the spool could not be written
                sink.discard()
                failed = True
                run.failed += 1
                err(str(exc))
            if bar is not None and piece.pos > done_bytes:
                bar.update(piece.pos - done_bytes)
                done_bytes = piece.pos
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the pool, if any
        sink.discard()
        if bar is not None:
            bar.close()

    if opts.stats:
        _write_stats(run, out if opts.mode == "in-place" else None)
    if opts.mode == "check" and not opts.quiet:
        out.text(_check_summary(run) + "\n")
        out.flush()
    if run.failed:
        return EXIT_ERROR
    if opts.mode == "check" and run.would_change:
        return EXIT_CHANGED
    return EXIT_OK


def _check_summary(run: Run) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' if n != 1 else ''}"

    parts = []
    if run.would_change:
        parts.append(f"{files(run.would_change)} would be repaired")
    if run.clean or not parts:
        parts.append(f"{files(run.clean)} already clean")
    if run.failed:
        parts.append(f"{files(run.failed)} could not be read")
    return ", ".join(parts)


def _write_stats(run: Run, out: Output | None) -> None:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    def counts(title: str, counter: collections.Counter) -> list[str]:
        width = max([len(str(n)) for n in counter.values()] + [1])
        return [title] + [f"  {n:>{width}}  {rule}" for rule, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]

    lines = counts("edits per rule:", run.per_rule)
    if run.per_finding:
        lines += counts("findings per rule (reported, never applied):", run.per_finding)
    lines.append("edits per file:")
    width = max([len(str(n)) for _, n, _, _ in run.per_file] + [1])
    for name, n, _, found in run.per_file:
        lines.append(f"  {n:>{width}}  {name}" + (f"  ({plural(found, 'finding')})" if found else ""))
    if run.per_lang:
        lines += counts(f"{'records' if run.opts.jsonl else 'paragraphs'} per language (und: undetermined):",
                        run.per_lang)
    total = sum(n for _, n, _, _ in run.per_file)
    changed = sum(1 for _, _, c, _ in run.per_file if c)
    found = sum(f for _, _, _, f in run.per_file)
    lines.append(f"total: {plural(total, 'edit')} in {changed} of {plural(len(run.per_file), 'file')}"
                 + (f"; {plural(found, 'finding')}" if found else ""))
    text = "\n".join(lines) + "\n"
    if out is not None:
        out.text(text)
        out.flush()
    elif sys.stderr is not None:
        sys.stderr.write(text)
        sys.stderr.flush()


# --------------------------------------------------------------------------
# Entry point


def _error(message: str) -> None:
    if sys.stderr is None:
        return
    try:
        print(f"{PROG}: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After EPIPE or a failed write: point stdout at devnull so the exit-time flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if sys.stdout is not None:
        try:
            # Drop whatever the buffer still holds: it can never be written.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass


class _TextWriter:
    """Bytes written as UTF-8 text into a text-only stream (``sys.stdout`` replaced by a StringIO)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes | memoryview) -> int:
        self.stream.write(bytes(data).decode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def _binary_stdout() -> Any:
    if sys.stdout is None:
        return None
    return getattr(sys.stdout, "buffer", None) or _TextWriter(sys.stdout)


def _fd_open(fd: int) -> bool:
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


def _hold_fd(fd: int) -> None:
    """Put devnull on a closed standard descriptor, so no file we open lands there."""
    if not _fd_open(fd):
        try:
            got = os.open(os.devnull, os.O_RDWR)
            if got != fd:
                os.dup2(got, fd)
                os.close(got)
        except OSError:
            pass


def _quiet_sigint() -> None:
    """Ctrl-C: KeyboardInterrupt in this process only; a forked worker leaves it to the parent."""
    parent = os.getpid()

    def handler(signum: int, frame: object) -> None:
        if os.getpid() == parent:
            raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, handler)
    except (ValueError, OSError):  # not the main thread: keep the default
        pass


def _options(args: argparse.Namespace) -> Options | str:
    """Options from the arguments, or the usage error to report."""
    if args.field is not None and not args.jsonl:
        return "--field needs --jsonl"
    if args.jsonl and not args.field:
        return "--jsonl needs --field NAME (the JSON field to repair)"
    mode = "repair"
    for flag, name in ((args.explain, "explain"), (args.check, "check"), (args.diff, "diff"), (args.in_place, "in-place")):
        if flag:
            mode = name
    if args.format == "json" or args.suggestions:
        if mode not in ("repair", "explain"):
            return "--format json and --suggestions go with --explain, not --" + mode
        mode = "explain"
    if mode == "in-place" and (not args.files or "-" in args.files):
        return "--in-place needs FILE arguments (it cannot rewrite standard input)"
    if args.jobs < 0:
        return "-j/--jobs must be 0 (one per CPU) or more"
    if args.lang and args.detect_per_paragraph:
        return "--detect-per-paragraph goes without --lang (which names the language of all the text)"
    color = args.color == "always" or (
        args.color == "auto" and not os.environ.get("NO_COLOR") and sys.stdout is not None and _isatty(sys.stdout)
    )
    return Options(
        mode=mode,
        json_format=args.format == "json",
        suggestions=args.suggestions,
        stats=args.stats,
        jsonl=args.jsonl,
        field=args.field,
        processes=args.jobs or (os.cpu_count() or 1),
        stream=args.stream,
        color=color,
        quiet=args.quiet,
        file_language=not args.lang and not args.detect_per_paragraph,
    )


def _pipeline(args: argparse.Namespace) -> Pipeline | str:
    """The configured pipeline, or the usage error to report."""
    disable = _disabled(args.disable)
    valid = [r.name for r in DEFAULT_RULES]
    unknown = [n for n in disable if n not in valid and n not in CATEGORIES]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        return (f"unknown rule{plural} or categor{'ies' if plural else 'y'}: {', '.join(unknown)}; "
                f"valid rules: {', '.join(valid)}; categories: {', '.join(CATEGORIES)}")
    try:
        lang = check_lang(args.lang or None)
        pipeline = default_pipeline(disable=disable, lang=lang)
        if args.min_confidence is not None:
            pipeline = pipeline.configured(min_confidence=args.min_confidence)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return pipeline


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    _quiet_sigint()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as exc:
        _silence_stdout()
        _error(f"<stdout>: {exc}")
        return EXIT_ERROR


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    # A replaced sys.stdout (a StringIO under redirect_stdout) needs no descriptor.
    stdout_open = sys.stdout is not None and (not hasattr(sys.stdout, "buffer") or _fd_open(1))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)

    opts = _options(args)
    if isinstance(opts, str):
        _error(opts)
        return EXIT_ERROR
    pipeline = _pipeline(args)
    if isinstance(pipeline, str):
        _error(pipeline)
        return EXIT_ERROR
    needs_stdout = args.list_rules or opts.mode != "in-place" or opts.stats
    if not stdout_open and needs_stdout and not (opts.mode == "check" and opts.quiet):
        _error("standard output is closed")
        return EXIT_ERROR
    for fd in (0, 1, 2):
        _hold_fd(fd)
    out = Output(_binary_stdout() if stdout_open else None)
    if args.list_rules:
        out.text(_rule_listing())
        out.flush()
        return EXIT_OK
    return _run(args.files or ["-"], opts, pipeline, out)


def run() -> None:
    """Console-script style entry: exit with :func:`main`'s status."""
    raise SystemExit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
