"""Rejoining wrapped lines into one paragraph's text.

* CJK joins CJK (and anything joins CJK) with no space;
* Latin joins Latin with one space;
* an English word broken at a line end by ``⁃`` (U+2043), a soft hyphen or
  U+2010 is rejoined without the break character (``Spe⁃`` + ``cialists``);
* a real hyphen stays and takes no space (``（2021-`` + ``2025年）``).

Which lines belong together is decided by :mod:`cnpress.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from .chars import WORD_BREAK_HYPHENS

__all__ = ["join_lines", "Join"]

# A Latin letter then a word-break character at the end of a line.
_BROKEN_WORD = regex.compile(rf"(?<=[A-Za-z])[{WORD_BREAK_HYPHENS}]$")
_LATIN_END = regex.compile(r"[A-Za-z0-9,.;:!?%)\]'\"]$")
_LATIN_START = regex.compile(r"^[A-Za-z0-9(\[\"'&]")


class Join(NamedTuple):
    """The joined text and the word-break characters dropped from it."""

    text: str
    dropped: tuple[str, ...]


def join_lines(parts: Sequence[str]) -> Join:
    """Join the wrapped lines of one paragraph.

    >>> join_lines(["日联科", "技"]).text
    '日联科技'
    >>> join_lines(["Flow Spe\\u2043", "cialists and Flowme\\u2043", "ters"]).text
    'Flow Specialists and Flowmeters'
    >>> join_lines(["（2021-", "2025年）"]).text
    '（2021-2025年）'
    >>> join_lines(["HUI JIN", "QIAO 299"]).text
    'HUI JIN QIAO 299'
    """
    if len(parts) == 1:
        return Join(parts[0], ())
    out = parts[0]
    dropped: list[str] = []
    for part in parts[1:]:
        if not part:
            continue
        m = _BROKEN_WORD.search(out)
        if m and part[0].isascii() and part[0].isalpha() and part[0].islower():
            dropped.append(m.group())
            out = out[: m.start()] + part
        elif _LATIN_END.search(out) and _LATIN_START.match(part):
            out = out + " " + part
        else:
            out = out + part
    return Join(out, tuple(dropped))
