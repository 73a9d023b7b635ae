"""The feature table: every fact about every line, computed once.

One row per non-blank line.  A row is a tuple of attribute strings
(``"last=。"``, ``"w=full"``, ``"old=title"``, ``"-1:terminal"``): what the line looks like
(width against its region's column, first and last characters, numbering,
punctuation), what its neighbours look like, what the hand-written rules of
cnpress 0.1 say about it (every rule's verdict is a feature, never a
decision), and a few facts only the whole page knows (a line repeated from
page to page, the lines next to a form feed's page break).  Other positions
on the page (first or last lines) are left out: on generated pages they
give furniture away, and real inputs are often fragments of a page.

Facts whose meaning depends on the input style (a blank line, a short
line) are normalised per style (:mod:`cnpress.styles`): widths against the
region's column, or in ems where there is no column; blank lines only where
they separate paragraphs.  The model reads each line's own facts once more
under its style's name (:func:`cnpress.decide.domain_items`).

:mod:`cnpress.decide` reads the table; nothing else rescans the text to ask
the same questions again.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import regex

from .articles import assemble_articles
from .bylines import (
    AGENCIES,
    AUTHOR_CREDIT,
    LEAD_IN_STARTS,
    ROLES,
    TRAILING_ENDS,
    is_lead_line,
    is_lone_name,
    looks_like_byline_line,
    split_lead_in,
    split_trailing_attribution,
)
from .chars import (
    CLAUSE_PUNCT,
    HALF_CLAUSE_PUNCT,
    HAN_CLASS,
    SENTENCE_END,
    TERMINAL_PUNCT,
    bracket_balance,
    column_width,
)
from .classify import BLANK, SECTION_NUMBER, LineTag
from .furniture import INLINE_JUMP, PAGE_NUMBER, is_paper_name
from .layout import MAX_HEADING_EMS, Layout
from .model import BlockKind, Options
from .normalize import HEADING_MARK, NLine
from .spacing import word_crosses
from .styles import LONG_LINE_EMS, VERTICAL_CHARS, VERTICAL_RUN, Region, detect_styles, printed_chars

__all__ = ["FeatureTable", "Rules", "build_table", "rule_verdicts"]

#: Options for the rule pass whose verdicts become features: no text polish
#: (it costs time and changes no decision).
_RULE_OPTIONS: Final = Options(spacing="keep", widen_punct=False, collapse_letter_spacing=False)
_DEFAULT: Final = Options()
#: Neighbour offsets whose main facts are copied into a row.
WINDOW: Final = (-2, -1, 1, 2)
#: The facts of a neighbour that are copied (by prefix).
_WINDOW_FACTS: Final = ("w=", "old=", "last=", "terminal", "n=", "byline-shape", "section-number", "dateline",
                        "bracket-", "vrun", "credit-end", "tag=", "lead-in", "lead-line", "trailing-attribution",
                        "letter-spaced")

_HEADING_KINDS: Final = frozenset({BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.SECTION, BlockKind.KICKER})
# A character's class for the first/last-character facts.
_HAN = regex.compile(f"[{HAN_CLASS}]")
# A list item opening a line: "二是", "第三，", "其四、".
_LIST_ITEM = regex.compile(
    r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，、,]|其[一二三四五六七八九十][，、,])"
)
#: A line is letter-spaced when at least this share of its space-separated
#: pieces are single Han characters ("新 华 社 记 者戚 德 良 支 林 飞").
LETTER_SPACED_SHARE: Final = 0.5


def _letter_spaced(text: str) -> bool:
    """Whether a line is set letter-spaced: three or more pieces, mostly single Han.

    >>> _letter_spaced("贵 州 梦 寐 山 门 开"), _letter_spaced("新 华 社 记 者戚 德 良"), _letter_spaced("丁会 刘斌")
    (True, True, False)
    """
    if " " not in text:
        return False
    pieces = text.split()
    singles = sum(len(p) == 1 and _HAN.match(p) is not None for p in pieces)
    return len(pieces) >= 3 and singles >= LETTER_SPACED_SHARE * len(pieces)
# Clause marks, full-width and the half-width ones extraction leaves in Chinese text.
_CLAUSE_MARK: Final = regex.compile("[" + regex.escape("".join(sorted(CLAUSE_PUNCT | HALF_CLAUSE_PUNCT))) + "]")
# A sentence end (inside a line, it marks running prose).
_SENTENCE_END: Final = regex.compile("[" + regex.escape("".join(sorted(SENTENCE_END))) + "]")
# A Markdown heading mark: "## 促转型：…".
# Digits, for the repeated-line fact ("·· 10" and "·· 11" repeat).
_DIGITS = regex.compile(r"[0-9０-９]+")
_AGENCY_OR_ROLE = regex.compile("|".join((*AGENCIES, *ROLES)))
_CREDIT_END = ("摄", "摄影", "摄影报道", "供图", "供图）", "图）")
# A dateline lead opening a line: "新华社北京1月5日电", "据新华社…电", "本报北京1月20日讯".
_DATELINE = regex.compile(r"^(?:据|本报|新华社|中新社|中新网|人民网|央视网|[\p{Han}]{2,6}社)[^，。]{0,16}?(?:电|讯)")


@dataclass(frozen=True, slots=True)
class Rules:
    """What the rule pass of cnpress 0.1 decided, by raw line number."""

    tags: tuple[LineTag, ...]
    layout: Layout
    kind: dict[int, str]
    ends: frozenset[int]
    starts: frozenset[int]
    #: The index of the rule pass's heading block holding each heading line.
    heading_block: dict[int, int]


@dataclass(frozen=True, slots=True)
class FeatureTable:
    """The rows of the feature table, one per non-blank line, in line order.

    ``own`` holds each line's own facts; ``rows`` adds its neighbours'
    main facts (what a model reads): ``rows[i][2:lent[i]]`` are line ``i``'s
    own facts in its row (after ``bias`` and its style), the rest are
    lent by its neighbours.  ``regions`` are the style regions.
    """

    lines: tuple[NLine, ...]
    own: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    regions: tuple[Region, ...]
    rules: Rules
    lent: tuple[int, ...]


def rule_verdicts(lines: Sequence[NLine]) -> Rules:
    """Run the rule stages (line rules, layout, heading roles, articles).

    >>> r = rule_verdicts([NLine(1, "·· 10"), NLine(2, "正文。")])
    >>> r.kind[1], r.kind[2], sorted(r.ends)
    ('furniture', 'paragraph', [2])
    """
    from .pipeline import rule_blocks  # the rule pass reuses the 0.1 block builder

    tags, layout, blocks = rule_blocks(lines, _RULE_OPTIONS, [])
    kind: dict[int, str] = {}
    ends: set[int] = set()
    heading_block: dict[int, int] = {}
    for index, b in enumerate(blocks):
        if b.kind in _HEADING_KINDS:
            heading_block.update(dict.fromkeys(b.lines, index))
        for n in b.lines:
            if n not in kind or b.kind is BlockKind.PARAGRAPH:
                kind[n] = b.kind.value
        if b.kind is BlockKind.PARAGRAPH:
            ends.add(b.span[1])
    starts = set()
    for a in assemble_articles(blocks, layout.starts):
        body = [b.span[0] for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
        if body:
            starts.add(min(body))
    return Rules(tuple(tags), layout, kind, frozenset(ends), frozenset(starts), heading_block)


def _char_class(c: str) -> str:
    """A coarse class of one character; punctuation and symbols are
    themselves, anything else (other letters, controls, lone surrogates) is
    ``other``.

    >>> [_char_class(c) for c in "中5a。■é"] + [_char_class(chr(0xD800))]
    ['han', 'digit', 'latin', '。', '■', 'other', 'other']
    """
    if _HAN.match(c):
        return "han"
    if c.isdigit():
        return "digit"
    if c.isascii() and c.isalpha():
        return "latin"
    return c if unicodedata.category(c)[0] in "PS" else "other"


def _count_bucket(n: int) -> str:
    return str(n) if n <= 4 else "5-8" if n <= 8 else "9-14" if n <= 14 else "15-24" if n <= 24 else "25+"


def _width_fact(w: float, col: float) -> str:
    """Where a line's width stands against its column, in ems.

    In one-paragraph-per-line text there is no column: only the line's own
    length in ems says anything (a heading is short).
    """
    if col > LONG_LINE_EMS:
        return "w=long-" + ("short" if w <= 16 else "mid" if w <= MAX_HEADING_EMS else "long")
    if col < 8:
        return "w=nocol"
    d = w - col
    if d > 4:
        return "w=wider"
    if d > -1:
        return "w=full"
    if d > -2.5:
        return "w=indent"
    if d > -6:
        return "w=short"
    return "w=half" if w > col / 2 else "w=tiny"


#: Facts of a line's shape, by name: the fact is set when its test holds on
#: the line's text.  (A table, so that a fact is added in one place; the
#: tests in tests/test_decide.py give an example of each.)
SHAPE_FACTS: Final[tuple[tuple[str, Callable[[str], bool]], ...]] = (
    ("section-number", lambda t: SECTION_NUMBER.match(t) is not None),
    ("list-item", lambda t: _LIST_ITEM.match(t) is not None),
)
#: Facts of a line's words, read with letter-spacing removed.
WORD_FACTS: Final[tuple[tuple[str, Callable[[str], bool]], ...]] = (
    ("agency-or-role", lambda t: len(t) <= 30 and _AGENCY_OR_ROLE.search(t) is not None),
    ("credit-end", lambda t: t.endswith(_CREDIT_END)),
    ("author-credit", lambda t: AUTHOR_CREDIT.match(t) is not None),
    ("paper-name", is_paper_name),
    ("lone-name", is_lone_name),
    ("jump", lambda t: "版" in t and INLINE_JUMP.search(t) is not None),
)
#: Facts of a byline or dateline opening or closing a paragraph.
LEAD_FACTS: Final[tuple[tuple[str, Callable[[str], bool]], ...]] = (
    ("dateline", lambda t: _DATELINE.match(t) is not None),
    ("lead-in", lambda t: t.startswith(LEAD_IN_STARTS) and split_lead_in(t) is not None),
    ("lead-line", lambda t: t.startswith(LEAD_IN_STARTS) and is_lead_line(t)),
    ("trailing-attribution", lambda t: t[-1:] in TRAILING_ENDS and split_trailing_attribution(t) is not None),
)


def _own_facts(line: NLine, col: float, rules: Rules, tag: LineTag, repeated: bool) -> list[str]:
    """A line's facts that need only the line itself and the rule verdicts.

    A Markdown heading mark is a fact of its own; the line's shape is read
    without it.
    """
    text = line.text
    mark = HEADING_MARK.match(text)
    if mark and mark.end() < len(text):
        text = text[mark.end():]
    w = column_width(text)
    first, last = text[0], text[-1]
    inner = text[:-1]
    last_class = _char_class(last)
    facts = [
        _width_fact(w, col),
        "n=" + _count_bucket(len(text)),
        "first=" + _char_class(first),
        "last=" + last_class,
        "last2=" + _char_class(text[-2]) + last_class if len(text) > 1 else "last2=one",
        f"tag={tag.kind}",
        f"rule={tag.reason}",
        "old=" + rules.kind.get(line.no, "none"),
        f"lay={rules.layout.kind.get(line.no, 'none')}",
    ]
    reason = rules.layout.reasons.get(line.no) or rules.layout.ends.get(line.no)
    if reason:
        facts.append("layr=" + reason)
    if line.no in rules.ends:
        facts.append("oldend")
    if line.no in rules.starts:
        facts.append("oldstart")
    if line.no in rules.layout.starts:
        facts.append("layoutstart")
    if last in TERMINAL_PUNCT or (len(text) > 1 and text[-2] in SENTENCE_END):
        facts.append("terminal")
    clauses = len(_CLAUSE_MARK.findall(inner))
    facts.append("clauses=" + _count_bucket(clauses))
    if _SENTENCE_END.search(inner):
        facts.append("sentence-inside")
    if line.marker:
        facts.append("marker=" + line.marker)
    facts += [name for name, test in SHAPE_FACTS if test(text)]
    if _letter_spaced(text):
        # "贵 州 梦 寐 山 门 开", "本 报 记 者": read without the spaces.
        facts.append("letter-spaced")
        text = text.replace(" ", "")
    if len(text) <= 40 and looks_like_byline_line(text, line.marker):
        facts.append("byline-shape")
    facts += [name for name, test in WORD_FACTS if test(text)]
    if repeated:
        facts.append("repeated")
    if " " in text:
        facts.append("has-space")
    if mark:
        facts.append("md-mark")
    facts += [name for name, test in LEAD_FACTS if test(text)]
    opened = bracket_balance(text)
    if opened > 0:
        facts.append("bracket-open")
    elif opened < 0:
        facts.append("bracket-close")
    return facts


#: How many lines either side of a page break count as the page's edge.
PAGE_EDGE_LINES: Final = 2


def _page_edges(lines: Sequence[NLine], page_starts: frozenset[int]) -> list[tuple[str, ...]]:
    """``page-top`` / ``page-bottom`` for the lines next to a form feed's page break."""
    out: list[tuple[str, ...]] = [() for _ in lines]
    if not page_starts:
        return out
    for i, line in enumerate(lines):
        if line.no in page_starts:
            for k in range(i, min(len(lines), i + PAGE_EDGE_LINES)):
                out[k] = ("page-top",)
            for k in range(max(0, i - PAGE_EDGE_LINES), i):
                out[k] = ("page-bottom",)
    return out


def _vertical_runs(lines: Sequence[NLine]) -> list[list[str]]:
    """Facts of vertically set text: a run of one-character lines read as
    one string (a byline "本/报/记/者/…", a headline, a kicker)."""
    facts: list[list[str]] = [[] for _ in lines]
    i, n = 0, len(lines)
    while i < n:
        j = i
        while (j < n and printed_chars(lines[j].text) <= VERTICAL_CHARS
               and (j == i or lines[j].no - lines[j - 1].no <= 3)):
            j += 1
        if j - i >= VERTICAL_RUN:
            joined = "".join(ln.text for ln in lines[i:j])
            run = ["vrun", "vrun-n=" + _count_bucket(j - i)]
            if looks_like_byline_line(joined) or (len(joined) <= 30 and _AGENCY_OR_ROLE.search(joined)):
                run.append("vrun-byline")
            if joined.startswith(("文/", "文／", "本报", "记者", "通讯员", "特约", "见习")):
                run.append("vrun-byline-start")
            if joined[-1] in TERMINAL_PUNCT:
                run.append("vrun-terminal")
            for k in range(i, j):
                facts[k] = [*run, "vrun-first" if k == i else "vrun-last" if k == j - 1 else "vrun-mid"]
            i = j
        else:
            i = max(j, i + 1)
    return facts


def _may_run_on(text: str, nxt: str) -> bool:
    """Whether a word could run from ``text`` into ``nxt`` at all: both sides
    of the break are letters (Han, Latin or digits), not punctuation."""
    return text[-1].isalnum() and nxt[0].isalnum()


def _shape_key(text: str) -> str:
    """A line with its digits blanked: "·· 10" and "·· 11" are one running foot."""
    return _DIGITS.sub("#", text)


def build_table(lines: Sequence[NLine], rules: Rules | None = None,
                page_starts: frozenset[int] = frozenset(), options: Options = _DEFAULT) -> FeatureTable:
    """Build the feature table of the non-blank normalised ``lines``.

    ``page_starts`` are the raw lines that open a page after a form feed
    (:func:`cnpress.normalize.page_starts`): the lines next to such a break
    are at a page's edge, where running heads and feet stand.

    >>> t = build_table([NLine(1, "主管：某某协会"), NLine(3, "有光，才有了世界。")])
    >>> "old=furniture" in t.own[0], "terminal" in t.own[1], "-1:old=furniture" in t.rows[1]
    (True, True, True)
    """
    lines = tuple(lines)
    rules = rules if rules is not None else rule_verdicts(lines)
    regions = tuple(detect_styles(lines, options))  # cnpress's own output is what clean(options) makes
    style_of: list[str] = []
    col_of: list[float] = []
    for r in regions:
        style_of += [r.style] * (r.last - r.first)
        col_of += [r.column] * (r.last - r.first)
    shapes = Counter(_shape_key(ln.text) for ln in lines if len(ln.text) <= 30)
    n = len(lines)
    tag_of = {t_line.no: tag for t_line, tag in zip(lines, rules.tags, strict=True)}
    vertical = _vertical_runs(lines)
    edge = _page_edges(lines, page_starts)
    own: list[tuple[str, ...]] = []
    for i, line in enumerate(lines):
        tag = tag_of.get(line.no, LineTag(BLANK, "blank"))
        facts = _own_facts(line, col_of[i], rules, tag, shapes.get(_shape_key(line.text), 0) > 1)
        own.append((*facts, *vertical[i], *edge[i]))
    # The next line a sentence can run on into: page numbers are transparent
    # ("…越来越多中国制" / "·· 10" / "造的进阶中，…").
    next_text: list[int | None] = [None] * n
    following: int | None = None
    for i in range(n - 1, -1, -1):
        next_text[i] = following
        if not PAGE_NUMBER.match(lines[i].text):
            following = i
    # Neighbours are counted past page numbers too, except by page numbers.
    through = [i for i in range(n) if not PAGE_NUMBER.match(lines[i].text)]
    place = {i: k for k, i in enumerate(through)}

    def neighbour(i: int, off: int) -> int | None:
        if i in place:
            k = place[i] + off
            return through[k] if 0 <= k < len(through) else None
        return i + off if 0 <= i + off < n else None

    # The facts a neighbour lends a row, filtered once per line, and named
    # once per offset ("-1:last=。"): facts repeat from line to line.
    window = {f for f in set().union(*own) if f.startswith(_WINDOW_FACTS)}
    lent = [tuple(f for f in facts if f in window) for facts in own]
    named = {off: {f: f"{off}:{f}" for f in window} for off in WINDOW}
    lent_at = {off: [tuple(map(names.__getitem__, facts)) for facts in lent] for off, names in named.items()}
    rows: list[tuple[str, ...]] = []
    split: list[int] = []  # where each row's lent facts begin
    for i, line in enumerate(lines):
        style = style_of[i]
        facts = ["bias", "style=" + style, *own[i]]
        if "+blank-sep" in style:
            # Blank lines mean something only where they separate paragraphs.
            gap_before = line.no - lines[i - 1].no - 1 if i else 1
            gap_after = lines[i + 1].no - line.no - 1 if i + 1 < n else 1
            facts += [f"gap<={min(gap_before, 2)}", f"gap>={min(gap_after, 2)}"]
        j = next_text[i]
        if j is not None and _may_run_on(line.text, lines[j].text) and word_crosses(line.text[-2:],
                                                                                   lines[j].text[:2]):
            facts.append("word-crosses-next")
        split.append(len(facts))
        for off in WINDOW:
            j = neighbour(i, off)
            if j is not None:
                facts += lent_at[off][j]
        rows.append(tuple(facts))
    return FeatureTable(lines, tuple(own), tuple(rows), regions, rules, tuple(split))
