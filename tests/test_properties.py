"""Properties of the pipeline: on every seed file and on generated text (hypothesis).

The contract in DESIGN.md: ``parse`` never raises, nothing is lost (every
non-space input character is kept or logged as a repair), spans point at the
raw lines, and ``clean`` is idempotent.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cnpress
from cnpress import BlockKind, Document, fix_spacing
from cnpress.evaluate import unaccounted

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEED_STEMS = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))

# jieba loads its dictionary on first use (about a second): do it now, not inside a timed example.
cnpress.clean("博 士 、船 名 航 次 ：")

_HAN = regex.compile(r"\p{Han}")
_CJK_ASCII_SPACE = regex.compile(r"\p{Han} [A-Za-z0-9]|[A-Za-z0-9] \p{Han}")
# Undo punctuation widening on both sides before comparing characters.
_NARROW = str.maketrans("？！，；：（）", "?!,;:()")


@cache
def _seed(stem: str) -> tuple[str, Document]:
    text = cnpress.read_text(SEEDS_DIR / f"{stem}.txt")
    return text, cnpress.parse(text)


@cache
def _clean_seed(stem: str) -> str:
    return cnpress.clean(_seed(stem)[0])


def _han_count(text: str) -> int:
    return len(_HAN.findall(text))


# ======================================================================================
# every seed file
# ======================================================================================


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_clean_is_idempotent_on_seed(stem: str) -> None:
    once = _clean_seed(stem)
    assert cnpress.clean(once) == once


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_nothing_is_lost_on_seed(stem: str) -> None:
    text, doc = _seed(stem)
    assert unaccounted(text, doc) == {}


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_spans_are_valid_on_seed(stem: str) -> None:
    text, doc = _seed(stem)
    n = len(cnpress.split_lines(text))
    bad = []
    for b in doc.blocks:
        first, last = b.span
        if not (1 <= first <= last <= n):
            bad.append((b.kind.value, b.span, "span out of range"))
        elif not b.lines or not all(first <= x <= last for x in b.lines):
            bad.append((b.kind.value, b.span, b.lines))
        elif (min(b.lines), max(b.lines)) != b.span:
            bad.append((b.kind.value, b.span, b.lines))
    assert bad == []


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_paragraph_spans_point_at_their_raw_lines(stem: str) -> None:
    text, doc = _seed(stem)
    raw = cnpress.split_lines(text)
    wrong = []
    for b in doc.of_kind(BlockKind.PARAGRAPH):
        first, last = b.span
        have = Counter(c for c in "".join(raw[first - 1:last]).translate(_NARROW) if not c.isspace())
        need = Counter(c for c in b.text.translate(_NARROW) if not c.isspace())
        missing = need - have
        if missing:
            wrong.append((b.span, dict(missing), b.text[:30]))
    assert wrong == []


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_no_han_character_lost_on_seed(stem: str) -> None:
    text, doc = _seed(stem)
    kept = sum(_han_count(b.text) for b in doc.blocks)
    repaired = sum(_han_count(r.before) - _han_count(r.after) for r in doc.repairs)
    assert _han_count(text) == kept + repaired
    assert _han_count(text) > 1000  # the seeds are real pages, not empty files


# An inline dateline lead-in rendered in front of its paragraph keeps its real separating
# space ("本报讯 6月26日，…"), as the printed page has it; every other gap must go.
_LEAD_IN = regex.compile(r"^(?:本报|本刊|本台)讯 ", regex.MULTILINE)


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_no_space_between_cjk_and_ascii_after_clean(stem: str) -> None:
    out = _LEAD_IN.sub("", _clean_seed(stem))
    assert _CJK_ASCII_SPACE.findall(out) == []


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_no_space_between_cjk_and_ascii_in_blocks(stem: str) -> None:
    _, doc = _seed(stem)
    bad = [(b.span, b.text[:40]) for b in doc.blocks
           if b.kind is not BlockKind.FURNITURE and _CJK_ASCII_SPACE.search(b.text)]
    assert bad == []


# ======================================================================================
# generated text
# ======================================================================================

_AWKWARD = list(
    "\x00\x07\x1b\x7f\r\n\t\u2028\u2029\u0085\u00a0\u3000\u200b\ufeff "
    "姻荫■渊冤—⁃\u00ad\u2010-·#○，。、？！；：（）()?!,;:“”《》…"
    "0123456789ABCXYZabcxyz博士日联科技有光的世界记者新华社本报讯下转第版上接"
)
_ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_AWKWARD)), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
@example("姻 新华社记者 陈刚\r\n\r\n有光，才有了世界。\u2028(下转第2版)")
@example("\x00")
@example("———\n渊林伟霞 黄俭冤\n荫 9月 24日，在日联科技")
def test_parse_never_raises_and_loses_nothing(text: str) -> None:
    doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_TEXT)
def test_parse_never_raises_and_loses_nothing_on_awkward_text(text: str) -> None:
    doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}
    n = len(cnpress.split_lines(text))
    for b in doc.blocks:
        assert 1 <= b.span[0] <= b.span[1] <= n


_SPACING_ALPHABET = st.sampled_from(list(
    "博士船名航次日联科技有光的世界质量数字绿色融合摄影报道记者季春鹏"
    "0123456789ABCXYZabcxyz"
    "，。、：；？！（）“”《》%.,:;?!()/-"
) + [" "] * 8)
_SPACING_TEXT = st.text(alphabet=_SPACING_ALPHABET, max_size=60)


@settings(max_examples=400, deadline=None)
@given(_SPACING_TEXT, st.sampled_from(["tight", "spaced", "keep"]))
@example("潜心 20年", "tight")
@example("博 士 、", "tight")
@example("TCL大供应链", "spaced")
def test_fix_spacing_changes_only_spaces(text: str, style: str) -> None:
    out = fix_spacing(text, style)  # type: ignore[arg-type]
    assert out.replace(" ", "") == text.replace(" ", "")


@settings(max_examples=400, deadline=None)
@given(_SPACING_TEXT, st.sampled_from(["tight", "spaced"]))
def test_fix_spacing_is_idempotent(text: str, style: str) -> None:
    once = fix_spacing(text, style)  # type: ignore[arg-type]
    assert fix_spacing(once, style) == once  # type: ignore[arg-type]


# --- realistic newspaper text ----------------------------------------------------------------

_COMMON_HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
    "道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特"
    "件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队"
    "南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风"
    "切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许"
    "步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列"
)


def _em(text: str) -> float:
    return sum(0.5 if c.isascii() else 1.0 for c in text)


@st.composite
def _clause(draw: st.DrawFn) -> str:
    han = st.text(alphabet=_COMMON_HAN, min_size=2, max_size=10)
    parts = [draw(han)]
    if draw(st.booleans()):
        number = draw(st.sampled_from(["20", "3000", "0.4", "21.01", "2025", "7", "120", "5G", "X"]))
        parts += [number, draw(st.text(alphabet=_COMMON_HAN, min_size=1, max_size=6))]
    return "".join(parts)


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        clauses = draw(st.lists(_clause(), min_size=1, max_size=4))
        sentences.append("，".join(clauses) + "。")
    return "".join(sentences)


_NO_LINE_START = frozenset("，。、；：？！”）")


def _wrap(paragraph: str, width: int) -> list[str]:
    """Wrap at ``width`` ems; the first line is 2 ems shorter (its indent was lost).

    As typesetters do, a closing mark never starts a line: it hangs at the end of the line before.
    """
    lines: list[str] = []
    line = ""
    limit = width - 2
    for c in paragraph:
        if _em(line + c) > limit and c not in _NO_LINE_START:
            lines.append(line)
            line, limit = "", width
        line += c
    if line:
        lines.append(line)
    return lines


@st.composite
def newspaper_text(draw: st.DrawFn) -> str:
    """Paragraphs wrapped in a narrow column, blank lines anywhere, spaces before digit runs, some headings."""
    width = draw(st.integers(15, 22))
    out: list[str] = []
    for i in range(draw(st.integers(1, 4))):
        if i and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.text(alphabet=_COMMON_HAN, min_size=4, max_size=10)))  # a short heading
        out.extend(_wrap(draw(_paragraph()), width))
    lines = []
    for line in out:
        if draw(st.booleans()):
            line = regex.sub(r"(?<=\p{Han})(?=[0-9X])", " ", line)  # "潜心 20年"
        lines.append(line)
        lines.extend([""] * draw(st.integers(0, 2)))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newspaper_text())
def test_generated_newspaper_text_is_well_formed(text: str) -> None:
    # The generator makes what it promises: narrow lines, Chinese text.
    assert all(_em(line.replace(" ", "")) <= 23 for line in text.split("\n"))
    assert not any(line.startswith(tuple(_NO_LINE_START)) for line in text.split("\n"))
    doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}
    assert _CJK_ASCII_SPACE.findall(cnpress.clean(text)) == []


# clean()'s output re-reads as cnpress's own output (style +own), where every line
# is a block: idempotent by construction on every seed and dev page (tests/test_corpus.py)
# and on the cases hypothesis found against 0.1; a rendering that does not read as that
# style (a few lines, too few to tell it by) is read back as printed (pipeline._settled).
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newspaper_text())
@example("一一一一一。\n一一一一\n一一。")
@example("老安，列法可共反看20土设。\n时万等家不根和来身\n步即达外。")
@example("一一。\n一一一一\n一一。\n一一一一\n一一20一。")
@example("么你器五规基图名他命打增，对使十\n办———场\n么你器五规基图名他命打增，对使十\n一一，局些我七")
def test_clean_is_idempotent_on_newspaper_text(text: str) -> None:
    once = cnpress.clean(text)
    assert cnpress.clean(once) == once


# What benchmarks/fuzz.py --examples 100000 found last: a block set aside on the page
# (a jump line, a byline, a page counter) between two printed lines that a re-read
# of the print joins.  The print cannot show the block, so its reading is kept.
@pytest.mark.parametrize("text", [
    "构 往 只 决 信 族 八 就\n人民日报记者 达同说\n原就中它快斯———史业\n——解动克决于但受\n（下转第5版冤\n"
    "——解动克决于但受",
    "名头主料达马头”\u2028处你县层老才—民委线\u2028新华社记者 切圆 摄\r性农直包区再元商习容离很，情都\u2029"
    "（二）就细委声列\n\n10. 力出传制么更我十\r\n入无争着影比争率把过你元委你或写重公。”\x0c三、除标很局总北\r\n"
    "荫 还例任代京最主层统头太每即在\x0c工业 X射线 Spe⁃\n\n荫 边七般接\r（上接第2版）\u20283 / 71\x0c——领得保这节备\n",
])
def test_clean_is_idempotent_across_a_block_set_aside(text: str) -> None:
    once = cnpress.clean(text)
    assert cnpress.clean(once) == once
    assert "下转" not in once and "上接" not in once  # the jump lines are still set aside


# Lines shaped like the structures the layout and article rules look for: dash
# decks, numbered headings, source lines, trailing attributions, list items,
# column labels, short openings and long-line paragraphs, in any order.
_PAGE_LINES = st.sampled_from([
    "——第一，传统电商在工业品领域的垂直平台；", "——浙仪协工作联系人交流活动成功举办", "———9月 26日召开的会议作出",
    "一、提高对打好“两化”攻坚战重大意义的", "认识，增强紧迫感与责任感", "（二）突出重点，分类实施，努力取得突破",
    "1. 设备数字化率稳步提升；", "3. 生产作业可视化程度有待进一步提高", "（来源：浙江日报）", "○行业动态○", "会员成果",
    "…推动学习教育更加深入、见到实效。（岳炎）", "一是加强数据挖掘。",
    "三是开展畅通消费电子内循环系列行动。",
    "服务的覆盖面。与此同时，要利用金融科技工具。", "提高贷款审批效率，拓宽金融",
    "（上接第1版）从政府的角度来看，",
    "为了更好的分析工业品电商平台，我们按照", "平台的背景把工业品电商领域分为四大阵型",
    "省经信厅召开浙江省建设国家传统制造业",
    "改造升级示范区新闻通气会", "黄华伟 朱佳妮 摄影报道", "姻 新华社记者 陈刚", "", "",
    "近年来，我国中小企业数字化转型步伐明显加快，越来越多的企业通过工业互联网平台实现生产、管理和销售各环节的数据贯通。",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PAGE_LINES, max_size=40))
@example(["为了更好的分析工业品电商平台，我们按照", "平台的背景把工业品电商领域分为四大阵型",
          "——第一，传统电商在工业品领域的垂直平台；", "——浙仪协工作联系人交流活动成功举办"])
def test_page_shaped_text_never_raises_and_loses_nothing(page: list[str]) -> None:
    text = "\n".join(page)
    doc = cnpress.parse(text)
    assert unaccounted(text, doc) == {}
    n = len(cnpress.split_lines(text))
    for b in doc.blocks:
        assert 1 <= b.span[0] <= b.span[1] <= n
        assert all(1 <= no <= n for no in b.lines)
    # every block is in exactly one article
    in_articles = [id(b) for a in doc.articles for b in a.blocks]
    assert sorted(in_articles) == sorted(id(b) for b in doc.blocks)


@st.composite
def side_by_side_text(draw: st.DrawFn) -> str:
    """Two or three columns of generated newspaper text set side by side, as
    ``pdftotext -layout`` does (the gutter at a column start, with indents)."""
    columns = [[line for line in draw(newspaper_text()).split("\n") if line] for _ in range(draw(st.integers(2, 3)))]
    width = max(len(line) for column in columns for line in column) + draw(st.integers(2, 6))
    rows = []
    for k in range(max(len(c) for c in columns)):
        cells = [c[k] if k < len(c) else "" for c in columns]
        rows.append("".join(cell.ljust(width) for cell in cells).rstrip())
    return "\n".join(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side_by_side_text(), st.booleans())
def test_columns_lose_nothing_and_keep_spans_valid(text: str, undo: bool) -> None:
    doc = cnpress.parse(text, cnpress.Options(undo_interleaving=undo))
    assert unaccounted(text, doc) == {}
    n = len(cnpress.split_lines(text))
    raw = cnpress.split_lines(text)
    for b in doc.blocks:
        assert b.lines and 1 <= b.span[0] <= b.span[1] <= n
        assert (min(b.lines), max(b.lines)) == b.span
        # Every character of the block stands on one of its raw lines.
        held = Counter(c for c in "".join(raw[k - 1] for k in set(b.lines)).translate(_NARROW) if not c.isspace())
        assert Counter(c for c in b.text.translate(_NARROW) if not c.isspace()) - held == Counter()
