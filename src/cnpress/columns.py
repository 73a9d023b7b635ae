"""Side-by-side columns (``pdftotext -layout``): split at the gutters, read column by column.

Layout-preserving extraction keeps a page's geometry: the columns of a page
stand side by side on one text line, apart by runs of spaces (the
*gutters*), and every column starts at about the same character position
on every line::

    新华社北京1月5日电（记者张先        从去年开始，孙晓明就带领一支地质队在
    国、段芝璞）新疆地质矿产局高级        罗布泊地区寻找低矿化度的地下水。他介绍

Read line by line, such text alternates between articles.  :func:`unfold`
finds the column starts of each page (the character positions where text
often resumes after a gutter), cuts every line into its pieces, and gives
the pieces back in reading order: down the first column, then down the
next, band by band, where a *band* ends at a line whose text runs across a
column start (a headline over several columns).  Each piece keeps the
number of the raw line it came from, so spans still point at the input.

The test is strict on purpose: a page is unfolded only when enough of its
lines have text after a gutter at the same few positions, and the pieces
are column text (not a table's short cells).  Everything else, including
one-column ``-layout`` text with its indents, is left as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

import regex

from .chars import PAGE_BREAK as _PAGE_BREAK
from .model import Article, Block, Byline, Document, Span

__all__ = ["SIDE_BY_SIDE", "Piece", "Unfolded", "column_starts", "pieces", "to_raw_lines", "unfold"]

# A gutter: two or more spaces between two pieces of text on one line
# (one space is word spacing or extraction noise inside a column).
_GUTTER: Final = regex.compile(r" {2,}")
# A piece of text between gutters (single spaces inside are kept).
_PIECE: Final = regex.compile(r"[^ ]+(?: [^ ]+)*")
# Letter-spaced text: single characters apart by two to four spaces
# ("本   报   记   者"), which is one piece, not a row of columns.
_LETTER_SPACED: Final = regex.compile(r"(?<![^ ])[^ ](?: {1,4}[^ ]){2,}(?![^ ])")

#: Text resuming after a gutter within this many characters of a column
#: start is in that column (a paragraph's first-line indent is two).
START_SLACK: Final = 3
#: A column start needs text after a gutter at it on this many lines.
MIN_COLUMN_LINES: Final = 4
#: ... and at least this share of the lines of the page's most used column start.
MIN_COLUMN_SHARE: Final = 0.3
#: A line's first text this far in (characters) starts a column: the
#: columns before it are empty there.
MIN_COLUMN_OFFSET: Final = 10
#: A page is side by side only when this share of its text lines have a gutter
#: with text after it at a column start.
MIN_GUTTER_SHARE: Final = 0.3
#: Column text has pieces at least this long (median, in characters); a
#: table's cells are shorter.
MIN_PIECE_CHARS: Final = 6
#: The style name a side-by-side page gets in ``Document.styles``.
SIDE_BY_SIDE: Final = "side-by-side"


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a raw line: where it starts (in characters) and its text."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def pieces(line: str) -> list[Piece]:
    """The pieces of text of one raw line, split at its gutters.

    Letter-spaced runs stay one piece.

    >>> [(p.start, p.text) for p in pieces("  甲乙丙   丁戊  本  报  记  者")]
    [(2, '甲乙丙'), (8, '丁戊'), (12, '本  报  记  者')]
    """
    out: list[Piece] = []
    spaced = [(m.start(), m.end()) for m in _LETTER_SPACED.finditer(line) if _GUTTER.search(m.group())]
    pos = 0
    for start, end in spaced:
        out += [Piece(pos + m.start(), m.group()) for m in _PIECE.finditer(line[pos:start])]
        out.append(Piece(start, line[start:end]))
        pos = end
    out += [Piece(pos + m.start(), m.group()) for m in _PIECE.finditer(line[pos:])]
    return out


def column_starts(rows: Sequence[Sequence[Piece]]) -> list[int]:
    """The start positions of a page's columns after the first, or ``[]``
    when the page is not set side by side.

    A column start is a position where, on at least
    :data:`MIN_COLUMN_LINES` lines, text resumes after a gutter (within
    :data:`START_SLACK` characters: first-line indents).

    >>> row = [Piece(0, "甲乙丙丁戊己庚辛"), Piece(12, "子丑寅卯辰巳午未")]
    >>> column_starts([row] * 5), column_starts([row[:1]] * 5)
    ([12], [])
    """
    text_rows = [r for r in rows if r]
    # Where text starts a column: after a gutter, or far in from the left
    # (a line whose first columns are empty: a photo stands there).
    at = Counter(p.start for r in text_rows for k, p in enumerate(r) if k or p.start >= MIN_COLUMN_OFFSET)
    # Positions in a chain of steps of at most START_SLACK (and no wider than
    # twice that) are one column's starts: indents, and Latin text that sets
    # a line's positions off a little.
    clusters: list[tuple[int, int, int]] = []  # (first position, last position, lines)
    for pos in sorted(at):
        if clusters and pos - clusters[-1][1] <= START_SLACK and pos - clusters[-1][0] <= 2 * START_SLACK:
            first, _, count = clusters[-1]
            clusters[-1] = (first, pos, count + at[pos])
        else:
            clusters.append((pos, pos, at[pos]))
    most = max((count for *_, count in clusters), default=0)
    least = max(MIN_COLUMN_LINES, MIN_COLUMN_SHARE * most)
    starts = [first for first, _, count in clusters if count >= least]
    if not starts:
        return []
    split_rows = [r for r in text_rows if any(_near(p.start, starts) for p in r[1:])]
    if len(split_rows) < MIN_GUTTER_SHARE * len(text_rows):
        return []
    lengths = sorted(len(p.text) for r in split_rows for p in r)
    if lengths[len(lengths) // 2] < MIN_PIECE_CHARS:
        return []
    return starts


def _near(pos: int, starts: Sequence[int]) -> bool:
    return any(0 <= pos - s <= 2 * START_SLACK for s in starts)


def _column_of(piece: Piece, starts: Sequence[int]) -> int | None:
    """The column a piece is in, or ``None`` when it runs across a column start."""
    k = sum(1 for s in starts if piece.start >= s - START_SLACK)
    if k < len(starts) and piece.end > starts[k]:
        return None
    return k


def _pages(raw: Sequence[str]) -> list[range]:
    """The raw line indices of each page (a page opens at a line holding a form feed)."""
    out: list[range] = []
    first = 0
    for i, line in enumerate(raw):
        if i > first and _PAGE_BREAK in line:
            out.append(range(first, i))
            first = i
    out.append(range(first, len(raw)))
    return out


@dataclass(frozen=True, slots=True)
class Unfolded:
    """Raw lines read column by column: ``lines[k]`` came from raw line
    ``origin[k]`` (1-based); ``pages`` are the raw line spans of the pages
    that were set side by side."""

    lines: tuple[str, ...]
    origin: tuple[int, ...]
    pages: tuple[Span, ...]


def unfold(raw: Sequence[str]) -> Unfolded | None:
    """Raw lines with side-by-side columns read column by column, or ``None``
    when no page of the text is set side by side.

    Gives the new lines and, for each, the 1-based number of the raw line
    it came from.  Blank lines are kept in every column they stand in;
    a form feed stays at the front of its page.

    >>> left = ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"] * 3
    >>> right = ["一二三四五六七八九十", "东南西北中上下左右前"] * 3
    >>> u = unfold([f"{a}    {b}" for a, b in zip(left, right)])
    >>> u.lines[:2], u.lines[6:8], u.origin[:2], u.origin[6:8]
    (('甲乙丙丁戊己庚辛壬癸', '子丑寅卯辰巳午未申酉'), ('一二三四五六七八九十', '东南西北中上下左右前'), (1, 2), (1, 2))
    >>> unfold(["一栏的文字，", "    首行缩进的段落。"]) is None
    True
    """
    out: list[str] = []
    origin: list[int] = []
    side_by_side: list[Span] = []
    for page in _pages(raw):
        feed = _PAGE_BREAK if _PAGE_BREAK in raw[page.start] else ""
        # Most pages have no gutters at all: looked at without cutting lines.
        gutters = sum(1 for i in page if "  " in raw[i].strip())
        rows = [pieces(raw[i].replace(_PAGE_BREAK, " ")) for i in page] if gutters >= MIN_COLUMN_LINES else []
        starts = column_starts(rows)
        if not starts:
            out += [raw[i] for i in page]
            origin += [i + 1 for i in page]
            continue
        side_by_side.append((page.start + 1, page.stop))
        page_out, page_origin = _read_columns(page, rows, starts)
        origin += page_origin
        if page_out and feed:
            page_out[0] = feed + page_out[0]
        out += page_out
    return Unfolded(tuple(out), tuple(origin), tuple(side_by_side)) if side_by_side else None


def _read_columns(page: range, rows: Sequence[Sequence[Piece]], starts: Sequence[int]) -> tuple[list[str], list[int]]:
    """One side-by-side page's pieces in reading order, with their raw line numbers.

    Band by band (a band ends at a line across the columns), each column
    top to bottom; a blank line stands in every column.
    """
    out: list[str] = []
    origin: list[int] = []
    band: list[tuple[int, Sequence[Piece]]] = []

    def flush() -> None:
        for col in range(len(starts) + 1):
            for i, row in band:
                mine = [p.text for p in row if _column_of(p, starts) == col]
                if mine or not row:
                    out.append(" ".join(mine))
                    origin.append(i + 1)
        band.clear()

    for i, row in zip(page, rows, strict=True):
        if any(_column_of(p, starts) is None for p in row):
            flush()  # a line across the columns closes the band above it
            out.append(" ".join(p.text for p in row))
            origin.append(i + 1)
        else:
            band.append((i, row))
    flush()
    return out, origin


def to_raw_lines(doc: Document, origin: Sequence[int]) -> Document:
    """``doc``, parsed from unfolded lines, with every line number turned
    back into the raw line's (``origin[n - 1]`` for unfolded line ``n``).

    A block's span becomes the first and last raw line among its lines: a
    paragraph that runs from the foot of one column to the head of the next
    spans the raw lines of both.

    >>> from cnpress.model import BlockKind
    >>> doc = Document((Block(BlockKind.PARAGRAPH, "甲", (2, 3), lines=(2, 3)),))
    >>> to_raw_lines(doc, [1, 9, 1]).blocks[0].span
    (1, 9)
    """
    def raw(n: int) -> int:
        return origin[n - 1] if 0 < n <= len(origin) else n

    def span(first: int, last: int, lines: Sequence[int] = ()) -> Span:
        nos = [raw(n) for n in (lines or range(first, last + 1))]
        return (min(nos), max(nos)) if nos else (raw(first), raw(last))

    def byline(b: Byline | None) -> Byline | None:
        return None if b is None else replace(b, span=span(*b.span))

    new: dict[int, Block] = {}
    for b in doc.blocks:
        new[id(b)] = replace(b, span=span(*b.span, b.lines), lines=tuple(raw(n) for n in b.lines),
                             byline=byline(b.byline))

    def article(a: Article) -> Article:
        return replace(a, blocks=tuple(new.get(id(b), b) for b in a.blocks),
                       bylines=tuple(x for x in (byline(b) for b in a.bylines) if x is not None))

    return replace(
        doc,
        blocks=tuple(new[id(b)] for b in doc.blocks),
        articles=tuple(article(a) for a in doc.articles),
        repairs=tuple(replace(r, line=raw(r.line)) for r in doc.repairs),
        styles=tuple(replace(s, span=span(*s.span)) for s in doc.styles),
    )
