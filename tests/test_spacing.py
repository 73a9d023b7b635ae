"""Spacing and punctuation: the rows of DESIGN.md's noise table about spaces and marks.

Expected outputs are what an editor of Chinese text wants: no space between a
CJK character and a Latin letter or digit in the default (tight) style,
letter-spaced words closed up, real word spaces kept, and half-width
``? ! , ; : ( )`` in Chinese text turned into their full-width forms.
"""

from __future__ import annotations

import pytest
import regex

import cnpress
from cnpress import Options, fix_spacing, widen_punctuation

# --- spaces inserted at CJK/Latin and CJK/digit boundaries -------------------


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [
        ("潜心 20年", "潜心20年"),
        ("10 月 31 日", "10月31日"),
        ("工业 X射线", "工业X射线"),
        ("0.4 秒/次", "0.4秒/次"),
        ("TCL 大供应链", "TCL大供应链"),
        # the same spaces inside running text from the seeds
        ("家科创企业，潜心 20年的“成果”。", "家科创企业，潜心20年的“成果”。"),
        ("9月 27日，经过长时间的酝酿", "9月27日，经过长时间的酝酿"),
        ("率大幅提升，从 91.5%提高到了 98.97%，同时", "率大幅提升，从91.5%提高到了98.97%，同时"),
        ("全国 616个主要化工园区的 5S店达到 150多", "全国616个主要化工园区的5S店达到150多"),
        ("工作人员通过 TCL 大供应链协同平台", "工作人员通过TCL大供应链协同平台"),
    ],
)
def test_inserted_cjk_latin_spaces_are_removed(raw: str, wanted: str) -> None:
    assert fix_spacing(raw) == wanted


# --- letter-spaced justified text ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [
        ("博 士 、", "博士、"),
        ("船 名 航 次 ：", "船名航次："),
        ("船 名 航 次 ：HUI JIN QIAO 299", "船名航次：HUI JIN QIAO 299"),
        ("/240818000000， 箱 号 ：WHSU2205623,", "/240818000000，箱号：WHSU2205623,"),
        ("Hanisch 博 士 、Tobias Schlichtmann 先 生 、", "Hanisch博士、Tobias Schlichtmann先生、"),
    ],
)
def test_letter_spaced_cjk_is_closed_up(raw: str, wanted: str) -> None:
    assert fix_spacing(raw) == wanted


# --- spaces that are real -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "HUI JIN QIAO 299",
        "Felix Hanisch",
        "Tobias Schlichtmann",
        "“质量 数字 绿色 融合”",
        "围绕“质量 数字 绿色 融合”主题",
        "黄华伟 朱佳妮",
        "黄华伟 朱佳妮 摄影报道",
        "新华社记者 季春鹏 摄",
        "敢为善为 聚力创新",
        "本届峰会围绕“敢为善为 聚力创新 持续推动经济稳进提质”为主题",
        "科研破题 铸就平安“护盾”",
    ],
)
def test_real_spaces_are_kept(text: str) -> None:
    assert fix_spacing(text) == text


@pytest.mark.parametrize("style", ["tight", "spaced", "keep"])
def test_real_spaces_are_kept_in_every_style(style: str) -> None:
    assert fix_spacing("“质量 数字 绿色 融合”", style) == "“质量 数字 绿色 融合”"  # type: ignore[arg-type]
    assert fix_spacing("HUI JIN QIAO 299", style) == "HUI JIN QIAO 299"  # type: ignore[arg-type]


def test_real_spaces_survive_clean() -> None:
    out = cnpress.clean("围绕“质量 数字 绿色 融合”主题，推动 20项措施落地。")
    assert out == "围绕“质量 数字 绿色 融合”主题，推动20项措施落地。\n"


# --- style="spaced" -------------------------------------------------------------

_TOUCH = regex.compile(r"\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}")
_DOUBLE = regex.compile(r"\p{Han}  +[A-Za-z0-9]|[A-Za-z0-9]  +\p{Han}")


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [
        ("潜心20年", "潜心 20 年"),
        ("潜心 20年", "潜心 20 年"),
        ("10 月 31 日", "10 月 31 日"),
        ("10月31日", "10 月 31 日"),
        ("工业X射线", "工业 X 射线"),
        ("TCL大供应链", "TCL 大供应链"),
        ("TCL   大供应链", "TCL 大供应链"),
        ("0.4秒/次", "0.4 秒/次"),
    ],
)
def test_spaced_style_puts_exactly_one_space(raw: str, wanted: str) -> None:
    out = fix_spacing(raw, "spaced")
    assert out == wanted
    assert not _TOUCH.search(out)
    assert not _DOUBLE.search(out)


@pytest.mark.parametrize(
    "raw",
    [
        "潜心 20年的“成果”。这束光，以超高精度",
        "Hanisch 博 士 、Tobias Schlichtmann 先 生 、",
        "船 名 航 次 ：HUI JIN QIAO 299",
        "从 91.5%提高到了 98.97%，同时",
        "中控技术 5S 店指的是 Sales（销售）、",
        "（2021-2025年）",
    ],
)
def test_spaced_style_is_idempotent(raw: str) -> None:
    once = fix_spacing(raw, "spaced")
    assert fix_spacing(once, "spaced") == once
    assert not _TOUCH.search(once)


def test_spaced_style_through_options() -> None:
    assert cnpress.clean("潜心20年的“成果”。", Options(spacing="spaced")) == "潜心 20 年的“成果”。\n"


def test_keep_style_leaves_cjk_latin_spacing_alone() -> None:
    assert fix_spacing("潜心 20年", "keep") == "潜心 20年"
    assert fix_spacing("TCL大供应链", "keep") == "TCL大供应链"


def test_fix_spacing_without_letter_spacing_collapse() -> None:
    assert fix_spacing("博 士 、", collapse_letter_spacing=False) == "博 士、"
    assert fix_spacing("潜心 20年", collapse_letter_spacing=False) == "潜心20年"


# --- half-width punctuation in Chinese text -------------------------------------


@pytest.mark.parametrize(
    ("raw", "wanted"),
    [
        ("撕开?", "撕开？"),
        ("(以下简称“中博会”)", "（以下简称“中博会”）"),
        ("钢材用手就能轻易撕开?记者在展位前看到", "钢材用手就能轻易撕开？记者在展位前看到"),
        (
            "第二十届中国国际中小企业博览会(以下简称“中博会”)在广州开幕",
            "第二十届中国国际中小企业博览会（以下简称“中博会”）在广州开幕",
        ),
        ("《实施方案》(以下简称《实施方案》)，部署", "《实施方案》（以下简称《实施方案》），部署"),
        ("他说:好", "他说：好"),
        ("真好!我们走吧", "真好！我们走吧"),
        ("全套正本海运提单, 提单号", "全套正本海运提单， 提单号"),
        ("一是加强;二是推进", "一是加强；二是推进"),
    ],
)
def test_widen_punctuation_in_chinese_text(raw: str, wanted: str) -> None:
    assert widen_punctuation(raw) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world!",
        "Is it (really) so? Yes; it is: fine.",
        "3:30",
        "http://x.cn",
        "访问http://www.cena.com.cn。",
        "会议于3:30开始",
        "比分3:1",
        "WHSU2205623, WHSU2931570",
        "Flowmeters (FLOW)",
    ],
)
def test_widen_punctuation_leaves_latin_numbers_and_urls_alone(text: str) -> None:
    assert widen_punctuation(text) == text


def test_widened_marks_are_logged_as_repairs() -> None:
    doc = cnpress.parse("钢材用手就能轻易撕开?记者(以下简称“中博会”)看到了。")
    assert doc.blocks[0].text == "钢材用手就能轻易撕开？记者（以下简称“中博会”）看到了。"
    widened = sorted((r.before, r.after) for r in doc.repairs if r.kind == "punct-width")
    assert widened == sorted([("?", "？"), ("(", "（"), (")", "）")])


def test_clean_widens_and_tightens_together() -> None:
    assert cnpress.clean("全套正本海运提单, 提单号 171E502737,") == "全套正本海运提单，提单号171E502737,\n"


def test_widen_punct_false_keeps_half_width_marks() -> None:
    raw = "钢材用手就能轻易撕开?记者(以下简称“中博会”)看到。"
    out = cnpress.clean(raw, Options(widen_punct=False))
    assert out == raw + "\n"
    assert not set("？（）") & set(out)
    doc = cnpress.parse(raw, Options(widen_punct=False))
    assert not [r for r in doc.repairs if r.kind == "punct-width"]


def test_widen_punct_false_still_fixes_spacing() -> None:
    # (A lone short line like "潜心 20年,撕 开?" is read as page furniture: see
    # test_decide.test_a_lone_short_line_with_digits_is_not_furniture.)
    out = cnpress.clean("这家企业潜心 20年,撕 开?技术封锁，走出了一条自主创新之路。", Options(widen_punct=False))
    assert out == "这家企业潜心20年,撕开?技术封锁，走出了一条自主创新之路。\n"


# Digits set (or OCR'd) one at a time close up where a unit, a measure word or
# "%" follows; elsewhere (a table's row of figures) their spaces stay.
@pytest.mark.parametrize(("raw", "wanted"), [
    ("国家技术监督局1 9 9 7年第二季度", "国家技术监督局1997年第二季度"),
    ("我国电话机生产企业有3 0 0 多家", "我国电话机生产企业有300多家"),
    ("其中内销近4 0 0 0 万部", "其中内销近4000万部"),
    ("产品抽样合格率为7 1 . 4 %", "产品抽样合格率为71.4%"),
    ("合格率均达1 0 0 %外", "合格率均达100%外"),
    ("于去年1 2月2 9日抵京", "于去年12月29日抵京"),
    ("培训的人员1 2 0 3 . 8万人", "培训的人员1203.8万人"),
])
def test_digits_set_one_at_a_time_close_up(raw: str, wanted: str) -> None:
    assert fix_spacing(raw) == wanted


@pytest.mark.parametrize("text", ["合计3 5 2 1", "Intel Pentium 1处理器", "A 1 2", "1 2 3"])
def test_digits_apart_without_a_unit_keep_their_spaces(text: str) -> None:
    assert fix_spacing(text) == text


def test_digits_set_one_at_a_time_stay_apart_without_letter_spacing_collapse() -> None:
    assert fix_spacing("1 9 9 7年", collapse_letter_spacing=False) == "1 9 9 7年"


# OCR sets spaces around half-width marks and brackets; in Chinese text none belongs there.
@pytest.mark.parametrize(("raw", "wanted"), [
    ("抽查表明 ,除了大型企业", "抽查表明，除了大型企业"),
    ("税收能力 ; 另一方面", "税收能力；另一方面"),
    ("委员会全会上获悉 : 党中央", "委员会全会上获悉：党中央"),
    ("据新华社拉萨1月7日电 (记者孙玛多吉) 受国务院委派", "据新华社拉萨1月7日电（记者孙玛多吉）受国务院委派"),
    ("“伽利略” 天外发回图像", "“伽利略”天外发回图像"),
    ("三等奖的作者共13人。 (名单见12版)", "三等奖的作者共13人。（名单见12版）"),
    ("质的东西。 1985年8月", "质的东西。1985年8月"),
])
def test_ocr_spaces_around_punctuation_go(raw: str, wanted: str) -> None:
    assert fix_spacing(widen_punctuation(raw)) == wanted  # as clean() polishes a paragraph


@pytest.mark.parametrize("text", ["Hello , world", "see (page 3) here"])
def test_spaces_around_marks_in_latin_text_stay(text: str) -> None:
    assert fix_spacing(widen_punctuation(text)) == text


def test_clean_closes_ocr_spacing_in_a_paragraph() -> None:
    raw = ("本报讯 我国电话机生产企业有3 0 0 多家， 目前产量已高达1亿部。然而,调查显示 ,有一半左右的电话\n"
           "拥有者并不了解自己电话机的品牌。抽查表明 ,产品抽样合格率为7 1 . 4 %。\n")
    assert cnpress.clean(raw) == ("本报讯 我国电话机生产企业有300多家，目前产量已高达1亿部。然而，调查显示，"
                                  "有一半左右的电话拥有者并不了解自己电话机的品牌。抽查表明，产品抽样合格率为71.4%。\n")
