"""Side-by-side columns (``pdftotext -layout``): read column by column, spans on the raw lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import cnpress
from cnpress.columns import SIDE_BY_SIDE, pieces, unfold
from cnpress.evaluate import unaccounted
from cnpress.reading import read_text, split_lines

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "pagegen" / "dev" / "seeds"

# Two real paragraphs (人民日报, January 1998), wrapped at 18 characters.
LEFT = ("尉健行说，中奥两国自1971年建交以来，政治、经济关系总的来说是好的。"
        "两国领导人经常互访，经济合作关系不断发展。")
RIGHT = ("科尔说：“中国改革开放所取得的成就和人民生活水平的提高给我们留下了深刻的印象。”"
         "他表示，奥地利将致力于推动奥中和欧中关系的不断发展。")


def wrap(text: str, width: int = 18) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def side_by_side(left: list[str], right: list[str], at: int = 26) -> list[str]:
    """Lines as ``pdftotext -layout`` sets two columns: the right one at character ``at``."""
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return [(a.ljust(at) + b).rstrip() if b else a for a, b in zip(left, right, strict=True)]


def test_two_columns_read_left_then_right() -> None:
    text = "\n".join(side_by_side(wrap(LEFT), wrap(RIGHT))) + "\n"
    doc = cnpress.parse(text)
    paragraphs = [b for b in doc.blocks if b.kind is cnpress.BlockKind.PARAGRAPH]
    assert [b.text for b in paragraphs] == [LEFT, RIGHT]
    # Both columns stand on the same raw lines, from line 1 down.
    assert paragraphs[0].span == (1, 4)
    assert paragraphs[1].span == (1, len(wrap(RIGHT)))
    assert any(s.style == SIDE_BY_SIDE for s in doc.styles)
    assert unaccounted(text, doc) == {}


def test_spans_point_at_the_lines_holding_the_text() -> None:
    raw = side_by_side(wrap(LEFT), wrap(RIGHT))
    doc = cnpress.parse("\n".join(raw))
    for block in doc.blocks:
        held = "".join(raw[n - 1] for n in block.lines).replace(" ", "")
        assert all(c in held for c in block.text.replace(" ", "")), block


def test_a_headline_across_the_columns_closes_the_band_above() -> None:
    title = "奥 地 利 客 人 访 华 中 奥 关 系 前 景 广 阔"  # letter-spaced, over both columns
    raw = [*side_by_side(wrap(LEFT[:36]), wrap(RIGHT[:36])), "", "     " + title, "",
           *side_by_side(wrap(LEFT[36:]), wrap(RIGHT[36:]))]
    unfolded = unfold(raw)
    assert unfolded is not None
    order = "".join(unfolded.lines).replace(" ", "")
    # Above the headline: left column, then right; the headline; then below it, left, then right.
    assert order == LEFT[:36] + RIGHT[:36] + title.replace(" ", "") + LEFT[36:] + RIGHT[36:]


def test_form_feed_stays_at_the_front_of_its_page() -> None:
    page = side_by_side(wrap(LEFT), wrap(RIGHT))
    raw = [*page, "\f" + page[0], *page[1:]]
    unfolded = unfold(raw)
    assert unfolded is not None
    assert unfolded.pages == ((1, len(page)), (len(page) + 1, 2 * len(page)))
    assert [line for line in unfolded.lines if "\f" in line] == ["\f" + wrap(LEFT)[0]]


def test_letter_spaced_text_is_one_piece() -> None:
    assert [p.text for p in pieces("本   报   记   者   鄢   光   华")] == ["本   报   记   者   鄢   光   华"]


@pytest.mark.parametrize("lines", [
    # one column, first-line indents and a right-aligned running head
    ["第7版                    专题报道           1998 年 1 月 27 日",
     "    " + LEFT[:30], LEFT[30:], "    " + RIGHT[:30], RIGHT[30:60], RIGHT[60:]],
    # a table: short cells in aligned columns
    [f"{a}      {b}      {c}" for a, b, c in [("船名", "航次", "到港"), ("远洋一号", "12", "1月5日"),
                                            ("东方红", "7", "1月6日"), ("长江号", "3", "1月7日"),
                                            ("黄河号", "9", "1月8日"), ("珠江号", "4", "1月9日")]],
])
def test_text_not_set_side_by_side_is_left_alone(lines: list[str]) -> None:
    assert unfold(lines) is None


def test_no_seed_or_dev_page_is_unfolded() -> None:
    """The seeds and the one-column ``pdftotext -layout`` pages of pagegen/dev
    are not side by side: their reading is unchanged."""
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted(DEV.glob("*__pdftotext-layout.txt"))
    if not paths:
        pytest.skip("../shared is not beside the repository")
    assert [p.name for p in paths if unfold(split_lines(read_text(p))) is not None] == []


def test_clean_of_side_by_side_text_is_idempotent() -> None:
    text = "\n".join(side_by_side(wrap(LEFT), wrap(RIGHT)))
    once = cnpress.clean(text)
    assert once == LEFT + "\n\n" + RIGHT + "\n"
    assert cnpress.clean(once) == once
