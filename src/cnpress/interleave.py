"""Columns interleaved line by line: detect the alternation and undo it where the text allows.

Some extractors (``pdftotext`` and pdfminer.six on pages whose columns share
their baselines) read a page straight across, so the lines of two or three
columns alternate::

    本报张北１月１３日电记者何伟、余继军报道：今晨突     (column A)
    降大雪，给刚刚脱险的张家口灾民的生活蒙上一层愁云。河 (A)
    据新华社巴格达１月１２日电（记者刘加文、顾正龙）       (B)
    拉克就把特委会人员构成不平衡作为一个重要问题提出。他   (C)
    北省抗震救灾指挥部连夜布置保暖房的临建和物资调运，要   (A)

The text itself shows it: a hard-wrapped line is continued by the line *p*
lines further down (a word read across the wrap, ``河|北省``, or a clause
mark opening the line), not by the next one.  In ordinary text that almost
never happens (about 3 % of wraps on the seeds, against 45 % for the next
line).  :func:`deinterleave` finds the stretches where such skips of one
period ``p`` (2 or 3) come again and again, and reads each stretch column by
column: every ``p``-th line, starting from each of its first ``p`` lines.
Lines keep their raw numbers (see :class:`cnpress.columns.Unfolded`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .chars import CLOSERS, NO_SPACE_BEFORE_CLASS, TERMINAL_PUNCT, column_width
from .columns import SIDE_BY_SIDE, Unfolded, unfold
from .model import Span, StyleSpan
from .spacing import word_crosses

__all__ = ["INTERLEAVED", "continues", "deinterleave", "reading_order"]

#: The style name an interleaved stretch gets in ``Document.styles``.
INTERLEAVED: Final = "interleaved"
#: The periods looked for: two or three columns.
PERIODS: Final = (2, 3)
#: A stretch needs at least this many skips of its period.
MIN_SKIPS: Final = 3
#: Skips further apart than this many periods are two stretches.
MAX_GAP_PERIODS: Final = 3
#: A line is a hard wrap when it is at least this share of the page's usual width.
WRAP_SHARE: Final = 0.8
# Marks that open a line continuing the line before ("，…", "、…", "）…"):
# full-width punctuation that takes no space before it.
_CONTINUING_OPENERS: Final = frozenset(NO_SPACE_BEFORE_CLASS)


def continues(line: str, nxt: str) -> bool:
    """Whether ``nxt`` visibly continues ``line``: a word read across the
    wrap, or a mark that cannot open a line of its own.

    >>> continues("给刚刚脱险的张家口灾民的生活蒙上一层愁云。河", "北省抗震救灾指挥部连夜布置")
    True
    >>> continues("给刚刚脱险的张家口灾民的生活蒙上一层愁云。河", "据新华社巴格达１月１２日电")
    False
    """
    if not line or not nxt:
        return False
    if nxt[0] in _CONTINUING_OPENERS:
        return True
    return line[-1].isalnum() and nxt[0].isalnum() and word_crosses(line[-2:], nxt[:2])


def _usual_width(texts: Sequence[str]) -> float:
    widths = sorted(column_width(t) for t in texts)
    return widths[(3 * len(widths)) // 4] if widths else 0.0


def _wraps(text: str, usual: float) -> bool:
    """A hard-wrapped line: as wide as the column, and not ending a sentence."""
    last = text[-1:]
    return last not in TERMINAL_PUNCT and last not in CLOSERS and column_width(text) >= WRAP_SHARE * usual


def _stretches(texts: Sequence[str], usual: float) -> list[tuple[int, int, int]]:
    """``(first, stop, period)`` of each interleaved stretch, by index into ``texts``
    (``usual``: the page's usual line width)."""
    skips: list[tuple[int, int]] = []  # (index, period)
    for i, text in enumerate(texts[:-1]):
        if not _wraps(text, usual) or continues(text, texts[i + 1]):
            continue
        for p in PERIODS:
            if i + p < len(texts) and continues(text, texts[i + p]):
                skips.append((i, p))
                break
    out: list[tuple[int, int, int]] = []
    for p in PERIODS:
        run: list[int] = []
        for i in [i for i, q in skips if q == p] + [-1]:
            if run and (i < 0 or i - run[-1] > MAX_GAP_PERIODS * p):
                if len(run) >= MIN_SKIPS:
                    # The alternation runs up to a period beyond the first
                    # and last skips seen (the lines their columns share).
                    out.append((max(0, run[0] - p + 1), min(len(texts), run[-1] + 2 * p), p))
                run = []
            run.append(i)
    # Overlapping stretches of different periods: the one with more lines wins.
    out.sort(key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int, int]] = []
    for s in out:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def _run_on(texts: Sequence[str], columns: list[list[int]], stop: int, usual: float) -> int:
    """Give the lines after a stretch that visibly continue one of its
    columns to that column (a column longer than the others ends alone);
    return where the stretch now stops.  ``usual`` is the page's usual line width.
    """
    while stop < len(texts):
        if continues(texts[stop - 1], texts[stop]):
            return stop
        open_ = [c for c in columns if c and _wraps(texts[c[-1]], usual)]
        ends = [c for c in open_ if continues(texts[c[-1]], texts[stop])]
        if not ends and len(open_) == 1 and not _wraps(texts[stop - 1], usual):
            ends = open_  # the one column left mid-sentence goes on here
        if not ends:
            return stop
        ends[0].append(stop)
        stop += 1
    return stop


def deinterleave(raw: Sequence[str]) -> Unfolded | None:
    """Raw lines with each interleaved stretch read column by column, or
    ``None`` when there is none.  Blank lines go with the line above them.

    >>> a = ("尉健行说，中奥两国自建交以来，政治、经济关系总的来说是好的。两国领导人经常互访，"
    ...      "经济合作关系不断发展。他说，中国同欧盟的关系也是不错的，中欧关系发展前景广阔。")
    >>> b = ("科尔说，中国改革开放所取得的成就和人民生活水平的提高给我们留下了深刻的印象。"
    ...      "他表示，奥地利将致力于推动奥中和欧中关系的不断发展，为两国人民造福。")
    >>> left, right = [a[i:i + 18] for i in range(0, 72, 18)], [b[i:i + 18] for i in range(0, 72, 18)]
    >>> u = deinterleave([line for pair in zip(left, right) for line in pair])
    >>> list(u.lines) == left + right, u.origin[:3], u.pages
    (True, (1, 3, 5), ((1, 7),))
    """
    idx = [i for i, line in enumerate(raw) if line.strip()]
    texts = [raw[i].strip() for i in idx]
    usual = _usual_width(texts)
    stretches = _stretches(texts, usual)
    if not stretches:
        return None
    # Each raw line's group: a non-blank line and the blank lines after it.
    group_end = [*idx[1:], len(raw)]
    out: list[str] = []
    origin: list[int] = []
    spans: list[Span] = []

    def emit(k: int) -> None:
        for i in range(idx[k] if k else 0, group_end[k]):
            out.append(raw[i])
            origin.append(i + 1)

    k = 0
    for first, stop, p in stretches:
        while k < first:
            emit(k)
            k += 1
        columns = [list(range(first + offset, stop, p)) for offset in range(p)]
        stop = _run_on(texts, columns, stop, usual)
        for column in columns:
            for j in column:
                emit(j)
        spans.append((idx[first] + 1, idx[stop - 1] + 1))
        k = stop
    while k < len(idx):
        emit(k)
        k += 1
    return Unfolded(tuple(out), tuple(origin), tuple(spans))


def reading_order(raw: Sequence[str], undo_interleaving: bool = False,
                  ) -> tuple[list[str], tuple[int, ...] | None, tuple[StyleSpan, ...]]:
    """The raw lines in reading order: side-by-side columns unfolded
    (:func:`cnpress.columns.unfold`), then interleaved stretches found, and
    undone when ``undo_interleaving`` (``Options.undo_interleaving``).

    Gives the lines, the raw line number of each (``None`` when the order
    is the input's own) and the style spans of what was found, on raw lines.

    >>> reading_order(["一行。", "二行。"])
    (['一行。', '二行。'], None, ())
    """
    lines = list(raw)
    origin: tuple[int, ...] | None = None
    styles: list[StyleSpan] = []
    unfolded = unfold(lines)
    if unfolded is not None:
        lines, origin = list(unfolded.lines), unfolded.origin
        styles += [StyleSpan(SIDE_BY_SIDE, span) for span in unfolded.pages]
    undone = deinterleave(lines)
    if undone is not None:
        styles += [StyleSpan(INTERLEAVED, span) for span in _raw_spans(undone.pages, origin)]
        if undo_interleaving:
            before = origin
            lines = list(undone.lines)
            origin = tuple(before[n - 1] if before else n for n in undone.origin)
    return lines, origin, tuple(styles)


def _raw_spans(spans: Sequence[Span], origin: Sequence[int] | None) -> list[Span]:
    """``spans`` of lines numbered as in ``origin``, on raw lines."""
    out = []
    for first, last in spans:
        nos = [origin[n - 1] if origin else n for n in range(first, last + 1)]
        out.append((min(nos), max(nos)))
    return out
