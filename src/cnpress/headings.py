"""Headings: grouping heading lines into blocks and giving each its role.

:func:`group_headings` merges consecutive heading lines into one heading
(``中国兵器北重集团闫炯`` / ``获“中央企业劳动模范”`` / ``称号`` is one title)
unless the next line is a heading of its own (a deck that fills the column,
a headline wider than the column).

:func:`assign_heading_roles` then decides, from the blocks around each
heading, whether it is a ``title``, ``subtitle``, ``section`` or ``kicker``;
the rule that decided is appended to the block's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final, NamedTuple

import regex

from .classify import KICKER_TEXT, SECTION_NUMBER
from .layout import LONG_LINE_EMS
from .model import Block, BlockKind
from .normalize import NLine

__all__ = ["SECTION_NUMBER", "HeadingLine", "assign_heading_roles", "group_headings"]

#: Reasons that make a heading line a heading of its own, never merged into
#: the heading above it.
_STANDS_ALONE: Final = frozenset({"wider-than-column", "full-width-after-heading", "label-after-close", "above-deck"})

# A section's lead-in prefix: "促转型：向…", "“点”：关键业务场景…".
_LEAD_IN_PREFIX: Final = regex.compile(r"^[“\"]?[\p{Han}]{1,4}[”\"]?[：:]")

_ARTICLE_END: Final = frozenset({BlockKind.BYLINE, BlockKind.SOURCE})
_HEADINGS: Final = frozenset({BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.KICKER})


class HeadingLine(NamedTuple):
    """A line that layout or a line rule called a heading, and why."""

    line: NLine
    reason: str
    column: float


def group_headings(heads: Sequence[HeadingLine]) -> list[list[HeadingLine]]:
    """Split a run of consecutive heading lines into headings.

    >>> hs = [HeadingLine(NLine(1, "科技赋能"), "short-unterminated", 20.0),
    ...       HeadingLine(NLine(3, "中医医疗器械"), "short-unterminated", 20.0)]
    >>> [[h.line.text for h in g] for g in group_headings(hs)]
    [['科技赋能', '中医医疗器械']]
    """
    groups: list[list[HeadingLine]] = []
    for h in heads:
        markdown = h.reason.startswith("markdown")
        if (
            groups
            and (markdown or h.column <= LONG_LINE_EMS)  # long-line text: one heading per line
            and h.reason not in _STANDS_ALONE
            and groups[-1][-1].reason not in _STANDS_ALONE
            and h.reason.startswith("markdown") == groups[-1][-1].reason.startswith("markdown")
            and not SECTION_NUMBER.match(h.line.text)  # "一、趋势概述" starts a heading of its own
        ):
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


def _role(blocks: Sequence[Block], i: int) -> tuple[BlockKind, str]:
    """The role of heading block ``blocks[i]`` and the rule that decided it."""
    block = blocks[i]
    prev = blocks[i - 1] if i else None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if "full-width-after-heading" in block.reason and prev is not None and prev.kind is BlockKind.TITLE:
        return BlockKind.SUBTITLE, "deck-under-title"
    if "lead-in" in block.reason:
        return BlockKind.SECTION, "lead-in"
    if SECTION_NUMBER.match(block.text):
        return BlockKind.SECTION, "numbered"
    if _LEAD_IN_PREFIX.match(block.text) and len(block.text) > 6:
        return BlockKind.SECTION, "lead-in-prefix"
    if nxt is not None and nxt.kind in (BlockKind.TITLE, BlockKind.SUBTITLE) and KICKER_TEXT.match(block.text) \
            and len(block.lines) == 1 and (prev is None or prev.kind not in (*_HEADINGS, BlockKind.PARAGRAPH)):
        if nxt.kind is BlockKind.TITLE:
            return BlockKind.KICKER, "label-above-title"
    if nxt is not None and nxt.kind in (BlockKind.SUBTITLE, BlockKind.BYLINE):
        return BlockKind.TITLE, f"followed-by-{nxt.kind.value}"
    if prev is None:
        return BlockKind.TITLE, "first-block"
    after = blocks[i + 2] if i + 2 < len(blocks) else None
    if (prev.kind is BlockKind.PARAGRAPH and nxt is not None and nxt.kind is BlockKind.TITLE
            and after is not None and after.kind is BlockKind.PARAGRAPH):
        return BlockKind.SECTION, "two-line-section"
    if prev.kind in _HEADINGS or (nxt is not None and nxt.kind is BlockKind.TITLE):
        return BlockKind.TITLE, "next-to-heading"
    if prev.kind in _ARTICLE_END or prev.kind is BlockKind.FURNITURE:
        return BlockKind.TITLE, f"after-{prev.kind.value}"
    if len(block.lines) >= 3:
        return BlockKind.TITLE, "three-line-headline"
    return BlockKind.SECTION, "between-paragraphs"


def assign_heading_roles(blocks: Sequence[Block]) -> list[Block]:
    """Give every heading block (built as ``title``) its role.

    >>> from cnpress.model import Block, BlockKind as K
    >>> bs = [Block(K.PARAGRAPH, "前文。", (1, 1)), Block(K.TITLE, "向0.4秒的不懈奔跑", (3, 3)),
    ...       Block(K.PARAGRAPH, "正文。", (5, 5))]
    >>> [b.kind.value for b in assign_heading_roles(bs)]
    ['paragraph', 'section', 'paragraph']
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        block = out[i]
        if block.kind is BlockKind.TITLE:
            kind, why = _role(out, i)
            out[i] = replace(block, kind=kind, reason=f"{block.reason}:{why}")
            if why == "two-line-section":
                # "练就独门绝技" / "“百炼钢”化为“绕指柔”": one subhead in two parts.
                second = out.pop(i + 1)
                out[i] = replace(out[i], text=f"{block.text} {second.text}", span=(block.span[0], second.span[1]),
                                 lines=block.lines + second.lines)
        i += 1
    return out
