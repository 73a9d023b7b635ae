"""Rejoining wrapped lines into one paragraph's text.

* CJK joins CJK (and anything joins CJK) with no space;
* Latin joins Latin with one space;
* an English word broken at a line end by ``⁃`` (U+2043), a soft hyphen or
  U+2010 is rejoined without the break character (``Spe⁃`` + ``cialists``);
* a real hyphen stays and takes no space (``（2021-`` + ``2025年）``).

Which lines belong together is decided by :mod:`cnpress.layout`.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import NamedTuple

from .chars import WORD_BREAK_HYPHENS

__all__ = ["Join", "join_lines"]

# Characters after which (at a line end) and before which (at the next line's
# start) a wrap is between two Latin words and takes a space.
_LATIN_END = frozenset(string.ascii_letters + string.digits + ",.;:!?%)]'\"")
_LATIN_START = frozenset(string.ascii_letters + string.digits + "([\"'&")
# The ends of a line (its last character, "" when empty) after which a join
# may take a space or drop a character: ASCII, a word-break hyphen.  After
# any other line end (a CJK character, nearly always) the lines join as they are.
_CAREFUL_ENDS = frozenset([*map(chr, range(128)), *WORD_BREAK_HYPHENS, ""])


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
    if _CAREFUL_ENDS.isdisjoint([part[-1:] for part in parts[:-1]]):
        return Join("".join(parts), ())
    out: list[str] = []
    dropped: list[str] = []
    prev = ""
    for part in parts:
        if not part:
            continue
        if prev:
            last, first = prev[-1], part[0]
            if (last in WORD_BREAK_HYPHENS and len(prev) > 1 and prev[-2].isascii() and prev[-2].isalpha()
                    and first.isascii() and first.islower()):
                dropped.append(last)
                out[-1] = prev[:-1]
            elif (last.isdigit() or (last in ".," and len(prev) > 1 and prev[-2].isdigit())) and first.isdigit():
                pass  # a number broken at the line end: "21." + "01%"
            elif last in _LATIN_END and first in _LATIN_START:
                out.append(" ")
        out.append(part)
        prev = part
    return Join("".join(out), tuple(dropped))
