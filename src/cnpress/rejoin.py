"""Rejoining wrapped lines into one paragraph's text.

* CJK joins CJK (and anything joins CJK) with no space;
* Latin joins Latin with one space;
* an English word broken at a line end by ``⁃`` (U+2043), a soft hyphen or
  U+2010 is rejoined without the break character (``Spe⁃`` + ``cialists``);
* a real hyphen stays and takes no space (``（2021-`` + ``2025年）``);
* a number broken at the line end is rejoined (``共有12`` + ``3个``), unless
  the next line opens with a list number that the join would fuse into a
  number of three or more digits (``…第12`` + ``3. 支柱产业``): then the
  two keep one space (see :func:`_opens_list_item`).

Which lines belong together is decided by :mod:`cnpress.layout`.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import NamedTuple

import regex

from .chars import HAN_CLASS, LIST_MARK_CLASS, WORD_BREAK_HYPHENS

__all__ = ["Join", "join_lines"]

# Characters after which (at a line end) and before which (at the next line's
# start) a wrap is between two Latin words and takes a space.
_LATIN_END = frozenset(string.ascii_letters + string.digits + ",.;:!?%)]'\"")
_LATIN_START = frozenset(string.ascii_letters + string.digits + "([\"'&")
# The ends of a line (its last character, "" when empty) after which a join
# may take a space or drop a character: ASCII, a word-break hyphen.  After
# any other line end (a CJK character, nearly always) the lines join as they are.
_CAREFUL_ENDS = frozenset([*map(chr, range(128)), *WORD_BREAK_HYPHENS, ""])


# A list number opening a line: one or two digits, a list mark, then (after
# optional spaces) Chinese text: "3. 支柱产业", "3、各地", "3）开展".  Not "3.5%"
# nor "3、4月" (digits after the mark), nor "9. The" (English).
_LIST_NUMBER = regex.compile(rf"^(?P<num>[0-9]{{1,2}})(?P<mark>[{LIST_MARK_CLASS}]) *[{HAN_CLASS}]")
# Fused with the digits before it, a list number makes a number this long at
# least: list items are numbered in one or two digits, so "第12" + "3. …"
# (123) is a list, while "共1" + "2、…" (12) may be a number broken at the end.
_FUSED_DIGITS_MIN = 3
_DIGITS = "0123456789"


def _opens_list_item(prev: str, part: str) -> bool:
    """Whether ``part`` opens with a list number that joining it to ``prev``
    (which ends in a digit) would fuse into a longer number.

    A closing bracket after the number counts only when ``prev`` has no
    bracket left open (``（见附件12`` + ``3）中…`` closes it).

    >>> _opens_list_item("…第12", "3. 支柱产业"), _opens_list_item("共有12", "3个")
    (True, False)
    >>> _opens_list_item("（见附件12", "3）中的数据")
    False
    """
    m = _LIST_NUMBER.match(part)
    if m is None:
        return False
    trailing = len(prev) - len(prev.rstrip(_DIGITS))
    if trailing + len(m.group("num")) < _FUSED_DIGITS_MIN:
        return False
    if m.group("mark") in ")）":
        return prev.count("(") + prev.count("（") <= prev.count(")") + prev.count("）")
    return True


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
            elif last in _DIGITS and first in _DIGITS and _opens_list_item(prev, part):
                out.append(" ")  # "…第12" + "3. 支柱产业": a list number, not "123"
            elif (last.isdigit() or (last in ".," and len(prev) > 1 and prev[-2].isdigit())) and first.isdigit():
                pass  # a number broken at the line end: "21." + "01%"
            elif last in _LATIN_END and first in _LATIN_START:
                out.append(" ")
        out.append(part)
        prev = part
    return Join("".join(out), tuple(dropped))
