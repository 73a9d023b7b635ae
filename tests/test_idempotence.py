"""``clean(clean(x)) == clean(x)``: one test per mechanism the fuzz harness
found breaking it (issue 8, ``benchmarks/fuzz.py``).

Each input is shaped like the failing fuzz case it stands for, in words an
editor can read; the expected output is what that editor wants printed.
"""

from __future__ import annotations

import unicodedata

import pytest

import cnpress
from cnpress import Options
from cnpress.normalize import normalize_lines
from cnpress.reading import split_lines
from cnpress.styles import detect_styles

_DEFAULT = Options()


def _styles(text: str, options: Options = _DEFAULT) -> list[str]:
    return [r.style for r in detect_styles(normalize_lines(split_lines(text), options)[0], options)]


def test_output_of_headings_and_bylines_reads_as_own_output() -> None:
    # Sections, bylines and one-line paragraphs of like widths fill a "column"
    # the way hard-wrapped lines do, but no word reads across from one into
    # the next: that is cnpress's output, one block a line, not a
    # double-spaced column to join up again (fuzz, strategy page: most of
    # its failures).
    # (Read as a column, "一、提高认识" and "二、加强管理" were joined.)
    out = "一、提高认识\n\n二、加强管理\n\n新华社记者 陈刚\n\n三、落实责任\n\n各地要抓好落实。\n\n四、强化保障\n"
    assert _styles(out) == ["column+own"]
    assert cnpress.clean(out) == out


def test_double_spaced_column_is_still_joined() -> None:
    # ... while a double-spaced column whose lines run on mid-word is not
    # cnpress's output: it is joined into its paragraph.
    raw = "\n\n".join(["这束光，是长三角制造业重镇无锡的一", "家科创企业，潜心二十年的成果。这束光，以",
                       "超高精度、超高效率，让芯片内的气泡、整车", "铸件的缺陷、食品里的异物无所遁形。",
                       "做光，做自己的光，做照亮别人的光。"])
    assert "+own" not in _styles(raw)[0]
    assert cnpress.clean(raw).startswith("这束光，是长三角制造业重镇无锡的一家科创企业，")


def test_bylines_left_out_by_the_options_stay_printed_text_on_the_second_pass() -> None:
    # Under render_bylines=False the first pass printed these lines, so they
    # are text of the output, not bylines to leave out again.
    opts = Options(render_bylines=False)
    out = "本报讯 记者王明报道：会议召开\n\n本报讯 记者李华报道：就业形势\n"
    assert _styles(out, opts) == ["column+own"]
    assert cnpress.clean(out, opts) == out


def test_long_dashes_kept_by_the_options_are_own_output() -> None:
    # With shorten_dashes=False a long dash is what clean() prints: a line
    # holding one is still its output (fuzz, strategy options).
    opts = Options(shorten_dashes=False)
    once = cnpress.clean("———\n…", opts)
    assert once == "———\n\n…\n"
    assert cnpress.clean(once, opts) == once


def test_a_text_printing_as_one_line_is_decided_on_that_line() -> None:
    # "# 2" is a page number a converter marked as a heading; printed without
    # its mark it is a lone "2", which is set aside as furniture.  Deciding
    # it on the raw line (a heading) printed "2", which the next pass set
    # aside: now both passes set it aside, and nothing is lost.
    doc = cnpress.parse("# 2")
    assert [(b.kind.value, b.text) for b in doc.blocks] == [("furniture", "2")]
    assert cnpress.clean("# 2") == ""
    # A wrapped paragraph that prints as one line stays a paragraph.
    once = cnpress.clean("有光，才有了人们眼中色彩斑斓的\n世界。")
    assert once == "有光，才有了人们眼中色彩斑斓的世界。\n"
    assert cnpress.clean(once) == once


def test_one_line_settled_keeps_spans_and_loses_nothing() -> None:
    from cnpress.evaluate import unaccounted

    text = "（三）加强组织领导\n本"
    doc = cnpress.parse(text)
    once = cnpress.render_text(doc)
    assert cnpress.clean(once) == once
    assert unaccounted(text, doc) == {}
    assert all(b.span == (min(b.lines), max(b.lines)) for b in doc.blocks)


@pytest.mark.parametrize("out", [
    # Blocks whose boundary reads as a word (产业|化解 → 产业化, 据中|段接 → 中段):
    # the lines are far shorter than any column, so no column cut them there.
    "一、提高认识\n\n新华社记者 陈刚\n\n二、推动产业\n\n化解过剩产能\n\n三、落实责任\n\n"
    "各地要抓好落实。\n\n四、强化保障\n",
    "三、据中\n\n段接千称很口青形子带严可\n",
])
def test_blocks_whose_boundary_reads_as_a_word_stay_apart(out: str) -> None:
    assert cnpress.clean(out) == out


def test_lines_shorter_than_any_column_are_not_a_column_to_join() -> None:
    # Five equally short heading lines "fill" a 6-em "column" mid-sentence;
    # no column is that narrow, so this is cnpress's output, kept as it is.
    out = "（三）再行称\n\n南又同基写\n\n（三）再行称\n\n中国青年报\n\n（三）再行称\n"
    assert _styles(out) == ["column+own"]
    assert cnpress.clean(out) == out


def test_double_spaced_vertical_text_is_one_block_not_own_output() -> None:
    # Vertically set text, one character a line with blank lines between:
    # clean() prints it as one line, so it is never clean()'s own output.
    doc = cnpress.parse("贵\n\n州\n\n梦\n\n寐\n\n山\n\n门\n\n开\n\n正文的第一段写在这里，很长很长很长很长很长很长。\n")
    assert (doc.blocks[0].kind.value, doc.blocks[0].text) == ("title", "贵州梦寐山门开")
    # Alone, with no page around it, the run's kind is the model's guess
    # (byline or title); that it is one block is not.
    byline = cnpress.parse("本\n\n报\n\n记\n\n者\n\n齐\n\n旭\n")
    assert [b.text for b in byline.blocks] == ["本报记者齐旭"]
    assert byline.blocks[0].kind.value != "paragraph"
    assert "+own" not in byline.styles[0].style


def test_one_chance_word_across_short_blocks_is_not_a_column() -> None:
    # Five printed blocks; jieba reads a word (几划) across one break only, and
    # neither line is running prose: that is chance, not a hard wrap, so the
    # output is cnpress's own and is kept (fuzz, strategy options: a title
    # and a byline printed apart were joined on the second pass).
    opts = Options(spacing="tight", collapse_letter_spacing=False)
    out = ("划2024月31日划2024月31日\n\n通讯员 好感商心 展 思\n\n新华社 采里 持近动\n\n"
           "通讯员 题业内 上九几\n\n划2024月31日响 越 须 目\n")
    assert _styles(out, opts) == ["column+own"]
    assert cnpress.clean(out, opts) == out


def test_a_short_double_spaced_prose_wrap_is_still_joined() -> None:
    # A word read across a break between two lines of running prose is a
    # wrap even in a text of three lines (the README's first example).
    raw = "这束光，以超高精度、超高效\n\n率，让缺陷无所遁形。\n\n·· 10"
    assert cnpress.clean(raw) == "这束光，以超高精度、超高效率，让缺陷无所遁形。\n"


def test_continued_part_printed_as_a_paragraph_stays_one() -> None:
    # A "continued from" line the model read as a heading is body text; in
    # cnpress's own output it is a whole paragraph, not one to join to the
    # next line.
    out = "…见到实效。（因题）\n\n（上接第9版）带论强权提了各以书手专\n\n切回很也切战。\n"
    assert cnpress.clean(out) == out


def test_a_jump_line_is_furniture_whatever_the_model_reads() -> None:
    # A whole line that is a jump marker is furniture (its garbled brackets
    # restored when printed); the model had read this one as a title and
    # printed it garbled, which the second pass then restored.
    opts = Options(render_furniture=True, render_bylines=False)
    doc = cnpress.parse("点 队\n——适前京八事型力一以\n渊来源：体育）\n渊下转第5版冤\n——真边十众", opts)
    assert [(b.kind.value, b.text) for b in doc.blocks if "转" in b.text] == [("furniture", "（下转第5版）")]
    once = cnpress.clean("点 队\n——适前京八事型力一以\n渊来源：体育）\n渊下转第5版冤\n——真边十众", opts)
    assert cnpress.clean(once, opts) == once


def test_short_headings_printed_one_after_another_are_not_vertical_text() -> None:
    # Three Markdown headings of two, two and one characters: clean() prints
    # them as three lines, which the second pass must not read as one
    # vertical run ("春节返乡路"): a run is vertical text when most of its
    # lines are a single character.
    once = cnpress.clean("# 春节\n\n# 返乡\n\n# 路\n")
    assert once == "春节\n\n返乡\n\n路\n"
    assert cnpress.clean(once) == once
    # One character a line is vertical text, printed as one line.
    assert cnpress.clean("本\n\n报\n\n记\n\n者\n\n张\n\n三\n") == "本报记者张三\n"


def test_two_jump_markers_opening_a_paragraph_are_both_furniture() -> None:
    # A page break inside a line leaves two markers together, the second
    # with garbled brackets; once the first was split off, the second was
    # left as the paragraph's whole text, printed garbled, and restored by
    # the second pass.
    opts = Options(render_furniture=True)
    raw = "渊上接第22版）\x0c渊下转第2版冤\n这是正文。\n"
    doc = cnpress.parse(raw, opts)
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("furniture", "（上接第22版）"), ("furniture", "（下转第2版）"), ("paragraph", "这是正文。")]
    # (The first marker's one garbled bracket is restored too, and logged.)
    assert [(r.kind, r.before, r.after) for r in doc.repairs if r.kind == "bracket"][:1] == [("bracket", "渊", "（")]
    once = cnpress.clean(raw, opts)
    assert cnpress.clean(once, opts) == once


def test_a_marker_glyph_behind_a_jump_marker_is_removed_and_logged() -> None:
    # "（转第11版）" cut off the line's start, then "● " opens the rest: the
    # glyph is a marker like any other at a line's start (the second pass,
    # seeing it at the start of the printed line, took it off).
    text = "（转第11版）● 人民日报记者 王小明\n发展中国家的经济增长，\n"
    doc = cnpress.parse(text)
    assert doc.blocks[0].text == "（转第11版）"
    assert not any("●" in b.text for b in doc.blocks)
    assert any(r.kind == "marker-glyph" and r.before == "●" for r in doc.repairs)
    once = cnpress.clean(text)
    assert cnpress.clean(once) == once
    # A Markdown heading mark behind it likewise.
    marked = cnpress.parse("（上接第17版）# 发展中国家的经济增长，\n正在加快。\n")
    assert not any("#" in b.text for b in marked.blocks)
    assert any(r.kind == "markdown-mark" for r in marked.repairs)


def test_a_marker_glyph_behind_a_lead_in_byline_is_removed() -> None:
    # A dateline lead-in, a page break, then a marker glyph: once the lead-in
    # is split off, the glyph opens the paragraph and is taken off (logged).
    text = "据新华社北京1月11日电（记者王明）\x0c荫 发展中国家的经济增长正在加快。\n"
    doc = cnpress.parse(text)
    assert not any("荫" in b.text for b in doc.blocks)
    assert any(r.kind == "marker-glyph" and r.before == "荫" for r in doc.repairs)
    once = cnpress.clean(text, Options(render_bylines=False))
    assert once == "发展中国家的经济增长正在加快。\n"


def test_a_combining_mark_behind_a_no_break_space_joins_the_line_before() -> None:
    # "\xa0" + a combining mark: once the space is gone the mark opens the
    # line, so it goes to the end of the line before, as on the second pass.
    once = cnpress.clean("与江下规\n\xa0\u0353")
    assert once == "与江下规\u0353\n"
    assert cnpress.clean(once) == once


def test_a_line_opening_with_closing_punctuation_goes_on_with_the_heading_before() -> None:
    # "、三基也" cannot open a block: it is more of the line before.
    once = cnpress.clean("产,传又6农族习系a系里她义\n、三基也")
    assert once.count("\n") == 1
    assert cnpress.clean(once) == once


@pytest.mark.parametrize("out", [
    "发圆\n\n目录\n\n目录\n\n发圆\n",  # two-character blocks are not vertical text
    "四、之专\n\n一、术资\n",  # a section number continues nothing
])
def test_printed_short_blocks_stay_apart(out: str) -> None:
    assert "+own" in _styles(out)[0]
    assert cnpress.clean(out) == out


def test_a_combining_mark_that_mojibake_repair_leaves_opening_a_line_joins_the_line_before() -> None:
    # "Ø\x94" is U+0614 (a combining Arabic sign) read as Latin-1: repaired,
    # the mark opens its line, and goes to the end of the line before, as it
    # does on the second pass (fuzz, strategy arbitrary).
    raw = "qP.\x81Ä\x05µ\U00073703\x85Ø\x94\x9f\x81å"
    once = cnpress.clean(raw)
    assert not any(line[:1] == "\u0614" for line in once.split("\n"))
    assert cnpress.clean(once) == once


def test_marks_a_space_apart_at_a_line_start_all_join_the_line_before() -> None:
    # Marks, an ideographic space, more marks: every run goes to the end of
    # the line before (the second pass found the second run opening a line).
    raw = "͆🏫̫̺\x85̶\u3000́͝🐛🌸🖙̩͎͝ؾ得"
    once = cnpress.clean(raw)
    assert all(not unicodedata.combining(line[:1] or "a") for line in once.split("\n")[1:])
    assert cnpress.clean(once) == once
