"""Rejoining wrapped lines: join_lines on its own and paragraphs through parse/clean."""

from __future__ import annotations

import pytest

import cnpress
from cnpress import BlockKind, join_lines

# --- join_lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "wanted"),
    [
        (["日联科", "技"], "日联科技"),
        (["这束光，是长三角制造业重镇无锡的一", "家科创企业"], "这束光，是长三角制造业重镇无锡的一家科创企业"),
        (["占比达", "20%，其中"], "占比达20%，其中"),
        (["中控技术5S店指的是Sales（销售）、", "Spare parts（备品备件）"],
         "中控技术5S店指的是Sales（销售）、Spare parts（备品备件）"),
    ],
)
def test_cjk_wraps_join_without_space(parts: list[str], wanted: str) -> None:
    assert join_lines(parts).text == wanted


@pytest.mark.parametrize(
    ("parts", "wanted"),
    [
        (["HUI JIN", "QIAO 299"], "HUI JIN QIAO 299"),
        (["NAMUR董事会主席Felix", "Hanisch博士"], "NAMUR董事会主席Felix Hanisch博士"),
        (["Study On the", "Influence Factors"], "Study On the Influence Factors"),
        (["WHSU2205623,", "WHSU2931570"], "WHSU2205623, WHSU2931570"),
    ],
)
def test_latin_wraps_join_with_one_space(parts: list[str], wanted: str) -> None:
    assert join_lines(parts).text == wanted


@pytest.mark.parametrize("breaker", ["\u2043", "\u00ad", "\u2010"])
def test_word_broken_by_break_character_is_rejoined(breaker: str) -> None:
    joined = join_lines([f"Service（服务）、Spe{breaker}", "cialists（专家）"])
    assert joined.text == "Service（服务）、Specialists（专家）"
    assert joined.dropped == (breaker,)


def test_several_broken_words_in_one_paragraph() -> None:
    parts = [
        "作题为“Study On the In\u2043",
        "fluence Factors of On-line Measurement Accu\u2043",
        "racy of Portable Clamp-on Ultrasonic Flowme\u2043",
        "ters”论文报告。",
    ]
    joined = join_lines(parts)
    assert joined.text == (
        "作题为“Study On the Influence Factors of On-line Measurement Accuracy"
        " of Portable Clamp-on Ultrasonic Flowmeters”论文报告。"
    )
    assert joined.dropped == ("\u2043",) * 3


@pytest.mark.parametrize(
    ("parts", "wanted"),
    [
        (["（2021-", "2025年）"], "（2021-2025年）"),
        (["攻坚行动实施方案（2021-", "2023）》（征求意见稿）"], "攻坚行动实施方案（2021-2023）》（征求意见稿）"),
        (["标志着运达公司首台WD156-", "3300（1140v）机组并网成功。"],
         "标志着运达公司首台WD156-3300（1140v）机组并网成功。"),
        (["data-", "driven"], "data-driven"),
    ],
)
def test_real_hyphen_at_line_end_is_kept_without_space(parts: list[str], wanted: str) -> None:
    joined = join_lines(parts)
    assert joined.text == wanted
    assert joined.dropped == ()


def test_number_broken_at_line_end_joins_without_space() -> None:
    assert join_lines(["实现营收3.33亿元，同比增长21.", "01%。"]).text == "实现营收3.33亿元，同比增长21.01%。"


def test_single_line_is_unchanged() -> None:
    assert join_lines(["有光，才有了人们眼中色彩斑斓的世界。"]).text == "有光，才有了人们眼中色彩斑斓的世界。"


# --- through clean() ----------------------------------------------------------------


def test_clean_joins_cjk_wrap() -> None:
    assert cnpress.clean("从零起步，深耕工业 X射线领域。无锡日\n联科技股份有限公司成立。") == (
        "从零起步，深耕工业X射线领域。无锡日联科技股份有限公司成立。\n"
    )


def test_clean_dehyphenates_and_logs_the_dropped_character() -> None:
    raw = "Spare parts（备品备件）、Service（服务）、Spe⁃\ncialists（专家）、Solutions（解决方案），目前覆盖全国。"
    doc = cnpress.parse(raw)
    assert [b.text for b in doc.blocks] == [
        "Spare parts（备品备件）、Service（服务）、Specialists（专家）、Solutions（解决方案），目前覆盖全国。"
    ]
    assert [(r.kind, r.before, r.after) for r in doc.repairs] == [("dehyphenate", "⁃", "")]


def test_clean_keeps_real_hyphen_across_wrap() -> None:
    raw = "讨论我局起草的《温州市攻坚行动实施方案（2021-\n2023）》（征求意见稿），并明确 9月 20日前召开大会。"
    assert cnpress.clean(raw) == (
        "讨论我局起草的《温州市攻坚行动实施方案（2021-2023）》（征求意见稿），并明确9月20日前召开大会。\n"
    )


def test_clean_latin_name_across_wrap() -> None:
    raw = (
        "会议期间，NAMUR和中控技术联合举办了媒体见面会，NAMUR 董事会主席 Felix\n"
        "Hanisch 博 士 、Tobias Schlichtmann 先 生 、NAMUR总经理出席。"
    )
    assert cnpress.clean(raw) == (
        "会议期间，NAMUR和中控技术联合举办了媒体见面会，"
        "NAMUR董事会主席Felix Hanisch博士、Tobias Schlichtmann先生、NAMUR总经理出席。\n"
    )


# --- a narrow newspaper column ----------------------------------------------------------

_PARAS = (
    "这束光，是长三角制造业重镇无锡的一家科创企业潜心二十年的成果。这束光，以超高精度、"
    "超高效率，让芯片内的气泡、整车铸件的缺陷、食品里的异物无所遁形。",
    "从零起步，深耕工业射线领域。无锡日联科技股份有限公司在照亮越来越多中国制造的进阶中，"
    "更照见中国制造的创新之路、中国智造的宽广未来。",
    "经过长时间的酝酿，日联科技董事长刘骏召集了一次董事会会议，讨论并决定拟开展工业射线智能检测设备项目。",
)


def _column(paragraph: str, width: int = 19) -> list[str]:
    """Wrap like a printed column: the first line lost its two-em indent."""
    lines, first = [], True
    while paragraph:
        w = width - 2 if first else width
        lines.append(paragraph[:w])
        paragraph, first = paragraph[w:], False
    return lines


def _column_lines() -> list[str]:
    out: list[str] = []
    for p in _PARAS:
        out += _column(p)
    return out


def test_column_fixture_looks_like_a_newspaper_column() -> None:
    lines = _column_lines()
    assert 10 <= len(lines) <= 12
    assert max(len(x) for x in lines) == 19
    assert all(x.endswith("。") for x in (lines[3], lines[7], lines[-1]))


def test_narrow_column_paragraphs() -> None:
    doc = cnpress.parse("\n".join(_column_lines()))
    assert [(b.kind, b.text) for b in doc.blocks] == [(BlockKind.PARAGRAPH, p) for p in _PARAS]
    assert [b.span for b in doc.blocks] == [(1, 4), (5, 8), (9, 11)]


def test_page_number_inside_a_sentence_does_not_break_the_paragraph() -> None:
    lines = _column_lines()
    # "·· 10" falls between "…越来越多中国制" and "造的进阶中，…": mid-word, mid-sentence.
    raw = [*lines[:6], "·· 10", *lines[6:]]
    doc = cnpress.parse("\n".join(raw))
    paras = doc.of_kind(BlockKind.PARAGRAPH)
    assert [b.text for b in paras] == list(_PARAS)
    assert paras[1].span == (5, 9)
    assert 7 not in paras[1].lines
    furniture = doc.of_kind(BlockKind.FURNITURE)
    assert [(b.text, b.span) for b in furniture] == [("·· 10", (7, 7))]
    assert cnpress.clean("\n".join(raw)) == "\n\n".join(_PARAS) + "\n"


def test_blank_lines_between_wrapped_lines_carry_no_meaning() -> None:
    lines = _column_lines()
    tight = cnpress.parse("\n".join(lines))
    loose = cnpress.parse("\n\n".join(lines))
    assert [b.text for b in loose.blocks] == [b.text for b in tight.blocks] == list(_PARAS)
    # every raw line doubled its number, minus one
    assert [b.span for b in loose.blocks] == [(2 * a - 1, 2 * z - 1) for a, z in (b.span for b in tight.blocks)]


def test_irregular_blank_lines_carry_no_meaning() -> None:
    lines = _column_lines()
    raw: list[str] = []
    for i, line in enumerate(lines):
        raw.append(line)
        raw.extend([""] * (i % 3))  # 0, 1 or 2 blank lines, unrelated to paragraphs
    assert cnpress.clean("\n".join(raw)) == "\n\n".join(_PARAS) + "\n"


# --- long-line style: one paragraph per line, stray hard breaks --------------------------

_LONG = "\n".join([
    "“只有依靠持续的创新，掌握‘独门绝技’，才能赢得未来发展。”银河航天联合创始人、副总裁高千峰告诉记者，"
    "航天灵犀03星是我国首款使用柔性太阳翼的平板式通信卫星。",
    "",
    "数字化、绿色化也成了重庆小",  # a stray hard break mid-word (重庆小|康动力)
    "",
    "康动力有限公司精益化管理的“秘诀”。“我们采用了发动机冷试技术，在不点燃的情况下可以测出1000多个发动机的"
    "相关参数，每年可减少600多吨二氧化碳排放。”小康动力有限公司项目负责人李平介绍。",
    "",
    "中国中小企业发展促进中心副主任冯旭告诉记者，中小企业数字化转型方案需进一步向小型化、快速化、轻量化进行发力。",
    "",
])


def test_long_line_style_joins_stray_hard_break() -> None:
    # Text with nothing left to repair and a blank line after every line
    # looks like cnpress's own output, but a short one where a line visibly
    # runs on into the next is not read as such (styles.FEW_LINES).
    doc = cnpress.parse(_LONG)
    assert all(b.kind is BlockKind.PARAGRAPH for b in doc.blocks)
    assert len(doc.blocks) == 3
    assert doc.blocks[1].text.startswith("数字化、绿色化也成了重庆小康动力有限公司精益化管理的“秘诀”。")
    assert doc.blocks[1].span == (3, 5)
    assert [b.span for b in doc.blocks] == [(1, 1), (3, 5), (7, 7)]


def test_one_paragraph_a_line_keeps_every_sentence_end(seed_texts: dict[str, str]) -> None:
    # A converter that writes one paragraph a line with no blank lines, the
    # paragraphs 40-90 characters wide (narrower than the width that tells
    # one paragraph a line by itself): most lines end a sentence, so each
    # such line ends its paragraph.  Made from seed 000's own paragraphs.
    paragraphs = [p for p in cnpress.clean(seed_texts["000_925a84bfa8b6800a"]).split("\n") if p]
    again = [p for p in cnpress.clean("\n".join(paragraphs)).split("\n") if p]
    ends_sentence = [p for p in paragraphs if p[-1] in "。！？”"]
    assert len(ends_sentence) > 100
    # Each of them ends a paragraph again (a heading without a sentence end
    # above one may join it: "遗失声明" + "成都润嘉…").
    assert [p for p in ends_sentence if not any(q.endswith(p) for q in again)] == []


def test_a_sentence_a_line_keeps_every_sentence_end() -> None:
    # Short paragraphs, one a line (a news digest, a list of briefs): the
    # lines are of all widths, and nearly every one ends a sentence.
    briefs = ["工信部召开座谈会。", "山东上半年规上工业增加值增长6.9%。", "全国首个消费电子产业大脑上线。",
              "中博会在广州开幕，来自全球的两千多家企业参展。", "国家统计局发布1—5月份工业企业利润数据。",
              "装备制造业利润同比增长7.2%。", "重庆小康动力推进精益化管理。", "无锡日联科技潜心二十年。"]
    doc = cnpress.parse("\n".join(briefs))
    assert [b.text for b in doc.of_kind(BlockKind.PARAGRAPH)] == briefs


def test_wide_hard_wrapped_lines_are_not_paragraphs() -> None:
    # The same width, hard-wrapped: a line that happens to end a sentence
    # goes on in the next when few lines do.
    line = "这束光，是长三角制造业重镇无锡的一家科创企业，潜心二十年的成果。它以超高精度、超高效率，让缺陷无所遁"
    lines = [line] * 8 + ["形。这是一家企业的光，也是一座城市制造业转型的光，更是无数中国企业奋进的"] * 3 + ["光。"]
    doc = cnpress.parse("\n".join(lines))
    assert [b.span for b in doc.of_kind(BlockKind.PARAGRAPH)] == [(1, 12)]


# --- spans --------------------------------------------------------------------------------


def test_paragraph_span_points_at_raw_lines() -> None:
    raw = "\n".join([
        "姻 新华社记者 陈刚 杨绍功 叶昊鸣",  # 1
        "",  # 2
        "这束光，是长三角制造业重镇无锡的一",  # 3
        "家科创企业，潜心 20年的“成果”。这束光，以",  # 4
        "超高精度、超高效率，让芯片内的气泡、整车",  # 5
        "",  # 6
        "铸件的缺陷、食品里的异物无所遁形。",  # 7
        "",  # 8
        "做光，做自己的光，做照亮别人的光。",  # 9
    ])
    doc = cnpress.parse(raw)
    paras = doc.of_kind(BlockKind.PARAGRAPH)
    assert paras[0].span == (3, 7)
    assert paras[0].lines == (3, 4, 5, 7)
    assert paras[0].text == (
        "这束光，是长三角制造业重镇无锡的一家科创企业，潜心20年的“成果”。"
        "这束光，以超高精度、超高效率，让芯片内的气泡、整车铸件的缺陷、食品里的异物无所遁形。"
    )
    assert paras[1].span == (9, 9)
    assert doc.of_kind(BlockKind.BYLINE)[0].span == (1, 1)
