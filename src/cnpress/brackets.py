"""Garbled brackets: the 渊…冤 a broken PDF font map makes of （…）.

Some PDF producers write a font map under which every text extractor reads
full-width brackets as two ordinary characters (:data:`cnpress.chars.GARBLED_BRACKETS`):
``８５岁渊１９１３年１月出生冤``, ``渊来源：经济日报冤``.  ``渊`` and ``冤`` are also
characters of their own (``深渊``, ``渊源``, ``冤案``, the name ``符福渊``), so a
pair is read as brackets only when

* it is short (at most :data:`GARBLED_MAX` characters inside, no clause or
  sentence end inside, on one line of text), and neither end is part of a
  longer dictionary word; and
* the page shows the fault: at least :data:`MIN_PAIRS` such pairs
  (:func:`has_garbled_font`), so one stray pair in a clean page is left alone.

Bylines, datelines and jump lines restore their own brackets
(:mod:`cnpress.bylines`, :mod:`cnpress.furniture`); this covers the rest of
the text: running text, section numbers, source lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import regex

from .chars import CLAUSE_END_CLASS, GARBLED_BRACKETS
from .model import Repair
from .spacing import tokenizer

__all__ = [
    "GARBLED_MAX", "MIN_PAIRS", "garbled_left_open", "garbled_pairs", "garbled_tail", "has_garbled_font",
    "restore_garbled",
]

_OPEN: Final = "".join(k for k, v in GARBLED_BRACKETS.items() if v == "（")
_CLOSE: Final = "".join(k for k, v in GARBLED_BRACKETS.items() if v == "）")
#: The most characters a pair of garbled brackets holds.
GARBLED_MAX: Final = 24
#: A page shows a broken font map when it has at least this many pairs.
MIN_PAIRS: Final = 2
# A pair of garbled brackets around at most GARBLED_MAX characters with no
# sentence or clause end inside: "渊林伟霞 黄俭冤", "渊来源：光明日报冤", "渊一冤".
_PAIR: Final = regex.compile(f"[{_OPEN}][^{_OPEN}{_CLOSE}{CLAUSE_END_CLASS}\\n]{{1,{GARBLED_MAX}}}[{_CLOSE}]")
#: How many characters either side of a bracket jieba reads to see whether it is in a word.
WORD_WINDOW: Final = 4


def _in_word(text: str, at: int) -> bool:
    """Whether jieba's dictionary reads ``text[at]`` as part of a longer word
    (``深渊``, ``渊源``, ``冤魂``): then it is the character, not a bracket."""
    lo = max(0, at - WORD_WINDOW)
    pos = lo
    for word in tokenizer().cut(text[lo:at + WORD_WINDOW + 1], HMM=False):
        if pos <= at < pos + len(word):
            return len(word) > 1
        pos += len(word)
    return False


def garbled_pairs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every pair in ``text`` that reads as garbled brackets.

    >>> garbled_pairs("８５岁渊１９１３年１月出生冤，渊源深厚。")
    [(3, 14)]
    """
    return [m.span() for m in _PAIR.finditer(text)
            if not (_in_word(text, m.start()) or _in_word(text, m.end() - 1))]


# The end of a garbled bracket alone on a line: a name or a dateline's end
# and the closing 冤 ("亚清荆成冤", "电冤"), no clause mark or space in it.
_TAIL: Final = regex.compile(f"[^{_OPEN}{_CLOSE}{CLAUSE_END_CLASS}\\s]{{1,16}}[{_CLOSE}]")


def garbled_left_open(text: str) -> bool:
    """Whether ``text`` ends inside a garbled bracket: its last ``渊`` (not in
    a word) has no ``冤`` after it.  Read so only on a page that shows the
    fault (:func:`has_garbled_font`).

    >>> garbled_left_open("付出艰苦的努力。渊新华社雅加达１月９日"), garbled_left_open("渊源深厚，")
    (True, False)
    """
    at = text.rfind(_OPEN)
    return at >= 0 and _CLOSE not in text[at:] and not _in_word(text, at)


def garbled_tail(text: str) -> bool:
    """Whether ``text`` is only the end of a garbled bracket (``亚清荆成冤``).

    >>> garbled_tail("电冤"), garbled_tail("１美元冤，比上年同期增长")
    (True, False)
    """
    return _TAIL.fullmatch(text) is not None


def has_garbled_font(texts: Iterable[str]) -> bool:
    """Whether the page's text shows the broken font map (:data:`MIN_PAIRS` pairs or more).

    >>> has_garbled_font(["渊一冤总则", "８５岁渊１９１３年１月出生冤"]), has_garbled_font(["渊一冤总则"])
    (True, False)
    """
    found = 0
    for text in texts:
        if _OPEN in text:
            found += len(garbled_pairs(text))
            if found >= MIN_PAIRS:
                return True
    return False


def restore_garbled(text: str, line: int, repairs: list[Repair]) -> str:
    """``text`` with its garbled bracket pairs restored, each logged to ``repairs``.

    >>> log: list[Repair] = []
    >>> restore_garbled("渊来源：经济日报冤", 7, log), [(r.line, r.before, r.after) for r in log]
    ('（来源：经济日报）', [(7, '渊', '（'), (7, '冤', '）')])
    """
    pairs = garbled_pairs(text) if _OPEN in text else []
    if not pairs:
        return text
    chars = list(text)
    for start, end in pairs:
        for at in (start, end - 1):
            repairs.append(Repair("bracket", line, chars[at], GARBLED_BRACKETS[chars[at]]))
            chars[at] = GARBLED_BRACKETS[chars[at]]
    return "".join(chars)
