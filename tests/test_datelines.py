"""Dateline lead-ins and trailing attributions (bylines.py), on examples from real pages.

Spaces around digits are extraction noise, full-width digits occur, and
``渊…冤`` is a broken font map's ``（…）``.  The expected splits are written by
reading the examples, as an editor would.
"""

from __future__ import annotations

import random
import time

import pytest

from cnpress.bylines import (
    AGENCIES,
    LEAD_IN_STARTS,
    TRAILING_ENDS,
    LeadIn,
    parse_byline,
    restore_inline_brackets,
    split_lead_in,
    split_trailing_attribution,
)
from cnpress.rejoin import join_lines

# (paragraph, lead, rest)
LEADS = [
    ("据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）依照宪法和选举法的规定，",
     "据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）", "依照宪法和选举法的规定，"),
    ("本报纽约 1 月 18 日电记者符福渊报道：美国江浙工商总会 17 日在纽约举行",
     "本报纽约 1 月 18 日电记者符福渊报道：", "美国江浙工商总会 17 日在纽约举行"),
    ("新华社北京1月 13 日电中国科学院院士，北京大学物理系教授",
     "新华社北京1月 13 日电", "中国科学院院士，北京大学物理系教授"),
    ("本报北京１月２３日讯新华社记者汪金福、本报记者陈雁报道：在度过了",
     "本报北京１月２３日讯新华社记者汪金福、本报记者陈雁报道：", "在度过了"),
    ("据新华社东京１月２０日电根据日本政府日前公布的", "据新华社东京１月２０日电", "根据日本政府日前公布的"),
    ("新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤参加第八届",
     "新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤", "参加第八届"),
    ("据新华社乌鲁木齐电（记者张先国、段芝璞）全球性的", "据新华社乌鲁木齐电（记者张先国、段芝璞）", "全球性的"),
    # 记者吴兢从今天… is a sentence (no 报道：): it stays in the text
    ("本报北京1 月20 日讯记者吴兢从今天在北京举行的会议上获悉",
     "本报北京1 月20 日讯", "记者吴兢从今天在北京举行的会议上获悉"),
    ("本报讯 记者齐旭报道：6月27日，第二十届中博会开幕。", "本报讯 记者齐旭报道：", "6月27日，第二十届中博会开幕。"),
    ("本报讯 工业和信息化部近日印发《实施方案》", "本报讯", "工业和信息化部近日印发《实施方案》"),
    ("本报讯工业和信息化部近日印发《实施方案》", "本报讯", "工业和信息化部近日印发《实施方案》"),
    ("本报讯（记者 王伟）近日，会议召开。", "本报讯（记者 王伟）", "近日，会议召开。"),
    ("新华社北京1月26日电（中央人民广播电台记者刘振、新华社记者张宿堂）在中国…",
     "新华社北京1月26日电（中央人民广播电台记者刘振、新华社记者张宿堂）", "在中国…"),
    ("新华社联合国１月５日电 安理会今天通过决议。", "新华社联合国１月５日电", "安理会今天通过决议。"),
    ("据新华社电 今年全国粮食总产量创新高。", "据新华社电", "今年全国粮食总产量创新高。"),
]

# (lead, agency, role, names) as parse_byline should read them
LEAD_PARTS = [
    ("据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）", "新华社", "记者", ("张宿堂", "王雷鸣")),
    ("本报纽约 1 月 18 日电记者符福渊报道：", "本报", "记者", ("符福渊",)),
    ("新华社北京1月 13 日电", "新华社", None, ()),
    ("本报北京１月２３日讯新华社记者汪金福、本报记者陈雁报道：", "本报", "记者", ("汪金福", "陈雁")),
    ("新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤", "新华社", "记者", ("马小林", "曹剑杰")),
    ("据新华社乌鲁木齐电（记者张先国、段芝璞）", "新华社", "记者", ("张先国", "段芝璞")),
    ("本报北京1 月20 日讯", "本报", None, ()),
    ("本报讯 记者齐旭报道：", "本报", "记者", ("齐旭",)),
    ("本报讯", "本报", None, ()),
    ("新华社北京1月26日电（中央人民广播电台记者刘振、新华社记者张宿堂）", "新华社", "记者", ("刘振", "张宿堂")),
]

NOT_LEADS = [
    "新华社记者近日从有关部门获悉，今年将新建一批项目。",  # no 电/讯
    "本报记者在采访中了解到，展区人头攒动。",
    "据新华社报道，今年全国粮食总产量创新高。",  # 据…报道 is a sentence
    "会上播放了新华社电视新闻部制作的专题片。",  # the agency is not at the start
    "新华社电视新闻部近日制作了一部专题片。",  # 电视 is a word, not a dateline
    "本报通讯员张三在现场看到，展区人头攒动。",  # 通讯员, not 讯
    "本报记者电话采访了几位专家。",  # a role is not a place
    "联合国１月５日电 安理会今天通过决议。",  # no agency
    "有光，才有了世界。",
    # only the lead, nothing after it
    "本报讯",
    "新华社北京1月13日电",
    "据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）",
    "本报讯 记者齐旭报道：",
    "本报讯 ",
]

# (paragraph, rest, attribution as found, attribution with real brackets)
TRAILING = [
    ("…至少国际泳联的行动是认真的。”（本报珀斯 1 月 7 日电）", "…至少国际泳联的行动是认真的。”",
     "（本报珀斯 1 月 7 日电）", "（本报珀斯 1 月 7 日电）"),
    ("…节目已经制作完成，并于近日播出。（马卫星）", "…节目已经制作完成，并于近日播出。", "（马卫星）", "（马卫星）"),
    ("…造成直接经济损失三十五万余元。渊刘全应冤", "…造成直接经济损失三十五万余元。", "渊刘全应冤", "（刘全应）"),
    ("…游客络绎不绝。（周文广摄）（新华社稿）", "…游客络绎不绝。",
     "（周文广摄）（新华社稿）", "（周文广摄）（新华社稿）"),
    ("…游客络绎不绝。渊周文广摄冤渊新华社稿冤", "…游客络绎不绝。",
     "渊周文广摄冤渊新华社稿冤", "（周文广摄）（新华社稿）"),
    ("…会议在京闭幕。（据新华社北京1月7日电）", "…会议在京闭幕。",
     "（据新华社北京1月7日电）", "（据新华社北京1月7日电）"),
    ("…推动学习教育更加深入、见到实效。(跃文)", "…推动学习教育更加深入、见到实效。", "(跃文)", "(跃文)"),
    ("…后备班组长。 黄华伟 朱佳妮 摄影报道", "…后备班组长。", "黄华伟 朱佳妮 摄影报道", "黄华伟 朱佳妮 摄影报道"),
]

# (attribution, agency, names)
TRAILING_PARTS = [
    ("（本报珀斯 1 月 7 日电）", "本报", ()),
    ("（马卫星）", None, ("马卫星",)),
    ("渊刘全应冤", None, ("刘全应",)),
    ("（周文广摄）（新华社稿）", "新华社", ("周文广",)),
    ("（新华社稿）", "新华社", ()),
]

NOT_TRAILING = [
    "会议由张三主持（见附件）",  # no sentence end before the bracket
    "有光，才有了世界。",
    "…将持续推进这项工作。（待续）",
    "…将持续推进这项工作。（完）",
    "渊源深厚，冤家路窄。",
    "…一场冤案终于昭雪。渊冤",
    "…作品。（周文广摄）有人",  # not at the end
]


@pytest.mark.parametrize(("text", "lead", "rest"), LEADS)
def test_split_lead_in(text: str, lead: str, rest: str) -> None:
    assert split_lead_in(text) == LeadIn(lead, rest)


@pytest.mark.parametrize(("text", "lead", "rest"), LEADS)
def test_every_lead_passes_the_prefilter(text: str, lead: str, rest: str) -> None:
    assert text.startswith(LEAD_IN_STARTS)
    assert lead.startswith(LEAD_IN_STARTS)


def test_prefilter_is_derived_from_agencies() -> None:
    assert set(LEAD_IN_STARTS) == set(AGENCIES) | {"据" + a for a in AGENCIES}


@pytest.mark.parametrize("text", NOT_LEADS)
def test_not_a_lead_in(text: str) -> None:
    assert split_lead_in(text) is None


def test_lead_cut_by_a_wrap_inside_the_bracket() -> None:
    # The raw lines wrap inside the reporter group; the paragraph is the joined text.
    lines = ["据新华社北京 1 月 11 日电（记者张宿", "堂、王雷鸣）依照宪法和选举法的规定，"]
    text = join_lines(lines).text
    assert text == "据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）依照宪法和选举法的规定，"
    got = split_lead_in(text)
    assert got == LeadIn("据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）", "依照宪法和选举法的规定，")
    assert parse_byline(got.lead, (1, 2)).names == ("张宿堂", "王雷鸣")
    lines = ["新华社澳大利亚珀斯１月１１日电渊记者马小", "林、曹剑杰冤参加第八届"]
    got = split_lead_in(join_lines(lines).text)
    assert got == LeadIn("新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤", "参加第八届")


@pytest.mark.parametrize(("lead", "agency", "role", "names"), LEAD_PARTS)
def test_parse_lead_in_byline(lead: str, agency: str, role: str | None, names: tuple[str, ...]) -> None:
    b = parse_byline(lead, (4, 4))
    assert (b.agency, b.role, b.names, b.raw, b.span) == (agency, role, names, lead, (4, 4))


def test_restore_brackets_of_a_lead() -> None:
    lead = "新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤"
    restored = restore_inline_brackets(lead)
    assert restored == "新华社澳大利亚珀斯１月１１日电（记者马小林、曹剑杰）"
    assert [(a, b) for a, b in zip(lead, restored, strict=True) if a != b] == [("渊", "（"), ("冤", "）")]
    # 渊 in a name is not a bracket
    assert restore_inline_brackets("本报纽约 1 月 18 日电记者符福渊报道：") == "本报纽约 1 月 18 日电记者符福渊报道："


@pytest.mark.parametrize(("text", "rest", "attribution", "restored"), TRAILING)
def test_split_trailing_attribution(text: str, rest: str, attribution: str, restored: str) -> None:
    assert text[-1] in TRAILING_ENDS
    assert split_trailing_attribution(text) == (rest, attribution)
    assert restore_inline_brackets(attribution) == restored
    assert len(restore_inline_brackets(attribution)) == len(attribution)


@pytest.mark.parametrize(("attribution", "agency", "names"), TRAILING_PARTS)
def test_parse_trailing_attribution(attribution: str, agency: str | None, names: tuple[str, ...]) -> None:
    b = parse_byline(attribution, (9, 9))
    assert (b.agency, b.names, b.raw) == (agency, names, attribution)


@pytest.mark.parametrize("text", NOT_TRAILING)
def test_not_a_trailing_attribution(text: str) -> None:
    assert split_trailing_attribution(text) is None


def test_restore_leaves_other_text_alone() -> None:
    for text in ("渊源深厚，冤家路窄", "渊冤", "林伟霞 黄俭", "（马卫星）", ""):
        assert restore_inline_brackets(text) == text


def test_parse_byline_never_raises() -> None:
    odd = ["", " ", "（", "）", "渊", "冤", "渊冤", "据", "电", "本报", "新华社电", "（）", "（记者）", "记者报道：",
           "本报讯（记者", "新华社北京1月日电", "（周文广摄）（", "\u3000\t"]
    alphabet = "据新华社本报北京纽约1２ 月日电讯（）()渊冤记者张宿堂、，报道：摄稿·"
    rng = random.Random(1998)
    odd += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(300)]
    for text in odd:
        b = parse_byline(text, (1, 1))
        assert b.raw == text
        split_lead_in(text)
        split_trailing_attribution(text)
        assert len(restore_inline_brackets(text)) == len(text)


ADVERSARIAL = [
    "新华社" + "北" * 20000,
    "（记者" + "张、" * 10000,
    "新华社北京电（记者" + "张、" * 10000,
    "新华社北京电（记者" + "张三、" * 7000,
    "本报讯 记者" + "齐旭、" * 7000 + "报道",
    "据新华社" + "１" * 20000,
    "本报北京" + "1 月" * 7000,
    "。（" + "张三 " * 7000 + "）",
    "。" * 10000 + "（" + "本报" * 5000,
    "。（周文广摄）" * 3000 + "冤",
    "。" + " " * 20000 + "（马卫星）",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_linear_on_adversarial_input(text: str) -> None:
    start = time.perf_counter()
    split_lead_in(text)
    split_trailing_attribution(text)
    restore_inline_brackets(text)
    parse_byline(text, (1, 1))
    assert time.perf_counter() - start < 2.0
