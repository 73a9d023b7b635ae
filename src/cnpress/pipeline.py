"""The pipeline: read → normalise → classify → layout → blocks → articles.

:func:`parse` composes the stages; each stage is a module of its own and can
be called on its own.  :func:`clean` is ``render_text(parse(text))``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Final

import regex

from .articles import START_OF_TEXT, articles_from_starts, assemble_articles, join_articles
from .brackets import has_garbled_font, restore_garbled
from .bylines import (
    LEAD_IN_STARTS,
    TRAILING_ENDS,
    parse_byline,
    restore_brackets,
    restore_inline_brackets,
    split_lead_in,
    split_trailing_attribution,
)
from .chars import EM_DASH, PAGE_BREAK, bracket_balance
from .classify import BLANK, CAPTION_CONTINUED, HEADING, TEXT, LineTag, caption_open, tag_lines
from .columns import to_raw_lines
from .decide import BODY_LABELS as _BODY_LABELS
from .decide import LineModel, block_breaks, load_model, own_lines
from .features import build_table
from .furniture import INLINE_JUMP, restore_jump_brackets
from .headings import HeadingLine, assign_heading_roles, group_headings
from .interleave import reading_order
from .layout import Layout, analyse_layout
from .model import Article, Block, BlockKind, Byline, Document, Options, Placement, Repair, Span, StyleSpan
from .normalize import (
    HEADING_MARK,
    LONG_DASH,
    NLine,
    normalize_lines,
    page_starts,
    strip_heading_mark,
    take_opening_marker,
)
from .reading import split_lines, unify_breaks
from .rejoin import join_lines
from .render import hidden_kinds, printed_parts, render_text
from .spacing import fix_spacing, widen_punctuation
from .styles import FEW_LINES, VERTICAL_CHARS, detect_styles, drop_untrusted_marks

__all__ = [
    "CHUNKED_ABOVE", "CHUNK_CHARS", "build_blocks", "build_labelled_blocks", "chunk_bounds", "clean", "parse",
    "parse_rules", "polish", "rule_blocks", "shift_lines",
]

_DEFAULT = Options()


def polish(text: str, line: int, options: Options, repairs: list[Repair]) -> str:
    """Widen half-width punctuation and repair spacing; log the widening.

    >>> log: list[Repair] = []
    >>> polish("撕开?记者 20 年", 1, Options(), log), log[0].after
    ('撕开？记者20年', '？')
    """
    if options.garbled_brackets == "restore":
        text = restore_garbled(text, line, repairs)
    if options.widen_punct:
        widened = widen_punctuation(text)
        if widened != text:
            repairs.extend(Repair("punct-width", line, a, b) for a, b in zip(text, widened, strict=True) if a != b)
            text = widened
    if options.shorten_dashes and EM_DASH * 3 in text:
        # Lines are shortened one by one; a dash broken by the wrap ("两家—" /
        # "——瑞士") is long again once they are joined.
        repairs.extend(Repair("dash", line, d.group(), EM_DASH * 2) for d in LONG_DASH.finditer(text))
        text = LONG_DASH.sub(EM_DASH * 2, text)
    if options.spacing != "keep" or options.collapse_letter_spacing:
        text = fix_spacing(text, options.spacing, collapse_letter_spacing=options.collapse_letter_spacing)  # type: ignore[arg-type]
    return text


class _Builder:
    """Accumulates blocks in reading order while walking the lines."""

    def __init__(self, options: Options, repairs: list[Repair]) -> None:
        self.options = options
        self.repairs = repairs
        self.blocks: list[tuple[int, int, Block]] = []

    def add(self, block: Block) -> None:
        self.blocks.append((block.span[0], len(self.blocks), block))

    def single(self, kind: BlockKind, line: NLine, reason: str) -> None:
        text = line.text
        byline = None
        if kind is BlockKind.BYLINE:
            restored = restore_brackets(text)
            if restored != text:
                self.repairs.append(Repair("bracket", line.no, text[0], restored[0]))
                self.repairs.append(Repair("bracket", line.no, text[-1], restored[-1]))
                text = restored
            # Polished like any text ("新 华 社 记 者" → "新华社记者"); names stay
            # apart: "新华社记者 陈刚 杨绍功".
            text = polish(text, line.no, self.options, self.repairs)
            byline = parse_byline(text, (line.no, line.no))
        else:
            if kind is BlockKind.FURNITURE:
                text = self.restored(text, line.no)
            text = polish(text, line.no, self.options, self.repairs)
        self.add(Block(kind, text, (line.no, line.no), reason, (line.no,), byline))

    def restored(self, marker: str, line: int) -> str:
        """A jump marker with its garbled brackets restored (``渊下转第3版冤``), logged."""
        fixed = restore_jump_brackets(marker)
        self.repairs.extend(Repair("bracket", line, a, b) for a, b in zip(marker, fixed, strict=True) if a != b)
        return fixed

    def caption(self, clines: Sequence[NLine], reason: str) -> None:
        """A caption from its raw lines (one, or wrapped over several)."""
        first, last = clines[0].no, clines[-1].no
        joined = join_lines([ln.text for ln in clines])
        self.repairs.extend(Repair("dehyphenate", last, d, "") for d in joined.dropped)
        text = polish(joined.text, first, self.options, self.repairs)
        self.add(Block(BlockKind.CAPTION, text, (first, last), reason, tuple(ln.no for ln in clines)))

    def heading(self, group: Sequence[HeadingLine], kind: BlockKind = BlockKind.TITLE) -> None:
        parts = []
        for h in group:
            text = h.line.text
            m = HEADING_MARK.match(text)
            if m:
                self.repairs.append(Repair("markdown-mark", h.line.no, m.group().strip(), ""))
                text = text[m.end():]
            parts.append(text)
        joined = join_lines(parts)
        first, last = group[0].line.no, group[-1].line.no
        self.repairs.extend(Repair("dehyphenate", last, d, "") for d in joined.dropped)
        text = polish(joined.text, first, self.options, self.repairs)
        reason = "+".join(dict.fromkeys(h.reason for h in group))
        self.add(Block(kind, text, (first, last), reason, tuple(h.line.no for h in group)))

    def paragraph(self, plines: Sequence[NLine], reason: str, split_inline: bool = True) -> None:
        """A body paragraph from its raw lines; inline jump markers and
        bylines are split off unless ``split_inline`` is false (cnpress's
        own output, where that was done already)."""
        nos, texts, _ = zip(*plines, strict=True)  # the lines' numbers and texts (markers unused)
        first, last = nos[0], nos[-1]
        if split_inline and len(texts) > 1:
            texts = self.interior_jumps(nos, texts)
        joined = join_lines(texts)
        if joined.dropped:
            self.repairs.extend(Repair("dehyphenate", last, d, "") for d in joined.dropped)
        text = joined.text
        # Where each raw line ends in the joined text (close enough: a join
        # drops a hyphen or adds a space at most).
        ends = list(accumulate(len(t) for t in texts))

        all_nos = nos  # ``nos`` loses the lines a lead-in byline fills; ``ends`` counts them all

        def covering(lo: int, hi: int) -> tuple[int, ...]:
            """The raw lines holding characters ``lo:hi`` of the joined text."""
            return tuple(n for n, end, start in zip(all_nos, ends, [0, *ends[:-1]], strict=True)
                         if start < hi and end > lo) or (first,)

        # Inline furniture and bylines are split off into blocks of their own.
        # (Two markers may stand together: "渊上接第22版） 渊下转第2版冤".)
        split = 0
        while split_inline and "版" in text and (jump := INLINE_JUMP.search(text)) is not None:
            only_marker = jump.group().strip() == text
            if only_marker and not split:
                break  # a paragraph that is one marker: the model's call
            at_end = jump.end() == len(text)
            self.jump_marker(jump.group().strip(), last if at_end else first)
            if only_marker:
                return  # nothing but jump markers
            split += 1
            text = (text[: jump.start()] if at_end else text[jump.end():]).strip()
            if not at_end:
                text = self.reopened(text, first)
        lead = split_lead_in(text) if split_inline and text.startswith(LEAD_IN_STARTS) else None
        if lead:
            held = covering(0, len(lead.lead))
            self.add(self.inline_byline(lead.lead, held, Placement.LEAD_IN))
            text = self.reopened(lead.rest, covering(len(lead.lead), len(lead.lead) + 1)[0])
            # Raw lines the lead fills to their end are the byline's alone
            # ("据新华社华盛顿1月5日电（记者翟景" / "升）过去一年里，…").
            whole = [n for n, end in zip(nos, ends, strict=True) if end <= len(lead.lead)]
            if whole and len(whole) < len(nos):
                nos = nos[len(whole):]
                first = nos[0]
        trailing = split_trailing_attribution(text) if split_inline and text[-1:] in TRAILING_ENDS else None
        if trailing:
            text, attribution = trailing
        text = polish(text, first, self.options, self.repairs)
        self.add(Block(BlockKind.PARAGRAPH, text, (first, last), reason, nos))
        if trailing:
            held = covering(ends[-1] - len(attribution), ends[-1])
            self.add(self.inline_byline(attribution, held, Placement.TRAILING))

    def jump_marker(self, marker: str, line: int) -> None:
        """A jump marker split off a paragraph on raw line ``line``: a furniture block of its own."""
        text = polish(self.restored(marker, line), line, self.options, self.repairs)
        self.add(Block(BlockKind.FURNITURE, text, (line, line), "inline-jump", (line,),
                       placement=Placement.INLINE_JUMP))

    def interior_jumps(self, nos: Sequence[int], texts: Sequence[str]) -> tuple[str, ...]:
        """The raw lines of a paragraph with the jump markers that open a
        line after its first or close a line before its last split off as
        furniture: an article that runs on across a page break carries them
        inside its paragraph (``…每年数十亿`` / ``（上接第2版）美元的经费…``).
        Those at the paragraph's own start and end are split off by
        :meth:`paragraph`."""
        out = list(texts)
        for k, (no, text) in enumerate(zip(nos, texts, strict=True)):
            jump = INLINE_JUMP.search(text) if "版" in text else None
            if jump is None or jump.group().strip() == text:
                continue
            at_end = jump.end() == len(text)
            if (at_end and k == len(texts) - 1) or (not at_end and k == 0):
                continue
            self.jump_marker(jump.group().strip(), no)
            rest = (text[: jump.start()] if at_end else text[jump.end():]).strip()
            out[k] = rest if at_end else self.reopened(rest, no)
        return tuple(out)

    def reopened(self, text: str, line: int) -> str:
        """The rest of a paragraph after a piece split off its start (a jump
        marker, a lead-in byline), without what that piece hid from
        :func:`cnpress.normalize.normalize_line`: a marker glyph or a
        Markdown heading mark that now opens it (``（转第11版）● 人民日报…``),
        both logged on raw line ``line``.  The second pass, seeing them open
        a printed line, would take them off."""
        return strip_heading_mark(take_opening_marker(NLine(line, text), self.repairs), self.repairs).text

    def inline_byline(self, raw: str, held: tuple[int, ...], placement: Placement) -> Block:
        """A byline split off a paragraph (lead-in or trailing attribution),
        its garbled brackets restored (``渊刘全应冤`` → ``（刘全应）``) and logged."""
        text = restore_inline_brackets(raw)
        self.repairs.extend(Repair("bracket", held[0], a, b) for a, b in zip(raw, text, strict=True) if a != b)
        text = polish(text, held[0], self.options, self.repairs)
        span = (held[0], held[-1])
        reason = "inline-lead-in" if placement is Placement.LEAD_IN else "trailing-attribution"
        return Block(BlockKind.BYLINE, text, span, reason, held, parse_byline(text, span), placement)

    def take_attribution_head(self, tail: str) -> str:
        """Take back from the paragraph just built the head of a trailing
        attribution whose end ``tail`` wrapped onto a line of its own
        ("…专项基金。（马" / "利）"): the head is returned (``"（马"``) and
        the paragraph keeps the rest; ``""`` when there is none."""
        if not self.blocks or self.blocks[-1][2].kind is not BlockKind.PARAGRAPH:
            return ""
        k0, k1, b = self.blocks[-1]
        split = split_trailing_attribution(b.text + tail)
        if split is None or not b.text.startswith(split[0]) or len(split[0]) >= len(b.text):
            return ""
        self.blocks[-1] = (k0, k1, replace(b, text=split[0]))
        return b.text[len(split[0]):]

    def result(self) -> list[Block]:
        return [b for _, _, b in sorted(self.blocks, key=lambda t: (t[0], t[1]))]


_TAG_KIND = {k.value: k for k in BlockKind}


def build_blocks(
    lines: Sequence[NLine], tags: Sequence[LineTag], layout: Layout,
    options: Options = _DEFAULT, repairs: list[Repair] | None = None,
) -> list[Block]:
    """Turn tagged lines and layout decisions into blocks in reading order.

    Heading blocks come out as kind ``title``; :func:`assign_heading_roles`
    decides which are sections, subtitles and kickers.
    """
    log: list[Repair] = repairs if repairs is not None else []
    builder = _Builder(options, log)
    para: list[NLine] = []
    heads: list[HeadingLine] = []

    def flush_heads() -> None:
        for group in group_headings(heads):
            builder.heading(group)
        heads.clear()

    caption: list[NLine] = []  # a caption's lines so far ("caption-continued" ones join it)
    caption_reason = ""

    for line, tag in zip(lines, tags, strict=True):
        if tag.kind == BLANK:
            continue
        if caption and tag != CAPTION_CONTINUED:
            builder.caption(caption, caption_reason)
            caption = []
        if tag.kind == "caption":
            if not caption:
                caption_reason = tag.reason
            caption.append(line)
            continue
        role = layout.kind.get(line.no) if tag.kind in (TEXT, "subtitle") else None
        if role == "heading" or tag.kind == HEADING:
            heads.append(HeadingLine(line, layout.reasons.get(line.no, tag.reason),
                                     layout.column.get(line.no, 0.0)))
            continue
        if heads and role != "heading":
            flush_heads()
        if role == "furniture":
            builder.single(BlockKind.FURNITURE, line, layout.reasons.get(line.no, "furniture"))
            continue
        if role == "body":
            para.append(line)
            end = layout.ends.get(line.no)
            if end is not None:
                builder.paragraph(para, end)
                para = []
            continue
        kind = _TAG_KIND.get(tag.kind, BlockKind.PARAGRAPH)
        builder.single(kind, line, tag.reason)
    flush_heads()
    if caption:
        builder.caption(caption, caption_reason)
    if para:
        builder.paragraph(para, "end-of-text")
    return builder.result()


def parse(text: str, options: Options = _DEFAULT, model: LineModel | None = None) -> Document:
    """Parse raw extracted text into a :class:`Document`; never raises on a ``str``.

    Every line's kind, paragraph end and article start are decided by a
    fitted line model (:mod:`cnpress.decide`) over the feature table
    (:mod:`cnpress.features`); ``model`` overrides the shipped one
    (:func:`cnpress.decide.load_model`).  A text that prints as a few lines
    is decided again on those lines as printed where they read otherwise
    (:func:`_settled`): ``clean`` is idempotent.

    A text longer than :data:`CHUNKED_ABOVE` characters is parsed in chunks
    of about :data:`CHUNK_CHARS` (:func:`chunk_bounds`), so that memory stays
    bounded by the chunk, not the text; the chunks' documents are merged
    into one, line numbers counted in the whole text, an article cut in two
    by a chunk boundary joined again (:func:`cnpress.articles.join_articles`).

    >>> doc = parse("有光，才有了人们眼中色彩斑斓的\\n世界。")
    >>> [(b.kind.value, b.text, b.span) for b in doc.blocks]
    [('paragraph', '有光，才有了人们眼中色彩斑斓的世界。', (1, 2))]
    """
    if len(text) > CHUNKED_ABOVE:
        return _parse_chunked(text, options, model)
    return _parse_whole(text, options, model)


def _parse_whole(text: str, options: Options, model: LineModel | None) -> Document:
    """:func:`parse` on the whole text at once."""
    return _settled(_parse_lines(text, options, model), options, model)


#: How many times a rendering is re-read before it is kept as it is.
SETTLE_PASSES: Final = 3
#: A rendering of at most this many lines is always re-read as printed
#: (:func:`_settled`): as few lines as a style region too short to tell
#: cnpress's own output from double-spaced hard-wrapped text
#: (:data:`cnpress.styles.FEW_LINES`).  A longer one is re-read only where
#: it does not read as cnpress's own output (:func:`_reads_as_own`).
SETTLE_LINES: Final = FEW_LINES


def _settled(doc: Document, options: Options, model: LineModel | None) -> Document:
    """``doc``, its printed blocks decided again on their text as printed,
    when that text reads otherwise than the raw lines did.

    ``clean`` prints a block a line with a blank line between: cnpress's
    own output, read back block for block (the ``own`` style of
    :mod:`cnpress.styles`).  Where the printed lines do not read as that
    style (a few lines are too few to tell it from double-spaced
    hard-wrapped text; short lines that fill a narrow column look
    hard-wrapped), reading the output again can decide otherwise than the
    raw lines did: ``高例队`` / ``报`` was a title, ``高例队报`` alone is
    furniture; a paragraph ended on a line the next visibly goes on with
    (``…对使十`` / ``一一，…``) is a hard wrap when read again.  The printed
    lines are what ``clean`` prints and reads back, so their reading is the
    one kept (grafted onto the raw lines, :func:`_grafted`), and ``clean``
    is idempotent by construction: even where a block set aside on the page
    (a jump line) stood between two printed lines that read as one, the
    print cannot show it.  (A lone masthead stays hidden either way: it is
    hidden on its own line too.)

    >>> [(b.kind.value, b.text) for b in parse("# 2").blocks]
    [('furniture', '2')]
    """
    plain = replace(options, convert=None)  # the blocks' own text, not the converted rendering
    for _ in range(SETTLE_PASSES):
        parts = printed_parts(doc.blocks, plain)
        if not parts or (len(parts) > SETTLE_LINES and _reads_as_own(parts, plain)):
            return doc
        printed = render_text(doc, plain)
        again = _parse_lines(printed, plain, model)
        if render_text(again, plain) == printed:
            return doc
        doc = _grafted(doc, parts, again)
    return doc


def _reads_as_own(parts: Sequence[tuple[str, tuple[int, ...]]], options: Options) -> bool:
    """Whether printed ``parts`` (a block a line, a blank line between)
    read as cnpress's own output in every style region."""
    lines = [NLine(2 * k + 1, text) for k, (text, _) in enumerate(parts)]
    return all("+own" in r.style for r in detect_styles(lines, options))


def _block_lines(b: Block) -> Sequence[int]:
    """The raw lines of a block (its span where it names none)."""
    return b.lines or range(b.span[0], b.span[1] + 1)


def _part_of(printed_line: int, parts: int) -> int:
    """The printed part on ``printed_line`` of a rendering of ``parts``
    parts: part ``k`` is printed line ``2k + 1`` (a blank line between)."""
    return min(max(printed_line - 1, 0) // 2, parts - 1)


def _grafted(doc: Document, parts: Sequence[tuple[str, tuple[int, ...]]], again: Document) -> Document:
    """``doc`` with the blocks it prints (``parts``) replaced by ``again``'s
    (a parse of their printed text), each on the raw lines of the printed
    lines it was read from; the blocks ``doc`` sets aside stay as they
    were, and ``again``'s repairs are logged on the first raw line of their
    printed line."""
    raw_lines = [tuple(sorted({n for i in at for n in _block_lines(doc.blocks[i])})) for _, at in parts]

    def on_raw(printed_lines: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted({n for p in printed_lines for n in raw_lines[_part_of(p, len(parts))]}))

    moved = []
    for b in again.blocks:
        lines = on_raw(_block_lines(b))
        span = (lines[0], lines[-1])
        moved.append(replace(b, span=span, lines=lines, byline=b.byline and replace(b.byline, span=span)))
    printed = {i for _, at in parts for i in at}
    kept = [b for i, b in enumerate(doc.blocks) if i not in printed]
    blocks = sorted([*kept, *moved], key=lambda b: b.span[0])  # stable: again's order within a line
    repairs = doc.repairs + tuple(replace(r, line=on_raw([r.line])[0]) for r in again.repairs)
    starts = {on_raw([a.blocks[0].span[0]])[0]: a.reason for a in again.articles if a.reason and a.blocks}
    return replace(doc, blocks=tuple(blocks), articles=tuple(articles_from_starts(blocks, starts)), repairs=repairs)


def _parse_lines(text: str, options: Options, model: LineModel | None) -> Document:
    """:func:`parse` over the raw lines, before a lone printed line is settled."""
    # Side-by-side and interleaved columns are read column by column first.
    raw, origin, order_styles = reading_order(split_lines(text), options.undo_interleaving)
    lines, repairs = normalize_lines(raw, options)
    lines = drop_untrusted_marks(lines, repairs)
    if options.garbled_brackets == "auto":  # decided once for the page
        restore = has_garbled_font(line.text for line in lines)
        options = replace(options, garbled_brackets="restore" if restore else "keep")
    table = build_table(lines, page_starts=page_starts(raw), options=options)
    # What the options leave out of the rendered text: in cnpress's own
    # output such a line was printed, so it re-reads as text (decide.constrain).
    hidden = frozenset(kind.value for kind in hidden_kinds(options))
    labels = (model or load_model()).labels(table, hidden)
    reason_of = {label: f"model:{label}" for label in set(labels)}  # one string a label, not one a line
    reasons = [reason_of[label] for label in labels]
    blocks = build_labelled_blocks(lines, labels, reasons, options, repairs, block_breaks(table), own_lines(table))
    starts = {line.no: "model:start" for line, label in zip(lines, labels, strict=True)
              if label in _BODY_LABELS and _BODY_LABELS[label][1]}
    styles = tuple(StyleSpan(r.style, (lines[r.first].no, lines[r.last - 1].no)) for r in table.regions)
    doc = Document(tuple(blocks), tuple(articles_from_starts(blocks, starts)), tuple(repairs), styles)
    if origin is not None:
        doc = to_raw_lines(doc, origin)
    return replace(doc, styles=doc.styles + order_styles) if order_styles else doc


#: Texts longer than this many characters are parsed in chunks: the
#: feature table and the tagger hold every line of what they are given at
#: once, about 150 bytes for each byte of input (``benchmarks/memory.py``).
CHUNKED_ABOVE: Final = 1 << 20
#: The size, in characters, that a long text's chunks are cut near: a chunk
#: ends between half this and this (at a page break if there is one) and
#: needs some 150 times its size in UTF-8 while it is parsed.
CHUNK_CHARS: Final = 1 << 17


def chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """The ``(start, stop)`` of each chunk of ``text``, cut near every
    ``size`` characters, at a line break: ``text[start:stop]`` are the
    chunks, and the ``"\\n"`` at ``text[stop]`` separates one from the next.

    A chunk ends, by preference, before the line holding a form feed (a
    page break, :data:`cnpress.chars.PAGE_BREAK`: the page begins the next
    chunk), else at two blank lines, then one blank line, then any line
    break; the cut is looked for in the second half of the ``size``
    characters (before them when there is none, after them when a line is
    that long).  Each search is a ``str.rfind`` over at most ``size``
    characters, so the whole is linear in the text.  Line breaks are
    ``"\\n"`` alone (:func:`cnpress.reading.unify_breaks`).

    >>> text = "甲\\n\\f乙\\n丙\\n\\n丁\\n戊"
    >>> [text[a:b] for a, b in chunk_bounds(text, 4)]
    ['甲', '\\x0c乙', '丙\\n', '丁\\n戊']
    >>> [text[a:b] for a, b in chunk_bounds(text, 100)]
    ['甲\\n\\x0c乙\\n丙\\n\\n丁\\n戊']
    """
    start = 0
    while True:
        stop = _cut(text, start, size)
        if stop < 0:
            yield start, len(text)
            return
        yield start, stop
        start = stop + 1


def _cut(text: str, start: int, size: int) -> int:
    """Where the chunk of ``text`` from ``start`` ends (a ``"\\n"``), or -1
    when the rest is one chunk (see :func:`chunk_bounds`).

    >>> _cut("甲乙\\n丙丁\\n\\n戊己", 0, 8), _cut("甲乙\\n丙丁", 0, 8), _cut("甲乙丙丁\\n戊", 0, 2)
    (5, -1, 4)
    """
    if len(text) - start <= size:
        return -1
    lo, hi = start + size // 2, start + size
    feed = text.rfind(PAGE_BREAK, lo, hi)
    if feed >= 0:
        before = text.rfind("\n", start, feed)
        if before >= 0:
            return before
    for gap in ("\n\n\n", "\n\n"):
        at = text.rfind(gap, lo, hi)
        if at >= 0:
            return at
    at = text.rfind("\n", start, hi)
    return at if at >= 0 else text.find("\n", hi)


def _parse_chunked(text: str, options: Options, model: LineModel | None) -> Document:
    """:func:`parse` chunk by chunk (:func:`chunk_bounds`), the chunks'
    documents merged: line numbers shifted to the whole text's, an article
    that a chunk opens inside (no start of its own, reason
    :data:`cnpress.articles.START_OF_TEXT`) joined to the last one before
    (:func:`cnpress.articles.join_articles`), a style region that runs on
    into the next chunk joined to its continuation.  Each chunk is its own
    page for what is decided once a page (``Options.garbled_brackets="auto"``).
    """
    text = unify_breaks(text)
    blocks: list[Block] = []
    articles: list[Article] = []
    repairs: list[Repair] = []
    styles: list[StyleSpan] = []
    offset = 0  # raw lines before the chunk
    for start, stop in chunk_bounds(text, CHUNK_CHARS):
        doc = shift_lines(_parse_whole(text[start:stop], options, model), offset)
        offset += text.count("\n", start, stop) + 1
        blocks += doc.blocks
        repairs += doc.repairs
        pieces = list(doc.articles)
        if articles and pieces and pieces[0].reason == START_OF_TEXT:
            articles[-1] = join_articles(articles[-1], pieces.pop(0))
        articles += pieces
        for style in doc.styles:
            last = styles[-1] if styles else None
            if last is not None and last.style == style.style and last.span[1] + 1 >= style.span[0]:
                styles[-1] = StyleSpan(last.style, (last.span[0], max(last.span[1], style.span[1])))
            else:
                styles.append(style)
    return Document(tuple(blocks), tuple(articles), tuple(repairs), tuple(styles))


def shift_lines(doc: Document, by: int) -> Document:
    """``doc`` with every raw line number ``by`` more: block spans and
    lines, bylines' spans, repairs' lines, style spans (the document of a
    chunk that starts after ``by`` lines of the whole text).  The articles
    keep sharing their blocks with ``doc.blocks``.

    >>> doc = parse("标题\\n\\n正文第一行，\\n第二行。")
    >>> [b.span for b in shift_lines(doc, 10).blocks], shift_lines(doc, 10).articles[0].blocks[1].lines
    ([(11, 11), (13, 14)], (13, 14))
    """
    if not by:
        return doc
    moved: dict[int, int] = {}  # one int object a line number, shared as parse shares them

    def no(n: int) -> int:
        m = moved.get(n)
        if m is None:
            m = moved[n] = n + by
        return m

    def span(s: Span) -> Span:
        return (no(s[0]), no(s[1]))

    def byline(b: Byline | None) -> Byline | None:
        return None if b is None else replace(b, span=span(b.span))

    shifted = {id(b): replace(b, span=span(b.span), lines=tuple(map(no, b.lines)), byline=byline(b.byline))
               for b in doc.blocks}
    bylines = {id(b.byline): shifted[id(b)].byline for b in doc.blocks if b.byline is not None}

    def article(a: Article) -> Article:
        return replace(a, blocks=tuple(shifted.get(id(b)) or replace(b, span=span(b.span)) for b in a.blocks),
                       bylines=tuple(bylines.get(id(x)) or replace(x, span=span(x.span)) for x in a.bylines))

    return replace(
        doc,
        blocks=tuple(shifted[id(b)] for b in doc.blocks),
        articles=tuple(article(a) for a in doc.articles),
        repairs=tuple(replace(r, line=no(r.line)) for r in doc.repairs),
        styles=tuple(replace(s, span=span(s.span)) for s in doc.styles),
    )


def rule_blocks(
    lines: Sequence[NLine], options: Options = _DEFAULT, repairs: list[Repair] | None = None,
) -> tuple[list[LineTag], Layout, list[Block]]:
    """The rule pass of cnpress 0.1 over normalised lines: line rules,
    layout, blocks with their heading roles."""
    tags = tag_lines(lines)
    layout = analyse_layout(lines, tags)
    return tags, layout, assign_heading_roles(build_blocks(lines, tags, layout, options, repairs), layout.reasons)


def parse_rules(text: str, options: Options = _DEFAULT) -> Document:
    """Parse with the hand-written rules of cnpress 0.1 alone (no model).

    Kept as a baseline (``benchmarks/``) and as the source of the rule
    features (:func:`cnpress.features.rule_verdicts`); :func:`parse` is what
    to use.

    >>> [b.kind.value for b in parse_rules("·· 10\\n正文。").blocks]
    ['furniture', 'paragraph']
    """
    lines, repairs = normalize_lines(split_lines(text), options)
    _, layout, blocks = rule_blocks(lines, options, repairs)
    return Document(tuple(blocks), tuple(assemble_articles(blocks, layout.starts)), tuple(repairs))


def clean(text: str, options: Options = _DEFAULT, model: LineModel | None = None) -> str:
    """Clean raw extracted text into readable paragraphs (``render_text(parse(text))``).

    >>> clean("潜心 20年的“成果”。这束光，以超高\\n\\n精度。")
    '潜心20年的“成果”。这束光，以超高精度。\\n'
    """
    return render_text(parse(text, options, model), options)


_HEADING_LABELS: Final = frozenset({"title", "subtitle", "section", "kicker"})
# What a bracket's wrapped end holds before it closes: names and roles, no
# sentence mark and no other bracket.
_NAME_RUN = r"[^，。！？（）()\s]"
# The bracket's close, a garbled 冤 included.
_BRACKET_CLOSE = r"[）)冤]"
# The end of a byline's bracket opening the next line: "升）", "赵秀芳）",
# "文、顾正龙）", "剑杰冤" (a garbled bracket).
_BRACKET_TAIL: Final = regex.compile(rf"^{_NAME_RUN}{{1,16}}{_BRACKET_CLOSE}")
# The end of a bracketed attribution alone on a line: "利）", "卫东）", "冤",
# a dateline's "斯1 月7 日电）" (an extractor's spaces in it).
_ATTRIBUTION_TAIL: Final = regex.compile(rf"(?:{_NAME_RUN}| ){{0,16}}{_BRACKET_CLOSE}")
#: The most characters of a byline that wrap onto the body line after it.
MAX_BYLINE_TAIL: Final = 20


def byline_tail(byline: str, nxt: str) -> int:
    """How many characters opening body line ``nxt`` finish the byline
    line before it (0 when none do): the rest of a dateline lead that
    wrapped ("…新华社记者李佩、本" / "报记者李维平报道：…", read by
    :func:`cnpress.bylines.split_lead_in` across the wrap), or the end of
    the byline's open bracket ("…电（记者刘加" / "文、顾正龙）伊拉克…").
    The rest of ``nxt`` stays body text.

    >>> byline_tail("本报重庆１月９日电新华社记者李佩、本", "报记者李维平报道：“中日长江…")
    9
    >>> byline_tail("新华社巴格达1月29日电（记者刘加", "文、顾正龙）伊拉克总统萨达姆…")
    6
    >>> byline_tail("本报记者 张三", "李四是一位老工人。")
    0
    """
    lead = split_lead_in(byline + nxt)
    if lead is not None and nxt.endswith(lead.rest):
        cut = len(nxt) - len(lead.rest)
        if 0 < cut <= MAX_BYLINE_TAIL:
            return cut
    if bracket_balance(byline) > 0:
        tail = _BRACKET_TAIL.match(nxt)
        if tail and tail.end() < len(nxt):
            return tail.end()
    return 0





def build_labelled_blocks(
    lines: Sequence[NLine], labels: Sequence[str], reasons: Sequence[str],
    options: Options = _DEFAULT, repairs: list[Repair] | None = None, breaks: frozenset[int] = frozenset(),
    settled: frozenset[int] | None = None,
) -> list[Block]:
    """Turn labelled lines (:data:`cnpress.decide.LABELS`) into blocks in reading order.

    A paragraph runs from a body line to the next line labelled ``end`` (or
    up to the next article start), across any heading, caption or furniture
    lines between; consecutive heading lines of one kind are one heading; a
    caption takes the lines after it while its sentence runs on.
    ``reasons[i]`` is kept on the block that line ``i`` opens.  No block
    runs on past a line in ``breaks`` (:func:`cnpress.decide.block_breaks`).
    Nothing is split off a paragraph that opens at a line in ``settled``
    (cnpress's own output, :func:`cnpress.decide.own_lines`, where that was
    done already; by default, the lines in ``breaks``).

    >>> ls = [NLine(1, "标题"), NLine(2, "正文第一"), NLine(3, "行。")]
    >>> [(b.kind.value, b.text) for b in build_labelled_blocks(ls, ["title", "start", "end"], ["", "", ""])]
    [('title', '标题'), ('paragraph', '正文第一行。')]
    """
    settled = breaks if settled is None else settled
    log: list[Repair] = repairs if repairs is not None else []
    # A converter's heading marks are markup, not text: off every line,
    # whatever its block ("## 第2版" set aside as furniture reads "第2版").
    lines = [strip_heading_mark(line, log) for line in lines]
    builder = _Builder(options, log)
    para: list[NLine] = []
    para_reason = ""
    heads: list[HeadingLine] = []
    head_kind = ""
    caption: list[NLine] = []
    caption_reason = ""
    byline: list[NLine] = []

    def flush_heads() -> None:
        nonlocal head_kind
        if heads:
            builder.heading(heads, BlockKind(head_kind))
            heads.clear()
        head_kind = ""

    def flush_caption() -> None:
        if caption:
            builder.caption(caption, caption_reason)
            caption.clear()

    def flush_byline(nxt: NLine | None = None) -> NLine | None:
        """Emit the byline so far; return ``nxt``, less the end of the
        byline's bracket when it opens that body line
        ("…电（记者翟景" / "升）过去一年里，…")."""
        if byline and nxt is not None and byline[-1].no not in breaks:
            cut = byline_tail(byline[-1].text, nxt.text)
            if cut:
                byline.append(NLine(nxt.no, nxt.text[:cut]))
                nxt = NLine(nxt.no, nxt.text[cut:], nxt.marker)
        if byline:
            if len(byline) == 1:
                builder.single(BlockKind.BYLINE, byline[0], reasons_of[byline[0].no])
            else:  # a vertical byline, one character a line: one block
                first, last = byline[0].no, byline[-1].no
                text = "".join(ln.text for ln in byline)
                builder.single(BlockKind.BYLINE, NLine(first, text), reasons_of[first])
                b = builder.blocks[-1]
                builder.blocks[-1] = (b[0], b[1], replace(b[2], span=(first, last),
                                                          lines=tuple(ln.no for ln in byline)))
            byline.clear()
        return nxt

    reasons_of = {line.no: r for line, r in zip(lines, reasons, strict=True)}
    for line, label, reason in zip(lines, labels, reasons, strict=True):
        if label in _BODY_LABELS:
            ends, opens = _BODY_LABELS[label]
            flush_heads()
            flush_caption()
            line = flush_byline(line) or line
            if opens and para:
                builder.paragraph(para, para_reason, para[0].no not in settled)
                para = []
            if not para:
                para_reason = reason
            para.append(line)
            if ends:
                builder.paragraph(para, para_reason, para[0].no not in settled)
                para = []
            continue
        if label in _HEADING_LABELS:
            flush_caption()
            flush_byline()
            if heads and (label != head_kind or heads[-1].line.no in breaks):
                flush_heads()
            heads.append(HeadingLine(line, reason, 0.0))
            head_kind = label
            continue
        flush_heads()
        if label == "caption":
            flush_byline()
            if caption and (not caption_open(caption[-1].text) or caption[-1].no in breaks):
                flush_caption()
            if not caption:
                caption_reason = reason
            caption.append(line)
            continue
        flush_caption()
        if label == "byline":
            if not byline and not para and _ATTRIBUTION_TAIL.fullmatch(line.text):
                # "…专项基金。（马" / "利）": the attribution is one byline, on both lines.
                head = builder.take_attribution_head(line.text)
                if head:
                    byline += [NLine(builder.blocks[-1][2].span[1], head), line]
                    continue
            if byline and (byline[-1].no in breaks
                           or not (len(byline[-1].text) <= VERTICAL_CHARS and len(line.text) <= VERTICAL_CHARS)):
                flush_byline()
            byline.append(line)
            continue
        flush_byline()
        builder.single(BlockKind(label), line, reason)
    flush_heads()
    flush_caption()
    flush_byline()
    if para:
        builder.paragraph(para, para_reason, para[0].no not in settled)
    return builder.result()
