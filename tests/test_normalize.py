"""Normalisation of single lines: marker glyphs, dashes, mojibake, NFC, control characters."""

from __future__ import annotations

import unicodedata

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-1252" codec
import pytest

import cnpress
from cnpress import Repair, normalize_line, normalize_lines
from cnpress.evaluate import unaccounted

# --- marker glyphs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "glyph", "marker", "text"),
    [
        ("姻 新华社记者 陈刚 杨绍功 叶昊鸣", "姻", "■", "新华社记者 陈刚 杨绍功 叶昊鸣"),
        (" 姻 新华网 赵秋玥", "姻", "■", "新华网 赵秋玥"),
        ("荫 9月 24日，在日联科技生产车间，技术人员在组装 X射线源。", "荫", "▲",
         "9月 24日，在日联科技生产车间，技术人员在组装 X射线源。"),
        ("■ 新华社记者 吴雨 任军", "■", "■", "新华社记者 吴雨 任军"),
    ],
)
def test_marker_glyph_at_line_start_is_dropped_and_logged(raw: str, glyph: str, marker: str, text: str) -> None:
    line, repairs = normalize_line(7, raw)
    assert line.text == text
    assert line.marker == marker
    assert line.no == 7
    assert Repair("marker-glyph", 7, glyph, "") in repairs


def test_marker_glyph_dropped_through_parse() -> None:
    raw = "姻 新华社记者 陈刚 杨绍功 叶昊鸣\n\n有光，才有了人们眼中色彩斑斓的世界。"
    doc = cnpress.parse(raw)
    assert all("姻" not in b.text for b in doc.blocks)
    assert [(r.kind, r.line, r.before) for r in doc.repairs] == [("marker-glyph", 1, "姻")]
    assert unaccounted(raw, doc) == {}


@pytest.mark.parametrize(
    "raw",
    [
        "他们的婚姻幸福美满。",
        "婚姻法修订后，树荫下的长椅更多了。",
        "姻缘天定，一片绿荫。",  # glyph at line start but part of a word (no space after it)
        "他说，■这是符号。",
    ],
)
def test_glyph_inside_text_is_untouched(raw: str) -> None:
    line, repairs = normalize_line(1, raw)
    assert line.text == raw
    assert line.marker is None
    assert repairs == ()


# --- dashes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "before"),
    [
        ("———“工业医生”日联科技长成记", "——“工业医生”日联科技长成记", "———"),
        ("得到解答———从 X射线的基础理论", "得到解答——从 X射线的基础理论", "———"),
        ("————标题", "——标题", "————"),
    ],
)
def test_long_dash_shortened_and_logged(raw: str, text: str, before: str) -> None:
    line, repairs = normalize_line(3, raw)
    assert line.text == text
    assert repairs == (Repair("dash", 3, before, "——"),)


def test_two_dashes_left_alone() -> None:
    assert normalize_line(1, "——解读前三季度金融数据") == (normalize_line(1, "——解读前三季度金融数据")[0], ())
    assert normalize_line(1, "——解读前三季度金融数据")[0].text == "——解读前三季度金融数据"


def test_dash_shortening_can_be_switched_off() -> None:
    line, repairs = normalize_line(1, "———“工业医生”", cnpress.Options(shorten_dashes=False))
    assert line.text == "———“工业医生”"
    assert repairs == ()


# --- mojibake --------------------------------------------------------------------------

_FULL_WIDTH = "，：（）“”"


def test_ftfy_defaults_would_flatten_full_width_punctuation() -> None:
    # The reason normalize configures ftfy: its defaults turn ，：（）“” into ASCII.
    assert ftfy.fix_text("中文，：（）“”") != "中文，：（）“”"


@pytest.mark.parametrize(
    "original",
    [
        "中文",
        "记者：（中文），“测试",
        "中文，：（）“",
    ],
)
def test_cp1252_mojibake_is_repaired(original: str) -> None:
    garbled = original.encode("utf-8").decode("cp1252")
    line, repairs = normalize_line(1, garbled)
    assert line.text == original
    assert [r.kind for r in repairs] == ["mojibake"]
    assert repairs[0].before == garbled and repairs[0].after == original


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("中文", "latin-1"),
        ("记者来到刘骏的办公室，看到“一本”读本：（高中）。", "latin-1"),
        ("中文，：（）“”", "sloppy-windows-1252"),
        ("中文，：（你好），“测试", "cp1252"),  # 你 becomes "ä½\xa0"
    ],
)
def test_mojibake_with_c1_bytes_is_repaired(original: str, encoding: str) -> None:
    garbled = original.encode("utf-8").decode(encoding)
    line, _ = normalize_line(1, garbled)
    assert line.text == original


def test_mojibake_repair_accounted_for_in_parse() -> None:
    original = "记者：（中文），“测试。"
    garbled = original.encode("utf-8").decode("cp1252")
    doc = cnpress.parse(garbled)
    assert [b.text for b in doc.blocks] == [original]
    assert unaccounted(garbled, doc) == {}


@pytest.mark.parametrize(
    "text",
    [
        "温度达到 25°C，误差±0.5%。",
        "José Martí出席会议。",
        "2×3矩阵，售价¥100元。",
        "有光，才有了人们眼中色彩斑斓的世界。",
        "“点亮”智能检测之光（企业供图）：",
    ],
)
def test_clean_text_is_not_touched_by_mojibake_repair(text: str) -> None:
    line, repairs = normalize_line(1, text)
    assert line.text == text
    assert repairs == ()


def test_mojibake_repair_can_be_switched_off() -> None:
    garbled = "中文".encode().decode("cp1252")
    line, repairs = normalize_line(1, garbled, cnpress.Options(fix_mojibake=False))
    assert line.text == garbled
    assert repairs == ()


# --- NFC ------------------------------------------------------------------------------


def test_nfc_applied_and_logged() -> None:
    decomposed = "Cafe\u0301与咖啡"
    assert not unicodedata.is_normalized("NFC", decomposed)
    line, repairs = normalize_line(2, decomposed)
    assert line.text == "Café与咖啡"
    assert unicodedata.is_normalized("NFC", line.text)
    assert [(r.kind, r.line, r.before, r.after) for r in repairs] == [("nfc", 2, decomposed, "Café与咖啡")]


def test_nfc_through_parse_is_accounted_for() -> None:
    raw = "José Marti\u0301出席会议。"
    doc = cnpress.parse(raw)
    assert doc.blocks[0].text == "José Martí出席会议。"
    assert unaccounted(raw, doc) == {}


# --- control and invisible characters --------------------------------------------------------


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\ufeff"])
def test_control_characters_dropped_and_logged(ch: str) -> None:
    line, repairs = normalize_line(4, f"有光{ch}，才有了世界。")
    assert line.text == "有光，才有了世界。"
    assert repairs == (Repair("control-char", 4, ch, ""),)


def test_control_characters_through_parse() -> None:
    raw = "a\x00b\u200b中文。\n\x07"
    doc = cnpress.parse(raw)
    assert [b.text for b in doc.blocks] == ["ab中文。"]
    assert sorted((r.line, r.before) for r in doc.repairs if r.kind == "control-char") == [
        (1, "\x00"), (1, "\u200b"), (2, "\x07"),
    ]
    assert unaccounted(raw, doc) == {}


def test_odd_spaces_become_plain_spaces_and_indent_is_dropped() -> None:
    assert normalize_line(1, "\u3000\u3000有光，才有了世界。")[0].text == "有光，才有了世界。"
    assert normalize_line(1, "HUI\u00a0JIN\tQIAO")[0].text == "HUI JIN QIAO"


def test_normalize_lines_keeps_raw_line_numbers() -> None:
    lines, repairs = normalize_lines(["", "姻 新华社记者 陈刚", "a\x00b"])
    # blank lines may be left out, but every line keeps its 1-based raw number
    assert [(ln.no, ln.text) for ln in lines if ln.text] == [(2, "新华社记者 陈刚"), (3, "ab")]
    assert [(r.kind, r.line) for r in repairs] == [("marker-glyph", 2), ("control-char", 3)]


# --- issue 8: nothing lost, idempotent -----------------------------------------------


def test_a_word_break_dropped_in_a_heading_is_logged() -> None:
    # The soft hyphen of a heading broken over two lines ("Flow Spe-" / "cialists")
    # was dropped without a Repair.
    from cnpress.normalize import NLine
    from cnpress.pipeline import build_labelled_blocks

    log: list[cnpress.Repair] = []
    lines = [NLine(1, "Flow Spe\u00ad"), NLine(2, "cialists")]
    blocks = build_labelled_blocks(lines, ["title", "title"], ["", ""], repairs=log)
    assert [(b.kind.value, b.text) for b in blocks] == [("title", "Flow Specialists")]
    assert [(r.kind, r.line, r.before, r.after) for r in log] == [("dehyphenate", 2, "\u00ad", "")]


def test_mojibake_behind_a_control_character_is_fixed_in_one_pass() -> None:
    # ftfy ran before the control was dropped: clean gave "Êª", clean again "ʪ".
    once = cnpress.clean("Ê\x1eª")
    assert "\x1e" not in once
    assert cnpress.clean(once) == once


def test_a_combining_mark_opening_a_line_joins_its_letter() -> None:
    # "A" at a line end and its diaeresis on the next line: NFC line by line
    # could not compose them, the join did, and clean of clean changed again.
    text = "xA\n\u0308！次"
    doc = cnpress.parse(text)
    assert "".join(b.text for b in doc.blocks) == "x\u00c4！次"  # Ä composed, nothing else changed
    assert unaccounted(text, doc) == {}
    once = cnpress.clean(text)
    assert cnpress.clean(once) == once


def test_dateline_on_its_own_line_and_a_trailing_attribution() -> None:
    # Found by benchmarks/fuzz.py: parse raised ValueError (zip of line numbers
    # and line ends of different lengths) when a dateline filled its raw line
    # and the paragraph after it closed with an attribution.
    text = "据新华社北京1月11日电（记者张宿堂）\n今年以来各地积极推进经济发展。（跃文）"
    for doc in (cnpress.parse(text), cnpress.parse_rules(text)):
        assert [(b.kind.value, b.text, b.span) for b in doc.blocks] == [
            ("byline", "据新华社北京1月11日电（记者张宿堂）", (1, 1)),
            ("paragraph", "今年以来各地积极推进经济发展。", (2, 2)),
            ("byline", "（跃文）", (2, 2)),
        ]
        assert unaccounted(text, doc) == {}
