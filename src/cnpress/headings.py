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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final, NamedTuple

import regex

from .classify import KICKER_TEXT, MARKDOWN_HEADING, SECTION_NUMBER
from .layout import ABOVE_DECK, DECK, LABEL_AFTER_CLOSE, LEAD_IN, LONG_LINE_EMS, WIDER_THAN_COLUMN
from .model import Block, BlockKind
from .normalize import NLine

__all__ = ["ROLE_RULES", "SECTION_NUMBER", "HeadingLine", "RoleRule", "assign_heading_roles", "group_headings"]

#: The rules that make a heading line a heading of its own, never merged into
#: the heading above it.
_STANDS_ALONE: Final = frozenset({WIDER_THAN_COLUMN, DECK, LABEL_AFTER_CLOSE, ABOVE_DECK})

# A section's lead-in prefix: "促转型：向…", "“点”：关键业务场景…".
_LEAD_IN_PREFIX: Final = regex.compile(r"^[“\"]?[\p{Han}]{1,4}[”\"]?[：:]")

_ARTICLE_END: Final = frozenset({BlockKind.BYLINE, BlockKind.SOURCE})
_HEADINGS: Final = frozenset({BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.KICKER})


class HeadingLine(NamedTuple):
    """A line that layout or a line rule called a heading, the name of that
    rule, and the column width there."""

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
        markdown = h.reason == MARKDOWN_HEADING
        if (
            groups
            and (markdown or h.column <= LONG_LINE_EMS)  # long-line text: one heading per line
            and h.reason not in _STANDS_ALONE
            and groups[-1][-1].reason not in _STANDS_ALONE
            and markdown == (groups[-1][-1].reason == MARKDOWN_HEADING)
            and not SECTION_NUMBER.match(h.line.text)  # "一、趋势概述" starts a heading of its own
        ):
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


@dataclass(frozen=True, slots=True)
class Around:
    """A heading block as the role rules see it: the block, the blocks
    before and after it (roles given so far before, as built after), and
    the names of the rules that made its lines headings."""

    block: Block
    prev: Block | None
    nxt: Block | None
    after: Block | None
    rules: frozenset[str]


def _kind(b: Block | None) -> BlockKind | None:
    return b.kind if b is not None else None


def _label_above_title(a: Around) -> bool:
    """A column label ("会员成果"): one short Han line right above a headline,
    not under another heading or amid body text."""
    return (_kind(a.nxt) is BlockKind.TITLE and KICKER_TEXT.match(a.block.text) is not None
            and len(a.block.lines) == 1 and (a.prev is None or a.prev.kind not in (*_HEADINGS, BlockKind.PARAGRAPH)))


def _after(kind: BlockKind) -> Callable[[Around], bool]:
    """A test: the block before is of ``kind`` (an article's end, furniture)."""
    return lambda a: _kind(a.prev) is kind


class RoleRule(NamedTuple):
    """A rule of heading roles: its name (appended to the block's reason),
    the role it gives, its test, and whether the heading takes in the next
    block (a subhead in two parts)."""

    name: str
    kind: BlockKind
    test: Callable[[Around], bool]
    joins_next: bool = False


#: The role rules, tried in order; the first whose test holds gives the role.
ROLE_RULES: Final[tuple[RoleRule, ...]] = (
    RoleRule("deck-under-title", BlockKind.SUBTITLE, lambda a: DECK in a.rules and _kind(a.prev) is BlockKind.TITLE),
    RoleRule("lead-in", BlockKind.SECTION, lambda a: LEAD_IN in a.rules),
    RoleRule("numbered", BlockKind.SECTION, lambda a: SECTION_NUMBER.match(a.block.text) is not None),
    RoleRule("lead-in-prefix", BlockKind.SECTION,
             lambda a: _LEAD_IN_PREFIX.match(a.block.text) is not None and len(a.block.text) > 6),
    RoleRule("label-above-title", BlockKind.KICKER, _label_above_title),
    RoleRule("followed-by-subtitle", BlockKind.TITLE, lambda a: _kind(a.nxt) is BlockKind.SUBTITLE),
    RoleRule("followed-by-byline", BlockKind.TITLE, lambda a: _kind(a.nxt) is BlockKind.BYLINE),
    RoleRule("first-block", BlockKind.TITLE, lambda a: a.prev is None),
    # "练就独门绝技" / "“百炼钢”化为“绕指柔”" between paragraphs: one subhead in two parts.
    RoleRule("two-line-section", BlockKind.SECTION,
             lambda a: (_kind(a.prev) is BlockKind.PARAGRAPH and _kind(a.nxt) is BlockKind.TITLE
                        and _kind(a.after) is BlockKind.PARAGRAPH), joins_next=True),
    RoleRule("next-to-heading", BlockKind.TITLE,
             lambda a: _kind(a.prev) in _HEADINGS or _kind(a.nxt) is BlockKind.TITLE),
    *(RoleRule(f"after-{k.value}", BlockKind.TITLE, _after(k)) for k in (BlockKind.BYLINE, BlockKind.SOURCE,
                                                                       BlockKind.FURNITURE)),
    RoleRule("three-line-headline", BlockKind.TITLE, lambda a: len(a.block.lines) >= 3),
    RoleRule("between-paragraphs", BlockKind.SECTION, lambda a: True),
)


def _role(around: Around) -> RoleRule:
    """The first role rule that holds for a heading block."""
    return next(rule for rule in ROLE_RULES if rule.test(around))


_NO_RULES: Final[Mapping[int, str]] = MappingProxyType({})


def assign_heading_roles(blocks: Sequence[Block], line_rules: Mapping[int, str] = _NO_RULES) -> list[Block]:
    """Give every heading block (built as ``title``) its role, by the first
    of :data:`ROLE_RULES` that holds; ``line_rules`` names the rule that
    made each raw line a heading (:attr:`cnpress.layout.Layout.reasons`).

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
            rules = frozenset(r for r in map(line_rules.get, block.lines) if r is not None)
            around = Around(block, out[i - 1] if i else None, out[i + 1] if i + 1 < len(out) else None,
                            out[i + 2] if i + 2 < len(out) else None, rules)
            rule = _role(around)
            out[i] = replace(block, kind=rule.kind, reason=f"{block.reason}:{rule.name}")
            if rule.joins_next:
                second = out.pop(i + 1)
                out[i] = replace(out[i], text=f"{block.text} {second.text}", span=(block.span[0], second.span[1]),
                                 lines=block.lines + second.lines)
        i += 1
    return out
