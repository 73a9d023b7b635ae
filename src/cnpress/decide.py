"""Decisions from data: a linear-chain CRF over the feature table.

Every non-blank line gets one label (:data:`LABELS`): its block kind, and for
body lines whether it ends a paragraph and whether it opens an article:

========== ============================================================
``body``   a body line that runs on into the next one
``end``    the last line of a body paragraph
``start``  the first body line of an article (the paragraph runs on)
``start1`` the first body line of an article that is a whole paragraph
others     the block kinds: ``title`` ``subtitle`` ``section`` ``kicker``
           ``byline`` ``source`` ``caption`` ``furniture``
========== ============================================================

The model's parameters are a data file (python-crfsuite's format), fitted by
:func:`train` from pages annotated in the gold format (``cnpress train``);
the shipped one is ``cnpress/data/lines.crfsuite``.  :meth:`LineModel.explain`
tells which features weighed most in a decision.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import pycrfsuite
import regex

from .brackets import garbled_left_open, garbled_tail, has_garbled_font
from .bylines import AGENCIES, AUTHOR_CREDIT, ROLES, reads_as_byline, split_lead_in
from .chars import (
    CLAUSE_PUNCT,
    CLOSERS_CLASS,
    GARBLED_BRACKETS,
    ITEM_END_PUNCT,
    NO_SPACE_BEFORE_CLASS,
    OPENING_BRACKETS,
    SEMICOLONS,
    bracket_balance,
    closes_first,
    ends_sentence,
)
from .classify import item_number
from .features import FeatureTable, build_table
from .furniture import INLINE_JUMP, JUMP_FROM_OPENING, JUMP_LINE, jump_target
from .interleave import reading_order
from .normalize import NLine, normalize_lines, page_starts
from .reading import read_text, split_lines
from .styles import LONG_LINE_EMS, drop_untrusted_marks, runs_on

__all__ = [
    "BODY_LABELS",
    "CONSTRAINTS",
    "CROP_SIZES",
    "DEFAULT_MODEL",
    "LABELS",
    "TRAIN_PARAMS",
    "Decision",
    "LineModel",
    "TrainingPage",
    "block_breaks",
    "constrain",
    "constrained",
    "crops",
    "decisions",
    "domain_items",
    "gold_labels",
    "load_model",
    "load_pages",
    "own_lines",
    "page_table",
    "train",
    "trainable",
]

#: Body labels: ``(ends a paragraph, opens an article)`` for each.
BODY_LABELS: Final[Mapping[str, tuple[bool, bool]]] = {
    "body": (False, False), "end": (True, False), "start": (False, True), "start1": (True, True),
}
#: Every label, body ones first.
LABELS: Final = (*BODY_LABELS, "title", "subtitle", "section", "kicker", "byline", "source", "caption", "furniture")
#: The shipped model's resource name inside the package.
DEFAULT_MODEL: Final = "lines.crfsuite"
#: Training parameters (L-BFGS with elastic-net regularisation): the L1 term
#: keeps the model small, the L2 term keeps the weights of correlated rule
#: features spread.  Measured on pagegen/dev: c1 0.05 / c2 0.01 gave block
#: kinds 0.83-0.94 by extractor, 0.5 / 0.1 gave 0.85-0.95, 1.0 / 0.3 gave
#: 0.83-0.96 with better paragraph ends and article starts everywhere.
TRAIN_PARAMS: Final[Mapping[str, Any]] = {
    "c1": 1.0, "c2": 0.3, "max_iterations": 150, "feature.possible_transitions": True,
}


@dataclass(frozen=True, slots=True)
class TrainingPage:
    """One annotated page: its raw text, its gold annotation, and how many
    times it counts (real pages weigh more than generated ones)."""

    text: str
    gold: Mapping[str, Any]
    weight: int = 1


def domain_items(table: FeatureTable) -> list[list[str]]:
    """The model's input: every row's attributes, and the line's own facts
    once more under the name of its input style ("frustratingly easy"
    domain adaptation, Daumé III 2007, with the style as the domain: what
    one style teaches stays in its own copies, what holds in every style in
    the plain ones).  Copies by kind of page (real / generated) were
    measured too and left out: they fit the seeds' style at the cost of
    every other, and a page's kind is not known when it is tagged.

    >>> from cnpress.features import build_table
    >>> items = domain_items(build_table([NLine(1, "正文。")]))[0]
    >>> items[:2], "terminal" in items, "column:terminal" in items
    (['bias', 'style=column'], True, True)
    """
    out = []
    for r, lent in zip(table.rows, table.lent, strict=True):
        prefix = r[1][6:] + ":"  # rows open with "bias", "style=<name>", then the line's own facts
        out.append([*r, prefix + "bias", *[prefix + a for a in r[2:lent]]])
    return out


_LABEL_OF: Final = {v: k for k, v in BODY_LABELS.items()}


#: Labels of the kinds ``clean()`` leaves out of its output (with default options).
_HIDDEN: Final = frozenset({"caption", "furniture"})


#: The heading labels, in the order a Markdown-marked line takes them when
#: the model gives it none.
_HEADINGS: Final = ("title", "section", "subtitle", "kicker")


#: A region whose typical line is wider than this (in ems) is one paragraph
#: per line beyond doubt: twice :data:`cnpress.styles.LONG_LINE_EMS`, wider
#: than any page (a single-column page set 46-50 ems wide is hard-wrapped).
#: There a sentence end ends the paragraph: a stray hard break rarely falls
#: just after one.
PARAGRAPH_LINE_EMS: Final = 2 * LONG_LINE_EMS


def _md_headings(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """In converter Markdown whose marks are sparse (style ``+md``), a marked
    line is a heading: it keeps the model's heading label, or is a title
    when the model gave it another.

    >>> from cnpress.features import build_table
    >>> body = [NLine(n, "这束光，是长三角制造业重镇。") for n in range(2, 14)]
    >>> t = build_table([NLine(1, "## 促转型：向数字化要竞争力"), *body])
    >>> t.regions[0].style, _md_headings(t, ["body"] * 13)[:2]
    ('column+md', ['title', 'body'])
    """
    for region in table.regions:
        if "+md" in region.style:
            for i in range(region.first, region.last):
                if "md-mark" in table.own[i] and labels[i] not in _HEADINGS:
                    labels[i] = _HEADINGS[0]
    return labels


def _sentence_end_paragraphs(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A body line that ends a sentence ends its paragraph where the input
    style says paragraphs end there: before a blank line in
    blank-line-separated text (``+blank-sep``), anywhere in one paragraph a
    line (lines wider than :data:`PARAGRAPH_LINE_EMS`, or lines most of which
    end a sentence: :data:`PARAGRAPH_LINES_SHARE`), and on the last line.

    >>> from cnpress.features import build_table
    >>> wide = build_table([NLine(1, "第一段。" * 25), NLine(2, "第二段" * 30)])  # one paragraph a line
    >>> _sentence_end_paragraphs(wide, ["body", "body"])
    ['end', 'body']
    >>> _sentence_end_paragraphs(build_table([NLine(1, "第一段。"), NLine(2, "第二段。")]), ["body", "body"])
    ['end', 'end']
    >>> wrapped = build_table([NLine(1, "这束光，是长三角制造业重镇无锡的"), NLine(2, "一家企业。它以超高精度让缺陷无"),
    ...                        NLine(3, "所遁形，这是光。")])
    >>> _sentence_end_paragraphs(wrapped, ["body", "body", "body"])
    ['body', 'body', 'end']
    """
    lines = table.lines
    for region in table.regions:
        wide = region.column > PARAGRAPH_LINE_EMS
        ends = [ends_sentence(lines[i].text) for i in range(region.first, region.last)]
        sentence_lines = sum(ends) >= PARAGRAPH_LINES_SHARE * len(ends)
        for i in range(region.first, region.last):
            if labels[i] in BODY_LABELS and "terminal" in table.own[i] and (
                    wide or (sentence_lines and ends[i - region.first]) or i + 1 == len(lines)
                    or ("+blank-sep" in region.style and lines[i + 1].no > lines[i].no + 1)):
                labels[i] = _LABEL_OF[(True, BODY_LABELS[labels[i]][1])]
    return labels


#: Lines are one paragraph a line, whatever their width, when at least this
#: share of a region's lines end a sentence (:func:`cnpress.chars.ends_sentence`): in
#: hard-wrapped text at most 0.38 of the lines of any region end a sentence
#: or a clause (933 regions of the seeds, pagegen train and dev and a fresh
#: set); in one paragraph a line most do (0.57-0.89 on the seeds, about 0.9
#: with a sentence a line).  There a line that ends a sentence ends its
#: paragraph.
PARAGRAPH_LINES_SHARE: Final = 0.5


def _own_output(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """In cnpress's own ``clean()`` output (style ``+own``) every line is a
    block already decided: a body line ends its paragraph, and nothing is
    set aside as a caption or furniture (``clean()`` left those out).
    ``hidden`` are the labels the rendering options leave out
    (:func:`cnpress.render.hidden_kinds`: bylines and sources too, under
    ``render_bylines=False``): in own output, a line of such a label was
    printed, so it is body text.  This makes ``clean`` idempotent by
    construction: its output re-reads as the same blocks.  (The price: a
    converter's text that looks exactly like that output, with a stray hard
    break in it, keeps the break.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "第一段。" * 20), NLine(3, "第二段" * 20), NLine(5, "·· 3")])
    >>> t.regions[0].style, _own_output(t, ["body", "body", "furniture"], _HIDDEN)
    ('long-line+own', ['end', 'end', 'end'])
    """
    for region in table.regions:
        if "+own" in region.style:
            for i in range(region.first, region.last):
                if labels[i] in BODY_LABELS:
                    labels[i] = _LABEL_OF[(True, BODY_LABELS[labels[i]][1])]
                elif labels[i] in hidden:
                    labels[i] = "end"
    return labels


def _open_bracket(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """No paragraph ends inside a bracket that the next body line closes
    ("…２６０亿英镑（相当于４２０" / "亿美元）。"): the bracket says the
    sentence goes on.  A next line the model set aside (furniture, a
    caption, a heading) is that body line.  (Not in cnpress's own output,
    where every line is a block already decided.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "使股票市值骤跌２６０亿英镑（相当于４２０"), NLine(2, "亿美元）。")])
    >>> _open_bracket(t, ["end", "end"])
    ['body', 'end']
    >>> _open_bracket(t, ["end", "furniture"])
    ['body', 'end']
    >>> jump = build_table([NLine(1, "和建设过程中一以贯之的重要方针，通过 ISO（下"), NLine(2, "转第 2 版）")])
    >>> _open_bracket(jump, ["end", "furniture"])
    ['end', 'furniture']
    """
    lines, own = table.lines, own_lines(table)
    for i in range(len(lines) - 1):
        nxt = labels[i + 1]
        if not (lines[i].no not in own and labels[i] in BODY_LABELS and BODY_LABELS[labels[i]][0]
                and bracket_balance(lines[i].text) > 0 and closes_first(lines[i + 1].text)):
            continue
        if nxt in _NOT_A_BRACKETS_END and not _wrapped_jump(lines[i].text, lines[i + 1].text):
            labels[i + 1] = nxt = "end"  # "…（1 月 15 日 20 时—1 月" / "16 日 20 时）": the rest of the bracket
        if nxt in BODY_LABELS and not BODY_LABELS[nxt][1]:
            labels[i] = _LABEL_OF[(False, BODY_LABELS[labels[i]][1])]
    return labels


def _garbled_attribution_tails(table: FeatureTable, labels: list[str],
                               hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """On a page with garbled brackets (:mod:`cnpress.brackets`), a line that
    is only the end of a ``渊…冤`` bracket opened at the end of the body line
    before it (``…货源。渊薛`` / ``亚清荆成冤``, ``…日`` / ``电冤``) is an
    attribution wrapped onto its own line: a byline, whatever heading,
    caption or furniture the model took it for.  Not where a jump marker
    wraps (``渊下转第9`` / ``版冤``).  In the gold of the seeds and pagegen
    train and dev 17 of 19 such lines are bylines (2 end a paragraph's
    bracketed list of names).  (Not in cnpress's own output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "渊一冤总则"), NLine(2, "今年已８５岁渊１９１３年１月出生冤，今年春耕"),
    ...                  NLine(3, "所需的货源。渊薛"), NLine(4, "亚清荆成冤")])
    >>> _garbled_attribution_tails(t, ["section", "body", "end", "title"])
    ['section', 'body', 'end', 'byline']
    """
    lines, own = table.lines, own_lines(table)
    if not any(garbled_tail(line.text) for line in lines) or not has_garbled_font(line.text for line in lines):
        return labels
    for i in range(len(lines) - 1):
        if (labels[i] in BODY_LABELS and labels[i + 1] in _NOT_A_BRACKETS_END and lines[i].no not in own
                and garbled_tail(lines[i + 1].text) and garbled_left_open(lines[i].text)
                and not _wrapped_jump(lines[i].text, lines[i + 1].text)):
            labels[i + 1] = "byline"
    return labels


def _wrapped_jump(line: str, nxt: str) -> bool:
    """Whether a jump marker wraps from ``line`` onto ``nxt`` ("…通过 ISO（下" /
    "转第 2 版）"): its end is furniture, the paragraph ends before it."""
    return "版" in nxt and INLINE_JUMP.search(line + nxt) is not None


#: Labels a line that closes a bracket opened in the body line before it
#: cannot have: the rest of the bracket is body text.  (A byline or source
#: can: "…专项基金。（马" / "利）" is an attribution wrapped onto its own line.)
_NOT_A_BRACKETS_END: Final = frozenset({"furniture", "caption", *_HEADINGS})


#: How many lines apart two neighbouring items of a list may open (an item
#: wraps over a few lines).
LIST_REACH: Final = 4


def _list_items(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """Each item of a numbered list set one under another ("1. …；" /
    "2. …；", "二是…。": the item before or after it opens a line too,
    within :data:`LIST_REACH` lines) that closes with ``；`` within
    :data:`LIST_REACH` lines is a paragraph of body text, however the model
    read its lines (no heading closes with ``；``), and the item's last line
    ends the paragraph; so is an item that closes with ``。`` when the model
    read all its lines as body text (else it may be a section head, "一是…
    不力。").  A lone "第二，…" at a line's start is running text wrapped at
    the column's edge.  (Not in cnpress's own output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "1. 设备数字化率稳步提升；"), NLine(2, "2. 生产作业可视化程度有待进一步提"),
    ...                  NLine(3, "高；"), NLine(4, "3. 智能仓储应用场景逐渐普及。")])
    >>> _list_items(t, ["section", "section", "section", "end"])
    ['end', 'body', 'end', 'end']
    """
    lines = table.lines
    items = [item_number(line.text) for line in lines]

    def listed(i: int) -> bool:
        item = items[i]
        if item is None:
            return False
        kind, n = item
        return ((kind, n - 1) in items[max(0, i - LIST_REACH):i]
                or (kind, n + 1) in items[i + 1:i + 1 + LIST_REACH])

    own = own_lines(table)
    for i in range(len(lines)):
        if lines[i].no in own or not listed(i):
            continue
        last = next((k for k in range(i, min(len(lines), i + LIST_REACH))
                     if lines[k].text[-1] in ITEM_END_PUNCT and (k == i or items[k] is None)), None)
        if last is None:
            continue
        if lines[last].text[-1] not in SEMICOLONS and any(labels[k] not in BODY_LABELS
                                                             for k in range(i, last + 1)):
            continue  # "一是…不力。" may be a section head: the model decides
        for k in range(i, last + 1):
            opens = labels[k] in BODY_LABELS and BODY_LABELS[labels[k]][1]
            labels[k] = _LABEL_OF[(k == last, opens)]
    return labels


def _continued_from(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A body line that opens with a "continued from" marker ("（上接第1版）…")
    starts an article, the continued part of one: the line before it ends
    its paragraph.  The marker says so on the page.  A line with text after
    the marker is body text even when the model took it for a heading.

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "二是落实政策文件要求，继续丰富产品有"), NLine(2, "（上接第1版）从政府的角度来看，")])
    >>> _continued_from(t, ["body", "body"])
    ['end', 'start']
    >>> _continued_from(t, ["body", "title"])
    ['end', 'start']
    >>> own = build_table([NLine(1, "第一段。"), NLine(3, "（上接第1版）从政府的角度来看，")])
    >>> _continued_from(own, ["end", "title"])
    ['end', 'start1']
    """
    own = own_lines(table)
    for i, line in enumerate(table.lines):
        marker = JUMP_FROM_OPENING.match(line.text)
        if marker is None:
            continue
        if labels[i] in _HEADINGS and line.text[marker.end():].strip():
            # Text after the marker is the article's body, never its
            # headline (in own output, a whole paragraph).
            labels[i] = "start1" if line.no in own else "start"
        if labels[i] in BODY_LABELS:
            labels[i] = _LABEL_OF[(BODY_LABELS[labels[i]][0], True)]
            if i and labels[i - 1] in BODY_LABELS:
                labels[i - 1] = _LABEL_OF[(True, BODY_LABELS[labels[i - 1]][1])]
    return labels


def _dateline_opens(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A body line that opens with a dateline lead-in (``据新华社北京１月９日电
    （记者刘云非）…``, ``本报南宁１月３日电记者罗昌爱报道：…``: the ``dateline``
    and ``lead-in`` facts) starts a paragraph where the model ran the one
    before into it: the line before ends its paragraph, and this one starts
    an article.  A dateline opens a news item: in the gold of the seeds and
    pagegen train and dev 1,098 body lines open with one, all paragraph
    starts, 1,042 of them article starts (the rest are items of a digest
    under one headline).  Where the line before already ends a paragraph,
    the model's call on the article start stands.  (Not in cnpress's own
    output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "次烟花汇演将于初二晚上８时开始，配以喜气洋洋的音乐，"),
    ...                  NLine(2, "据新华社北京１月９日电（记者刘云非）中央军委委")])
    >>> _dateline_opens(t, ["body", "body"]), _dateline_opens(t, ["end", "body"])
    (['end', 'start'], ['end', 'body'])
    """
    own = own_lines(table)
    for i in range(1, len(table.lines)):
        before = labels[i - 1]
        if (labels[i] in BODY_LABELS and before in BODY_LABELS and not BODY_LABELS[before][0]
                and "dateline" in table.own[i] and "lead-in" in table.own[i] and table.lines[i].no not in own):
            labels[i - 1] = _LABEL_OF[(True, BODY_LABELS[before][1])]
            labels[i] = _LABEL_OF[(BODY_LABELS[labels[i]][0], True)]
    return labels


#: What the rest of a line after a dateline lead-in opens with when it is
#: more of the byline: a bracket (``（记者洪秉``, a garbled ``渊``), a role or
#: an agency (``记者果永毅、王芳``).
_BYLINE_GOES_ON: Final = (*sorted(OPENING_BRACKETS),
                           *(k for k, v in GARBLED_BRACKETS.items() if v in OPENING_BRACKETS), *ROLES, *AGENCIES)


def _lead_in_with_text(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A line the model read as a byline that is a dateline lead-in with the
    text of the item after it (``本报北京１月６日讯记者王比学报道：为`` /
    ``提高我国法律硕士…``) starts the item's first paragraph: the lead-in is
    split off as its byline (:func:`cnpress.bylines.split_lead_in`), and the
    next line starts no article.  Not where the rest is more of the byline
    (:data:`_BYLINE_GOES_ON`).  In the gold of the seeds and pagegen train
    and dev, of the 1,096 body and byline lines whose lead-in leaves such a
    rest, 1,050 are body text, 3 bylines (``…电综合本社驻布鲁塞尔和伦``);
    captions are left alone (43 open with ``本报讯``).  (Not in cnpress's own
    output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "本报北京１月６日讯记者王比学报道：为"),
    ...                  NLine(2, "提高我国法律硕士专业学位教育水平，")])
    >>> _lead_in_with_text(t, ["byline", "start"])
    ['start', 'body']
    >>> _lead_in_with_text(build_table([NLine(1, "据新华社雅加达１月２１日电（记者洪秉"), NLine(2, "明）印尼盾…")]),
    ...                    ["byline", "start"])
    ['byline', 'start']
    """
    own = own_lines(table)
    for i, line in enumerate(table.lines):
        if labels[i] != "byline" or "lead-in" not in table.own[i] or line.no in own:
            continue
        lead = split_lead_in(line.text)
        rest = lead.rest.strip() if lead else ""
        if rest and not rest.startswith(_BYLINE_GOES_ON):
            labels[i] = "start"
            if i + 1 < len(labels) and labels[i + 1] in BODY_LABELS:
                labels[i + 1] = _LABEL_OF[(BODY_LABELS[labels[i + 1]][0], False)]
    return labels


def _jumped_to_next_page(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """An article that jumps to the next page and goes on at its top runs on
    across the page break: a body line that ends mid-sentence, a "continued
    on page M" line, the page's furniture (at least one line: a page number,
    the next page's head), then a "continued from page M-1" marker.  The
    paragraph does not end before the jump, and the continued text starts
    no article: it is the same one.  (On the seeds and pagegen pages, 6 of 6
    such jumps run on; with no furniture between the markers, or after a
    sentence end, the continued text is another article's, 6 of 6.  Not in
    cnpress's own output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "因为牵涉到每年数十亿"), NLine(2, "（下转第3版）"), NLine(3, "— 2 —"),
    ...                  NLine(4, "（上接第2版）美元的经费分摊问题。")])
    >>> _jumped_to_next_page(t, ["end", "furniture", "furniture", "start1"])
    ['body', 'furniture', 'furniture', 'end']
    >>> _jumped_to_next_page(t, ["end", "furniture", "body", "start1"])  # no page break read
    ['end', 'furniture', 'body', 'start1']
    """
    own = own_lines(table)
    lines = table.lines
    for i in range(1, len(lines) - 2):
        if (labels[i - 1] not in BODY_LABELS or lines[i - 1].no in own or "terminal" in table.own[i - 1]
                or not JUMP_LINE.match(lines[i].text)):
            continue
        target = jump_target(lines[i].text)
        j = i + 1
        while j < len(lines) and labels[j] == "furniture" and not JUMP_FROM_OPENING.match(lines[j].text):
            j += 1
        if target is None or target[0] != "on" or j == i + 1 or j == len(lines):
            continue
        source = jump_target(lines[j].text)
        if source is None or source != ("from", target[1] - 1) or not JUMP_FROM_OPENING.match(lines[j].text):
            continue
        if labels[j] not in BODY_LABELS and j + 1 < len(lines):
            j += 1  # the marker is a line of its own: the text goes on in the next one
        if labels[j] in BODY_LABELS:
            labels[i - 1] = _LABEL_OF[(False, BODY_LABELS[labels[i - 1]][1])]
            labels[j] = _LABEL_OF[(BODY_LABELS[labels[j]][0], False)]
    return labels


def _one_label_per_vertical_run(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """Text set vertically, one character a line ("本" / "报" / "记" / "者"),
    is one block: every line of the run takes the label of the line that
    opens it (the features of the whole run are in every line's row), or
    ``byline`` when the run read as one line is a byline ("本报特约记者聂卫平",
    "■新华社记者范世阅", "文/高占祥", "陈志强": :func:`cnpress.bylines.reads_as_byline`).

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(n, c) for n, c in enumerate("本报特约记者聂卫平", 1)])
    >>> _one_label_per_vertical_run(t, ["section"] * 9) == ["byline"] * 9
    True
    """
    label = None
    own = table.own
    for i, facts in enumerate(own):
        if "vrun-first" in facts:
            last = next(k for k in range(i, len(own)) if "vrun-last" in own[k])
            if reads_as_byline("".join(line.text for line in table.lines[i:last + 1])):
                labels[i] = "byline"
            label = labels[i] if labels[i] not in BODY_LABELS else None
        elif label is not None and ("vrun-mid" in facts or "vrun-last" in facts):
            labels[i] = label
        if "vrun-last" in facts or "vrun" not in facts:
            label = None
    return labels


#: The longest line read as an author credit whatever the model says.
CREDIT_LINE_CHARS: Final = 24


#: A label constraint: ``(table, labels, hidden) -> labels`` (see :data:`CONSTRAINTS`).
Constraint = Callable[[FeatureTable, list[str], frozenset[str]], list[str]]


def _whole_lines(test: Callable[[str], object], label: str) -> Constraint:
    """A constraint that gives ``label`` to every line whose text passes
    ``test``, whatever the model read (not in cnpress's own output: there a
    printed line was decided already).

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "渊下转第5版冤"), NLine(2, "正文。")])
    >>> _jump_lines(t, ["title", "end"], _HIDDEN)
    ['furniture', 'end']
    >>> _author_credits(build_table([NLine(1, "文 / 韦启美"), NLine(2, "正文。")]), ["section", "end"], _HIDDEN)
    ['byline', 'end']
    """
    def step(table: FeatureTable, labels: list[str], hidden: frozenset[str]) -> list[str]:
        own = own_lines(table)
        for i, line in enumerate(table.lines):
            if line.no not in own and test(line.text):
                labels[i] = label
        return labels
    return step


#: A whole line that is a jump marker ("（下转第2版）", "渊上接第1版冤") is
#: furniture: no headline or paragraph is only a page reference.
_jump_lines = _whole_lines(JUMP_LINE.match, "furniture")

#: A short line that opens with an author credit (``文 / 韦启美``, ``文/图
#: 张三``: :data:`cnpress.bylines.AUTHOR_CREDIT`, at most
#: :data:`CREDIT_LINE_CHARS` characters) is a byline (49 of 49 such lines
#: on the seeds and pagegen/train are).
_author_credits = _whole_lines(lambda t: len(t) <= CREDIT_LINE_CHARS and AUTHOR_CREDIT.match(t), "byline")


def _closing_mark_opens(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A line that opens with a mark no line can start with (``，``, ``、``,
    ``”``, ``》``, ``）``…: :data:`cnpress.chars.NO_SPACE_BEFORE_CLASS`)
    goes on with the line before it.  After a body line it is body text:
    that line does not end its paragraph, and this one starts no article.
    After a heading or a caption it is more of that heading or caption.
    (On the seeds and pagegen pages no such line follows a paragraph end but
    where an extractor cut an article.  Not in cnpress's own output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "全是针对农村实际的，如农学、水产养殖和“致富"),
    ...                  NLine(2, "”。另外，信阳地委还计划用３年")])
    >>> _closing_mark_opens(t, ["end", "start1"]), _closing_mark_opens(t, ["title", "byline"])
    (['body', 'end'], ['title', 'title'])
    """
    own = own_lines(table)
    lines = table.lines
    for i in range(1, len(lines)):
        if lines[i].text[0] not in NO_SPACE_BEFORE_CLASS or lines[i].no in own:
            continue
        before, label = labels[i - 1], labels[i]
        if before in BODY_LABELS:
            labels[i - 1] = _LABEL_OF[(False, BODY_LABELS[before][1])]
            # A line the model read as a block of its own ends the paragraph.
            labels[i] = _LABEL_OF[(BODY_LABELS[label][0] if label in BODY_LABELS else True, False)]
        elif before in _HEADINGS or before == "caption":
            labels[i] = before
    return labels


#: A full stop with text after it: a heading states, it does not go on
#: after a sentence.  Of the 2,974 headings of the seeds' and pagegen's gold
#: none has a ``。`` before its last character (five have ``？`` or ``！``:
#: ``数据波动怎么解？外部“杂音”怎么看？…``).
_INNER_FULL_STOP: Final = regex.compile(f"。(?=[^\\s{CLOSERS_CLASS}])")


def _sentences_are_body(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A run of lines the model read as one heading whose text goes on after
    a full stop (:data:`_INNER_FULL_STOP`) is body text: prose set in a
    narrow or spaced column can look like a run of short headings.  Its
    lines run on; the last ends its paragraph where it ends a sentence.
    (Not in cnpress's own output, where every line is a block already
    decided.)  Lines with no clause mark that open or close the run stay a
    heading: a headline the model ran into the prose beside it.

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "一方面，美国最初轻视了"), NLine(2, "危机的严重性。在克林顿"),
    ...                  NLine(3, "政府看来，这是小事。")])
    >>> _sentences_are_body(t, ["section"] * 3)
    ['body', 'body', 'end']
    >>> _sentences_are_body(build_table([NLine(1, "美国白宫发言人"), *t.lines, NLine(5, "辞职")]), ["title"] * 5)
    ['title', 'body', 'body', 'end', 'title']
    >>> t = build_table([NLine(1, "数据波动怎么解？外部"), NLine(2, "“杂音”怎么看？"), NLine(3, "正文。")])
    >>> _sentences_are_body(t, ["title", "title", "end"])  # no full stop inside
    ['title', 'title', 'end']
    """
    lines, own = table.lines, own_lines(table)
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and labels[j] == labels[i] and lines[j].no not in own:
            j += 1
        if labels[i] in _HEADINGS and lines[i].no not in own and any(
                _INNER_FULL_STOP.search(lines[k].text) or (k + 1 < j and lines[k].text.endswith("。"))
                for k in range(i, j)):
            first, last = i, j  # a headline above or below the prose keeps its label
            while first < j and not CLAUSE_PUNCT.intersection(lines[first].text):
                first += 1
            while last > first and not CLAUSE_PUNCT.intersection(lines[last - 1].text):
                last -= 1
            for k in range(first, last):
                labels[k] = "body"
            if first < last and ends_sentence(lines[last - 1].text):
                labels[last - 1] = "end"
        i = j
    return labels


def _visible_run_ons(table: FeatureTable, labels: list[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """A body line that stops mid-sentence at the column's width, with the
    next body line visibly going on with it (:func:`cnpress.styles.runs_on`:
    a word read across the break, a mark no line opens with), does not end
    its paragraph, and the next line starts no article; a heading's or a
    caption's line so cut goes on in the next (:data:`_RUNS_ON_AS_IS`).  In
    the gold of the seeds and pagegen train and dev no paragraph ends at such
    a break (0 of 20,225; the extractor's cuts left out).  It is also how a re-read of
    ``clean()`` output tells hard-wrapped text from a block a line
    (:func:`cnpress.styles.detect_styles`): a paragraph ended there would
    be read as wrapped the second time.  (Not in cnpress's own output.)

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "数字化、绿色化也成了重庆小"), NLine(2, "康动力有限公司推进精益化管"),
    ...                  NLine(3, "理，靠的是系统。")])
    >>> _visible_run_ons(t, ["end", "start", "end"])
    ['body', 'body', 'end']
    >>> _visible_run_ons(t, ["title", "byline", "end"])
    ['title', 'title', 'title']
    """
    lines, own = table.lines, own_lines(table)
    for region in table.regions:
        for i in range(region.first, region.last - 1):
            a, b = labels[i], labels[i + 1]
            ends_body = a in BODY_LABELS and BODY_LABELS[a][0] and b in BODY_LABELS
            if (not ends_body and (a not in _RUNS_ON_AS_IS or b == a)) or lines[i].no in own or not runs_on(
                    lines[i].text, lines[i + 1].text, region.column):
                continue
            if ends_body:
                labels[i] = _LABEL_OF[(False, BODY_LABELS[a][1])]
                labels[i + 1] = _LABEL_OF[(BODY_LABELS[b][0], False)]
            elif a in _RUNS_ON_AS_IS:
                labels[i + 1] = a
    return labels


#: The kinds whose line, cut mid-sentence at the column's width and visibly
#: continued, goes on in the next line as more of the same block: in the
#: gold of the seeds and pagegen train and dev, 84 of 84 such heading
#: lines and 194 of 195 caption lines do.  (A byline's wrapped end opens
#: the body line after it: :func:`cnpress.pipeline.byline_tail`.)
_RUNS_ON_AS_IS: Final = frozenset({*_HEADINGS, "caption"})


#: What fixes the model's labels after tagging, in the order applied: each
#: row is a name, what ``cnpress explain`` says when it changed a label,
#: and the function (``(table, labels, hidden) -> labels``; ``hidden``: the
#: labels the rendering options leave out, see :func:`_own_output`).
CONSTRAINTS: Final[tuple[tuple[str, str, Constraint], ...]] = (
    ("sentences-are-body", "a heading does not go on after a full stop: such a run is body text",
     _sentences_are_body),
    ("md-heading", "a Markdown heading mark makes a heading in sparse Markdown", _md_headings),
    ("sentence-end", "a sentence end ends the paragraph where the input style puts paragraph ends "
     "(before a blank line in blank-line-separated text, one paragraph per line, the last line)",
     _sentence_end_paragraphs),
    ("own-output", "in cnpress's own output every line is a block", _own_output),
    ("vertical-run", "text set vertically, one character a line, is one block", _one_label_per_vertical_run),
    ("jump-line", "a whole line that is a jump marker is furniture", _jump_lines),
    ("author-credit", "a short line opening with an author credit (文 / …) is a byline", _author_credits),
    ("continued-from", "a 'continued from' marker starts the continued part of an article", _continued_from),
    ("dateline-opens", "a line opening with a dateline lead-in starts a news item", _dateline_opens),
    ("lead-in-with-text", "a dateline lead-in with the item's text after it starts the item", _lead_in_with_text),
    ("jumped-to-next-page", "an article jumped to the next page runs on across the page break",
     _jumped_to_next_page),
    ("open-bracket", "no paragraph ends inside a bracket the next line closes", _open_bracket),
    ("garbled-attribution-tail", "the end of a garbled bracket alone on a line, after the body line "
     "that opened it, is a byline", _garbled_attribution_tails),
    ("closing-mark", "a line opening with closing punctuation goes on with the line before", _closing_mark_opens),
    ("visible-run-on", "a line cut mid-sentence at the column's width that the next visibly goes on runs on",
     _visible_run_ons),
    ("list-items", "an item of a numbered list after a line closed by ； or 。 starts a paragraph", _list_items),
)


def constrained(table: FeatureTable, labels: Sequence[str],
                hidden: frozenset[str] = _HIDDEN) -> tuple[list[str], list[str | None]]:
    """The labels after every row of :data:`CONSTRAINTS`, and for each line
    the name of the last constraint that changed its label (``None``: the
    model's own).

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "第一段。" * 20), NLine(3, "第二段" * 20)])
    >>> constrained(t, ["body", "body"])
    (['end', 'end'], ['sentence-end', 'own-output'])
    """
    out = list(labels)
    why: list[str | None] = [None] * len(out)
    for name, _, step in CONSTRAINTS:
        before = list(out)
        out = step(table, out, hidden)
        for i, (a, b) in enumerate(zip(before, out, strict=True)):
            if a != b:
                why[i] = name
    return out, why


def constrain(table: FeatureTable, labels: Sequence[str], hidden: frozenset[str] = _HIDDEN) -> list[str]:
    """Apply :data:`CONSTRAINTS` to the model's labels: what an input style
    or the page fixes by definition.

    In cnpress's own ``clean()`` output (style ``+own``) every line is a
    block already decided, which makes ``clean`` idempotent by
    construction; see the functions named in :data:`CONSTRAINTS`.

    >>> from cnpress.features import build_table
    >>> t = build_table([NLine(1, "第一段。" * 20), NLine(3, "第二段" * 20), NLine(5, "·· 3")])
    >>> t.regions[0].style, constrain(t, ["body", "body", "furniture"])
    ('long-line+own', ['end', 'end', 'end'])
    """
    return constrained(table, labels, hidden)[0]


def own_lines(table: FeatureTable) -> frozenset[int]:
    """The lines of regions in cnpress's own ``clean()`` output (style ``+own``):
    their bylines and jump markers were split off already.

    >>> from cnpress.features import build_table
    >>> sorted(own_lines(build_table([NLine(1, "第一段。" * 20), NLine(3, "第二段。" * 20)])))
    [1, 3]
    """
    lines = table.lines
    return frozenset(lines[i].no for region in table.regions if "+own" in region.style
                     for i in range(region.first, region.last))


def block_breaks(table: FeatureTable) -> frozenset[int]:
    """The lines no block runs on past: in cnpress's own output (``+own``),
    every line; elsewhere, the last line of a heading where the rule pass
    saw the next line start a heading of its own (two headlines in a row).

    >>> from cnpress.features import build_table
    >>> sorted(block_breaks(build_table([NLine(1, "第一段。" * 20), NLine(3, "第二段。" * 20)])))
    [1, 3]
    """
    lines = table.lines
    own = own_lines(table)
    heads = table.rules.heading_block
    # Lines of one vertically set run ("吴" / "孟" / "超") are one string
    # however the rule pass grouped them.
    in_run = [bool(_RUN_GOES_ON.intersection(facts)) for facts in table.own]
    apart = {a.no for k, (a, b) in enumerate(itertools.pairwise(lines))
             if a.no in heads and b.no in heads and heads[a.no] != heads[b.no] and not in_run[k + 1]}
    return frozenset(own | apart)


#: The facts of a line that goes on a vertical run begun above it.
_RUN_GOES_ON: Final = frozenset({"vrun-mid", "vrun-last"})


def gold_labels(lines: Sequence[NLine], gold: Mapping[str, Any]) -> list[str]:
    """The label of every line, read off a gold annotation.

    Generated gold marks ends that exist only because the extractor's
    reading order cut an article (``cut_ends``) and fragments that
    ``continue`` another article: on the page those lines run on, so they
    are labelled as running on (the scores leave them out too).

    >>> gold = {"blocks": [{"kind": "title", "lines": [1]}], "paragraph_ends": [4],
    ...         "articles": [{"body_first": 3}]}
    >>> gold_labels([NLine(1, "标题"), NLine(3, "正文"), NLine(4, "完。")], gold)
    ['title', 'start', 'end']
    """
    kind = {n: b["kind"] for b in gold["blocks"] for n in b["lines"]}
    ends = set(gold["paragraph_ends"]) - set(gold.get("cut_ends", ()))
    starts = {a["body_first"] for a in gold["articles"] if a.get("continues") is None}
    out = []
    for line in lines:
        k = kind.get(line.no)
        if k is not None:
            out.append(k)
        elif line.no in starts:
            out.append("start1" if line.no in ends else "start")
        else:
            out.append("end" if line.no in ends else "body")
    return out


#: A page is left out of training when more than this share of its
#: paragraph ends are cut ends: columns interleaved line by line, which no
#: label sequence describes (pagegen drops such pages from dev/ likewise).
MAX_CUT_SHARE: Final = 0.4


def trainable(gold: Mapping[str, Any]) -> bool:
    """Whether a gold page can teach the line model (see :data:`MAX_CUT_SHARE`).

    >>> trainable({"paragraph_ends": [3, 9, 20, 31, 40], "cut_ends": [20]})
    True
    >>> trainable({"paragraph_ends": [1, 2, 3, 4, 5], "cut_ends": [1, 2, 3, 4]})
    False
    """
    cuts = len(gold.get("cut_ends", ()))
    return cuts <= MAX_CUT_SHARE * len(gold.get("paragraph_ends", ()))


class LineModel:
    """A fitted line model: one CRF file, loaded once per process.

    The tagger is opened lazily and is not pickled, so a ``LineModel`` can
    be sent to worker processes.
    """

    def __init__(self, data: bytes, name: str = "<memory>") -> None:
        self._data = data
        self.name = name
        self._tagger: pycrfsuite.Tagger | None = None
        self._weights: dict[tuple[str, str], float] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"_data": self._data, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["_data"], state["name"])  # type: ignore[misc]

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> LineModel:
        """Load a model file written by :func:`train`.

        Raises ``ValueError`` when the file is not a CRF model.
        """
        data = Path(path).read_bytes()
        model = cls(data, str(path))
        try:
            model.tagger()
        except (ValueError, OSError) as e:
            raise ValueError(f"{path}: not a cnpress line model ({e})") from None
        return model

    def tagger(self) -> pycrfsuite.Tagger:
        if self._tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self._data)
            self._tagger = tagger
        return self._tagger

    def labels(self, table: FeatureTable, hidden: frozenset[str] = _HIDDEN) -> list[str]:
        """The most likely label sequence for a table's lines (``hidden``:
        the labels rendering leaves out, see :func:`constrain`)."""
        if not table.rows:
            return []
        return constrain(table, self.tagger().tag(domain_items(table)), hidden)

    def weights(self) -> dict[tuple[str, str], float]:
        """Every state feature's weight: ``(attribute, label) -> weight``."""
        if self._weights is None:
            self._weights = dict(self.tagger().info().state_features)
        return self._weights

    def explain(self, row: Sequence[str], label: str, top: int = 3) -> list[tuple[str, float]]:
        """The attributes of ``row`` that weighed most for ``label``.

        >>> m = load_model()
        >>> [f for f, _ in m.explain(("bias", "old=furniture", "rule=page-number"), "furniture", 1)]
        ['old=furniture']
        """
        w = self.weights()
        scored = [(a, w[(a, label)]) for a in row if (a, label) in w]
        scored.sort(key=lambda t: -t[1])
        return scored[:top]


@dataclass(frozen=True, slots=True)
class Decision:
    """What the model decided for one line, and why.

    ``features`` are the attributes that weighed most for ``label``
    (with their weights); ``probability`` is the label's marginal
    probability given the whole page.
    """

    line: int
    label: str
    probability: float
    features: tuple[tuple[str, float], ...]
    text: str
    #: Why the label is not the model's own, when an input style fixed it
    #: (see :func:`constrain`); ``None`` when it is.
    constraint: str | None = None


def decisions(text: str, model: LineModel | None = None, top: int = 3) -> list[Decision]:
    """Every line's decision on a raw page, with the features behind it.

    >>> d = decisions("·· 10\\n正文。")[0]
    >>> d.line, d.label, d.features[0][0]
    (1, 'furniture', 'old=furniture')
    """
    m = model or load_model()
    lines, origin, _ = reading_order(split_lines(text))  # the order parse reads the lines in
    table = page_table("\n".join(lines) if origin else text)
    if not table.rows:
        return []
    tagger = m.tagger()
    items = domain_items(table)
    raw = tagger.tag(items)  # the tagger's marginals are of this sequence
    labels, changed = constrained(table, raw)
    out = []
    for i, (line, label) in enumerate(zip(table.lines, labels, strict=True)):
        why = _constraint_reason(changed[i])
        no = origin[line.no - 1] if origin else line.no
        out.append(Decision(no, label, tagger.marginal(raw[i], i), tuple(m.explain(items[i], label, top)),
                            line.text, why))
    return out


def _constraint_reason(name: str | None) -> str | None:
    """What ``cnpress explain`` says of the constraint ``name`` that changed a line's label."""
    if name is None:
        return None
    return next(why for n, why, _ in CONSTRAINTS if n == name)


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The model shipped with cnpress (loaded once per process)."""
    data = resources.files("cnpress").joinpath("data", DEFAULT_MODEL).read_bytes()
    return LineModel(data, DEFAULT_MODEL)


def page_table(text: str) -> FeatureTable:
    """The feature table of a raw page."""
    raw = split_lines(text)
    lines, repairs = normalize_lines(raw)
    return build_table(drop_untrusted_marks(lines, repairs), page_starts=page_starts(raw))


def load_pages(paths: Iterable[str | os.PathLike[str]], texts: str | os.PathLike[str] | None = None,
               weight: int = 1) -> list[TrainingPage]:
    """Read annotated pages: gold JSON files (the ``shared/gold/GUIDE.md``
    format), or directories of them, in sorted order.

    A gold file's ``file`` field names its text, looked for in ``texts``
    when given, else in ``../seeds/`` beside the gold file (the pagegen
    layout), else beside it.  Raises ``ValueError`` naming the file when a
    gold file is malformed or its text cannot be found.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    pages = []
    for g in files:
        try:
            gold = json.loads(g.read_text(encoding="utf-8"))
            name = gold["file"]
            for key in ("blocks", "paragraph_ends", "articles"):
                if not isinstance(gold.get(key), list):
                    raise KeyError(key)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{g}: not a gold annotation ({type(e).__name__}: {e})") from None
        candidates = [Path(texts) / name] if texts is not None else [g.parent.parent / "seeds" / name,
                                                                     g.parent / name]
        text_path = next((c for c in candidates if c.is_file()), None)
        if text_path is None:
            raise ValueError(f"{g}: its text {name} is not in {' or '.join(str(c.parent) for c in candidates)}")
        pages.append(TrainingPage(read_text(text_path), gold, weight))
    return pages


#: Crops of each training page, by size in raw lines: a user's input is
#: often a fragment (one paragraph, a few lines), where the page's edges,
#: mastheads and footers are not.
CROP_SIZES: Final = (1, 3, 8)


def crops(text: str, table: FeatureTable, labels: Sequence[str], seed: int) -> list[tuple[str, list[str]]]:
    """Crops of a page for training, with their labels: for each of
    :data:`CROP_SIZES` one window of that many raw lines, placed by a
    generator seeded with ``seed`` (so the same pages give the same crops).

    >>> t = page_table("甲。\\n乙。\\n丙。\\n丁。")
    >>> [(c, ls) for c, ls in crops("甲。\\n乙。\\n丙。\\n丁。", t, ["end"] * 4, 0)][0][1]
    ['end']
    """
    raw = split_lines(text)
    label_of = {line.no: label for line, label in zip(table.lines, labels, strict=True)}
    rng = random.Random(seed)
    out = []
    for size in CROP_SIZES:
        if len(raw) <= size:
            continue
        first = rng.randrange(len(raw) - size)
        window = raw[first:first + size]
        crop_labels = [label_of[no + first] for no, r in enumerate(window, 1) if no + first in label_of]
        if crop_labels:
            out.append(("\n".join(window), crop_labels))
    return out


def train(pages: Iterable[TrainingPage], out: str | os.PathLike[str],
          params: Mapping[str, Any] = TRAIN_PARAMS) -> int:
    """Fit a line model on annotated pages and write it to ``out``.

    The same pages in the same order give the same model, byte for byte.
    The file is written beside ``out`` and renamed into place.  Returns the
    number of line sequences it was fitted on.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for index, page in enumerate(pages):
        # Read in the order parse reads (columns unfolded, interleaving undone);
        # the gold is on raw line numbers.
        ordered, origin, _ = reading_order(split_lines(page.text))
        page_text = "\n".join(ordered) if origin else page.text
        table = page_table(page_text)
        if not table.rows or not trainable(page.gold):
            continue
        raw_lines = [NLine(origin[ln.no - 1], ln.text) for ln in table.lines] if origin else table.lines
        labels = gold_labels(raw_lines, page.gold)
        xs = domain_items(table)
        for _ in range(page.weight):
            trainer.append(xs, labels)
            count += 1
        for text, crop_labels in crops(page_text, table, labels, index):
            crop_table = page_table(text)
            if len(crop_table.rows) == len(crop_labels):
                trainer.append(domain_items(crop_table), crop_labels)
                count += 1
    trainer.set_params(dict(params))
    target = Path(out)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", suffix=".part")
    os.close(fd)
    try:
        trainer.train(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count
