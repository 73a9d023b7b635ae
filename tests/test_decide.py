"""The feature table, input styles, the line model and the blocks built from its labels."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import cnpress
from cnpress.articles import articles_from_starts
from cnpress.cli import main
from cnpress.decide import (
    CROP_SIZES,
    LABELS,
    LineModel,
    TrainingPage,
    constrain,
    decisions,
    gold_labels,
    load_model,
    load_pages,
    train,
    trainable,
)
from cnpress.evaluate import unaccounted
from cnpress.features import build_table
from cnpress.model import Block, BlockKind, Document
from cnpress.normalize import NLine, normalize_lines
from cnpress.pipeline import build_labelled_blocks
from cnpress.reading import split_lines
from cnpress.styles import detect_styles

COLUMN = "一二三四五六七八九十一二三四五六七八九十"  # a full line of a 20-em column


def _lines(text: str) -> list[NLine]:
    return normalize_lines(split_lines(text))[0]


# --- input styles -------------------------------------------------------------

@pytest.mark.parametrize(("text", "style"), [
    # Hard-wrapped column text, no blank lines.
    ("\n".join([COLUMN] * 30), "column"),
    # The same, double-spaced: a blank line after every line says nothing.
    ("\n\n".join([COLUMN] * 30), "column+spaced"),
    # Whole paragraphs separated by blank lines, as a converter writes them
    # (with extraction spaces: "潜心 20年")...
    ("\n\n".join(["这是一个完整的段落，潜心 20年，它在这里结束。" * 4] * 20), "long-line+blank-sep"),
    # ... and as cnpress's own clean() writes them: nothing left to repair.
    ("\n\n".join(["这是一个完整的段落，潜心20年，它在这里结束。" * 4] * 20), "long-line+own"),
    # One paragraph per line.
    ("\n".join(["这是一个完整的段落，它在这里结束。" * 4] * 20), "long-line"),
    # Converter Markdown with a few heading marks.
    ("## 标题\n" + "\n".join([COLUMN] * 20), "column+md"),
])
def test_detect_styles(text: str, style: str) -> None:
    assert [r.style for r in detect_styles(_lines(text))] == [style]


def test_markdown_marks_on_most_lines_are_not_trusted() -> None:
    text = "\n".join(f"#### {COLUMN}" for _ in range(20))
    assert [r.style for r in detect_styles(_lines(text))] == ["column"]


def test_document_records_styles() -> None:
    doc = cnpress.parse("\n\n".join([COLUMN] * 30))
    assert [(s.style, s.span) for s in doc.styles] == [("column+spaced", (1, 59))]


# --- the feature table ----------------------------------------------------------

@pytest.mark.parametrize(("lines", "i", "present", "absent"), [
    # A page number: the rule verdict is a feature, and so is its shape.
    (["·· 10", COLUMN], 0, {"old=furniture", "rule=page-number", "first=·"}, {"terminal"}),
    # A sentence end, and the neighbour's facts under its offset.
    (["主管：某某协会", "有光，才有了世界。"], 1, {"terminal", "last=。", "-1:old=furniture"}, {"section-number"}),
    # Page numbers are transparent: the line after one sees the line before it.
    (["有光，才有了人们眼中色彩斑斓的", "·· 10", "世界。"], 2, {"-1:last=han"}, {"-1:old=furniture"}),
    # Numbered and listed lines.
    (["一、提高认识", COLUMN], 0, {"section-number"}, {"list-item"}),
    (["三是开展消费电子内循环行动。", COLUMN], 0, {"list-item", "terminal"}, {"section-number"}),
    # A dateline lead and a bracket left open for the next line.
    (["据新华社北京1月12日电（记者周志方、赵秀", "芳）本报讯"], 0, {"dateline", "bracket-open"}, set()),
    # A byline set vertically, one character a line: read as one string.
    (["本", "报", "记", "者", "张", "三"], 2, {"vrun", "vrun-byline", "vrun-byline-start", "vrun-mid"}, set()),
    # A word read across the wrap by jieba.
    (["日联科", "技公司。"], 0, {"word-crosses-next"}, {"terminal"}),
])
def test_feature_facts(lines: list[str], i: int, present: set[str], absent: set[str]) -> None:
    row = set(build_table([NLine(n, t) for n, t in enumerate(lines, 1)]).rows[i])
    assert present <= row
    assert not absent & row


def test_repeated_running_foot_is_a_fact() -> None:
    lines = [NLine(1, "·· 10"), NLine(2, COLUMN), NLine(3, "·· 11")]
    assert "repeated" in build_table(lines).own[0]
    assert "repeated" not in build_table(lines).own[1]


# --- labels and training --------------------------------------------------------

GOLD = {
    "file": "page.txt",
    "blocks": [{"kind": "title", "lines": [1], "text": "标题"},
               {"kind": "furniture", "lines": [6], "text": "·· 3"}],
    "paragraph_ends": [3, 5],
    "articles": [{"title": "标题", "body_first": 2, "body_last": 5}],
}
PAGE = "标题\n有光，才有了人们眼中色彩斑斓的\n世界。\n而有的光，可以穿透目力无法抵\n达的内里。\n·· 3\n"


def test_gold_labels() -> None:
    assert gold_labels(_lines(PAGE), GOLD) == ["title", "start", "end", "body", "end", "furniture"]


def test_gold_labels_leave_cuts_running_on() -> None:
    gold = {**GOLD, "cut_ends": [3]}
    assert gold_labels(_lines(PAGE), gold)[2] == "body"


def test_trainable() -> None:
    assert trainable(GOLD)
    assert not trainable({**GOLD, "paragraph_ends": [2, 3, 4], "cut_ends": [2, 3]})


def test_train_is_reproducible_and_the_model_loads(tmp_path: Path) -> None:
    pages = [TrainingPage(PAGE, GOLD, 2), TrainingPage(PAGE.replace("标题", "另一个标题"), GOLD, 1)]
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    # two copies of the first page, one of the other, and of each page the crops
    # smaller than its 7 raw lines
    assert train(pages, a) == 3 + 2 * sum(size < 7 for size in CROP_SIZES)
    train(pages, b)
    assert a.read_bytes() == b.read_bytes()
    model = LineModel.from_file(a)
    labels = model.labels(build_table(_lines(PAGE)))
    assert set(labels) <= set(LABELS)
    assert labels[0] == "title" and labels[-1] == "furniture"
    assert not list(tmp_path.glob("*.part"))  # written beside the target and renamed


def test_model_pickles_without_its_tagger() -> None:
    model = pickle.loads(pickle.dumps(load_model()))
    table = build_table(_lines("·· 10\n正文。"))
    assert model.labels(table) == load_model().labels(table)


def test_a_file_that_is_no_model_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="not a cnpress line model"):
        LineModel.from_file(bad)


def test_load_pages_finds_texts_and_names_bad_files(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "gold" / "page.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "seeds" / "page.txt").write_text(PAGE, encoding="utf-8")
    pages = load_pages([tmp_path / "gold"], weight=3)
    assert [(p.text, p.weight) for p in pages] == [(PAGE, 3)]
    (tmp_path / "gold" / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: not a gold annotation"):
        load_pages([tmp_path / "gold"])


def test_decisions_say_why() -> None:
    d = decisions("·· 10\n正文。")[0]
    assert (d.line, d.label) == (1, "furniture")
    assert 0.5 < d.probability <= 1.0
    assert d.features and all(w > 0 for _, w in d.features)


def test_a_lone_short_line_with_digits_is_not_furniture() -> None:
    # With no page around it, such a line once looked like a masthead's date line to the model.
    assert cnpress.clean("潜心 20年,撕 开?", cnpress.Options(widen_punct=False)) == "潜心20年,撕开?\n"


# --- blocks from labels -----------------------------------------------------------

def _build(texts: list[str], labels: list[str]) -> list[tuple[str, str, tuple[int, int]]]:
    lines = [NLine(n, t) for n, t in enumerate(texts, 1)]
    blocks = build_labelled_blocks(lines, labels, [""] * len(lines))
    return [(b.kind.value, b.text, b.span) for b in blocks]


def test_a_paragraph_reads_across_a_page_number() -> None:
    assert _build(["有光，才有了人们眼中色彩斑斓的", "·· 10", "世界。"], ["start", "furniture", "end"]) == [
        ("paragraph", "有光，才有了人们眼中色彩斑斓的世界。", (1, 3)), ("furniture", "·· 10", (2, 2))]


def test_a_vertical_byline_is_one_block() -> None:
    got = _build(["本", "报", "记", "者", "齐", "旭", "正文。"], ["byline"] * 6 + ["start1"])
    assert got[0] == ("byline", "本报记者齐旭", (1, 6))


def test_heading_lines_of_one_kind_join_and_an_article_start_breaks_a_paragraph() -> None:
    got = _build(["中国兵器北重集团闫炯", "获“中央企业劳动模范”称号", "正文一行", "新文章。"],
                 ["title", "title", "body", "start1"])
    assert got == [("title", "中国兵器北重集团闫炯获“中央企业劳动模范”称号", (1, 2)),
                   ("paragraph", "正文一行", (3, 3)), ("paragraph", "新文章。", (4, 4))]


def test_articles_from_starts_give_headers_to_the_next_article() -> None:
    bs = [Block(BlockKind.PARAGRAPH, "前文。", (1, 1)), Block(BlockKind.SOURCE, "（来源：某报）", (2, 2)),
          Block(BlockKind.TITLE, "新标题", (3, 3)), Block(BlockKind.BYLINE, "本报记者 齐旭", (4, 4)),
          Block(BlockKind.PARAGRAPH, "正文。", (5, 5))]
    arts = articles_from_starts(bs, {1: "start", 5: "start"})
    assert [[b.span[0] for b in a.blocks] for a in arts] == [[1, 2], [3, 4, 5]]
    assert arts[0].source == "（来源：某报）" and arts[1].title == "新标题"


# --- the command line -----------------------------------------------------------

def test_cli_train_and_use_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "page.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    model = tmp_path / "m.crfsuite"
    assert main(["train", str(tmp_path / "gold"), "--texts", str(tmp_path), "-o", str(model)]) == 0
    assert "fitted" in capsys.readouterr().err
    assert main(["explain", "--model", str(model), str(tmp_path / "page.txt")]) == 0
    first = capsys.readouterr().out.splitlines()[0].split("\t")
    assert first[:2] == ["1", "title"] and first[-1] == "标题"


def test_cli_bad_model_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert main(["clean", "--model", str(tmp_path / "missing.crfsuite"), str(tmp_path / "page.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cnpress: ") and err.count("\n") == 1


# --- what a style fixes by definition (constrain) ---------------------------------

def test_constrain_blank_separated_sentence_end_ends_the_paragraph() -> None:
    # A converter's blank-line-separated text with extraction noise (so not cnpress's own output).
    text = "\n\n".join(["这是一个完整的段落，潜心 20年，它在这里结束。" * 3] * 6)
    table = build_table(_lines(text))
    assert table.regions[0].style == "long-line+blank-sep"
    assert constrain(table, ["body"] * 6) == ["end"] * 6


def test_constrain_a_vertical_run_is_one_block() -> None:
    table = build_table([NLine(n, c) for n, c in enumerate("本报记者齐旭", 1)])
    assert constrain(table, ["byline", "section", "section", "byline", "title", "section"]) == ["byline"] * 6


def test_constrain_sparse_markdown_marks_make_headings() -> None:
    table = build_table(_lines("## 促转型：向“数字化”要竞争力\n" + "\n".join([COLUMN] * 20)))
    assert constrain(table, ["byline"] + ["body"] * 20)[0] == "title"


#: An example line for every named fact of the tables in cnpress.features.
FACT_EXAMPLES = {
    "section-number": "一、提高认识",
    "list-item": "三是开展消费电子内循环行动。",
    "agency-or-role": "新华社记者 陈刚",
    "credit-end": "新华社记者 季春鹏 摄",
    "author-credit": "文 / 卢劲",
    "paper-name": "中原建设导刊",
    "lone-name": "杨国强",
    "jump": "（下转第2版）",
    "dateline": "据新华社北京1月12日电（记者周志方、赵秀",
    "lead-in": "本报讯 记者齐旭报道：6月27日，中博会开幕。",
    "lead-line": "本报北京 1月 14 日讯记者祝华新报道 :",
    "trailing-attribution": "…并于近日播出。（马卫星）",
}


def test_every_named_fact_has_an_example_that_sets_it() -> None:
    from cnpress.features import LEAD_FACTS, SHAPE_FACTS, WORD_FACTS

    names = [name for table in (SHAPE_FACTS, WORD_FACTS, LEAD_FACTS) for name, _ in table]
    assert sorted(names) == sorted(FACT_EXAMPLES)
    for name in names:
        facts = build_table([NLine(1, FACT_EXAMPLES[name])]).own[0]
        assert name in facts, (name, facts)
        assert name not in build_table([NLine(1, "有光，才有了人们眼中色彩斑斓的世界。")]).own[0]


# --- bylines and attributions that wrap onto the next line -------------------

def test_byline_bracket_wrapped_onto_the_body_line_goes_with_the_byline() -> None:
    # Two reporters after the wrap: the bracket's end holds a 、.
    assert _build(["新华社巴格达1月29日电（记者刘加", "文、顾正龙）伊拉克总统萨达姆29日表示，伊拉克不希望发生战争。"],
                  ["byline", "start1"]) == [
        ("byline", "新华社巴格达1月29日电（记者刘加文、顾正龙）", (1, 2)),
        ("paragraph", "伊拉克总统萨达姆29日表示，伊拉克不希望发生战争。", (2, 2)),
    ]


def test_dateline_lead_wrapped_onto_the_body_line_goes_with_the_byline() -> None:
    # No bracket: the lead ends with 报道：, read across the wrap.
    assert _build(["本报重庆1月9日电新华社记者李佩、本", "报记者李维平报道：研讨会8日在重庆举行。"],
                  ["byline", "start1"]) == [
        ("byline", "本报重庆1月9日电新华社记者李佩、本报记者李维平报道：", (1, 2)),
        ("paragraph", "研讨会8日在重庆举行。", (2, 2)),
    ]


def test_a_byline_before_an_unrelated_body_line_takes_nothing_from_it() -> None:
    assert _build(["本报记者 张三", "李四是一位老工人。"], ["byline", "start1"]) == [
        ("byline", "本报记者 张三", (1, 1)),
        ("paragraph", "李四是一位老工人。", (2, 2)),
    ]


def test_trailing_attribution_wrapped_onto_its_own_line_is_one_byline() -> None:
    # "（马" ends the paragraph's last line, "利）" is alone on the next.
    blocks = _build(["这批物资将以义卖转换为资金，用于设立妇女扶贫专项基金。（马", "利）"], ["start1", "byline"])
    assert blocks == [
        ("paragraph", "这批物资将以义卖转换为资金，用于设立妇女扶贫专项基金。", (1, 1)),
        ("byline", "（马利）", (1, 2)),
    ]


def test_wrapped_dateline_attribution_with_spaces_is_one_byline() -> None:
    # A dateline attribution wraps after the place's first character; the
    # extractor put spaces between its digits and units.
    blocks = _build(["至少国际泳联的行动是认真的。”（本报珀", "斯1 月7 日电）"], ["start1", "byline"])
    assert blocks == [
        ("paragraph", "至少国际泳联的行动是认真的。”", (1, 1)),
        ("byline", "（本报珀斯1月7日电）", (1, 2)),
    ]


def test_trailing_attribution_wrap_loses_nothing() -> None:
    text = "这批物资将以义卖转换为资金，用于设立妇女扶贫专项基金。（马\n利）\n"
    lines = [NLine(1, text.splitlines()[0]), NLine(2, "利）")]
    blocks = build_labelled_blocks(lines, ["start1", "byline"], ["", ""])
    assert unaccounted(text, Document(tuple(blocks))) == {}


def test_no_paragraph_ends_inside_a_bracket_the_next_line_closes() -> None:
    table = build_table([NLine(1, "欧洲三大股市普遍下挫，使股票市值骤跌２６０亿英镑（相当于４２０"),
                         NLine(2, "亿美元）。伦敦股市后市出现反弹。")])
    assert constrain(table, ["start1", "end"]) == ["start", "end"]
    # A bracket the next line opens anew says nothing.
    table = build_table([NLine(1, "使股票市值骤跌２６０亿英镑（相当于４２０"), NLine(2, "（新华社稿）")])
    assert constrain(table, ["start1", "end"]) == ["start1", "end"]


def test_a_sentence_end_ends_the_paragraph_in_one_paragraph_per_line_text() -> None:
    # Lines of 100+ ems are paragraphs, not a column; a stray hard break
    # (line 2 / line 3) falls inside a word, and a sentence end closes.
    long = "第一段的内容很长，" * 12 + "到此为止。"
    table = build_table([NLine(1, long), NLine(2, "第二段" * 40 + "政策"), NLine(3, "体系已经建立。"),
                         NLine(4, long)])
    assert table.regions[0].column > 90
    assert constrain(table, ["start", "body", "body", "body"]) == ["start1", "body", "end", "end"]


def test_a_sentence_end_in_a_wide_column_is_left_to_the_model() -> None:
    # A single column 48 ems wide is hard-wrapped: a line may end at 。 mid-paragraph.
    texts = ["经济" * 24] * 3 + ["发展" * 23 + "好。"] + ["经济" * 24] * 3 + ["发展" * 23 + "好。"]
    table = build_table([NLine(n, t) for n, t in enumerate(texts, 1)])
    assert table.regions[0].column < 90
    assert constrain(table, ["body"] * 8) == ["body"] * 7 + ["end"]


# --- numbered lists ----------------------------------------------------------

def test_each_item_of_a_numbered_list_closed_by_semicolons_is_a_paragraph() -> None:
    lines = [NLine(1, "1. 设备数字化率稳步提升；"), NLine(2, "2. 生产作业可视化程度有待进一步提"), NLine(3, "高；"),
             NLine(4, "3. 智能仓储应用场景逐渐普及；"), NLine(5, "4. 产业链供应链数据的集成和管理。")]
    # The model took the items for section heads: no heading closes with ；.
    got = constrain(build_table(lines), ["section", "section", "section", "section", "end"])
    assert got == ["end", "body", "end", "end", "end"]
    blocks = build_labelled_blocks(lines, got, [""] * 5)
    assert [b.text for b in blocks] == ["1. 设备数字化率稳步提升；", "2. 生产作业可视化程度有待进一步提高；",
                                        "3. 智能仓储应用场景逐渐普及；", "4. 产业链供应链数据的集成和管理。"]


def test_a_lone_enumeration_in_running_text_is_not_split() -> None:
    # "第二，" opens a line, but "第一" and "第三" do not: running text wrapped at the column.
    texts = ["为了更好的分析工业品电商平台，我们按照", "——第一，传统电商在工业品领域的垂直平台；",
             "第二，传统工业企业转型的工业品互联网采购平", "台；第三，国外的工业品互联网采购平台。"]
    labels = ["start", "body", "body", "end"]
    assert constrain(build_table([NLine(n, t) for n, t in enumerate(texts, 1)]), labels) == labels


def test_a_numbered_item_closed_by_a_full_stop_may_stay_a_section_head() -> None:
    texts = ["一是共性基础技术原创性能力薄弱，支撑不力。", "我国产业基础研究投入不足。", "二是关键零部件供给能力不足。"]
    labels = ["section", "end", "section"]
    assert constrain(build_table([NLine(n, t) for n, t in enumerate(texts, 1)]), labels) == labels


def test_a_vertical_run_is_one_block_however_the_rule_pass_grouped_its_lines() -> None:
    # "吴" / "孟" / "超" set one character a line: when the rule pass made each
    # line a heading of its own, the run still is one string, so no block
    # break falls inside it (a vertical byline becomes one byline block, and
    # clean() prints it as one line, which reads back as cnpress's own output).
    from dataclasses import replace

    from cnpress.decide import block_breaks
    from cnpress.features import build_table

    table = build_table([NLine(1, "他没有被授权对此要求作出答复"), NLine(2, "吴"), NLine(3, "孟"), NLine(4, "超")])
    assert [f for f in table.own[2] if f.startswith("vrun-")][-1] == "vrun-mid"
    apart = replace(table, rules=replace(table.rules, heading_block={1: 0, 2: 1, 3: 2, 4: 3}))
    assert sorted(block_breaks(apart)) == [1]  # the headline stands apart from the run, the run holds together
