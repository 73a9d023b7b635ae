"""Long texts are parsed in chunks (issue 8): ``cnpress.pipeline.CHUNKED_ABOVE``.

The thresholds are lowered with ``monkeypatch`` so that the seed pages, put
one after the other, make a "long" text of several chunks.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cnpress
from cnpress import BlockKind, Document, pipeline
from cnpress.articles import START_OF_TEXT
from cnpress.evaluate import unaccounted
from cnpress.pipeline import chunk_bounds

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
DEV_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "pagegen" / "dev" / "seeds"
# Undo punctuation widening before comparing characters.
_NARROW = str.maketrans("？！，；：（）", "?!,;:()")
#: Small enough that the seed pages make several chunks, large enough to hold a page or two.
_ABOVE, _SIZE = 5_000, 12_000


@cache
def _pages() -> str:
    """Every seed page, a form feed between two (as pdftotext separates pages)."""
    return "\f".join(cnpress.read_text(p) for p in sorted(SEEDS_DIR.glob("*.txt")))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "CHUNKED_ABOVE", _ABOVE)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", _SIZE)


@cache
def _chunked() -> Document:
    with mock.patch.object(pipeline, "CHUNKED_ABOVE", _ABOVE), mock.patch.object(pipeline, "CHUNK_CHARS", _SIZE):
        return cnpress.parse(_pages())


def _chunks(text: str, size: int) -> list[str]:
    return [text[a:b] for a, b in chunk_bounds(text, size)]


# ======================================================================================
# where the text is cut
# ======================================================================================


def test_the_seeds_are_parsed_whole() -> None:
    """Pages below the threshold are parsed as they always were: one chunk."""
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        assert len(cnpress.read_text(path)) <= pipeline.CHUNKED_ABOVE


@pytest.mark.parametrize("path", [*sorted(SEEDS_DIR.glob("*.txt"))[:2], *sorted(DEV_DIR.glob("*.txt"))[:3]],
                         ids=lambda p: p.stem)
def test_a_text_at_the_threshold_is_parsed_whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = cnpress.read_text(path)
    whole = cnpress.parse(text)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 100)
    monkeypatch.setattr(pipeline, "CHUNKED_ABOVE", len(text))
    assert cnpress.parse(text) == whole


def test_cuts_fall_before_page_breaks() -> None:
    text = _pages()
    chunks = _chunks(text, _SIZE)
    assert len(chunks) > 3
    assert "\n".join(chunks) == text
    assert all(len(c) <= _SIZE for c in chunks)
    # Where a page break falls in the second half of a chunk's room, the chunk ends
    # before the line that holds it ("…补助。\f 协会动态", " \f").
    bounds = list(chunk_bounds(text, _SIZE))
    wanted = [b + 1 for a, b in bounds[:-1] if "\f" in text[a + _SIZE // 2:a + _SIZE]]
    assert wanted and all("\f" in text[start:text.index("\n", start)] for start in wanted)


def test_without_page_breaks_cuts_prefer_blank_lines() -> None:
    text = "\n".join(["甲乙丙丁。"] * 7 + [""] + ["戊己庚辛。"] * 7)  # one blank line, at char 42
    # The blank line opens the second chunk.
    assert _chunks(text, 60) == ["\n".join(["甲乙丙丁。"] * 7), "\n" + "\n".join(["戊己庚辛。"] * 7)]
    assert _chunks(text.replace("\n\n", "\n\n\n"), 60)[0].count("\n") == 6
    assert _chunks("甲" * 50 + "\n乙", 10) == ["甲" * 50, "乙"]  # a line longer than a chunk is one chunk


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("甲乙 \n\n\f"), max_size=200), st.integers(1, 40))
def test_chunks_put_back_together_are_the_text(text: str, size: int) -> None:
    bounds = list(chunk_bounds(text, size))
    assert "\n".join(text[a:b] for a, b in bounds) == text
    assert all(a <= b for a, b in bounds)
    for a, b in bounds[:-1]:
        # A chunk longer than ``size`` has no line break to end it sooner.
        assert b - a <= size or "\n" not in text[a:a + size]


# ======================================================================================
# the merged document
# ======================================================================================


def test_blocks_are_those_of_the_chunks_parsed_alone() -> None:
    text = _pages()
    doc = _chunked()
    alone = [b for chunk in _chunks(text, _SIZE) for b in cnpress.parse(chunk).blocks]
    assert [(b.kind, b.text, b.placement) for b in doc.blocks] == [(b.kind, b.text, b.placement) for b in alone]
    # Line numbers count from the start of the whole text.
    offsets = []
    lines_before = 0
    for chunk in _chunks(text, _SIZE):
        offsets += [lines_before] * len(cnpress.parse(chunk).blocks)
        lines_before += chunk.count("\n") + 1
    assert [b.span for b in doc.blocks] == [(b.span[0] + k, b.span[1] + k) for b, k in zip(alone, offsets,
                                                                                          strict=True)]


def test_nothing_is_lost_when_chunked() -> None:
    assert unaccounted(_pages(), _chunked()) == {}


def test_spans_point_at_the_raw_lines_when_chunked() -> None:
    raw = cnpress.split_lines(_pages())
    doc = _chunked()
    bad = []
    for b in doc.blocks:
        first, last = b.span
        if not (1 <= first <= last <= len(raw)) or (min(b.lines), max(b.lines)) != b.span:
            bad.append((b.kind.value, b.span, b.lines))
            continue
        have = Counter(c for c in "".join(raw[n - 1] for n in b.lines).translate(_NARROW) if not c.isspace())
        need = Counter(c for c in b.text.translate(_NARROW) if not c.isspace())
        if b.kind is BlockKind.PARAGRAPH and need - have:
            bad.append((b.kind.value, b.span, dict(need - have)))
    assert bad == []
    assert all(1 <= r.line <= len(raw) for r in doc.repairs)
    assert all(1 <= s.span[0] <= s.span[1] <= len(raw) for s in doc.styles)
    byline_spans = [b.byline.span[0] == b.span[0] for b in doc.blocks if b.byline is not None]
    assert byline_spans and all(byline_spans)


def test_articles_hold_every_block_once_and_join_across_cuts() -> None:
    text = _pages()
    doc = _chunked()
    # The articles share the document's blocks (nothing is held twice).
    held = [id(b) for a in doc.articles for b in a.blocks]
    assert sorted(held) == sorted(id(b) for b in doc.blocks)
    # A chunk that opens inside an article continues it: one article fewer for each.
    pieces = [cnpress.parse(chunk).articles for chunk in _chunks(text, _SIZE)]
    joined = sum(1 for arts in pieces[1:] if arts and arts[0].reason == START_OF_TEXT)
    assert len(doc.articles) == sum(map(len, pieces)) - joined
    assert sum(a.reason == START_OF_TEXT for a in doc.articles) == (pieces[0][0].reason == START_OF_TEXT)


def test_an_article_cut_in_two_is_one_article() -> None:
    body = "\n".join(f"第{n}段，今年以来全省工业经济稳中有进，企业效益持续向好，为全年打下基础。" for n in range(40))
    text = f"浙江工业经济稳中有进\n\n{body}"
    size = 600
    with mock.patch.object(pipeline, "CHUNKED_ABOVE", 500), mock.patch.object(pipeline, "CHUNK_CHARS", size):
        assert len(_chunks(text, size)) > 2
        doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}
    assert len(doc.articles) == 1
    assert doc.articles[0].title == "浙江工业经济稳中有进"
    assert len(doc.articles[0].paragraphs) == len(doc.of_kind(BlockKind.PARAGRAPH))


def test_clean_stays_idempotent_when_chunked(small_chunks: None) -> None:
    once = cnpress.render_text(_chunked())
    assert len(once) > _ABOVE  # its own second pass is chunked too
    assert cnpress.clean(_pages()) == once
    assert cnpress.clean(once) == once


_LINES = st.sampled_from([
    "", "", "\f", "（上接第1版）从政府的角度来看，", "…推动学习教育更加深入、见到实效。（岳炎）",
    "浙江首获中国质量奖", "姻 新华社记者 陈刚", "今年以来全省工业经济稳中有进，企业", "效益持续向好。",
    "·· 10", "潜心 20年的“成果”。这束光，以超高", "（来源：浙江日报）", "一是加强数据挖掘。",
])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=30), st.integers(8, 80))
@example(["甲。", "", "乙。"], 2)
def test_tiny_chunks_lose_nothing(lines: list[str], size: int) -> None:
    text = "\n".join(lines)
    with mock.patch.object(pipeline, "CHUNKED_ABOVE", 4), mock.patch.object(pipeline, "CHUNK_CHARS", size):
        doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}
    n = len(cnpress.split_lines(text))
    assert all(1 <= b.span[0] <= b.span[1] <= n for b in doc.blocks)
    assert sorted(id(b) for a in doc.articles for b in a.blocks) == sorted(id(b) for b in doc.blocks)
