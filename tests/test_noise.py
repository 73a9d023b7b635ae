"""General extraction noise: example tables per rule.

Half-width ideographic punctuation, radicals and compatibility ideographs,
form feeds as page breaks, page furniture, section marks, unspaced bylines,
numbers at a wrap.  Expected values are what an editor reading the Chinese
wants, not the code's output.
"""

from __future__ import annotations

import unicodedata

import pytest
import regex

import cnpress
from cnpress import BlockKind, Repair, join_lines, normalize_line, normalize_lines, split_lines
from cnpress.bylines import looks_like_byline_line, parse_byline, split_name_run
from cnpress.chars import HALFWIDTH_IDEOGRAPHIC, HAN_VARIANTS
from cnpress.classify import SECTION_MARK, SECTION_NUMBER, classify_line
from cnpress.evaluate import unaccounted
from cnpress.furniture import FURNITURE_RULES
from cnpress.normalize import _ANY_WORK, _WORK_CHAR, NLine, page_starts

# --- half-width ideographic punctuation --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "changed"),
    [
        ("会议在北京召开｡", "会议在北京召开。", [("｡", "。")]),
        ("｢专精特新｣企业", "「专精特新」企业", [("｢", "「"), ("｣", "」")]),
        ("数字化､绿色化､智能化", "数字化、绿色化、智能化", [("､", "、"), ("､", "、")]),
        ("他说:｢好｡｣", "他说:「好。」", [("｢", "「"), ("｡", "。"), ("｣", "」")]),
    ],
)
def test_halfwidth_ideographic_punctuation_is_widened(raw: str, text: str, changed: list[tuple[str, str]]) -> None:
    line, repairs = normalize_line(5, raw)
    assert line.text == text
    assert [(r.before, r.after) for r in repairs] == changed
    assert {r.kind for r in repairs} == {"halfwidth-ideographic"}
    assert {r.line for r in repairs} == {5}


def test_halfwidth_table_agrees_with_nfkc() -> None:
    assert {ch: unicodedata.normalize("NFKC", ch) for ch in HALFWIDTH_IDEOGRAPHIC} == dict(HALFWIDTH_IDEOGRAPHIC)
    assert sorted(HALFWIDTH_IDEOGRAPHIC) == [chr(cp) for cp in range(0xFF61, 0xFF65)]


def test_halfwidth_ideographic_accounted_for_in_parse() -> None:
    raw = "｢护盾｣计划启动｡\n\n有光，才有了人们眼中色彩斑斓的世界。"
    doc = cnpress.parse(raw)
    assert "「护盾」计划启动。" in cnpress.clean(raw)
    assert unaccounted(raw, doc) == {}


# --- radicals and compatibility ideographs ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("⼈⺠⽇报", "人民日报"),  # Kangxi 人, supplement 民, Kangxi 日
        ("⾦融⽀持实体经济", "金融支持实体经济"),  # Kangxi 金, 支
        ("⻓江⼤桥", "长江大桥"),  # C-simplified 长 (no NFKC form), Kangxi 大
        ("⻔票价格", "门票价格"),
        ("⻢上就办", "马上就办"),
        ("\uf900\u4e00", "豈一"),  # CJK compatibility ideograph U+F900 → 豈
        ("\U0002f800字", "丽字"),  # compatibility supplement U+2F800 → 丽
        ("⽗⺟", "父母"),  # Kangxi 父 and supplement 母 (which has an NFKC form)
    ],
)
def test_han_variants_are_unified(raw: str, text: str) -> None:
    line, repairs = normalize_line(2, raw)
    assert line.text == text
    assert [(r.kind, r.before, r.after) for r in repairs] == [
        ("han-variant", a, b) for a, b in zip(raw, text, strict=True) if a != b
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "\u2e8c\u2eae",  # ⺌ ⺮: component forms with no character of their own: kept
        "\ufa11崎",  # 﨑 U+FA11 is a unified ideograph inside the compatibility block: kept
        "“质量”（一）：“数字”，《绿色》！？",  # full-width punctuation never narrowed
    ],
)
def test_characters_outside_the_table_are_kept(raw: str) -> None:
    line, repairs = normalize_line(1, raw)
    assert line.text == raw
    assert repairs == ()


def test_han_variant_table_maps_to_single_unified_ideographs() -> None:
    assert len(HAN_VARIANTS) > 1000  # 214 Kangxi radicals, ~1000 compatibility ideographs
    for before, after in HAN_VARIANTS.items():
        assert len(after) == 1
        assert unicodedata.name(after).startswith("CJK UNIFIED IDEOGRAPH"), (before, after)
    assert "，" not in HAN_VARIANTS.values()


@pytest.mark.parametrize("ch", ["｡", "､", "⼈", "⺠", "⻓", "\uf900", "\U0002f800"])
def test_prescans_see_table_characters(ch: str) -> None:
    assert _WORK_CHAR.search(f"有光{ch}世界")
    assert _ANY_WORK.search(f"有光{ch}世界")


@pytest.mark.parametrize("line", ["有光，才有了人们眼中色彩斑斓的世界。", "「护盾」、“质量”（一）", "HUI JIN QIAO 299"])
def test_plain_lines_stay_on_the_fast_path(line: str) -> None:
    assert _WORK_CHAR.search(line) is None
    assert _ANY_WORK.search(line) is None


def test_han_variants_through_normalize_lines() -> None:
    lines, repairs = normalize_lines(["有光，才有了世界。", "⼈⺠⽇报", "", "末行｡"])
    assert [(ln.no, ln.text) for ln in lines] == [(1, "有光，才有了世界。"), (2, "人民日报"), (4, "末行。")]
    assert [(r.kind, r.line) for r in repairs] == [("han-variant", 2)] * 3 + [("halfwidth-ideographic", 4)]


# --- form feeds: page breaks ---------------------------------------------------------------


def test_form_feed_is_logged_as_page_break() -> None:
    line, repairs = normalize_line(4, "\f第二版要闻")
    assert line.text == "第二版要闻"
    assert repairs == (Repair("page-break", 4, "\f", ""),)


def test_other_controls_stay_control_chars() -> None:
    _, repairs = normalize_line(1, "a\x0bb\fc")
    assert [r.kind for r in repairs] == ["control-char", "page-break"]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("第一页\n\f第二页\n正文", {2}),  # pdftotext: the form feed opens the next page's first line
        ("第一页末行\f\n第二页首行", {2}),  # form feed at the end of a line
        ("第一页末行\f\n\n\n第二页首行", {4}),  # blank lines after it: the first line with text
        ("上页\f下页", {1}),  # inside a line: that line holds the page start
        ("一\f\n二\f\n三\f", {2, 3}),  # the closing form feed opens no page
        ("\f首页", {1}),
        ("\f\f\n空页之后", {2}),  # an empty page: both breaks open the same line
        ("没有分页\n的文本", set()),
    ],
)
def test_page_starts(text: str, starts: set[int]) -> None:
    assert page_starts(split_lines(text)) == frozenset(starts)


def test_form_feed_never_changes_line_numbers() -> None:
    text = "标题\f正文第一行\n\f第二页\n末行"
    raw = split_lines(text)
    assert len(raw) == 3  # a form feed is not a line break (grep -n counts 3 lines)
    doc = cnpress.parse(text)
    assert sorted((r.kind, r.line) for r in doc.repairs) == [("page-break", 1), ("page-break", 2)]
    assert max(b.span[1] for b in doc.blocks) == 3
    assert unaccounted(text, doc) == {}


# --- page furniture ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("3 / 71", "page-counter"),
        ("12/12", "page-counter"),
        ("第 3 页", "page-of-pages"),
        ("第3页 共12页", "page-of-pages"),
        ("第3页，共12页", "page-of-pages"),
        ("- 3 -", "page-number"),
        ("— 12 —", "page-number"),
        ("Page 3 of 12", "page-of-pages-en"),
        ("page 3", "page-of-pages-en"),
        ("PAGE 3/12", "page-of-pages-en"),
        ("<!-- 第 3 页 -->", "page-comment"),
        ("<!-- page 3 -->", "page-comment"),
        ("<!--Page 12-->", "page-comment"),
        ("2024年3月5日 星期二 人民日报 第5版", "running-head"),
        ("2024年3月5日 人民日报", "running-head"),
        ("2024年3月5日 星期二 第5版 要闻", "running-head"),
        ("2023年11月8日 中国电子报 A3", "running-head"),
        ("人民日报 第5版", "running-head"),
        ("浙江日报 2024年3月5日 第3版 要闻", "running-head"),
        ("中国电子报 B12版", "running-head"),
        ("华东经济导报 1998 年 1 月 5 日 星期一", "running-head"),  # the paper and the date alone
        ("人民日报2024年3月5日", "running-head"),
        ("第5版", "edition-line"),
        ("第 12 版 国际", "edition-line"),
        ("第5版 今日关注", "edition-line"),
        ("5版", "edition-number"),
        ("05版 要闻", "edition-number"),
        ("A3 要闻", "page-code"),
        ("B12 财经", "page-code"),
        ("A3版 评论", "page-code"),
        ("今日8版", "edition-count"),  # an older rule, unchanged
    ],
)
def test_furniture_lines(line: str, rule: str) -> None:
    assert classify_line(NLine(1, line)) == ("furniture", rule)


@pytest.mark.parametrize(
    "line",
    [
        "本报告第3页列出了详细数据。",  # a sentence mentioning a page
        "第3页的图表显示，出口增长明显。",
        "详见第3页",
        "第5版刊登了本报记者的调查报道",  # 第N版 opening a sentence
        "3/4的受访者表示满意。",  # a fraction in prose
        "2024年3月5日，国务院召开常务会议。",  # a dated sentence
        "2024年3月5日 两会开幕",  # date and a headline, no paper
        "中国电子报1998年1月5日发表评论",  # a paper and a date opening a sentence
        "会议定于1月5日",  # a sentence ending in a date
        "C9 高校联盟",  # a letter-digit name opening a headline
        "G20 峰会",
        "A股 市场回暖",
        "Page Rank 算法",  # English text starting with "Page"
        "5版新闻稿件",
        "<!-- 注释 -->",
        "人民日报评论员文章",  # a paper's name, no date or page
    ],
)
def test_not_furniture(line: str) -> None:
    assert classify_line(NLine(1, line)).kind != "furniture"
    # the patterns themselves reject it, not only the classifier's prefilter
    assert not [name for name, pattern in FURNITURE_RULES if regex.match(pattern, line)]


def test_furniture_rules_are_anchored_and_named() -> None:
    names = [name for name, _ in FURNITURE_RULES]
    assert len(names) == len(set(names))
    assert all(pattern.startswith("^") for _, pattern in FURNITURE_RULES)


# --- section numbers and bullets -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1.2.1 市场规模",
        "2.3.4.1总体要求",
        "3.1 发展现状",
        "§ 3.1 适用范围",
        "§2 定义",
        "• 提升产业链韧性",
        "· 坚持创新驱动",
        "●聚焦主责主业",
        "◆ 加快数字化转型",
        "■ 强化要素保障",  # as classify sees it only when no space follows; the regex itself takes both
        "1. 支柱产业",  # the older forms still match
        "（三）深化改革",
    ],
)
def test_section_numbers_and_marks(line: str) -> None:
    assert SECTION_NUMBER.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "2.5倍",
        "3.1%",
        "3.1 亿元",  # a quantity with a space before its unit
        "2.5 倍于去年",
        "1.2.10",
        "12.5.3",
        "2024.3.5 会议召开",  # a date
        "·· 10",  # a page number
        "· 无需小屋集成，成本低，安装工程施工",  # a bulleted list item with clauses
        "• 提升产业链供应链韧性和安全水平。",  # a bulleted sentence
        "·阿齐兹一行抵达北京，受到热烈欢迎",  # a name broken at its dot
    ],
)
def test_not_section_numbers(line: str) -> None:
    assert not SECTION_NUMBER.match(line)


@pytest.mark.parametrize(
    ("line", "is_mark"),
    [("• 提升产业链韧性", True), ("◆坚持创新驱动", True), ("1.2.1 市场规模", False), ("• " + "长" * 30, False)],
)
def test_section_mark_alone(line: str, is_mark: bool) -> None:
    assert bool(SECTION_MARK.match(line)) is is_mark


def test_bulleted_heads_become_sections() -> None:
    raw = ("有光，才有了人们眼中色彩斑斓的世界。光学检测是制造业的眼睛，\n正在改变整个行业的面貌。\n"
           "• 提升产业链韧性\n企业加大研发投入，推动关键技术攻关，产业链韧性不断增强。\n")
    doc = cnpress.parse(raw)
    assert [(b.kind, b.text) for b in doc.blocks if b.kind is BlockKind.SECTION] == [
        (BlockKind.SECTION, "• 提升产业链韧性")]


# --- bylines whose names lost their spaces --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "agency", "role", "names"),
    [
        ("本报记者张三李四", "本报", "记者", ("张三", "李四")),
        ("新华社记者王小明赵刚", "新华社", "记者", ("王小明", "赵刚")),
        ("新华社记者陈刚杨绍功叶昊鸣", "新华社", "记者", ("陈刚", "杨绍功", "叶昊鸣")),
        ("记者赵秋玥季春鹏", None, "记者", ("赵秋玥", "季春鹏")),  # a given-name character jieba splits off
        ("本报记者欧阳晓明", "本报", "记者", ("欧阳晓明",)),  # a compound surname: one name
        ("新华社记者 王小明赵刚", "新华社", "记者", ("王小明", "赵刚")),
        # spaced names: as before
        ("新华社记者 陈刚 杨绍功 叶昊鸣", "新华社", "记者", ("陈刚", "杨绍功", "叶昊鸣")),
        ("本报记者 齐旭", "本报", "记者", ("齐旭",)),
        ("本报记者齐旭", "本报", "记者", ("齐旭",)),
    ],
)
def test_run_together_bylines(line: str, agency: str | None, role: str, names: tuple[str, ...]) -> None:
    assert looks_like_byline_line(line)
    byline = parse_byline(line, (3, 3))
    assert (byline.agency, byline.role, byline.names) == (agency, role, names)


@pytest.mark.parametrize(
    "line",
    [
        "新华社记者节特别报道",  # role + Han, but no person's name in it
        "中国青年报社会调查中心",
        "本报评论员文章",
        "新华社北京3月5日电",
        "新华社记者王小明赵刚李四张三王五赵六",  # longer than NAME_RUN_MAX
        "王小明赵刚",  # names alone, no agency or role
    ],
)
def test_not_run_together_bylines(line: str) -> None:
    assert not looks_like_byline_line(line)


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("王芳李娜张敏", ("王芳", "李娜", "张敏")),
        ("黄华伟朱佳妮", ("黄华伟", "朱佳妮")),
    ],
)
def test_split_name_run(run: str, names: tuple[str, ...]) -> None:
    assert split_name_run(run) == names


def test_run_together_byline_through_parse() -> None:
    raw = "新华社记者王小明赵刚\n\n有光，才有了人们眼中色彩斑斓的世界。"
    doc = cnpress.parse(raw)
    bylines = [b.byline for b in doc.blocks if b.byline is not None]
    assert [(b.agency, b.names) for b in bylines] == [("新华社", ("王小明", "赵刚"))]


# --- numbers at a wrap -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "wanted"),
    [
        (["全市共有12", "3个重点项目"], "全市共有123个重点项目"),  # a number broken at the line end
        (["增长12", "3.5%"], "增长123.5%"),  # a decimal, not a list
        (["实现营收3.33亿元，同比增长21.", "01%。"], "实现营收3.33亿元，同比增长21.01%。"),
        (["在第12", "3. 支柱产业方面"], "在第12 3. 支柱产业方面"),  # a list number
        (["为第12", "3、各地要加强"], "为第12 3、各地要加强"),
        (["第1", "2、第13条"], "第12、第13条"),  # two digits fused: a number, not a list
        (["见附件12", "3）中的数据"], "见附件12 3）中的数据"),
        (["（见附件12", "3）中的数据"], "（见附件123）中的数据"),  # the bracket closes the open one
        (["截至201", "9. The end"], "截至2019. The end"),  # English after the mark: left alone
        (["参见文献12", "[3]"], "参见文献12 [3]"),  # a bracketed reference was never fused
        (["参见文献12", "（3）"], "参见文献12（3）"),
    ],
)
def test_numbers_at_a_wrap(parts: list[str], wanted: str) -> None:
    assert join_lines(parts).text == wanted


# --- converter Markdown that marks most lines ---------------------------------

def _kinds_and_texts(doc: cnpress.Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def test_heading_marks_on_most_lines_are_taken_off_and_logged(seed_texts: dict[str, str]) -> None:
    # A converter that marks lines by font size alone puts "#### " on body
    # lines too: there the marks say nothing, so the page reads as it would
    # unmarked, and every mark is logged as a repair.
    for stem in ("000_925a84bfa8b6800a", "004_14845132b57f61f4"):
        plain = seed_texts[stem]
        marked = "\n".join("#### " + line if line.strip() else line for line in plain.split("\n"))
        doc = cnpress.parse(marked)
        assert _kinds_and_texts(doc) == _kinds_and_texts(cnpress.parse(plain))
        n_marked = sum(1 for line in plain.split("\n") if line.strip())
        assert sum(r.kind == "markdown-mark" for r in doc.repairs) == n_marked


def test_sparse_heading_marks_are_still_trusted() -> None:
    text = "## 促转型：向数字化要竞争力\n" + "\n".join(["这束光，是长三角制造业重镇无锡的一家科创企业。"] * 12)
    doc = cnpress.parse(text)
    assert doc.styles[0].style == "column+md"
    assert doc.blocks[0].kind.value in ("title", "section")  # a heading, whichever the model reads
    assert doc.blocks[0].text == "促转型：向数字化要竞争力"
    assert not any(r.kind == "markdown-mark" and r.line != 1 for r in doc.repairs)


# --- OCR's stray spaces between Han characters -------------------------------------------

# The seventh character of a line of running prose, where it and the sixth
# are Han: OCR reads a space there ("…制造业高 质量发展…").
_SEVENTH_HAN = regex.compile(r"^(?:[^\s]{5})(\p{Han})(?=\p{Han})")


def _ocr_gapped(text: str) -> tuple[str, int]:
    """``text`` with a space after the sixth character of every line of
    prose that has one there, and how many were put in."""
    out, n = [], 0
    for line in text.split("\n"):
        if len(line) >= 20 and regex.search("[，。、；]", line) and _SEVENTH_HAN.match(line):
            line, n = _SEVENTH_HAN.sub(r"\g<0> ", line), n + 1
        out.append(line)
    return "\n".join(out), n


@pytest.mark.parametrize("stem", ["002_e6ed1c0b8024ab86", "004_14845132b57f61f4"])
def test_stray_ocr_gaps_in_prose_are_closed_and_logged(seed_texts: dict[str, str], stem: str) -> None:
    # The page read as if OCR had put a space inside a word of every prose
    # line: it reads as the page without them, and each closed gap is logged.
    plain = seed_texts[stem]
    gapped, n = _ocr_gapped(plain)
    assert n >= 12
    doc = cnpress.parse(gapped)
    assert _kinds_and_texts(doc) == _kinds_and_texts(cnpress.parse(plain))
    closed = [r for r in doc.repairs if r.kind == "ocr-space"]
    assert len(closed) == n
    assert all(len(r.before) == 3 and r.before[1] == " " and r.after == r.before[0] + r.before[2] for r in closed)
    assert cnpress.clean(gapped) == cnpress.clean(plain)


def test_spaces_of_a_clean_page_are_kept(seed_texts: dict[str, str]) -> None:
    # A page with a few spaces between Han characters (credits, datelines,
    # two-phrase headlines) is not OCR-gapped: nothing is closed.
    for text in seed_texts.values():
        assert not any(r.kind == "ocr-space" for r in cnpress.parse(text).repairs)


def test_byline_and_headline_spaces_survive_in_ocr_text() -> None:
    prose = ["这束光，是长三角制造业重 镇无锡的一家科创企业，", "以超高精度、超 高效率让缺陷无所遁形，"] * 6
    text = "\n".join(["产业筑基 打开高质量发展格局", "本报讯 记者齐旭报道：6月27日，第二 十届中博会在广州开幕。",
                      *prose, "车间里，机械臂正在有序作业，工人们在 一旁查看。黄华伟 摄"])
    doc = cnpress.parse(text)
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "产业筑基 打开高质量发展格局"  # a headline keeps its space
    assert texts[1] == "本报讯 记者齐旭报道："  # so does a dateline lead
    assert texts[-1] == "黄华伟 摄"  # and a photo credit
    assert not any("重 镇" in t or "超 高" in t or "第二 十" in t or "们在 一" in t for t in texts)
    assert unaccounted(text, doc) == {}
