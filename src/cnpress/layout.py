"""Layout: column widths, headings among the text lines, paragraph ends.

The raw seeds carry no paragraph signal in their blank lines, so every
decision is made from the lines themselves, measured in ems
(:func:`cnpress.chars.column_width`):

* the *column width* ``W`` of a region is the 75th percentile of its text
  line widths (most lines of a justified column are full);
* a paragraph's first line is shorter by its lost two-em indent;
* a paragraph's last line ends in terminal punctuation and is short, or is
  followed by an indented (short) first line;
* a line much shorter than the column that does not end in terminal
  punctuation, after a paragraph end, is a heading — unless jieba reads a
  word across its end and the next line's start (a wrap, not a heading);
* a numbered line (``一、…``, ``（二）…``) with no sentence end in it is a
  heading of one or two lines (:func:`_numbered_heading`);
* after an article's closing ``（来源：…）`` line or trailing attribution, a
  new article begins, so its first lines are read as a headline even when
  they fill the column (:func:`_title_after_close`).

Lines at least ``LONG_LINE_EMS`` wide on average are the other input style:
one paragraph per line with stray hard breaks, where a line ends a paragraph
exactly when it ends in terminal punctuation.  A hard break is a *jump* when
its dangling end reads on into the opening of a paragraph elsewhere on the
page (``拓宽金融`` … ``服务的覆盖面。``) and not into the next line: the text
before it stops there, and both the next line and that paragraph start new
pieces (see :attr:`Layout.starts`).

Every decision carries a reason string, kept on the blocks it produces.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import regex

from .bylines import split_trailing_attribution
from .chars import (
    CLAUSE_PUNCT,
    CLOSERS,
    GARBLED_BRACKETS,
    HEADLINE_END_PUNCT,
    OPENING_BRACKETS,
    SENTENCE_END,
    SENTENCE_OR_ITEM_END,
    TERMINAL_PUNCT,
    column_width,
)
from .classify import BLANK, HEADING, KICKER_TEXT, SECTION_NUMBER, TEXT, LineTag
from .furniture import INLINE_JUMP, PAGE_NUMBER, is_pull_quote
from .normalize import NLine
from .spacing import word_crosses
from .styles import LONG_LINE_EMS

__all__ = ["ABOVE_DECK", "DECK", "LABEL_AFTER_CLOSE", "LEAD_IN", "LONG_LINE_EMS", "WIDER_THAN_COLUMN", "Layout",
           "analyse_layout"]

# The names of the layout rules that make a line a heading, as the heading
# rules (:mod:`cnpress.headings`) read them; the others are plain strings.
#: Wider than the column, with no clause mark: a headline of its own.
WIDER_THAN_COLUMN: Final = "wider-than-column"
#: Full width, right under a heading, not a sentence: the heading's deck.
DECK: Final = "full-width-after-heading"
#: A short lead-in ending in a colon ("“点”：") above a heading line.
LEAD_IN: Final = "lead-in"
#: One unterminated line right above a "——…" deck: its headline.
ABOVE_DECK: Final = "above-deck"
#: A column label ("会员成果") after an article's closing line, a headline under it.
LABEL_AFTER_CLOSE: Final = "label-after-close"

#: How many text lines one column-width estimate covers.
REGION_LINES: Final = 48
#: How many lines either side a pull quote's text is looked for.
PULL_QUOTE_CONTEXT: Final = 100
#: A heading in long-line text is at most this wide.
MAX_HEADING_EMS: Final = 40.0
#: In a column, a line this much narrower than ``W`` is "short".
SHORT_MARGIN: Final = 4.5
#: A line at most ``W - INDENT_MARGIN`` wide can be an indented first line
#: or a last line.
INDENT_MARGIN: Final = 1.75
#: Below this, a "column width" is too narrow to judge a line full by it
#: (a few short lines of input).
MIN_COLUMN_EMS: Final = 8.0
#: A line this much wider than the column is not part of it.
WIDE_MARGIN: Final = 4.0
#: Clause punctuation that rules a line out as a heading (、 is allowed:
#: "有条件、有信心实现全年目标").
_NOT_IN_HEADING: Final = CLAUSE_PUNCT - {"、"}
#: What a bracketed byline opens with, OCR-garbled "渊" included.
_OPENING_BRACKETS: Final = OPENING_BRACKETS | {k for k, v in GARBLED_BRACKETS.items() if v == "（"}
#: At most this many lines make the headline after a closing line.
MAX_TITLE_LINES: Final = 3
#: Line kinds a headline after a closing line may sit below.
_ABOVE_TITLE: Final = frozenset({"source", "kicker"})
#: How many lines either side a jump's continuation is looked for (a page).
JUMP_CONTEXT: Final = 100
#: A paragraph that opens with a sentence this short ("服务的覆盖面。") may be
#: the tail of a sentence broken off elsewhere.
_SHORT_OPENING = regex.compile(
    r"^[^\p{P}\s]{1,8}"  # at most eight characters, no punctuation or space
    r"[" + "".join(sorted(SENTENCE_END)) + r"]"  # then the sentence ends
)
#: Line kinds after which a full-width unterminated line is a deck, not body.
_HEADING_LIKE: Final = frozenset({HEADING, "kicker", "subtitle"})


@dataclass(frozen=True, slots=True)
class Layout:
    """What the layout analysis decided, by raw line number.

    ``kind`` maps every text line to ``"body"`` or ``"heading"``;
    ``ends`` maps the last line of every body paragraph to the reason it
    ends there; ``reasons`` gives the reason for each heading; ``starts``
    maps the first line of a paragraph that begins a new piece of text
    (not the continuation of what is before it) to the reason.
    """

    kind: dict[int, str]
    ends: dict[int, str]
    reasons: dict[int, str]
    column: dict[int, float]
    starts: dict[int, str] = field(default_factory=dict)


def _region_widths(widths: Sequence[float]) -> list[float]:
    """Column width estimate for every text line, region by region."""
    out: list[float] = []
    for start in range(0, len(widths), REGION_LINES):
        chunk = widths[start:start + REGION_LINES]
        # Let a short tail region borrow its neighbour's lines.
        lo = max(0, start - REGION_LINES // 2) if len(chunk) < 16 else start
        sample = list(widths[lo:start + REGION_LINES])
        sample.sort()
        w = sample[(len(sample) * 3) // 4] if sample else 0.0
        out.extend([w] * len(chunk))
    return out


def _terminal(text: str) -> bool:
    """Whether a line can end a paragraph: terminal punctuation, a closing
    quote or bracket right after it (``。”`` but not ``“护盾”``), or a
    trailing attribution or photo credit (``…。(跃文)``)."""
    if text[-1] in "）)" and INLINE_JUMP.search(text):
        text = INLINE_JUMP.sub("", text) or text  # "…竞争。(下转第2版)"
    last = text[-1]
    if last in CLOSERS:
        return len(text) > 1 and (text[-2] in TERMINAL_PUNCT or split_trailing_attribution(text) is not None)
    return last in TERMINAL_PUNCT or (last in "道摄" and split_trailing_attribution(text) is not None)


def _heading_reason(
    text: str, w: float, col: float, next_text: str | None, after_heading: bool = False
) -> str | None:
    """Why a text line after a paragraph end is a heading, or ``None``."""
    long_mode = col > LONG_LINE_EMS
    inner = text[:-1]
    prose = any(c in _NOT_IN_HEADING for c in inner)
    if not long_mode and w > col + WIDE_MARGIN and not prose:
        return WIDER_THAN_COLUMN
    if (after_heading and not long_mode and not prose and not _terminal(text) and text[-1] not in _NOT_IN_HEADING
            and w > col - INDENT_MARGIN
            and not (next_text and word_crosses(text[-2:], next_text[:2]))):
        # Too wide for an indented first line, right under a heading: a deck.
        return DECK
    if _terminal(text):
        # A lead-in such as "“点”：" standing above a heading line.
        if text[-1] in "：:" and w <= 8 and next_text is not None and not _terminal(next_text):
            return LEAD_IN
        return None
    limit = MAX_HEADING_EMS if long_mode else col - SHORT_MARGIN
    if w > limit:
        return None
    if sum(c in _NOT_IN_HEADING for c in inner) > (1 if long_mode else 0):
        return None
    if next_text and word_crosses(text[-2:], next_text[:2]):
        return None  # "重庆小|康动力": a word runs on, so this is a wrap
    return "short-unterminated"


def analyse_layout(lines: Sequence[NLine], tags: Sequence[LineTag]) -> Layout:
    """Decide headings and paragraph ends for the ``text`` lines.

    ``tags[i]`` is the line tag of ``lines[i]``; only lines tagged ``text``
    are decided here.  Lines tagged ``blank`` or page-number furniture are
    transparent: a paragraph reads across them.
    """
    text_idx = [i for i, t in enumerate(tags) if t.kind == TEXT]
    widths = [column_width(lines[i].text) for i in text_idx]
    cols = _region_widths(widths)
    kind: dict[int, str] = {}
    ends: dict[int, str] = {}
    reasons: dict[int, str] = {}
    column: dict[int, float] = {}
    # The previous body line (index into lines), or None after a boundary.
    prev_body: int | None = None
    prev_end = True
    prev_heading = False
    pos_of = {i: k for k, i in enumerate(text_idx)}
    # Long-line hard breaks (index of the line, index of the next line) and
    # the first lines of paragraphs: what jumps are looked for among.
    breaks: list[tuple[int, int]] = []
    openings: list[int] = []
    # After a closing line: the headline lines found below it.
    after_close = False
    forced: dict[int, str] = {}
    para_start: int | None = None  # the first line of the current paragraph
    para_col = 0.0  # the column width at its last text line

    def next_text_line(i: int) -> int | None:
        """The next line after ``i`` that is not transparent, if it is text."""
        for j in range(i + 1, len(lines)):
            tag = tags[j]
            if PAGE_NUMBER.match(lines[j].text):
                continue
            return j if tag.kind == TEXT else None
        return None

    for i, tag in enumerate(tags):
        if tag.kind == BLANK or PAGE_NUMBER.match(lines[i].text):
            continue
        dash = _dash_role(tag, lines, i, prev_body, para_start, ends, para_col)
        if dash == "runs-on":
            # "…分为四大阵型" / "——第一，传统电商…；": the dash line is body text.
            kind[lines[i].no] = "body"
            j = next_text_line(i)
            end = _end_reason(lines[i].text, column_width(lines[i].text), para_col, j, lines, widths, pos_of)
            if end is not None:
                ends[i] = end
            prev_body, prev_end, prev_heading = i, end is not None, False
            continue
        if tag.kind != TEXT:
            # Any other block is a boundary: the paragraph before it ends.
            if dash == "deck" and prev_body is not None:
                # One unterminated line right above a "——…" deck is its headline.
                kind[lines[prev_body].no] = "heading"
                reasons[lines[prev_body].no] = ABOVE_DECK
            elif prev_body is not None and prev_body not in ends:
                ends[prev_body] = "before-" + (tag.kind if tag.kind != HEADING else "heading")
            prev_body, prev_end = None, True
            prev_heading = tag.kind in _HEADING_LIKE
            after_close = _closing_tag(tag, lines[i].text) or (
                tag.kind in _ABOVE_TITLE and (after_close or tag.kind == "kicker"))
            continue
        k = pos_of[i]
        text, w, col = lines[i].text, widths[k], cols[k]
        column[lines[i].no] = col
        if prev_end and i not in forced:
            if after_close:
                forced = _title_after_close(i, lines, widths, cols, pos_of, next_text_line)
            elif SECTION_NUMBER.match(text):
                forced = _numbered_heading(i, lines, widths, cols, pos_of, next_text_line)
        after_close = False
        if i in forced:
            kind[lines[i].no] = "heading"
            reasons[lines[i].no] = forced[i]
            prev_body, prev_end, prev_heading = None, True, True
            continue
        if col > LONG_LINE_EMS and is_pull_quote(lines, i, PULL_QUOTE_CONTEXT):
            kind[lines[i].no] = "furniture"
            reasons[lines[i].no] = "pull-quote"
            if prev_body is not None and prev_body not in ends:
                ends[prev_body] = "before-furniture"
            prev_body, prev_end, prev_heading = None, True, False
            continue
        j = next_text_line(i) if prev_end or _terminal(text) else i
        next_text = lines[j].text if j is not None else None
        reason = _heading_reason(text, w, col, next_text, prev_heading) if prev_end else None
        prev_heading = reason is not None
        if reason is not None:
            if prev_body is not None and prev_body not in ends:
                ends[prev_body] = "before-heading"
            kind[lines[i].no] = "heading"
            reasons[lines[i].no] = reason
            prev_body, prev_end = None, True
            continue
        kind[lines[i].no] = "body"
        para_col = col
        if prev_body is None or prev_body in ends:
            para_start = i
            if col > LONG_LINE_EMS:
                openings.append(i)
        prev_body = i
        end = _end_reason(text, w, col, j, lines, widths, pos_of)
        if end is not None:
            ends[i] = end
        elif col > LONG_LINE_EMS and not _terminal(text):
            nxt = next_text_line(i)
            if nxt is not None:
                breaks.append((i, nxt))
        prev_end = end is not None
        if prev_end and _closes(text):
            after_close = True
    if prev_body is not None and prev_body not in ends:
        ends[prev_body] = "end-of-text"
    starts: dict[int, str] = {}
    for i, nxt, cont in _jumps(lines, breaks, openings):
        ends[i] = "jump-break"
        starts[lines[nxt].no] = "after-jump-break"
        starts[lines[cont].no] = "jump-continuation"
    return Layout(kind, {lines[i].no: r for i, r in ends.items()}, reasons, column, starts)


def _jumps(
    lines: Sequence[NLine], breaks: Sequence[tuple[int, int]], openings: Sequence[int]
) -> list[tuple[int, int, int]]:
    """Hard breaks whose text goes on elsewhere: ``(end, next, continuation)``.

    A break ``end|next`` is a jump when no word reads across it, but one
    does read across ``end`` and the opening of a paragraph nearby whose
    first sentence is too short to stand alone (``拓宽金融|服务的覆盖面。``):
    a piece of text broken off at ``end`` and resumed there.  The nearest
    such paragraph wins.
    """
    found: list[tuple[int, int, int]] = []
    if not breaks:
        return found
    shorts = [k for k in openings if _SHORT_OPENING.match(lines[k].text)]  # in line order
    for end, nxt in breaks:
        tail = lines[end].text[-2:]
        lo, hi = bisect_left(shorts, end - JUMP_CONTEXT), bisect_right(shorts, end + JUMP_CONTEXT)
        near = [k for k in shorts[lo:hi] if k != nxt]
        if not near or word_crosses(tail, lines[nxt].text[:2]):
            continue
        for k in sorted(near, key=lambda k: abs(k - end)):
            if word_crosses(tail, lines[k].text[:2]):
                found.append((end, nxt, k))
                break
    return found


def _dash_role(
    tag: LineTag, lines: Sequence[NLine], i: int, prev_body: int | None, para_start: int | None,
    ends: dict[int, str], col: float,
) -> str | None:
    """What a dash-leader line (``——…``, the only lines the rules tag as a
    subtitle) right after unterminated body text is.

    ``"runs-on"``: the body sentence goes on through the dash (the text above
    is a paragraph of several lines, or the dash line fills the column);
    ``"deck"``: it is the deck under a one-line headline; ``None``: neither
    (not a dash line, or the text above it ended).  ``col`` is the column
    width where the paragraph above is.
    """
    if tag.kind != "subtitle" or prev_body is None or prev_body in ends:
        return None
    if _terminal(lines[prev_body].text):
        return None
    if prev_body != para_start or (col >= MIN_COLUMN_EMS and column_width(lines[i].text) > col - INDENT_MARGIN):
        return "runs-on"
    return "deck"


def _closing_tag(tag: LineTag, text: str) -> bool:
    """Whether a line of its own closes an article: a source line, or a
    bracketed end-of-article byline (``（林伟霞 黄俭）``)."""
    return tag.kind == "source" or (tag.kind == "byline" and text[:1] in _OPENING_BRACKETS)


def _closes(text: str) -> bool:
    """Whether a paragraph's last line closes its article: a trailing
    attribution (``…见到实效。(跃文)``), but not a photo credit (``… 摄``)."""
    if text[-1] not in "）)道":
        return False
    trailing = split_trailing_attribution(text)
    return trailing is not None and not trailing[1].endswith("摄")


def _title_like(text: str, first: bool) -> bool:
    """Whether a line can be part of a headline: no sentence end inside, at
    most one comma-like mark on its first line and none on the others, not a
    numbered section (``一、趋势概述``)."""
    if SECTION_NUMBER.match(text) or (_terminal(text) and text[-1] not in HEADLINE_END_PUNCT):
        return False
    if INLINE_JUMP.match(text):
        return False  # "（上接第1版）从政府的角度来看，": body text from another page
    return sum(c in _NOT_IN_HEADING or c in ",;" for c in text) <= (1 if first else 0)


def _numbered_heading(
    i: int, lines: Sequence[NLine], widths: Sequence[float], cols: Sequence[float],
    pos_of: dict[int, int], next_text_line: Callable[[int], int | None],
) -> dict[int, str]:
    """The lines of a numbered heading (``一、…``, ``（二）…``, ``3. …``) in a
    column, starting at ``lines[i]`` after a paragraph end; empty if it is
    the first line of a numbered paragraph.

    No sentence ends in it (``1. 设备数字化率稳步提升；`` is a list item).  It
    is two lines when it is wide and the next line is a short unterminated remainder
    (``（一）打好…党中央做出的重`` / ``大战略决策``), one line when it stops short
    of the column edge and no word runs on into the next line.  In long-line
    text it is one line no wider than ``MAX_HEADING_EMS``.
    """
    text = lines[i].text
    j = next_text_line(i)
    if j is None or _terminal(text) or any(c in SENTENCE_OR_ITEM_END for c in text):
        return {}
    rest, k, kj = lines[j].text, pos_of[i], pos_of[j]
    if cols[k] > LONG_LINE_EMS:  # one heading per line
        return {i: "numbered-heading"} if widths[k] <= MAX_HEADING_EMS else {}
    if (widths[k] > cols[k] - SHORT_MARGIN and widths[kj] <= cols[kj] - SHORT_MARGIN and not _terminal(rest)
            and not any(c in SENTENCE_OR_ITEM_END for c in rest) and next_text_line(j) is not None):
        return {i: "numbered-heading", j: "numbered-heading"}
    if widths[k] <= cols[k] - INDENT_MARGIN and not word_crosses(text[-2:], rest[:2]):
        return {i: "numbered-heading"}
    return {}


def _title_after_close(
    i: int, lines: Sequence[NLine], widths: Sequence[float], cols: Sequence[float],
    pos_of: dict[int, int], next_text_line: Callable[[int], int | None],
) -> dict[int, str]:
    """The headline lines (and the reason for each) starting at ``lines[i]``,
    the first text after a closing line; empty if they read as body text.

    A first line shaped like a column label (``会员成果``) with a headline
    under it is a label of its own (reason :data:`LABEL_AFTER_CLOSE`).
    """
    args = (lines, widths, cols, pos_of, next_text_line)
    if KICKER_TEXT.match(lines[i].text):
        j = next_text_line(i)
        under = _headline_run(j, *args) if j is not None else []
        if under and _headline_end(lines[under[-1]].text, widths[pos_of[under[-1]]], cols[pos_of[under[-1]]]):
            return {i: LABEL_AFTER_CLOSE, **dict.fromkeys(under, "title-after-close")}
    return dict.fromkeys(_headline_run(i, *args), "title-after-close")


def _headline_end(text: str, w: float, col: float) -> bool:
    """Whether a line looks like a headline's last line: short, or ending in ！/？."""
    return w <= col - SHORT_MARGIN or text[-1] in HEADLINE_END_PUNCT


def _headline_run(
    i: int, lines: Sequence[NLine], widths: Sequence[float], cols: Sequence[float],
    pos_of: dict[int, int], next_text_line: Callable[[int], int | None],
) -> list[int]:
    """The headline lines starting at ``lines[i]``, or ``[]`` if they read as
    body text.

    The headline runs on until a line that cannot be part of it
    (``标准和品牌就像一把尺子。在浙江，…``), over at most ``MAX_TITLE_LINES``.
    A headline of several lines ends with a short line or one ending in
    ``！``/``？``: a wide last line is taken for the body's indented first
    line.  So is a last line whose word runs on into the next line.
    """
    if cols[pos_of[i]] > LONG_LINE_EMS:
        # One heading per line; a long headline is still shorter than prose.
        fits = widths[pos_of[i]] <= 2 * MAX_HEADING_EMS and _title_like(lines[i].text, True)
        return [i] if fits and next_text_line(i) is not None else []
    run: list[int] = []
    j: int | None = i
    while j is not None and cols[pos_of[j]] <= LONG_LINE_EMS and _title_like(lines[j].text, not run):
        if len(run) == MAX_TITLE_LINES:
            return []  # no end in sight: body text without punctuation
        run.append(j)
        j = next_text_line(j)
    if len(run) > 1:
        k = pos_of[run[-1]]
        if not _headline_end(lines[run[-1]].text, widths[k], cols[k]):
            run.pop()  # a wide last line is the body's (indented) first line
    if run and lines[run[-1]].text[-1] in CLAUSE_PUNCT:
        run.pop()  # a headline does not end on a comma
    if run:
        nxt = next_text_line(run[-1])
        if nxt is None:
            return []  # a headline heads something
        if word_crosses(lines[run[-1]].text[-2:], lines[nxt].text[:2]):
            run.pop()
    return run


def _end_reason(
    text: str, w: float, col: float, j: int | None,
    lines: Sequence[NLine], widths: Sequence[float], pos_of: dict[int, int],
) -> str | None:
    """Why body line ``text`` ends its paragraph, or ``None`` if it runs on."""
    if j is None:
        return None  # decided by what follows (a boundary or the end)
    if not _terminal(text):
        return None  # (j is only looked up for terminal lines)
    if col > LONG_LINE_EMS:
        return "terminal-long-line"
    if w <= col - INDENT_MARGIN:
        return "short-last-line"
    if widths[pos_of[j]] <= col - INDENT_MARGIN:
        return "next-indented"
    return None
