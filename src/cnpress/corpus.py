"""Corpus scale: many files or records in, one output per input or one JSONL stream out.

The pieces, each usable on its own:

* :func:`discover` turns files, directories (``recursive=True`` to walk them)
  and glob patterns into :class:`InputFile` values, each with its path
  relative to the root it was found under;
* :func:`read_records` reads the records of a JSONL or Parquet file;
* :class:`ParseStep` and :class:`CleanStep` are picklable callables that any
  engine (a process pool, Dask, Spark, Ray, ``datasets``) can ship to its
  workers; :class:`RecordStep` turns one input record into output records
  with their provenance (:func:`document_record`, :func:`article_records`);
* :func:`iter_documents` streams ``(Source, Document)`` pairs over a corpus,
  on one core or many, in input order;
* :func:`run` is what ``cnpress clean|parse`` does over a corpus: outputs
  mirrored under ``--out-dir`` (each written to a temporary file in its
  folder and renamed, so a partial output never exists) or one stream,
  failures recorded and skipped, a summary at the end.

>>> step = CleanStep()
>>> step("潜心 20年的“成果”。")
'潜心20年的“成果”。\\n'
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import glob
import json
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, Literal, TypeVar

from .decide import LineModel, load_model
from .files import temp_beside, write_atomic
from .model import Document, Options
from .pipeline import parse
from .reading import DecodeError, decode, split_lines
from .render import render_markdown, render_text, to_dict, to_json, to_jsonl
from .spacing import tokenizer

__all__ = [
    "CleanStep",
    "CorpusError",
    "Failure",
    "InputFile",
    "Interrupted",
    "ParseStep",
    "RecordStep",
    "RunConfig",
    "Source",
    "Summary",
    "article_records",
    "default_jobs",
    "discover",
    "document_record",
    "iter_documents",
    "output_path",
    "read_records",
    "run",
    "write_atomic",
]

#: What a record (or an output record) is: a JSON object.
Record = dict[str, Any]
#: ``--input-format``: plain text files, or files of records.
InputFormat = Literal["text", "jsonl", "parquet"]
#: ``--records``: one output record per document, or one per article.
RecordKind = Literal["documents", "articles"]
#: ``--on-error``: go on after a failure, or stop at the first.
OnError = Literal["skip", "stop"]

#: The pattern a directory's files must match, by input format.
DEFAULT_INCLUDE: Final[Mapping[str, str]] = {"text": "*.txt", "jsonl": "*.jsonl", "parquet": "*.parquet"}
#: Name given to records passed in memory (no file).
MEMORY: Final = "<records>"
#: Files handed to a worker at a time (at most; fewer when the corpus is small).
FILES_PER_CHUNK: Final = 32
#: Records handed to a worker at a time.
RECORDS_PER_CHUNK: Final = 64
#: Chunks in flight per worker: enough that a worker does not wait while the
#: chunk at the head of the (ordered) queue is still being done by another,
#: few enough to bound memory (a few hundred documents).
CHUNKS_IN_FLIGHT: Final = 4
#: Records read from a Parquet file at a time.
PARQUET_BATCH: Final = 1024
_GLOB_CHARS: Final = frozenset("*?[")
_BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                (codecs.BOM_UTF16_BE, "utf-16-be"))
_DEFAULT: Final = Options()
#: Line breaks other than "\n" (see :func:`cnpress.split_lines`); most files have none.
_OTHER_BREAKS: Final = "\r\x85\u2028\u2029"

T = TypeVar("T")
R = TypeVar("R")


class CorpusError(ValueError):
    """A corpus run cannot start (a bad path or option), or a failure with ``on_error="raise"``."""


# --- discovery -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: ``path`` to open, ``rel`` its POSIX path relative to the root given.

    >>> InputFile("tree/a/b.txt", "a/b.txt").rel
    'a/b.txt'
    """

    path: str
    rel: str


def _is_glob(name: str) -> bool:
    return any(c in _GLOB_CHARS for c in name)


def _glob_root(pattern: str) -> str:
    """The leading folders of ``pattern`` that hold no glob character.

    >>> _glob_root("tree/2024/*/p*.txt"), _glob_root("*.txt")
    ('tree/2024', '')
    """
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _is_glob(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else ""


def _walk(root: str, include: str, recursive: bool, exclude: frozenset[str]) -> list[InputFile]:
    """The files under ``root`` whose name matches ``include``, hidden ones skipped,
    sorted by relative path (as ``find | sort`` lists them)."""
    found: list[InputFile] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and os.path.abspath(os.path.join(folder, d)) not in exclude] if recursive else []
        for name in files:
            if name.startswith(".") or not fnmatch.fnmatchcase(name, include):
                continue
            path = os.path.join(folder, name)
            if os.path.abspath(path) not in exclude:
                found.append(InputFile(path, Path(os.path.relpath(path, root)).as_posix()))
    found.sort(key=lambda f: f.rel)
    return found


def discover(paths: Iterable[str | os.PathLike[str]], *, recursive: bool = False, include: str = "*.txt",
             exclude: Iterable[str | os.PathLike[str]] = ()) -> list[InputFile]:
    """Every input file that ``paths`` name, in order.

    A file is taken as it is (``rel`` is its name); a directory needs
    ``recursive`` and gives the files under it whose name matches
    ``include`` (sorted, hidden files and folders skipped, ``rel`` relative
    to it); a name with ``* ? [`` that is not a file is a glob pattern
    (``**`` with ``recursive``), ``rel`` relative to its fixed leading
    folders.  A missing file is returned all the same: reading it fails and
    the failure is recorded.  ``exclude`` names files and folders to leave
    out (the outputs of the run).

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for rel in ("b/2.txt", "a/1.txt", "a/skip.md"):
    ...     (root / rel).parent.mkdir(exist_ok=True); _ = (root / rel).write_text("x")
    >>> [f.rel for f in discover([root], recursive=True)]
    ['a/1.txt', 'b/2.txt']
    >>> [f.rel for f in discover([str(root / "*" / "*.md")])]
    ['a/skip.md']
    >>> discover([root])
    Traceback (most recent call last):
    ...
    cnpress.corpus.CorpusError: ...: is a directory (use -r to take the files under it)
    """
    skip = frozenset(os.path.abspath(p) for p in exclude)
    found: list[InputFile] = []
    for item in paths:
        name = os.fspath(item)
        if os.path.isdir(name):
            if not recursive:
                raise CorpusError(f"{name}: is a directory (use -r to take the files under it)")
            found.extend(_walk(name, include, recursive, skip))
        elif not os.path.lexists(name) and _is_glob(name):
            root = _glob_root(name)
            matches = sorted(m for m in glob.glob(name, recursive=recursive)
                             if not os.path.isdir(m) and os.path.abspath(m) not in skip)
            if not matches:
                raise CorpusError(f"{name}: no file matches")
            found.extend(InputFile(m, Path(os.path.relpath(m, root or ".")).as_posix()) for m in matches)
        else:
            found.append(InputFile(name, Path(name).name))
    return found


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """One piece of work: a text file, or one record of a records file (or of memory)."""

    rel: str
    path: str | None = None
    index: int | None = None
    record: Record | None = None
    #: A failure found before the work was handed out (a bad JSON line).
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be processed, as written to ``--errors``.

    ``error`` is one of ``missing``, ``unreadable``, ``undecodable``,
    ``bad-record``, ``internal``.

    >>> Failure("a/b.txt", "undecodable", "cannot decode byte at offset 3").to_record()["error"]
    'undecodable'
    """

    path: str
    error: str
    message: str
    record: int | None = None

    def to_record(self) -> Record:
        """The failure as one JSON object."""
        return {"path": self.path, "record": self.record, "error": self.error, "message": self.message}


class _Failed(Exception):
    """A unit failed; carries the :class:`Failure`."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


def _read_file(unit: _Unit) -> tuple[str, str | None, int]:
    """Text, encoding and size in bytes of a text unit's file; raise :class:`_Failed`."""
    assert unit.path is not None
    try:
        with open(unit.path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise _Failed(Failure(unit.rel, "missing", f"{unit.path}: no such file")) from None
    except OSError as err:
        raise _Failed(Failure(unit.rel, "unreadable", f"{unit.path}: {err.strerror or err}")) from None
    try:
        decoded = decode(data, unit.path)
    except DecodeError as err:
        raise _Failed(Failure(unit.rel, "undecodable", str(err))) from None
    text = decoded.text
    if any(c in text for c in _OTHER_BREAKS):  # as read_text: CRLF, CR, NEL, LS, PS become "\n"
        text = "\n".join(split_lines(text))
    return text, decoded.encoding, len(data)


def read_records(path: str | os.PathLike[str], input_format: InputFormat = "jsonl") -> Iterator[Record | Failure]:
    """The records of a JSONL or Parquet file, in order; a bad JSONL line gives a
    :class:`Failure` in its place (blank lines are no records).

    Parquet needs ``pyarrow`` (``pip install 'cnpress[parquet]'``).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "a.jsonl")
    >>> _ = open(path, "w").write('{"text": "甲"}\\n\\n[1]\\n')
    >>> [r if isinstance(r, dict) else r.error for r in read_records(path)]
    [{'text': '甲'}, 'bad-record']
    """
    name = os.fspath(path)
    if input_format == "parquet":
        yield from _parquet_records(name)
        return
    count = 0  # records so far: a record's index counts the non-blank lines before it
    with open(name, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            count += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Failure(name, "bad-record", f"line {number}: not JSON ({err.msg})", count - 1)
                continue
            if not isinstance(record, dict):
                yield Failure(name, "bad-record", f"line {number}: not a JSON object", count - 1)
                continue
            yield record


def _parquet_records(name: str) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError("reading Parquet needs pyarrow: pip install 'cnpress[parquet]'") from None
    for batch in pq.ParquetFile(name).iter_batches(batch_size=PARQUET_BATCH):
        yield from batch.to_pylist()


# --- steps and records -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParseStep:
    """``parse`` with fixed options and model, as a picklable callable.

    >>> [b.text for b in ParseStep()("潜心 20年。").blocks]
    ['潜心20年。']
    """

    options: Options = _DEFAULT
    model: LineModel | None = None

    def __call__(self, text: str) -> Document:
        """The Document of ``text``."""
        return parse(text, self.options, self.model)

    def warm(self) -> None:
        """Load jieba and the model now (about a second), not on the first text.

        >>> ParseStep().warm()
        """
        tokenizer()
        (self.model or load_model()).tagger()


@dataclass(frozen=True, slots=True)
class CleanStep:
    """``clean`` with fixed options and model, as a picklable callable.

    :meth:`map_batch` is the shape ``datasets.Dataset.map(batched=True)`` and
    ``pandas`` batches want.

    >>> CleanStep(Options(spacing="spaced"))("潜心20年。")
    '潜心 20 年。\\n'
    >>> CleanStep().map_batch({"text": ["潜心 20年。"], "url": ["u"]})
    {'text': ['潜心20年。\\n'], 'chars_in': [7], 'chars_out': [7]}
    """

    options: Options = _DEFAULT
    model: LineModel | None = None

    def __call__(self, text: str) -> str:
        """The cleaned text of ``text``."""
        return render_text(parse(text, self.options, self.model), self.options)

    def map_batch(self, batch: Mapping[str, Sequence[Any]], text_field: str = "text") -> dict[str, list[Any]]:
        """A batch of columns in, the cleaned text column and character counts out."""
        texts = [str(t) for t in batch[text_field]]
        cleaned = [self(t) for t in texts]
        return {text_field: cleaned, "chars_in": [len(t) for t in texts], "chars_out": [len(c) for c in cleaned]}

    def warm(self) -> None:
        """Load jieba and the model now.

        >>> CleanStep().warm()
        """
        ParseStep(self.options, self.model).warm()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from.

    ``path`` is relative to the root given (or ``<records>``), ``id`` the
    document id (the record's id field, else ``path`` or ``path#index``),
    ``record`` the 0-based index of the record in its file (``None`` for a
    text file), ``encoding`` the encoding a text file was decoded from,
    ``chars_in`` the characters of the input text, ``fields`` a record's
    other fields.

    >>> Source("a/b.txt", "a/b.txt", encoding="utf-8", chars_in=12).record is None
    True
    """

    path: str
    id: str
    record: int | None = None
    encoding: str | None = None
    chars_in: int = 0
    bytes_in: int = 0
    fields: Mapping[str, Any] = field(default_factory=dict, compare=False)


def _provenance(source: Source, doc: Document) -> Record:
    return {"path": source.path, "id": source.id, "record": source.record, "encoding": source.encoding,
            "styles": [{"style": s.style, "span": list(s.span)} for s in doc.styles],
            "chars_in": source.chars_in}


def document_record(doc: Document, source: Source, options: Options = _DEFAULT, *, text_field: str = "text",
                    full: bool = False) -> Record:
    """One output record for a whole document: the record's other fields,
    provenance (``path``, ``id``, ``record``, ``encoding``, ``styles``,
    ``spans``, ``chars_in``, ``chars_out``) and the cleaned text under
    ``text_field``; with ``full``, also the Document's ``blocks``,
    ``articles`` and ``repairs`` (as in :func:`cnpress.to_dict`).

    >>> doc = ParseStep()("潜心 20年。")
    >>> rec = document_record(doc, Source("a.jsonl", "7", 0, chars_in=7, fields={"url": "u"}))
    >>> rec["url"], rec["id"], rec["text"], rec["spans"], rec["chars_out"]
    ('u', '7', '潜心20年。\\n', [[1, 1]], 7)
    """
    text = render_text(doc, options)
    rec: Record = dict(source.fields)
    rec.update(_provenance(source, doc))
    rec["spans"] = [list(b.span) for b in doc.blocks]
    rec["chars_out"] = len(text)
    rec[text_field] = text
    if full:
        rec.update((k, v) for k, v in to_dict(doc).items() if k != "styles")
    return rec


def article_records(doc: Document, source: Source, raw: Sequence[str] | None = None) -> list[Record]:
    """One output record per article: the record's other fields,
    provenance (``path``, ``id``, ``record``, ``encoding``, ``styles``,
    ``article`` index, ``chars_in`` of the raw lines it covers when ``raw``
    is given, ``chars_out``) and the article as in :func:`cnpress.to_jsonl`
    (``title``, ``bylines``, ``source``, ``text``, ``spans``, ...).

    >>> text = "潜心 20年。"
    >>> [(r["article"], r["text"], r["chars_out"]) for r in article_records(ParseStep()(text), Source("a.txt", "a"))]
    [(0, '潜心20年。', 6)]
    """
    out: list[Record] = []
    articles = to_dict(doc)["articles"]
    for index, (article, data) in enumerate(zip(doc.articles, articles, strict=True)):
        del data["blocks"]
        rec: Record = dict(source.fields)
        rec.update(_provenance(source, doc))
        rec["article"] = index
        if raw is not None:
            lines = {n for b in article.blocks for n in (b.lines or range(b.span[0], b.span[1] + 1))}
            rec["chars_in"] = sum(len(raw[n - 1]) for n in lines if 0 < n <= len(raw))
        rec["chars_out"] = len(data["text"])
        rec.update(data)
        out.append(rec)
    return out


@dataclass(frozen=True, slots=True)
class RecordStep:
    """One input record in, its output records out: what ``--input-format
    jsonl --records ...`` does to each record, as a picklable callable for
    any engine (``dask.bag``, Spark, Ray).

    ``full`` adds the whole Document to document records (``cnpress parse``).

    >>> out = RecordStep()({"id": 7, "text": "潜心 20年。", "url": "u"}, 0)
    >>> [(r["id"], r["record"], r["url"], r["text"]) for r in out]
    [('7', 0, 'u', '潜心20年。\\n')]
    """

    step: ParseStep = ParseStep()
    records: RecordKind = "documents"
    text_field: str = "text"
    id_field: str = "id"
    path: str = MEMORY
    full: bool = False

    def source(self, record: Mapping[str, Any], index: int | None) -> tuple[Source, str]:
        """The :class:`Source` of ``record`` and its text; raise :class:`CorpusError` if it has no text."""
        text = record.get(self.text_field)
        if not isinstance(text, str):
            raise CorpusError(f"record {index}: no string field {self.text_field!r}")
        ident = record.get(self.id_field)
        doc_id = str(ident) if ident is not None else (self.path if index is None else f"{self.path}#{index}")
        fields = {k: v for k, v in record.items() if k != self.text_field}
        return Source(self.path, doc_id, index, None, len(text), len(text.encode("utf-8")), fields), text

    def __call__(self, record: Mapping[str, Any], index: int | None = None) -> list[Record]:
        """The output records of one input record (document records: exactly one)."""
        source, text = self.source(record, index)
        doc = self.step(text)
        return self.render(doc, source, text)

    def render(self, doc: Document, source: Source, text: str) -> list[Record]:
        """The output records of an already parsed document."""
        if self.records == "articles":
            return article_records(doc, source, split_lines(text))
        return [document_record(doc, source, self.step.options, text_field=self.text_field, full=self.full)]


# --- the worker side -------------------------------------------------------------------------


def _load(unit: _Unit, rs: RecordStep) -> tuple[Source, str]:
    """The source and text of a unit; raise :class:`_Failed`."""
    if unit.failure is not None:
        raise _Failed(unit.failure)
    if unit.record is None:
        text, encoding, size = _read_file(unit)
        return Source(unit.rel, unit.rel, None, encoding, len(text), size), text
    try:
        return RecordStep(rs.step, rs.records, rs.text_field, rs.id_field, unit.rel).source(unit.record, unit.index)
    except CorpusError as err:
        raise _Failed(Failure(unit.rel, "bad-record", str(err), unit.index)) from None


def _parse_chunk(rs: RecordStep, units: Sequence[_Unit]) -> list[tuple[Source, Document] | Failure]:
    """Parse every unit of a chunk (run in a worker)."""
    out: list[tuple[Source, Document] | Failure] = []
    for unit in units:
        try:
            source, text = _load(unit, rs)
        except _Failed as failed:
            out.append(failed.failure)
            continue
        out.append((source, rs.step(text)))
    return out


def _init_worker(step: ParseStep) -> None:
    """A worker ignores Ctrl-C (the parent stops it) and loads jieba and the model once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    step.warm()


def default_jobs() -> int:
    """The cores this process may run on.

    >>> default_jobs() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter).

    >>> list(_chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered_map(fn: Callable[[Any, list[T]], R], arg: Any, chunks: Iterable[list[T]], jobs: int,
                 step: ParseStep) -> Generator[R, None, None]:
    """``fn(arg, chunk)`` for every chunk, in order; over ``jobs`` worker
    processes when ``jobs > 1``, with at most ``CHUNKS_IN_FLIGHT`` chunks per
    worker handed out (memory is bounded by the chunks in flight).

    >>> list(_ordered_map(lambda a, c: a + sum(c), 10, [[1], [2, 3]], 1, ParseStep()))
    [11, 15]
    """
    if jobs <= 1:
        for chunk in chunks:
            yield fn(arg, chunk)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(step,))
    pending: deque[Future[R]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(fn, arg, chunk))
            if len(pending) >= jobs * CHUNKS_IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Ctrl-C, a stop on error or a consumer that gave up: cancel what has
        # not started; workers finish the chunk they hold (they ignore SIGINT).
        pool.shutdown(wait=True, cancel_futures=True)


def _units(inputs: Iterable[str | os.PathLike[str] | Mapping[str, Any]], input_format: InputFormat,
           recursive: bool, include: str | None) -> Iterator[_Unit]:
    """The units of a library call's inputs: paths are discovered, mappings are records."""
    memory = 0
    for item in inputs:
        if isinstance(item, Mapping):
            yield _Unit(MEMORY, index=memory, record=dict(item))
            memory += 1
            continue
        for f in discover([item], recursive=recursive, include=include or DEFAULT_INCLUDE[input_format]):
            if input_format == "text":
                yield _Unit(f.rel, f.path)
            else:
                yield from _record_units(f, input_format)


def _record_units(f: InputFile, input_format: InputFormat) -> Iterator[_Unit]:
    """The units of one records file, or one failure when it cannot be read."""
    try:
        for index, item in enumerate(read_records(f.path, input_format)):
            if isinstance(item, Failure):
                yield _Unit(f.rel, failure=Failure(f.rel, item.error, item.message, index))
            else:
                yield _Unit(f.rel, index=index, record=item)
    except FileNotFoundError:
        yield _Unit(f.rel, failure=Failure(f.rel, "missing", f"{f.path}: no such file"))
    except UnicodeDecodeError as err:
        yield _Unit(f.rel, failure=Failure(f.rel, "undecodable", f"{f.path}: not UTF-8 ({err.reason} at byte "
                                                                  f"{err.start} of a line)"))
    except (OSError, ValueError) as err:  # pyarrow's errors are ValueErrors and OSErrors too
        if isinstance(err, CorpusError):
            raise
        yield _Unit(f.rel, failure=Failure(f.rel, "unreadable", f"{f.path}: {err}"))


def iter_documents(inputs: Iterable[str | os.PathLike[str] | Mapping[str, Any]], *, options: Options = _DEFAULT,
                   model: LineModel | None = None, jobs: int = 1, recursive: bool = False,
                   include: str | None = None, input_format: InputFormat = "text", text_field: str = "text",
                   id_field: str = "id", on_error: Literal["raise", "skip"] = "raise",
                   ) -> Iterator[tuple[Source, Document]]:
    """Parse a corpus: ``(Source, Document)`` for every input, in input order.

    ``inputs`` holds paths (files, directories with ``recursive``, globs;
    text files, or with ``input_format`` JSONL/Parquet files of records)
    and records (mappings with a ``text_field``), in any mix.  ``jobs > 1``
    parses in that many worker processes, each loading jieba and the model
    once; the order is the same.  A file that cannot be read or decoded, or
    a record without text, raises :class:`CorpusError` (``on_error="raise"``)
    or is left out (``"skip"``).  Memory is bounded by the documents in
    flight, not by the corpus.

    >>> pairs = list(iter_documents([{"id": "a", "text": "潜心 20年。"}, {"text": "第二篇。"}]))
    >>> [(s.id, s.record, d.blocks[0].text) for s, d in pairs]
    [('a', 0, '潜心20年。'), ('<records>#1', 1, '第二篇。')]
    """
    if on_error not in ("raise", "skip"):
        raise CorpusError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    step = ParseStep(options, model)
    rs = RecordStep(step, "documents", text_field, id_field)
    size = FILES_PER_CHUNK if input_format == "text" else RECORDS_PER_CHUNK
    chunks = _chunks(_units(inputs, input_format, recursive, include), size)
    for results in _ordered_map(_parse_chunk, rs, chunks, jobs, step):
        for result in results:
            if isinstance(result, Failure):
                if on_error == "raise":
                    raise CorpusError(f"{result.path}: {result.message}")
                continue
            yield result


# --- a corpus run (the command line) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything ``cnpress clean|parse`` needs for a corpus run.

    ``fmt`` is the output format of a non-record output (``text``,
    ``markdown``, ``json``, ``jsonl``: as ``cnpress parse --format``);
    ``records`` switches to JSONL records with provenance (always the case
    for record inputs).  ``out_dir`` mirrors the inputs, one output each;
    otherwise everything goes to ``output`` (``None``: standard output).

    >>> RunConfig(("tree",), recursive=True, out_dir="out").suffix_for()
    '.txt'
    """

    paths: tuple[str, ...]
    command: Literal["clean", "parse"] = "clean"
    fmt: str = "text"
    records: RecordKind | None = None
    input_format: InputFormat = "text"
    text_field: str = "text"
    id_field: str = "id"
    recursive: bool = False
    include: str | None = None
    out_dir: str | None = None
    output: str | None = None
    suffix: str | None = None
    jobs: int = 1
    on_error: OnError = "skip"
    errors: str | None = None
    resume: bool = False
    quiet: bool = False
    progress: bool | None = None
    options: Options = _DEFAULT
    model: LineModel | None = None

    def record_kind(self) -> RecordKind | None:
        """The records written: as asked, and ``documents`` for record inputs by default."""
        if self.records is None and self.input_format != "text":
            return "documents"
        return self.records

    def suffix_for(self) -> str:
        """The suffix of every output under ``out_dir``."""
        if self.suffix is not None:
            return self.suffix if self.suffix.startswith(".") or not self.suffix else "." + self.suffix
        if self.record_kind() is not None:
            return ".jsonl"
        return {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}[self.fmt]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a corpus run did: counts for the closing line on stderr.

    >>> Summary(files=2, bytes_in=3_000_000, seconds=1.5, documents=2, articles=5, errors=1).line()
    'cnpress: 2 files, 3.0 MB in 1.5 s (2.00 MB/s), 2 documents, 5 articles, 1 error'
    """

    files: int = 0
    bytes_in: int = 0
    seconds: float = 0.0
    documents: int = 0
    articles: int = 0
    errors: int = 0
    skipped: int = 0
    interrupted: bool = False

    def line(self) -> str:
        """One line: files, MB, MB/s, documents, articles, errors (and resumed skips)."""
        mb = self.bytes_in / 1e6
        rate = mb / self.seconds if self.seconds > 0 else 0.0
        text = (f"cnpress: {self.files} files, {mb:.1f} MB in {self.seconds:.1f} s ({rate:.2f} MB/s), "
                f"{self.documents} documents, {self.articles} articles, "
                f"{self.errors} error{'' if self.errors == 1 else 's'}")
        if self.skipped:
            text += f", {self.skipped} skipped (already written)"
        if self.interrupted:
            text += ", interrupted"
        return text


@dataclass(frozen=True, slots=True)
class _Render:
    """How a worker renders each unit (picklable: sent with every chunk)."""

    rs: RecordStep
    command: str
    fmt: str
    records: RecordKind | None
    out_dir: str | None
    suffix: str


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What became of one unit: its output text (unless written by the worker), or its failure."""

    rel: str
    text: str = ""
    written: bool = False
    failure: Failure | None = None
    bytes_in: int = 0
    articles: int = 0


def _render_one(r: _Render, doc: Document, source: Source, text: str) -> str:
    """A unit's output text."""
    if r.records is not None:
        return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in r.rs.render(doc, source, text))
    options = r.rs.step.options
    if r.command == "clean" or r.fmt == "text":
        return render_text(doc, options)
    if r.fmt == "markdown":
        return render_markdown(doc, options)
    if r.fmt == "json":
        return to_json(doc) + "\n"
    return to_jsonl(doc)


def output_path(out_dir: str, rel: str, suffix: str) -> str:
    """Where the output of the input at ``rel`` goes under ``out_dir``.

    >>> output_path("out", "2024/01/p1.txt", ".jsonl")
    'out/2024/01/p1.jsonl'
    """
    stem, _ = os.path.splitext(rel)
    return os.path.join(out_dir, *(stem + suffix).split("/"))


def _render_chunk(r: _Render, units: Sequence[_Unit]) -> list[_Outcome]:
    """Parse and render every unit of a chunk; under ``out_dir`` a text
    file's output is written here, by the worker (run in a worker)."""
    out: list[_Outcome] = []
    folders: set[str] = set()  # made already (a chunk's files mostly share a few folders)
    for unit in units:
        try:
            source, text = _load(unit, r.rs)
        except _Failed as failed:
            out.append(_Outcome(unit.rel, failure=failed.failure))
            continue
        doc = r.rs.step(text)
        rendered = _render_one(r, doc, source, text)
        if r.out_dir is not None and unit.record is None:
            target = output_path(r.out_dir, unit.rel, r.suffix)
            folder = os.path.dirname(target)
            try:
                write_atomic(target, rendered, durable=False, make_folder=folder not in folders)
                folders.add(folder)
            except OSError as err:
                out.append(_Outcome(unit.rel, failure=Failure(unit.rel, "unwritable",
                                                              f"{target}: {err.strerror or err}")))
                continue
            out.append(_Outcome(unit.rel, written=True, bytes_in=source.bytes_in, articles=len(doc.articles)))
        else:
            out.append(_Outcome(unit.rel, rendered, bytes_in=source.bytes_in, articles=len(doc.articles)))
    return out


class _Stream:
    """The one output of a run without ``out_dir``: a file written by
    rename when the run ends, or standard output."""

    def __init__(self, path: str | None, stdout: Callable[[str], object], separate: bool) -> None:
        self._path = path
        self._stdout = stdout
        self._separate = separate
        self._started = False
        self._file: IO[str] | None = None
        self._tmp = ""
        if path is not None:
            fd, self._tmp = temp_beside(os.path.dirname(path) or ".")
            self._file = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        if not text:
            return
        if self._separate and self._started:
            text = "\n" + text  # a blank line between documents, as `cnpress clean a b` does
        self._started = True
        if self._file is not None:
            self._file.write(text)
        else:
            self._stdout(text)

    def commit(self) -> None:
        if self._file is not None and self._path is not None:
            self._file.close()
            os.replace(self._tmp, self._path)

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)


class _Progress:
    """A tqdm bar on stderr when it is a terminal (and tqdm is installed); else nothing."""

    def __init__(self, total: int | None, enabled: bool, stderr: IO[str]) -> None:
        self._bar: Any = None
        self._stderr = stderr
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(total=total, unit="file" if total is not None else "rec", file=stderr,
                             dynamic_ncols=True, leave=False)

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def say(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self._stderr)
        else:
            print(line, file=self._stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _file_units(files: Sequence[InputFile], config: RunConfig, suffix: str) -> tuple[list[_Unit], int]:
    """The text-file units still to do, and how many ``--resume`` skipped."""
    units: list[_Unit] = []
    skipped = 0
    for f in files:
        if config.resume and config.out_dir is not None and os.path.exists(
                output_path(config.out_dir, f.rel, suffix)):
            skipped += 1
            continue
        units.append(_Unit(f.rel, f.path))
    return units, skipped


def _check_targets(files: Sequence[InputFile], config: RunConfig, suffix: str) -> None:
    """Refuse a run whose outputs would collide or overwrite an input."""
    if config.out_dir is None:
        return
    seen: dict[str, str] = {}
    inputs = {os.path.abspath(f.path) for f in files}
    for f in files:
        target = os.path.abspath(output_path(config.out_dir, f.rel, suffix))
        if target in inputs:
            raise CorpusError(f"refusing to write {target}: it is also an input; choose another --out-dir")
        if target in seen:
            raise CorpusError(f"{seen[target]} and {f.path} would both be written to {target}")
        seen[target] = f.path


def run(config: RunConfig, *, stdout: Callable[[str], object] | None = None,
        stderr: IO[str] | None = None) -> Summary:
    """Carry out a corpus run; return its :class:`Summary` (``errors`` > 0: exit status 1).

    Raises :class:`CorpusError` before anything is written when the paths
    or options are wrong.  Ctrl-C stops the workers after the chunk they
    hold; outputs already renamed stay (``resume`` goes on from there),
    a stream output is not written.

    >>> import tempfile, os, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "in").mkdir(); _ = (root / "in" / "a.txt").write_text("潜心 20年。", encoding="utf-8")
    >>> s = run(RunConfig((str(root / "in"),), recursive=True, out_dir=str(root / "out"), quiet=True))
    >>> s.files, s.errors, (root / "out" / "a.txt").read_text(encoding="utf-8")
    (1, 0, '潜心20年。\\n')
    """
    err = stderr if stderr is not None else sys.stderr
    out = stdout if stdout is not None else sys.stdout.write
    _check_config(config)
    kind = config.record_kind()
    suffix = config.suffix_for()
    exclude = [p for p in (config.output, config.errors, config.out_dir) if p]
    include = config.include or DEFAULT_INCLUDE[config.input_format]
    files = discover(config.paths, recursive=config.recursive, include=include, exclude=exclude)
    _check_targets(files, config, suffix)
    rs = RecordStep(ParseStep(config.options, config.model), kind or "documents", config.text_field,
                    config.id_field, MEMORY, full=config.command == "parse")
    render = _Render(rs, config.command, config.fmt, kind, config.out_dir, suffix)
    tally = _Tally()
    started = time.perf_counter()
    show = config.progress if config.progress is not None else (not config.quiet and err.isatty())
    interrupted = False
    errors_file = open(config.errors, "w", encoding="utf-8") if config.errors else None
    try:
        if config.input_format == "text":
            _run_files(files, render, config, out, lambda total: _Progress(total, show, err), tally, errors_file)
        else:
            _run_records(files, render, config, out, _Progress(None, show, err), tally, errors_file)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if errors_file is not None:
            errors_file.close()
    summary = Summary(tally.files, tally.bytes_in, time.perf_counter() - started, tally.documents, tally.articles,
                      tally.errors, tally.skipped, interrupted)
    if interrupted:
        raise Interrupted(summary)
    return summary


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during :func:`run`; ``summary`` says what was done before it."""

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary


def _check_config(config: RunConfig) -> None:
    """Refuse options that do not go together."""
    if config.resume and config.out_dir is None:
        raise CorpusError("--resume needs --out-dir")
    if config.jobs < 1:
        raise CorpusError("--jobs must be at least 1")
    if config.out_dir is not None and config.output is not None:
        raise CorpusError("choose one of -o and --out-dir")
    if config.input_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise CorpusError("reading Parquet needs pyarrow: pip install 'cnpress[parquet]'") from None


class _Tally:
    """Counts kept while a run goes (one object, local to the run)."""

    def __init__(self) -> None:
        self.files = self.bytes_in = self.documents = self.articles = self.errors = self.skipped = 0


def _drain(render: _Render, units: Sequence[_Unit] | Iterator[_Unit], config: RunConfig, sink: _Stream | None,
           progress: _Progress, tally: _Tally, errors_file: IO[str] | None, *, size: int, jobs: int) -> bool:
    """Process ``units`` in order, write their outputs to ``sink`` and their
    failures to ``errors_file``; ``False`` when ``--on-error stop`` stopped."""
    step = render.rs.step
    with contextlib.closing(_ordered_map(_render_chunk, render, _chunks(units, size), jobs, step)) as results:
        for outcomes in results:
            for o in outcomes:
                if o.failure is not None:
                    tally.errors += 1
                    if errors_file is not None:
                        errors_file.write(json.dumps(o.failure.to_record(), ensure_ascii=False) + "\n")
                        errors_file.flush()
                    progress.say(f"cnpress: {o.failure.message}")
                    if config.on_error == "stop":
                        return False
                    continue
                tally.documents += 1
                tally.bytes_in += o.bytes_in
                tally.articles += o.articles
                if sink is not None:
                    sink.write(o.text)
            progress.update(len(outcomes))
    return True


def _run_files(files: Sequence[InputFile], render: _Render, config: RunConfig, out: Callable[[str], object],
               bar: Callable[[int], _Progress], tally: _Tally, errors_file: IO[str] | None) -> None:
    """A run over text files: one output each under ``out_dir`` (written by the workers), or one stream."""
    units, tally.skipped = _file_units(files, config, render.suffix)
    progress = bar(len(units))  # the files still to do (--resume leaves some out)
    tally.files = len(units)
    jobs = min(config.jobs, len(units)) or 1
    size = max(1, min(FILES_PER_CHUNK, -(-len(units) // (jobs * CHUNKS_IN_FLIGHT))))
    stream = None if config.out_dir else _Stream(config.output, out, render.records is None and (
        render.command == "clean" or render.fmt in ("text", "markdown")))
    with _committed(stream, progress):
        _drain(render, units, config, stream, progress, tally, errors_file, size=size, jobs=jobs)


@contextlib.contextmanager
def _committed(stream: _Stream | None, progress: _Progress) -> Iterator[None]:
    """Commit ``stream`` (when there is one) if the body finishes, abort it if
    not; close the progress bar either way."""
    try:
        yield
        if stream is not None:
            stream.commit()
    except BaseException:
        if stream is not None:
            stream.abort()
        raise
    finally:
        progress.close()


def _run_records(files: Sequence[InputFile], render: _Render, config: RunConfig, out: Callable[[str], object],
                 progress: _Progress, tally: _Tally, errors_file: IO[str] | None) -> None:
    """A run over records files: one JSONL output each under ``out_dir``, or one stream."""
    stream = None if config.out_dir else _Stream(config.output, out, False)
    with _committed(stream, progress):
        for f in files:
            sink = stream
            if config.out_dir is not None:
                target = output_path(config.out_dir, f.rel, render.suffix)
                if config.resume and os.path.exists(target):
                    tally.skipped += 1
                    continue
                os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                sink = _Stream(target, out, False)
            tally.files += 1
            try:
                done = _drain(render, _record_units(f, config.input_format), config, sink, progress, tally,
                              errors_file, size=RECORDS_PER_CHUNK, jobs=config.jobs)
            except BaseException:
                if sink is not stream and sink is not None:
                    sink.abort()
                raise
            if sink is not stream and sink is not None:
                if done:
                    sink.commit()
                else:
                    sink.abort()  # a half-done file is not an output: --resume does it again
            if not done:
                break
