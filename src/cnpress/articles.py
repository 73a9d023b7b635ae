"""Articles: splitting the blocks of a page into articles, in reading order.

Boundaries come from titles and from a table of rules (``BOUNDARY_RULES``):
kickers, start bylines, ``（上接第N版）`` lines, body after an article's
closing attribution, a list item whose predecessor is missing, and the
pieces the layout found broken off (:attr:`cnpress.layout.Layout.starts`).
The rule that fired is kept as :attr:`Article.reason`.  Untitled pieces
that start mid-article are marked ``fragment``.

In layouts where a headline is extracted after its body, a title that
follows an untitled article is attached to it when the title's words are
that article's words (character-bigram overlap), not the next one's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, NamedTuple

import regex

from .chars import CN_NUMERALS, OPENING_BRACKETS
from .classify import BYLINE_LINE
from .furniture import jump_target
from .model import Article, Block, BlockKind, Byline, Placement

__all__ = ["BOUNDARY_RULES", "START_OF_TEXT", "BoundaryRule", "articles_from_starts", "assemble_articles",
           "join_articles"]

_BODY: Final = frozenset({BlockKind.PARAGRAPH, BlockKind.SECTION})
#: How many articles back a late title may reach for its owner.
LATE_TITLE_REACH: Final = 4
#: The :attr:`Article.reason` of an article that no start opens: the text
#: begins inside it.
START_OF_TEXT: Final = "start-of-text"


@dataclass
class _Draft:
    """An article being built (mutable while assembling, frozen at the end)."""

    title: Block | None = None
    subtitle: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    fragment: bool = False
    reason: str = START_OF_TEXT
    has_body: bool = False
    #: Set once a closing attribution or source line has been added.
    closed: bool = False
    _body: str | None = None

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        if block.kind in _BODY:
            self.has_body = True
            self._body = None
        if _closes(block):
            self.closed = True

    @property
    def paragraph_count(self) -> int:
        return sum(b.kind is BlockKind.PARAGRAPH for b in self.blocks)

    @property
    def body(self) -> str:
        """The body text so far (for attaching late titles)."""
        if self._body is None:
            self._body = "".join(b.text for b in self.blocks if b.kind in _BODY)
        return self._body

    def freeze(self) -> Article:
        bylines: tuple[Byline, ...] = tuple(b.byline for b in self.blocks if b.byline is not None)
        sources = [b.text for b in self.blocks if b.kind is BlockKind.SOURCE]
        # A bracketed trailing attribution "（岳炎）" stands in for a source line;
        # a trailing credit "黄华伟 朱佳妮 摄影报道" is only a byline.
        trailing = [b.text for b in self.blocks if b.placement is Placement.TRAILING
                    and b.text[:1] in OPENING_BRACKETS]
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
            fragment=self.title is None and (self.fragment or from_ is not None),
            continues_on=on,
            continued_from=from_,
            reason=self.reason,
        )


def _closes(block: Block) -> bool:
    """Whether a block ends its article: a source line, a bracketed byline
    (``（林伟霞 黄俭）``) or a trailing attribution — but not a photo credit
    (``… 摄``), which can sit mid-article."""
    if block.kind is BlockKind.SOURCE:
        return True
    if block.placement is Placement.TRAILING:
        return not block.text.endswith("摄")
    return block.kind is BlockKind.BYLINE and block.text[:1] in OPENING_BRACKETS


def _bigrams(text: str) -> set[str]:
    """The character bigrams of a heading that are not plain ASCII."""
    return {a + b for a, b in itertools.pairwise(text) if not (a + b).isascii()}


def _overlap(grams: set[str], body: str) -> float:
    """The share of a heading's bigrams found in ``body``."""
    return sum(g in body for g in grams) / len(grams) if grams else 0.0


class _At(NamedTuple):
    """What a boundary rule sees: the block, its neighbours, the article so far."""

    block: Block
    blocks: Sequence[Block]
    i: int
    cur: _Draft
    starts: Mapping[int, str]


#: A list item opening a paragraph, and how its predecessor is written:
#: ``三是`` needs ``二是``, ``第三，`` needs ``第二``, ``其三，`` needs ``其二``.
_LIST_ITEMS: Final = (
    (regex.compile(r"^([二三四五六七八九十])是"), "{}是"),
    (regex.compile(r"^第([二三四五六七八九十])[，、,：:]"), "第{}"),
    (regex.compile(r"^其([二三四五六七八九十])[，、,：:]"), "其{}"),
)
_LIST_FIRST_CHARS: Final = frozenset(CN_NUMERALS[1:] + "第其")


def _list_gap(at: _At) -> bool:
    """A list item whose predecessor is nowhere in the article so far
    (in any of its blocks: a run-in item can sit in a dash line or heading).

    Not when the paragraph before is the first of a piece that continues
    from elsewhere: the missing item may end just before the jump.
    """
    text, cur = at.block.text, at.cur
    if text[:1] not in _LIST_FIRST_CHARS:
        return False
    for pattern, template in _LIST_ITEMS:
        m = pattern.match(text)
        if m is None:
            continue
        previous = template.format(CN_NUMERALS[CN_NUMERALS.index(m.group(1)) - 1])
        if any(previous in b.text for b in cur.blocks):
            return False
        continued = cur.fragment or any(jump_target(b.text) for b in cur.blocks if b.kind is BlockKind.FURNITURE)
        return not (continued and cur.paragraph_count == 1)
    return False


def _jump_from(at: _At) -> bool:
    jump = jump_target(at.block.text)
    return jump is not None and jump[0] == "from"


def _always(_: Block) -> bool:
    return True


def _never(_: Block) -> bool:
    return False


class BoundaryRule(NamedTuple):
    """A place where a new article starts, other than at a title."""

    #: The :attr:`Article.reason` it gives (unless ``from_starts``).
    reason: str
    #: The kinds of block it can fire on.
    kinds: frozenset[BlockKind]
    #: Whether it fires (only tried once the article so far has body text).
    test: Callable[[_At], bool]
    #: Whether the new article, given its first block, is a fragment.
    fragment: Callable[[Block], bool]
    #: Whether the article's reason is the one ``starts`` gives its first line.
    from_starts: bool = False


_K = BlockKind
#: Tried in this order; the first that fires starts the new article.
BOUNDARY_RULES: Final = (
    BoundaryRule("kicker", frozenset({_K.KICKER}), lambda at: True, _never),
    BoundaryRule("byline", frozenset({_K.BYLINE}),
                 lambda at: at.block.reason == BYLINE_LINE and not _closes(at.block) and _starts(at.blocks, at.i),
                 _never),
    BoundaryRule("jump-from", frozenset({_K.FURNITURE}), _jump_from, _always),
    # Body after "…见到实效。（岳炎）" or "（来源：…）": that article is over.  What
    # follows is part of another article if it opens with a section heading;
    # otherwise it may be a whole article whose headline was not found.
    BoundaryRule("after-closing-attribution", _BODY, lambda at: at.cur.closed,
                 lambda b: b.kind is _K.SECTION),
    BoundaryRule("list-gap", frozenset({_K.PARAGRAPH}), _list_gap, _always),
    # Pieces the layout found broken off ("after-jump-break", "jump-continuation").
    BoundaryRule("layout", frozenset({_K.PARAGRAPH}), lambda at: at.block.span[0] in at.starts, _always,
                 from_starts=True),
)
_RULES_FOR: Final = {k: tuple(r for r in BOUNDARY_RULES if k in r.kinds) for k in BlockKind}


def assemble_articles(blocks: Sequence[Block], starts: Mapping[int, str] | None = None) -> list[Article]:
    """Group blocks into articles.

    ``starts`` maps the first line of paragraphs that begin a new piece of
    text to the reason (:attr:`cnpress.layout.Layout.starts`).

    >>> from cnpress.model import Block, BlockKind as K
    >>> arts = assemble_articles([Block(K.TITLE, "标题", (1, 1)), Block(K.PARAGRAPH, "正文。", (2, 2))])
    >>> [(a.title, a.reason, len(a.blocks)) for a in arts]
    [('标题', 'title', 2)]
    >>> arts = assemble_articles([Block(K.PARAGRAPH, "一是扩大内需。", (1, 1)),
    ...                           Block(K.PARAGRAPH, "三是稳定外贸。", (3, 3))])
    >>> [(a.reason, a.fragment) for a in arts]
    [('start-of-text', False), ('list-gap', True)]
    """
    known = starts or {}
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
                new = _Draft(title=block, subtitle=sub, reason="title")
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
        rule = _boundary(_At(block, blocks, i, cur, known)) if cur.has_body else None
        if rule is not None:
            reason = known[block.span[0]] if rule.from_starts else rule.reason
            new = _Draft(fragment=rule.fragment(block), reason=reason)
            new.add(block)
            drafts.append(new)
        else:
            cur.add(block)
        i += 1
    return [d.freeze() for d in drafts if d.blocks]


def _boundary(at: _At) -> BoundaryRule | None:
    """The first boundary rule that fires on ``at.block``, if any."""
    for rule in _RULES_FOR[at.block.kind]:
        if rule.test(at):
            return rule
    return None


def _starts(blocks: Sequence[Block], i: int) -> bool:
    """Whether a byline at ``blocks[i]`` starts an article (body follows it).

    Read by index, not from a slice: a slice would copy the rest of the
    list for every byline (quadratic in the number of blocks).

    >>> K = BlockKind
    >>> bs = [Block(K.BYLINE, "本报记者 齐旭", (1, 1)), Block(K.FURNITURE, "·· 10", (2, 2)),
    ...       Block(K.PARAGRAPH, "正文。", (3, 3))]
    >>> _starts(bs, 0), _starts(bs, 1), _starts(bs[:2], 0)
    (True, True, False)
    """
    for j in range(i + 1, len(blocks)):
        b = blocks[j]
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


#: Blocks that, seen between one article's body and the next article's
#: first body line, belong to the next article (its headline, deck, kicker,
#: byline); the others (a source, a caption, furniture) stay with the one before.
_HEADER_KINDS: Final = frozenset({BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.KICKER, BlockKind.BYLINE})


def articles_from_starts(blocks: Sequence[Block], starts: Mapping[int, str]) -> list[Article]:
    """Group blocks into articles at the given article starts.

    ``starts`` maps the first raw line of every paragraph that opens an
    article to the reason (the model's decision, see :mod:`cnpress.decide`).
    The header blocks (title, subtitle, kicker, a byline that does not close
    the article before) right above that paragraph open the article with it.
    A title with no start after it, set below the body it names (seed 000's
    late headlines), is given to the article before when its words are that
    article's words more than the next one's.

    >>> from cnpress.model import Block, BlockKind as K
    >>> bs = [Block(K.TITLE, "甲", (1, 1)), Block(K.PARAGRAPH, "正文。", (2, 2)),
    ...       Block(K.TITLE, "乙", (3, 3)), Block(K.PARAGRAPH, "又一篇。", (4, 4))]
    >>> [(a.title, a.reason) for a in articles_from_starts(bs, {2: "start", 4: "start"})]
    [('甲', 'start'), ('乙', 'start')]
    """
    drafts: list[_Draft] = [_Draft()]
    pending: list[Block] = []  # blocks since the last body block
    for _i, block in enumerate(blocks):
        if block.kind is not BlockKind.PARAGRAPH:
            pending.append(block)
            continue
        cur = drafts[-1]
        if block.span[0] in starts and (cur.has_body or (not cur.blocks and drafts[:-1])):
            k = len(pending)
            while k and _heads_next(pending[k - 1]):
                k -= 1
            head = pending[k:]
            for b in pending[:k]:
                cur.add(b)
            new = _Draft(reason=starts[block.span[0]])
            for b in head:
                new.add(b)
            drafts.append(new)
        else:
            for b in pending:
                cur.add(b)
            if not cur.has_body and block.span[0] in starts:
                cur.reason = starts[block.span[0]]
        pending = []
        drafts[-1].add(block)
    for b in pending:
        drafts[-1].add(b)
    _move_late_titles(drafts)
    before = drafts[0]
    for d in drafts:
        heads = [b for b in d.blocks if b.kind is BlockKind.TITLE]
        if d.title is None and heads:
            d.title = heads[0]
        if d.title is not None and d.subtitle is None:
            subs = [b for b in d.blocks if b.kind is BlockKind.SUBTITLE]
            d.subtitle = subs[0] if subs else None
        continued = any(b.kind is BlockKind.FURNITURE and (j := jump_target(b.text)) is not None and j[0] == "from"
                        for b in d.blocks)
        # An untitled piece is a fragment of an article from elsewhere when it
        # says so (上接), opens with a section heading, or follows an article that
        # did not close: after "（来源：…）" or "（林伟霞 黄俭）" it is an article
        # whose headline is missing.
        opens_with_section = next((b.kind for b in d.blocks if b.kind in _BODY), None) is BlockKind.SECTION
        d.fragment = d.title is None and (continued or opens_with_section or (
            d is not drafts[0] and not before.closed and not any(b.kind is BlockKind.BYLINE for b in d.blocks)))
        before = d
    return [d.freeze() for d in drafts if d.blocks]


def join_articles(first: Article, then: Article) -> Article:
    """One article from ``first`` and the piece ``then`` that continues it
    (the next chunk of a long text opening inside it, see
    :func:`cnpress.pipeline.parse`): the blocks of both, the first one's
    headline unless it has none, every byline, the first source, the last
    jump markers.

    >>> from cnpress.model import Block, BlockKind as K
    >>> a = Article("标题", blocks=(Block(K.TITLE, "标题", (1, 1)), Block(K.PARAGRAPH, "正文", (2, 2))), reason="title")
    >>> b = Article(None, source="（来源：本报）", blocks=(Block(K.PARAGRAPH, "完。", (3, 3)),), fragment=True)
    >>> j = join_articles(a, b)
    >>> (j.title, j.source, j.reason, j.fragment, [x.span for x in j.blocks])
    ('标题', '（来源：本报）', 'title', False, [(1, 1), (2, 2), (3, 3)])
    """
    titled = first if first.title is not None else then
    continued_from = then.continued_from if then.continued_from is not None else first.continued_from
    return replace(
        first,
        title=titled.title,
        subtitle=titled.subtitle,
        bylines=first.bylines + then.bylines,
        source=first.source if first.source is not None else then.source,
        blocks=first.blocks + then.blocks,
        fragment=titled.title is None and (first.fragment or then.continued_from is not None),
        continues_on=then.continues_on if then.continues_on is not None else first.continues_on,
        continued_from=continued_from,
    )


def _heads_next(block: Block) -> bool:
    """Whether a block between two articles opens the next one: a heading
    (a section heading too: the next piece opens with it), a byline that
    does not close the one before, a ``（上接第N版）`` marker."""
    if block.kind is BlockKind.SECTION:
        return True
    if block.kind is BlockKind.FURNITURE:
        jump = jump_target(block.text)
        return jump is not None and jump[0] == "from"
    return block.kind in _HEADER_KINDS and not _closes(block)


def _move_late_titles(drafts: list[_Draft]) -> None:
    """Give each title set below the body it names (seed 000's layout) to
    that article: an untitled one among the ``LATE_TITLE_REACH`` before,
    when the title's bigrams are found more in its body than in the body of
    the article the title heads now.  A subtitle right under it goes too."""
    for j, d in enumerate(drafts):
        for t in [b for b in d.blocks if b.kind is BlockKind.TITLE]:
            untitled = [e for e in drafts[max(0, j - LATE_TITLE_REACH):j] if e.title is None and e.has_body]
            if not untitled:
                break
            grams = _bigrams(t.text)
            best = max(untitled, key=lambda e: _overlap(grams, e.body))
            score = _overlap(grams, best.body)
            if not (score > 0 and score > _overlap(grams, d.body)):
                continue
            k = d.blocks.index(t)
            moved = d.blocks[k:k + 2] if k + 1 < len(d.blocks) and d.blocks[k + 1].kind is BlockKind.SUBTITLE \
                else [t]
            del d.blocks[k:k + len(moved)]
            best.title = t
            best.blocks.extend(moved)
