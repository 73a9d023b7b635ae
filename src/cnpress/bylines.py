"""Bylines: author lines parsed into agency, role and names.

Forms found in the inputs:

* marker-led lines: ``■ 新华社记者 吴雨 任军`` (the marker is often OCR'd
  as ``姻``), ``■ 新华网 赵秋玥``, ``■ 丁会 刘斌``;
* plain staff lines: ``本报记者 齐旭``;
* bracketed end-of-article lines, also with OCR-garbled brackets:
  ``（林伟霞 黄俭）`` / ``渊林伟霞 黄俭冤``;
* inline lead-ins: ``本报讯 记者齐旭报道：6月27日，…``;
* trailing attributions: ``…见到实效。(跃文)``;
* names run together where the extractor dropped the spaces (PyMuPDF):
  ``本报记者张三李四``, ``新华社记者王小明赵刚``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final, NamedTuple

import regex

from .chars import GARBLED_BRACKETS
from .model import Byline, Span

__all__ = [
    "AGENCIES",
    "COMPOUND_SURNAMES",
    "NAME_RUN_MAX",
    "ROLES",
    "all_person_names",
    "looks_like_byline_line",
    "parse_byline",
    "restore_brackets",
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
# Inline lead-in: "本报讯 记者齐旭报道：", "本报讯（记者 王伟）", "本报讯".
_LEAD_IN = regex.compile(
    r"^(?P<lead>(?:本报|本刊|本台)讯"
    r"(?:\s*(?P<role>" + _ROLE + r")\s*(?P<names>" + _NAME + r"(?:[ 、]" + _NAME + r")*?)\s*报道\s*[：:]"
    r"|\s*[（(]\s*(?P<role2>" + _ROLE + r")\s*(?P<names2>" + _NAMES + r")\s*[)）])?)\s*"
)
# A trailing attribution after a sentence end: "…见到实效。(跃文)".
_TRAILING = regex.compile(r"(?<=[。！？”…])\s*(?P<attr>[（(](?!待续|未完|完|续完|续)" + _NAMES + r"[)）])$")
# A trailing photo credit after a sentence end: "…后备班组长。 黄华伟 朱佳妮 摄影报道".
_TRAILING_CREDIT = regex.compile(r"(?<=[。！？”…])\s*(?P<attr>" + _NAMES + r"\s*(?:摄影报道|摄影|摄))$")


#: How a paragraph with an inline lead-in byline starts (a cheap pre-check).
LEAD_IN_STARTS: Final = ("本报讯", "本刊讯", "本台讯")
#: The last character of a paragraph with a trailing attribution or credit.
TRAILING_ENDS: Final = frozenset(")）摄道影")


class LeadIn(NamedTuple):
    """A byline split off the start of a paragraph."""

    lead: str
    rest: str


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
    """
    if len(text) > 40:
        return False
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

    >>> parse_byline("新华社记者 吴雨 任军", (5, 5))
    Byline(agency='新华社', role='记者', names=('吴雨', '任军'), raw='新华社记者 吴雨 任军', span=(5, 5))
    >>> parse_byline("本报讯 记者齐旭报道：", (1, 1)).names
    ('齐旭',)
    >>> parse_byline("新华社记者王小明赵刚", (2, 2)).names
    ('王小明', '赵刚')
    """
    inner = text.strip().strip("（）()")
    lead = _LEAD_IN.match(inner)
    if lead and lead.group("lead"):
        agency = lead.group("lead")[:2]
        role = lead.group("role") or lead.group("role2")
        names = lead.group("names") or lead.group("names2") or ""
        return Byline(agency, role, _split_names(names), text, span)
    m = _BYLINE_LINE.match(inner) or _BYLINE_RUN.match(inner)
    if m:
        return Byline(m.group("agency"), m.group("role"), _split_names(m.group("names")), text, span)
    return Byline(None, None, _split_names(inner), text, span)


# Words of a photo credit that are not names: "黄华伟 朱佳妮 摄影报道".
_CREDIT_WORDS: Final = frozenset({"摄", "摄影", "摄影报道", "供图", "报道"})


# What separates spaced names: "陈刚 杨绍功", "林伟霞、黄俭".
_NAME_SEPARATOR = regex.compile(r"[ 、，,]+")
# Han only, no separator, no "·" of a transliterated name: names run together.
_HAN_RUN = regex.compile(r"^[\p{Han}]+$")
# The shortest run of Han that may be more than one name ("张三李四").
_RUN_MIN = 4


def _split_names(names: str) -> tuple[str, ...]:
    if len(names) >= _RUN_MIN and _HAN_RUN.match(names):
        return split_name_run(names)
    return tuple(n for n in _NAME_SEPARATOR.split(names) if n and n not in _CREDIT_WORDS)


def split_lead_in(text: str) -> LeadIn | None:
    """Split an inline byline lead-in off a paragraph's start.

    >>> split_lead_in("本报讯 记者齐旭报道：6月27日，第二十届…")
    LeadIn(lead='本报讯 记者齐旭报道：', rest='6月27日，第二十届…')
    >>> split_lead_in("本报讯 工业和信息化部近日印发…")
    LeadIn(lead='本报讯', rest='工业和信息化部近日印发…')
    """
    m = _LEAD_IN.match(text)
    if not m or not m.group("lead"):
        return None
    rest = text[m.end():]
    if not rest:
        return None
    return LeadIn(m.group("lead").strip(), rest)


def split_trailing_attribution(text: str) -> tuple[str, str] | None:
    """Split a trailing attribution or photo credit off a paragraph's end.

    >>> split_trailing_attribution("…见到实效。(跃文)")
    ('…见到实效。', '(跃文)')
    >>> split_trailing_attribution("…后备班组长。 黄华伟 朱佳妮 摄影报道")
    ('…后备班组长。', '黄华伟 朱佳妮 摄影报道')
    """
    m = _TRAILING.search(text) or _TRAILING_CREDIT.search(text)
    if not m:
        return None
    return text[: m.start()].rstrip(), m.group("attr")
