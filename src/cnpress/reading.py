"""Reading: decode bytes into text and split text into numbered raw lines.

Decoding tries, in order: a BOM (UTF-8, UTF-16, UTF-32), strict UTF-8, then
GB18030 (a superset of GBK and GB2312).  Input that fits none raises
:class:`DecodeError` naming the file and the first bad byte.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import regex

__all__ = ["DecodeError", "decode_bytes", "read_text", "split_lines"]

# Line breaks a file may carry: CRLF, lone CR, NEL, LS, PS.  Every one counts
# as one raw line break, as ``grep -n ''`` counts ``\n``.
_LINE_BREAK = regex.compile(r"\r\n|[\r\u0085\u2028\u2029]")
# The characters that start one of those breaks.  Most text has none: looking
# for each with ``in`` (a memchr-speed scan) is much cheaper than a regex pass.
_BREAK_STARTS = "\r\u0085\u2028\u2029"

#: How many leading bytes decide whether BOM-less data is UTF-16.
_UTF16_SAMPLE = 1 << 16
#: How many times more NULs one parity must hold than the other.
_NUL_PARITY = 4

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The input is in no encoding cnpress reads.

    ``source`` names the file (or ``"<bytes>"``), ``offset`` is the 0-based
    offset of the first byte that fits no encoding tried.
    """

    def __init__(self, source: str, offset: int, tried: tuple[str, ...]) -> None:
        self.source = source
        self.offset = offset
        self.tried = tried
        super().__init__(
            f"{source}: cannot decode byte at offset {offset} "
            f"(tried {', '.join(tried)}); convert the file to UTF-8 first"
        )


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode ``data`` (UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16
    without BOM when its NUL bytes give it away, GB18030).

    >>> decode_bytes("中文".encode("gb18030"))
    '中文'
    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad")
    '中'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(source, err.start + len(bom), (encoding,)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_err:
        first_bad = utf8_err.start
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: GB18030 decides
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as gb_err:
        raise DecodeError(source, max(first_bad, gb_err.start), ("utf-8", "gb18030")) from None


def _bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` looks like UTF-16 without a
    BOM, else ``None``.

    Text files in UTF-8 or GB18030 hold no NUL byte; UTF-16 holds one for
    every ASCII character (line breaks, spaces, digits), nearly always at the
    same parity: odd offsets little-endian, even offsets big-endian.

    >>> _bomless_utf16("第1版\\n".encode("utf-16-le")), _bomless_utf16("第1版\\n".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> _bomless_utf16("第1版\\n".encode("gb18030")) is None
    True
    """
    if len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:_UTF16_SAMPLE]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    # (A CJK character U+xx00, such as 一, puts a NUL at the other parity.)
    if odd > _NUL_PARITY * even:
        return "utf-16-le"
    if even > _NUL_PARITY * odd:
        return "utf-16-be"
    return None


def read_text(source: str | os.PathLike[str] | bytes) -> str:
    """Read a file (or decode bytes) into text with ``\\n`` line breaks.

    ``source`` is a path or the raw bytes.  CRLF, lone CR, U+2028 and U+2029
    become ``\\n``; nothing else is changed (control characters are left for
    :func:`cnpress.parse`, which drops them and logs each one).

    >>> read_text("甲\\r\\n乙".encode("utf-16"))
    '甲\\n乙'
    """
    if isinstance(source, bytes):
        text = decode_bytes(source)
    else:
        path = Path(source)
        text = decode_bytes(path.read_bytes(), str(path))
    return _unify_breaks(text)


def _unify_breaks(text: str) -> str:
    """``text`` with every kind of line break turned into ``\\n``."""
    if any(start in text for start in _BREAK_STARTS):
        return _LINE_BREAK.sub("\n", text)
    return text


def split_lines(text: str) -> list[str]:
    """Split text into raw lines, numbered from 1 by their index + 1.

    Every kind of line break counts once, so the numbers agree with
    ``grep -n ''`` on the file after :func:`read_text`.

    >>> split_lines("a\\r\\nb\\rc")
    ['a', 'b', 'c']
    """
    return _unify_breaks(text).split("\n")
