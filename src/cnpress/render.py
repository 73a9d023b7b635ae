"""Rendering a Document as plain text, Markdown, JSON or JSONL."""

from __future__ import annotations

import json
from typing import Any, Final

import regex

from .chars import HAN_CLASS
from .convert import convert_text
from .model import Article, Block, BlockKind, Byline, Document, Options, Placement, Repair

__all__ = [
    "hidden_kinds", "printed_parts", "reading_order", "render_markdown", "render_text",
    "to_dict", "to_json", "to_jsonl",
]

_DEFAULT: Final = Options()
_BODY_KINDS: Final = frozenset({BlockKind.PARAGRAPH, BlockKind.SECTION})
_HEAD_KINDS: Final = frozenset({BlockKind.TITLE, BlockKind.SUBTITLE})
#: A lead-in byline ending in one of these is glued to its paragraph with no space.
_GLUED_AFTER: Final = frozenset("：:）)")
_HAN: Final = regex.compile(f"[{HAN_CLASS}]")


def hidden_kinds(options: Options) -> frozenset[BlockKind]:
    """The kinds of block ``options`` leave out of the rendered text.

    Worked out once per rendering: looking a ``BlockKind`` member up on the
    class costs a descriptor call, too much to repeat for every block.

    >>> sorted(kind.value for kind in hidden_kinds(Options()))
    ['caption', 'furniture']
    """
    hidden: set[BlockKind] = set()
    if not options.render_furniture:
        hidden.add(BlockKind.FURNITURE)
    if not options.render_bylines:
        hidden.update((BlockKind.BYLINE, BlockKind.SOURCE))
    if not options.render_captions:
        hidden.add(BlockKind.CAPTION)
    return frozenset(hidden)


def render_text(doc: Document, options: Options = _DEFAULT) -> str:
    """Plain text: one block per line, a blank line between blocks.

    Furniture is left out (set aside in ``doc``), captions too unless
    ``options.render_captions``; ``options.convert`` converts the text
    with OpenCC (:mod:`cnpress.convert`).

    >>> from cnpress.model import Block, BlockKind as K
    >>> render_text(Document((Block(K.TITLE, "标题", (1, 1)), Block(K.PARAGRAPH, "正文。", (2, 3)))))
    '标题\\n\\n正文。\\n'
    """
    # Raw order (not reading_order): clean() must read its own output back the
    # same, and a late headline moved above its byline would not be.
    parts = _glued(doc.blocks, options)
    return convert_text("\n\n".join(parts) + "\n", options.convert) if parts else ""


def reading_order(doc: Document) -> tuple[Block, ...]:
    """The blocks as a reader takes them in: article by article, each
    headline first even where the page put it after the body (seed 000).

    >>> from cnpress.model import Article, Block, BlockKind as K
    >>> body, title = Block(K.PARAGRAPH, "正文。", (1, 1)), Block(K.TITLE, "标题", (3, 3))
    >>> [b.text for b in reading_order(Document((body, title), (Article("标题", blocks=(body, title)),)))]
    ['标题', '正文。']
    """
    if not doc.articles:
        return doc.blocks
    out: list[Block] = []
    for a in doc.articles:
        starts = [b.span[0] for b in a.blocks if b.kind in _BODY_KINDS]
        late = [b for b in a.blocks if starts and b.span[0] > starts[0] and b.kind in _HEAD_KINDS
                and b.text in (a.title, a.subtitle)]
        out += late
        out += [b for b in a.blocks if b not in late]
    return tuple(out)


def _glue(lead: str, text: str) -> str:
    """A lead-in byline put back before its paragraph: a space only between
    two Han characters, as the printed page sets it ("本报讯 工业和信息化部…";
    but "…报道：6月27日", "本报讯6月26日", "…（记者翟景升）过去…").

    >>> _glue("本报讯", "工业和信息化部"), _glue("本报讯", "6月26日"), _glue("", "正文")
    ('本报讯 工业和信息化部', '本报讯6月26日', '正文')
    """
    if not lead or lead[-1] in _GLUED_AFTER or not (_HAN.match(lead[-1]) and _HAN.match(text[:1])):
        return lead + text
    return f"{lead} {text}"


def printed_parts(blocks: tuple[Block, ...], options: Options = _DEFAULT) -> list[tuple[str, tuple[int, ...]]]:
    """What :func:`render_text` prints, part by part (one line each): the
    text, with inline bylines put back where they stood (``本报讯
    记者齐旭报道：6月27日，…``, ``…见到实效。(跃文)``), and the indices of
    the blocks it was made of.

    >>> from cnpress.model import Block, BlockKind as K, Placement
    >>> lead = Block(K.BYLINE, "本报讯", (1, 1), placement=Placement.LEAD_IN)
    >>> printed_parts((Block(K.TITLE, "标题", (1, 1)), lead, Block(K.PARAGRAPH, "正文。", (1, 2))))
    [('标题', (0,)), ('本报讯 正文。', (1, 2))]
    """
    hidden = hidden_kinds(options)
    paragraph = BlockKind.PARAGRAPH  # looked up once, as in hidden_kinds
    parts: list[tuple[str, tuple[int, ...]]] = []
    lead_at: tuple[int, ...]
    lead, lead_at = "", ()  # a lead-in byline waiting for its paragraph, and its index
    for i, b in enumerate(blocks):
        if not b.text:
            continue
        if b.placement is Placement.LEAD_IN:
            if options.render_bylines:
                lead, lead_at = b.text, (i,)
            continue
        if b.placement is Placement.TRAILING and parts and options.render_bylines:
            parts[-1] = (parts[-1][0] + b.text, (*parts[-1][1], i))
            continue
        if b.kind in hidden:
            continue
        parts.append((_glue(lead, b.text), (*lead_at, i)) if b.kind is paragraph else (b.text, (i,)))
        lead, lead_at = "", ()
    return parts


def _glued(blocks: tuple[Block, ...], options: Options) -> list[str]:
    """Block texts to print (:func:`printed_parts`)."""
    return [text for text, _ in printed_parts(blocks, options)]


def render_markdown(doc: Document, options: Options = _DEFAULT) -> str:
    """Markdown: ``#`` titles, ``##`` sections, bylines and sources in italics.

    >>> from cnpress.model import Block, BlockKind as K
    >>> print(render_markdown(Document((Block(K.TITLE, "标题", (1, 1)), Block(K.SECTION, "小节", (2, 2))))), end="")
    # 标题
    <BLANKLINE>
    ## 小节
    """
    prefix = {
        BlockKind.TITLE: "# ",
        BlockKind.SECTION: "## ",
        BlockKind.SUBTITLE: "### ",
    }
    hidden = hidden_kinds(options)
    out = []
    for b in reading_order(doc):
        if b.kind in hidden or not b.text:
            continue
        if b.kind is BlockKind.KICKER:
            out.append(f"**{b.text}**")
        elif b.kind in (BlockKind.BYLINE, BlockKind.SOURCE, BlockKind.CAPTION):
            out.append(f"*{b.text}*")
        else:
            out.append(prefix.get(b.kind, "") + b.text)
    return convert_text("\n\n".join(out) + "\n", options.convert) if out else ""


def _byline_dict(b: Byline) -> dict[str, Any]:
    return {"agency": b.agency, "role": b.role, "names": list(b.names), "raw": b.raw, "span": list(b.span)}


def _block_dict(b: Block) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": b.kind.value, "text": b.text, "span": list(b.span), "reason": b.reason,
                         "lines": list(b.lines)}
    if b.placement is not Placement.LINES:
        d["placement"] = b.placement.value
    if b.byline is not None:
        d["byline"] = _byline_dict(b.byline)
    return d


def _repair_dict(r: Repair) -> dict[str, Any]:
    return {"kind": r.kind, "line": r.line, "before": r.before, "after": r.after}


def _article_dict(a: Article) -> dict[str, Any]:
    return {
        "title": a.title,
        "subtitle": a.subtitle,
        "bylines": [_byline_dict(b) for b in a.bylines],
        "source": a.source,
        "fragment": a.fragment,
        "continues_on": a.continues_on,
        "continued_from": a.continued_from,
        "reason": a.reason,
        "text": a.text,
        "spans": [list(b.span) for b in a.blocks],
        "blocks": [_block_dict(b) for b in a.blocks],
    }


def to_dict(doc: Document) -> dict[str, Any]:
    """The whole Document as plain data (JSON-ready), spans included, and
    the encoding the input was read in (``None`` when not known).

    >>> import dataclasses
    >>> d = to_dict(dataclasses.replace(Document((Block(BlockKind.PARAGRAPH, "正文。", (1, 1)),)), encoding="big5"))
    >>> d["encoding"], d["blocks"][0]["text"]
    ('big5', '正文。')
    """
    return {
        "encoding": doc.encoding,
        "blocks": [_block_dict(b) for b in doc.blocks],
        "articles": [_article_dict(a) for a in doc.articles],
        "repairs": [_repair_dict(r) for r in doc.repairs],
        "styles": [{"style": s.style, "span": list(s.span)} for s in doc.styles],
    }


def to_json(doc: Document, indent: int | None = 2) -> str:
    """The whole Document as JSON text."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


def to_jsonl(doc: Document) -> str:
    """One JSON object per article per line: title, bylines, source, text, spans.

    >>> from cnpress.model import Block, BlockKind as K
    >>> row = json.loads(to_jsonl(Document((), (Article("标题", blocks=(Block(K.PARAGRAPH, "正文。", (2, 3)),)),))))
    >>> row["title"], row["text"], row["spans"]
    ('标题', '正文。', [[2, 3]])
    """
    rows = []
    for a in doc.articles:
        d = _article_dict(a)
        del d["blocks"]
        rows.append(json.dumps(d, ensure_ascii=False))
    return "\n".join(rows) + "\n" if rows else ""
