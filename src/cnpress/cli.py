"""The ``cnpress`` command: clean, parse or explain extracted newspaper text, or fit a model.

Three subcommands share the same input and output handling::

    cnpress clean FILE... [-o OUT]          # readable text, one block per paragraph
    cnpress parse FILE... [--format json]   # text, markdown, json or jsonl
    cnpress explain FILE [--blocks]         # every line's decision and the features behind it

one fits a line model on annotated pages (see docs/training.md)::

    cnpress train GOLD... -o MODEL [--texts DIR] [--generated DIR...]

and one lints text that should already be clean (see :mod:`cnpress.check`)::

    cnpress check PATH... [-r] [--format text|json|github] [--select CODES] [--ignore CODES] [--fix]

``--model MODEL`` makes clean, parse and explain use that model.

Each ``FILE`` is read with :func:`cnpress.read_decoded` (UTF-8 with or
without a BOM, UTF-16/32 with a BOM, GB18030/GBK, Big5, UTF-16 without a BOM,
told apart by charset-normalizer); ``--encoding NAME`` forces one encoding,
``--decode-errors replace`` turns undecodable bytes into U+FFFD (and says how many
on stderr).  With no ``FILE``, or with ``-``, the bytes of standard input are
decoded the same way.  An input larger than ``--max-input`` MB is refused.

Output is UTF-8, to standard output or to ``-o OUT``.  ``OUT`` is written to
a temporary file in its folder, then renamed into place: a failed run leaves
the old ``OUT`` as it was, never half a file (``OUT`` that is not a regular
file, such as ``/dev/null``, is written directly).  ``OUT`` may not be one of
the inputs, standard input included (compared by device and inode).

Errors are one line on standard error, never a traceback:

* ``cnpress check``: exit status 1 when it found anything, 0 when not;
* exit status 1: a corpus run (``-r``, ``--out-dir``, ``--jobs``, ...: see
  docs/corpus.md) where some inputs failed; the others are written;
* exit status 2: bad usage, a missing or unreadable file, undecodable bytes,
  an input too large (or memory running out), ``-o`` naming an input, an
  output that cannot be written (a full disk), a closed standard output;
* exit status 141: standard output was closed early (``cnpress clean x | head``);
* exit status 130: interrupted.

>>> import contextlib, io
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["--version"])
>>> status, out.getvalue().startswith("cnpress ")
(0, True)
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO, Final, NoReturn

from . import __version__, corpus
from .check import FORMATS as CHECK_FORMATS
from .check import Finding, check, expand_paths, format_findings, rules_table, select_rules
from .convert import convert_document
from .decide import LineModel, decisions, load_pages, train
from .files import write_atomic
from .model import OPENCC_CONFIGS, Document, Options
from .pipeline import parse
from .reading import Decoded, DecodeError, decode, unify_breaks
from .render import render_markdown, render_text, to_json, to_jsonl

__all__ = ["CliError", "build_parser", "explain_lines", "main"]

#: Exit status for usage errors, unreadable input and refused output.
EXIT_USAGE: Final = 2
#: How many times a real annotated page counts in ``cnpress train`` (the
#: shipped model's recipe; see docs/training.md).
REAL_WEIGHT: Final = 10
#: Exit status when standard output is closed early (128 + SIGPIPE).
EXIT_BROKEN_PIPE: Final = 141
#: Exit status on Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED: Final = 130

#: The name standard input goes by in messages and in the file list.
STDIN_NAME: Final = "-"

#: Characters written to stdout at a time (a closed pipe is noticed early).
_CHUNK: Final = 1 << 16
#: Bytes read from an input at a time (so that a size limit is noticed early).
_READ_CHUNK: Final = 1 << 20
#: The largest input read by default, in MB (``--max-input``): a guard
#: against ``/dev/zero`` and mistakes.  Parse itself needs a few bytes of
#: memory per input byte beyond the text (long texts are parsed in chunks:
#: 2.2 on 50 MB, benchmarks/memory.py); the command also holds the bytes
#: read, the decoded text and the output.
DEFAULT_MAX_INPUT_MB: Final = 64

#: Output formats of ``cnpress parse``.
FORMATS: Final = ("text", "markdown", "json", "jsonl")


class CliError(Exception):
    """An error the command reports as one line on stderr (exit status 2)."""


class _ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors raise instead of exiting.

    ``main`` turns the error into the usual usage message and exit status 2,
    so that calling ``main([...])`` from Python never raises ``SystemExit``.
    """

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.format_usage() + f"{self.prog}: error: {message}")


class _UsageError(Exception):
    """A bad command line; the message is argparse's usage text."""


class _Exit(Exception):
    """``--help`` or ``--version`` finished; carries the exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True, slots=True)
class _Input:
    """One input: its display name, its path (``None`` for stdin), its text
    and the encoding it was read in."""

    name: str
    path: str | None
    text: str
    encoding: str | None = None


def _add_input_arguments(sub: argparse.ArgumentParser, *, many: bool) -> None:
    """Add the positional FILE argument(s) and the pipeline option flags."""
    if many:
        sub.add_argument("files", metavar="FILE", nargs="*",
                         help="input files (UTF-8, UTF-16/32 with BOM, GB18030); none or '-' reads stdin")
    else:
        sub.add_argument("files", metavar="FILE", nargs="?", default=None,
                         help="input file (UTF-8, UTF-16/32 with BOM, GB18030); none or '-' reads stdin")
    sub.add_argument("-o", "--output", metavar="OUT", default=None,
                     help="write UTF-8 to OUT instead of stdout (OUT may not be an input)")
    sub.add_argument("--encoding", metavar="NAME", default=None,
                     help="read every input in this encoding (big5, gbk, utf-16-le, ...) instead of detecting it")
    sub.add_argument("--decode-errors", choices=("strict", "replace"), default="strict",
                     help="undecodable bytes: stop with an error (strict, default) or put U+FFFD in their place "
                          "and say how many on stderr (replace)")
    sub.add_argument("--max-input", metavar="MB", type=int, default=DEFAULT_MAX_INPUT_MB,
                     help=f"refuse an input larger than MB megabytes (default: {DEFAULT_MAX_INPUT_MB})")
    group = sub.add_argument_group("pipeline options")
    group.add_argument("--spacing", choices=("tight", "spaced", "keep"), default="tight",
                       help="spaces between Chinese and Latin letters/digits: remove them (tight, default), "
                            "put exactly one (spaced), or leave them as they are (keep)")
    group.add_argument("--keep-halfwidth", action="store_true",
                       help="leave half-width ? ! , ; : ( ) in Chinese text as they are")
    group.add_argument("--captions", action="store_true",
                       help="include photo captions and credits in text/markdown output")
    group.add_argument("--no-bylines", action="store_true",
                       help="leave bylines and sources out of text/markdown output")
    group.add_argument("--model", metavar="MODEL", default=None,
                       help="a line model written by 'cnpress train' (default: the one shipped with cnpress)")
    _add_convert_argument(group)


def _add_convert_argument(group: argparse._ArgumentGroup) -> None:
    """``--convert CONFIG``: simplified/traditional conversion of the output (OpenCC)."""
    group.add_argument("--convert", metavar="CONFIG", choices=OPENCC_CONFIGS, default=None,
                       help="convert the output text with OpenCC (not the raw lines of explain): "
                            + ", ".join(OPENCC_CONFIGS)
                            + " (s2t: simplified to traditional, t2s: back, s2tw/s2hk: Taiwan/Hong Kong forms, "
                              "s2twp: with Taiwan phrases)")


def _add_corpus_arguments(sub: argparse.ArgumentParser) -> None:
    """Add the flags of a corpus run (see docs/corpus.md and :mod:`cnpress.corpus`)."""
    group = sub.add_argument_group("corpus runs (any of these, a glob or -r makes FILE... a corpus)")
    group.add_argument("-r", "--recursive", action="store_true",
                       help="take the files under each directory FILE, at any depth")
    group.add_argument("--include", metavar="GLOB", default=None,
                       help="names of the files taken from a directory (default: *.txt, *.jsonl or *.parquet)")
    group.add_argument("--out-dir", metavar="DIR", default=None,
                       help="one output per input under DIR, at the same relative path")
    group.add_argument("--suffix", metavar="SUF", default=None,
                       help="suffix of the outputs under --out-dir (default: by format, .jsonl for records)")
    group.add_argument("--records", choices=("documents", "articles"), default=None,
                       help="write JSONL records with provenance: one per document or one per article")
    group.add_argument("--input-format", choices=("text", "jsonl", "parquet"), default=None,
                       help="inputs are text files (default) or files of records (parquet needs pyarrow)")
    group.add_argument("--text-field", metavar="NAME", default="text",
                       help="the field of a record that holds its text (default: text)")
    group.add_argument("--id-field", metavar="NAME", default="id",
                       help="the field of a record that holds its id (default: id)")
    group.add_argument("-j", "--jobs", metavar="N", type=int, default=None,
                       help="worker processes (default: every core)")
    group.add_argument("--on-error", choices=("skip", "stop"), default=None,
                       help="after a failed input: go on (skip, default) or stop; any failure gives exit status 1")
    group.add_argument("--errors", metavar="FILE", default=None,
                       help="write one JSON record per failed input to FILE")
    group.add_argument("--resume", action="store_true",
                       help="skip inputs whose output under --out-dir already exists (outputs are written by rename)")
    group.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no closing summary")


#: The flags that make a command a corpus run.
_CORPUS_FLAGS: Final = ("recursive", "include", "out_dir", "suffix", "records", "input_format", "jobs",
                        "on_error", "errors", "resume")


def _is_corpus_run(args: argparse.Namespace) -> bool:
    """Whether the command line asks for a corpus run: a corpus flag, or a glob naming no file."""
    if any(getattr(args, name, None) not in (None, False) for name in _CORPUS_FLAGS):
        return True
    return any(any(c in name for c in "*?[") and not os.path.lexists(name) for name in _input_names(args))


def _run_corpus(args: argparse.Namespace, model: LineModel | None) -> int:
    """A corpus run (:func:`cnpress.corpus.run`): exit status 1 when any input failed."""
    names = _input_names(args)
    if STDIN_NAME in names:
        raise CliError("cnpress: standard input ('-') cannot be part of a corpus run; name files or directories")
    config = corpus.RunConfig(
        paths=tuple(names), command=args.command, fmt=getattr(args, "format", "text"), records=args.records,
        input_format=args.input_format or "text", text_field=args.text_field, id_field=args.id_field,
        recursive=args.recursive, include=args.include, out_dir=args.out_dir,
        output=None if args.output in (None, STDIN_NAME) else args.output, suffix=args.suffix,
        jobs=args.jobs if args.jobs is not None else corpus.default_jobs(), on_error=args.on_error or "skip",
        errors=args.errors, resume=args.resume, quiet=args.quiet, options=_options(args), model=model)
    try:
        summary = corpus.run(config, stdout=_write_stdout)
    except corpus.Interrupted as stop:
        print(stop.summary.line(), file=sys.stderr)
        raise
    except corpus.CorpusError as err:
        raise CliError(f"cnpress: {err}") from None
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 1 if summary.errors else 0


def build_parser() -> argparse.ArgumentParser:
    """Return the ``cnpress`` argument parser with its three subcommands."""
    parser = _ArgumentParser(
        prog="cnpress",
        description="Clean the text that PDF extraction and OCR make of Chinese newspapers.",
        epilog="Run 'cnpress COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = subs.add_parser("clean", help="print clean text: paragraphs rejoined, spacing fixed, furniture set aside",
                            description="Print the cleaned text of each FILE (several files: one after another, "
                                        "separated by a blank line).")
    _add_input_arguments(clean, many=True)
    _add_corpus_arguments(clean)

    parse_ = subs.add_parser("parse", help="print the parsed document as text, markdown, json or jsonl",
                             description="Parse each FILE and print the Document in the chosen format. "
                                         "json: the whole Document (several files: one JSON value after another); "
                                         "jsonl: one JSON object per article per line.")
    _add_input_arguments(parse_, many=True)
    parse_.add_argument("-f", "--format", choices=FORMATS, default="json", help="output format (default: json)")
    _add_corpus_arguments(parse_)

    explain = subs.add_parser("explain", help="show every line's decision and the features that weighed most",
                              description="Print one line per raw line: LINE<TAB>LABEL<TAB>PROBABILITY<TAB>"
                                          "FEATURES<TAB>TEXT (the model's label, its marginal probability, the "
                                          "features that weighed most for it); with --blocks, one line per block: "
                                          "FIRST-LAST<TAB>KIND<TAB>REASON<TAB>TEXT.")
    _add_input_arguments(explain, many=False)
    explain.add_argument("--blocks", action="store_true", help="one line per block instead of per line")

    train = subs.add_parser("train", help="fit a line model on annotated pages",
                            description="Fit a line model on pages annotated in the gold format "
                                        "(shared/gold/GUIDE.md) and write it to MODEL. The same pages give the "
                                        "same model. Use it with --model.")
    train.add_argument("gold", metavar="GOLD", nargs="+",
                       help="gold JSON files or directories of them (real pages)")
    train.add_argument("-o", "--output", metavar="MODEL", required=True, help="where to write the model")
    train.add_argument("--texts", metavar="DIR", default=None,
                       help="where the pages' texts are (default: ../seeds beside each gold file, or beside it)")
    train.add_argument("--weight", type=int, default=REAL_WEIGHT,
                       help=f"how many times each real page counts (default: {REAL_WEIGHT})")
    train.add_argument("--generated", metavar="DIR", nargs="*", default=[],
                       help="gold of generated pages (pagegen's train/gold): each counted once")

    _add_check_command(subs)
    return parser


def _add_check_command(subs: argparse._SubParsersAction[_ArgumentParser]) -> None:
    """The ``check`` subcommand: lint text that should already be clean."""
    sub = subs.add_parser(
        "check", help="report extraction noise left in text that should be clean (exit 1 if any)",
        description="Report every piece of extraction noise left in each PATH (a file, a directory's *.txt "
                    "files, a glob; '-' is stdin) as PATH:LINE:COL: CODE message. Exit status: 0 clean, "
                    "1 findings, 2 usage or read errors. Codes: 'cnpress check --list'.")
    sub.add_argument("paths", metavar="PATH", nargs="*", help="files, directories or glob patterns")
    sub.add_argument("-r", "--recursive", action="store_true", help="check the *.txt files of subdirectories too")
    sub.add_argument("-f", "--format", choices=CHECK_FORMATS, default="text",
                       help="text (default), json, or github (workflow annotations)")
    sub.add_argument("--select", metavar="CODES", action="append", default=None,
                       help="only these codes, code prefixes or names, comma-separated; ALL for every rule "
                            "(default: the rules on by default)")
    sub.add_argument("--ignore", metavar="CODES", action="append", default=[],
                       help="leave out these codes, comma-separated")
    sub.add_argument("--fix", action="store_true",
                       help="rewrite each file with findings with 'cnpress clean' (as UTF-8, atomically), "
                            "then report what is left")
    sub.add_argument("--list", action="store_true", help="list every code and exit")
    sub.add_argument("--encoding", metavar="NAME", default=None,
                     help="read every input in this encoding instead of detecting it")
    sub.add_argument("--decode-errors", choices=("strict", "replace"), default="strict",
                     help="undecodable bytes: stop with an error (strict, default) or replace them (replace)")
    sub.add_argument("--max-input", metavar="MB", type=int, default=DEFAULT_MAX_INPUT_MB,
                     help=f"refuse an input larger than MB megabytes (default: {DEFAULT_MAX_INPUT_MB})")


def _codes_of(values: Sequence[str] | None) -> list[str] | None:
    """``--select``/``--ignore`` values, split at commas."""
    if values is None:
        return None
    return [code for value in values for code in value.split(",") if code.strip()]


def _check_command(args: argparse.Namespace) -> int:
    """``cnpress check``: lint every PATH; return 0, 1 (findings) or 2 (errors)."""
    if args.list:
        _write_stdout(rules_table())
        return 0
    try:
        rules = select_rules(_codes_of(args.select), _codes_of(args.ignore) or ())
        names = expand_paths(args.paths or [STDIN_NAME], args.recursive)
    except ValueError as err:
        raise _UsageError(f"cnpress: error: {err}") from None
    reading = _reading(args)
    results: list[tuple[str, list[Finding]]] = []
    failed = fixed = 0
    for name in names:
        try:
            item = _read_one(name, reading)
            findings = check(item.text, rules)
            if findings and args.fix and item.path is not None:
                cleaned = render_text(parse(item.text))
                write_atomic(item.path, cleaned)
                fixed += 1
                findings = check(cleaned, rules)
        except (CliError, DecodeError, OSError) as err:
            message = str(err)
            print(message if message.startswith("cnpress:") else f"cnpress: {name}: {message}", file=sys.stderr)
            failed += 1
            continue
        results.append((item.name, findings))
    _write_stdout(format_findings(results, args.format))
    if fixed:
        print(f"cnpress: fixed {fixed} file{'s' if fixed != 1 else ''}", file=sys.stderr)
    if failed:
        return EXIT_USAGE
    return 1 if any(findings for _, findings in results) else 0


def _options(args: argparse.Namespace) -> Options:
    """The pipeline :class:`Options` the flags ask for."""
    return Options(
        spacing=args.spacing,
        widen_punct=not args.keep_halfwidth,
        render_captions=args.captions,
        render_bylines=not args.no_bylines,
        convert=args.convert,
    )


def _input_names(args: argparse.Namespace) -> list[str]:
    """The inputs named on the command line; ``[-]`` (stdin) when there are none."""
    files = args.files
    if files is None:
        return [STDIN_NAME]
    if isinstance(files, str):
        return [files]
    return list(files) or [STDIN_NAME]


@dataclass(frozen=True, slots=True)
class _Reading:
    """How inputs are read: forced encoding, error mode, size limit in bytes."""

    encoding: str | None
    errors: str
    limit: int


def _reading(args: argparse.Namespace) -> _Reading:
    """The :class:`_Reading` the flags ask for; a usage error for a bad one."""
    if args.encoding is not None:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise _UsageError(f"cnpress: error: unknown encoding: {args.encoding}") from None
    if args.max_input < 1:
        raise _UsageError("cnpress: error: --max-input must be at least 1 (MB)")
    return _Reading(args.encoding, args.decode_errors, args.max_input << 20)


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    """All of ``stream``'s bytes, read a chunk at a time; :class:`CliError`
    once there are more than ``limit`` (``/dev/zero`` is refused, not read
    until memory runs out)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise CliError(f"cnpress: {name}: input larger than {limit >> 20} MB; "
                           "raise --max-input if there is memory for it")


def _decoded(data: bytes, source: str, reading: _Reading) -> Decoded:
    """``data`` decoded as ``reading`` asks; replacements reported on stderr."""
    decoded = decode(data, source, encoding=reading.encoding,
                     errors="replace" if reading.errors == "replace" else "strict")
    if decoded.replaced:
        print(f"cnpress: {source}: {len(decoded.replaced)} undecodable byte sequence(s) replaced with U+FFFD "
              f"(first at offset {decoded.replaced[0][0]}, read as {decoded.encoding})", file=sys.stderr)
    return decoded


def _read_stdin(reading: _Reading) -> _Input:
    """Decode all of standard input's bytes as :func:`cnpress.read_decoded` does."""
    stream = sys.stdin
    if stream is None:
        raise CliError("cnpress: no standard input to read")
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        raise CliError("cnpress: no FILE given and standard input is a terminal; "
                       "name a file, or pipe text in (see 'cnpress --help')")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = _read_limited(buffer, "<stdin>", reading.limit)
    else:
        data = stream.read().encode("utf-8", "surrogatepass")
    if not isinstance(data, bytes):
        raise CliError("cnpress: standard input gave text, not bytes")
    decoded = _decoded(data, "<stdin>", reading)
    # Same line-break handling as read_text: CRLF, CR, U+2028/9 become "\n".
    return _Input("<stdin>", None, unify_breaks(decoded.text), decoded.encoding)


def _read_one(name: str, reading: _Reading) -> _Input:
    """Read one input; raise :class:`CliError` with the message to show."""
    if name == STDIN_NAME:
        return _read_stdin(reading)
    try:
        with open(name, "rb") as f:
            data = _read_limited(f, name, reading.limit)
    except FileNotFoundError:
        raise CliError(f"cnpress: {name}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"cnpress: {name}: is a directory") from None
    except PermissionError:
        raise CliError(f"cnpress: {name}: permission denied") from None
    except OSError as err:
        raise CliError(f"cnpress: {name}: {err.strerror or err}") from None
    decoded = _decoded(data, name, reading)
    return _Input(name, name, unify_breaks(decoded.text), decoded.encoding)


def _read_inputs(names: Sequence[str], reading: _Reading) -> list[_Input]:
    """Read every input, in order (stdin at most once)."""
    if names.count(STDIN_NAME) > 1:
        raise CliError("cnpress: standard input ('-') can be read only once")
    return [_read_one(name, reading) for name in names]


def _identity(name: str) -> tuple[int, int] | None:
    """``(st_dev, st_ino)`` of the regular file an input names (``-``: what
    standard input reads from); ``None`` when it is no regular file."""
    try:
        if name == STDIN_NAME:
            if sys.stdin is None:
                return None
            st = os.fstat(sys.stdin.fileno())
        else:
            st = os.stat(name)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _check_output(out: str | None, names: Sequence[str]) -> None:
    """Refuse an output path that is one of the inputs, standard input
    included: the same device and inode (another name, a link, ``< in.txt``)."""
    if out is None or out == STDIN_NAME:
        return
    target = _identity(out)
    if target is None:  # not there yet, or no regular file (/dev/null): no input to harm
        return
    for name in names:
        if _identity(name) == target:
            shown = "standard input" if name == STDIN_NAME else name
            raise CliError(f"cnpress: refusing to write to {out}: it is also an input ({shown}); "
                           "choose another output file")


def explain_lines(doc: Document) -> list[str]:
    """One line per block: ``first-last<TAB>kind<TAB>reason<TAB>text``.

    Tabs and line breaks inside a block's text are shown as ``\\t`` and
    ``\\n`` so that every block stays on one line.

    >>> from cnpress.model import Block, BlockKind
    >>> explain_lines(Document((Block(BlockKind.SECTION, "向0.4秒的不懈奔跑", (23, 23), "short-unterminated"),)))
    ['23-23\\tsection\\tshort-unterminated\\t向0.4秒的不懈奔跑']
    """
    lines = []
    for b in doc.blocks:
        text = b.text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        lines.append(f"{b.span[0]}-{b.span[1]}\t{b.kind.value}\t{b.reason or '-'}\t{text}")
    return lines


def decision_lines(text: str, model: LineModel | None = None) -> list[str]:
    """One line per raw line: ``line<TAB>label<TAB>probability<TAB>features<TAB>text``.

    >>> decision_lines("·· 10")[0].split(chr(9))[:2]
    ['1', 'furniture']
    """
    out = []
    for d in decisions(text, model):
        why = ", ".join(f"{f} {w:+.2f}" for f, w in d.features)
        if d.constraint:
            why = f"{why}; fixed: {d.constraint}" if why else f"fixed: {d.constraint}"
        shown = d.text.replace("\\", "\\\\").replace("\t", "\\t")
        out.append(f"{d.line}\t{d.label}\t{d.probability:.2f}\t{why}\t{shown}")
    return out


def _parsed(given: _Input, options: Options, model: LineModel | None) -> Document:
    """The input parsed, with the encoding it was read in."""
    return replace(parse(given.text, options, model), encoding=given.encoding)


def _render_clean(inputs: Sequence[_Input], options: Options, model: LineModel | None = None) -> str:
    """The cleaned text of every input, separated by a blank line."""
    parts = [render_text(_parsed(i, options, model), options) for i in inputs]
    return "\n".join(p for p in parts if p)


def _render_parse(inputs: Sequence[_Input], options: Options, fmt: str, model: LineModel | None = None) -> str:
    """Every input's Document in format ``fmt``."""
    docs = [_parsed(i, options, model) for i in inputs]
    if fmt in ("json", "jsonl"):  # text and markdown are converted as they are rendered
        docs = [convert_document(d, options.convert) for d in docs]
    if fmt == "jsonl":
        return "".join(to_jsonl(d) for d in docs)
    if fmt == "json":
        return "".join(to_json(d) + "\n" for d in docs)
    render: Callable[[Document, Options], str] = render_markdown if fmt == "markdown" else render_text
    return "\n".join(p for p in (render(d, options) for d in docs) if p)


def _render_explain(inputs: Sequence[_Input], options: Options, model: LineModel | None = None,
                    blocks: bool = False) -> str:
    """The ``explain`` lines of the (single) input: per line, or per block."""
    text = inputs[0].text
    if blocks:  # block texts are output and converted; the per-line view shows the raw lines
        lines = explain_lines(convert_document(parse(text, options, model), options.convert))
    else:
        lines = decision_lines(text, model)
    return "".join(line + "\n" for line in lines)


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of :data:`_CHUNK` characters."""
    for start in range(0, len(text), _CHUNK):
        yield text[start:start + _CHUNK]


def _write_file(path: str, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, with ``\\n`` line breaks.

    A regular file (or none yet) is written to a temporary file in the same
    folder, then renamed over ``path``: on any failure (a full disk, a size
    limit, Ctrl-C) the old file is left as it was and the temporary file is
    removed.  Anything else (``/dev/null``, ``/dev/full``, a FIFO) is
    written directly.
    """
    real = os.path.realpath(path)  # a symlink: replace the file it points at, not the link
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise CliError(f"cnpress: {path}: cannot write: {err.strerror or err}") from None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(real, "w", encoding="utf-8", newline="") as f:
                for chunk in _chunks(text):
                    f.write(chunk)
            return
        write_atomic(real, text)
    except OSError as err:
        raise CliError(f"cnpress: {path}: cannot write: {err.strerror or err}; "
                       "nothing written" + ("" if st is None or not stat.S_ISREG(st.st_mode)
                                            else ", the old file is unchanged")) from None


def _write_stdout(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 and flush.

    Raises :class:`BrokenPipeError` when the reader has gone, and
    :class:`CliError` when standard output is closed or cannot be written
    (a full disk, ``> /dev/full``).
    """
    stream = sys.stdout
    if stream is None:
        raise CliError("cnpress: standard output is closed; nothing written (use -o OUT)")
    try:
        if isinstance(stream, io.TextIOWrapper) and (stream.encoding or "").replace("_", "-").lower() not in (
                "utf-8", "utf8"):
            # A console or pipe in a legacy code page cannot show Chinese text.
            stream.reconfigure(encoding="utf-8")
        for chunk in _chunks(text):
            stream.write(chunk)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:  # ValueError: "I/O operation on closed file"
        _silence_stdout()  # what is still buffered would fail again at exit
        reason = err.strerror if isinstance(err, OSError) and err.strerror else "it is closed"
        raise CliError(f"cnpress: cannot write to standard output: {reason}") from None


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _train(args: argparse.Namespace) -> int:
    """``cnpress train``: fit and write a model; print what it was fitted on."""
    if args.weight < 1:
        raise _UsageError("cnpress: error: --weight must be at least 1")
    try:
        pages = load_pages(args.gold, args.texts, args.weight)
        pages += load_pages(args.generated, None, 1)
    except ValueError as err:
        raise CliError(f"cnpress: {err}") from None
    if not pages:
        raise CliError("cnpress: no gold files found in " + " ".join(args.gold))
    try:
        count = train(pages, args.output)
    except OSError as err:
        raise CliError(f"cnpress: {args.output}: cannot write: {err.strerror or err}") from None
    print(f"cnpress: fitted {args.output} on {len(pages)} pages ({count} sequences)", file=sys.stderr)
    return 0


def _model(args: argparse.Namespace) -> LineModel | None:
    """The model ``--model`` names, or ``None`` for the shipped one."""
    if args.model is None:
        return None
    try:
        return LineModel.from_file(args.model)
    except OSError as err:
        raise CliError(f"cnpress: {args.model}: cannot read: {err.strerror or err}") from None
    except ValueError as err:
        raise CliError(f"cnpress: {err}") from None


def _run(args: argparse.Namespace) -> int:
    """Carry out a parsed command line; return the exit status."""
    if args.command == "train":
        return _train(args)
    if args.command == "check":
        return _check_command(args)
    names = _input_names(args)
    _check_output(args.output, names)
    reading = _reading(args)
    model = _model(args)
    if args.command in ("clean", "parse") and _is_corpus_run(args):
        return _run_corpus(args, model)
    inputs = _read_inputs(names, reading)
    options = _options(args)
    if args.command == "clean":
        text = _render_clean(inputs, options, model)
    elif args.command == "parse":
        text = _render_parse(inputs, options, args.format, model)
    else:
        text = _render_explain(inputs, options, model, args.blocks)
    if args.output is not None and args.output != STDIN_NAME:
        _write_file(args.output, text)
    else:
        _write_stdout(text)
    return 0


def _parse_args(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """Parse ``argv``; ``--help``/``--version`` raise :class:`_Exit`."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help
        raise _Exit(stop.code if isinstance(stop.code, int) else 0) from None
    if args.version:
        _write_stdout(f"cnpress {__version__}\n")
        raise _Exit(0)
    if args.command is None:
        parser.print_usage(sys.stderr)
        raise _UsageError("cnpress: error: choose a command: clean, parse, explain, train or check")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the ``cnpress`` command line; return the exit status.

    ``argv`` defaults to ``sys.argv[1:]``.  Never raises for bad input:
    every error is one line on stderr and a non-zero status.
    """
    parser = build_parser()
    try:
        args = _parse_args(parser, sys.argv[1:] if argv is None else argv)
        return _run(args)
    except _Exit as done:
        return done.status
    except _UsageError as err:
        print(str(err), file=sys.stderr)
        return EXIT_USAGE
    except (CliError, DecodeError) as err:
        message = str(err)
        print(message if message.startswith("cnpress:") else f"cnpress: {message}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except MemoryError:
        print("cnpress: out of memory: the input is too large for this machine; nothing written "
              "(split it, or lower --max-input to be told before reading)", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cnpress: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
