"""Spacing and punctuation repair inside a paragraph or heading.

:func:`fix_spacing` changes only spaces: it removes the spaces extraction
inserts at CJK/Latin and CJK/digit boundaries and around full-width
punctuation, brackets and quotes, and collapses letter-spaced CJK (``博 士``
→ ``博士``) and digits set one at a time (``1 9 9 7年`` → ``1997年``), while
keeping the spaces that are real word spacing (``质量 数字 绿色 融合``,
``黄华伟 朱佳妮``, ``HUI JIN QIAO 299``).

:func:`widen_punctuation` turns half-width ``? ! , ; : ( )`` into full width
where they stand in Chinese text.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import TYPE_CHECKING, Final, Literal

import regex

from .chars import (
    ASCII_ALNUM_CLASS,
    CJK_CLOSERS_CLASS,
    CJK_OPENERS_CLASS,
    HALF_TO_FULL,
    HAN_CLASS,
    NO_SPACE_AFTER_CLASS,
    NO_SPACE_BEFORE_CLASS,
)

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = ["SpacingStyle", "fix_spacing", "tokenizer", "widen_punctuation", "word_crosses"]

SpacingStyle = Literal["tight", "spaced", "keep"]

_CJK = HAN_CLASS + r"\p{Hiragana}\p{Katakana}"

# Spaces between a CJK character and an ASCII letter/digit, either order:
# "潜心 20年", "10 月 31 日", "工业 X射线", "0.4 秒/次", "TCL 大供应链".
_CJK_LATIN_GAP = regex.compile(
    rf"(?<=[{_CJK}]) +(?=[{ASCII_ALNUM_CLASS}])|(?<=[{ASCII_ALNUM_CLASS}%]) +(?=[{_CJK}])"
)
# A CJK/Latin boundary with no space, for style="spaced".
_CJK_LATIN_TOUCH = regex.compile(
    rf"(?<=[{_CJK}])(?=[{ASCII_ALNUM_CLASS}])|(?<=[{ASCII_ALNUM_CLASS}%])(?=[{_CJK}])"
)
# Spaces before closing / after opening full-width punctuation: "博士 、".
_PUNCT_GAP = regex.compile(rf" +(?=[{NO_SPACE_BEFORE_CLASS}])|(?<=[{NO_SPACE_AFTER_CLASS}]) +")
# Spaces between Chinese text and a full-width bracket or quote opening after
# it or closing before it: "电 （记者孙玛多吉） 受", "他说 “你好”".
_BRACKET_GAP = regex.compile(rf"(?<=[{_CJK}]) +(?=[{CJK_OPENERS_CLASS}])|(?<=[{CJK_CLOSERS_CLASS}]) +(?=[{_CJK}])")
# Spaces after a full-width sentence end, before a digit or an opening
# bracket: "共13人。 （和名单见12版）", "的东西。 1985年8月".  (Before Chinese
# text a space can be all that sets a run-in byline apart: "…美元。 本报记者 陈宜瑜".)
_SENTENCE_END_GAP = regex.compile(rf"(?<=[。！？]) +(?=[0-9{CJK_OPENERS_CLASS}])")
# A space between a number and its per cent sign: "1 0 0 %", "71.4 %".
_PERCENT_GAP = regex.compile(r"(?<=[0-9]) +(?=%)")
# Digits set (or OCR'd) one at a time: "1 9 9 4年", "3 0 0多家", "7 1 . 4 %".
# Only single digits a space apart, the run's first digit not right after
# a letter, digit or a digit and a space (so a run is scanned once: linear),
# taken possessively, and only where a measure word, a unit or "%" follows
# ("合计 3 5 2 1", a table's row, keeps its spaces).
_SPACED_DIGITS = regex.compile(
    rf"(?<![{ASCII_ALNUM_CLASS}.]|[0-9] )[0-9](?: (?:\. )?[0-9])++(?= ?[%{_CJK}])"
)
# A run of space-separated Han tokens: the candidates for letter-spacing.
# It starts only where a Han run starts and never gives back what a token
# took (possessive ``++``): otherwise a long Han run with no space-separated
# token after it is rescanned from each of its characters (quadratic).
_HAN_RUN = regex.compile(rf"(?<![{HAN_CLASS}])[{HAN_CLASS}]++(?: [{HAN_CLASS}]++)+")
# Two or more spaces.
_MULTI_SPACE = regex.compile(r"  +")
# A half-width mark right after Chinese text, or after it and spaces as OCR
# sets them ("表明 ,除了", "能力 ; 另一方面"), and not inside a number or URL.
# The mark is matched first and the text before it looked at from there, so
# a long run of spaces is not scanned back from each of its characters.
_HALF_PUNCT = regex.compile(rf"[?!,;:](?<=[{_CJK}{CJK_CLOSERS_CLASS}] *[?!,;:])(?![/\\]{{2}})")
# A bracket pair whose content or surroundings are Chinese.
_HALF_PARENS = regex.compile(r"\((?P<inner>[^()\n]{1,200})\)")
_HAS_HAN = regex.compile(rf"[{HAN_CLASS}]")


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """jieba's dictionary, loaded on first use only (about a second).

    The prefix dictionary is built straight from jieba's word list rather
    than by ``Tokenizer.initialize``: that one logs four lines to stderr
    through jieba's own logger (set to DEBUG, with a handler of its own)
    and writes a cache file to the temporary folder.  Building it here
    logs nothing and leaves jieba's logger, and the host application's
    logging configuration, as they are (it takes as long as loading the
    cache does).

    >>> tokenizer().FREQ["报道"] > 0
    True
    """
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    return tokenizer


def word_crosses(left: str, right: str) -> bool:
    """Whether jieba's dictionary (HMM off) reads a word across ``left|right``.

    The same answer as segmenting ``left + right`` with ``jieba.cut(...,
    HMM=False)`` and looking for a word over the break, computed with one
    word graph instead of two where the text is one of jieba's blocks.

    >>> word_crosses("摄", "影报道"), word_crosses("季春鹏", "摄")
    (True, False)
    """
    return _crosses(left, right)


# The answers are asked for again by later stages (reading order, then the
# feature table, at the same line breaks): kept for the most recent pairs.
@lru_cache(maxsize=1 << 14)
def _crosses(left: str, right: str) -> bool:
    text = left + right
    at = len(left)
    tk = tokenizer()
    if len(text) <= _SHORT and not any(tk.FREQ.get(text[k:end]) for k in range(at)
                                       for end in range(at + 1, len(text) + 1)):
        dag = None  # no dictionary word over the break, looked up directly
    else:
        dag = tk.get_DAG(text)  # dag[k]: the last index of every dictionary word starting at k
    if dag is None or not any(last >= at for k in range(at) for last in dag[k]):
        # No dictionary word spans the break; only an ASCII run or CRLF can.
        if not ((_ascii_alnum(left[-1:]) and _ascii_alnum(right[:1]))
                or (left.endswith("\r") and right.startswith("\n"))):
            return False
        return _cut_crosses(text, at)
    if _JIEBA_BLOCK.fullmatch(text) is None:
        return _cut_crosses(text, at)
    route: dict[int, tuple[float, int]] = {}
    tk.calc(text, dag, route)
    # jieba's __cut_DAG_NO_HMM: follow the best route; runs of one-character
    # ASCII words are one word.
    x, run_start = 0, -1
    while x < len(text):
        y = route[x][1] + 1
        if y - x == 1 and _ascii_alnum(text[x]):
            if run_start < 0:
                run_start = x
        else:
            if run_start >= 0:
                if run_start < at < x:
                    return True
                run_start = -1
            if x < at < y:
                return True
        x = y
    return 0 <= run_start < at < len(text)


# Up to this many characters, the words over a break are looked up one by
# one rather than by building jieba's word graph.
_SHORT = 6
# jieba's own block pattern (``jieba.re_han_default``): text that it segments
# by its word graph as one piece.
_JIEBA_BLOCK = regex.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _cut_crosses(text: str, at: int) -> bool:
    """The slow, general path of :func:`word_crosses`: jieba's segmentation."""
    pos = 0
    for word in tokenizer().cut(text, HMM=False):
        end = pos + len(word)
        if pos < at < end:
            return True
        pos = end
    return False


#: How many characters on each side of a gap jieba is shown when asked
#: whether a word crosses it: more than any dictionary word is long, and a
#: bound, so that a letter-spaced run glued into one long token is not read
#: again from its start at every gap (quadratic in the run's length).
WORD_CONTEXT: Final = 32


def _collapse_run(match: regex.Match[str]) -> str:
    """One run of space-separated Han tokens with its letter-spacing removed.

    >>> _collapse_run(_HAN_RUN.search("船 名 航 次 质量 数字"))
    '船名航次 质量 数字'
    """
    tokens = match.group().split(" ")
    groups = [[tokens[0]]]  # the tokens glued into each output word, in order
    tail = tokens[0]  # the end of the last group (at most WORD_CONTEXT characters)
    for prev, tok in itertools.pairwise(tokens):
        if len(prev) == 1 and len(tok) == 1:
            glue = True  # "博 士", "船 名 航 次": letter-spacing
        elif len(prev) == 1 or len(tok) == 1:
            glue = word_crosses(tail, tok[:WORD_CONTEXT])  # "摄 影报道" yes, "季春鹏 摄" no
        else:
            glue = False  # "质量 数字": real word spacing
        if glue:
            groups[-1].append(tok)
            tail = (tail + tok)[-WORD_CONTEXT:]
        else:
            groups.append([tok])
            tail = tok[-WORD_CONTEXT:]
    return " ".join("".join(group) for group in groups)


def fix_spacing(text: str, style: SpacingStyle = "tight", *, collapse_letter_spacing: bool = True) -> str:
    """Repair the spaces of one paragraph or heading; only spaces change.

    ``style="tight"`` (default) removes every space between CJK and ASCII
    letters/digits; ``style="spaced"`` puts exactly one there; ``"keep"``
    leaves CJK/Latin spacing alone.

    >>> fix_spacing("潜心 20年，10 月 31 日，工业 X射线，0.4 秒/次")
    '潜心20年，10月31日，工业X射线，0.4秒/次'
    >>> fix_spacing("Hanisch 博 士 、船 名 航 次 ：HUI JIN QIAO 299")
    'Hanisch博士、船名航次：HUI JIN QIAO 299'
    >>> fix_spacing("围绕“质量 数字 绿色 融合”主题")
    '围绕“质量 数字 绿色 融合”主题'
    >>> fix_spacing("新华社记者 季春鹏 摄")
    '新华社记者 季春鹏 摄'
    >>> fix_spacing("TCL大供应链", style="spaced")
    'TCL 大供应链'

    Digits set one at a time before a unit close up; spaces between Chinese
    text and full-width brackets and quotes go:

    >>> fix_spacing("产量 1 9 9 7 年增长 7 1 . 4 %，据新华社电 （记者孙玛多吉） 受委派")
    '产量1997年增长71.4%，据新华社电（记者孙玛多吉）受委派'
    >>> fix_spacing("合计 3 5 2 1")
    '合计3 5 2 1'
    >>> fix_spacing("共13人。 （名单见12版） 此后")
    '共13人。（名单见12版）此后'
    """
    if " " not in text:
        return _CJK_LATIN_TOUCH.sub(" ", text) if style == "spaced" else text
    text = _MULTI_SPACE.sub(" ", text.strip(" "))
    if collapse_letter_spacing and " " in text:
        text = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), text)
    if style != "keep":
        text = _CJK_LATIN_GAP.sub("", text)
        if "%" in text and _HAS_HAN.search(text):
            text = _PERCENT_GAP.sub("", text)
    text = _SENTENCE_END_GAP.sub("", _BRACKET_GAP.sub("", _PUNCT_GAP.sub("", text)))
    if collapse_letter_spacing and " " in text:
        text = _HAN_RUN.sub(_collapse_run, text)
    if style == "spaced":
        text = _CJK_LATIN_TOUCH.sub(" ", text)
    return text


def _widen_parens(match: regex.Match[str]) -> str:
    inner = match.group("inner")
    s, e = match.start(), match.end()
    text = match.string
    before = text[s - 1] if s else ""
    after = text[e] if e < len(text) else ""
    if _HAS_HAN.search(inner) or (_HAS_HAN.match(before) and _HAS_HAN.match(after)):
        return "（" + inner + "）"
    return match.group()


def widen_punctuation(text: str) -> str:
    """Turn half-width ``? ! , ; : ( )`` in Chinese text into full width.

    Marks inside Latin text, numbers and URLs are left alone.

    >>> widen_punctuation("钢材用手就能轻易撕开?记者(以下简称“中博会”)看到")
    '钢材用手就能轻易撕开？记者（以下简称“中博会”）看到'
    >>> widen_punctuation("Hello, world! http://x.cn 3:30")
    'Hello, world! http://x.cn 3:30'
    >>> widen_punctuation("抽查表明 ,除了")  # the space goes in fix_spacing
    '抽查表明 ，除了'
    """
    if "(" in text:
        text = _HALF_PARENS.sub(_widen_parens, text)
    if not any(mark in text for mark in "?!,;:"):
        return text
    return _HALF_PUNCT.sub(lambda m: HALF_TO_FULL[m.group()], text)
