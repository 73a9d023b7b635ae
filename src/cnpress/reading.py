"""Reading: decode bytes into text and split text into numbered raw lines.

Decoding tries, in order: a BOM (UTF-8, UTF-16, UTF-32), strict UTF-8,
UTF-16 without a BOM when its NUL bytes give the byte order away, then the
detector of `charset-normalizer <https://github.com/jawah/charset_normalizer>`_
among the encodings Chinese text comes in (:data:`DETECTED_ENCODINGS`:
GB18030, Big5, UTF-16 without NULs), then GB18030 (a superset of GBK and
GB2312).  Input that fits none raises :class:`DecodeError` naming the file
and the first bad byte, unless ``errors="replace"`` asks for U+FFFD in place
of the bad bytes (each one listed in :attr:`Decoded.replaced` and logged
to the ``cnpress`` logger).  ``encoding=`` forces one encoding instead.

:func:`read_decoded` tells which encoding was used; :attr:`cnpress.Document.encoding`
is where to keep it (the command line does).
"""

from __future__ import annotations

import codecs
import logging
import os
from pathlib import Path
from typing import Final, Literal, NamedTuple

import regex

__all__ = [
    "DETECTED_ENCODINGS", "DecodeError", "Decoded", "decode", "decode_bytes", "read_decoded", "read_text",
    "split_lines", "unify_breaks",
]

_LOG: Final = logging.getLogger("cnpress")

#: How undecodable bytes are dealt with: ``"strict"`` raises
#: :class:`DecodeError`, ``"replace"`` puts U+FFFD in their place.
Errors = Literal["strict", "replace"]

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

#: The encodings the detector chooses among, as charset-normalizer names
#: them: Chinese text that is not UTF-8 is GB18030 (GBK, GB2312) on the
#: mainland, Big5 in Taiwan and Hong Kong, or UTF-16 (without a BOM, and
#: without the NUL bytes ASCII characters would give it away by).
DETECTED_ENCODINGS: Final = ("gb18030", "big5", "utf_16_le", "utf_16_be")
#: Encodings that GB18030 contains: decoded as GB18030, reported as ``gb18030``.
_GB_SUBSETS: Final = frozenset({"gb2312", "gbk"})
#: The fewest bytes on which UTF-16 without a BOM or NULs is believed (16 characters).
_UTF16_MIN_BYTES: Final = 32
#: What ``errors="replace"`` decodes with when no encoding fits every byte:
#: the one of these that needs the fewest replacements.
_REPLACE_CANDIDATES: Final = ("utf-8", "gb18030", "big5")
#: How many replaced bytes the log line names one by one.
_LOGGED_REPLACEMENTS: Final = 5

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Decoded(NamedTuple):
    """Decoded text, the encoding it was read in (Python's name for it:
    ``utf-8``, ``gb18030``, ``big5``, ``utf-16-le`` …) and, with
    ``errors="replace"``, every undecodable byte sequence that became U+FFFD
    as ``(offset, bytes)``."""

    text: str
    encoding: str
    replaced: tuple[tuple[int, bytes], ...] = ()


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


def decode(data: bytes, source: str = "<bytes>", *, encoding: str | None = None,
           errors: Errors = "strict") -> Decoded:
    """Decode ``data``; return the text and the encoding used.

    With ``encoding=None`` the encoding is found (see the module's
    docstring); a name (``"big5"``, ``"gbk"``) forces one.  A BOM the forced
    encoding leaves in the text is dropped.

    >>> decode("新華社記者報導".encode("big5"))
    Decoded(text='新華社記者報導', encoding='big5', replaced=())
    >>> decode("新华社记者报道".encode("gb18030")).encoding, decode("中文".encode()).encoding
    ('gb18030', 'utf-8')
    >>> decode(b"ab\\xffcd", errors="replace")
    Decoded(text='ab\ufffdcd', encoding='utf-8', replaced=((2, b'\\xff'),))
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    if encoding is not None:
        name = codecs.lookup(encoding).name  # LookupError for an unknown name
        decoded = _decode_with(data, name, source, errors)
        return _logged(decoded._replace(text=decoded.text.removeprefix("\ufeff")), source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _logged(_decode_with(data[len(bom):], name, source, errors, offset=len(bom)), source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_err:
        first_bad = utf8_err.start
    for name in _candidates(data):
        try:
            return Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    if errors == "replace":
        return _logged(min((_decode_with(data, name, source, "replace") for name in _REPLACE_CANDIDATES),
                           key=lambda d: sum(len(b) for _, b in d.replaced)), source)
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as gb_err:
        raise DecodeError(source, max(first_bad, gb_err.start), ("utf-8", "gb18030")) from None
    raise AssertionError("unreachable: gb18030 is among the candidates")  # pragma: no cover


def decode_bytes(data: bytes, source: str = "<bytes>", *, encoding: str | None = None,
                 errors: Errors = "strict") -> str:
    """Decode ``data`` (UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16
    without BOM, GB18030, Big5): :func:`decode` without the encoding's name.

    >>> decode_bytes("中文".encode("gb18030"))
    '中文'
    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad")
    '中'
    """
    return decode(data, source, encoding=encoding, errors=errors).text


def _candidates(data: bytes) -> list[str]:
    """The encodings to try on ``data`` (which is not UTF-8), most likely first.

    UTF-16 whose NUL bytes give its byte order away comes first, then what
    charset-normalizer finds among :data:`DETECTED_ENCODINGS` (least chaos
    and most coherence first; on a tie, in the order of that tuple), then
    GB18030, the most common encoding of Chinese text that is not UTF-8.
    UTF-16 without NULs is believed only on :data:`_UTF16_MIN_BYTES` bytes
    or more where the detector sees no chaos in it at all: on fewer, any
    even number of bytes reads as some UTF-16.

    >>> _candidates("繁體中文報紙的文字".encode("big5"))[0]
    'big5'
    >>> _candidates("简体中文报纸的文字".encode("gb18030"))[0]
    'gb18030'
    >>> _candidates(b"abc\\x80\\xffdef")
    ['gb18030']
    """
    from charset_normalizer import from_bytes  # imported here: most input is UTF-8

    found: list[str] = []
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        found.append(utf16)
    matches = sorted(from_bytes(data, cp_isolation=list(DETECTED_ENCODINGS)),
                     key=lambda m: (m.chaos, -m.coherence, _preference(m.encoding)))
    for match in matches:
        name = codecs.lookup(match.encoding).name
        if name.startswith("utf-16") and (len(data) < _UTF16_MIN_BYTES or match.chaos > 0):
            continue
        found.append("gb18030" if name in _GB_SUBSETS else name)
    found.append("gb18030")
    return list(dict.fromkeys(found))


def _preference(encoding: str) -> int:
    """Where ``encoding`` stands in :data:`DETECTED_ENCODINGS` (unknown: last)."""
    return DETECTED_ENCODINGS.index(encoding) if encoding in DETECTED_ENCODINGS else len(DETECTED_ENCODINGS)


def _decode_with(data: bytes, encoding: str, source: str, errors: Errors, offset: int = 0) -> Decoded:
    """``data`` decoded in ``encoding``; with ``errors="replace"`` every
    byte sequence the codec rejects becomes one U+FFFD (as Python's own
    ``errors="replace"`` gives) and is listed.
    ``data`` starts at byte ``offset`` of the input (after a BOM): offsets
    reported count from the input's start.

    >>> _decode_with(b"a\\xffb\\xfe", "utf-8", "<bytes>", "replace").replaced
    ((1, b'\\xff'), (3, b'\\xfe'))
    """
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as err:
        if errors == "strict":
            raise DecodeError(source, offset + err.start, (encoding,)) from None
    view = memoryview(data)
    pieces: list[str] = []
    replaced: list[tuple[int, bytes]] = []
    pos = 0
    while True:
        try:
            pieces.append(str(view[pos:], encoding))
            break
        except UnicodeDecodeError as err:
            pieces.append(str(view[pos:pos + err.start], encoding))
            pieces.append("\ufffd")
            replaced.append((offset + pos + err.start, bytes(view[pos + err.start:pos + err.end])))
            pos += err.end
    return Decoded("".join(pieces), encoding, tuple(replaced))


def _logged(decoded: Decoded, source: str) -> Decoded:
    """``decoded``, its replacements (if any) logged as one warning to the ``cnpress`` logger."""
    if decoded.replaced:
        runs = decoded.replaced
        shown = ", ".join(f"{b.hex()} at {at}" for at, b in runs[:_LOGGED_REPLACEMENTS])
        more = f" and {len(runs) - _LOGGED_REPLACEMENTS} more" if len(runs) > _LOGGED_REPLACEMENTS else ""
        _LOG.warning("%s: decoded as %s; %d undecodable byte sequence(s) replaced with U+FFFD: %s%s",
                     source, decoded.encoding, len(runs), shown, more)
    return decoded


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


def read_decoded(source: str | os.PathLike[str] | bytes, encoding: str | None = None,
                 errors: Errors = "strict") -> Decoded:
    """Read a file (or decode bytes) into text with ``\\n`` line breaks, and
    say which encoding it was in (see :func:`decode` for ``encoding`` and
    ``errors``).

    >>> read_decoded("新華社記者\\r\\n報導".encode("big5"))
    Decoded(text='新華社記者\\n報導', encoding='big5', replaced=())
    """
    if isinstance(source, bytes):
        decoded = decode(source, encoding=encoding, errors=errors)
    else:
        path = Path(source)
        decoded = decode(path.read_bytes(), str(path), encoding=encoding, errors=errors)
    return decoded._replace(text=unify_breaks(decoded.text))


def read_text(source: str | os.PathLike[str] | bytes, encoding: str | None = None,
              errors: Errors = "strict") -> str:
    """Read a file (or decode bytes) into text with ``\\n`` line breaks.

    ``source`` is a path or the raw bytes; ``encoding=None`` finds the
    encoding, a name forces one (see :func:`decode`).  CRLF, lone CR, U+2028
    and U+2029 become ``\\n``; nothing else is changed (control characters
    are left for :func:`cnpress.parse`, which drops them and logs them).

    >>> read_text("甲\\r\\n乙".encode("utf-16"))
    '甲\\n乙'
    >>> read_text("報導".encode("big5"), encoding="big5")
    '報導'
    """
    return read_decoded(source, encoding, errors).text


def unify_breaks(text: str) -> str:
    """``text`` with every kind of line break turned into ``\\n`` (one for
    each, so line numbers stay those of :func:`split_lines`).

    >>> unify_breaks("a\\r\\nb\\rc\\u2028d")
    'a\\nb\\nc\\nd'
    """
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
    return unify_breaks(text).split("\n")
