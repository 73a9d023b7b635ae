"""The data model: frozen dataclasses shared by every stage.

A :class:`Document` holds every :class:`Block` in reading order, the
:class:`Article` list built from them, and the :class:`Repair` log of every
character the pipeline changed or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

Span = tuple[int, int]

#: The OpenCC configurations ``Options.convert`` takes (see :mod:`cnpress.convert`).
OPENCC_CONFIGS: Final = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)


class BlockKind(StrEnum):
    """What a block is on the printed page."""

    PARAGRAPH = "paragraph"
    TITLE = "title"
    SUBTITLE = "subtitle"
    SECTION = "section"
    KICKER = "kicker"
    BYLINE = "byline"
    SOURCE = "source"
    CAPTION = "caption"
    FURNITURE = "furniture"

    def __str__(self) -> str:
        return self.value


class Placement(StrEnum):
    """Where a block stood in the input: on lines of its own, or split off a
    body paragraph (and so put back beside it when rendered as text)."""

    LINES = "lines"
    #: A byline opening a paragraph: "本报讯 记者齐旭报道：", "新华社北京1月5日电（记者…）".
    LEAD_IN = "lead-in"
    #: An attribution closing a paragraph: "…见到实效。（跃文）".
    TRAILING = "trailing"
    #: A jump marker inside a paragraph: "…公平参与竞争。（下转第2版）".
    INLINE_JUMP = "inline-jump"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Repair:
    """One documented change to the input's characters.

    ``before`` is what the input had, ``after`` what the output has instead
    (empty when the characters were dropped).  ``line`` is the 1-based raw
    line number.
    """

    kind: str
    line: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Byline:
    """An author line parsed into its parts.

    >>> Byline(agency="新华社", role="记者", names=("陈刚",), raw="新华社记者 陈刚", span=(1, 1)).names
    ('陈刚',)
    """

    agency: str | None
    role: str | None
    names: tuple[str, ...]
    raw: str
    span: Span


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the page: a paragraph, a heading, a byline, furniture, ...

    ``span`` is ``(first_line, last_line)``, 1-based raw input line numbers;
    ``lines`` lists every raw line whose text went into the block.  ``reason``
    says, for display, what decided ``kind`` (``model:<label>``, see
    ``cnpress explain``); ``placement`` says whether the block stood on
    lines of its own or was split off a paragraph.
    """

    kind: BlockKind
    text: str
    span: Span
    reason: str = ""
    lines: tuple[int, ...] = ()
    byline: Byline | None = None
    placement: Placement = Placement.LINES


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its headings, bylines, source and blocks in reading order.

    ``reason`` says why the article starts where it does: ``"title"``,
    ``"kicker"``, ``"byline"``, ``"jump-from"`` (a ``（上接第N版）`` line),
    ``"after-closing-attribution"`` (body after an article's ``（岳炎）`` or
    source line), ``"list-gap"`` (``三是`` with no ``二是`` before it),
    ``"after-jump-break"`` / ``"jump-continuation"`` (see
    :class:`cnpress.layout.Layout`) or ``"start-of-text"``.
    """

    title: str | None
    subtitle: str | None = None
    bylines: tuple[Byline, ...] = ()
    source: str | None = None
    blocks: tuple[Block, ...] = ()
    fragment: bool = False
    continues_on: int | None = None
    continued_from: int | None = None
    reason: str = ""

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """The body paragraphs of the article."""
        return tuple(b for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    @property
    def text(self) -> str:
        """The article's body text, paragraphs separated by a blank line."""
        return "\n\n".join(b.text for b in self.blocks
                           if b.kind in (BlockKind.PARAGRAPH, BlockKind.SECTION))


@dataclass(frozen=True, slots=True)
class StyleSpan:
    """The input style of a run of raw lines (see :mod:`cnpress.styles`):
    ``column+spaced``, ``long-line``, ``column+md``, ...

    >>> StyleSpan("column+spaced", (1, 120)).style
    'column+spaced'
    """

    style: str
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """The result of :func:`cnpress.parse`.

    ``styles`` records the input style found in each region of the input.
    ``encoding`` is the encoding the input was read in (``utf-8``,
    ``gb18030``, ``big5`` …), when the caller knows it: :func:`cnpress.parse`
    is given text, so it leaves ``None``; the command line sets it from
    :func:`cnpress.read_decoded`, and so can any caller:

    >>> import dataclasses
    >>> dataclasses.replace(Document(()), encoding="big5").encoding
    'big5'
    """

    blocks: tuple[Block, ...]
    articles: tuple[Article, ...] = ()
    repairs: tuple[Repair, ...] = ()
    styles: tuple[StyleSpan, ...] = ()
    encoding: str | None = None

    def of_kind(self, kind: BlockKind | str) -> tuple[Block, ...]:
        """Return the blocks of one kind, in reading order."""
        k = BlockKind(kind)
        return tuple(b for b in self.blocks if b.kind is k)


@dataclass(frozen=True, slots=True)
class Options:
    """Every switch of the pipeline, with the defaults a corpus builder wants.

    >>> Options().spacing
    'tight'
    """

    #: ``"tight"`` removes spaces between CJK and Latin/digits; ``"spaced"``
    #: puts exactly one there; ``"keep"`` leaves spacing alone.
    spacing: str = "tight"
    #: Turn half-width ``? ! , ; : ( )`` in Chinese context into full width.
    widen_punct: bool = True
    #: Repair mojibake with ftfy (only lines that look like mojibake).
    fix_mojibake: bool = True
    #: Collapse letter-spaced CJK (``博 士`` → ``博士``), checked with jieba;
    #: and in OCR output with stray spaces between Han characters, close
    #: those in its prose (``制造业高 质量发展`` → ``制造业高质量发展``, logged
    #: as ``ocr-space``: :func:`cnpress.normalize.close_ocr_gaps`).
    collapse_letter_spacing: bool = True
    #: Shorten ``———`` to ``——``.
    shorten_dashes: bool = True
    #: Read columns interleaved line by line column by column
    #: (:mod:`cnpress.interleave`).  Off by default: the stretches are found
    #: and recorded in ``Document.styles`` either way, but undoing them
    #: still costs as much as it gains on the scored pages (docs/structure.md).
    undo_interleaving: bool = False
    #: Garbled brackets (``渊…冤`` for ``（…）``, :mod:`cnpress.brackets`):
    #: ``"auto"`` restores them where the page shows the broken font map,
    #: ``"restore"`` always, ``"keep"`` never.
    garbled_brackets: str = "auto"
    #: In ``render_text``: include bylines, captions and sources.
    render_bylines: bool = True
    render_captions: bool = False
    #: In ``render_text``: include page furniture (off: set aside).
    render_furniture: bool = False
    #: Convert the rendered text with OpenCC: ``"s2t"``, ``"t2s"``, ``"s2tw"``,
    #: … (:data:`OPENCC_CONFIGS`); ``None`` leaves it as it is.  Only the name
    #: is kept here, so Options stay picklable (see :mod:`cnpress.convert`).
    convert: str | None = None

    def __post_init__(self) -> None:
        if self.spacing not in ("tight", "spaced", "keep"):
            raise ValueError(f"Options.spacing must be 'tight', 'spaced' or 'keep', not {self.spacing!r}")
        if self.garbled_brackets not in ("auto", "restore", "keep"):
            raise ValueError("Options.garbled_brackets must be 'auto', 'restore' or 'keep', "
                             f"not {self.garbled_brackets!r}")
        if self.convert is not None and self.convert not in OPENCC_CONFIGS:
            raise ValueError(f"Options.convert must be one of {', '.join(OPENCC_CONFIGS)} or None, "
                             f"not {self.convert!r}")
