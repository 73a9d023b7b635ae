"""Articles: splitting the blocks of a page into articles, in reading order.

Boundaries come from titles, kickers, start bylines and sources.  In layouts
where a headline is extracted after its body, a title that follows an
untitled article is attached to it when the title's words are that
article's words (character-bigram overlap), not the next one's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from .furniture import jump_target
from .model import Article, Block, BlockKind, Byline

__all__ = ["assemble_articles"]

_BODY: Final = frozenset({BlockKind.PARAGRAPH, BlockKind.SECTION})
#: How many articles back a late title may reach for its owner.
LATE_TITLE_REACH: Final = 4


@dataclass
class _Draft:
    """An article being built (mutable while assembling, frozen at the end)."""

    title: Block | None = None
    subtitle: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    fragment: bool = False
    has_body: bool = False
    _body: str | None = None

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        if block.kind in _BODY:
            self.has_body = True
            self._body = None

    @property
    def body(self) -> str:
        """The body text so far (for attaching late titles)."""
        if self._body is None:
            self._body = "".join(b.text for b in self.blocks if b.kind in _BODY)
        return self._body

    def freeze(self) -> Article:
        bylines: tuple[Byline, ...] = tuple(b.byline for b in self.blocks if b.byline is not None)
        sources = [b.text for b in self.blocks if b.kind is BlockKind.SOURCE]
        trailing = [b.text for b in self.blocks if b.reason == "trailing-attribution"]
        source = sources[0] if sources else (trailing[0] if trailing else None)
        on = from_ = None
        for b in self.blocks:
            if b.kind is BlockKind.FURNITURE:
                jump = jump_target(b.text)
                if jump and jump[0] == "on":
                    on = jump[1]
                elif jump:
                    from_ = jump[1]
        ordered = sorted(self.blocks, key=lambda b: b.span[0])
        return Article(
            title=self.title.text if self.title else None,
            subtitle=self.subtitle.text if self.subtitle else None,
            bylines=bylines,
            source=source,
            blocks=tuple(ordered),
            fragment=self.fragment or (self.title is None and from_ is not None),
            continues_on=on,
            continued_from=from_,
        )


def _bigrams(text: str) -> set[str]:
    """The character bigrams of a heading that are not plain ASCII."""
    return {a + b for a, b in itertools.pairwise(text) if not (a + b).isascii()}


def _overlap(grams: set[str], body: str) -> float:
    """The share of a heading's bigrams found in ``body``."""
    return sum(g in body for g in grams) / len(grams) if grams else 0.0


def assemble_articles(blocks: Sequence[Block]) -> list[Article]:
    """Group blocks into articles.

    >>> from cnpress.model import Block, BlockKind as K
    >>> arts = assemble_articles([Block(K.TITLE, "标题", (1, 1)), Block(K.PARAGRAPH, "正文。", (2, 2))])
    >>> [(a.title, len(a.blocks)) for a in arts]
    [('标题', 2)]
    """
    drafts: list[_Draft] = [_Draft()]
    i = 0
    n = len(blocks)
    while i < n:
        block = blocks[i]
        cur = drafts[-1]
        if block.kind is BlockKind.TITLE:
            # A title and the subtitle right under it.
            sub = blocks[i + 1] if i + 1 < n and blocks[i + 1].kind is BlockKind.SUBTITLE else None
            heading_text = block.text + (sub.text if sub else "")
            late = _late_title_owner(drafts, blocks, i, heading_text)
            if late is not None:
                late.title, late.subtitle = block, sub
                late.add(block)
                if sub:
                    late.add(sub)
            else:
                new = _Draft(title=block, subtitle=sub)
                if cur.has_body or cur.title is not None:
                    drafts.append(new)
                else:  # only kickers/furniture/bylines so far: they belong here
                    new.blocks = cur.blocks
                    drafts[-1] = new
                new.add(block)
                if sub:
                    new.add(sub)
            i += 2 if sub else 1
            continue
        jump = jump_target(block.text) if block.kind is BlockKind.FURNITURE else None
        if block.kind is BlockKind.KICKER and cur.has_body:
            drafts.append(_Draft(blocks=[block]))
        elif block.kind is BlockKind.BYLINE and block.reason == "byline" and cur.has_body and _starts(blocks, i):
            drafts.append(_Draft(blocks=[block]))
        elif jump is not None and jump[0] == "from" and cur.has_body:
            drafts.append(_Draft(blocks=[block], fragment=True))
        else:
            cur.add(block)
        i += 1
    return [d.freeze() for d in drafts if d.blocks]


def _starts(blocks: Sequence[Block], i: int) -> bool:
    """Whether a byline at ``blocks[i]`` starts an article (body follows it)."""
    for b in blocks[i + 1:]:
        if b.kind in (BlockKind.CAPTION, BlockKind.FURNITURE):
            continue
        return b.kind in _BODY
    return False


def _late_title_owner(drafts: list[_Draft], blocks: Sequence[Block], i: int, heading: str) -> _Draft | None:
    """The earlier untitled article a title belongs to, if any.

    A title is "late" when an untitled article with body comes before it and
    the title's bigrams are found more in that article than in what follows.
    """
    untitled = [d for d in drafts[-LATE_TITLE_REACH:] if d.title is None and d.has_body]
    if not untitled:
        return None
    grams = _bigrams(heading)
    after = "".join(b.text for b in blocks[i + 1:i + 16] if b.kind in _BODY)
    best = max(untitled, key=lambda d: _overlap(grams, d.body))
    score = _overlap(grams, best.body)
    return best if score > 0 and score > _overlap(grams, after) else None
