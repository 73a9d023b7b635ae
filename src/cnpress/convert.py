"""Simplified/traditional conversion of the output text, through OpenCC.

``Options(convert="s2t")`` (``cnpress clean --convert s2t``) converts what
:func:`cnpress.render_text` and :func:`cnpress.render_markdown` print;
:func:`convert_document` converts a parsed :class:`~cnpress.Document`'s
text (block texts, byline names, article titles and sources) for the JSON
output.  Spans, raw line numbers, ``Byline.raw`` and the repair log are the
input's and are left as they are, so every block can still be traced back
to its raw lines.  :func:`cnpress.parse` itself never converts: the
nothing-lost accounting (:func:`cnpress.evaluate.unaccounted`) holds for the
unconverted Document.

The OpenCC converter is built on first use, once per process and per
configuration (:func:`converter`), and never stored on :class:`Options`,
which stays a small picklable value that worker processes can receive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Final

from .model import OPENCC_CONFIGS, Article, Block, Byline, Document

__all__ = ["CONVERSIONS", "convert_document", "convert_text", "converter"]

#: OpenCC's configurations, by the name of their JSON file: ``s2t``
#: simplified to traditional, ``t2s`` back, ``s2tw``/``s2hk`` to Taiwan/Hong
#: Kong standard characters, ``s2twp`` also with Taiwan's phrases
#: (``鼠标`` → ``滑鼠``), ``t2jp`` to Japanese shinjitai, and the reverses.
CONVERSIONS: Final = OPENCC_CONFIGS


@lru_cache(maxsize=len(CONVERSIONS))
def converter(config: str) -> Callable[[str], str]:
    """The ``convert`` function of an OpenCC converter for ``config`` (one of
    :data:`CONVERSIONS`), built on first use and kept for the process.

    >>> converter("s2t")("汉字")
    '漢字'
    """
    if config not in CONVERSIONS:
        raise ValueError(f"unknown conversion {config!r}: choose one of {', '.join(CONVERSIONS)}")
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC(f"{config}.json").convert
    return convert


def convert_text(text: str, config: str | None) -> str:
    """``text`` converted with OpenCC's ``config``; unchanged when ``config`` is ``None``.

    >>> convert_text("发展软件", "s2t"), convert_text("鼠标软件", "s2twp"), convert_text("正文", None)
    ('發展軟件', '滑鼠軟體', '正文')
    """
    if config is None or not text:
        return text
    return converter(config)(text)


def _byline(b: Byline | None, config: str) -> Byline | None:
    if b is None:
        return None
    names = tuple(convert_text(n, config) for n in b.names)
    return replace(b, agency=b.agency and convert_text(b.agency, config), role=b.role and convert_text(b.role, config),
                   names=names)


def _block(b: Block, config: str, done: dict[int, Block]) -> Block:
    """``b`` with its text converted; one converted copy per block, so the
    articles hold the same objects as the Document's blocks."""
    key = id(b)
    if key not in done:
        done[key] = replace(b, text=convert_text(b.text, config), byline=_byline(b.byline, config))
    return done[key]


def _article(a: Article, config: str, done: dict[int, Block]) -> Article:
    def text(value: str | None) -> str | None:
        return None if value is None else convert_text(value, config)

    bylines = tuple(c for c in (_byline(b, config) for b in a.bylines) if c is not None)
    return replace(a, title=text(a.title), subtitle=text(a.subtitle), source=text(a.source), bylines=bylines,
                   blocks=tuple(_block(b, config, done) for b in a.blocks))


def convert_document(doc: Document, config: str | None) -> Document:
    """``doc`` with its output text converted by OpenCC's ``config``: block
    texts, byline agencies, roles and names, article titles, subtitles and
    sources.  Spans, line numbers, reasons, ``Byline.raw``, repairs and
    styles are unchanged.  ``None`` returns ``doc`` itself.

    >>> from cnpress.model import BlockKind as K
    >>> block = Block(K.PARAGRAPH, "发展软件。", (3, 4), lines=(3, 4))
    >>> new = convert_document(Document((block,), (Article("标题", blocks=(block,)),)), "s2t")
    >>> new.blocks[0].text, new.blocks[0].span, new.blocks[0].lines, new.articles[0].title
    ('發展軟件。', (3, 4), (3, 4), '標題')
    >>> new.articles[0].blocks[0] is new.blocks[0]
    True
    """
    if config is None:
        return doc
    done: dict[int, Block] = {}
    blocks = tuple(_block(b, config, done) for b in doc.blocks)
    return replace(doc, blocks=blocks, articles=tuple(_article(a, config, done) for a in doc.articles))
