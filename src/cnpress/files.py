"""Writing files whole or not at all: one place for the temporary file and the rename.

``cnpress clean -o``, ``cnpress check --fix`` and the corpus runner all write
their output to a temporary file in the target's folder and rename it over
the target (:func:`write_atomic`), so that a reader, a crash, a full disk or
Ctrl-C leaves the old file or the new one, never half of one.  A stream
written over a run (the corpus runner's single JSONL output) opens its
temporary file with :func:`temp_beside` and renames it at the end.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from typing import Final

__all__ = ["TEMP_PREFIX", "WRITE_CHARS", "temp_beside", "write_atomic"]

#: How cnpress's temporary files are named (``.cnpress-<pid>-<random>.tmp``),
#: so that one left by a killed process is known for what it is.
TEMP_PREFIX: Final = ".cnpress-"
#: Characters encoded and written at a time: a large text is never encoded whole.
WRITE_CHARS: Final = 1 << 16


def temp_beside(folder: str) -> tuple[int, str]:
    """A new temporary file in ``folder``, open for writing: ``(fd, path)``.

    Unlike ``tempfile.mkstemp`` (mode 0600), its mode is what the umask gives
    a new file, so the output renamed from it reads like any other file.

    >>> import tempfile
    >>> fd, path = temp_beside(tempfile.mkdtemp())
    >>> os.close(fd); os.path.basename(path).startswith(TEMP_PREFIX)
    True
    """
    while True:
        tmp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of :data:`WRITE_CHARS` characters."""
    for start in range(0, len(text), WRITE_CHARS):
        yield text[start:start + WRITE_CHARS]


def write_atomic(path: str, text: str, *, durable: bool = True, make_folder: bool = False) -> None:
    """Replace the file at ``path`` with ``text`` (UTF-8, line breaks as
    given) at once: written to a temporary file in the same folder, then
    renamed over it.  On any failure the temporary file is removed and
    ``path`` is as it was.

    An existing file keeps its permission bits; a new one gets what the
    umask gives.  ``durable`` flushes the new file to disk before the rename
    (a corpus run of thousands of small outputs leaves that to the system);
    ``make_folder`` creates the folder first.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "page.txt")
    ...     write_atomic(p, "正文。\\n")
    ...     open(p, encoding="utf-8").read(), os.listdir(d)
    ('正文。\\n', ['page.txt'])
    """
    folder = os.path.dirname(path) or "."
    if make_folder:
        os.makedirs(folder, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = temp_beside(folder)
    try:
        try:
            for piece in _pieces(text):
                data = memoryview(piece.encode("utf-8"))
                while data:  # one write for a page; a loop for a short write
                    data = data[os.write(fd, data):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
