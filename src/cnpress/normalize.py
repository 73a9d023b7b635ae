"""Normalisation of single raw lines: the repairs that need no context.

Each raw line goes through, in order:

1. control and invisible characters dropped (each run of them logged as
   one repair), the C1 controls after step 2 (they can be bytes of
   mojibake); a form feed is a page break, logged as ``page-break`` (see
   :func:`page_starts`);
2. mojibake repaired by ftfy, configured to leave full-width punctuation,
   curly quotes and line breaks alone (only lines a cheap check flags),
   again after step 3 if that changed the line;
3. tabs, no-break and ideographic spaces turned into plain spaces;
4. half-width ideographic punctuation ``｡｢｣､`` widened to ``。「」、``
   (``halfwidth-ideographic``), Kangxi and supplement radicals and CJK
   compatibility ideographs mapped to the unified ideograph
   (``han-variant``, table :data:`cnpress.chars.HAN_VARIANTS`), one logged
   repair per character;
5. NFC (and a combining mark that opens a line is moved to the end of the
   line before, which is put in NFC there: :func:`_attach_leading_marks`);
6. a marker glyph at the line start (``姻 ``, ``荫 ``, ``■ `` …) recognised,
   dropped from the text and logged;
7. ``———`` shortened to ``——``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple

import ftfy
import regex

from .bylines import AGENCIES, ROLES
from .chars import (
    CLAUSE_PUNCT,
    EM_DASH,
    HALFWIDTH_IDEOGRAPHIC,
    HALFWIDTH_IDEOGRAPHIC_CLASS,
    HAN_CLASS,
    HAN_VARIANT_CLASS,
    HAN_VARIANTS,
    MARKER_GLYPHS,
    PAGE_BREAK,
)
from .model import Options, Repair

__all__ = [
    "HEADING_MARK", "LONG_DASH", "NLine", "close_ocr_gaps", "normalize_line", "normalize_lines", "ocr_gapped",
    "opening_marker", "page_starts", "strip_heading_mark", "take_opening_marker",
]


class NLine(NamedTuple):
    """A normalised raw line: its 1-based number, text and marker glyph."""

    no: int
    text: str
    marker: str | None = None


# The form feed: pdftotext and other extractors end each page with one.
_PAGE_BREAK: Final = PAGE_BREAK
# C0/C1 controls (tab kept, it becomes a space; the form feed included, it is
# dropped too but logged as a page break), zero-width characters, BOM.
_CONTROL_CHARS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\ufffe"
_CONTROL = regex.compile(f"[{_CONTROL_CHARS}]")
# A run of them, logged as one repair: form feeds on their own (a page
# break each), the others together ("\x00\x00\x00" is one control-char repair).
_CONTROL_RUN = regex.compile(f"{_PAGE_BREAK}+|(?:(?!{_PAGE_BREAK})[{_CONTROL_CHARS}])+")
# The same less the C1 controls (U+0080–U+009F), which can be bytes of
# mojibake: dropped before ftfy runs.
_C0_CONTROL_CHARS = r"\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2060\ufeff\ufffe"
_C0_CONTROL = regex.compile(f"[{_C0_CONTROL_CHARS}]")
_C0_CONTROL_RUN = regex.compile(f"{_PAGE_BREAK}+|(?:(?!{_PAGE_BREAK})[{_C0_CONTROL_CHARS}])+")
# Characters replaced one for one by a table: half-width ideographic
# punctuation and Han look-alikes (only the table's keys are changed).
_TABLE_CHARS = HALFWIDTH_IDEOGRAPHIC_CLASS + HAN_VARIANT_CLASS
_TABLE_CHAR = regex.compile(f"[{_TABLE_CHARS}]")
# Each table character: the repair kind it is logged as and what replaces it.
_CHAR_TABLE: Final[Mapping[str, tuple[str, str]]] = MappingProxyType({
    **{ch: ("halfwidth-ideographic", to) for ch, to in HALFWIDTH_IDEOGRAPHIC.items()},
    **{ch: ("han-variant", to) for ch, to in HAN_VARIANTS.items()},
})
_CHAR_TRANSLATION = str.maketrans({ch: to for ch, (_, to) in _CHAR_TABLE.items()})
# Whitespace that prints as a gap: tab, no-break space, ideographic space.
_ODD_SPACE_CHARS = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE = regex.compile(f"[{_ODD_SPACE_CHARS}]")
# The upper half of Latin-1: what most mojibake is made of.
_LATIN1_CHARS = r"\u0080-\u00ff"
# Characters that UTF-8/GBK read as Latin-1 or cp1252 leave behind: the cheap
# test that decides whether a line goes through ftfy at all.
_MOJIBAKE_HINT = regex.compile(
    rf"[{_LATIN1_CHARS}\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2020\u2021\u2030\u2039\u203a\u20ac\u2122]"
)
# A marker glyph at the line start, followed by a space ("姻 新华社记者…") or
# directly by Latin text or a digit ("荫TCL与上游…"), which no Chinese word
# starting with that character is.
_MARKER = regex.compile("^(" + "|".join(map(regex.escape, MARKER_GLYPHS)) + r")(?: +(?=\S)|(?=[A-Za-z0-9]))")


def opening_marker(text: str) -> tuple[str, str] | None:
    """The marker glyph opening ``text`` and the text after it (and its
    space), or ``None``.

    >>> opening_marker("● 人民日报记者 王小明"), opening_marker("●这是正文")
    (('●', '人民日报记者 王小明'), None)
    """
    m = _MARKER.match(text)
    return (m.group(1), text[m.end():]) if m else None


def take_opening_marker(line: NLine, repairs: list[Repair]) -> NLine:
    """``line`` with a marker glyph that opens its text (behind a heading
    mark taken off, ``#### ■ 新华社记者…``) read as its marker, logged.

    >>> log: list[Repair] = []
    >>> take_opening_marker(NLine(1, "■ 新华社记者 陈刚"), log), log[0].kind
    (NLine(no=1, text='新华社记者 陈刚', marker='■'), 'marker-glyph')
    """
    opening = opening_marker(line.text) if line.marker is None else None
    if opening is None:
        return line
    repairs.append(Repair("marker-glyph", line.no, opening[0], ""))
    return NLine(line.no, opening[1], MARKER_GLYPHS[opening[0]])


#: A Markdown heading mark opening a line, text after it: "## 促转型：…".
HEADING_MARK: Final = regex.compile(r"^#{1,6} +(?=\S)")


def strip_heading_mark(line: NLine, repairs: list[Repair]) -> NLine:
    """``line`` without a Markdown heading mark opening it (logged), when text follows the mark.

    >>> log: list[Repair] = []
    >>> strip_heading_mark(NLine(3, "## 价思料参"), log).text, log[0].before
    ('价思料参', '##')
    """
    m = HEADING_MARK.match(line.text)
    if m is None:
        return line
    repairs.append(Repair("markdown-mark", line.no, m.group().strip(), ""))
    return NLine(line.no, line.text[m.end():], line.marker)


# Three or more em dashes: the PDF form of a Chinese dash "——".
LONG_DASH: Final = regex.compile(EM_DASH + "{3,}")
# Anything at all that steps 1–7 might change; most lines fail this test.
_ANY_WORK = regex.compile(
    f"[{_CONTROL_CHARS}{_ODD_SPACE_CHARS}{_LATIN1_CHARS}{_TABLE_CHARS}]"
    + "|" + EM_DASH * 3 + "|^ *[" + "".join(MARKER_GLYPHS) + "][ A-Za-z0-9]"
)
# A character that any of steps 1–7 starts from: an odd character, the em
# dash of a long dash, a marker glyph.  Every line that needs work holds one,
# so one scan of the whole text for them finds those lines (and a few more,
# which normalize_line's own test lets through unchanged).  Compiled with the
# standard library's ``re``: on a plain character class over a whole text it
# is several times faster than ``regex``.
_WORK_CHAR = re.compile(
    f"[{_CONTROL_CHARS}{_ODD_SPACE_CHARS}{_LATIN1_CHARS}{_TABLE_CHARS}{EM_DASH}" + "".join(MARKER_GLYPHS) + "]"
)
# A line (after a line break and the spaces and controls steps 1 and 3
# take off it) opening with a combining mark, and the marks themselves.
# (No ``^`` alternative: with one, the search is four times slower; the
# first line has no line before it to take its marks anyway.  The run after
# each line break stops at the next one: linear.)
_LEADING_MARK = regex.compile(f"\\n[ {_ODD_SPACE_CHARS}{_CONTROL_CHARS}]*\\p{{M}}")
_MARKS = regex.compile(r"\p{M}+")
_NO_REPAIRS: tuple[Repair, ...] = ()
_DEFAULT = Options()


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    # Only the encoding repairs: widths, quotes, line breaks, HTML entities,
    # controls and normalisation are handled (or deliberately kept) elsewhere.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def normalize_line(no: int, raw: str, options: Options = _DEFAULT) -> tuple[NLine, tuple[Repair, ...]]:
    """Normalise one raw line; return it and the repairs made.

    >>> line, repairs = normalize_line(1, " 姻 新华社记者 陈刚")
    >>> line.text, line.marker, repairs[0].before
    ('新华社记者 陈刚', '■', '姻')
    """
    text = raw.strip(" ")
    if not _ANY_WORK.search(text) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return NLine(no, text), _NO_REPAIRS
    repairs: list[Repair] = []
    # C0 controls and invisible characters go before ftfy ("Ê\x1eª" is
    # mojibake once the control is gone); C1 controls and no-break spaces
    # can be bytes of mojibake, so ftfy sees them, and sees the text again
    # if dropping the C1 controls it left or widening the spaces changed it:
    # what one pass leaves, a second pass (clean of clean) would not change.
    text = _drop_controls(no, text, _C0_CONTROL_RUN, _C0_CONTROL, repairs)
    text = _mojibake(no, text, options, repairs)
    seen = text
    text = _drop_controls(no, text, _CONTROL_RUN, _CONTROL, repairs)
    text = _ODD_SPACE.sub(" ", text)
    if text != seen:
        text = _mojibake(no, text, options, repairs)
    text = _table_chars(no, text, repairs)
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        repairs.append(Repair("nfc", no, text, nfc))
        text = nfc
    text = text.strip(" ")
    marker = None
    opening = opening_marker(text)
    if opening:
        glyph, text = opening
        marker = MARKER_GLYPHS[glyph]
        repairs.append(Repair("marker-glyph", no, glyph, ""))
    if options.shorten_dashes and EM_DASH * 3 in text:
        for dash in LONG_DASH.finditer(text):
            repairs.append(Repair("dash", no, dash.group(), EM_DASH * 2))
        text = LONG_DASH.sub(EM_DASH * 2, text)
    return NLine(no, text, marker), tuple(repairs)


def _drop_controls(no: int, text: str, runs: regex.Pattern[str], chars: regex.Pattern[str],
                   repairs: list[Repair]) -> str:
    """``text`` without the characters ``chars`` matches, each run of them
    (``runs``) logged as one repair: ``page-break`` for form feeds,
    ``control-char`` for the others.

    >>> log: list[Repair] = []
    >>> _drop_controls(1, "甲\\x00\\x00乙\\x0c", _CONTROL_RUN, _CONTROL, log), [(r.kind, r.before) for r in log]
    ('甲乙', [('control-char', '\\x00\\x00'), ('page-break', '\\x0c')])
    """
    if not chars.search(text):
        return text
    for ctl in runs.finditer(text):
        kind = "page-break" if ctl.group()[0] == _PAGE_BREAK else "control-char"
        repairs.append(Repair(kind, no, ctl.group(), ""))
    return chars.sub("", text)


def _mojibake(no: int, text: str, options: Options, repairs: list[Repair]) -> str:
    """``text`` with its mojibake repaired by ftfy (when it looks like some), logged.

    >>> log: list[Repair] = []
    >>> _mojibake(1, "cafÃ©", Options(), log), log[0].kind
    ('café', 'mojibake')
    """
    if options.fix_mojibake and _MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_text(text, _ftfy_config())
        if fixed != text:
            repairs.append(Repair("mojibake", no, text, fixed))
            return fixed
    return text


def normalize_lines(raw_lines: list[str], options: Options = _DEFAULT) -> tuple[list[NLine], list[Repair]]:
    """Normalise every raw line; return the non-blank ones and the repairs.

    Blank lines carry no meaning in the inputs and are left out; every
    :class:`NLine` keeps its raw 1-based line number.  One scan of the whole
    text finds the lines that may need work; the others are only stripped.

    >>> lines, repairs = normalize_lines(["a\\x00b", "", "———序"])
    >>> [(l.no, l.text) for l in lines], len(repairs)
    ([(1, 'ab'), (3, '——序')], 2)
    """
    joined = "\n".join(raw_lines)
    if joined.count("\n") == len(raw_lines) - 1:
        work = _line_indices(joined, (m.start() for m in _WORK_CHAR.finditer(joined)))
    else:  # some raw line holds a "\n" of its own: offsets cannot be told apart by line
        work = set(range(len(raw_lines)))
    if not unicodedata.is_normalized("NFC", joined):
        work.update(i for i, raw in enumerate(raw_lines) if not unicodedata.is_normalized("NFC", raw))
    lines: list[NLine] = []
    repairs: list[Repair] = []
    done = 0  # raw_lines[:done] are dealt with
    # A combining mark may open a line once normalisation has taken off what
    # stood before it (mojibake, a marker glyph): the work lines are checked.
    marked = _LEADING_MARK.search(joined) is not None
    for i in sorted(work):
        lines += _stripped_lines(raw_lines, done, i)
        line, fixes = normalize_line(i + 1, raw_lines[i], options)
        repairs += fixes
        if line.text:
            lines.append(line)
            marked = marked or _MARKS.match(line.text) is not None
        done = i + 1
    lines += _stripped_lines(raw_lines, done, len(raw_lines))
    if marked:
        lines = _attach_leading_marks(lines, repairs)
    if options.collapse_letter_spacing and _OCR_GAP.search(joined) is not None and ocr_gapped(lines):
        lines = close_ocr_gaps(lines, repairs)
    return lines, repairs


# A space between two Han characters (OCR reads one between characters of a
# word: "制造业高 质量发展"); and two Han characters with nothing between.
_OCR_GAP = regex.compile(rf"(?<=[{HAN_CLASS}]) (?=[{HAN_CLASS}])")
_HAN_PAIR = regex.compile(rf"[{HAN_CLASS}](?=[{HAN_CLASS}])")
# The gaps that are closed: not those a byline sets (before an agency or a
# role, "本报讯 记者齐旭"; after a role, "记者 张三"; before a photo credit's
# 摄, "张三 摄"; after a dateline's 讯, "本报讯 制造业是…").  The
# look-behind is as long as the longest role at most.
_BYLINE_WORDS = "|".join(map(regex.escape, sorted({*AGENCIES, *ROLES}, key=len, reverse=True)))
_CLOSED_GAP = regex.compile(rf"(?<=[{HAN_CLASS}])(?<!讯|{'|'.join(map(regex.escape, ROLES))}) "
                            rf"(?=[{HAN_CLASS}])(?!{_BYLINE_WORDS}|摄)")

#: Lines of running prose (a clause mark, at least this many characters)
#: are what tells an OCR-gapped text ...
OCR_PROSE_CHARS: Final = 10
#: ... when at least this share of them hold a stray gap (:func:`_stray_gaps`).
#: On the seeds and every pagegen page, at most 0.12 of the prose lines of
#: any 48 lines do (a credit or a dateline inside a paragraph, "本报记者 邢世忠
#: 摄"); with a gap at 2 % of the places between two Han characters, 0.29 to
#: 0.86 of them do.
OCR_GAP_SHARE: Final = 0.25
#: The fewest prose lines that tell it (in fewer, one credit inside a
#: paragraph is a quarter of them).
OCR_GAP_MIN_LINES: Final = 12


#: A line has stray gaps only where it has at least this many pairs of Han
#: characters with nothing between them: names a space apart ("段文洁 杨家辉")
#: are not stray.
STRAY_GAP_PAIRS: Final = 8


def _is_prose(text: str) -> bool:
    """Whether a line is running prose: a clause mark, :data:`OCR_PROSE_CHARS` characters."""
    return len(text) >= OCR_PROSE_CHARS and any(c in CLAUSE_PUNCT for c in text)


def _stray_gaps(text: str) -> bool:
    """Whether ``text`` has spaces between Han characters here and there: at
    least one, for at least four times as many places between two Han
    characters with none (:data:`STRAY_GAP_PAIRS` at least).  A
    letter-spaced line (``船 名 航 次``) or names (``记者 张三 李四``,
    ``段文洁 杨家辉``) have more gaps, or fewer places.

    >>> _stray_gaps("李乐成在广东调研制造业高 质量发展"), _stray_gaps("船 名 航 次"), _stray_gaps("段文洁 杨家辉")
    (True, False, False)
    """
    gaps = len(_OCR_GAP.findall(text))
    pairs = len(_HAN_PAIR.findall(text)) if gaps else 0
    return gaps > 0 and pairs >= STRAY_GAP_PAIRS and 4 * gaps <= pairs


def ocr_gapped(lines: Iterable[NLine]) -> bool:
    """Whether the text is OCR output with stray spaces between Han
    characters: :data:`OCR_GAP_SHARE` of its prose lines have some.

    >>> prose = ["这束光，是长三角制造业重 镇无锡的一", "家科创企业。它以超高精度、超 高效率，",
    ...          "让缺陷无所遁形，也照亮了", "企业的发展之路，这是一 条好路。"] * 3
    >>> ocr_gapped([NLine(i, t) for i, t in enumerate(prose, 1)])
    True
    >>> ocr_gapped([NLine(i, t.replace(" ", "")) for i, t in enumerate(prose, 1)])
    False
    >>> ocr_gapped([NLine(1, prose[0])] * 11)  # too few lines to tell
    False
    """
    prose = [ln.text for ln in lines if _is_prose(ln.text)]
    return len(prose) >= OCR_GAP_MIN_LINES and sum(map(_stray_gaps, prose)) >= OCR_GAP_SHARE * len(prose)


def close_ocr_gaps(lines: list[NLine], repairs: list[Repair]) -> list[NLine]:
    """Lines of an OCR-gapped text (:func:`ocr_gapped`) with the stray gaps
    between Han characters of its prose lines closed, one ``ocr-space``
    repair a gap (its two characters before and after).  Headings keep
    theirs (a space parts a two-phrase headline: ``产业筑基 打开高质量发展格局``),
    lines with more gaps than stray ones are left to the letter-spacing
    repair, and the gaps a byline sets (``本报讯 记者齐旭``, ``记者 张三``,
    ``张三 摄``) are kept.

    >>> log: list[Repair] = []
    >>> [l.text for l in close_ocr_gaps([NLine(1, "调研制造业高 质量发展，"), NLine(2, "船 名 航 次，")], log)]
    ['调研制造业高质量发展，', '船 名 航 次，']
    >>> log
    [Repair(kind='ocr-space', line=1, before='高 质', after='高质')]
    >>> [l.text for l in close_ocr_gaps([NLine(1, "本报讯 记者齐旭报道：6月27日，第二 十届中博会"),
    ...                                   NLine(2, "产业筑基 打开高质量发展格局")], [])]
    ['本报讯 记者齐旭报道：6月27日，第二十届中博会', '产业筑基 打开高质量发展格局']
    """
    out = []
    for line in lines:
        if _is_prose(line.text) and _stray_gaps(line.text):
            text = line.text
            repairs.extend(Repair("ocr-space", line.no, text[m.start() - 1:m.end() + 1],
                                  text[m.start() - 1] + text[m.end()]) for m in _CLOSED_GAP.finditer(text))
            line = line._replace(text=_CLOSED_GAP.sub("", text))
        out.append(line)
    return out


def _attach_leading_marks(lines: list[NLine], repairs: list[Repair]) -> list[NLine]:
    """Lines with the combining marks that open a line moved to the end of
    the line before, and that line put in NFC there (logged as ``nfc``).

    A mark at a line start belongs to the character before the break (the
    extractor broke between a letter and its accent).  NFC line by line
    cannot see the pair; once the lines are joined it would, so clean's
    output would change again when cleaned (``"xA" / "\u0308！"``).  A line
    of marks only is left out, as a blank line is.

    >>> log: list[Repair] = []
    >>> [l.text for l in _attach_leading_marks([NLine(1, "xA"), NLine(2, "\u0308！次")], log)], log[0].after
    (['xÄ', '！次'], 'xÄ')
    """
    out: list[NLine] = []
    for line in lines:
        text = line.text
        while out and (m := _MARKS.match(text)):  # marks, a space, more marks: all of them
            prev = out[-1]
            before = prev.text + m.group()
            after = unicodedata.normalize("NFC", before)
            repairs.append(Repair("nfc", prev.no, before, after))
            out[-1] = prev._replace(text=after)
            text = text[m.end():].lstrip(" ")
        if text:
            out.append(line._replace(text=text))
    return out


def _table_chars(no: int, text: str, repairs: list[Repair]) -> str:
    """Replace the characters of :data:`_CHAR_TABLE` in ``text``, logging one
    repair per character to ``repairs``.

    >>> log: list[Repair] = []
    >>> _table_chars(1, "⼈民｡", log), [r.kind for r in log]
    ('人民。', ['han-variant', 'halfwidth-ideographic'])
    """
    hits = [m.group() for m in _TABLE_CHAR.finditer(text) if m.group() in _CHAR_TABLE]
    if not hits:
        return text
    for ch in hits:
        kind, to = _CHAR_TABLE[ch]
        repairs.append(Repair(kind, no, ch, to))
    return text.translate(_CHAR_TRANSLATION)


def page_starts(raw_lines: list[str]) -> frozenset[int]:
    """The 1-based numbers of the raw lines that begin a page.

    A page begins after each form feed (``\\f``, which pdftotext puts
    between pages): at the line holding the first non-blank text after it,
    which is the line of the form feed itself when text follows it there
    (``"\\f第二页"``), else the next line with text.  The first page, which
    no form feed opens, is not listed, nor a form feed with no text after
    it (the one pdftotext ends a file with).  Line numbers are those of
    :func:`cnpress.split_lines`, where a form feed never breaks a line.

    >>> sorted(page_starts(["第一页", "\\f第二页", "末行\\f", "", "第三页", "\\f"]))
    [2, 5]
    """
    starts: set[int] = set()
    if not any(_PAGE_BREAK in raw for raw in raw_lines):
        return frozenset()
    pending = False  # a form feed seen, no text after it yet
    for no, raw in enumerate(raw_lines, 1):
        for k, piece in enumerate(raw.split(_PAGE_BREAK)):
            pending = pending or k > 0
            if pending and piece.strip():
                starts.add(no)
                pending = False
    return frozenset(starts)


def _line_indices(text: str, offsets: Iterable[int]) -> set[int]:
    """The 0-based indices of the ``\\n``-separated lines of ``text`` that
    hold the (ascending) character ``offsets``.

    >>> sorted(_line_indices("ab\\ncd\\nef", [1, 6, 7]))
    [0, 2]
    """
    found: set[int] = set()
    line = pos = 0
    for offset in offsets:
        line += text.count("\n", pos, offset)
        pos = offset
        found.add(line)
    return found


def _stripped_lines(raw_lines: list[str], start: int, stop: int) -> list[NLine]:
    """``raw_lines[start:stop]`` that need no work: stripped, blank ones left out."""
    return [NLine(no, text) for no, raw in enumerate(raw_lines[start:stop], start + 1) if (text := raw.strip(" "))]
