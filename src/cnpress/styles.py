"""Input styles: how a region of the input sets out its text.

The same facts mean different things in different styles: a blank line is a
paragraph break in blank-line-separated text and nothing at all in a
double-spaced column; a short line ends a paragraph in a column and says
nothing in one-paragraph-per-line text.  :func:`detect_styles` names the
style of every region (:data:`REGION_LINES` non-blank lines) so that the
feature table (:mod:`cnpress.features`) can normalise its facts per style,
and the Document records what was found (:attr:`cnpress.model.Document.styles`).

The styles, by name:

============== ==========================================================
``column``     hard-wrapped at a column width (blank lines carry nothing)
``long-line``  one paragraph per line, with stray hard breaks
============== ==========================================================

and modifiers that are added to the name after a ``+``:

============== ==========================================================
``md``         converter Markdown: ``#`` heading marks on a few lines
               (marks on most lines were set by font size: not trusted)
``spaced``     every line has a blank line after it (double-spaced)
``blank-sep``  blank lines stand between paragraphs only (many converters'
               output)
``own``        cnpress's own ``clean()`` output: exactly one blank line
               after every line, and no line that a repair would change
               (no space between Han and Latin or digits, no half-width
               marks in Chinese text, no heading marks, no marker glyphs):
               every line is a block already decided, which makes ``clean``
               idempotent by construction (:func:`cnpress.decide.constrain`)
============== ==========================================================
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import regex

from .chars import CLAUSE_PUNCT, CLOSERS, EM_DASH, MARKER_GLYPHS, TERMINAL_PUNCT, column_width
from .classify import SECTION_NUMBER
from .interleave import continues
from .model import Options, Repair
from .normalize import HEADING_MARK, NLine, strip_heading_mark, take_opening_marker
from .spacing import fix_spacing, widen_punctuation

_DEFAULT: Final = Options()

__all__ = [
    "FEW_LINES", "LONG_LINE_EMS", "REGION_LINES", "VERTICAL_CHARS", "VERTICAL_RUN", "Region", "detect_styles",
    "drop_untrusted_marks", "is_own_line", "printed_chars", "runs_on", "untrusted_marks",
]

#: A region whose typical line is wider than this (in ems) is one paragraph
#: per line: no newspaper or magazine column is that wide.
LONG_LINE_EMS: Final = 45.0
#: How many non-blank lines one style estimate covers.
REGION_LINES: Final = 48
#: Share of lines followed by a blank line above which blank lines are
#: spacing, not a signal ("double-spaced").
SPACED_SHARE: Final = 0.75
#: Markdown heading marks are trusted only while they are sparse: above this
#: share of lines marked, the converter marked lines by font size alone.
MARKDOWN_SHARE: Final = 0.3

# What a whole paragraph's last line ends with.
_TERMINAL: Final = TERMINAL_PUNCT | CLOSERS
# What cnpress's clean() repairs outside spacing and punctuation width, so
# that a line holding it is not its output: a heading mark, a marker glyph
# opening the line.  (A long dash too, under ``Options.shorten_dashes``.)
_NOT_OWN: Final = regex.compile(rf"^#{{1,6}} |^[{regex.escape(''.join(MARKER_GLYPHS))}] ")


def is_own_line(text: str, options: Options = _DEFAULT) -> bool:
    """Whether ``clean(..., options)`` would leave this line as it is.

    >>> is_own_line("潜心20年的“成果”。"), is_own_line("潜心 20年的“成果”。"), is_own_line("撕开?")
    (True, False, False)
    >>> is_own_line("撕开?", Options(widen_punct=False))
    True
    >>> is_own_line("两家———瑞士"), is_own_line("两家———瑞士", Options(shorten_dashes=False))
    (False, True)
    """
    if _NOT_OWN.search(text) is not None:
        return False
    if options.shorten_dashes and EM_DASH * 3 in text:
        return False
    if options.widen_punct and widen_punctuation(text) != text:
        return False
    if options.spacing == "keep" and not options.collapse_letter_spacing:
        return True
    return fix_spacing(text, options.spacing,  # type: ignore[arg-type]
                       collapse_letter_spacing=options.collapse_letter_spacing) == text


@dataclass(frozen=True, slots=True)
class Region:
    """A run of lines of one style: ``lines[first:last]`` (indices into the
    non-blank lines), its style name and its column width in ems."""

    first: int
    last: int
    style: str
    column: float


def _quantile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


#: Above this share of lines that stop at the column width mid-sentence, a
#: region is hard-wrapped text, whatever else it looks like.
WRAPPED_SHARE: Final = 0.3


def _wrapped_share(lines: Sequence[NLine], widths: Sequence[float], col: float) -> float:
    """The share of lines that fill the column and run on (no sentence end)."""
    wrapped = sum(abs(w - col) <= 1.5 and ln.text[-1] not in _TERMINAL for ln, w in zip(lines, widths, strict=True))
    return wrapped / len(lines) if lines else 0.0


#: A line at most this long is one character of vertically set text.
VERTICAL_CHARS: Final = 2
#: At least this many such lines in a row are a vertical run.
VERTICAL_RUN: Final = 3


def printed_chars(text: str) -> int:
    """How many characters a line of vertically set text holds: its length
    without a Markdown heading mark (``clean()`` prints ``### 不`` as ``不``,
    so the raw page and cnpress's own output read alike).  Spaces count: a
    letter-spaced pair (``廖 晖``) is a name more often than two characters
    of a vertical run.

    >>> printed_chars("本"), printed_chars("### 不"), printed_chars("#不"), printed_chars("一 一")
    (1, 1, 2, 3)
    """
    mark = HEADING_MARK.match(text)
    return len(text) - (mark.end() if mark else 0)


def _has_vertical_run(lines: Sequence[NLine]) -> bool:
    """Whether :data:`VERTICAL_RUN` lines in a row hold a character or two
    each, at least half of them a single character: vertically set text,
    which ``clean()`` prints as one line.  (Blocks of two characters each,
    or mostly two, are headings or names ``clean()`` printed: ``做及`` /
    ``做及`` / ``也``.)

    >>> _has_vertical_run([NLine(1, "本"), NLine(3, "报"), NLine(5, "记"), NLine(7, "者")])
    True
    >>> _has_vertical_run([NLine(1, "发圆"), NLine(3, "目录"), NLine(5, "东方")])
    False
    >>> _has_vertical_run([NLine(1, "做及"), NLine(3, "做及"), NLine(5, "也")])
    False
    """
    run = singles = 0
    for line in lines:
        n = printed_chars(line.text)
        if n <= VERTICAL_CHARS:
            run += 1
            singles += n == 1
        else:
            run = singles = 0
        if run >= VERTICAL_RUN and 2 * singles >= run:
            return True
    return False


#: Regions of at most this many lines are too short to tell hard-wrapped
#: text by its wrapped share: there, a line is wrapped when the next one
#: visibly continues it (a word read across the break, a clause mark
#: opening the next line).
FEW_LINES: Final = 4


#: The least share of its region's column a hard-wrapped line fills, and
#: the fewest ems: a line much shorter than the column, or than any column,
#: was not cut at the column's edge ("三、据中" / "段接…" are a heading and a
#: paragraph, though jieba reads 中段 across them).
WRAP_FILL: Final = 0.75
MIN_WRAP_EMS: Final = 8.0


def _is_prose(text: str) -> bool:
    """Whether a line holds a clause mark (，、；。): running prose, not a
    heading, a name or a label."""
    return any(c in CLAUSE_PUNCT for c in text)


def runs_on(line: str, nxt: str, column: float) -> int:
    """The evidence that ``line`` runs on into the next line ``nxt`` in a
    region whose column is ``column`` ems wide: 0 when none; 1 when ``line``
    stops mid-sentence where a column could end it (:data:`WRAP_FILL`,
    :data:`MIN_WRAP_EMS`; in one-paragraph-per-line text, anywhere past
    :data:`MIN_WRAP_EMS`) and ``nxt`` visibly continues it
    (:func:`cnpress.interleave.continues`); 2 when both lines are running
    prose besides.  A line opening with a section number (``二、…``)
    continues nothing: it is a heading's or a list item's start.

    >>> runs_on("这束光，以超高精度、超高效", "率，让缺陷无所遁形。", 13.0)
    2
    >>> runs_on("数字化、绿色化也成了重庆小", "康动力有限公司推进精益化管", 13.0)  # the next: no clause mark
    1
    >>> runs_on("三、据中", "段接千称很口青形子带严可", 12.0)
    0
    """
    # One paragraph a line (a "column" wider than any page) breaks stray
    # lines anywhere: there only the fewest ems count.
    least = MIN_WRAP_EMS if column > LONG_LINE_EMS else max(MIN_WRAP_EMS, WRAP_FILL * column)
    if (not line or line[-1] in _TERMINAL or column_width(line) < least or not continues(line, nxt)
            or SECTION_NUMBER.match(nxt) is not None):
        return 0
    return 1 + (_is_prose(line) and _is_prose(nxt))


def _run_ons(lines: Sequence[NLine], col: float) -> int:
    """The evidence that a region's lines run on: :func:`runs_on` summed
    over its breaks.

    >>> col = ["数字化、绿色化也成了重庆小", "康动力有限公司推进精益化管", "理，靠的是一套数字化系统。"]
    >>> _run_ons([NLine(i, t) for i, t in enumerate(col, 1)], 13.0)
    2
    >>> _run_ons([NLine(1, "这束光，以超高精度、超高效"), NLine(3, "率，让缺陷无所遁形。")], 13.0)
    2
    >>> _run_ons([NLine(1, "三、据中"), NLine(3, "段接千称很口青形子带严可")], 12.0)
    0
    """
    return sum(runs_on(a.text, b.text, col) for a, b in itertools.pairwise(lines))


#: The least evidence (:func:`_run_ons`) that makes a region hard-wrapped
#: text (unless nearly all lines fill the column): jieba reads a word
#: across one break between one-line blocks by chance ("…上九几" /
#: "划2024…" as 几划), rarely across two, and more rarely still between
#: two lines of running prose.
MIN_RUN_ONS: Final = 2


#: Above this share of lines that stop at the column width mid-sentence, a
#: region is hard-wrapped text even where no line is seen to run on (jieba
#: does not know every word read across a break).
FILLED_SHARE: Final = 0.9


def _hard_wrapped(lines: Sequence[NLine], widths: Sequence[float], col: float) -> bool:
    """Whether a region's lines are hard-wrapped text rather than one block a line.

    A short region (:data:`FEW_LINES`) is when lines visibly run on
    (:data:`MIN_RUN_ONS`).  A longer one is when many lines fill the column
    mid-sentence (:data:`WRAPPED_SHARE`) and either lines visibly run on or
    nearly all do fill it (:data:`FILLED_SHARE`): headings, bylines and
    one-line paragraphs of like widths fill a "column" too, but words rarely
    read across from one of them into the next.

    >>> out = ["一、提高认识", "新华社记者 陈刚", "这是完整的一段。", "二、加强管理", "本报记者 齐旭"]
    >>> lines = [NLine(i, t) for i, t in enumerate(out, 1)]
    >>> _hard_wrapped(lines, [column_width(t) for t in out], 7.5)
    False
    >>> col = [NLine(1, "数字化、绿色化也成了重庆小"), NLine(3, "康动力有限公司推进精益化管"),
    ...        NLine(5, "理，靠的是系统。")]
    >>> _hard_wrapped(col, [13.0, 13.0, 9.0], 13.0), _hard_wrapped(col[:2], [13.0, 13.0], 13.0)
    (True, False)
    """
    if col < MIN_WRAP_EMS:
        return False  # lines this short are headings, labels, names: no column is so narrow
    if len(lines) <= FEW_LINES:
        return _run_ons(lines, col) >= MIN_RUN_ONS
    share = _wrapped_share(lines, widths, col)
    return share >= WRAPPED_SHARE and (share >= FILLED_SHARE or _run_ons(lines, col) >= MIN_RUN_ONS)


def _region_style(lines: Sequence[NLine], gaps_after: Sequence[int], widths: Sequence[float],
                  options: Options = _DEFAULT) -> tuple[str, float]:
    """The style and column width of one region's lines."""
    col = _quantile(widths, 0.75)
    base = "long-line" if col > LONG_LINE_EMS else "column"
    marked = sum(HEADING_MARK.match(ln.text) is not None for ln in lines)
    if marked and _sparse(marked, len(lines)):
        base += "+md"
    n = len(lines)
    if n < 2:
        return base, col
    blank_after = sum(g > 0 for g in gaps_after[:-1]) / (n - 1)
    if (all(g == 1 for g in gaps_after[:-1]) and not _hard_wrapped(lines, widths, col)
            and not _has_vertical_run(lines) and all(is_own_line(ln.text, options) for ln in lines)):
        return base + "+own", col
    if blank_after >= SPACED_SHARE:
        # Every line has a blank line after it: spacing, unless the lines are
        # whole paragraphs (one paragraph per line, or most end a sentence),
        # which is blank-line-separated text.
        ends = sum(ln.text[-1] in _TERMINAL for ln in lines) / n
        return base + ("+blank-sep" if ends >= 0.6 else "+spaced"), col
    if blank_after > 0.05:
        # Some lines have blank lines after them: those that end a sentence?
        with_gap = [ln for ln, g in zip(lines, gaps_after, strict=True) if g > 0]
        ends = sum(ln.text[-1] in _TERMINAL for ln in with_gap) / len(with_gap)
        if ends >= 0.6:
            return base + "+blank-sep", col
    return base, col


def _region_bounds(n: int) -> Iterator[tuple[int, int, int]]:
    """``(start, stop, lo)`` for each region of ``n`` lines: the region is
    ``[start, stop)``, its estimate reads ``[lo, stop)`` (a short tail
    region borrows its neighbour's lines)."""
    for start in range(0, n, REGION_LINES):
        stop = min(n, start + REGION_LINES)
        yield start, stop, (max(0, start - REGION_LINES // 2) if stop - start < 16 else start)


def _sparse(marked: int, n: int) -> bool:
    """Whether ``marked`` heading marks among ``n`` lines are few enough to trust (:data:`MARKDOWN_SHARE`)."""
    return marked <= max(1, MARKDOWN_SHARE * n)


#: Above this share of lines marked, a region's Markdown heading marks are
#: noise and taken off (:func:`untrusted_marks`); between
#: :data:`MARKDOWN_SHARE` and this, they are kept but not trusted as
#: headings by the style (a crop of a page with a two-line headline).
DENSE_MARK_SHARE: Final = 0.5


def untrusted_marks(lines: Sequence[NLine]) -> list[int]:
    """The indices of the lines whose Markdown heading marks are noise: in a
    region where a converter marked most lines (:data:`DENSE_MARK_SHARE`; by
    font size alone, ``####`` on body lines too), no mark says a line is a
    heading.  The caller takes them off before anything reads the lines.

    >>> body = [NLine(i, "#### 这束光，是长三角制造业重镇无锡的一") for i in range(1, 9)]
    >>> untrusted_marks(body) == list(range(8)), untrusted_marks([NLine(1, "## 标题"), NLine(2, "正文。")])
    (True, [])
    """
    out: list[int] = []
    if not any(ln.text[:1] == "#" for ln in lines):
        return out  # most pages: no mark at all
    is_marked = [HEADING_MARK.match(ln.text) is not None for ln in lines]
    for start, stop, lo in _region_bounds(len(lines)):
        marked = [i for i in range(start, stop) if is_marked[i]]
        if marked and sum(is_marked[lo:stop]) > DENSE_MARK_SHARE * (stop - lo):
            out += marked
    return out


def drop_untrusted_marks(lines: Sequence[NLine], repairs: list[Repair]) -> list[NLine]:
    """``lines`` with the marks of :func:`untrusted_marks` taken off (and a
    marker glyph behind one read as the line's marker), each logged: the
    page is read as its unmarked text would be.

    >>> log: list[Repair] = []
    >>> [ln.text for ln in drop_untrusted_marks([NLine(1, "#### 第一行"), NLine(2, "#### 第二行。")], log)], len(log)
    (['第一行', '第二行。'], 2)
    """
    out = list(lines)
    for i in untrusted_marks(out):
        out[i] = take_opening_marker(strip_heading_mark(out[i], repairs), repairs)
    return out


def detect_styles(lines: Sequence[NLine], options: Options = _DEFAULT) -> list[Region]:
    """Cut the non-blank ``lines`` into regions and name the style of each.

    >>> col = [NLine(i, "一二三四五六七八九十一二三四五六七八九十") for i in range(1, 60, 2)]
    >>> [(r.style, r.column) for r in detect_styles(col)]
    [('column+spaced', 20.0)]
    >>> [r.style for r in detect_styles([NLine(1, "很长的一段话。" * 10), NLine(2, "另一段话。" * 12)])]
    ['long-line']
    """
    if not lines:
        return []
    gaps = [b.no - a.no - 1 for a, b in itertools.pairwise(lines)] + [0]
    widths = [column_width(ln.text) for ln in lines]
    regions: list[Region] = []
    for start, stop, lo in _region_bounds(len(lines)):
        style, col = _region_style(lines[lo:stop], gaps[lo:stop], widths[lo:stop], options)
        if regions and regions[-1].style == style and abs(regions[-1].column - col) < 1.0:
            prev = regions.pop()
            regions.append(Region(prev.first, stop, style, prev.column))
        else:
            regions.append(Region(start, stop, style, col))
    return regions
