"""Bylines: author lines parsed into agency, role and names.

Forms found in the inputs:

* marker-led lines: ``■ 新华社记者 吴雨 任军`` (the marker is often OCR'd
  as ``姻``), ``■ 新华网 赵秋玥``, ``■ 丁会 刘斌``;
* plain staff lines: ``本报记者 齐旭``;
* bracketed end-of-article lines, also with OCR-garbled brackets:
  ``（林伟霞 黄俭）`` / ``渊林伟霞 黄俭冤``;
* inline lead-ins: ``本报讯 记者齐旭报道：6月27日，…``, and datelines
  ``据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）…``,
  ``本报北京１月２３日讯新华社记者汪金福、本报记者陈雁报道：…``;
* trailing attributions: ``…见到实效。(跃文)``, ``…认真的。”（本报珀斯 1 月 7 日电）``,
  ``…余元。渊刘全应冤``, ``…（周文广摄）（新华社稿）``;
* names run together where the extractor dropped the spaces (PyMuPDF):
  ``本报记者张三李四``, ``新华社记者王小明赵刚``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final, NamedTuple

import regex

from .chars import CAPTION_MARKERS, DATE_DIGIT_CLASS, GARBLED_BRACKETS, HAN_CLASS, MARKER_GLYPHS
from .model import Byline, Span

__all__ = [
    "AGENCIES",
    "AUTHOR_CREDIT",
    "COMPOUND_SURNAMES",
    "LEAD_IN_STARTS",
    "NAME_RUN_MAX",
    "ROLES",
    "TRAILING_ENDS",
    "LeadIn",
    "all_person_names",
    "is_lead_line",
    "is_lone_name",
    "looks_like_byline_line",
    "parse_byline",
    "reads_as_byline",
    "restore_brackets",
    "restore_inline_brackets",
    "split_lead_in",
    "split_name_run",
    "split_trailing_attribution",
]

#: News agencies and papers that sign articles.
AGENCIES: Final = (
    "新华社", "新华网", "人民日报", "人民网", "中新社", "中新网", "光明日报", "经济日报",
    "央视网", "央视新闻", "中国日报", "科技日报", "工人日报", "中国青年报", "本报", "本刊", "本台",
)
#: Roles that stand between agency and names.
ROLES: Final = ("特约记者", "特派记者", "摄影记者", "见习记者", "实习记者", "记者", "通讯员", "实习生", "编辑")

#: Two-character surnames: a name that starts with one is three or four
#: characters long (``欧阳晓明``), not a surname and a name.
COMPOUND_SURNAMES: Final = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
    "宇文", "司徒", "夏侯", "端木", "轩辕", "独孤", "南宫", "西门", "呼延", "申屠", "澹台",
)

# How a byline without a marker glyph can start.
_BYLINE_STARTS: Final = (*AGENCIES, *ROLES, "（", "(", "渊")
_AGENCY = "(?:" + "|".join(AGENCIES) + ")"
_ROLE = "(?:" + "|".join(ROLES) + ")"
# A Chinese personal name: 2–4 Han, or a transliterated name with "·".
_NAME = r"[\p{Han}]{2,4}(?:·[\p{Han}]{1,6})?"
_NAMES = _NAME + r"(?:[ 、，,]+" + _NAME + r"){0,7}"

# "新华社记者 陈刚 杨绍功", "本报记者 齐旭", "新华网 赵秋玥", "丁会 刘斌" (with marker).
_BYLINE_LINE = regex.compile(
    r"^(?P<agency>" + _AGENCY + r")?\s*(?P<role>" + _ROLE + r")?\s*(?P<names>" + _NAMES + r")$"
)
#: The most Han characters of names run together in one byline (four names of three).
NAME_RUN_MAX: Final = 12
# Agency and/or role, then names run together with no space, no punctuation:
# "新华社记者王小明赵刚" (which group is there is checked by the caller).
_BYLINE_RUN = regex.compile(
    r"^(?P<agency>" + _AGENCY + r")?\s*(?P<role>" + _ROLE + r")?\s*(?P<names>[\p{Han}]{2,"
    + str(NAME_RUN_MAX) + r"})$"
)
# Two to four space-separated Han names and nothing else: "段文洁 杨家辉".
_NAME_LIST = regex.compile(r"^[\p{Han}]{2,3}(?: [\p{Han}]{2,3}){1,3}$")
# A whole line in brackets, real or garbled: "（林伟霞 黄俭）", "渊林伟霞 黄俭冤".
_BRACKETED = regex.compile(r"^[（(渊](?P<inner>" + _NAMES + r")[)）冤]$")
# --- inline bylines: lead-in datelines and trailing attributions -------------
#
# Every pattern below is anchored (``^``, ``$`` or a look-behind) and every
# quantifier is bounded, and no bounded repetition holds another unbounded
# one, so a match attempt costs a bounded number of steps at each start.

# Spaces the extractor puts around digits and between the parts of a lead.
_SP = r"[ \t\u3000]{0,3}"
# What separates the names of a reporter group: "、" (or a comma), or spaces.
_SEP = r"(?:[ \u3000]{0,3}[、，,][ \u3000]{0,3}|[ \u3000]{1,3})"
# A dateline's place: 1–8 Han, not 电/讯 (they end the dateline); the
# shortest that lets the rest match ("北京", "澳大利亚珀斯", "联合国").
_PLACE = r"(?P<place>[^\P{Han}电讯]{1,8}?)"
# A one- or two-digit number, half- or full-width ("1", "２０").
_DATE_NUMBER = "[" + DATE_DIGIT_CLASS + "]{1,2}"
# A date: "1 月 20 日", "１月２０日", "20日"; the spaces are extraction noise.
_DATE = r"(?P<date>(?:" + _DATE_NUMBER + _SP + "月" + _SP + ")?" + _DATE_NUMBER + _SP + "日)"
# A dateline: optional 据, agency, optional place and date, then 电 or 讯:
# "据新华社北京 1 月 11 日电", "本报北京１月２３日讯", "本报讯", "新华社电".
_DATELINE = (
    r"(?P<ju>据)?(?P<agency>" + _AGENCY + ")" + _SP + "(?:" + _PLACE + ")?" + _SP
    + "(?:" + _DATE + ")?" + _SP + "(?P<mark>[电讯])"
)


def _bracketed(inner: str) -> str:
    """``inner`` in real brackets (half- or full-width, mixed), or in the
    garbled pair 渊…冤; the bracket characters are the groups ``o`` and ``c``."""
    return "(?:(?P<o>[（(])" + inner + "(?P<c>[)）])|(?P<o>渊)" + inner + "(?P<c>冤))"


# A name in a bracketed reporter group: 2–12 Han (names run together when the
# extractor dropped the spaces are split later), or a transliterated name.
_GROUP_NAME = r"(?P<name>[\p{Han}]{2," + str(NAME_RUN_MAX) + r"}(?:·[\p{Han}]{1,6})?)"
# One role and its name inside brackets, after an optional organisation of
# 1–10 Han: "记者张宿堂", "中央人民广播电台记者刘振", "新华社记者张宿堂".
_GROUP_ITEM = r"(?:[\p{Han}]{1,10}?)?(?P<role>" + _ROLE + ")" + _SP + _GROUP_NAME
# A bracketed reporter group after a dateline: "（记者张宿堂、王雷鸣）",
# "渊记者马小林、曹剑杰冤", "（中央人民广播电台记者刘振、新华社记者张宿堂）".
_BRACKET_GROUP = _bracketed(
    _SP + _GROUP_ITEM + "(?:" + _SEP + "(?:" + _GROUP_ITEM + "|" + _GROUP_NAME + ")){0,7}" + _SP
)
# A name in an unbracketed reporter group: 2–4 Han, or a transliterated name.
_INLINE_NAME = r"(?P<name>[\p{Han}]{2,4}(?:·[\p{Han}]{1,6})?)"
# One optional agency, a role and a name: "记者齐旭", "新华社记者汪金福".
_INLINE_ITEM = "(?:" + _AGENCY + ")?(?P<role>" + _ROLE + ")" + _SP + _INLINE_NAME
# An unbracketed reporter group closed by 报道：: "记者齐旭报道：",
# "新华社记者汪金福、本报记者陈雁报道：" (without 报道： it is a sentence).
_INLINE_GROUP = (
    _INLINE_ITEM + "(?:" + _SEP + "(?:" + _INLINE_ITEM + "|" + _INLINE_NAME + ")){0,7}" + _SP + "报道" + _SP + "[：:]"
)
# Inline lead-in at a paragraph's start: a dateline, then optionally a
# reporter group; "本报讯 记者齐旭报道：", "本报讯（记者 王伟）",
# "新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤".
_LEAD_IN = regex.compile(
    r"^(?P<lead>" + _DATELINE + r"(?P<group>" + _SP + "(?:" + _BRACKET_GROUP + "|" + _INLINE_GROUP + "))?)" + _SP
)
# Papers whose bare "…讯" is a lead whatever follows ("本报讯工业和信息化部…").
_OWN_PAPERS: Final = frozenset({"本报", "本刊", "本台"})

# Names in an attribution's brackets: as in a byline line, but with at most
# six separators between two names, so every quantifier is bounded.
_ATTRIBUTION_NAMES = _NAME + r"(?:[ 、，,]{1,6}" + _NAME + r"){0,7}"
# Markers of what is not an attribution but a serial's note: "（待续）".
_NOT_ATTRIBUTION = r"(?!待续|未完|完|续完|续)"
# A source note: "新华社稿", "据新华社", "人民日报供稿".
_SOURCE_NOTE = r"据?(?P<agency>" + _AGENCY + ")(?:供稿|稿)?"
# What a trailing attribution's brackets hold: a dateline ("本报珀斯 1 月 7 日电"),
# a source note, or names ("马卫星", "林伟霞 黄俭").
_ATTRIBUTION_INNER = (
    _SP + _NOT_ATTRIBUTION + "(?:" + _DATELINE + "|" + _SOURCE_NOTE + "|(?P<names>" + _ATTRIBUTION_NAMES + "))" + _SP
)
# A bracketed photo credit just before an attribution: "（周文广摄）".
_PHOTO_CREDIT = _bracketed(_SP + "(?P<credit>" + _ATTRIBUTION_NAMES + ")" + _SP + "摄" + _SP)
# An attribution: an optional photo credit, then the bracketed attribution.
_ATTRIBUTION = "(?:" + _PHOTO_CREDIT + _SP + ")?" + _bracketed(_ATTRIBUTION_INNER)
# The whole of an attribution (used with fullmatch).
_ATTRIBUTION_ONLY = regex.compile(_ATTRIBUTION)
# A trailing attribution after a sentence end: "…见到实效。(跃文)",
# "…认真的。”（本报珀斯 1 月 7 日电）", "…余元。渊刘全应冤", "…。（周文广摄）（新华社稿）".
_TRAILING = regex.compile(r"(?<=[。！？”…])" + _SP + "(?P<attr>" + _ATTRIBUTION + ")$")
# A trailing photo credit after a sentence end: "…后备班组长。 黄华伟 朱佳妮 摄影报道".
_TRAILING_CREDIT = regex.compile(
    r"(?<=[。！？”…])" + _SP + "(?P<attr>" + _ATTRIBUTION_NAMES + r"\s{0,3}(?:摄影报道|摄影|摄))$"
)
# How far from a paragraph's end a trailing attribution can start (characters):
# the searches start there, so a long paragraph costs no more than a short one.
_TRAILING_WINDOW: Final = 200


#: How a paragraph with an inline lead-in byline starts (a cheap pre-check for
#: :func:`split_lead_in`): every agency of :data:`AGENCIES`, with or without 据.
LEAD_IN_STARTS: Final = (*AGENCIES, *("据" + a for a in AGENCIES))
#: The last character of a paragraph with a trailing attribution or credit
#: (``冤`` is a garbled ``）``).
TRAILING_ENDS: Final = frozenset(")）冤摄道影")


class LeadIn(NamedTuple):
    """A byline split off the start of a paragraph."""

    lead: str
    rest: str


#: An author credit opening a line: "文 / 卢劲", "文/图 张三", "撰文：李四".
AUTHOR_CREDIT: Final = regex.compile(rf"^(?:文|图|文图|图文|撰文|摄影|文字)\s*[/／:：|]\s*[{HAN_CLASS}·]")

# A space an OCR engine put between two Han characters ("本 报记者 张国俊 林 绞 明").
_HAN_GAP = regex.compile(rf"(?<=[{HAN_CLASS}]) +(?=[{HAN_CLASS}])")


def looks_like_byline_line(text: str, marker: str | None = None) -> bool:
    """Whether a whole line is a byline.

    Without a marker glyph the line needs an agency or a role, or brackets
    around the names; with one, names alone will do.  Names run together
    (``新华社记者王小明赵刚``: 2 to :data:`NAME_RUN_MAX` Han, no space, no
    punctuation) count after an agency or a role when jieba reads a
    person's name among them.

    >>> looks_like_byline_line("新华社记者 陈刚 杨绍功 叶昊鸣", "■")
    True
    >>> looks_like_byline_line("本报记者 齐旭")
    True
    >>> looks_like_byline_line("渊林伟霞 黄俭冤")
    True
    >>> looks_like_byline_line("新华社记者王小明赵刚")
    True
    >>> looks_like_byline_line("科技赋能")
    False

    OCR puts spaces inside words: a line that opens with an agency or a
    role once the spaces between Han characters are taken out is read that
    way (``本 报记者 张国俊 林 绞 明``).

    >>> looks_like_byline_line("本 报记者 张国俊 林 绞 明"), looks_like_byline_line("新华社 发布 的数据显示")
    (True, False)
    """
    if len(text) > 40:
        return False
    if _byline_line(text, marker):
        return True
    collapsed = _HAN_GAP.sub("", text) if " " in text else text
    return collapsed != text and collapsed.startswith(_BYLINE_STARTS) and _byline_line(collapsed, marker)


def reads_as_byline(text: str) -> bool:
    """Whether text set vertically, one character a line, is a byline once
    read as one line: a byline line, maybe after its marker glyph
    (``■新华社记者范世阅高云才``), an author credit (``文/高占祥``), or one
    person's name (``陈志强``).

    >>> reads_as_byline("本报特约记者聂卫平"), reads_as_byline("□本报记者韩桂芝"), reads_as_byline("文/高占祥")
    (True, True, True)
    >>> reads_as_byline("贵州梦寐山门开")
    False
    """
    marker = MARKER_GLYPHS.get(text[:1])
    if marker is not None and marker not in CAPTION_MARKERS:
        text = text[1:]
    else:
        marker = None
    return (looks_like_byline_line(text, marker) or AUTHOR_CREDIT.match(text) is not None
            or is_lone_name(text))


def _byline_line(text: str, marker: str | None) -> bool:
    """:func:`looks_like_byline_line` on the text as it is."""
    if marker is None and not text.startswith(_BYLINE_STARTS):
        return _NAME_LIST.match(text) is not None and all_person_names(text.split(" "))
    m = _BYLINE_LINE.match(text)
    if m:
        if m.group("agency") or m.group("role"):
            return True
        if marker is not None and marker not in ("▲", "▼"):
            return True
    run = _BYLINE_RUN.match(text)
    if run and (run.group("agency") or run.group("role")) and _tags_a_person(run.group("names")):
        return True
    b = _BRACKETED.match(text)
    return b is not None and len(regex.split(r"[ 、，,]+", b.group("inner"))) >= 2


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    """jieba's part-of-speech tagger (HMM on), sharing the lazily loaded dictionary."""
    import jieba.posseg

    from .spacing import tokenizer

    return jieba.posseg.POSTokenizer(tokenizer())


def all_person_names(tokens: list[str]) -> bool:
    """Whether jieba tags every token as a person's name (``nr…``).

    Used only on lines already shaped like a list of names, to tell
    ``段文洁 杨家辉`` (a byline) from ``质量 数字`` (a phrase).

    >>> all_person_names(["段文洁", "杨家辉"]), all_person_names(["质量", "数字"])
    (True, False)
    """
    tagger = _pos_tokenizer()
    for token in tokens:
        words = list(tagger.cut(token, HMM=True))
        if not words or not words[0].flag.startswith("nr"):
            return False
    return True


# A line that could be one person's name and nothing else: 2-3 Han, or 4
# opened by a compound surname ("欧阳晓明"; "科教文卫" is not a name).
_LONE_NAME = regex.compile(rf"^(?:[{HAN_CLASS}]{{2,3}}|(?:{'|'.join(COMPOUND_SURNAMES)})[{HAN_CLASS}]{{1,2}})$")


def is_lone_name(text: str) -> bool:
    """Whether a whole line is one person's name, as jieba reads it: the
    signature under a commentary or a feature (``杨国强``), where a byline
    has no agency, no role and no brackets.  Whether it *is* a byline is the
    line model's call (a two-character heading may read as a name too).

    >>> is_lone_name("杨国强"), is_lone_name("欧阳晓明"), is_lone_name("要闻"), is_lone_name("科教文卫")
    (True, True, False, False)
    """
    if _LONE_NAME.match(text) is None:
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return True  # jieba reads 欧阳 as a place
    first = next(iter(_pos_tokenizer().cut(text, HMM=True)), None)
    return first is not None and first.flag.startswith("nr")


def _tags_a_person(run: str) -> bool:
    """Whether jieba tags some word of ``run`` as a person's name (``nr…``)."""
    return any(w.flag.startswith("nr") for w in _pos_tokenizer().cut(run, HMM=True))


def split_name_run(run: str) -> tuple[str, ...]:
    """Split Han names run together (``王小明赵刚``) into names.

    jieba's part-of-speech tagger finds the names (``nr`` words); a single
    character it splits off joins the short name before it (``赵秋`` +
    ``玥``), a compound surname the word after it (``欧阳`` + ``晓明``), and a
    word of four or more characters not opened by a compound surname is
    two names read as one (``张三李四``) and is cut into chunks.  Only when
    jieba finds no name at all is the whole run cut into chunks: as many
    three-character names as leave a whole number of two-character ones
    (5 → 3 + 2, 4 → 2 + 2).

    >>> split_name_run("王小明赵刚")
    ('王小明', '赵刚')
    >>> split_name_run("张三李四")
    ('张三', '李四')
    """
    words = list(_pos_tokenizer().cut(run, HMM=True))
    if not any(w.flag.startswith("nr") for w in words):
        return _chunk_names(run)
    names: list[str] = []
    for word in (w.word for w in words):
        if names and (len(names[-1]) == 1 or names[-1] in COMPOUND_SURNAMES
                      or (len(word) == 1 and len(names[-1]) < 3)):
            names[-1] += word
        elif len(word) > 3 and not word.startswith(COMPOUND_SURNAMES):
            names += _chunk_names(word)
        else:
            names.append(word)
    return tuple(names)


def _chunk_names(run: str) -> tuple[str, ...]:
    """Cut ``run`` into three-character chunks, then two-character ones, as
    many threes as leave an even rest.

    >>> _chunk_names("甲乙丙丁戊"), _chunk_names("甲乙丙丁"), _chunk_names("甲乙丙丁戊己庚")
    (('甲乙丙', '丁戊'), ('甲乙', '丙丁'), ('甲乙丙', '丁戊', '己庚'))
    """
    n = len(run)
    threes = n // 3
    while threes and (n - 3 * threes) % 2:
        threes -= 1
    cuts = [3] * threes + [2] * ((n - 3 * threes) // 2)
    if sum(cuts) != n:  # one character: nothing to cut
        return (run,)
    out, pos = [], 0
    for size in cuts:
        out.append(run[pos:pos + size])
        pos += size
    return tuple(out)


def restore_brackets(text: str) -> str:
    """Restore OCR-garbled brackets around a whole byline line.

    >>> restore_brackets("渊林伟霞 黄俭冤")
    '（林伟霞 黄俭）'
    """
    if _BRACKETED.match(text) and text[0] in GARBLED_BRACKETS and text[-1] in GARBLED_BRACKETS:
        return GARBLED_BRACKETS[text[0]] + text[1:-1] + GARBLED_BRACKETS[text[-1]]
    return text


def parse_byline(text: str, span: Span) -> Byline:
    """Parse a byline's text into agency, role and names.

    Spaced names are split at the spaces (and ``、``, ``，``).  Names run
    together (four or more Han with no separator, ``王小明赵刚``) are split
    by :func:`split_name_run`: with jieba's person-name tags, falling back
    to chunks of three and two characters only when jieba finds no name.

    A whole lead-in (what :func:`split_lead_in` returns) gives the
    dateline's agency, the first role of its reporter group and all the
    names in it; a trailing attribution (what
    :func:`split_trailing_attribution` returns) gives the agency of a
    dateline or source note, and the names of a name list or of the photo
    credit before it.  Garbled brackets (``渊…冤``) are read as brackets;
    ``raw`` is ``text`` as given.  Never raises.

    >>> parse_byline("新华社记者 吴雨 任军", (5, 5))
    Byline(agency='新华社', role='记者', names=('吴雨', '任军'), raw='新华社记者 吴雨 任军', span=(5, 5))
    >>> parse_byline("本报讯 记者齐旭报道：", (1, 1)).names
    ('齐旭',)
    >>> parse_byline("新华社记者王小明赵刚", (2, 2)).names
    ('王小明', '赵刚')
    >>> b = parse_byline("据新华社北京 1 月 11 日电（记者张宿堂、王雷鸣）", (3, 3))
    >>> b.agency, b.role, b.names
    ('新华社', '记者', ('张宿堂', '王雷鸣'))
    >>> b = parse_byline("（本报珀斯 1 月 7 日电）", (9, 9))
    >>> b.agency, b.role, b.names
    ('本报', None, ())
    """
    stripped = restore_inline_brackets(text.strip())
    lead = _LEAD_IN.fullmatch(stripped)
    if lead:
        return Byline(lead.group("agency"), _first(lead.captures("role")),
                      _names_of(lead.captures("name")), text, span)
    attribution = _ATTRIBUTION_ONLY.fullmatch(stripped)
    if attribution and (attribution.group("agency") or attribution.group("credit")):
        names = _names_of([*attribution.captures("credit"), *attribution.captures("names")])
        return Byline(attribution.group("agency"), None, names, text, span)
    inner = stripped.strip("（）()")
    m = _BYLINE_LINE.match(inner) or _BYLINE_RUN.match(inner)
    if m:
        return Byline(m.group("agency"), m.group("role"), _split_names(m.group("names")), text, span)
    return Byline(None, None, _split_names(inner), text, span)


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _names_of(groups: list[str]) -> tuple[str, ...]:
    """The names in captured name groups, each split by :func:`_split_names`."""
    return tuple(name for group in groups for name in _split_names(group))


# Words of a photo credit that are not names: "黄华伟 朱佳妮 摄影报道".
_CREDIT_WORDS: Final = frozenset({"摄", "摄影", "摄影报道", "供图", "报道"})


# What separates spaced names: "陈刚 杨绍功", "林伟霞、黄俭".
_NAME_SEPARATOR = regex.compile(r"[ 、，,]+")
# Han only, no separator, no "·" of a transliterated name: names run together.
_HAN_RUN = regex.compile(r"^[\p{Han}]+$")
# The shortest run of Han that may be more than one name ("张三李四").
_RUN_MIN = 4


def _split_names(names: str) -> tuple[str, ...]:
    # A run longer than NAME_RUN_MAX is no list of names: kept whole (and
    # jieba is not run over a long text).
    if _RUN_MIN <= len(names) <= NAME_RUN_MAX and _HAN_RUN.match(names):
        return split_name_run(names)
    return tuple(n for n in _NAME_SEPARATOR.split(names) if n and n not in _CREDIT_WORDS)


def split_lead_in(text: str) -> LeadIn | None:
    """Split an inline byline lead-in off a paragraph's start.

    A lead is a dateline: optional ``据``, an agency of :data:`AGENCIES`
    (``本报``, ``本刊`` among them), an optional place of 1–8 Han, an
    optional date (``１月２０日``, ``1 月 20 日``: half- or full-width
    digits, spaces allowed), then ``电`` or ``讯``; then optionally a
    reporter group, either bracketed (``（记者张宿堂、王雷鸣）``, garbled
    ``渊…冤``, several roles: ``（中央人民广播电台记者刘振、新华社记者张宿堂）``)
    or closed by ``报道：`` (``记者齐旭报道：``, ``新华社记者汪金福、本报记者陈雁报道：``,
    names of up to 4 Han).  ``lead`` is the text as found (garbled brackets
    kept: see :func:`restore_inline_brackets`), stripped; ``rest`` follows it.

    Not a lead: a paragraph that is only the lead (``None``), and a dateline
    with no date and no reporter group that runs straight on into Han text
    (``新华社电视新闻部…``, ``本报通讯员…``), except the bare ``本报讯``,
    ``本刊讯``, ``本台讯``, which is a lead whatever follows.

    >>> split_lead_in("本报讯 记者齐旭报道：6月27日，第二十届…")
    LeadIn(lead='本报讯 记者齐旭报道：', rest='6月27日，第二十届…')
    >>> split_lead_in("本报讯 工业和信息化部近日印发…")
    LeadIn(lead='本报讯', rest='工业和信息化部近日印发…')
    >>> split_lead_in("新华社北京1月 13 日电中国科学院院士…")
    LeadIn(lead='新华社北京1月 13 日电', rest='中国科学院院士…')
    >>> split_lead_in("新华社记者近日从有关部门获悉，…") is None
    True
    """
    m = _lead_match(text)
    if not m:
        return None
    rest = text[m.end():]
    if not rest.strip():
        return None
    return LeadIn(m.group("lead").strip(), rest)


def is_lead_line(text: str) -> bool:
    """Whether a whole line is a dateline lead with a date or its reporters
    and nothing after it: the extractor broke the line where the lead ends
    (``本报北京 1月 14 日讯记者祝华新报道 :`` / ``在今天召开的…``).

    >>> is_lead_line("本报北京 1月 14 日讯记者祝华新报道 :"), is_lead_line("新华社北京1月13日电")
    (True, True)
    >>> is_lead_line("本报讯"), is_lead_line("本报讯 记者齐旭报道：6月27日，第二十届…")
    (False, False)
    """
    m = _lead_match(text)
    return m is not None and not text[m.end():].strip() and bool(m.group("date") or m.group("group"))


def _lead_match(text: str) -> regex.Match[str] | None:
    """The lead :func:`split_lead_in` reads at the start of ``text``, or ``None``."""
    m = _LEAD_IN.match(text)
    if not m:
        return None
    place = m.group("place")
    if place and any(role in place for role in ROLES):
        return None  # "本报记者电话…": a role is no place
    if not (m.group("date") or m.group("group")
            or (m.group("agency") in _OWN_PAPERS and not place and m.group("mark") == "讯")):
        after = text[m.end("mark"):m.end("mark") + 1]
        if regex.match(r"\p{Han}", after):
            return None  # "新华社电视新闻部…": 电 starts a word
    return m


def split_trailing_attribution(text: str) -> tuple[str, str] | None:
    """Split a trailing attribution or photo credit off a paragraph's end.

    After a sentence end (``。！？”…``), at the very end: a bracketed name
    list (``（马卫星）``), dateline (``（本报珀斯 1 月 7 日电）``) or source note
    (``（新华社稿）``), in real or garbled brackets (``渊刘全应冤``); one
    bracketed photo credit just before it goes with it
    (``（周文广摄）（新华社稿）``).  Or an unbracketed photo credit
    (``黄华伟 朱佳妮 摄影报道``).  Returns ``(rest, attribution)``, the
    attribution as found: garbled brackets are kept, so that
    :func:`restore_inline_brackets` can restore them and the caller log
    what it changed.  Only the last 200 characters are searched.

    >>> split_trailing_attribution("…见到实效。(跃文)")
    ('…见到实效。', '(跃文)')
    >>> split_trailing_attribution("…后备班组长。 黄华伟 朱佳妮 摄影报道")
    ('…后备班组长。', '黄华伟 朱佳妮 摄影报道')
    >>> split_trailing_attribution("…损失三十五万余元。渊刘全应冤")
    ('…损失三十五万余元。', '渊刘全应冤')
    """
    pos = max(0, len(text) - _TRAILING_WINDOW)
    m = _TRAILING.search(text, pos) or _TRAILING_CREDIT.search(text, pos)
    if not m:
        return None
    return text[: m.start()].rstrip(), m.group("attr")


def restore_inline_brackets(byline: str) -> str:
    """Restore the garbled brackets (``渊…冤``) of an inline byline.

    ``byline`` is a lead from :func:`split_lead_in` or an attribution from
    :func:`split_trailing_attribution`; only the brackets of its reporter
    group, attribution or photo credit are restored (``渊`` and ``冤`` are
    ordinary characters everywhere else, and in names: ``符福渊``).  Any
    other text comes back unchanged.  The result has the same length, so
    ``[(i, a, b) for i, (a, b) in enumerate(zip(byline, restored)) if a != b]``
    lists what was restored, for the caller's log.

    >>> restore_inline_brackets("渊刘全应冤")
    '（刘全应）'
    >>> restore_inline_brackets("新华社澳大利亚珀斯１月１１日电渊记者马小林、曹剑杰冤")
    '新华社澳大利亚珀斯１月１１日电（记者马小林、曹剑杰）'
    >>> restore_inline_brackets("渊源深厚，冤家路窄")
    '渊源深厚，冤家路窄'
    """
    m = _LEAD_IN.fullmatch(byline) or _ATTRIBUTION_ONLY.fullmatch(byline)
    if not m:
        return byline
    chars = list(byline)
    for start, _ in (*m.spans("o"), *m.spans("c")):
        chars[start] = GARBLED_BRACKETS.get(chars[start], chars[start])
    return "".join(chars)
